"""Snapshot every stage's output on a fixed corpus, to prove a speed change alters nothing.

Example (from the repository root)::

    python bench/snapshot.py before.jsonl     # on the old code
    python bench/snapshot.py after.jsonl      # on the new code
    python bench/snapshot.py --diff before.jsonl after.jsonl

Corpus: 400 generated throughput documents, the sample corpus, ../shared/seeds and the
first 400 GTD and ACLED texts of ../shared/data (those that exist; measuring only, nothing
from them is written anywhere but OUT).
"""

# ruff: noqa
import csv, dataclasses, json, sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "bench"))


def corpus():
    from throughput import make_corpus
    from fogofwar.ingest.document import make_document

    for i, (t, p) in enumerate(make_corpus(400, 500)):
        yield f"gen{i}", make_document(t, published=p)
    for f in sorted((ROOT / "src" / "fogofwar" / "data" / "samples").glob("*.txt")):
        yield f.name, make_document(f.read_text(), published=date(2016, 6, 1))
    for f in sorted((SHARED / "seeds").glob("*")):
        if f.is_file():
            yield f.name, make_document(f.read_text(errors="replace"), published=date(2016, 6, 1))
    for name, path, col in (
        ("gtd", SHARED / "data/gtd-2021h1/dev.csv", "summary"),
        ("acled", SHARED / "data/acled-2020-sample/dev.csv", "notes"),
    ):
        if not path.is_file():
            continue
        with open(path, newline="") as fh:
            for i, row in enumerate(csv.DictReader(fh)):
                if i >= 400:
                    break
                if row.get(col):
                    yield f"{name}{i}", make_document(row[col], published=date(2020, 1, 1))


def default(o):
    if dataclasses.is_dataclass(o):
        return dataclasses.asdict(o)
    if isinstance(o, (date,)):
        return o.isoformat()
    if isinstance(o, (set, frozenset)):
        return sorted(o)
    return str(o)


def main():
    if sys.argv[1] == "--diff":
        a = [json.loads(l) for l in open(sys.argv[2])]
        b = [json.loads(l) for l in open(sys.argv[3])]
        bad = 0
        for x, y in zip(a, b):
            for k in x:
                if k != "id" and x[k] != y.get(k):
                    bad += 1
                    if bad <= 10:
                        print(
                            "DIFF",
                            x["id"],
                            k,
                            "\n  before:",
                            json.dumps(x[k])[:600],
                            "\n  after: ",
                            json.dumps(y.get(k))[:600],
                        )
        print(f"{len(a)} docs compared, {bad} differing fields")
        return
    from fogofwar.extract.pipeline import extract_document
    from fogofwar.resources import load_resources

    res = load_resources()
    with open(sys.argv[1], "w") as out:
        for name, doc in corpus():
            ad = extract_document(doc, res=res)
            rec = {"id": name}
            for f in (
                "sentences",
                "actors",
                "places",
                "dates",
                "figures",
                "attributions",
                "relations",
                "events",
                "warnings",
            ):
                rec[f] = json.loads(json.dumps(getattr(ad, f), default=default))
            out.write(json.dumps(rec, sort_keys=True) + "\n")
    print("wrote", sys.argv[1])


if __name__ == "__main__":
    main()
