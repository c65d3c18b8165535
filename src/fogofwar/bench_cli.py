"""``fogofwar bench ...``: benchmark commands (accuracy against coded data sets).

Other benchmark commands (e.g. ``linking``) register on the same ``bench`` group.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn
from rich.table import Table

from fogofwar.benchmark.accuracy import (
    FIELDS,
    OURS,
    SUBSETS,
    AccuracyRun,
    confusions,
    records_path,
    run_accuracy,
    to_json,
)


@click.group(name="bench")
def bench() -> None:
    """Measure fogofwar: accuracy against human-coded data, and more.

    Example: fogofwar bench accuracy --dataset gtd ../shared/data/gtd-2021h1/dev.csv
    """


SUBSET_LABELS = {"iraq_syria_libya": "IQ+SY+LY"}


def _cell(entry: dict[str, Any]) -> str:
    share, n = entry["share"], entry["scored"]
    return "-" if share is None else f"{100 * share:.1f} ({n})"


def _columns(summary: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    baselines = summary["baselines"]
    cols = [(OURS, summary["fields"])] + [(b, v["fields"]) for b, v in baselines.items()]
    for subset in SUBSETS:
        label = SUBSET_LABELS.get(subset, subset)
        cols.append((f"{OURS} {label}", summary["subsets"][subset]["fields"]))
        cols += [(f"{b} {label}", v["subsets"][subset]["fields"]) for b, v in baselines.items()]
    return cols


def render_table(summary: dict[str, Any]) -> Table:
    """One table: fields as rows; ours and each baseline, overall then per subset."""
    caption = (
        f"{summary['records']} records; ours at {summary['records_per_s']:.1f} records/s; "
        "IQ+SY+LY = Iraq, Syria and Libya only"
    )
    title = f"Accuracy on {summary['dataset']}: % right (records scored)"
    table = Table(title=title, caption=caption)
    table.add_column("field", no_wrap=True)
    columns = _columns(summary)
    for name, _ in columns:
        table.add_column(name, justify="right", no_wrap=True)
    for field in FIELDS[summary["dataset"]]:
        table.add_row(field, *(_cell(fields[field]) for _, fields in columns))
    table.add_row("median km", *(_km(fields) for _, fields in columns))
    return table


def _km(fields: dict[str, Any]) -> str:
    km = fields.get("location_25km", {}).get("median_km")
    return "-" if km is None else f"{km:.1f}"


def _run_with_progress(dataset: str, path: Path, limit: int | None, lines: Any) -> AccuracyRun:
    from fogofwar.resources import load_resources

    res = load_resources()
    columns = ("{task.description}", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, transient=True) as progress:
        task = progress.add_task(f"scoring {dataset}", total=limit)

        def on_record(line: dict[str, Any]) -> None:
            progress.advance(task)
            if lines is not None:
                lines.write(json.dumps(line, ensure_ascii=False, default=str) + "\n")

        return run_accuracy(dataset, path, res=res, limit=limit, on_record=on_record)  # type: ignore[arg-type]


@bench.command("accuracy")
@click.option(
    "--dataset", type=click.Choice(["gtd", "acled"]), required=True, help="Column layout of PATH."
)
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--json",
    "json_out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the summary here, and per-record lines to OUT.records.jsonl.",
)
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N records.")
def accuracy(dataset: str, path: Path, json_out: Path | None, limit: int | None) -> None:
    """Score extraction against a GTD or ACLED CSV, beside the baselines.

    \b
    Example:
      fogofwar bench accuracy --dataset acled \\
        ../shared/data/acled-2020-sample/dev.csv --json out/acled.json
    """
    lines = None
    if json_out is not None:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        lines = records_path(json_out).open("w", encoding="utf-8")
    try:
        run = _run_with_progress(dataset, path, limit, lines)
    finally:
        if lines is not None:
            lines.close()
    summary = to_json(run)
    if json_out is not None:
        json_out.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    console = Console()
    if not console.is_terminal:
        console.width = max(console.width, 140)  # logs and pipes: keep one row per field
    console.print(render_table(summary))


@bench.command("linking")
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False, path_type=Path)
)
@click.option(
    "--json",
    "json_out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the scores here.",
)
def linking(paths: tuple[Path, ...], json_out: Path | None) -> None:
    """Score cross-document linking against folders with a groups.json (file -> true group).

    \b
    Example:
      fogofwar bench linking src/fogofwar/data/samples bench/linking_set --json out/linking.json
    """
    from fogofwar.triangulate.bench import score_folders

    out = score_folders(paths)
    if json_out is not None:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    click.echo(json.dumps(out, indent=2))


@bench.command("errors")
@click.argument("records", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--field", "field_name", required=True, help="A scored field, e.g. admin1.")
@click.option("--top", default=20, show_default=True, help="How many pairs to list.")
def errors(records: Path, field_name: str, top: int) -> None:
    """List the most frequent wrong answers of one field in a per-record output.

    \b
    Example:
      fogofwar bench errors out/acled.records.jsonl --field sub_event_type
    """
    with records.open(encoding="utf-8") as fh:
        lines = [json.loads(line) for line in fh if line.strip()]
    table = Table(title=f"{field_name}: most frequent errors in {records.name}")
    for name in ("gold", "ours", "records"):
        table.add_column(name, justify="right" if name == "records" else "left")
    for gold, ours_, n in confusions(lines, field_name, top=top):
        table.add_row(gold, ours_, str(n))
    Console().print(table)
