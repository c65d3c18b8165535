"""events.v1: triggers -> typed events with roles, place, date, figures, modality.

Sentences are our own. Mentions of other stages (actors, places, figures, dates) are
built by hand with the small helpers below, so these tests pin the event rules alone.
"""

from __future__ import annotations

import sys
import types
from datetime import date
from types import SimpleNamespace

import pytest

from fogofwar.errors import ResourceError
from fogofwar.extract import attribution, events, sentences
from fogofwar.extract.event_lexicon import load_event_lexicon
from fogofwar.ingest.document import make_document
from fogofwar.model import (
    ActorMention,
    AnnotatedDoc,
    DateMention,
    EventMention,
    Figure,
    PlaceMention,
)


@pytest.fixture(scope="module")
def lex_res() -> SimpleNamespace:
    """Just what attribution.v1 and events.v1 read: the event lexicon."""
    return SimpleNamespace(lexicon=load_event_lexicon())


@pytest.fixture(autouse=True)
def _places_module(monkeypatch: pytest.MonkeyPatch) -> None:
    """Use a stand-in for places.main_place when the places stage has not landed."""
    try:
        import fogofwar.extract.places  # noqa: F401
    except ImportError:
        fake = types.ModuleType("fogofwar.extract.places")
        fake.main_place = lambda ad: ad.places[0] if ad.places else None  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, "fogofwar.extract.places", fake)


# Surface form -> (canonical id, display name, kind, country) for the hand-built actors.
ACTORS = {
    "Iraqi army": ("military_forces:IQ", "Military Forces of Iraq", "state", "IQ"),
    "Shia militias": ("pmf", "Popular Mobilization Forces", "political_militia", "IQ"),
    "US": ("military_forces:US", "Military Forces of the United States", "state", "US"),
    "Isis": ("isis", "Islamic State", "rebel", None),
    "SDF": ("sdf", "SDF: Syrian Democratic Forces", "rebel", "SY"),
    "Taliban": ("taliban", "Taliban", "rebel", "AF"),
    "gunmen": ("unidentified_armed_group:?", "Unidentified Armed Group", "political_militia", None),
    "militants": (
        "unidentified_armed_group:?",
        "Unidentified Armed Group",
        "political_militia",
        None,
    ),
    "police": ("police_forces:?", "Police Forces", "state", None),
    "army": ("military_forces:?", "Military Forces", "state", None),
    "protesters": ("protesters:?", "Protesters", "protesters", None),
    "civilians": ("civilians:?", "Civilians", "civilians", None),
    "coalition": ("coalition", "US-led coalition", "external", None),
    "Human Rights Watch": ("hrw", "Human Rights Watch", "ngo", None),
}
PLACES = {
    "Fallujah": ("Fallujah", "Iraq", "IQ"),
    "Raqqa": ("Raqqa", "Syria", "SY"),
    "Manbij": ("Manbij", "Syria", "SY"),
    "Sirte": ("Sirte", "Libya", "LY"),
    "Baghdad": ("Baghdad", "Iraq", "IQ"),
    "Herat": ("Herat", "Afghanistan", "AF"),
}


def _spans(text: str, word: str) -> list[tuple[int, int]]:
    out, i = [], text.find(word)
    while i >= 0:
        before = text[i - 1] if i else " "
        after = text[i + len(word)] if i + len(word) < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            out.append((i, i + len(word)))
        i = text.find(word, i + 1)
    return out


def annotate(
    text: str,
    *,
    figures: tuple[tuple[str, str, int], ...] = (),
    dates: tuple[tuple[str, date], ...] = (),
    actors: dict[str, tuple[str, str, str, str | None]] | None = None,
) -> AnnotatedDoc:
    """A document with sentences, the known actors/places found by string search, and the
    given figures ``(text, kind, best)`` and dates ``(text, day)``."""
    ad = sentences.run(AnnotatedDoc(make_document(text, published=date(2016, 6, 1))))
    doc_id = ad.doc.id

    def sent(start: int) -> int:
        s = ad.sentence_of(start)
        assert s is not None
        return s.index

    acts = [
        ActorMention(doc_id, a, b, text[a:b], sent(a), cid, name, kind, cc)  # type: ignore[arg-type]
        for surface, (cid, name, kind, cc) in (actors or ACTORS).items()
        for a, b in _spans(text, surface)
    ]
    # keep the longest of nested matches ("Iraqi army" over "army")
    acts = [
        m
        for m in acts
        if not any(
            o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start
            for o in acts
        )
    ]
    places = [
        PlaceMention(doc_id, a, b, name, sent(a), name, None, country, cc, None, 0.0, 0.0, 1)
        for name, (_, country, cc) in PLACES.items()
        for a, b in _spans(text, name)
    ]
    figs = [
        Figure(doc_id, a, a + len(t), t, sent(a), kind, best, best, best, None)  # type: ignore[arg-type]
        for t, kind, best in figures
        for a in [text.index(t)]
    ]
    days = [
        DateMention(doc_id, a, a + len(t), t, sent(a), day, day, "day")
        for t, day in dates
        for a in [text.index(t)]
    ]
    key = lambda m: m.start  # noqa: E731
    return AnnotatedDoc(
        ad.doc,
        ad.sentences,
        tuple(sorted(acts, key=key)),
        tuple(sorted(places, key=key)),
        tuple(days),
        tuple(figs),
    )


