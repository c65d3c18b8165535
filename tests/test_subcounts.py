"""Sub-counts ("…, including 7 members of one family last week") across figures and events."""

from datetime import date

from fogofwar import extract_text
from fogofwar.extract.figures import SUBCOUNT, total


def test_subcount_is_kept_but_not_added_to_the_total(res):
    ad = extract_text(
        "Gunmen killed 5 people, including 2 children, in Kano on Monday.",
        published=date(2021, 3, 3),
        res=res,
    )
    subs = [f for f in ad.figures if f.qualifier == SUBCOUNT]
    assert [(f.kind, f.best) for f in subs] == [("killed", 2)]
    assert total(ad.figures, "killed") == 5
    assert len(ad.events) == 1 and [f.best for f in ad.events[0].figures] == [5]


def test_dated_subcount_becomes_an_event_of_its_own(res):
    ad = extract_text(
        "Since 2014 at least 900 civilians have been killed by coalition air strikes, "
        "including 4 members of one household last week.",
        published=date(2016, 6, 1),
        res=res,
    )
    dated = [e for e in ad.events if [f.best for f in e.figures] == [4]]
    assert dated and dated[0].date is not None
    assert dated[0].date.first == date(2016, 5, 23) and dated[0].date.precision == "week"
    main = [e for e in ad.events if [f.low for f in e.figures] == [900]]
    assert main and main[0].date is not None and main[0].date.first.year == 2014
