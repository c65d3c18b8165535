"""Claims: claimant and publisher, party flag, qualifier semantics, date windows."""

from __future__ import annotations

from datetime import date

from tri_fixtures import M, doc

from fogofwar.triangulate.claims import claims_from_doc, doc_info, jaccard, shingles
from fogofwar.triangulate.rules import default_tolerances, load_tolerances

PUB = date(2016, 6, 1)


def test_claimant_defaults_to_publisher() -> None:
    ad = doc("Levant Wire", PUB, M("Air strikes hit a market in Raqqa on Monday.", "Air strikes"))
    (c,) = claims_from_doc(ad)
    assert c.claimant == "Levant Wire" and c.publisher == "Levant Wire"
    assert not c.is_party
    assert ad.doc.text[c.start : c.end] == c.text == "Air strikes"


def test_attributed_party_claim_keeps_claimant_and_flag() -> None:
    m = M(
        "The coalition said its jets struck an Isis convoy near Raqqa.",
        "struck",
        claimant="The coalition",
        claimant_actor="coalition",
        party=True,
    )
    (c,) = claims_from_doc(doc("Daily Courier", PUB, m))
    assert c.claimant == "The coalition" and c.publisher == "Daily Courier"
    assert c.is_party and c.claimant_actor == "coalition"


def test_qualifiers_keep_their_meaning() -> None:
    m = M(
        "At least 12 people died and up to 40 were hurt, while some 68,000 fled.",
        "died",
        kind="attack",
        figures=(
            ("killed", "At least 12", 12, None, None, "at least"),
            ("injured", "up to 40", None, None, 40, "up to"),
            ("displaced", "some 68,000", None, 68000, None, "some"),
        ),
    )
    (c,) = claims_from_doc(doc("Wire", PUB, m))
    k, i, d = c.figures
    assert (k.low, k.best, k.high, k.qualifier) == (12, None, None, "at least")
    assert (i.low, i.high) == (None, 40)
    assert d.best == 68000
    assert all(c.figures[n].text in m.sentence for n in range(3))


def test_count_word_without_numbers_uses_the_documented_table() -> None:
    m = M(
        "Dozens were killed in the shelling.",
        "shelling",
        figures=(("killed", "Dozens", None, None, None, "dozens"),),
    )
    (c,) = claims_from_doc(doc("Wire", PUB, m))
    assert (c.figures[0].low, c.figures[0].high) == (24, 99)


def test_undated_mention_is_recent_news_before_publication() -> None:
    (c,) = claims_from_doc(doc("Wire", PUB, M("Jets bombed Raqqa.", "bombed", day=None)))
    assert c.last == PUB and (PUB - c.first).days == 7 and c.date_precision == "week"
    (u,) = claims_from_doc(doc("Wire", None, M("Jets bombed Raqqa.", "bombed", day=None)))
    assert u.first is None and u.last is None


def test_families_group_acled_types_and_keep_displacement_apart() -> None:
    tol = default_tolerances()
    assert tol.family("Battles", "Armed clash") == tol.family(
        "Violence against civilians", "Attack"
    )
    assert tol.family("Strategic developments", "Displacement") == "displacement"
    assert tol.family("Protests", "Peaceful protest") == "demonstrations"
    assert tol.family("Strategic developments", "Agreement") != "displacement"


def test_unknown_publisher_is_its_own_source() -> None:
    (c,) = claims_from_doc(doc(None, PUB, M("Jets bombed Raqqa.", "bombed")))
    assert c.publisher.startswith("unknown (")


def test_shingles_find_syndicated_copies_not_rewordings() -> None:
    a = "Coalition aircraft struck a bakery in Raqqa on Monday, killing nine, residents said."
    b = "Coalition aircraft struck a bakery in Raqqa on Monday, killing nine, residents said!"
    c = "Nine people died when a Raqqa bakery was hit from the air on Monday, according to locals."
    assert jaccard(shingles(a), shingles(b)) >= 0.8
    assert jaccard(shingles(a), shingles(c)) < 0.2
    assert shingles("") == frozenset()


def test_doc_info_carries_publisher_and_fingerprint() -> None:
    ad = doc("Wire", PUB, M("Jets bombed Raqqa on Monday killing four.", "bombed"))
    info = doc_info(ad.doc)
    assert info.publisher == "Wire" and info.published == PUB and info.shingles


def test_bad_tolerances_raise_resource_error(tmp_path) -> None:
    import pytest

    from fogofwar.errors import ResourceError

    bad = tmp_path / "t.json"
    bad.write_text('{"version": "x"}')
    with pytest.raises(ResourceError):
        load_tolerances(bad)
