"""Throughput of the fast extraction backend on one core, on a generated corpus.

Builds N reports of about W words each from sentence templates (written for this script,
filled with real place and actor names so every stage has work to do), runs the default
pipeline over them in one process pinned to one core, and prints documents/s, words/s
and peak resident memory.

Example:
    python bench/throughput.py --docs 5000 --words 500 --json out/throughput.json
"""

from __future__ import annotations

import json
import os
import random
import resource
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import click

PLACES = (
    "Mosul", "Raqqa", "Fallujah", "Sirte", "Aleppo", "Manbij", "Ramadi", "Tikrit", "Kirkuk",
    "Deir ez-Zor", "Idlib", "Homs", "Benghazi", "Misrata", "Tripoli", "Tobruk", "Derna",
    "Kabul", "Kandahar", "Kunduz", "Mogadishu", "Maiduguri", "Gao", "Aden", "Taiz", "Sanaa",
    "Baghdad", "Damascus", "Hama", "Palmyra",
)  # fmt: skip
ACTORS = (
    "Islamic State fighters", "the Iraqi army", "Kurdish Peshmerga forces",
    "the Syrian Democratic Forces", "Syrian government troops", "Turkish soldiers",
    "al-Shabaab militants", "Boko Haram insurgents", "the Taliban", "police officers",
    "forces loyal to the unity government", "Houthi rebels", "Russian aircraft",
    "the US-led coalition", "Shia militias", "unidentified gunmen",
)  # fmt: skip
COUNTS = ("two", "three", "five", "seven", "12", "15", "at least 20", "dozens of", "some 40",
          "more than 100", "nearly 300", "an estimated 1,200")  # fmt: skip
WHEN = ("on Monday", "on Tuesday", "last week", "on 23 May", "in February", "two days ago",
        "since 2014", "early on Friday", "on Sunday night", "earlier this month")  # fmt: skip
SOURCES = ("Human Rights Watch said", "according to a local official",
           "a military spokesman told reporters", "residents said", "the United Nations said",
           "some reports said", "activists claimed")  # fmt: skip
TEMPLATES = (
    "{actor} attacked positions held by {actor2} near {place} {when}, {source}.",
    "{count} civilians were killed when an air strike hit a market in {place} {when}.",
    "A car bomb exploded at a checkpoint outside {place} {when}, killing {count} people "
    "and wounding many more, {source}.",
    "{count} families fled {place} {when} as fighting between {actor} and {actor2} spread "
    "into the eastern districts.",
    "{actor} said they had taken control of the road linking {place} and {place2}.",
    "Hundreds of people protested in {place} {when} against shortages of fuel and water.",
    "{actor} detained {count} men in a raid on a village south of {place}, {source}.",
    "Shelling by {actor} wounded {count} people in {place} {when}.",
    "{actor} denied that its forces had fired on the crowd in {place}.",
    "The offensive on {place}, backed by {actor2}, began {when} and has displaced "
    "{count} residents.",
    "Aid agencies warned that food stocks in {place} would run out within weeks.",
    "Gunmen abducted {count} aid workers on the road to {place} {when}, {source}.",
    "Talks between {actor} and {actor2} in {place2} ended without an agreement.",
    "The death toll from the fighting in {place} rose to {count}, {source}.",
    "Witnesses described streets lined with rubble and burnt-out cars in {place}.",
    "{actor} reinforced their lines around {place} with armoured vehicles {when}.",
)

# Context sentences: news reports carry as much background, quotes and analysis as events.
BACKGROUND = (
    "The city had been under the group's control for more than two years.",
    "Analysts said the outcome would shape the balance of power in the region for months.",
    '"We have nothing left here," said a teacher who asked not to be named.',
    "The government has promised to rebuild schools and hospitals once the fighting ends.",
    "Prices of bread and cooking gas have tripled since the start of the year.",
    "Diplomats at the United Nations in New York called for a pause in the fighting.",
    "Many residents have relatives on both sides of the front line.",
    "The river crossing was the only route still open for trucks carrying supplies.",
    "Officials gave no details about the next phase of the operation.",
    "Journalists were not allowed to enter the area, and the reports could not be verified.",
    "The campaign is the largest since the start of the conflict in {place}.",
    "Local elders met in {place} to discuss the return of displaced families.",
)
BACKGROUND_SHARE = 0.5  # about half the sentences of a report describe no event


def _sentence(rng: random.Random) -> str:
    pool = BACKGROUND if rng.random() < BACKGROUND_SHARE else TEMPLATES
    return rng.choice(pool).format(
        actor=rng.choice(ACTORS), actor2=rng.choice(ACTORS), place=rng.choice(PLACES),
        place2=rng.choice(PLACES), count=rng.choice(COUNTS), when=rng.choice(WHEN),
        source=rng.choice(SOURCES),
    )  # fmt: skip


def make_report(rng: random.Random, words: int) -> str:
    """One report of about ``words`` words: template sentences with random slot fillers."""
    out: list[str] = []
    count = 0
    while count < words:
        sentence = _sentence(rng)
        sentence = sentence[0].upper() + sentence[1:]
        out.append(sentence)
        count += len(sentence.split())
    return " ".join(out)


