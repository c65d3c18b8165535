"""Measure dates.v1 and figures.v1 on the shared dev splits (GTD 2021h1, ACLED 2020 sample).

Usage: python bench/dev_figures.py [--show-misses N]

Reads ../shared/data at run time; prints exact-match shares only (no data rows are stored).
ACLED notes end with the coder's own "Fatalities coded as N" remark: that is the answer,
so it is cut from the text before extraction. Speed is the two stages on every text.
"""

from __future__ import annotations

import argparse
import csv
import re
import time
from datetime import date
from pathlib import Path

from fogofwar.extract import dates, figures, sentences
from fogofwar.ingest.document import make_document
from fogofwar.model import AnnotatedDoc

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
_CODED = re.compile(r"(?:Unknown\s+)?[Ff]atalities coded as \d+\.?|\[size=[^\]]*\]")


def annotate(text: str) -> tuple[AnnotatedDoc, float]:
    ad = sentences.run(AnnotatedDoc(make_document(text)))
    t0 = time.perf_counter()
    ad = figures.run(dates.run(ad))
    return ad, time.perf_counter() - t0


def killed(ad: AnnotatedDoc, kind: str = "killed") -> int:
    return figures.total(ad.figures, kind) or 0  # type: ignore[arg-type]


def score(rows: list[tuple[str, int | None, int | None, date]], name: str, show: int) -> None:
    hits = {"killed": [0, 0], "injured": [0, 0], "date": [0, 0]}
    spent, misses = 0.0, []
    for text, nkill, nwound, gold_day in rows:
        ad, dt = annotate(text)
        spent += dt
        for key, gold, got in (
            ("killed", nkill, killed(ad)),
            ("injured", nwound, killed(ad, "injured")),
        ):
            if gold is None:
                continue
            hits[key][1] += 1
            hits[key][0] += got == gold
            if got != gold and key == "killed":
                misses.append(f"{gold} vs {got}: {text[:300]}")
        first = ad.dates[0] if ad.dates else None
        ok = first is not None and first.start < 30 and first.first == first.last == gold_day
        hits["date"][1] += 1
        hits["date"][0] += ok
    print(f"{name}: {len(rows)} texts, {1000 * spent / len(rows):.3f} ms/text (dates+figures)")
    for key, (h, n) in hits.items():
        if n:
            print(f"  {key:8s} exact {h}/{n} = {100 * h / n:.1f}%")
    for m in misses[:show]:
        print("   MISS", m)


def _int(v: str) -> int | None:
    return int(float(v)) if v not in ("", "-99", "-9") else None


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show-misses", type=int, default=0)
    args = ap.parse_args()
    with open(DATA / "gtd-2021h1" / "dev.csv", encoding="utf-8") as f:
        gtd = [
            (r["summary"], _int(r["nkill"]), _int(r["nwound"]), date.fromisoformat(r["event_date"]))
            for r in csv.DictReader(f)
        ]
    with open(DATA / "acled-2020-sample" / "dev.csv", encoding="utf-8") as f:
        acled = [
            (_CODED.sub("", r["notes"]), int(r["fatalities"]), None,
             date.fromisoformat(r["event_date_iso"]))
            for r in csv.DictReader(f)
        ]  # fmt: skip
    score(gtd, "GTD 2021h1 dev", args.show_misses)
    score(acled, "ACLED 2020 dev", args.show_misses)


if __name__ == "__main__":
    main()
