from fogofwar.extract.sentences import _is_abbreviation, split


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


def test_abbreviation_read_backwards_equals_forwards() -> None:
    text = "Col. Ali met Gen. Omar. Troops of the U.S. left on Jan. 3. X.\nThey said.\n. Dr. Y"
    for dot in (i for i, ch in enumerate(text) if ch == "."):
        assert _is_abbreviation(text, dot, text[::-1]) == _is_abbreviation(text, dot), dot


def test_initials_and_long_words_before_a_dot() -> None:
    text = "Ahmed J. Smith left Baghdad. Counterinsurgency ended. Police came."
    assert [text[a:b] for a, b in split(text)] == [
        "Ahmed J. Smith left Baghdad.",
        "Counterinsurgency ended.",
        "Police came.",
    ]
