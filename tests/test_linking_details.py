"""Targets, sub-locations and named victims keep distinct same-day incidents apart.

Every sentence here is written for these tests.
"""

from __future__ import annotations

from datetime import date
from itertools import permutations

from tri_fixtures import M, doc

from fogofwar.model import AnnotatedDoc
from fogofwar.triangulate.claims import claims_from_doc, doc_info
from fogofwar.triangulate.details import names_match, normalise_name, read_details
from fogofwar.triangulate.linking import compatible, details_compatible, link, partition
from fogofwar.triangulate.rules import default_tolerances

PUB = date(2016, 6, 1)
GUNMEN = (("actor1", "unidentified"),)


def _link(*ads: AnnotatedDoc) -> list[set[str]]:
    events = link((doc_info(a.doc), claims_from_doc(a)) for a in ads)
    return sorted(({c.publisher for c in e.claims} for e in events), key=sorted)


def _doc(source: str, sentence: str, trigger: str, kind: str = "attack", **kw) -> AnnotatedDoc:
    return doc(source, PUB, M(sentence, trigger, kind=kind, actors=GUNMEN, **kw))


def test_same_day_same_town_attacks_on_different_targets_stay_apart() -> None:
    station = _doc("Paper A", "Gunmen stormed a police station in Raqqa on Monday.", "stormed")
    market = _doc(
        "Radio B", "A bomb tore through a crowded market in Raqqa on Monday.", "bomb", "bomb"
    )
    assert _link(station, market) == [{"Paper A"}, {"Radio B"}]
    # the same two reports without the target they name would be one event
    bare = _doc("Radio B", "A bomb went off in Raqqa on Monday.", "bomb", "bomb")
    assert _link(station, bare) == [{"Paper A", "Radio B"}]


def test_rewordings_one_naming_the_target_one_not_still_link() -> None:
    named = _doc(
        "Wire", "Militants blew up an army checkpoint on the edge of Raqqa.", "blew up", "bomb"
    )
    vague = _doc("Monitor", "An explosion killed four soldiers in Raqqa.", "explosion", "bomb")
    assert _link(named, vague) == [{"Wire", "Monitor"}]


def test_synonyms_of_one_target_link() -> None:
    a = _doc("A", "Insurgents fired on a check point outside Raqqa at dawn.", "fired")
    b = _doc("B", "Insurgents attacked the checkpoint guarding Raqqa.", "attacked")
    assert _link(a, b) == [{"A", "B"}]
    c = _doc("C", "A blast ripped through a Shia mosque in Raqqa during prayers.", "blast", "bomb")
    d = _doc("D", "Worshippers were killed when a bomb hit the mosque in Raqqa.", "bomb", "bomb")
    assert _link(c, d) == [{"C", "D"}]
    # one outlet's security post is another's police post (a compatible pair of classes)
    e = _doc("E", "Gunmen overran a security post in Raqqa.", "overran")
    f = _doc("F", "Gunmen overran a police post in Raqqa.", "overran")
    assert _link(e, f) == [{"E", "F"}]


def test_different_neighbourhoods_stay_apart_and_spellings_of_one_link() -> None:
    tal = _doc("A", "Shells hit the Tal Abyad neighbourhood of Raqqa.", "Shells", "shelling")
    mash = _doc("B", "Shells hit the Mashlab neighbourhood of Raqqa.", "Shells", "shelling")
    assert _link(tal, mash) == [{"A"}, {"B"}]
    hamra = _doc("C", "Rockets fell on the village of al-Hamra near Raqqa.", "Rockets", "shelling")
    hamra2 = _doc("D", "Rockets struck Hamraa village close to Raqqa.", "Rockets", "shelling")
    assert _link(hamra, hamra2) == [{"C", "D"}]
    # a report that names no neighbourhood fits either
    town = _doc("E", "Shells hit Raqqa on Monday.", "Shells", "shelling")
    assert details_compatible(
        claims_from_doc(town)[0], claims_from_doc(tal)[0], default_tolerances()
    )


def test_named_victims_keep_two_shootings_apart() -> None:
    judge = _doc("A", "Gunmen shot dead Samir Haddad, a judge, in Raqqa.", "shot")
    lawyer = _doc(
        "B", "Gunmen killed the lawyer Karim Naser outside his office in Raqqa.", "killed"
    )
    assert _link(judge, lawyer) == [{"A"}, {"B"}]
    again = _doc(
        "C", "Gunmen assassinated the judge, Samir Haddad, as he left court.", "assassinated"
    )
    assert _link(judge, again) == [{"A", "C"}]


