"""Event detection of events.v1 on whole sentences (our own wording) through the real
pipeline: which words start an event, and with what modality."""

from __future__ import annotations

from datetime import date

from fogofwar.extract.pipeline import extract_text
from fogofwar.model import EventMention


def _events(text: str) -> list[EventMention]:
    return list(extract_text(text, published=date(2016, 6, 12)).events)


def _subs(text: str) -> list[str | None]:
    return [e.sub_event_type for e in _events(text)]


# i. displacement told as people leaving a town or reaching the camps
def test_people_having_left_a_town_is_displacement() -> None:
    assert "Displacement" in _subs("Some 40,000 people have left Ramadi since the spring.")


def test_families_reaching_the_camps_is_displacement() -> None:
    assert "Displacement" in _subs(
        "Thousands of families from Hit have now reached the camps near Baghdad."
    )


def test_a_delegation_leaving_a_city_is_no_displacement() -> None:
    assert "Displacement" not in _subs("The delegation left Baghdad on Friday after the talks.")


# the start of a campaign told as the time since which people fled is not the event
def test_since_forces_launched_their_assault_is_background() -> None:
    subs = _subs("About 20,000 people have fled since Iraqi forces launched their assault on Hit.")
    assert subs == ["Displacement"]


def test_an_assault_launched_today_is_still_an_event() -> None:
    assert _subs("Iraqi forces launched an assault on Hit on Saturday.")


# a trigger word that qualifies the noun after it names no event
def test_qualifying_trigger_words_name_no_event() -> None:
    assert _events("Daesh fighting positions lie north of the town.") == []
    assert _events("Officials reviewed aircraft tracks for the period.") == []


def test_fighting_followed_by_a_place_is_an_event() -> None:
    assert _subs("Fighting in Hit killed 12 fighters on Saturday.") == ["Armed clash"]


# k. "media reports alleging" an event: alleged; "no X aircraft conducted a strike": negated
def test_reports_alleging_a_strike_read_as_alleged() -> None:
    evs = _events("The army is aware of media reports alleging that an air strike killed 7 in Hit.")
    assert evs and evs[0].modality == "alleged"


def test_no_aircraft_conducted_a_strike_is_negated_and_dated_two_days() -> None:
    evs = _events(
        "After reviewing strike logs and aircraft tracks, officials found that no "
        "Iraqi aircraft conducted a strike near Hit on 25 or 26 May."
    )
    assert len(evs) == 1
    ev = evs[0]
    assert ev.modality in ("negated", "denied")
    assert ev.date is not None
    assert (ev.date.first, ev.date.last) == (date(2016, 5, 25), date(2016, 5, 26))


# g. trigger words inside a named actor's name are no events; a named platform acts
def test_words_inside_actor_names_are_no_events() -> None:
    assert _subs("A spokesman for the Popular Mobilisation Forces spoke in Baghdad.") == []
    subs = _subs("Forces loyal to the Government of National Accord shelled Sirte on Friday.")
    assert "Agreement" not in subs and subs


def test_a_crowd_word_is_still_its_own_event() -> None:
    assert "Mob violence" in _subs("A mob lynched two men accused of theft in Lagos.")


def test_a_named_platform_is_the_agent_of_its_strike() -> None:
    evs = _events("Coalition aircraft struck a bridge over the Euphrates in Raqqa.")
    assert evs and evs[0].sub_event_type == "Air/drone strike"
    assert [a.actor.canonical_id for a in evs[0].actors if a.role == "actor1"] == ["coalition"]


# j. people who tell of a fight or flee it do not make it a riot
def test_fighting_told_by_residents_is_a_battle() -> None:
    assert _subs("Fighting continued on the edge of Hit, residents said.") == ["Armed clash"]


def test_fighting_fled_by_residents_is_a_battle() -> None:
    subs = _subs("Most residents had fled during earlier fighting near Hit.")
    assert "Mob violence" not in subs


def test_villagers_clashing_with_a_group_is_mob_violence() -> None:
    assert _subs("Villagers clashed with a group of herders near Jos on Sunday.") == [
        "Mob violence"
    ]


