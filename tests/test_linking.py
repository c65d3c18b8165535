"""Linking: which mentions of different reports a careful reader would call one event."""

from __future__ import annotations

from datetime import date

from tri_fixtures import M, doc, onto

from fogofwar.model import AnnotatedDoc
from fogofwar.triangulate.claims import claims_from_doc, doc_info
from fogofwar.triangulate.linking import LinkIndex, compatible, link, partition

PUB = date(2016, 6, 1)
D30 = date(2016, 5, 30)


def _link(*ads: AnnotatedDoc) -> list[set[str]]:
    """Events as sets of publishers (sorted for stable asserts)."""
    events = link((doc_info(a.doc), claims_from_doc(a)) for a in ads)
    return sorted(({c.publisher for c in e.claims} for e in events), key=sorted)


def _claim(m: M, source: str = "Wire"):
    """One claim; the publisher's name in the text keeps document ids apart."""
    return claims_from_doc(doc(source, PUB, m, tail=f"({source})"))[0]


STRIKE = M("Coalition jets struck Raqqa on Monday, killing seven.", "struck")


def test_two_reports_of_one_strike_link_despite_different_figures() -> None:
    a = doc(
        "Wire A",
        PUB,
        M(
            "Coalition jets struck Raqqa, killing seven.",
            "struck",
            figures=(("killed", "seven", 7, 7, 7, None),),
        ),
    )
    b = doc(
        "Monitor B",
        PUB,
        M(
            "A coalition raid on Raqqa left 15 dead.",
            "raid",
            figures=(("killed", "15", 15, 15, 15, None),),
        ),
    )
    assert _link(a, b) == [{"Wire A", "Monitor B"}]


def test_different_towns_same_day_stay_apart() -> None:
    a = doc("A", PUB, M("Coalition jets struck Raqqa.", "struck"))
    b = doc("B", PUB, M("Coalition jets struck Manbij.", "struck", place="manbij"))
    assert _link(a, b) == [{"A"}, {"B"}]


def test_precision_decides_the_distance_allowed() -> None:
    near = _claim(
        M(
            "Fighting raged near Fallujah.",
            "Fighting",
            kind="clash",
            place="near_fallujah",
            actors=(("actor1", "iraqi_army"), ("actor2", "isis")),
        )
    )
    saq = _claim(
        M(
            "Troops clashed with Isis in Saqlawiyah.",
            "clashed",
            kind="clash",
            place="saqlawiyah",
            actors=(("actor1", "iraqi_army"), ("actor2", "isis")),
        ),
        "B",
    )
    mosul = _claim(
        M(
            "Troops clashed with Isis in Mosul.",
            "clashed",
            kind="clash",
            place="mosul",
            actors=(("actor1", "iraqi_army"), ("actor2", "isis")),
        ),
        "C",
    )
    assert compatible(near, saq)
    assert not compatible(near, mosul)


def test_means_and_families_keep_events_apart() -> None:
    air = _claim(M("Jets struck Raqqa.", "struck", kind="air", actors=()))
    bomb = _claim(
        M("A suicide bomber struck Raqqa.", "suicide bomber", kind="bomb", actors=()), "B"
    )
    attack = _claim(
        M("Gunmen attacked Raqqa residents.", "attacked", kind="attack", actors=()), "C"
    )
    flee = _claim(M("Thousands fled Raqqa.", "fled", kind="flee", actors=()), "D")
    assert not compatible(air, bomb)
    assert compatible(air, attack)  # a generic "attack" can be the strike itself
    assert not compatible(air, flee)


def test_incompatible_perpetrators_stay_apart_but_roles_may_swap() -> None:
    isis = _claim(
        M(
            "Isis fighters attacked SDF lines in Tabqa.",
            "attacked",
            kind="clash",
            place="tabqa",
            actors=(("actor1", "isis"), ("actor2", "sdf")),
        )
    )
    sdf = _claim(
        M(
            "The SDF repelled an Isis assault in Tabqa.",
            "repelled",
            kind="clash",
            place="tabqa",
            actors=(("actor1", "sdf"), ("actor2", "isis")),
        ),
        "B",
    )
    army = _claim(
        M(
            "Syrian troops shelled Tabqa villages.",
            "shelled",
            kind="clash",
            place="tabqa",
            actors=(("actor1", "syrian_army"),),
        ),
        "C",
    )
    assert compatible(isis, sdf)
    assert not compatible(isis, army)


