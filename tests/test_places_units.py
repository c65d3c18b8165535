"""'Town, Province' when every town named like the province lies in that province."""

from datetime import date

from fogofwar import extract_text
from fogofwar.extract.places import main_place


def test_province_after_comma_overrides_namesake_towns_elsewhere(res):
    ad = extract_text(
        "On 3 May 2020, mortars hit positions near Vodyane, Donetsk.",
        published=date(2020, 5, 4),
        res=res,
    )
    place = main_place(ad)
    assert place is not None and (place.country, place.admin1) == ("Ukraine", "Donetsk")


def test_town_after_comma_stays_a_town(res):
    ad = extract_text("Fighting continued in Tal Afar, Mosul.", published=date(2016, 6, 1), res=res)
    assert {p.feature for p in ad.places} == {"city"}