# h. an announcement of another event of the sentence is no development of its own
def test_announcing_the_start_of_operations_is_the_offensive() -> None:
    subs = _subs("The prime minister announced the start of operations to liberate Hit on Monday.")
    assert subs == ["Armed clash"]


def test_an_announced_measure_is_still_a_development() -> None:
    assert "Other" in _subs("The governor announced a ban on motorcycles in Hit on Monday.")


# what people flee and what a monitor gathers are not events of the sentence
def test_the_fighting_people_escape_is_no_clash() -> None:
    subs = _subs("Men escaping the fighting around Hit were detained by the army.")
    assert "Armed clash" not in subs and "Arrests" in subs


def test_gathered_accounts_are_no_protest() -> None:
    assert "Peaceful protest" not in _subs(
        "A rights group said it has gathered credible accounts of abuses in Hit."
    )


def test_people_gathering_in_a_square_still_protest() -> None:
    assert "Peaceful protest" in _subs("Hundreds of teachers gathered in a square in Basra.")


# one person's arrest told after a protest is its grievance, not an intervention
def test_the_arrest_protested_against_is_no_intervention() -> None:
    subs = _subs(
        "On Monday journalists protested in Lahore against the arrest of an editor. "
        "He was arrested last month in a land case."
    )
    assert subs[0] == "Peaceful protest"


def test_protesters_arrested_make_an_intervention() -> None:
    subs = _subs(
        "On Monday journalists protested in Lahore against the arrest of an editor. "
        "Police arrested twelve of the protesters."
    )
    assert subs[0] == "Protest with intervention"


# a crowd that fights the police voicing a demand demonstrates; without one it is a mob
def test_stones_at_police_with_a_demand_are_a_violent_demonstration() -> None:
    subs = _subs(
        "On Monday migrant workers pelted stones at police in Surat, India, demanding "
        "to be allowed home."
    )
    assert subs[0] == "Violent demonstration"


def test_stones_at_police_without_a_demand_are_mob_violence() -> None:
    subs = _subs(
        "On Monday villagers pelted stones at police in Surat, India, after a dispute "
        "over a cricket match."
    )
    assert subs[0] == "Mob violence"


def test_plural_shootouts_are_armed_clashes() -> None:
    assert _subs("Shoot-outs took place in two neighbourhoods of Recife on Monday.") == [
        "Armed clash"
    ]


# fighters arrested in a clash do not make the record an abduction
def test_a_clash_with_fighters_arrested_stays_the_clash() -> None:
    from fogofwar.extract.events import main_event

    ad = extract_text(
        "On Monday the SDF clashed with an Isis cell near Raqqa. Two Isis fighters were "
        "killed and three were arrested by the SDF.",
        published=date(2016, 6, 12),
    )
    ev = main_event(ad)
    assert ev is not None and ev.sub_event_type == "Armed clash"


def test_hostages_taken_in_an_attack_make_it_an_abduction() -> None:
    from fogofwar.extract.events import main_event

    ad = extract_text(
        "On Monday Isis fighters attacked a checkpoint near Raqqa and kidnapped three SDF "
        "fighters.",
        published=date(2016, 6, 12),
    )
    ev = main_event(ad)
    assert ev is not None and ev.sub_event_type == "Abduction/forced disappearance"


def test_gunmen_killing_members_of_an_armed_group_is_a_clash() -> None:
    from fogofwar.extract.events import main_event

    ev = main_event(
        extract_text(
            "On Monday gunmen killed two members of the SDF near Raqqa.",
            published=date(2016, 6, 12),
        )
    )
    assert ev is not None and ev.sub_event_type == "Armed clash"
    assert [a.actor.canonical_id for a in ev.actors if a.role == "actor2"] == ["sdf"]


def test_gunmen_killing_a_shopkeeper_is_an_attack() -> None:
    assert _subs("On Monday gunmen killed a shopkeeper near Raqqa.") == ["Attack"]


