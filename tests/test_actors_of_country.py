"""Generic forces named with their country after the noun: "military forces of Armenia"."""

from datetime import date

from fogofwar import extract_text


def test_country_after_the_noun_names_the_forces(res):
    ad = extract_text(
        "On 2 May 2021, military forces of Armenia shelled positions of the military forces "
        "of Azerbaijan near Tovuz.",
        published=date(2021, 5, 3),
        res=res,
    )
    ids = [a.canonical_id for a in ad.actors]
    assert ids[:2] == ["military_forces:AM", "military_forces:AZ"]
    # the mention keeps its own span; the country names stay available to the places stage
    assert all(ad.doc.text[a.start : a.end] == a.text == "military forces" for a in ad.actors[:2])


def test_of_phrase_without_a_country_leaves_the_actor_generic(res):
    ad = extract_text(
        "Soldiers of Fortune magazine reported it.", published=date(2021, 5, 3), res=res
    )
    assert all(a.canonical_id.endswith(":?") for a in ad.actors)
