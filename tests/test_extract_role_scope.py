"""Each role, time, good, count and invoked provision belongs to the clause that tells it
(invented sentences).

- A time expression dates the measure of its own clause: not a coordinated verb phrase that
  turns to what is planned (``…, and is set to add sensors before the end of the year``), not a
  relative clause before the measure's verb (``teenagers who were caught last month are being
  held``); a time opening the sentence dates all of it. An event's participle cue does not take
  the time of the finite verb after it (``North Koreans held in Tumen were handed back on 9
  October``).
- An event's goods are those of its cue's clause, not of a condition (``as long as foreign
  currency keeps flowing``).
- Agents named together (``X and Y``, ``X together with Y``, ``X, along with Y,``) are all agents;
  a passive's ``by`` agent belongs to the nearest passive verb.
- A claim invokes the narrowest provision the text pins, not also the article holding it.
- ``over`` as a verb's particle (``handed over 30 people``) is no qualifier.
"""

from __future__ import annotations

from extracthelp import extract

from borderkg.loaders.extract import Extraction, Extractor
from borderkg.loaders.extract.model import EventReport, Policy
from borderkg.ontology.namespaces import ACTOR, COUNTQ, EVENTTYPE, GOODS, LEGAL


def _local(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def policy(x: Extraction, measure_type: str) -> Policy:
    """The one policy of a measure type."""
    found = [p for p in x.policies if _local(p.measure_type) == measure_type]
    assert len(found) == 1, [(_local(p.measure_type), p.evidence) for p in x.policies]
    return found[0]


def event(x: Extraction, event_type: str) -> EventReport:
    """The one event report of an event type."""
    found = [e for e in x.events if e.event_type == str(EVENTTYPE[event_type])]
    assert len(found) == 1, [(_local(e.event_type), e.evidence) for e in x.events]
    return found[0]


def when(node: Policy | EventReport) -> str | None:
    """The words of a node's time expression, if it has one."""
    return node.time.expression if node.time else None


# --- times ---------------------------------------------------------------------------------


def test_a_deadline_of_a_planned_second_measure_does_not_date_the_first(
    extractor: Extractor,
) -> None:
    x = extract(
        extractor,
        "The Ministry of State Security has put up cameras along the Yalu River near Hyesan, and "
        "is set to add motion sensors to the bank before the end of the year, a source said.",
    )
    assert when(policy(x, "CCTVInstallation")) is None
    assert when(policy(x, "SensorInstallation")) == "before the end of the year"


def test_a_done_measures_date_does_not_date_the_planned_one_after_it(
    extractor: Extractor,
) -> None:
    x = extract(
        extractor,
        "Border guards installed cameras along the river in Musan last month and are preparing "
        "to lay sensors there.",
    )
    assert when(policy(x, "CCTVInstallation")) == "last month"
    assert when(policy(x, "SensorInstallation")) is None


def test_a_time_opening_the_sentence_dates_every_measure_of_it(extractor: Extractor) -> None:
    x = extract(
        extractor,
        "In April, border guards in Musan took down the old fence and installed cameras.",
    )
    assert when(policy(x, "CCTVInstallation")) == "In April"


def test_a_time_in_a_relative_clause_before_the_verb_dates_that_clause(
    extractor: Extractor,
) -> None:
    x = extract(
        extractor,
        "Dock workers who unloaded Chinese freight last week are now confined to their homes in "
        "Sinuiju for 20 days.",
    )
    assert when(policy(x, "QuarantineRule")) is None
    x = extract(
        extractor,
        "Chinese tour groups, which until March crossed to Rason almost daily, have been barred "
        "from entering the zone.",
    )
    assert when(policy(x, "MovementRestriction")) is None


def test_a_time_in_the_measures_own_clause_still_dates_it(extractor: Extractor) -> None:
    x = extract(
        extractor,
        "Two women who had crossed the river were detained by Chinese police in Yanji last week.",
    )
    assert when(event(x, "Detention")) == "last week"


def test_an_arrest_keeps_its_date_and_the_holding_after_it_has_none(
    extractor: Extractor,
) -> None:
    x = extract(
        extractor,
        "Three teenagers who were caught by Chinese police last month are being held at a "
        "border post outside Hunchun.",
    )
    assert when(event(x, "Arrest")) == "last month"
    assert when(event(x, "Detention")) is None


def test_a_participle_does_not_take_the_date_of_the_verb_after_it(
    extractor: Extractor,
) -> None:
    x = extract(
        extractor,
        "Forty North Koreans held in Tumen for months were handed back by Chinese police on "
        "9 October.",
    )
    assert when(event(x, "Detention")) is None
    assert when(policy(x, "ForcedRepatriation")) == "on 9 October"


# --- goods ---------------------------------------------------------------------------------


def test_goods_of_a_condition_are_not_the_smuggled_goods(extractor: Extractor) -> None:
    x = extract(
        extractor,
        "Traders in Sinuiju keep smuggling crabs to Dandong as long as foreign currency keeps "
        "reaching the guards.",
    )
    assert event(x, "Smuggling").goods == [str(GOODS.Seafood)]


def test_goods_listed_in_the_cues_clause_are_all_its_goods(extractor: Extractor) -> None:
    x = extract(extractor, "Smugglers carried copper and diesel across the river to Dandong.")
    assert set(event(x, "Smuggling").goods) == {str(GOODS.Copper), str(GOODS.Fuel)}


def test_goods_spelled_out_after_a_colon_are_the_trades_goods(extractor: Extractor) -> None:
    x = extract(
        extractor,
        "Customs at Manpo have relaxed the rules on food imports: flour may again be brought in "
        "by private traders.",
    )
    assert str(GOODS.Flour) in event(x, "FormalTrade").goods


# --- agents --------------------------------------------------------------------------------


def test_an_agent_together_with_another_makes_both_agents(extractor: Extractor) -> None:
    x = extract(
        extractor,
        "The floodlights were put up by the border guard together with the Ministry of State "
        "Security, which hunts defectors.",
    )
    agents = set(policy(x, "LightingInstallation").implemented_by)
    assert {ACTOR + "dprk-border-security-command", ACTOR + "dprk-ministry-of-state-security"} <= (
        agents
    )


def test_two_subjects_joined_by_and_are_both_agents(extractor: Extractor) -> None:
    x = extract(
        extractor,
        "The Ministry of State Security and the border guards put up cameras along the river in "
        "Musan.",
    )
    agents = set(policy(x, "CCTVInstallation").implemented_by)
    assert agents == {ACTOR + "dprk-ministry-of-state-security", ACTOR + "dprk-border-guards"}


def test_a_subject_along_with_another_makes_both_agents(extractor: Extractor) -> None:
    x = extract(
        extractor,
        "The Ministry of State Security, along with Chinese police, put up cameras at Tumen last "
        "month.",
    )
    agents = set(policy(x, "CCTVInstallation").implemented_by)
    assert agents == {
        ACTOR + "dprk-ministry-of-state-security",
        ACTOR + "prc-ministry-of-public-security",
    }


def test_a_new_clause_after_a_comma_and_brings_no_agent(extractor: Extractor) -> None:
    x = extract(
        extractor,
        "In May a unit of the Storm Corps was sent to Musan to reinforce the border guard, and "
        "its soldiers now walk the bank in pairs.",
    )
    assert ACTOR + "soldiers" not in policy(x, "PatrolReinforcement").implemented_by


def test_a_later_passives_by_agent_is_not_the_earlier_measures(extractor: Extractor) -> None:
    x = extract(
        extractor,
        "After Chinese police handed them over on 2 May, the women were detained by the Ministry "
        "of State Security in Onsong.",
    )
    handover = policy(x, "ForcedRepatriation")
    assert ACTOR + "dprk-ministry-of-state-security" not in handover.implemented_by
    assert ACTOR + "prc-ministry-of-public-security" in handover.implemented_by


# --- provisions and counts -----------------------------------------------------------------


def test_a_claim_invokes_the_pinned_paragraph_not_also_its_article(
    extractor: Extractor,
) -> None:
    x = extract(
        extractor,
        "Rights groups say the returns breach the right of every person to leave any country, "
        "including their own, guaranteed by Article 12 of the International Covenant on Civil "
        "and Political Rights.",
    )
    invoked = [i for c in x.claims for i in c.invokes]
    assert invoked == [LEGAL + "iccpr/art_12__para_2"]
    named = {m.entity for m in x.mentions}
    assert {LEGAL + "iccpr/art_12", LEGAL + "iccpr/art_12__para_2"} <= named


def _count(x: Extraction, words: str) -> tuple[str, str]:
    """(qualifier local name, words) of the quantity whose words hold ``words``."""
    found = [q for q in x.quantities if words in x.text[q.span.begin : q.span.end]]
    assert len(found) == 1, [x.text[q.span.begin : q.span.end] for q in x.quantities]
    return _local(found[0].qualifier), x.text[found[0].span.begin : found[0].span.end]


def test_handed_over_and_turned_over_are_verbs_not_at_least(extractor: Extractor) -> None:
    x = extract(extractor, "Chinese police handed over 30 people at Tumen last week.")
    assert _count(x, "30 people") == (_local(str(COUNTQ.Exact)), "30 people")
    x = extract(extractor, "Chinese police turned over 12 defectors to border guards in Namyang.")
    assert _count(x, "12 defectors") == (_local(str(COUNTQ.Exact)), "12 defectors")


def test_over_before_a_number_after_another_verb_is_still_at_least(
    extractor: Extractor,
) -> None:
    x = extract(extractor, "Chinese police arrested over 30 defectors in Yanji.")
    assert _count(x, "30 defectors") == (_local(str(COUNTQ.AtLeast)), "over 30 defectors")
