"""A town named with a unit GeoNames does not put it in: a border town stays, in the report's
unit; a large city stays in its own; a namesake far away gives way to the unit; a town the
named unit confirms stays however the rest of the report leans."""

from datetime import date

from fogofwar import extract_text
from fogofwar.extract.places import main_place


def _main(text: str, res):  # noqa: ANN001, ANN202 - the session fixture
    place = main_place(extract_text(text, published=date(2021, 3, 2), res=res))
    assert place is not None
    return place


def test_border_town_stays_in_the_unit_the_report_names(res):
    # GeoNames puts Ad Dujayl in Salah ad Din, a few km from Baghdad province's towns
    p = _main("Gunmen killed a shepherd near Dujail, Baghdad, on Friday.", res)
    assert (p.feature, p.admin1, p.country_code) == ("city", "Baghdad", "IQ")
    assert abs(p.lat - 33.85) < 0.05 and abs(p.lon - 44.23) < 0.05  # the town's own point


def test_town_far_from_the_named_unit_gives_way_to_the_unit(res):
    p = _main("Gunmen killed a shepherd near Dujail, Basra, on Friday.", res)
    assert (p.feature, p.admin1) == ("admin1", "Basra")
    p = _main("A shell hit a house in Tal Tamr, Aleppo, Syria.", res)
    assert (p.feature, p.admin1) == ("admin1", "Aleppo")


def test_large_city_named_with_the_wrong_unit_stays_in_its_own(res):
    p = _main("Hundreds rallied in Kramatorsk, Luhansk, against the closure of a mine.", res)
    assert (p.feature, p.name, p.admin1) == ("city", "Kramatorsk", "Donetsk")


def test_town_in_a_unit_geonames_codes_do_not_cover(res):
    # Ituri (2015) is an ISO 3166-2 province without GeoNames towns of its own
    p = _main("Gunmen attacked a camp in Bunia, Ituri, killing four.", res)
    assert (p.feature, p.name, p.admin1) == ("city", "Bunia", "Ituri")


def test_named_unit_confirms_a_town_other_names_point_away_from(res):
    # "Belen" and "Caracas" point at other countries; "La Libertad" says which Trujillo
    text = (
        "Nurses of the Belen clinic marched in Trujillo, La Libertad, after a minister "
        "in Caracas spoke."
    )
    p = _main(text, res)
    assert (p.feature, p.name, p.country_code) == ("city", "Trujillo", "PE")


def test_particles_join_portuguese_and_french_names(res):
    p = _main("Police raided a house in Ribeirao das Neves, Minas Gerais.", res)
    assert (p.name, p.country_code) == ("Ribeirão das Neves", "BR")
    p = _main("Gangs fought in Port-au-Prince on Sunday.", res)
    assert (p.name, p.country_code) == ("Port-au-Prince", "HT")