def extract(text: str, res: SimpleNamespace, **kw: object) -> AnnotatedDoc:
    ad = annotate(text, **kw)  # type: ignore[arg-type]
    return events.run(attribution.run(ad, res=res), res=res)


def roles(e: EventMention) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for a in e.actors:
        out.setdefault(a.role, []).append(a.actor.canonical_id)
    return out


def only(ad: AnnotatedDoc) -> EventMention:
    assert len(ad.events) == 1, [(e.text, e.sub_event_type) for e in ad.events]
    return ad.events[0]


# ------------------------------------------------------------------------ acceptance facts


def test_offensive_with_backers_is_one_battle(lex_res: SimpleNamespace) -> None:
    text = (
        "On 23 May the Iraqi army and Shia militias, backed by US air strikes, began an "
        "offensive on Fallujah against Isis."
    )
    ad = extract(text, lex_res, dates=(("23 May", date(2016, 5, 23)),))
    e = only(ad)
    assert (e.event_type, e.sub_event_type, e.plover_type) == ("Battles", "Armed clash", "FIGHT")
    r = roles(e)
    assert r["actor1"] == ["military_forces:IQ"]
    assert r["actor2"] == ["isis"]
    assert "pmf" in r["assoc"]
    assert e.place is not None and e.place.name == "Fallujah"
    assert e.date is not None and e.date.first == date(2016, 5, 23)


def test_flight_is_displacement_and_since_the_fighting_no_battle(lex_res: SimpleNamespace) -> None:
    text = "Some 68,000 civilians have escaped from Fallujah since the fighting began."
    e = only(extract(text, lex_res, figures=(("68,000 civilians", "displaced", 68000),)))
    assert e.sub_event_type == "Displacement"
    assert [f.best for f in e.figures] == [68000]


def test_coalition_toll_is_violence_against_civilians(lex_res: SimpleNamespace) -> None:
    text = "A monitoring group says the coalition has killed at least 1,206 civilians since 2014."
    e = only(extract(text, lex_res, figures=(("at least 1,206 civilians", "killed", 1206),)))
    assert (e.event_type, e.sub_event_type) == ("Violence against civilians", "Attack")
    assert roles(e)["actor1"] == ["coalition"]
    assert e.figures[0].best == 1206


def test_family_killed_by_air_strike(lex_res: SimpleNamespace) -> None:
    text = "Seven people from one family were killed when an air strike hit their home last week."
    e = only(extract(text, lex_res, figures=(("Seven people", "killed", 7),)))
    assert e.sub_event_type == "Air/drone strike"
    assert e.figures[0].best == 7


def test_contested_evacuation_keeps_both_claims(lex_res: SimpleNamespace) -> None:
    text = (
        "Some reports said Isis let civilians evacuate Raqqa, while others denied that "
        "anyone was allowed out."
    )
    ad = extract(text, lex_res)
    assert [e.modality for e in ad.events] == ["attributed", "denied"]
    assert {e.sub_event_type for e in ad.events} == {"Displacement"}
    claimants = [e.attribution.claimant if e.attribution else None for e in ad.events]
    assert claimants == ["some reports", "others"]


def test_beheading_is_an_attack_on_civilians(lex_res: SimpleNamespace) -> None:
    text = "In February 2015 Isis militants beheaded 21 Christians on a beach near Sirte."
    e = only(extract(text, lex_res, figures=(("21 Christians", "killed", 21),)))
    assert (e.event_type, e.sub_event_type) == ("Violence against civilians", "Attack")
    assert roles(e)["actor1"] == ["isis"]


