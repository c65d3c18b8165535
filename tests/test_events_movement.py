"""An armed party letting civilians leave or holding them in (``movement_control``).

Strategic developments / Other in ACLED terms, COERCE in PLOVER's; the armed party is
actor1, the civilians actor2 when named; it has a link class of its own ("movement") so
that "let them leave" and "turned them back" can be one contested event, apart from the
leaflet drops and announcements that share ACLED's catch-all "Other".
"""

from datetime import date
from pathlib import Path

import pytest

from fogofwar import extract_document, extract_text
from fogofwar.ingest.readers import ingest_paths
from fogofwar.triangulate.bench import main_claim
from fogofwar.triangulate.claims import claims_from_doc
from fogofwar.triangulate.rules import default_tolerances

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "fogofwar" / "data" / "samples"
BENCH = Path(__file__).resolve().parents[1] / "bench" / "linking_set"
DAY = date(2016, 6, 2)


def _movement(text: str, res):
    ad = extract_text(text, published=DAY, res=res)
    return [e for e in ad.events if e.plover_type == "COERCE" and e.sub_event_type == "Other"]


def _roles(e) -> dict[str, str]:
    return {a.role: a.actor.canonical_id for a in e.actors if a.role != "assoc"}


@pytest.mark.parametrize(
    "text",
    [
        "Islamic State let families leave Mosul on Friday.",
        "Fighters turned back cars at the checkpoints outside Raqqa on Thursday.",
        "Residents of Manbij were barred from leaving by Islamic State.",
        "The militants refused to let civilians out of Fallujah.",
        "Islamic State opened the roads for residents to leave Raqqa.",
        "Islamic State kept civilians in the city of Raqqa.",
        "Civilians were allowed to leave Aleppo on Monday.",
    ],
)
def test_letting_civilians_go_or_stopping_them_is_one_type(text, res):
    found = _movement(text, res)
    assert len(found) == 1
    e = found[0]
    assert (e.event_type, e.sub_event_type, e.plover_type) == (
        "Strategic developments",
        "Other",
        "COERCE",
    )


def test_the_armed_party_is_actor1_and_the_civilians_actor2(res):
    (e,) = _movement("Residents of Manbij were barred from leaving by Islamic State.", res)
    assert _roles(e) == {"actor1": "isis", "actor2": "civilians:SY"}
    (e,) = _movement("Islamic State opened the roads for residents to leave Raqqa.", res)
    assert _roles(e) == {"actor1": "isis", "actor2": "civilians:SY"}
    # passive without an agent: the civilians are still the ones held or let go
    (e,) = _movement("Civilians were allowed to leave Aleppo on Monday.", res)
    assert _roles(e) == {"actor2": "civilians:SY"}


def test_is_turning_back_is_progressive_not_passive(res):
    (e,) = _movement(
        "Islamic State is turning back families who try to leave Raqqa, residents said.", res
    )
    assert _roles(e).get("actor1") == "isis"


@pytest.mark.parametrize(
    "text",
    [
        "The road was closed for repairs in Raqqa.",
        "Residents left the city of Raqqa on Sunday.",
        "Troops turned back an attack on the base in Kirkuk.",
        "Coalition warplanes dropped leaflets over Raqqa telling residents to leave.",
    ],
)
def test_closures_departures_and_repelled_attacks_are_not_movement_control(text, res):
    assert _movement(text, res) == []


def test_nobody_negates_what_follows(res):
    (e,) = _movement("Nobody is allowed to go from Raqqa now.", res)
    assert e.modality in ("negated", "denied")


def test_movement_has_a_link_class_apart_from_the_catch_all():
    tol = default_tolerances()
    movement = tol.link_class("strategic:other", "Other", "COERCE")
    leaflets = tol.link_class("strategic:other", "Other", "OTHER")
    assert movement == "movement"
    assert leaflets == "other"
    assert movement not in tol.catch_all_classes
    assert not tol.classes_compatible(movement, leaflets)
    assert not tol.classes_compatible(movement, "displacement")
    # without a PLOVER type the old two-argument reading is unchanged
    assert tol.link_class("strategic:other", "Other") == "other"
    assert tol.link_class("strategic:arrests", "Arrests", "COERCE") == "arrests"


def _main(path: Path):
    tol = default_tolerances()
    (doc,) = ingest_paths([path])
    c = main_claim(claims_from_doc(extract_document(doc)), tol)
    assert c is not None
    return c, tol.link_class(c.family, c.sub_event_type, c.plover_type)


def test_raqqa_exit_reports_share_a_class_the_leaflet_reports_do_not():
    allowed, cls_a = _main(SAMPLES / "raqqa_exit_allowed_blog.txt")
    barred, cls_b = _main(SAMPLES / "raqqa_exit_barred_local.txt")
    assert cls_a == cls_b == "movement"
    assert any(a.role == "actor1" and a.canonical_id == "isis" for a in barred.actors)
    for name in ("raqqa_leaflets_local.txt", "raqqa_leaflets_wire.txt"):
        assert _main(SAMPLES / name)[1] != "movement"
    assert _main(BENCH / "ls_raqqa_leaflets_radio.txt")[1] != "movement"


def test_a_bare_nobody_denies_nothing_said_before(res):
    ad = extract_text(
        "Thousands of people from Hit have reached the camps. Nobody at the camp could give "
        "a number on Tuesday, one volunteer said.",
        published=DAY,
        res=res,
    )
    assert [e.modality for e in ad.events if e.sub_event_type == "Displacement"] == ["reported"]