def make_corpus(n: int, words: int, seed: int = 7) -> list[tuple[str, date]]:
    rng = random.Random(seed)
    start = date(2016, 1, 1)
    dates = [start + timedelta(days=i % 900) for i in range(n)]
    return [(make_report(rng, words), published) for published in dates]


def pin_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def peak_rss_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
    return kb / 1024 / (1024 if sys.platform == "darwin" else 1)


def stage_times(pipeline: Any, docs: list[Any], res: Any) -> dict[str, float]:
    """CPU milliseconds per document spent in each stage, run as the product runs it:
    stage by stage over batches of ``pipeline.BATCH`` documents.

    CPU time of this process (not wall time), so the figures stay comparable when other
    programs share the machine.
    """
    from fogofwar.extract.pipeline import BATCH
    from fogofwar.model import AnnotatedDoc

    totals = dict.fromkeys(pipeline.names, 0.0)
    for i in range(0, len(docs), BATCH):
        ads = [AnnotatedDoc(doc) for doc in docs[i : i + BATCH]]
        for name, fn in zip(pipeline.names, pipeline.fns, strict=True):
            t0 = time.process_time()
            ads = [fn(ad, res=res) for ad in ads]
            totals[name] += time.process_time() - t0
    return {name: round(1000 * t / len(docs), 3) for name, t in totals.items()}


def store_ms_per_doc(docs: list[Any], res: Any, pipeline: Any) -> float:
    """Wall milliseconds per document of ``Store.save`` (one transaction per document) into
    a fresh SQLite file; extraction is done first and not timed."""
    import tempfile

    from fogofwar.extract.pipeline import extract_documents
    from fogofwar.store.db import open_store

    ads = list(extract_documents(docs, res=res, pipeline=pipeline))
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "bench.db") as store:
        t0 = time.perf_counter()
        for ad in ads:
            store.save(ad, pipeline=pipeline.names)
        secs = time.perf_counter() - t0
    return 1000 * secs / len(ads)


@click.command()
@click.option("--docs", default=5000, show_default=True, help="Number of documents.")
@click.option("--words", default=500, show_default=True, help="Words per document.")
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--stages", is_flag=True, help="Also print CPU milliseconds per document per stage.")
@click.option(
    "--with-store", is_flag=True, help="Also time saving to SQLite (first 1,000 documents)."
)
@click.option("--stages-only", is_flag=True, help="Only the per-stage CPU times (on --docs docs).")
def main(
    docs: int, words: int, json_out: Path | None, stages: bool, with_store: bool, stages_only: bool
) -> None:
    """Print documents/s, words/s and peak memory of the fast backend on one core."""
    from fogofwar.extract.pipeline import build, extract_documents
    from fogofwar.ingest.document import make_document
    from fogofwar.resources import load_resources

    pin_one_core()
    t0 = time.perf_counter()
    res, pipeline = load_resources(), build()
    load_s = time.perf_counter() - t0
    corpus = [make_document(t, published=p) for t, p in make_corpus(docs, words)]
    n_words = sum(len(d.text.split()) for d in corpus)
    if stages_only:
        for name, ms in stage_times(pipeline, corpus, res).items():
            click.echo(f"  {name:<16} {ms:8.3f} ms/doc (CPU)")
        return
    t0, c0 = time.perf_counter(), time.process_time()
    # as `fogofwar run` extracts: stage by stage over batches of documents (pipeline.BATCH)
    events = sum(len(ad.events) for ad in extract_documents(corpus, res=res, pipeline=pipeline))
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    result = {
        "docs": docs, "words": n_words, "seconds": round(secs, 2),
        "docs_per_s": round(docs / secs, 1), "words_per_s": round(n_words / secs),
        "cpu_seconds": round(cpu, 2), "docs_per_cpu_s": round(docs / cpu, 1),
        "events": events, "resource_load_s": round(load_s, 2),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }  # fmt: skip
    # Wall time is the figure; the process's own CPU time beside it shows how much of the
    # wall time this virtual machine's host took elsewhere (it moves by +-15% between runs).
    click.echo(
        f"{docs} docs, {n_words} words in {secs:.1f} s on one core: "
        f"{result['docs_per_s']} docs/s, {result['words_per_s']} words/s, "
        f"{events} events; {result['docs_per_cpu_s']} docs per CPU second; "
        f"resources loaded in {load_s:.1f} s; peak RSS {result['peak_rss_mb']} MB"
    )
    if stages:
        result["stage_ms_per_doc"] = stage_times(pipeline, corpus[:500], res)
        for name, ms in result["stage_ms_per_doc"].items():
            click.echo(f"  {name:<16} {ms:8.3f} ms/doc")
    if with_store:
        save_ms = store_ms_per_doc(corpus[:1000], res, pipeline)
        per_doc = 1000 / result["docs_per_s"] + save_ms
        result["store_save_ms_per_doc"] = round(save_ms, 3)
        result["docs_per_s_with_store"] = round(1000 / per_doc, 1)
        click.echo(
            f"  saving to SQLite: {save_ms:.2f} ms/doc; extraction + store: "
            f"{result['docs_per_s_with_store']} docs/s"
        )
    if json_out is not None:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