# rioting told one sentence on by the crowd itself makes the demonstration violent
def test_inmates_burning_things_after_demonstrating_riot() -> None:
    subs = _subs(
        "On Monday prisoners demonstrated at the central prison in Kano. "
        "The inmates burnt mattresses and documents."
    )
    assert subs[0] == "Violent demonstration"


def test_a_later_sentence_about_police_burning_does_not_make_a_riot() -> None:
    subs = _subs(
        "On Monday prisoners demonstrated at the central prison in Kano. "
        "Police burned the mattresses they had piled up."
    )
    assert subs[0] != "Violent demonstration"


# a grenade launcher fires from a distance, like a mortar; a hand grenade is thrown
def test_grenade_launcher_fire_is_shelling() -> None:
    subs = _subs("Rebel units fired mortars and grenade launchers at army positions near Avdiivka.")
    assert subs == ["Shelling/artillery/missile attack"]


def test_a_thrown_hand_grenade_stays_a_grenade_attack() -> None:
    assert _subs("A man threw a hand grenade into a shop in Kirkuk.") == ["Grenade"]


# ACLED: a crowd's violence with a demand voiced is a violent demonstration, without one mob
# violence
def test_a_mob_killing_thieves_with_no_demand_is_mob_violence() -> None:
    subs = _subs("On Sunday a mob of villagers beat two suspected thieves to death in Kano.")
    assert subs == ["Mob violence"]


def test_rioters_demanding_wages_are_a_violent_demonstration() -> None:
    subs = _subs("Rioters demanding unpaid wages set fire to a factory office in Dhaka.")
    assert subs[0] == "Violent demonstration"
    assert "Mob violence" not in subs


# the state of a war, not an incident of it
def test_a_pause_in_the_fighting_is_no_clash() -> None:
    assert _subs("Diplomats in Geneva called for a pause in the fighting around Aleppo.") == []
    assert _subs("Schools will reopen in Mosul once the fighting ends.") == []


def test_fighting_until_a_withdrawal_is_still_a_clash() -> None:
    assert _subs("Heavy fighting went on in Sirte until the militants withdrew.") == ["Armed clash"]


# a campaign named as what others take part in, back, aim at or remember is no new event
def test_background_references_to_a_campaign_are_no_events() -> None:
    assert _subs("Several states supporting the offensive met in Rome to discuss aid.") == []
    assert _subs("The envoy urged all parties to the fighting around Hama to spare schools.") == []
    assert _subs("Ministers called Raqqa the main target of the campaign.") == []
    assert _subs("Residents of Hama still talk about previous fighting near the river.") == []
    assert _subs("Families could not pay the sums demanded by smugglers in Idlib.") == []


def test_a_captured_town_is_territory_but_detainees_in_a_town_are_arrests() -> None:
    assert _subs("Rebels captured Manbij on Friday.") == ["Non-state actor overtakes territory"]
    assert _subs("Police held twelve detainees in Basra on Monday.") == ["Arrests"]


def test_a_target_named_as_an_aim_and_a_demand_statement_are_no_events() -> None:
    assert _subs("Army chiefs say the next target is Tal Afar.") == []
    assert _subs("Opposition leaders have demanded that the talks resume in Geneva.") == []
    # the verb is the attack
    assert _subs("Gunmen targeted a police patrol in Kirkuk.") == ["Armed clash"]


def test_the_forces_of_two_countries_are_two_parties() -> None:
    (ev,) = _events("On Sunday military forces of India and Pakistan exchanged fire near Uri.")
    roles = {a.role: a.actor.canonical_id for a in ev.actors}
    assert roles == {"actor1": "military_forces:IN", "actor2": "military_forces:PK"}
    # without "and", the words after "of" describe one party: "gunmen of the ... brigade"
    evs = _events("Gunmen of the Islah-affiliated 22nd Armored Brigade stormed an office in Taizz.")
    assert {a.actor.canonical_id for e in evs for a in e.actors if a.role == "actor1"} == {
        "military_forces:YE"
    }


def test_a_crowd_word_that_tells_of_an_attack_is_no_mob() -> None:
    assert "Mob violence" not in _subs("Aid groups said an assault could come within days.")
    assert _subs("A mob attacked two men in Kano.") == ["Mob violence"]
