"""The command line, run in-process through click's CliRunner."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import click
import pytest
from annotated_fixture import EVENT_KEYS, annotated
from click.testing import CliRunner

import fogofwar
from fogofwar import runner
from fogofwar.cli import cli
from fogofwar.model import AnnotatedDoc
from fogofwar.store import open_store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A store holding the hand-built Fallujah document and its event."""
    path = tmp_path / "t.db"
    with open_store(path) as store:
        store.save(annotated())
    return path


@pytest.fixture
def no_stages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Extraction without stages, so CLI tests do not depend on the bundled resources."""
    monkeypatch.setattr(runner, "default_extractor", lambda pipeline=None: AnnotatedDoc)


def _invoke(*args: str, **kw: object) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False, **kw)  # type: ignore[arg-type]
    assert result.exit_code == 0, result.output
    return result.output


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = []
    for name, cmd in group.commands.items():
        out.append((*prefix, name))
        if isinstance(cmd, click.Group):
            out += _commands(cmd, (*prefix, name))
    return out


def test_top_level_help_lists_the_core_commands() -> None:
    out = _invoke("--help")
    for name in ("ingest", "extract", "events", "relations", "export", "run"):
        assert name in out


@pytest.mark.parametrize("path", _commands(cli), ids=" ".join)
def test_every_command_documents_an_example(path: tuple[str, ...]) -> None:
    out = _invoke(*path, "--help")
    assert "Example:" in out, f"`fogofwar {' '.join(path)} --help` has no Example:"


def test_events_json_parses_with_documented_keys(db: Path) -> None:
    objs = json.loads(_invoke("--db", str(db), "events", "--format", "json"))
    assert len(objs) == 1 and EVENT_KEYS <= objs[0].keys()
    assert objs[0]["place"]["country"] == "Iraq"


def test_events_filters_reach_the_store(db: Path) -> None:
    assert (
        json.loads(_invoke("--db", str(db), "events", "--place", "Raqqa", "--format", "json")) == []
    )
    objs = json.loads(
        _invoke(
            "--db",
            str(db),
            "events",
            "--min-killed",
            "10",
            "--since",
            "2016-05-01",
            "--format",
            "json",
        )
    )
    assert len(objs) == 1


def test_events_csv_and_table(db: Path) -> None:
    csv_out = _invoke("--db", str(db), "events", "--format", "csv")
    assert csv_out.splitlines()[0].startswith("event_date,event_type,sub_event_type,actor1")
    table = _invoke("--db", str(db), "events", env={"COLUMNS": "200"})
    assert "Battles" in table and "Al Fallujah" in table


def test_db_from_environment(db: Path) -> None:
    objs = json.loads(_invoke("events", "--format", "json", env={"FOGOFWAR_DB": str(db)}))
    assert len(objs) == 1


def test_bad_date_is_a_usage_error(db: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(db), "events", "--since", "23/05/2016"])
    assert result.exit_code == 2 and "not a date" in result.output


def test_relations_json(db: Path) -> None:
    (obj,) = json.loads(_invoke("--db", str(db), "relations", "iraq", "--format", "json"))
    assert obj["kind"] == "backs" and obj["target"] == "military_forces_of_iraq"
    assert obj["mentions"][0]["doc_id"] and obj["sources"] == ["Example Wire"]


def test_export_writes_every_format(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _invoke("--db", str(db), "export", "--out", str(out))
    assert sorted(p.name for p in out.iterdir()) == [
        "events.csv",
        "events.geojson",
        "events.json",
        "events.parquet",
        "linked_events.csv",
        "linked_events.json",
    ]


def test_ingest_reports_skips_and_undated(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Shelling was reported in Idlib last week.")
    (tmp_path / "in" / "empty.txt").write_text("")
    out = _invoke("--db", str(tmp_path / "t.db"), "ingest", str(tmp_path / "in"))
    assert "1 new" in out and "skipped: 1 (1 empty)" in out
    assert "1 documents without publication date: relative dates unresolved" in out
    with open_store(tmp_path / "t.db") as store:
        assert len(store.pending_ids()) == 1


def test_ingest_then_extract(tmp_path: Path, no_stages: None) -> None:
    (tmp_path / "a.txt").write_text("Clashes near Tobruk.")
    db = str(tmp_path / "t.db")
    _invoke("--db", db, "ingest", str(tmp_path / "a.txt"), "--published", "2016-06-01")
    assert "1 extracted" in _invoke("--db", db, "extract")
    assert "0 extracted" in _invoke("--db", db, "extract")


def test_run_prints_summary_and_writes_exports(tmp_path: Path, no_stages: None) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Published: 2016-06-01\n\nClashes near Tobruk.")
    (tmp_path / "in" / "b.bin.txt").write_bytes(b"\x00\x01\x02")
    out = _invoke(
        "--db", str(tmp_path / "t.db"), "run", str(tmp_path / "in"), "--out", str(tmp_path / "out")
    )
    assert "1 read, 1 new" in out and "skipped: 1" in out and "binary file" in out
    assert (tmp_path / "out" / "events.csv").exists()
    again = _invoke(
        "--db", str(tmp_path / "t.db"), "run", str(tmp_path / "in"), "--out", str(tmp_path / "out")
    )
    assert "1 already stored" in again


def test_public_api_is_complete() -> None:
    assert sorted(fogofwar.__all__) == sorted(set(fogofwar.__all__))
    for name in fogofwar.__all__:
        assert hasattr(fogofwar, name), name
    for name in (
        "extract_text",
        "extract_document",
        "extract_documents",
        "ingest_paths",
        "open_store",
        "load_resources",
        "Document",
        "EventMention",
    ):
        assert name in fogofwar.__all__


_HAVE_STAGES = all(
    importlib.util.find_spec(f"fogofwar.extract.{m}") is not None
    for m in ("actors", "places", "dates", "figures", "attribution", "relations", "events")
)


@pytest.mark.skipif(not _HAVE_STAGES, reason="extraction stages not all present yet")
def test_run_on_the_sample_corpus_with_the_real_pipeline(tmp_path: Path, samples_dir: Path) -> None:
    out = _invoke(
        "--db", str(tmp_path / "t.db"), "run", str(samples_dir), "--out", str(tmp_path / "out")
    )
    assert "failed" not in out
    objs = json.loads(_invoke("--db", str(tmp_path / "t.db"), "events", "--format", "json"))
    assert objs and all(EVENT_KEYS <= o.keys() for o in objs)
    assert any(o["place"] and o["place"]["country"] == "Iraq" for o in objs)


def test_summary_tells_a_province_from_its_town_of_the_same_name() -> None:
    from fogofwar.cli import _place

    province = fogofwar.extract_text("Clashes in Raqqa province killed three fighters.")
    town = fogofwar.extract_text("Clashes in Raqqa killed three fighters.")
    assert [_place(e) for e in province.events] == ["Ar-Raqqah (province), Syria"]
    assert [_place(e) for e in town.events] == ["Ar Raqqah, Syria"]