def test_sdf_offensive(lex_res: SimpleNamespace) -> None:
    e = only(extract("The SDF opened a new offensive towards Manbij.", lex_res))
    assert e.event_type == "Battles" and roles(e)["actor1"] == ["sdf"]


def test_storming_by_protesters_is_a_riot(lex_res: SimpleNamespace) -> None:
    e = only(
        extract("Angry protesters stormed the Green Zone in Baghdad for a second time.", lex_res)
    )
    assert (e.event_type, e.sub_event_type) == ("Riots", "Violent demonstration")
    actor1 = roles(e)["actor1"][0]
    assert actor1.startswith("rioters:")


def test_called_for_protests_are_planned(lex_res: SimpleNamespace) -> None:
    text = "Exiled activists called for protests outside embassies around the world next Friday."
    e = only(extract(text, lex_res))
    assert e.event_type == "Protests" and e.modality == "planned"
    assert roles(e)["actor1"][0].startswith("protesters:")


def test_alleged_executions_keep_their_claimant(lex_res: SimpleNamespace) -> None:
    text = "Human Rights Watch said it had credible allegations of summary executions by militias."
    e = only(extract(text, lex_res))
    assert e.modality == "alleged"
    assert e.attribution is not None and e.attribution.claimant == "Human Rights Watch"
    assert "hrw" not in sum(roles(e).values(), [])  # the claimant is not a party to the event


# ------------------------------------------------------------------------ negatives


def test_negated_attack(lex_res: SimpleNamespace) -> None:
    ad = extract("Residents said no attack took place in the town that night.", lex_res)
    assert [e.modality for e in ad.events] in (["negated"], ["denied"])
    assert events.main_event(ad) is None


def test_denied_shelling(lex_res: SimpleNamespace) -> None:
    ad = extract("The Iraqi army denied that its artillery shelled the market.", lex_res)
    e = only(ad)
    assert e.sub_event_type == "Shelling/artillery/missile attack" and e.modality == "denied"
    assert events.main_event(ad) is None


def test_no_casualties_do_not_deny_the_blast(lex_res: SimpleNamespace) -> None:
    ad = extract("A roadside bomb went off in Herat. No casualties were reported.", lex_res)
    assert [(e.sub_event_type, e.modality) for e in ad.events] == [
        ("Remote explosive/landmine/IED", "reported")
    ]


def test_sentence_without_trigger_has_no_event(lex_res: SimpleNamespace) -> None:
    assert extract("The weather in Baghdad was hot and dry on Monday.", lex_res).events == ()


# ------------------------------------------------------------------------ type rules


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        ("A suicide bomber blew himself up at a checkpoint.", "Suicide bomb"),
        (
            "A bomb planted by the roadside exploded as a bus passed.",
            "Remote explosive/landmine/IED",
        ),
        ("Isis fired mortars at the town overnight.", "Shelling/artillery/missile attack"),
        ("Gunmen hurled a grenade into a shop.", "Grenade"),
        ("A drone strike hit a car carrying militants.", "Air/drone strike"),
        ("Gunmen kidnapped two aid workers on the road.", "Abduction/forced disappearance"),
        ("Police arrested three men suspected of smuggling.", "Arrests"),
        ("Isis militants arrested three men and took them away.", "Abduction/forced disappearance"),
        ("The Iraqi army recaptured the town of Rutba.", "Government regains territory"),
        ("Isis took control of the town of Rutba.", "Non-state actor overtakes territory"),
        (
            "Hundreds protested outside parliament; police fired tear gas.",
            "Protest with intervention",
        ),
        ("Rioters burned tyres and threw stones at police.", "Violent demonstration"),
        ("Hundreds of students marched peacefully through the capital.", "Peaceful protest"),
        ("Militiamen looted shops in the market.", "Looting/property destruction"),
        ("The two sides signed a ceasefire agreement.", "Agreement"),
        ("Taliban militants clashed with police for two hours.", "Armed clash"),
        ("Gunmen shot dead a teacher outside his home.", "Attack"),
        ("Two groups of villagers clashed with sticks over grazing land.", "Mob violence"),
    ],
)
def test_sub_event_type(text: str, sub_event_type: str, lex_res: SimpleNamespace) -> None:
    ad = extract(text, lex_res)
    main = events.main_event(ad)
    assert main is not None, ad.events
    assert main.sub_event_type == sub_event_type


