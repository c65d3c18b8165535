"""Linking benchmarks.

    python bench/linking.py score FOLDER [FOLDER...] [--json OUT]   pairwise precision/recall
    python bench/linking.py scale [--mentions 100000] [--probes 1000]  cost per new document
    python bench/linking.py gtd ../shared/data/gtd-2021h1/dev.csv [--json OUT]
        GTD 'related' incidents (coordinated, distinct: hard negatives): how many stay apart

``score`` is the same as ``fogofwar bench linking``; see docs/triangulation.md.
"""

from __future__ import annotations

import argparse
import json
import resource
from pathlib import Path

from fogofwar.triangulate.bench import scale_benchmark, score_folders, score_gtd_related


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    sc = sub.add_parser("score")
    sc.add_argument("folders", nargs="+", type=Path)
    sc.add_argument("--json", type=Path)
    sl = sub.add_parser("scale")
    sl.add_argument("--mentions", type=int, default=100_000)
    sl.add_argument("--probes", type=int, default=1000)
    gt = sub.add_parser("gtd")
    gt.add_argument("path", type=Path)
    gt.add_argument("--json", type=Path)
    gt.add_argument("--limit", type=int)
    args = ap.parse_args()
    if args.cmd in ("score", "gtd"):
        if args.cmd == "score":
            out = score_folders(args.folders)
        else:
            out = score_gtd_related(args.path, limit=args.limit)
        if args.json:
            args.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    else:
        out = scale_benchmark(args.mentions, args.probes)
        out["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
