"""Aircraft that drop leaflets are a warning, not a strike."""

from datetime import date

from fogofwar import extract_text


def test_leaflet_drop_is_not_an_air_strike(res):
    ad = extract_text(
        "Coalition warplanes dropped thousands of leaflets over Raqqa telling residents to leave.",
        published=date(2016, 5, 25),
        res=res,
    )
    assert not [e for e in ad.events if e.sub_event_type == "Air/drone strike"]
    assert [e.event_type for e in ad.events] == ["Strategic developments"]


def test_warplanes_that_strike_are_still_an_air_strike(res):
    ad = extract_text(
        "Warplanes struck a market in Raqqa, killing five.", published=date(2016, 5, 25), res=res
    )
    assert [e.sub_event_type for e in ad.events] == ["Air/drone strike"]