def test_disputed_perpetrator_of_one_strike_links() -> None:
    a = _claim(
        M(
            "Russian jets bombed a hospital in Aleppo.",
            "bombed",
            place="aleppo",
            actors=(("actor1", "russia"),),
        )
    )
    b = _claim(
        M(
            "Syrian aircraft bombed a hospital in Aleppo.",
            "bombed",
            place="aleppo",
            actors=(("actor1", "syrian_army"),),
        ),
        "B",
    )
    assert compatible(a, b)


def test_dates_must_overlap_allowing_a_day_of_slack_across_reports() -> None:
    base = M("Jets struck Raqqa.", "struck")
    next_day = M("Jets struck Raqqa.", "struck", day=date(2016, 5, 31))
    later = M("Jets struck Raqqa.", "struck", day=date(2016, 6, 10))
    may = M(
        "Jets struck Raqqa in May.",
        "struck",
        day=date(2016, 5, 1),
        last=date(2016, 5, 31),
        precision="month",
    )
    assert compatible(_claim(base), _claim(next_day, "B"))
    assert not compatible(_claim(base), _claim(later, "B"))
    assert compatible(_claim(may), _claim(base, "B"))


def test_two_days_in_one_report_are_two_events() -> None:
    ad = doc(
        "A",
        PUB,
        M("Jets struck Raqqa on Monday.", "struck"),
        M("They struck Raqqa again on Tuesday.", "struck", day=date(2016, 5, 31)),
    )
    events = link([(doc_info(ad.doc), claims_from_doc(ad))])
    assert len(events) == 2


def test_aggregates_link_only_with_aggregates() -> None:
    since = dict(day=date(2014, 9, 1), last=PUB, precision="range")
    toll = M(
        "Since 2014 coalition strikes have killed 1,206 civilians.",
        "strikes",
        place="raqqa",
        **since,
    )
    toll2 = M("Coalition raids have killed about 1,200 civilians since 2014.", "raids", **since)
    week = M(
        "Coalition strikes killed seven last week.",
        "strikes",
        day=date(2016, 5, 23),
        last=date(2016, 5, 29),
        precision="week",
    )
    assert compatible(_claim(toll), _claim(toll2, "B"))
    assert not compatible(_claim(toll), _claim(week, "B"))


def test_region_and_country_level_places() -> None:
    """A place known only to its province or country fits any place in it, but across
    reports that alone is no evidence of one event: they must also agree on a figure (and,
    at country level, name one perpetrator). Within one report the hierarchy suffices."""

    def m(sentence: str, place: str, actor: str | None, killed: int | None = None) -> M:
        figs = (("killed", str(killed), killed, killed, killed, None),) if killed else ()
        actors = (("actor1", actor),) if actor else ()
        return M(sentence, "attacked", kind="clash", place=place, actors=actors, figures=figs)

    anbar = _claim(m("Troops attacked in Anbar, 5 dead.", "anbar", "iraqi_army", 5))
    fall5 = _claim(m("Troops attacked Fallujah, 5 dead.", "fallujah", "iraqi_army", 5), "B")
    fall40 = _claim(m("Troops attacked Fallujah, 40 dead.", "fallujah", "iraqi_army", 40), "C")
    fall = _claim(m("Troops attacked Fallujah.", "fallujah", "iraqi_army"), "D")
    mosul = _claim(m("Troops attacked Mosul, 5 dead.", "mosul", "iraqi_army", 5), "E")
    assert compatible(anbar, fall5)
    assert not compatible(anbar, fall40)  # the figures tell two events
    assert not compatible(anbar, fall)  # "in Anbar" alone: which of its attacks?
    assert not compatible(anbar, mosul)  # another province
    both = claims_from_doc(
        doc(
            "Wire",
            PUB,
            m("Troops attacked in Anbar.", "anbar", "iraqi_army"),
            m("Troops attacked Fallujah.", "fallujah", "iraqi_army"),
        )
    )
    assert compatible(*both)  # one report's province and town

    syria = _claim(m("Isis attacked in Syria, 7 dead.", "syria", "isis", 7))
    tabqa_isis = _claim(m("Isis attacked Tabqa, 7 dead.", "tabqa", "isis", 7), "B")
    tabqa_anon = _claim(m("Gunmen attacked Tabqa, 7 dead.", "tabqa", None, 7), "C")
    assert compatible(syria, tabqa_isis)
    assert not compatible(syria, tabqa_anon)  # "in Syria" needs the same perpetrator too


