"""Stage places.v1: geocoding place names from document context."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from fogofwar.extract import places, sentences
from fogofwar.extract.pipeline import build
from fogofwar.ingest.document import make_document
from fogofwar.model import ActorMention, AnnotatedDoc, PlaceMention


@dataclass(frozen=True)
class GazOnly:
    """A five-line stand-in for Resources: the places stage reads only the gazetteer."""

    gazetteer: object


def geocode(text: str, res, actors: tuple[ActorMention, ...] = ()) -> AnnotatedDoc:  # noqa: ANN001
    ad = sentences.run(AnnotatedDoc(make_document(text)))
    ad = AnnotatedDoc(ad.doc, ad.sentences, actors=actors)
    return places.run(ad, res=GazOnly(res.gazetteer))


def by_text(ad: AnnotatedDoc) -> dict[str, PlaceMention]:
    return {p.text: p for p in ad.places}


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Kurdish-led fighters advanced on Raqqa from the north.", "Raqqa", "Syria"),
        ("The SDF pushed into Manbij after weeks of fighting.", "Manbij", "Syria"),
        ("Shelling continued in Aleppo and Idlib overnight.", "Aleppo", "Syria"),
        ("Shelling continued in Aleppo and Idlib overnight.", "Idlib", "Syria"),
        ("Iraqi troops entered central Fallujah on Friday.", "Fallujah", "Iraq"),
        ("Families fled Mosul for camps east of the city.", "Mosul", "Iraq"),
        ("A car bomb exploded in Baghdad on Sunday.", "Baghdad", "Iraq"),
        ("Unity government forces closed in on Sirte.", "Sirte", "Libya"),
        ("Brigades from Misrata joined the offensive.", "Misrata", "Libya"),
        ("The eastern parliament sits in Tobruk.", "Tobruk", "Libya"),
    ],
)
def test_acceptance_towns(res, text: str, name: str, country: str) -> None:  # noqa: ANN001
    p = by_text(geocode(text, res))[name]
    assert p.country == country
    assert p.feature == "city" and p.geo_precision == 1
    assert p.gazetteer_id and p.gazetteer_id.startswith("geonames:")


def test_tripoli_follows_the_story(res) -> None:  # noqa: ANN001
    libya = geocode("Libyan militias clashed in Tripoli as the unity government met.", res)
    assert by_text(libya)["Tripoli"].country_code == "LY"
    lebanon = geocode("Protesters in Tripoli, Lebanon, blocked roads near Beirut.", res)
    assert by_text(lebanon)["Tripoli"].country_code == "LB"


def test_actor_country_is_context(res) -> None:  # noqa: ANN001
    text = "Gunmen attacked a market in Tripoli."
    actor = ActorMention("d", 0, 6, "Gunmen", 0, "x", "Lebanese militia", "identity_militia", "LB")
    assert by_text(geocode(text, res, (actor,)))["Tripoli"].country_code == "LB"


def test_spans_provenance_and_fields(res) -> None:  # noqa: ANN001
    text = "Clashes erupted in Raqqa.\nLater, jets struck Mosul, Iraq."
    ad = geocode(text, res)
    assert ad.places
    for p in ad.places:
        assert text[p.start : p.end] == p.text
        assert p.doc_id == ad.doc.id and p.stage == "places.v1"
    mosul = by_text(ad)["Mosul"]
    assert mosul.sentence == 1 and mosul.admin1 and mosul.lat and mosul.lon
    assert by_text(ad)["Iraq"].feature == "country" and by_text(ad)["Iraq"].geo_precision == 3


def test_precision_codes(res) -> None:  # noqa: ANN001
    ad = geocode(
        "Fighting near Manbij, in Jarablus district and in Idlib province; Syria condemned it.",
        res,
    )
    got = by_text(ad)
    assert got["Manbij"].geo_precision == 2
    assert got["Jarablus"].geo_precision == 2
    assert got["Idlib"].feature == "admin1" and got["Idlib"].geo_precision == 3
    assert got["Syria"].geo_precision == 3


def test_town_province_country_chain(res) -> None:  # noqa: ANN001
    ad = geocode("An explosive device detonated in Tal Afar, Nineveh, Iraq.", res)
    main = places.main_place(ad)
    assert main is not None and main.text == "Tal Afar"
    assert main.country == "Iraq" and main.feature == "city"


def test_main_place_prefers_the_town_over_country_and_modifiers(res) -> None:  # noqa: ANN001
    ad = geocode("Syria: a Kabul-born reporter said clashes hit Manbij. Syria denied it.", res)
    main = places.main_place(ad)
    assert main is not None and main.text == "Manbij"
    assert places.main_place(geocode("Nothing happened anywhere.", res)) is None


def test_main_place_never_a_country_centroid_when_a_town_is_named(res) -> None:  # noqa: ANN001
    ad = geocode("In Iraq, gunmen killed two farmers in Baiji on Tuesday.", res)
    assert places.main_place(ad).text == "Baiji"


def test_person_names_are_not_places(res) -> None:  # noqa: ANN001
    text = (
        "Prime Minister Haider al-Abadi visited troops. Abadi said the army would win. "
        "Mr Jordan, a spokesman, declined to comment. Michael Jordan was not there."
    )
    assert geocode(text, res).places == ()


def test_a_town_after_a_preposition_is_no_speaker(res) -> None:  # noqa: ANN001
    # "Hamid said" is a person; "elders from Hit said" tells where the speakers are from
    ad = geocode("Elders from Hit said on Monday that the bridge was closed.", res)
    assert [p.name for p in ad.places] == ["Hīt"]
    assert geocode("Samarra said on Monday that the bridge was closed.", res).places == ()


def test_jordan_the_country_is_a_place(res) -> None:  # noqa: ANN001
    p = by_text(geocode("Refugees crossed into Jordan last year.", res))["Jordan"]
    assert p.country_code == "JO" and p.feature == "country"


def test_country_in_a_group_name_is_not_a_place(res) -> None:  # noqa: ANN001
    text = "The Islamic State of Iraq claimed the attack."
    assert [p.text for p in geocode(text, res).places] == []


def test_places_inside_actor_mentions_are_skipped(res) -> None:  # noqa: ANN001
    text = "The Iraqi army and the Raqqa Revolutionaries Brigade advanced."
    actor = ActorMention("d", 15, 50, text[15:50], 0, "rrb", "RRB", "rebel", "SY")
    assert "Raqqa" not in by_text(geocode(text, res, (actor,)))


def test_demonyms_and_modifiers_are_context_not_places(res) -> None:  # noqa: ANN001
    ad = geocode("Syrian and US-backed forces, paid in US dollars, took Tabqa.", res)
    assert [p.text for p in ad.places] == ["Tabqa"]
    assert ad.places[0].country_code == "SY"


def test_common_words_and_fragments_are_skipped(res) -> None:  # noqa: ANN001
    text = "On Monday, Police and Security forces met in Ras al-Nabea. May was calm."
    names = [p.text for p in geocode(text, res).places]
    assert "Police" not in names and "May" not in names and "Ras" not in names


def test_full_pipeline_assigns_places(res) -> None:  # noqa: ANN001
    pipe = build(("sentences.v1", "actors.v1", "places.v1"))
    ad = pipe(AnnotatedDoc(make_document("Isis fighters attacked Sirte in Libya.")), res=res)
    assert by_text(ad)["Sirte"].country == "Libya"


def test_town_contradicted_by_its_province_gives_way_to_the_province(res) -> None:  # noqa: ANN001
    # GeoNames' only Tal Tamr lies in Al-Hasakah, far from Aleppo's towns: the report
    # means another, unknown Tal Tamr, and Aleppo province says where it is.
    ad = geocode("Gunmen attacked a checkpoint in Tal Tamr, Aleppo, Syria.", res)
    main = places.main_place(ad)
    assert main is not None and main.feature == "admin1"
    assert res.gazetteer.admin1_code("SY", main.admin1) == res.gazetteer.admin1_code("SY", "Aleppo")


def test_border_town_named_with_the_neighbouring_province_stays(res) -> None:  # noqa: ANN001
    # GeoNames puts Tarmiyah in Baghdad province, next to Salah ad Din's towns: the town
    # stays, in the province the report names (borders move; reports follow their own).
    ad = geocode("Gunmen attacked a checkpoint in Tarmiyah, Saladin, Iraq.", res)
    main = places.main_place(ad)
    assert main is not None and main.feature == "city"
    assert res.gazetteer.admin1_code("IQ", main.admin1) == res.gazetteer.admin1_code(
        "IQ", "Saladin"
    )


def test_unit_and_country_without_comma(res) -> None:  # noqa: ANN001
    ad = geocode("A roadside bomb hit a patrol in Dihok Iraq.", res)
    assert {p.country_code for p in ad.places} == {"IQ"}


def test_regions_seas_and_brands_are_not_towns(res) -> None:  # noqa: ANN001
    text = "Across the Middle East, Google maps of the Gulf were shared; ships sailed the Red Sea."
    assert [p.text for p in geocode(text, res).places] == []
