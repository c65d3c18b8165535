"""Role rules of events.v1 on whole sentences (our own wording) through the real pipeline:
who is actor1 / actor2 of the event a record is about."""

from __future__ import annotations

from datetime import date

import pytest

from fogofwar.extract.events import main_event
from fogofwar.extract.pipeline import extract_text
from fogofwar.model import EventMention


def _main(text: str) -> EventMention:
    ev = main_event(extract_text(text, published=date(2021, 3, 2)))
    assert ev is not None
    return ev


def _role(ev: EventMention, role: str) -> str | None:
    ids = [a.actor.canonical_id for a in ev.actors if a.role == role]
    return ids[0] if ids else None


def _assoc(ev: EventMention) -> set[str]:
    return {a.actor.canonical_id for a in ev.actors if a.role == "assoc"}


# a. the positions of the target belong to the target
def test_fire_on_the_positions_of_a_group_names_the_group_as_target() -> None:
    ev = _main("Turkish troops fired on the positions of the SDF near Manbij on Monday.")
    assert _role(ev, "actor1") == "military_forces:TR"
    assert _role(ev, "actor2") == "sdf"


def test_weapons_fired_at_positions_name_their_holder() -> None:
    ev = _main(
        "On Sunday the Taliban fired mortars, rockets and machine guns at the positions "
        "of the Afghan army in Kunduz."
    )
    assert _role(ev, "actor1") == "taliban"
    assert _role(ev, "actor2") == "military_forces:AF"


def test_an_actor_after_a_place_phrase_is_not_the_target() -> None:
    # "near an SDF checkpoint" places the strike; it does not name its target
    ev = _main("A Turkish drone struck a car on a road in the north near a checkpoint of the SDF.")
    assert _role(ev, "actor2") != "sdf"


# b. symmetric verbs name both sides
@pytest.mark.parametrize(
    ("text", "a1", "a2"),
    [
        ("GNA and LNA forces clashed south of Tripoli on Monday.", "gna", "lna"),
        (
            "The Taliban and the Afghan army fought in Kunduz on Sunday.",
            "taliban",
            "military_forces:AF",
        ),
    ],
)
def test_x_and_y_clashed_gives_both_parties(text: str, a1: str, a2: str) -> None:
    ev = _main(text)
    assert ev.event_type == "Battles"
    assert (_role(ev, "actor1"), _role(ev, "actor2")) == (a1, a2)


def test_x_and_y_clashed_with_z_keeps_z_as_the_target() -> None:
    ev = _main("Taliban and Isis fighters clashed with the Afghan army in Kunar on Monday.")
    assert _role(ev, "actor1") == "taliban"
    assert _role(ev, "actor2") == "military_forces:AF"
    assert "isis" in _assoc(ev)


def test_a_one_sided_verb_keeps_the_second_subject_an_associate() -> None:
    ev = _main("The Taliban and Isis attacked the Afghan army in Kunar on Monday.")
    assert _role(ev, "actor1") == "taliban"
    assert _role(ev, "actor2") == "military_forces:AF"


# c. crowds: the rioting civilians are the crowd, whoever they meet is actor2
def test_stones_thrown_at_police_make_police_actor2() -> None:
    ev = _main("Villagers pelted stones at police in Dhaka on Sunday.")
    assert ev.event_type == "Riots"
    assert _role(ev, "actor1") == "rioters:BD"
    assert _role(ev, "actor2") == "police_forces:BD"


def test_fire_at_people_in_a_village_is_not_aimed_at_the_village_police_station() -> None:
    ev = _main(
        "On Sunday a soldier opened fire at a group of people at Rampur village under the "
        "local police station in Bihar, killing one."
    )
    assert ev.event_type == "Violence against civilians"
    assert not (_role(ev, "actor2") or "").startswith("police_forces")


