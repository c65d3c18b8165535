"""The documented linking rules (docs/triangulation.md), one behaviour per test, on
hand-built reports: type classes, perpetrators and sides, date windows by precision,
place precision, denials, the catch-all class, the order events take shape in, and the
GTD hard-negative benchmark."""

from __future__ import annotations

import json
from datetime import date, timedelta

from tri_fixtures import M, doc, onto

from fogofwar.model import AnnotatedDoc
from fogofwar.triangulate.claims import claims_from_doc, doc_info
from fogofwar.triangulate.linking import compatible, is_vague, link
from fogofwar.triangulate.reconcile import reconcile
from fogofwar.triangulate.records import Claim
from fogofwar.triangulate.rules import default_tolerances

PUB = date(2016, 6, 1)
D30 = date(2016, 5, 30)


def _claim(m: M, source: str = "Wire", published: date = PUB) -> Claim:
    return claims_from_doc(doc(source, published, m, tail=f"({source})"))[0]


def _events(*ads: AnnotatedDoc) -> list[set[str]]:
    """Events as sets of publishers."""
    events = link((doc_info(a.doc), claims_from_doc(a)) for a in ads)
    return sorted(({c.publisher for c in e.claims} for e in events), key=sorted)


def test_link_classes_join_the_wordings_outlets_use_for_one_event() -> None:
    def c(sentence: str, trigger: str, kind: str, source: str) -> Claim:
        return _claim(M(sentence, trigger, kind=kind, actors=(), place="fallujah"), source)

    detained = c("Militiamen detained men fleeing Fallujah.", "detained", "arrests", "A")
    vanished = c("Men fleeing Fallujah were disappeared.", "disappeared", "abduction", "B")
    strike = c("Jets bombed Fallujah.", "bombed", "air", "C")
    attack = c("Civilians were killed in an attack on Fallujah.", "attack", "attack", "D")
    fighting = c("Fighting raged in Fallujah.", "Fighting", "clash", "E")
    fled = c("Thousands fled Fallujah.", "fled", "flee", "F")
    protest = c("Hundreds protested in Fallujah.", "protested", "protest", "G")
    assert compatible(detained, vanished)  # one's arrests are another's disappearances
    assert compatible(strike, attack) and compatible(strike, fighting)
    assert not compatible(detained, strike)  # an arrest is no air strike
    assert not compatible(fled, fighting)  # the flight is not the battle it follows
    assert not compatible(protest, fighting)


def test_victims_are_no_perpetrators_and_one_side_is_one_perpetrator() -> None:
    def c(actor: str, source: str, kind: str = "clash", place: str = "fallujah") -> Claim:
        return _claim(
            M(
                "Troops attacked Fallujah.",
                "attacked",
                kind=kind,
                actors=(("actor1", actor),),
                place=place,
            ),
            source,
        )

    assert compatible(c("civilians", "A", "attack"), c("isis", "B", "attack"))
    assert compatible(c("iraqi_army", "A"), c("iraqi_police", "B"))  # one state's forces
    assert not compatible(c("iraqi_army", "A"), c("isis", "B"))
    ypg, sdf = c("ypg", "A", place="manbij"), c("sdf", "B", place="manbij")
    assert compatible(ypg, sdf)  # the YPG is part of the SDF (actor dictionary)
    assert not compatible(c("sdf", "A", place="manbij"), c("isis", "B", place="manbij"))


def test_day_slack_only_between_single_days_and_ranges_of_activity_are_aggregates() -> None:
    def c(day: date, last: date, precision: str, source: str) -> Claim:
        return _claim(
            M("Coalition jets struck Raqqa.", "struck", day=day, last=last, precision=precision),
            source,
        )

    may31 = c(date(2016, 5, 31), date(2016, 5, 31), "day", "A")
    june1 = c(date(2016, 6, 1), date(2016, 6, 1), "day", "B")
    june = c(date(2016, 6, 1), date(2016, 6, 30), "month", "C")
    assert compatible(may31, june1)  # "yesterday" read against different dates
    assert not compatible(may31, june)  # "in June" does not reach 31 May
    assert compatible(june1, june)
    weeks = c(date(2016, 5, 2), date(2016, 6, 1), "range", "D")  # "in recent weeks"
    days = c(date(2016, 5, 26), date(2016, 6, 1), "range", "E")  # "in recent days"
    tol = default_tolerances()
    assert is_vague(weeks, tol) and not is_vague(days, tol) and not is_vague(june, tol)
    assert not compatible(weeks, may31) and compatible(days, may31)


def test_displacement_totals_run_to_publication() -> None:
    def fled(pub: date, source: str) -> Claim:
        m = M(
            "Families have fled Fallujah since the offensive began.",
            "fled",
            kind="flee",
            actors=(),
            place="fallujah",
            day=date(2016, 5, 23),
        )
        return _claim(m, source, pub)

    early, late = fled(date(2016, 6, 10), "A"), fled(date(2016, 6, 12), "B")
    assert (early.first, early.last, early.date_precision) == (
        date(2016, 5, 23),
        date(2016, 6, 10),
        "range",
    )
    assert compatible(early, late)
    strike = _claim(M("Coalition jets struck Raqqa on 23 May.", "struck", day=date(2016, 5, 23)))
    assert (strike.first, strike.last) == (date(2016, 5, 23), date(2016, 5, 23))


def test_two_towns_named_as_such_are_one_place_only_within_ten_km() -> None:
    def c(place: str, source: str) -> Claim:
        return _claim(M("Jets struck the town.", "struck", place=place), source)

    # Fallujah and Saqlawiyah lie about 10.1 km apart; "near Fallujah" reaches 30 km
    assert not compatible(c("fallujah", "A"), c("saqlawiyah", "B"))
    assert compatible(c("near_fallujah", "A"), c("saqlawiyah", "B"))