def test_within_one_report_later_sentences_may_name_other_targets() -> None:
    ad = doc(
        "Wire",
        PUB,
        M("A suicide bomber struck a checkpoint in Raqqa.", "struck", kind="bomb", actors=GUNMEN),
        M("The blast also damaged a nearby school.", "blast", kind="bomb", actors=GUNMEN),
    )
    a, b = claims_from_doc(ad)
    assert a.targets == {"checkpoint"} and b.targets == {"school"}
    assert compatible(a, b)


def test_order_does_not_matter_with_a_claim_naming_no_target() -> None:
    docs = [
        _doc("A", "Gunmen attacked a checkpoint in Raqqa.", "attacked"),
        _doc("B", "Gunmen attacked a mosque in Raqqa.", "attacked"),
        _doc("C", "Gunmen attacked in Raqqa, killing three.", "attacked"),
    ]
    results = {
        partition(link((doc_info(d.doc), claims_from_doc(d)) for d in order))
        for order in permutations(docs)
    }
    assert len(results) == 1
    (parts,) = results
    assert len(parts) == 2  # the checkpoint and the mosque never share an event


def test_what_is_not_a_target() -> None:
    assert (
        read_details("A car bomb killed 12; the wounded were taken to hospital.").targets == set()
    )
    assert read_details("Thousands fled their homes after the shelling.").targets == set()
    assert read_details("Troops raided Jenin in the West Bank.").targets == set()
    # a car is a target, the acronym of the Central African Republic is not
    assert read_details("Rebels ambushed a car near Bria, CAR.").targets == {"vehicle"}
    assert read_details("Rebels attacked Bria in the CAR.").targets == set()
    # the official quoted after the event is not its victim
    said = read_details("Gunmen killed two guards, police chief Omar Salem said.")
    assert "person" not in dict(said.named)


def test_sub_locations_read_from_the_sentence() -> None:
    s = "Mortars hit Kaleri, Maiduguri, on Tuesday."
    start = s.index("Maiduguri")
    d = read_details(s, (start, start + len("Maiduguri")), "Maiduguri")
    assert dict(d.named) == {"locality": ("kaleri",)}
    # the town itself is not a sub-location of itself
    d = read_details("Mortars hit the Maiduguri area.", None, "Maiduguri")
    assert d.named == ()
    assert dict(read_details("A bomb went off in Police District 4 of Kabul.").named) == {
        "locality": ("district 4",),
        "device": ("went off",),
    }
    assert dict(read_details("Gunmen raided the Fourth Police District.").named) == {
        "locality": ("district 4",)
    }
    assert dict(read_details("Clashes spread to Chahar Bolak district.").named) == {
        "district": ("chahar bolak",)
    }


def test_names_match_spellings_but_not_numbers() -> None:
    assert normalise_name("Qala-e-Wahid") == "qala wahid"
    assert names_match(normalise_name("Qala-e-Wahid"), normalise_name("Qalai Wahid"), 0.8)
    assert names_match("tukhar", normalise_name("al-Tukhar"), 0.8)
    assert not names_match("district 1", "district 10", 0.8)
    assert not names_match("adam kolo", "kaleri", 0.8)
    assert names_match("a", "b", 0.8) == names_match("b", "a", 0.8)


def test_a_region_is_not_a_part_of_a_town_and_possessives_name_the_part() -> None:
    assert read_details("Fighting raged in the Mosul area on Monday.", None, "Bartella").named == ()
    assert dict(read_details("A bomb went off in the Karrada area of Baghdad.").named) == {
        "locality": ("karrada",),
        "device": ("went off",),
    }
    assert dict(read_details("Shells hit Mosul's al-Zanjili district.").named) == {
        "district": ("zanjili",)
    }


def test_a_defused_device_and_a_blast_stay_apart() -> None:
    defused = _doc(
        "Police", "Police found and defused a roadside bomb in Raqqa on Monday.", "bomb", "bomb"
    )
    blast = _doc("Wire", "A roadside bomb exploded in Raqqa on Monday.", "bomb", "bomb")
    assert _link(defused, blast) == [{"Police"}, {"Wire"}]
    # two reports of the blast link, and one that tells no outcome fits either
    killed = _doc("Radio", "A roadside bomb killed a driver in Raqqa on Monday.", "bomb", "bomb")
    assert _link(blast, killed) == [{"Radio", "Wire"}]
    vague = _doc("Blog", "There was a bomb attack in Raqqa on Monday.", "bomb", "bomb")
    assert _link(defused, vague) == [{"Blog", "Police"}]
    # one bomb exploded and a second was defused: the sentence tells of a blast
    both = read_details("A bomb exploded in Raqqa and police defused a second device.")
    assert dict(both.named) == {"device": ("went off",)}