# d. "by X" in a relative clause after the trigger is not the agent
def test_by_inside_a_relative_clause_is_not_the_agent() -> None:
    ev = _main(
        "On Monday Myanmar army troops burned down a hut being used by the KNU in Kayin State."
    )
    assert _role(ev, "actor1") == "military_forces:MM"


def test_by_right_after_the_trigger_is_still_the_agent() -> None:
    ev = _main("On Monday a police post was attacked by the Taliban in Kunduz.")
    assert _role(ev, "actor1") == "taliban"


def test_by_at_least_n_armed_men_is_the_agent() -> None:
    ev = _main(
        "On Friday a man was wounded in a shooting by at least two armed men in Fortaleza, Brazil."
    )
    assert _role(ev, "actor1") == "unidentified_armed_group:BR"
    assert ev.event_type == "Violence against civilians"


# e. a fight told after the armed party's sentence borrows it, even with a civilian victim
def test_victim_sentence_borrows_the_previous_armed_party() -> None:
    ad = extract_text(
        "On Monday the Military Police carried out an operation in Niteroi, Brazil. "
        "A shoot-out broke out and a man was killed.",
        published=date(2021, 3, 2),
    )
    shoot = [e for e in ad.events if e.sentence == 1 and e.event_type == "Battles"]
    assert shoot and _role(shoot[0], "actor1") == "police_forces:BR"


def test_no_borrowing_when_the_sentence_names_its_own_party() -> None:
    ad = extract_text(
        "On Monday the army carried out an operation in Kunduz, Afghanistan. "
        "Taliban fighters later attacked a convoy.",
        published=date(2021, 3, 2),
    )
    second = [e for e in ad.events if e.sentence == 1]
    assert second and _role(second[0], "actor1") == "taliban"


def test_by_after_the_object_of_the_trigger_names_its_owner_not_the_agent() -> None:
    ev = _main("On Monday the Afghan army raided a house rented by the Taliban in Kunduz.")
    assert _role(ev, "actor1") == "military_forces:AF"


def test_a_drone_operated_by_a_party_is_its_strike() -> None:
    ev = _main("On Saturday a drone operated by the GNA struck a truck near Tarhuna, killing two.")
    assert _role(ev, "actor1") == "gna"


# f. the forces that defuse or intercept a device did not plant it
def test_defused_device_is_blamed_on_the_group_sources_name() -> None:
    ev = _main(
        "On Monday security forces found and defused an explosive device on a road in "
        "Sukma, Chhattisgarh, India. No group claimed responsibility; however, sources "
        "attributed the attack to Maoists."
    )
    assert _role(ev, "actor1") == "cpi_maoist"


def test_defused_device_with_no_suspect_has_no_perpetrator() -> None:
    ev = _main(
        "On Monday security forces defused an explosive device in Kirkuk, Iraq. "
        "No group claimed responsibility for the incident."
    )
    assert _role(ev, "actor1") is None


def test_a_device_planted_by_the_army_keeps_the_army_as_agent() -> None:
    # no defusing verb: the forces that plant or fire the device are its agent
    ev = _main("On Monday the Iraqi army fired artillery shells at Isis positions near Mosul.")
    assert _role(ev, "actor1") == "military_forces:IQ"


# a party that claims its own deed is its agent, not only a source
def test_a_party_claiming_to_have_acted_is_the_agent() -> None:
    ev = _main("On Tuesday the Taliban claimed to have fired rockets at the Afghan army in Kunduz.")
    assert _role(ev, "actor1") == "taliban"
    assert _role(ev, "actor2") == "military_forces:AF"


def test_a_party_claiming_an_others_deed_is_no_agent() -> None:
    ev = _main("On Tuesday the Taliban claimed that Isis fired rockets at the army in Kunduz.")
    assert _role(ev, "actor1") == "isis"


# a crowd named as the agent after the trigger makes it mob violence
def test_beaten_by_locals_is_mob_violence() -> None:
    ev = _main("On Sunday two suspected thieves were beaten up by locals in Recife, Brazil.")
    assert ev.sub_event_type == "Mob violence"
    assert _role(ev, "actor1") == "rioters:BR"