def test_planned_events_do_not_merge_with_held_ones() -> None:
    plan = _claim(
        M(
            "Activists plan a protest in Raqqa.",
            "protest",
            kind="protest",
            actors=(),
            modality="planned",
        )
    )
    held = _claim(M("Hundreds protested in Raqqa.", "protested", kind="protest", actors=()), "B")
    assert not compatible(plan, held)


def test_denial_links_with_what_it_denies() -> None:
    said = _claim(
        M("Isis let civilians leave Raqqa.", "leave", kind="flee", actors=(("actor1", "isis"),))
    )
    denied = _claim(
        M(
            "Isis did not let civilians leave Raqqa.",
            "leave",
            kind="flee",
            actors=(("actor1", "isis"),),
            modality="negated",
        ),
        "B",
    )
    assert compatible(said, denied)


def test_vague_claim_cannot_chain_incompatible_events() -> None:
    isis = doc(
        "A",
        PUB,
        M(
            "Isis attacked Tabqa.",
            "attacked",
            kind="clash",
            place="tabqa",
            actors=(("actor1", "isis"),),
        ),
    )
    army = doc(
        "B",
        PUB,
        M(
            "Syrian troops attacked Tabqa.",
            "attacked",
            kind="clash",
            place="tabqa",
            actors=(("actor1", "syrian_army"),),
        ),
    )
    anon = doc(
        "C", PUB, M("Heavy fighting hit Tabqa.", "fighting", kind="clash", place="tabqa", actors=())
    )
    groups = _link(isis, army, anon)
    assert len(groups) == 2 and {"A"} in groups or {"B"} in groups
    assert not any({"A", "B"} <= g for g in groups)


def test_incremental_equals_batch_and_readding_changes_nothing() -> None:
    ads = [
        doc("A", PUB, STRIKE),
        doc("B", PUB, M("Coalition raids on Raqqa killed nine.", "raids")),
        doc("C", PUB, M("Coalition jets struck Manbij.", "struck", place="manbij")),
    ]
    index = LinkIndex()
    for ad in ads:
        index.add(doc_info(ad.doc), claims_from_doc(ad))
    before = partition(index.events())
    assert index.add(doc_info(ads[0].doc), claims_from_doc(ads[0])) == set()
    assert partition(index.events()) == before
    assert before == partition(link((doc_info(a.doc), claims_from_doc(a)) for a in reversed(ads)))
    eid = index.event_of(claims_from_doc(ads[1])[0].id)
    assert eid == index.event_of(claims_from_doc(ads[0])[0].id)


def test_blocking_compares_only_nearby_claims() -> None:
    index = LinkIndex()
    towns = ["raqqa", "mosul", "sirte", "fallujah", "manbij"]
    for week in range(20):
        for t in towns:
            day = date(2016, 1, 4).fromordinal(date(2016, 1, 4).toordinal() + 7 * week)
            ad = doc(
                f"P{week}{t}",
                PUB,
                M(f"Jets struck {t} in week {week}.", "struck", place=t, day=day),
            )
            index.add(doc_info(ad.doc), claims_from_doc(ad))
    assert len(index.claims) == 100
    assert index.comparisons < 100 * 99 / 2 / 10


