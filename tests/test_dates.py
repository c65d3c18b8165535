"""dates.v1: expressions resolved against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from fogofwar.extract import dates, sentences
from fogofwar.ingest.document import make_document
from fogofwar.model import AnnotatedDoc, DateMention

PUB = date(2016, 6, 7)  # a Tuesday


def _run(text: str, published: date | None = PUB) -> AnnotatedDoc:
    ad = sentences.run(AnnotatedDoc(make_document(text, published=published)))
    return dates.run(ad)


def _one(text: str, published: date | None = PUB) -> DateMention:
    found = _run(text, published).dates
    assert len(found) == 1, found
    return found[0]


D = date


@pytest.mark.parametrize(
    ("text", "first", "last", "precision"),
    [
        ("Fighters entered the town on 23 May.", D(2016, 5, 23), D(2016, 5, 23), "day"),
        ("The May 23 attack was condemned.", D(2016, 5, 23), D(2016, 5, 23), "day"),
        ("It fell on 23 May 2015, officials said.", D(2015, 5, 23), D(2015, 5, 23), "day"),
        ("On 27 April 2020, police repelled an attack.", D(2020, 4, 27), D(2020, 4, 27), "day"),
        ("01/01/2021: Assailants fired on a base.", D(2021, 1, 1), D(2021, 1, 1), "day"),
        (
            "01/00/2021: Sometime that month a bomb went off.",
            D(2021, 1, 1),
            D(2021, 1, 31),
            "month",
        ),
        ("Shelling resumed on Monday.", D(2016, 6, 6), D(2016, 6, 6), "day"),
        ("Shelling resumed last Tuesday.", D(2016, 5, 31), D(2016, 5, 31), "day"),
        ("The convoy was hit yesterday.", D(2016, 6, 6), D(2016, 6, 6), "day"),
        ("Talks continue today.", D(2016, 6, 7), D(2016, 6, 7), "day"),
        ("Clashes broke out last week.", D(2016, 5, 30), D(2016, 6, 5), "week"),
        ("The offensive began in February 2015.", D(2015, 2, 1), D(2015, 2, 28), "month"),
        ("The group was founded in 2011.", D(2011, 1, 1), D(2011, 12, 31), "year"),
        ("The village was razed two years ago.", D(2014, 1, 1), D(2014, 12, 31), "year"),
        ("The city has been besieged since 2014.", D(2014, 1, 1), PUB, "range"),
        ("Raids have intensified in recent days.", D(2016, 5, 31), PUB, "range"),
        ("Aid stopped in recent months.", D(2015, 12, 7), PUB, "range"),
        ("Prices doubled last month.", D(2016, 5, 1), D(2016, 5, 31), "month"),
        ("Two towns fell earlier this month.", D(2016, 6, 1), PUB, "range"),
        ("Jets struck the bridge overnight.", D(2016, 6, 6), PUB, "range"),
        ("Gunmen attacked on the night of 2-3 May.", D(2016, 5, 2), D(2016, 5, 3), "range"),
        ("Protests ran between 30 April and 2 May.", D(2016, 4, 30), D(2016, 5, 2), "range"),
        ("No jet struck the town on 25 or 26 May.", D(2016, 5, 25), D(2016, 5, 26), "range"),
        ("It happened on 30 April or 1 May.", D(2016, 4, 30), D(2016, 5, 1), "range"),
        ("Elections will be held on 10 June.", D(2016, 6, 10), D(2016, 6, 10), "day"),
        ("A market was bombed on 28 December.", D(2015, 12, 28), D(2015, 12, 28), "day"),
    ],
)
def test_resolution(text: str, first: date, last: date, precision: str) -> None:
    m = _one(text)
    assert (m.first, m.last, m.precision) == (first, last, precision)


def test_past_phrasing_moves_a_later_day_month_to_the_previous_year() -> None:
    assert _one("A ceremony was held on 10 June.").first == D(2015, 6, 10)


def test_year_less_range_follows_the_explicit_date_before_it() -> None:
    ad = _run("Around 28 April 2020 (from 27 - 28 April), workers protested.")
    assert [(m.first, m.last) for m in ad.dates] == [
        (D(2020, 4, 28), D(2020, 4, 28)),
        (D(2020, 4, 27), D(2020, 4, 28)),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "At least 1,206 people and 68,000 refugees were counted.",
        "The meeting began at 10:30 and ended at 14:00.",
        "The council passed Resolution 2254 unanimously.",
        "They may return if the road is cleared.",
        "Fighters moved 2014 rifles across the border.",
        "Five or 6 fighters crossed the border.",
    ],
)
def test_numbers_are_not_dates(text: str) -> None:
    assert _run(text).dates == ()


def test_provenance_and_sentence_index() -> None:
    text = "Gunmen struck at dawn. Officials said on Monday that 5 died."
    ad = _run(text)
    (m,) = ad.dates
    assert text[m.start : m.end] == m.text == "on Monday"
    assert m.sentence == 1 and m.doc_id == ad.doc.id and m.stage == "dates.v1"


def test_without_publication_date_only_absolute_dates_resolve() -> None:
    ad = _run("On 27 April 2020 a bomb exploded; another went off yesterday.", None)
    assert [m.text for m in ad.dates] == ["27 April 2020"]
    assert ad.warnings == (dates.NO_PUBLISHED_WARNING,)


def test_no_warning_when_everything_resolved() -> None:
    assert _run("On 27 April 2020 a bomb exploded.", None).warnings == ()


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("In the past few days the road closed.", "the past few days"),
        ("Raids grew in the last weeks.", "in the last weeks"),
        ("Earlier This Year the town fell.", "Earlier This Year"),
        ("Food ran out LAST MONTH.", "LAST MONTH"),
        ("Talks resumed this week.", "this week"),
    ],
)
def test_unit_expressions_are_found_through_their_word_pair(text: str, found: str) -> None:
    assert _one(text).text == found


def test_unit_words_alone_are_no_dates() -> None:
    for text in (
        "Stocks would run out within weeks.",
        "It was the worst day of the year.",
        "A curfew days long was imposed; the lastweek rumour was false.",
        "Fighting lasted for months.",
    ):
        assert _run(text).dates == (), text


def test_unit_trigger_stands_at_the_unit_word() -> None:
    text = "Raids rose in recent days and last year."
    found = dict((fam, pos) for pos, fam in dates._triggers(text))
    assert found == {"days": text.index("days"), "years": text.index("year")}


def test_stage_mentions_equal_ones_built_by_init() -> None:
    ad = _run("Gunmen struck on Monday.")
    (m,) = ad.dates
    want = DateMention(ad.doc.id, 14, 23, "on Monday", 0, D(2016, 6, 6), D(2016, 6, 6), "day")
    assert m == want and hash(m) == hash(want) and vars(m) == vars(want)
