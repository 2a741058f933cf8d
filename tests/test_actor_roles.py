"""Event roles: who did it, to whom, and who backed them, read from the parse of a sentence."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import extract_text

from eventdesk.actor_roles import roles_of
from eventdesk.actor_tables import country_in, words_of
from eventdesk.actors import ActorContext, find_actors
from eventdesk.nlp import load_nlp


@pytest.mark.parametrize(("sentence", "trigger", "agent", "patient"), [
    # a reduced relative the parser reads as a clausal subject: its own subject acts
    ("Ethiopian army soldiers searching for Fano fighters shot dead 9 civilians.", "shot",
     "Military Forces of Ethiopia (2018-)", "Civilians (Ethiopia)"),
    # 'it' in a relative clause on the trigger is the one who reports it
    ("US Africa Command said an air strike it carried out near Jilib killed 3 al Shabaab militants.", "strike",
     "Military Forces of the United States (2021-2025)", "Al Shabaab"),
])
def test_roles_of_reads_agents_through_clauses(sentence: str, trigger: str, agent: str, patient: str) -> None:
    doc = load_nlp()(sentence)
    context = ActorContext(country=country_in(words_of(sentence)) or "Somalia", year=2024)
    mentions = find_actors(doc[:], context=context)
    token = next(t for t in doc if t.text == trigger)
    roles = roles_of(token, mentions, backing=frozenset({"backed"}), context=context)
    assert (roles.agent and roles.agent.name, roles.patient and roles.patient.name) == (agent, patient)


@pytest.mark.parametrize(("sentence", "trigger", "agent", "allies"), [
    # the auxiliary named first still follows the state's forces it fights beside
    ("Wagner mercenaries and Russian soldiers stormed Ukrainian positions east of Siversk.", "stormed",
     "Military Forces of Russia (2000-)", ("Wagner Group",)),
    ("Malian soldiers and Africa Corps fighters attacked a JNIM camp near Niono.", "attacked",
     "Military Forces of Mali (2021-)", ("Africa Corps",)),
    # alone, the auxiliary is the side
    ("Wagner fighters attacked a JNIM camp near Niono.", "attacked", "Wagner Group", ()),
])
def test_roles_of_state_forces_lead_their_auxiliaries(sentence: str, trigger: str, agent: str,
                                                      allies: tuple[str, ...]) -> None:
    doc = load_nlp()(sentence)
    context = ActorContext(country=country_in(words_of(sentence)) or "Mali", year=2024)
    mentions = find_actors(doc[:], context=context)
    token = next(t for t in doc if t.text == trigger)
    roles = roles_of(token, mentions, backing=frozenset({"backed"}), context=context)
    assert roles.agent is not None and roles.agent.name == agent
    assert tuple(b.name for b in roles.backers) == allies
    assert roles.patient is not None and roles.patient.name not in {agent, *allies}


def test_event_with_wagner_beside_the_army_codes_wagner_as_associate() -> None:
    text = "On 3 March 2024, Malian troops and Wagner fighters clashed with JNIM militants near Niono."
    events = extract_text(text, published=dt.date(2024, 3, 3)).events
    assert [(e.actor1, e.assoc_actor_1) for e in events][:1] == [("Military Forces of Mali (2021-)", "Wagner Group")]


def _roles(sentence: str, trigger: str, country: str):  # type: ignore[no-untyped-def]
    doc = load_nlp()(sentence)
    context = ActorContext(country=country, year=2024)
    mentions = find_actors(doc[:], context=context)
    token = next(t for t in doc if t.text == trigger)
    return roles_of(token, mentions, backing=frozenset({"backed"}), context=context)


def _roles_after_first(text: str, trigger: str, country: str):  # type: ignore[no-untyped-def]
    """Roles of a trigger in a second sentence, the first sentence's first actor being the one named before."""
    doc = load_nlp()(text)
    context = ActorContext(country=country, year=2024)
    first, second = list(doc.sents)
    previous = find_actors(first, context=context)[0].actor
    token = next(t for t in second if t.text == trigger)
    return roles_of(token, find_actors(second, context=context), backing=frozenset(), previous=previous,
                    context=context)


