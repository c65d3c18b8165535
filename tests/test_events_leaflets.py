"""Event rules: leaflets are no strike, release dates are no event dates, implicit parties."""

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


def test_release_date_is_not_the_event_date(res):
    ad = extract_text(
        "Gunmen attacked a clinic in Kafo on 15 March. Six nurses were abducted in the attack "
        "and released on 18 March.",
        published=date(2021, 3, 20),
        res=res,
    )
    dates = {e.date.first for e in ad.events if e.date is not None}
    assert dates == {date(2021, 3, 15)}


def test_a_fight_with_no_party_takes_the_armed_subject_just_before(res):
    ad = extract_text(
        "On 27 April, the police raided a hideout in Kano. A fierce gunfight broke out.",
        published=date(2020, 4, 28),
        res=res,
    )
    fights = [e for e in ad.events if e.event_type == "Battles"]
    assert fights and fights[-1].actors[0].actor.canonical_id.startswith("police_forces")


def test_no_party_is_borrowed_from_a_sentence_without_armed_actors(res):
    ad = extract_text(
        "Residents gathered in the square. A gunfight broke out at night.",
        published=date(2020, 4, 28),
        res=res,
    )
    fights = [e for e in ad.events if e.event_type == "Battles"]
    assert fights and not [a for a in fights[-1].actors if a.role == "actor1"]
