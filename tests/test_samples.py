"""The bundled sample corpus and the linking benchmark set: format, ground truth, originality.

These tests read the files directly (no fogofwar ingest code), so they guard the corpus
itself: every report parses, the ground-truth groupings name real documents, and no
report copies a 12-word run of text from the seed articles in ../shared/seeds.
"""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "src" / "fogofwar" / "data" / "samples"
LINKING_SET = ROOT / "bench" / "linking_set"
SEEDS = ROOT.parent / "shared" / "seeds"
CASES = ROOT / "docs" / "linking_cases.md"

HEADER_KEYS = ("title", "source", "author", "url", "published", "kind", "illustrative")
KINDS = {"wire", "ngo", "partisan-blog", "government", "local-news"}
FEED_FIELDS = {"text", "source", "url", "author", "published", "title"}
REPORT_WORDS = (150, 500)
FEED_WORDS = (40, 300)
SHINGLE = 12
WORD = re.compile(r"[a-z0-9]+")


def parse_txt(path: Path) -> tuple[dict[str, str], str]:
    """Split a sample .txt file into its ``Key: value`` header and its body."""
    head, sep, body = path.read_text(encoding="utf-8").partition("\n\n")
    assert sep, f"{path.name}: no blank line after the header"
    header = {}
    for line in head.splitlines():
        key, colon, value = line.partition(":")
        assert colon, f"{path.name}: header line without a colon: {line!r}"
        header[key.strip().lower()] = value.strip()
    return header, body.strip()


def html_body(path: Path) -> str:
    """The article text of an HTML sample as trafilatura extracts it."""
    trafilatura = pytest.importorskip("trafilatura")
    return trafilatura.extract(path.read_text(encoding="utf-8")) or ""


