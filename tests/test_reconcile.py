"""Reconciling: the ranges, source counts and grades a careful reader would give."""

from __future__ import annotations

from datetime import date

from tri_fixtures import M, doc

from fogofwar.model import AnnotatedDoc
from fogofwar.triangulate.claims import claims_from_doc, disagree, doc_info, interval, stated
from fogofwar.triangulate.linking import link
from fogofwar.triangulate.reconcile import reconcile
from fogofwar.triangulate.records import ClaimFigure, Reconciled

PUB = date(2016, 6, 1)


def _one(*ads: AnnotatedDoc) -> Reconciled:
    infos = {a.doc.id: doc_info(a.doc) for a in ads}
    events = link((infos[a.doc.id], claims_from_doc(a)) for a in ads)
    assert len(events) == 1, [[c.sentence_text for c in e.claims] for e in events]
    return reconcile(events[0], infos)


def _killed(n: int, text: str) -> tuple:
    return (("killed", text, n, n, n, None),)


def _fig(r: Reconciled, kind: str):
    return next(f for f in r.figures if f.kind == kind)


def test_two_independent_outlets_corroborate() -> None:
    a = doc(
        "Levant Wire",
        PUB,
        M(
            "Coalition jets struck a Raqqa bakery, killing nine.",
            "struck",
            figures=_killed(9, "nine"),
        ),
    )
    b = doc(
        "Euphrates Monitor",
        PUB,
        M(
            "Nine died when coalition aircraft hit a bakery in Raqqa.",
            "hit",
            figures=_killed(9, "Nine"),
        ),
    )
    r = _one(a, b)
    assert r.grade == "corroborated" and r.sources == 2 and not r.contested
    f = _fig(r, "killed")
    assert (f.low, f.best, f.high, f.sources) == (9, 9, 9, 2)
    assert "2 independent non-party sources" in r.reasons[0]


def test_syndicated_copy_is_not_corroboration() -> None:
    text = "Coalition jets struck a bakery in the centre of Raqqa on Monday, killing nine people."
    a = doc("Levant Wire", PUB, M(text, "struck", figures=_killed(9, "nine")))
    b = doc(
        "Gulf Daily",
        PUB,
        M(text.replace("Monday,", "Monday"), "struck", figures=_killed(9, "nine")),
    )
    r = _one(a, b)
    assert r.sources == 1 and r.grade == "single source"
    assert any("Gulf Daily / Levant Wire" in x for x in r.reasons)


def test_a_party_acknowledging_its_own_strike_confirms() -> None:
    m = M(
        "The coalition said one of its strikes near Raqqa killed four civilians.",
        "strikes",
        claimant="The coalition",
        claimant_actor="coalition",
        party=True,
        figures=_killed(4, "four"),
    )
    r = _one(doc("Daily Courier", PUB, m))
    assert r.grade == "confirmed"
    assert "acknowledged by a party: The coalition (in Daily Courier) [party]" in r.reasons


def test_a_party_accusing_its_enemy_does_not_confirm() -> None:
    m = M(
        "The Iraqi army said Isis executed 20 civilians in Fallujah.",
        "executed",
        kind="attack",
        place="fallujah",
        actors=(("actor1", "isis"), ("actor2", "civilians")),
        claimant="The Iraqi army",
        claimant_actor="iraqi_army",
        party=True,
        figures=_killed(20, "20"),
    )
    r = _one(doc("Baghdad Post", PUB, m))
    assert r.grade == "single source" and r.reasons[0] == "only party sources"


def test_figures_beyond_tolerance_are_contested_with_the_range_kept() -> None:
    a = doc(
        "A", PUB, M("Coalition raids on Raqqa killed seven.", "raids", figures=_killed(7, "seven"))
    )
    b = doc(
        "B",
        PUB,
        M("Activists say coalition raids killed 30 in Raqqa.", "raids", figures=_killed(30, "30")),
    )
    c = doc(
        "C",
        PUB,
        M(
            "At least 25 died in coalition raids on Raqqa.",
            "raids",
            figures=(("killed", "At least 25", 25, None, None, "at least"),),
        ),
    )
    r = _one(a, b, c)
    assert r.grade == "contested" and r.contested_on == ("figures:killed",)
    f = _fig(r, "killed")
    assert (f.low, f.best, f.high, f.sources) == (7, 25, 30, 3)
    assert "killed figures disagree beyond tolerance: 7–30 across 3 sources" in r.reasons


def test_close_or_overlapping_figures_are_not_contested() -> None:
    a = doc(
        "A",
        PUB,
        M(
            "At least 10 died in coalition raids on Raqqa.",
            "raids",
            figures=(("killed", "At least 10", 10, None, None, "at least"),),
        ),
    )
    b = doc("B", PUB, M("Coalition raids on Raqqa killed 14.", "raids", figures=_killed(14, "14")))
    r = _one(a, b)
    assert r.grade == "corroborated" and not r.contested
    assert (_fig(r, "killed").low, _fig(r, "killed").high) == (10, 14)