def test_pairwise_scoring() -> None:
    from fogofwar.triangulate.bench import pairwise

    gold = {"a": "g1", "b": "g1", "c": "g2", "d": "g2"}
    pred = {"a": "e1", "b": "e1", "c": "e1", "d": None}
    out = pairwise(pred, gold)
    assert out["pairs"] == 6 and out["true_pairs"] == 2 and out["predicted_pairs"] == 3
    assert out["precision"] == 1 / 3 and out["recall"] == 0.5


def test_bench_scores_a_folder_with_a_fake_extractor(tmp_path) -> None:
    """The harness reads files and groups.json; extraction here is a hand-built fake."""
    import json

    from fogofwar.triangulate.bench import score_folders

    texts = {
        "a.txt": M("Coalition jets struck Raqqa on Monday.", "struck"),
        "b.txt": M("Coalition aircraft bombed Raqqa, killing four.", "bombed"),
        "c.txt": M("Coalition jets struck Manbij.", "struck", place="manbij"),
    }
    for name, m in texts.items():
        (tmp_path / name).write_text(m.sentence, encoding="utf-8")
    groups = {"a.txt": "raqqa", "b.txt": "raqqa", "c.txt": "manbij"}
    (tmp_path / "groups.json").write_text(json.dumps(groups))
    by_text = {m.sentence: m for m in texts.values()}

    def fake(d):
        return onto(d, doc(d.source, date(2016, 6, 1), by_text[d.text.strip()]))

    out = score_folders([tmp_path], extractor=fake)
    assert out == {
        "precision": 1.0,
        "recall": 1.0,
        "pairs": 3,
        "documents": 3,
        "true_pairs": 1,
        "predicted_pairs": 1,
    }


def test_scale_benchmark_runs_small() -> None:
    from fogofwar.triangulate.bench import scale_benchmark

    out = scale_benchmark(2000, 50)
    assert out["mentions"] == 2000 and out["comparisons_per_new_document"] < 200


def test_main_claim_is_the_family_a_report_keeps_returning_to() -> None:
    from fogofwar.triangulate.bench import main_claim
    from fogofwar.triangulate.rules import default_tolerances

    report = doc(
        "Relief Wire",
        date(2016, 6, 1),
        M(
            "The army pushed into Fallujah on Monday.",
            "pushed",
            kind="clash",
            actors=(("actor1", "iraqi_army"),),
            place="fallujah",
        ),
        M("Thousands fled Fallujah on Monday.", "fled", kind="flee", actors=(), place="fallujah"),
        M(
            "About 3,000 more fled Fallujah on Monday.",
            "fled",
            kind="flee",
            actors=(),
            place="fallujah",
            figures=(("displaced", "3,000", None, 3000, None, "about"),),
        ),
        M("Families kept fleeing Fallujah on Monday.", "fleeing", kind="flee", actors=()),
    )
    chosen = main_claim(claims_from_doc(report), default_tolerances())
    assert chosen is not None and chosen.family == "displacement"


def test_main_claim_weighs_the_lead_sentence() -> None:
    """A report that leads with the flight and recalls the fighting twice is about the
    flight; the same mentions without the lead are about the fighting."""
    from fogofwar.triangulate.bench import main_claim
    from fogofwar.triangulate.rules import default_tolerances

    def m(sentence: str, trigger: str, kind: str, modality: str = "reported") -> M:
        return M(sentence, trigger, kind=kind, actors=(), place="fallujah", modality=modality)

    flee = m("Some 65,000 have fled Fallujah, volunteers say.", "fled", "flee")
    shot = m("Gunmen shot at families on the river bank.", "shot", "attack")
    fight = m("Fighting went on in the south of Fallujah.", "Fighting", "clash")
    plan = m("Aid groups plan to move families out of Fallujah.", "move", "flee", "planned")
    tol = default_tolerances()

    def family(*ms: M) -> str | None:
        chosen = main_claim(claims_from_doc(doc("Bulletin", PUB, *ms)), tol)
        return chosen.family if chosen else None

    assert family(flee, shot, fight) == "displacement"
    assert family(shot, fight, flee) == "violence"
    assert family(plan, shot) == "violence"  # a plan is not the report's event