def feed_records(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(line number, record) pairs; the line number matches ingest's ``file:line`` paths."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonl":
        lines = enumerate(text.splitlines(), start=1)
        return [(n, json.loads(line)) for n, line in lines if line.strip()]
    reader = csv.DictReader(text.splitlines())
    return [(reader.line_num, row) for row in reader]


def corpus_texts(folder: Path) -> dict[str, str]:
    """Every document body in ``folder``, keyed as in groups.json (``file`` or ``file:line``)."""
    texts: dict[str, str] = {}
    for path in sorted(folder.iterdir()):
        if path.suffix == ".txt":
            texts[path.name] = parse_txt(path)[1]
        elif path.suffix == ".html":
            texts[path.name] = html_body(path)
        elif path.suffix in (".jsonl", ".csv"):
            for n, rec in feed_records(path):
                texts[f"{path.name}:{n}"] = rec["text"]
    return texts


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def shingles(text: str, n: int = SHINGLE) -> set[tuple[str, ...]]:
    toks = words(text)
    return {tuple(toks[i : i + n]) for i in range(len(toks) - n + 1)}


def txt_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.txt"))


ALL_TXT = txt_files(SAMPLES) + txt_files(LINKING_SET)


@pytest.mark.parametrize("path", ALL_TXT, ids=lambda p: p.name)
def test_txt_report_parses(path: Path) -> None:
    header, body = parse_txt(path)
    missing = [k for k in HEADER_KEYS if not header.get(k)]
    assert not missing, f"{path.name}: missing header keys {missing}"
    assert isinstance(date.fromisoformat(header["published"]), date)
    assert header["kind"] in KINDS, f"{path.name}: unknown Kind {header['kind']!r}"
    assert header["illustrative"] == "yes"
    assert "(illustrative" in header["source"], "invented publishers are marked illustrative"
    assert re.match(r"https://example\.(org|net)/", header["url"]), header["url"]
    low, high = REPORT_WORDS
    assert low <= len(words(body)) <= high, f"{path.name}: {len(words(body))} words"


def test_enough_reports_and_kinds() -> None:
    kinds = {parse_txt(p)[0]["kind"] for p in txt_files(SAMPLES)}
    assert len(txt_files(SAMPLES)) >= 20
    assert kinds == KINDS, "every kind of source is represented"
    assert 6 <= len(txt_files(LINKING_SET)) <= 10


def test_html_sample_has_metadata_and_extractable_body() -> None:
    (path,) = sorted(SAMPLES.glob("*.html"))
    page = path.read_text(encoding="utf-8")
    assert re.search(r'<meta property="article:published_time" content="2016-\d\d-\d\d', page)
    assert "<title>" in page and "<nav" in page and "<footer" in page
    body = html_body(path)
    low, high = REPORT_WORDS
    assert low <= len(words(body)) <= high
    assert "All rights reserved" not in body and "Subscribe" not in body, "boilerplate removed"


@pytest.mark.parametrize("name,count", [("feed_wire.jsonl", 3), ("feed_digest.csv", 2)])
def test_feed_parses(name: str, count: int) -> None:
    records = feed_records(SAMPLES / name)
    assert len(records) == count
    for _, rec in records:
        assert FEED_FIELDS <= rec.keys()
        assert all(str(rec[k]).strip() for k in FEED_FIELDS)
        assert isinstance(date.fromisoformat(rec["published"]), date)
        assert FEED_WORDS[0] <= len(words(rec["text"])) <= FEED_WORDS[1]


@pytest.mark.parametrize("folder", [SAMPLES, LINKING_SET], ids=["samples", "linking_set"])
def test_groups_name_only_existing_documents(folder: Path) -> None:
    groups = json.loads((folder / "groups.json").read_text(encoding="utf-8"))
    docs = corpus_texts(folder)
    assert sorted(groups) == sorted(docs), "every document has exactly one group"
    assert all(isinstance(g, str) and g for g in groups.values())


def test_samples_hold_the_cases_triangulation_needs() -> None:
    groups = json.loads((SAMPLES / "groups.json").read_text(encoding="utf-8"))
    sizes: dict[str, int] = {}
    for group in groups.values():
        sizes[group] = sizes.get(group, 0) + 1
    assert sum(1 for n in sizes.values() if n >= 3) >= 2, "several multi-source events"
    assert sum(1 for n in sizes.values() if n == 1) >= 2, "some single-source events"
    assert groups["manbij_tukhar_syndicated.txt"] == groups["manbij_tukhar_wire.txt"]
    assert groups["raqqa_mansoura_denial_gov.txt"] == groups["raqqa_mansoura_strike_local.txt"]


def test_syndicated_copy_is_near_identical_and_others_are_not() -> None:
    texts = corpus_texts(SAMPLES)
    wire = shingles(texts["manbij_tukhar_wire.txt"], 5)
    copy = shingles(texts["manbij_tukhar_syndicated.txt"], 5)
    assert len(wire & copy) / len(wire | copy) > 0.8
    ngo = shingles(texts["manbij_tukhar_ngo.txt"], 5)
    assert len(wire & ngo) / len(wire | ngo) < 0.1


def test_linking_set_shares_group_ids_with_samples() -> None:
    """Rewordings reuse the samples' group ids so both folders can be scored together."""
    samples = set(json.loads((SAMPLES / "groups.json").read_text(encoding="utf-8")).values())
    linking = json.loads((LINKING_SET / "groups.json").read_text(encoding="utf-8")).values()
    shared, own = [g for g in linking if g in samples], [g for g in linking if g not in samples]
    assert len(shared) >= 4, "rewordings of sample events"
    assert len(own) >= 3, "hard negatives: new events that must stay apart"


def test_linking_cases_cover_every_group() -> None:
    if not CASES.is_file():
        pytest.skip(f"{CASES} is absent")
    cases = CASES.read_text(encoding="utf-8")
    for folder in (SAMPLES, LINKING_SET):
        groups = json.loads((folder / "groups.json").read_text(encoding="utf-8"))
        missing = sorted(g for g in set(groups.values()) if f"`{g}`" not in cases)
        assert not missing, f"groups without a case in {CASES.name}: {missing}"


def test_no_twelve_word_run_copied_from_seeds() -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is absent: put the project's shared/ folder beside the repo")
    seeds: set[tuple[str, ...]] = set()
    for path in sorted(SEEDS.glob("*")):
        seeds |= shingles(path.read_text(encoding="utf-8", errors="replace"))
    assert seeds, "the seed folder holds text"
    for folder in (SAMPLES, LINKING_SET):
        for name, text in corpus_texts(folder).items():
            copied = shingles(text) & seeds
            assert not copied, f"{name} copies seed text: {' '.join(sorted(copied)[0])!r}"


def test_shingle_guard_catches_a_copy() -> None:
    """The originality check itself: a copied 12-word run is found, a paraphrase is not."""
    source = "the quick brown fox jumps over the lazy dog near the old river bank today"
    copied = "Yesterday the quick brown fox jumps over the lazy dog near the old river bank."
    reworded = "A fast brown fox leapt across a sleeping dog beside the river yesterday."
    assert shingles(copied) & shingles(source)
    assert not shingles(reworded) & shingles(source)
