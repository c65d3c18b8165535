"""What the words around a place name make of it: "X city", a neighbourhood's town, "Y, Y,
country"; a town named with a unit GeoNames does not put it in (a border town stays in the
report's unit, a large city in its own, a namesake far away gives way to the unit, a town
the named unit confirms stays however the rest of the report leans); second-level units
(districts, provinces of regions) no town of their country is named after."""

from datetime import date

from fogofwar import extract_text
from fogofwar.extract.places import main_place


def _main(text: str, res):  # noqa: ANN001, ANN202 - the session fixture
    place = main_place(extract_text(text, published=date(2021, 3, 2), res=res))
    assert place is not None
    return place


def test_city_word_beats_the_qualifier_slot(res):
    # after "..., " a name usually qualifies the one before it, but "Kunduz city" says town
    p = _main(
        "A bomb went off in the Third Police District, Kunduz city, Kunduz, Afghanistan.", res
    )
    assert (p.feature, p.name, p.geo_precision) == ("city", "Kunduz", 1)


def test_province_alone_after_an_unknown_village_stays_the_province(res):
    p = _main("Gunmen stormed a checkpoint in Qarya Zulmabad, Kunduz, Afghanistan.", res)
    assert (p.feature, p.admin1) == ("admin1", "Kunduz")


def test_neighbourhood_lies_in_the_town_named_after_it(res):
    p = _main("A grenade was thrown at a shop in Shahrara neighbourhood, Kunduz, Afghanistan.", res)
    assert (p.feature, p.name) == ("city", "Kunduz")
    p = _main("A grenade was thrown at a shop in Shahrara village, Kunduz, Afghanistan.", res)
    assert p.feature == "admin1"  # a village is not in the town


def test_a_name_repeated_is_the_town_then_its_province(res):
    p = _main("A drone struck a house in Al-Jubah, Taizz, Taizz, Yemen.", res)
    assert (p.feature, p.country_code) == ("city", "YE")
    assert abs(p.lat - 13.58) < 0.1 and abs(p.lon - 44.02) < 0.1  # Taizz town itself
    # in brackets, ACLED's "Town (Province)" is left as it was
    q = _main("Protesters gathered in Taizz (Taizz).", res)
    assert q.country_code == "YE"


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


def test_district_of_an_unknown_village_places_the_event(res):
    # Burkina Faso's Yagha and Tapoa are provinces (GeoNames admin2) with no town so named
    p = _main("Militants burned a school in Tinkoukou village, Yagha province.", res)
    assert (p.feature, p.country_code, p.geo_precision) == ("admin2", "BF", 2)
    assert 12.5 < p.lat < 14.5 and -0.5 < p.lon < 1.5  # Burkina Faso's north-east
    p = _main("Gunmen killed two herders near Kantchari (Kantchari, Tapoa).", res)
    assert p.country_code == "BF"


def test_philippine_province_gives_the_country(res):
    p = _main("Soldiers clashed with rebels in Barangay Pinamintahan, Maguindanao.", res)
    assert (p.feature, p.country_code) == ("admin2", "PH")


def test_town_close_to_its_district_stays_a_town(res):
    # Ampatuan lies inside Maguindanao: the district confirms the town
    p = _main("A bomb was defused in Ampatuan, Maguindanao, Philippines.", res)
    assert (p.feature, p.name) == ("city", "Ampatuan")


def test_town_far_from_the_named_district_gives_way(res):
    # our only Kabalantian lies ~140 km from North Cotabato: the report means another
    p = _main("Gunmen abducted a farmer in Kabalantian, North Cotabato, Philippines.", res)
    assert (p.feature, p.name) == ("admin2", "North Cotabato")


def test_a_district_refuted_once_is_not_kept_at_a_later_mention(res):
    text = "In Castilla, Piura, workers protested outside the Castilla town hall."
    ad = extract_text(text, published=date(2020, 5, 2), res=res)
    assert {p.feature for p in ad.places} == {"admin1"}  # Piura only, not Arequipa's Castilla


def test_district_names_are_not_persons_subjects(res):
    # US county names ("Jackson") must not turn speakers into places
    ad = extract_text("Jackson said the county would reopen schools.", res=res)
    assert ad.places == ()


def test_a_neighbourhood_named_like_a_town_elsewhere_is_not_that_town(res):
    # Ar Rawdah is a town of Sanaa governorate; "al-Rawdah neighbourhood, Taizz" is a
    # quarter of Taizz
    p = _main("A shell hit a shop in al-Rawdah neighbourhood, Taizz, Yemen.", res)
    assert (p.feature, p.admin1) == ("city", "Ta'izz")
    assert abs(p.lat - 13.58) < 0.1  # Taizz itself, not Ar Rawdah near Sanaa (15.4 N)


def test_a_district_in_the_qualifier_slot_beats_a_larger_foreign_town(res):
    # "Samar" is a Philippine province (admin2) and an alias of Russia's Samara province;
    # the NPA says the Philippines, and the slot after "Pinabacdao, " asks for a unit
    text = "NPA rebels and soldiers exchanged fire in Barangay Bugho, Pinabacdao, Samar."
    p = _main(text, res)
    assert (p.feature, p.country_code) == ("admin2", "PH")


def test_a_province_abroad_cannot_lie_in_the_unit_that_qualifies_it(res):
    # "Mambasa" reads as Kenya's Mombasa province; "(Mambasa, Nord-Kivu)" is in DR Congo
    p = _main("Rebels abducted two farmers in Lolwa village (Mambasa, Nord-Kivu).", res)
    assert (p.feature, p.country_code) == ("admin1", "CD")
    p = _main("Dockers went on strike in Mombasa, Kenya.", res)
    assert p.country_code == "KE"
