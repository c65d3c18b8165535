from fogofwar.extract.sentences import split


def test_splits_on_terminal_punctuation():
    text = "Isis fled the town. The army entered Fallujah on Monday."
    assert [text[a:b] for a, b in split(text)] == [
        "Isis fled the town.",
        "The army entered Fallujah on Monday.",
    ]


def test_keeps_abbreviations_and_initials_inside_a_sentence():
    text = "Gen. Smith said U.S. forces struck it. Then 5 died."
    assert [text[a:b] for a, b in split(text)] == [
        "Gen. Smith said U.S. forces struck it.",
        "Then 5 died.",
    ]


def test_paragraph_break_ends_a_sentence_without_punctuation():
    text = "Headline without a full stop\n\nBody text starts here."
    assert [text[a:b] for a, b in split(text)] == [
        "Headline without a full stop",
        "Body text starts here.",
    ]


def test_empty_text_has_no_sentences():
    assert split("   \n ") == []
