"""End to end on the two seed articles (../shared/seeds, published 2016-06-01).

Runs ``fogofwar run`` in-process, then reads ``events`` and ``relations`` back as JSON and
checks the facts issue 2 lists. Skipped with a clear message when ../shared is absent.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from fogofwar import extract_document
from fogofwar.cli import cli
from fogofwar.ingest.readers import ingest_paths
from fogofwar.model import Document

Event = dict[str, Any]


def _invoke(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def store(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("seeds")
    db = tmp / "seeds.db"
    _invoke("--db", str(db), "run", str(seeds_dir), "--published", "2016-06-01", "--out", str(tmp))
    return db


@pytest.fixture(scope="module")
def events(store: Path) -> list[Event]:
    return json.loads(_invoke("--db", str(store), "events", "--format", "json"))


@pytest.fixture(scope="module")
def relations(store: Path) -> list[dict[str, Any]]:
    return json.loads(_invoke("--db", str(store), "relations", "--format", "json"))


def _ids(ev: Event, role: str | None = None) -> set[str]:
    return {a["canonical_id"] for a in ev["actors"] if role is None or a["role"] == role}


def _place(ev: Event) -> str:
    return ((ev["place"] or {}).get("name") or "").lower()


def _country(ev: Event) -> str | None:
    return (ev["place"] or {}).get("country")


def _fig(ev: Event, kind: str) -> list[dict[str, Any]]:
    return [f for f in ev["figures"] if f["kind"] == kind]


def _find(events: list[Event], pred: Callable[[Event], bool], what: str) -> list[Event]:
    hits = [e for e in events if pred(e)]
    assert hits, f"no event found for: {what}"
    return hits


def test_fallujah_offensive_by_iraqi_army_and_shia_militias(events: list[Event]) -> None:
    def pred(e: Event) -> bool:
        return (
            e["event_type"] == "Battles"
            and "fallujah" in _place(e).replace("ū", "u")
            and e["date"] == "2016-05-23"
            and any(i.startswith("military_forces:IQ") for i in _ids(e))
        )

    _find(events, pred, "Battles at Fallujah from 23 May 2016 by the Iraqi army")


def test_airstrike_backers_become_backs_relations(relations: list[dict[str, Any]]) -> None:
    backs = {(r["source"], r["target"]) for r in relations if r["kind"] == "backs"}
    backers = {s.split(":")[-1] for s, t in backs if t.startswith("military_forces:IQ")}
    assert {"US", "AU", "GB"} <= backers, backs


def test_68000_civilians_fled_fallujah(events: list[Event]) -> None:
    hits = _find(
        events,
        lambda e: any(f["best"] == 68000 or f["low"] == 68000 for f in _fig(e, "displaced")),
        "68,000 displaced",
    )
    assert any(_country(e) == "Iraq" for e in hits)
    qualifiers = {f["qualifier"] for e in hits for f in _fig(e, "displaced")}
    assert "some" in qualifiers


def test_hrw_allegations_are_attributed_and_alleged(events: list[Event]) -> None:
    _find(
        events,
        lambda e: "Human Rights Watch" in (e["attribution"] or "") and e["modality"] == "alleged",
        "HRW allegations (attributed, alleged)",
    )


def test_coalition_civilian_toll_since_2014(events: list[Event]) -> None:
    def pred(e: Event) -> bool:
        return (
            any(f["low"] == 1206 for f in _fig(e, "killed")) and (e["date"] or "") <= "2014-12-31"
        )

    hits = _find(events, pred, "at least 1,206 civilians killed since 2014")
    assert any(any("coalition" in i for i in _ids(e, "actor1")) for e in hits), hits


def test_seven_family_members_killed_last_week(events: list[Event]) -> None:
    def pred(e: Event) -> bool:
        return any(f["best"] == 7 or f["low"] == 7 for f in _fig(e, "killed"))

    hits = _find(events, pred, "7 members of one family killed")
    assert any("2016-05-22" <= (e["date"] or "") <= "2016-05-29" for e in hits), hits


def test_raqqa_evacuation_claim_and_its_denial_are_both_kept(events: list[Event]) -> None:
    raqqa = [e for e in events if "raqq" in _place(e) and "isis" in _ids(e)]
    modalities = {e["modality"] for e in raqqa if "evacuat" in json.dumps(e).lower()}
    assert "denied" in modalities, raqqa
    assert modalities & {"reported", "attributed", "alleged"}, raqqa


def test_over_80000_fled_sirte(events: list[Event]) -> None:
    hits = _find(
        events,
        lambda e: any(f["low"] == 80000 for f in _fig(e, "displaced")),
        "over 80,000 displaced",
    )
    assert any(_country(e) == "Libya" for e in hits)


def test_beheading_of_21_christians_in_february_2015(events: list[Event]) -> None:
    hits = _find(events, lambda e: any(f["best"] == 21 for f in _fig(e, "killed")), "21 beheaded")
    assert any((e["date"] or "").startswith("2015-02") for e in hits), hits


def test_sdf_offensive_on_manbij(events: list[Event]) -> None:
    _find(
        events,
        lambda e: "manbij" in _place(e) and "sdf" in _ids(e) and _country(e) == "Syria",
        "SDF offensive on Manbij",
    )


def test_green_zone_stormed(events: list[Event]) -> None:
    _find(
        events,
        lambda e: e["event_type"] in {"Protests", "Riots"} and _country(e) == "Iraq",
        "Green Zone stormed (protest/riot in Iraq)",
    )


def test_planned_protests_at_embassies(events: list[Event]) -> None:
    _find(
        events,
        lambda e: e["event_type"] == "Protests" and e["modality"] == "planned",
        "planned protests",
    )


@pytest.mark.parametrize(
    ("names", "country"),
    [
        (("Raqqa", "Manbij", "Aleppo", "Idlib"), "Syria"),
        (("Fallujah", "Mosul", "Baghdad"), "Iraq"),
        (("Sirte", "Misrata", "Tobruk", "Tripoli"), "Libya"),
    ],
)
def test_places_geocode_to_their_country(
    seeds_dir: Path, res: Any, names: tuple[str, ...], country: str
) -> None:
    found: dict[str, set[str]] = {}
    for item in ingest_paths([seeds_dir], published=date(2016, 6, 1)):
        if not isinstance(item, Document):
            continue
        for p in extract_document(item, res=res).places:
            found.setdefault(p.text, set()).add(p.country or "")
    for name in names:
        assert found.get(name) == {country}, (name, found.get(name))