def test_shot_by_a_group_of_armed_men_is_no_mob() -> None:
    ev = _main("On Sunday two men were shot by a group of armed criminals in Recife, Brazil.")
    assert ev.event_type == "Violence against civilians"


# blame phrases: plural nouns and a unit's name before the group
def test_sources_attributing_the_attacks_name_the_perpetrator() -> None:
    ev = _main(
        "On Monday assailants attacked two outposts in Kunduz, Afghanistan. No group claimed "
        "responsibility for the incidents; however, sources attributed the attacks to the Taliban."
    )
    assert _role(ev, "actor1") == "taliban"


def test_a_unit_name_before_the_blamed_group_is_skipped() -> None:
    ev = _main(
        "On Monday assailants fired on a police station in Tibu, Colombia. No group claimed "
        "responsibility; however, sources attributed the attack to the Jose Antonio Galan "
        "Front of the National Liberation Army (ELN)."
    )
    assert _role(ev, "actor1") == "eln"


def test_blamed_names_only_a_group_right_after_it() -> None:
    ev = _main(
        "On Monday assailants fired on a police station in Tibu, Colombia. Officials blamed "
        "local gangs for a string of robberies that the ELN has long denounced."
    )
    assert _role(ev, "actor1") != "eln"


def test_an_attempted_attack_attributed_to_a_group_names_it() -> None:
    ev = _main(
        "On Monday security forces defused two explosive devices in Sukma, Chhattisgarh, "
        "India. No group claimed responsibility; however, sources attributed the attempted "
        "attack to Maoists."
    )
    assert _role(ev, "actor1") == "cpi_maoist"


# violence against civilians names its target class even when no victim noun is an actor
def test_violence_against_civilians_has_civilians_as_actor2() -> None:
    ev = _main("On Monday gunmen shot dead a shopkeeper in Kano, Nigeria.")
    assert ev.event_type == "Violence against civilians"
    assert _role(ev, "actor2") == "civilians:NG"


def test_a_battle_gets_no_civilian_target() -> None:
    ev = _main("On Monday the Taliban attacked an army checkpoint in Kunduz, Afghanistan.")
    assert ev.event_type == "Battles"
    assert _role(ev, "actor2") != "civilians:AF"


# the force that meets a crowd is often named one sentence later
def test_police_named_after_a_protest_are_its_actor2() -> None:
    ev = _main(
        "On Monday dismissed workers staged a sit-in outside the ministry in Ankara, Turkey. "
        "Police intervened and removed the protesters by force."
    )
    assert ev.event_type == "Protests"
    assert _role(ev, "actor2") == "police_forces:TR"


def test_a_peaceful_protest_takes_no_later_force() -> None:
    ev = _main(
        "On Monday dismissed workers staged a peaceful sit-in in Ankara, Turkey. "
        "The army later held a parade in Izmir."
    )
    assert ev.sub_event_type == "Peaceful protest"
    assert _role(ev, "actor2") is None


# "by X" with a subject before the trigger: the subject met the agent's attack
def test_forces_repelling_an_attack_by_a_group_are_actor2() -> None:
    ev = _main("On Monday police repelled an attack by Taliban fighters on a post in Kunduz.")
    assert (_role(ev, "actor1"), _role(ev, "actor2")) == ("taliban", "police_forces:AF")


def test_a_strike_by_x_killing_y_names_y_actor2() -> None:
    ev = _main(
        "On Monday an airstrike by the Afghan air force killed 12 Taliban fighters in Ghazni."
    )
    assert _role(ev, "actor1") == "military_forces:AF"
    assert _role(ev, "actor2") == "taliban"


def test_an_attack_by_x_near_y_keeps_y_out() -> None:
    ev = _main("On Monday an attack by the Taliban near an Isis camp killed two in Kunar.")
    assert _role(ev, "actor1") == "taliban"
    assert _role(ev, "actor2") != "isis"
