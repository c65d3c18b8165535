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


def test_stage_sentences_equal_ones_built_by_init() -> None:
    from fogofwar.extract.sentences import run
    from fogofwar.ingest.document import make_document
    from fogofwar.model import AnnotatedDoc, Sentence

    doc = make_document("Isis fled. The army entered Fallujah.")
    got = run(AnnotatedDoc(doc)).sentences
    want = (
        Sentence(doc.id, 0, 0, 10, "Isis fled."),
        Sentence(doc.id, 1, 11, 37, "The army entered Fallujah."),
    )
    assert got == want and [hash(s) for s in got] == [hash(s) for s in want]
    assert [vars(s) for s in got] == [vars(s) for s in want] and repr(got) == repr(want)


def test_starts_of_the_last_and_of_other_sentences() -> None:
    from fogofwar.extract.sentences import run, starts
    from fogofwar.ingest.document import make_document
    from fogofwar.model import AnnotatedDoc

    first = run(AnnotatedDoc(make_document("One. Two here. Three."))).sentences
    last = run(AnnotatedDoc(make_document("Alpha. Beta."))).sentences
    assert starts(last) == [0, 7]
    assert starts(first) == [0, 5, 15]  # not the tuple built last: read from the sentences
    assert starts(list(last)) == [0, 7] and starts(()) == []
