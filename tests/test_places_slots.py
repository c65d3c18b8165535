"""What the words around a name say it is: "X city", a neighbourhood's town, "Y, Y, country"."""

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