def test_attack_on_armed_target_is_a_battle_on_people_an_attack(lex_res: SimpleNamespace) -> None:
    battle = events.main_event(extract("Gunmen attacked an army checkpoint at dawn.", lex_res))
    attack = events.main_event(extract("Gunmen attacked villagers at dawn.", lex_res))
    assert battle is not None and battle.event_type == "Battles"
    assert attack is not None and attack.event_type == "Violence against civilians"


def test_passive_agent_and_victim(lex_res: SimpleNamespace) -> None:
    e = only(extract("Three civilians were shot dead by militants near Herat.", lex_res))
    r = roles(e)
    assert r["actor1"][0].startswith("unidentified_armed_group")
    assert r["actor2"][0].startswith("civilians")


def test_responsibility_names_the_perpetrator(lex_res: SimpleNamespace) -> None:
    text = (
        "Gunmen opened fire on a police checkpoint in Herat. No group claimed responsibility "
        "for the incident; however, sources attributed the attack to the Taliban."
    )
    ad = extract(text, lex_res)
    main = events.main_event(ad)
    assert main is not None and roles(main)["actor1"] == ["taliban"]
    assert len(ad.events) == 1  # "attributed the attack to" is not a second attack


def test_generic_actor_takes_the_country_of_the_place(lex_res: SimpleNamespace) -> None:
    e = only(extract("Unknown gunmen attacked a police station in Herat.", lex_res))
    a1 = next(a.actor for a in e.actors if a.role == "actor1")
    assert a1.canonical_id == "unidentified_armed_group:AF" and a1.country == "AF"


# ------------------------------------------------------------------------ main event


def test_main_event_prefers_violence_and_sums_figures(lex_res: SimpleNamespace) -> None:
    text = (
        "Militants arrested a local official in Herat. Later they attacked a police post, "
        "killing two officers. Three attackers were also killed."
    )
    ad = extract(
        text,
        lex_res,
        figures=(("two officers", "killed", 2), ("Three attackers", "killed", 3)),
    )
    main = events.main_event(ad)
    assert main is not None and main.event_type == "Battles"
    assert sum(f.best or 0 for f in main.figures if f.kind == "killed") == 5


def test_main_event_of_a_protest_takes_the_police_reaction(lex_res: SimpleNamespace) -> None:
    text = "About 200 nurses protested in Baghdad over unpaid wages. Police dispersed them."
    main = events.main_event(extract(text, lex_res))
    assert main is not None and main.sub_event_type == "Protest with intervention"


def test_every_event_keeps_its_provenance(lex_res: SimpleNamespace) -> None:
    text = (
        "Isis shelled Manbij on Monday. The SDF clashed with Isis fighters in the city. "
        "Thousands fled Manbij, and others were kidnapped."
    )
    ad = extract(text, lex_res)
    assert len(ad.events) >= 3
    for e in ad.events:
        assert ad.doc.text[e.start : e.end] == e.text
        assert e.doc_id == ad.doc.id and e.stage == "events.v1"
        assert e.id == f"{ad.doc.id}:{e.sentence}:{e.id.rsplit(':', 1)[1]}"
        assert e.sentence_text == ad.sentences[e.sentence].text


# ------------------------------------------------------------------------ lexicon


def test_lexicon_inflects_verbs_and_maps_gtd_types() -> None:
    lex = load_event_lexicon()
    found = {
        h.name for h in lex.scan("They clashed, kidnapped two, and fled.") if h.kind == "trigger"
    }
    assert {"clash", "abduction", "displacement"} <= found
    assert lex.gtd_accepts("Bombing/Explosion", "Explosions/Remote violence", "Suicide bomb")
    assert lex.gtd_accepts("Armed Assault", "Battles", "Armed clash")
    assert not lex.gtd_accepts("Hostage Taking (Kidnapping)", "Battles", "Armed clash")
    assert lex.gtd_accepts("Unknown", "Battles", "Armed clash") is None


def test_whole_words_only() -> None:
    lex = load_event_lexicon()
    # "ied" inside "died"/"studied" is not an IED
    assert all(h.name != "remote_explosive" for h in lex.scan("She studied, then died."))


def test_bad_lexicon_path_raises(tmp_path: object) -> None:
    with pytest.raises(ResourceError):
        load_event_lexicon(f"{tmp_path}/missing.json")
