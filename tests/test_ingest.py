"""Ingest: readers per format, header blocks, dedupe and one-line skip reasons."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from fogofwar.ingest.decode import decode
from fogofwar.ingest.document import Skip
from fogofwar.ingest.meta import parse_published, split_header
from fogofwar.ingest.readers import ingest_paths
from fogofwar.model import Document

REPORT = "Kurdish forces said they had pushed Islamic State out of two villages near Manbij."


def _ingest(*paths: Path, **kw: object) -> tuple[list[Document], list[Skip]]:
    items = list(ingest_paths(paths, **kw))  # type: ignore[arg-type]
    return (
        [i for i in items if isinstance(i, Document)],
        [i for i in items if isinstance(i, Skip)],
    )


def test_txt_header_block_is_parsed_and_stripped(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Title: Villages retaken\nSource: Plains Courier\nPublished: 2016-06-03\n"
        "Illustrative: yes\n\n" + REPORT,
        encoding="utf-8",
    )
    docs, skips = _ingest(tmp_path / "a.txt")
    (doc,) = docs
    assert not skips
    assert doc.text == REPORT
    assert (doc.title, doc.source, doc.published) == (
        "Villages retaken",
        "Plains Courier",
        date(2016, 6, 3),
    )
    assert dict(doc.meta)["illustrative"] == "yes"


def test_text_that_merely_looks_like_a_header_is_kept() -> None:
    text = "Update: the road to Manbij reopened.\n\nTraffic resumed on Friday."
    assert split_header(text) == ({}, text)


def test_published_option_is_a_default_not_an_override(tmp_path: Path) -> None:
    (tmp_path / "dated.txt").write_text("Published: 2016-05-01\n\nFighting in Sirte.")
    (tmp_path / "undated.txt").write_text("Fighting continued near Misrata port.")
    docs, _ = _ingest(tmp_path, published=date(2016, 6, 1))
    assert sorted(d.published for d in docs) == [date(2016, 5, 1), date(2016, 6, 1)]


def test_html_boilerplate_removed_and_metadata_read(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Sirte push</title><meta name='author' content='Amal Writer'>"
        "<meta property='article:published_time' content='2016-06-09T10:00:00Z'>"
        "<meta property='og:site_name' content='Coast Daily'></head><body>"
        "<nav><a href='/'>Home</a> | <a href='/sport'>Sport</a> | Subscribe now</nav>"
        "<article><p>Forces loyal to the unity government advanced into Sirte on Thursday, "
        "commanders said, after weeks of fighting on the coastal road.</p>"
        "<p>More than 80,000 people have fled the city since the spring.</p></article>"
        "<footer>Copyright Coast Daily. All rights reserved.</footer></body></html>"
    )
    (tmp_path / "p.html").write_text(html, encoding="utf-8")
    (doc,), _ = _ingest(tmp_path / "p.html")
    assert doc.fmt == "html"
    assert "80,000 people have fled" in doc.text
    assert "Subscribe" not in doc.text and "Copyright" not in doc.text
    assert (doc.published, doc.author, doc.source) == (
        date(2016, 6, 9),
        "Amal Writer",
        "Coast Daily",
    )


def test_jsonl_feed_with_a_malformed_line(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "body": REPORT,
                "publisher": "Wire A",
                "date": "2016-06-02",
                "link": "http://a.test/1",
                "headline": "Manbij",
            }
        ),
        "{not json",
        json.dumps({"title": "no text here"}),
        json.dumps({"content": "Shelling hit Aleppo's eastern districts overnight."}),
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    docs, skips = _ingest(tmp_path / "feed.jsonl")
    assert [d.source for d in docs] == ["Wire A", None]
    assert docs[0].url == "http://a.test/1" and docs[0].published == date(2016, 6, 2)
    assert [(s.line, s.reason.split(" (")[0]) for s in skips] == [
        (2, "malformed JSON"),
        (3, "no text field"),
    ]


def test_csv_feed_accepts_common_column_names(tmp_path: Path) -> None:
    (tmp_path / "feed.csv").write_text(
        "Notes,Source,Published,URL\n"
        f'"{REPORT}",Field Notes,2016-06-04,http://b.test\n'
        ",Empty Row,2016-06-04,\n",
        encoding="utf-8",
    )
    docs, skips = _ingest(tmp_path / "feed.csv")
    assert [(d.source, d.published) for d in docs] == [("Field Notes", date(2016, 6, 4))]
    assert len(skips) == 1 and skips[0].line == 3


def test_same_content_is_read_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(REPORT)
    (tmp_path / "b.txt").write_text(REPORT.replace(" ", "  ") + "\n")  # whitespace differs
    docs, skips = _ingest(tmp_path)
    assert len(docs) == 1
    assert skips[0].reason.startswith("duplicate content")


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"  \n\n ", "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "binary file"),
        ("nul.txt", b"abc\x00def\x00", "binary file"),
        ("bad.txt", b"Mosul \x81\x8d\x90 district", "undecodable"),
    ],
)
def test_bad_files_are_skipped_with_a_reason(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_text(REPORT)
    docs, skips = _ingest(tmp_path)
    assert len(docs) == 1  # the batch goes on
    assert len(skips) == 1 and skips[0].reason.startswith(reason)
    assert "\n" not in str(skips[0])


def test_oversized_file_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text(REPORT * 100)
    docs, skips = _ingest(tmp_path, max_bytes=1000)
    assert not docs and skips[0].reason.startswith("too large")


def test_encodings_utf16_bom_and_cp1252_fallback() -> None:
    assert decode("Tal Afar – Mosul".encode("utf-16")) == ("Tal Afar – Mosul", "utf-16")
    assert decode("\ufeffRaqqa".encode()) == ("Raqqa", "utf-8-sig")
    assert decode("caf\xe9 in Idlib".encode("cp1252")) == ("café in Idlib", "cp1252")


def test_unsupported_types_in_folders_and_missing_paths_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (tmp_path / ".hidden.txt").write_text(REPORT)
    (tmp_path / "groups.json").write_text('{"a.txt": "g1"}')  # linking truth: not a report
    (tmp_path / "other.json").write_text("{}")
    _, skips = _ingest(tmp_path, tmp_path / "absent.txt")
    assert sorted(s.reason for s in skips) == [
        "no such file or folder",
        "unsupported file type .jpg",
        "unsupported file type .json",
    ]


def test_parse_published_formats() -> None:
    assert parse_published("2016-06-01T08:00:00+03:00") == date(2016, 6, 1)
    assert parse_published("June 1, 2016") == date(2016, 6, 1)
    assert parse_published("sometime last year") is None
    assert parse_published("2016-13-45") is None


def test_samples_all_ingest_with_dates(samples_dir: Path) -> None:
    docs, _ = _ingest(samples_dir)
    assert len(docs) >= 15
    assert all(d.published is not None and d.source for d in docs)