def test_displacement_range_from_some_and_over() -> None:
    flee = dict(kind="flee", place="fallujah", actors=())
    a = doc(
        "UN agency",
        PUB,
        M(
            "Some 68,000 civilians have fled Fallujah.",
            "fled",
            figures=(("displaced", "Some 68,000", None, 68000, None, "some"),),
            **flee,
        ),
    )
    b = doc(
        "Relief NGO",
        PUB,
        M(
            "Over 80,000 people have left Fallujah.",
            "left",
            figures=(("displaced", "Over 80,000", 80000, None, None, "over"),),
            **flee,
        ),
    )
    r = _one(a, b)
    f = _fig(r, "displaced")
    assert (f.low, f.best, f.high) == (68000, 68000, 80000) and not f.contested


RAQQA_SAID = M(
    "Some reports said Isis was letting families leave Raqqa before the assault.",
    "leave",
    kind="flee",
    actors=(("actor1", "isis"),),
    claimant="Some reports",
    day=None,
)
RAQQA_DENIED = M(
    "Others said the group was still stopping anyone from leaving the city.",
    "stopping",
    kind="flee",
    actors=(("actor1", "isis"),),
    claimant="Others",
    modality="negated",
    day=None,
)


def test_raqqa_evacuation_in_one_report_is_contested_with_both_sides() -> None:
    r = _one(doc("Solidarity Blog", PUB, RAQQA_SAID, RAQQA_DENIED))
    assert r.grade == "contested" and r.contested_on == ("occurrence",)
    assert "asserted by Some reports (in Solidarity Blog)" in r.reasons
    assert "denied by Others (in Solidarity Blog)" in r.reasons
    assert r.sources == 1  # both claims are only known through one publisher


def test_raqqa_evacuation_across_reports() -> None:
    said = M(
        "Isis has begun allowing residents to leave Raqqa, a local council said.",
        "leave",
        kind="flee",
        actors=(("actor1", "isis"),),
        claimant="a local council",
        day=None,
    )
    denied = M(
        "Isis denied it had opened any route out of Raqqa.",
        "denied",
        kind="flee",
        actors=(("actor1", "isis"),),
        claimant="Isis",
        claimant_actor="isis",
        party=True,
        modality="denied",
        day=None,
    )
    r = _one(doc("Raqqa Voices", PUB, said), doc("Amaq relay", PUB, denied))
    assert r.grade == "contested" and r.sources == 2
    assert any(x.startswith("denied by Isis (in Amaq relay) [party]") for x in r.reasons)


def test_only_denials_are_denied() -> None:
    m = M(
        "The ministry denied that its aircraft bombed Raqqa.",
        "bombed",
        claimant="The ministry",
        modality="denied",
    )
    r = _one(doc("State TV", PUB, m))
    assert r.grade == "denied" and r.reasons[0].startswith("only denials")


def test_a_named_claimant_quoted_twice_is_one_source() -> None:
    hrw = dict(
        kind="attack",
        place="fallujah",
        actors=(("actor1", "pmf"), ("actor2", "civilians")),
        claimant="Human Rights Watch",
        modality="alleged",
    )
    a = doc(
        "Paper One",
        PUB,
        M("Human Rights Watch said militias executed men fleeing Fallujah.", "executed", **hrw),
    )
    b = doc(
        "Paper Two",
        PUB,
        M(
            "Militias summarily executed men near Fallujah, Human Rights Watch alleged.",
            "executed",
            **hrw,
        ),
    )
    r = _one(a, b)
    assert r.sources == 1 and r.grade == "single source"
    assert any(x.startswith("alleged, not established") for x in r.reasons)


def test_disputed_perpetrator_is_contested() -> None:
    a = doc(
        "A",
        PUB,
        M(
            "Russian jets bombed a hospital in Aleppo.",
            "bombed",
            place="aleppo",
            actors=(("actor1", "russia"),),
        ),
    )
    b = doc(
        "B",
        PUB,
        M(
            "Syrian aircraft bombed an Aleppo hospital.",
            "bombed",
            place="aleppo",
            actors=(("actor1", "syrian_army"),),
        ),
    )
    r = _one(a, b)
    assert r.grade == "contested" and r.contested_on == ("actor1",)


def test_interval_semantics() -> None:
    def f(low, best, high):
        return ClaimFigure("killed", low, best, high, None, "", 0, 0)

    assert interval(f(12, None, None)) == (12, float("inf"))
    assert interval(f(None, None, 40)) == (0, 40)
    assert interval(f(None, 68000, None)) == (68000, 68000)
    assert disagree((7, 7), (30, 30), lambda v: max(2, 0.4 * v))
    assert not disagree((10, float("inf")), (14, 14), lambda v: 2)


