"""`fogofwar run`/`export` also write linked events with ranges, sources and grades."""

import csv
import json
from pathlib import Path

from click.testing import CliRunner

from fogofwar.cli import cli


def test_run_writes_linked_events_with_grades(tmp_path: Path, samples_dir: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["--db", str(tmp_path / "s.db"), "run", str(samples_dir), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader((out / "linked_events.csv").open(encoding="utf-8")))
    mentions = list(csv.DictReader((out / "events.csv").open(encoding="utf-8")))
    assert 0 < len(rows) < len(mentions)  # linking joins mentions of several reports
    assert {r["grade"] for r in rows} <= {
        "confirmed",
        "corroborated",
        "single source",
        "contested",
        "denied",
    }
    assert any(int(r["sources"]) >= 2 for r in rows)
    for r in rows:  # ACLED-style conservative fatalities: the low end of the range
        if r["fatalities_low"]:
            assert r["fatalities"] == r["fatalities_low"]
    linked = json.loads((out / "linked_events.json").read_text(encoding="utf-8"))
    assert len(linked) == len(rows)