def test_roles_of_a_passive_without_by_takes_the_agent_of_its_when_clause() -> None:
    roles = _roles("A village elder was killed when bandits stormed his farm near Gusau.", "killed", "Nigeria")
    assert roles.agent is not None and roles.agent.name == "Unidentified Armed Group (Nigeria)"
    assert roles.by_occasion  # the killing may be the outcome of an event told before it


def test_roles_of_a_passive_with_by_keeps_its_own_agent() -> None:
    roles = _roles("A village elder was killed by soldiers when bandits stormed his farm.", "killed", "Nigeria")
    assert roles.agent is not None and roles.agent.name == "Military Forces of Nigeria (2023-)"
    assert not roles.by_occasion


@pytest.mark.parametrize(("sentence", "trigger", "patient"), [
    # the side holding the place struck is its target only when no one else is named after it
    ("Military aircraft bombed a village held by the Arakan Army, killing 6 villagers.", "bombed",
     "Civilians (Myanmar)"),
    ("Rebels attacked a base held by Myanmar troops near the border.", "attacked",
     "Military Forces of Myanmar (2021-)"),
])
def test_roles_of_the_holder_of_a_place_is_a_last_resort_patient(sentence: str, trigger: str, patient: str) -> None:
    roles = _roles(sentence, trigger, "Myanmar")
    assert roles.patient is not None and roles.patient.name == patient


def test_roles_of_the_attack_is_by_the_attackers_named_before() -> None:
    roles = _roles_after_first("Suspected JNIM militants stopped a convoy of traders near Niono. The attack "
                               "claimed the lives of 6 traders.", "claimed", "Mali")
    assert roles.agent is not None and roles.agent.name == "JNIM: Group for Support of Islam and Muslims"


def test_roles_of_an_attack_with_its_own_agent_keeps_it() -> None:
    roles = _roles("The army's raid killed 4 fighters near Niono.", "killed", "Mali")
    assert roles.agent is not None and roles.agent.name.startswith("Military Forces of Mali")


def test_roles_of_the_gunfight_is_led_by_the_side_that_engaged() -> None:
    roles = _roles_after_first("Police engaged Maoists in the forest near Narayanpur. The gunfight left 7 Maoists "
                               "dead.", "gunfight", "India")
    assert (roles.agent and roles.agent.name, roles.patient and roles.patient.name) == (
        "Police Forces of India (2014-)", "CPI (Maoist): Communist Party of India (Maoist)")


def test_roles_of_a_militia_acting_with_the_police_on_a_target_is_their_associate() -> None:
    roles = _roles("Police and BCL activists opened fire on students in Dhaka.", "opened", "Bangladesh")
    assert roles.agent is not None and roles.agent.name.startswith("Police Forces of Bangladesh")
    assert [b.name for b in roles.backers] == ["BCL: Bangladesh Chhatra League"]


def test_roles_of_a_militia_and_the_army_fighting_with_no_target_are_opponents() -> None:
    roles = _roles("On 26 July 2024, Fano militia and ENDF troops fought in and around Debre Markos.", "fought",
                   "Ethiopia")
    assert roles.agent is not None and roles.agent.name == "Fano Militia"
    assert roles.backers == ()


def test_roles_of_a_trigger_inside_an_actor_phrase_is_done_by_that_actor_not_to_it() -> None:
    roles = _roles("A mob of students stoned to death a female classmate at a college in Sokoto.", "mob", "Nigeria")
    assert (roles.agent and roles.agent.name, roles.patient and roles.patient.name) == (
        "Rioters (Nigeria)", "Civilians (Nigeria)")


def test_roles_of_a_verb_folded_into_its_object_phrase_acts_on_it() -> None:
    # the parser reads "and fought government troops" as a modifier of "troops": the verb still acts on them
    roles = _roles("The rebels entered Quitunda, looted shops and fought government troops.", "fought", "Mozambique")
    assert (roles.agent and roles.agent.name, roles.patient and roles.patient.name) == (
        "Opposition Rebels (Mozambique)", "Military Forces of Mozambique (1975-)")


