"""Triangulation commands over a real store filled with hand-built extraction output."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from click.testing import CliRunner
from tri_fixtures import M, doc

from fogofwar.cli import cli
from fogofwar.store import open_store

PUB = date(2016, 6, 1)


def _fill(path) -> None:
    ads = [
        doc(
            "Levant Wire",
            PUB,
            M(
                "Coalition jets struck a Raqqa bakery, killing seven.",
                "struck",
                figures=(("killed", "seven", 7, 7, 7, None),),
            ),
        ),
        doc(
            "Euphrates Monitor",
            PUB,
            M(
                "Activists said coalition raids on Raqqa killed 30.",
                "raids",
                figures=(("killed", "30", 30, 30, 30, None),),
            ),
        ),
        doc(
            "Solidarity Blog",
            PUB,
            M(
                "Some reports said Isis was letting families leave Raqqa.",
                "leave",
                kind="flee",
                actors=(("actor1", "isis"),),
                claimant="Some reports",
                day=None,
            ),
            M(
                "Others said the group still stopped anyone leaving the city.",
                "stopped",
                kind="flee",
                actors=(("actor1", "isis"),),
                claimant="Others",
                modality="negated",
                day=None,
            ),
        ),
        doc("Daily Courier", PUB, M("Coalition jets struck Manbij.", "struck", place="manbij")),
    ]
    with open_store(path) as store:
        for ad in ads:
            store.save(ad)


def test_linked_filters_and_formats(tmp_path) -> None:
    db = tmp_path / "f.db"
    _fill(db)
    run = CliRunner().invoke
    out = run(cli, ["--db", str(db), "linked", "--format", "json"])
    assert out.exit_code == 0, out.output
    events = json.loads(out.output)
    assert len(events) == 3
    contested = json.loads(
        run(cli, ["--db", str(db), "linked", "--contested", "--format", "json"]).output
    )
    assert sorted(e["contested_on"][0] for e in contested) == ["figures:killed", "occurrence"]
    two = json.loads(
        run(cli, ["--db", str(db), "linked", "--min-sources", "2", "--format", "json"]).output
    )
    assert len(two) == 1 and two[0]["figures"][0]["low"] == 7 and two[0]["figures"][0]["high"] == 30
    rows = list(
        csv.DictReader(io.StringIO(run(cli, ["--db", str(db), "linked", "--format", "csv"]).output))
    )
    strike = next(r for r in rows if r["sources"] == "2")
    assert (
        strike["fatalities"] == "7"
        and strike["fatalities_high"] == "30"
        and strike["contested"] == "1"
    )
    single = run(cli, ["--db", str(db), "linked", "--grade", "single source"])
    assert single.exit_code == 0 and "Manbij" in single.output


def test_event_shows_claims_side_by_side(tmp_path) -> None:
    db = tmp_path / "f.db"
    _fill(db)
    run = CliRunner().invoke
    events = json.loads(
        run(cli, ["--db", str(db), "linked", "--contested", "--format", "json"]).output
    )
    raqqa = next(e for e in events if e["contested_on"] == ["occurrence"])
    out = run(cli, ["--db", str(db), "event", raqqa["id"]], terminal_width=200)
    assert out.exit_code == 0, out.output
    assert "Some reports" in out.output and "Others" in out.output and "negated" in out.output
    missing = run(cli, ["--db", str(db), "event", "ev-nope"])
    assert missing.exit_code != 0


def test_actors_and_graph_commands(tmp_path) -> None:
    db = tmp_path / "f.db"
    _fill(db)
    run = CliRunner().invoke
    out = run(cli, ["--db", str(db), "actors"], terminal_width=200)
    assert out.exit_code == 0 and "coalition" in out.output
    g = run(cli, ["--db", str(db), "graph", "--format", "json"])
    assert g.exit_code == 0 and json.loads(g.output) == []
    gm = tmp_path / "g.graphml"
    assert (
        run(cli, ["--db", str(db), "graph", "--format", "graphml", "--out", str(gm)]).exit_code == 0
    )
    assert gm.exists()


def test_events_command_takes_triangulation_filters(tmp_path) -> None:
    db = tmp_path / "f.db"
    _fill(db)
    run = CliRunner().invoke
    out = run(cli, ["--db", str(db), "events", "--contested", "--format", "json"])
    assert out.exit_code == 0, out.output
    assert len(json.loads(out.output)) == 4  # the two strike reports and the two Raqqa claims
    two = run(cli, ["--db", str(db), "events", "--min-sources", "2", "--format", "json"])
    assert len(json.loads(two.output)) == 2