def test_stated_figures_decide_disagreement() -> None:
    """Open qualifiers do not stretch a figure: "at least 21" vs "up to 56" is 21 vs 56."""
    from fogofwar.triangulate.rules import default_tolerances

    def f(low, best, high, qual=None):
        return ClaimFigure("killed", low, best, high, qual, "", 0, 0)

    widen = default_tolerances().figure_tolerance["killed"].widen
    at_least_21, up_to_56 = f(21, 21, None, "at least"), f(None, 56, 56, "up to")
    dozens = f(24, 24, 99, "dozens")
    assert stated(at_least_21) == (21, 21) and stated(up_to_56) == (56, 56)
    assert stated(dozens) == (24, 99)
    assert disagree(stated(at_least_21), stated(up_to_56), widen)  # 35 apart > 22.4
    assert not disagree(interval(at_least_21), interval(up_to_56), widen)  # as bounds they meet
    assert not disagree(stated(dozens), stated(up_to_56), widen)
    assert not disagree(stated(dozens), stated(at_least_21), widen)
    assert not disagree(stated(f(10, 10, None, "at least")), stated(f(None, 14, None)), widen)


def test_count_words_bound_low_but_give_no_best() -> None:
    def report(source: str, text: str, fig: tuple) -> AnnotatedDoc:
        return doc(source, PUB, M(text, "raids", figures=(fig,)))

    a = report("A", "Coalition raids on Raqqa killed 30.", ("killed", "30", 30, 30, 30, None))
    b = report(
        "B", "Coalition raids on Raqqa killed dozens.", ("killed", "dozens", 24, 24, 99, "dozens")
    )
    r = _one(a, b)
    f = _fig(r, "killed")
    assert (f.low, f.best, f.high) == (24, 30, 30) and not f.contested


def test_bundled_killed_tolerance() -> None:
    from fogofwar.triangulate.rules import default_tolerances

    widen = default_tolerances().figure_tolerance["killed"].widen
    assert not disagree((10, 10), (14, 14), widen)  # ordinary reporting variation
    assert disagree((10, 10), (20, 20), widen)  # one source doubles the other
    assert not disagree((1, 1), (3, 3), widen)  # small counts: absolute slack of 2


def test_seed_raqqa_evacuation_is_contested_with_both_sides(seeds_dir) -> None:
    """End to end on ../shared/seeds with the real pipeline (skipped without either)."""
    import pytest

    try:
        from fogofwar.extract.pipeline import build, extract_text

        build()
    except Exception as exc:  # a stage not yet installed: the unit tests above still run
        pytest.skip(f"extraction pipeline unavailable: {exc}")
    text = next(p for p in sorted(seeds_dir.glob("*.txt")) if "evacuation" in p.read_text())
    ad = extract_text(text.read_text(), published=PUB, source="seed")
    infos = {ad.doc.id: doc_info(ad.doc)}
    found = [
        reconcile(e, infos)
        for e in link([(infos[ad.doc.id], claims_from_doc(ad))])
        if any("evacuation" in c.text for c in e.claims)
        and any(c.modality in ("denied", "negated") for c in e.claims)
    ]
    assert found and found[0].grade == "contested"
    assert any(r.startswith("asserted by") for r in found[0].reasons)
    assert any(r.startswith("denied by") for r in found[0].reasons)


def test_people_one_outlet_quotes_are_that_outlet() -> None:
    a = doc(
        "Frontline Weekly",
        PUB,
        M("Medics said coalition jets hit a Raqqa bakery.", "hit", claimant="Medics"),
        M("Residents said the jets struck the bakery twice.", "struck", claimant="Residents"),
    )
    r = _one(a)
    assert r.sources == 1 and r.grade == "single source"


def test_claimant_quoted_by_two_outlets_is_one_source() -> None:
    say = "Human Rights Watch"
    a = doc(
        "Levant Wire", PUB, M("HRW said coalition jets hit a Raqqa bakery.", "hit", claimant=say)
    )
    b = doc("Gulf Post", PUB, M("HRW said jets struck a bakery in Raqqa.", "struck", claimant=say))
    r = _one(a, b)
    assert r.sources == 1 and r.publishers == ("Gulf Post", "Levant Wire")


def test_date_window_is_ordered_when_claims_do_not_overlap() -> None:
    a = doc("Levant Wire", PUB, M("Jets hit a Raqqa bakery.", "hit", day=date(2016, 5, 29)))
    b = doc(
        "Gulf Post",
        PUB,
        M(
            "Jets struck a bakery in Raqqa.",
            "struck",
            day=date(2016, 5, 30),
            last=date(2016, 5, 31),
        ),
    )
    infos = {x.doc.id: doc_info(x.doc) for x in (a, b)}
    for e in link((infos[x.doc.id], claims_from_doc(x)) for x in (a, b)):
        r = reconcile(e, infos)
        assert r.first is None or r.last is None or r.first <= r.last