def test_roles_of_them_fought_by_the_other_side_are_the_attackers_named_before() -> None:
    roles = _roles_after_first("ISWAP fighters raided a market in Monguno. Soldiers repelled them after an hour.",
                               "repelled", "Nigeria")
    assert (roles.agent and roles.agent.name, roles.patient and roles.patient.name) == (
        "Islamic State West Africa Province", "Military Forces of Nigeria (2023-)")


def test_roles_of_them_done_to_by_the_same_side_are_not_the_actor_named_before() -> None:
    roles = _roles_after_first("Bandits abducted 6 farmers near Gusau. The bandits later released them.",
                               "released", "Nigeria")
    assert roles.patient is None or roles.patient.kind != "unidentified"


def test_roles_of_a_team_of_several_forces_is_led_by_the_first_named() -> None:
    roles = _roles("A joint patrol of gendarmes and soldiers ambushed JNIM fighters near Kaya.", "ambushed",
                   "Burkina Faso")
    assert (roles.agent and roles.agent.name, roles.patient and roles.patient.name) == (
        "Police Forces of Burkina Faso (2022-)", "JNIM: Group for Support of Islam and Muslims")


def test_roles_of_the_last_of_a_chain_of_deeds_is_done_by_the_first_one_s_subject() -> None:
    roles = _roles("ADF rebels stopped a truck, robbed the traders on board and hacked 9 farmers to death.", "hacked",
                   "Democratic Republic of Congo")
    assert (roles.agent and roles.agent.name, roles.patient and roles.patient.name) == (
        "ADF: Allied Democratic Forces", "Civilians (Democratic Republic of Congo)")


def test_roles_of_a_militia_and_the_army_fighting_on_a_town_s_outskirts_are_opponents() -> None:
    # "on the outskirts" tells where they fought, not a target they fought together
    roles = _roles("Wazalendo militiamen and FARDC soldiers fought on the outskirts of Sake.", "fought",
                   "Democratic Republic of Congo")
    assert roles.agent is not None and roles.agent.name.startswith("Wazalendo")
    assert roles.backers == ()


def test_roles_of_unnamed_gunmen_in_a_named_group_s_attack_are_its_own_men() -> None:
    # the gunmen act in a clause of the bombing: they are the bomber's side, not whom it struck
    roles = _roles("An Al Shabaab suicide bomber blew himself up at a hotel gate as gunmen stormed the lobby, "
                   "killing 9 guests.", "blew", "Somalia")
    assert roles.agent is not None and roles.agent.name == "Al Shabaab"
    assert roles.patient is not None and roles.patient.name == "Civilians (Somalia)"


@pytest.mark.parametrize(("sentence", "trigger", "agent", "patient"), [
    ("Suspected gang members shot dead a member of the Gulf Cartel in Reynosa.", "shot",
     "Unidentified Gang (Mexico)", "Gulf Cartel"),
    ("A member of the Gulf Cartel was shot dead by suspected gang members in Reynosa.", "shot",
     "Unidentified Gang (Mexico)", "Gulf Cartel"),
    ("Two gang members were shot dead by Gulf Cartel gunmen in Reynosa.", "shot",
     "Gulf Cartel", "Unidentified Gang (Mexico)"),
    ("Gulf Cartel gunmen killed two gang members in Reynosa.", "killed", "Gulf Cartel", "Unidentified Gang (Mexico)"),
])
def test_roles_of_unnamed_gang_members_take_the_side_the_parse_gives_them(sentence: str, trigger: str, agent: str,
                                                                          patient: str) -> None:
    doc = load_nlp()(sentence)
    context = ActorContext(country="Mexico", year=2024, gang_default="Gulf Cartel")
    token = next(t for t in doc if t.text == trigger)
    roles = roles_of(token, find_actors(doc[:], context=context), backing=frozenset(), context=context)
    assert roles.agent is not None and roles.agent.name == agent
    assert roles.patient is not None and roles.patient.name == patient
