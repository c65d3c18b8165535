"""Monitoring missions tied to one country give a note that names only villages a country."""

from __future__ import annotations

from datetime import date

from fogofwar.extract.pipeline import extract_text


def test_the_ukraine_monitoring_mission_carries_its_country(res) -> None:
    text = "The OSCE SMM heard 7 explosions near a hamlet called Xyzivka overnight."
    ad = extract_text(text, published=date(2019, 5, 2), res=res)
    smm = [a for a in ad.actors if a.canonical_id == "osce_smm"]
    assert smm and smm[0].country == "UA"
    assert {p.country for p in ad.places} == {"Ukraine"}  # inferred: no place is known


def test_the_organisation_itself_has_no_country(res) -> None:
    ad = extract_text("The OSCE called for a ceasefire.", published=date(2019, 5, 2), res=res)
    osce = [a for a in ad.actors if a.canonical_id == "osce"]
    assert osce and osce[0].country is None
    assert not ad.places