def test_a_denial_links_whatever_actor_its_sentence_yields() -> None:
    strike = doc("Monitor", PUB, M("Coalition jets struck Raqqa.", "struck"))
    denial = doc(
        "Coalition",
        PUB,
        M(
            "The coalition denies striking Raqqa, blaming Isis.",
            "denies",
            actors=(("actor1", "isis"),),
            modality="denied",
        ),
    )
    assert compatible(claims_from_doc(strike)[0], claims_from_doc(denial)[0])
    (event,) = link((doc_info(a.doc), claims_from_doc(a)) for a in (strike, denial))
    r = reconcile(event)
    assert r.grade == "contested" and "occurrence" in r.contested_on


def test_catch_all_class_links_across_reports_only_on_one_trigger_word() -> None:
    def other(sentence: str, trigger: str, source: str) -> Claim:
        return _claim(M(sentence, trigger, kind="other", actors=()), source)

    leaflets = other("Aircraft dropped leaflets over Raqqa.", "leaflets", "A")
    leaflet = other("A leaflet fell on Raqqa overnight.", "leaflet", "B")
    announced = other("The group announced new rules in Raqqa.", "announced", "C")
    assert compatible(leaflets, leaflet)
    assert not compatible(leaflets, announced)


def test_report_leads_take_shape_before_background_mentions() -> None:
    """A background mention compatible with one lead but not the other cannot split two
    reports that lead with the same strike."""
    may = {d: date(2016, 5, d) for d in range(1, 32)}
    seven = (("killed", "even", 7, 7, 7, None),)
    local = doc("Local", may[26], M("Seven died near Raqqa.", "died", day=may[25], figures=seven))
    desk = doc(
        "Desk",
        may[29],
        M("A strike killed seven in Syria.", "strike", place="syria", day=may[25], figures=seven),
    )
    quiet = M("Residents heard no strikes.", "strikes", actors=(), day=may[24])
    circling = M("Aircraft circled over Raqqa.", "Aircraft", actors=(), day=may[24])
    other = doc("Other", may[25], quiet, circling)
    for order in ((local, desk, other), (other, local, desk), (desk, other, local)):
        events = _events(*order)
        assert {"Local", "Desk"} in events, events


def test_a_passing_mention_of_another_kind_is_no_source() -> None:
    ngo = doc(
        "Monitor",
        PUB,
        M(
            "Coalition strikes on a village killed 21 civilians.",
            "strikes",
            figures=(("killed", "21", 21, 21, None, "at least"),),
        ),
    )
    blog = doc(
        "Blog",
        PUB,
        M(
            "Jets slaughtered 56 villagers.",
            "slaughtered",
            kind="attack",
            figures=(("killed", "56", None, 56, 56, "up to"),),
        ),
    )
    other = doc(
        "Frontline",
        PUB,
        M("Mortars hit Tabqa.", "Mortars", kind="shelling", actors=(), place="tabqa"),
        M("Fighting went on in Raqqa.", "Fighting", kind="clash", actors=()),
    )
    events = link((doc_info(a.doc), claims_from_doc(a)) for a in (ngo, blog, other))
    strike = next(e for e in events if any(c.publisher == "Monitor" for c in e.claims))
    assert {c.publisher for c in strike.claims} == {"Monitor", "Blog", "Frontline"}
    infos = {a.doc.id: doc_info(a.doc) for a in (ngo, blog, other)}
    r = reconcile(strike, infos)
    assert r.sources == 2
    assert any("in passing" in why and "Frontline" in why for why in r.reasons)
    killed = next(f for f in r.figures if f.kind == "killed")
    assert r.grade == "contested" and (killed.low, killed.high) == (21, 56)


def test_gtd_related_incidents_are_scored_as_hard_negatives(tmp_path) -> None:
    from fogofwar.triangulate.bench import gtd_related_pairs, score_gtd_related

    header = "eventid,event_date,country_txt,summary,attacktype1_txt,gname,related"
    day = date(2021, 3, 2)
    rows = [
        ("1", "Gunmen stormed a police post in Saqlawiyah, Anbar, Iraq, killing 4.", "2"),
        ("2", "Gunmen stormed a checkpoint in Fallujah, Anbar, Iraq, killing 9.", "1, 9"),
        ("3", "A bomb wounded two shoppers in Mosul, Nineveh, Iraq.", ""),
    ]
    lines = [header] + [
        f'{eid},{day.isoformat()},Iraq,"{day:%m/%d/%Y}: {text}",Armed Assault,Unknown,"{rel}"'
        for eid, text, rel in rows
    ]
    path = tmp_path / "gtd.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    related, pairs = gtd_related_pairs(path)
    assert pairs == {frozenset(("1", "2"))}  # "9" is not in the file
    assert related["3"] == ""

    towns = {"Saqlawiyah": ("saqlawiyah", 4), "Fallujah": ("fallujah", 9), "Mosul": ("mosul", 0)}

    def fake(d):  # the pipeline's reading of each summary, built by hand
        town, killed = next(v for k, v in towns.items() if k in d.text)
        figures = (("killed", str(killed), killed, killed, killed, None),) if killed else ()
        day = d.published - timedelta(days=1)
        m = M(d.text, "Iraq", kind="clash", actors=(), place=town, day=day, figures=figures)
        return onto(d, doc(d.source, d.published, m))

    out = score_gtd_related(path, extractor=fake)
    assert out["records"] == 3 and out["related_pairs"] == 1
    assert out["related_pairs_linked_main"] == 0 and out["related_pairs_apart"] == 1.0
    assert out["other_pairs_linked"] == 0
    json.dumps(out)  # the --json output is plain JSON
