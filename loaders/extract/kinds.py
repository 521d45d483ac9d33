"""Which kind of thing an entity is (place, actor, authority, legal), from its types."""

from __future__ import annotations

from borderkg.ontology.namespaces import ACTORTYPE, BKG, LOCPREC

from .model import Entity

PLACE_TYPES = frozenset(
    str(t)
    for t in (
        BKG.Location,
        BKG.Country,
        BKG.AdministrativeArea,
        BKG.Settlement,
        BKG.River,
        BKG.Landform,
        BKG.BorderCrossing,
        BKG.Facility,
        BKG.EconomicZone,
    )
)
ACTOR_TYPES = frozenset(
    str(t)
    for t in (BKG.Actor, BKG.Country, BKG.Organization, BKG.CollectiveActor, BKG.PublicFigure)
)
LEGAL_TYPES = frozenset(str(t) for t in (BKG.LegalInstrument, BKG.Provision))
ENTITY_TYPES = PLACE_TYPES | ACTOR_TYPES | LEGAL_TYPES
# Plain strings of the types tested on every mention (a DefinedNamespace lookup is slow).
_COUNTRY, _RIVER, _COLLECTIVE = str(BKG.Country), str(BKG.River), str(BKG.CollectiveActor)
_PROVISION, _ORGANIZATION, _PUBLIC_FIGURE = (
    str(BKG.Provision),
    str(BKG.Organization),
    str(BKG.PublicFigure),
)

#: Actor types of state bodies that issue or implement measures.
AUTHORITY_ACTOR_TYPES = frozenset(
    str(t)
    for t in (
        ACTORTYPE.State,
        ACTORTYPE.GovernmentMinistry,
        ACTORTYPE.SecurityAgency,
        ACTORTYPE.Police,
        ACTORTYPE.BorderGuard,
        ACTORTYPE.Military,
        ACTORTYPE.CustomsAuthority,
        ACTORTYPE.Judiciary,
        ACTORTYPE.PartyOrgan,
        ACTORTYPE.LocalAuthority,
        ACTORTYPE.PublicOfficial,
    )
)


# The type tests below are ``not TYPES.isdisjoint(entity.types)``: what
# ``any(t in TYPES for t in entity.types)`` says, without a generator (asked per mention).


def is_place(entity: Entity) -> bool:
    """A location, including a country."""
    return not PLACE_TYPES.isdisjoint(entity.types)


def is_country(entity: Entity) -> bool:
    """A sovereign state."""
    return _COUNTRY in entity.types


def is_river(entity: Entity) -> bool:
    """A river."""
    return _RIVER in entity.types


def is_actor(entity: Entity) -> bool:
    """An actor: a state, organisation, group or public figure."""
    return not ACTOR_TYPES.isdisjoint(entity.types)


def is_collective(entity: Entity) -> bool:
    """A category of people (defectors, smugglers, brokers …)."""
    return _COLLECTIVE in entity.types


def is_enforcer(entity: Entity) -> bool:
    """People who enforce measures: a group whose actor type is a state one (border guards,
    soldiers)."""
    return _COLLECTIVE in entity.types and entity.actor_type in AUTHORITY_ACTOR_TYPES


def is_legal(entity: Entity) -> bool:
    """A legal instrument or one of its provisions."""
    return not LEGAL_TYPES.isdisjoint(entity.types)


def is_provision(entity: Entity) -> bool:
    """A numbered part of a legal instrument."""
    return _PROVISION in entity.types


def is_authority(entity: Entity) -> bool:
    """A state body (or a state) that can issue, implement or enforce a measure."""
    if is_country(entity):
        return True
    if _ORGANIZATION not in entity.types and _PUBLIC_FIGURE not in entity.types:
        return False
    return entity.actor_type is None or entity.actor_type in AUTHORITY_ACTOR_TYPES


def is_speaker(entity: Entity) -> bool:
    """An entity that can be the named source of a statement."""
    return is_actor(entity)


def location_precision(entity: Entity) -> str:
    """How precisely a place locates something (LOCPREC concept IRI)."""
    types = entity.types
    if _P_COUNTRY in types:
        return _LP_COUNTRY
    if _P_RIVER in types or _P_LANDFORM in types:
        return _LP_STRETCH
    if _P_ADMIN in types:
        if entity.admin_level is not None and entity.admin_level <= 1:
            return _LP_PROVINCE
        return _LP_COUNTY
    if _P_SETTLEMENT in types or _P_ZONE in types:
        return _LP_SETTLEMENT
    if _P_CROSSING in types or _P_FACILITY in types:
        return _LP_EXACT
    return _LP_UNKNOWN


# The IRIs as strings once (a namespace attribute costs a lookup each time).
_P_COUNTRY, _P_RIVER, _P_LANDFORM, _P_ADMIN = (
    str(BKG.Country),
    str(BKG.River),
    str(BKG.Landform),
    str(BKG.AdministrativeArea),
)
_P_SETTLEMENT, _P_ZONE, _P_CROSSING, _P_FACILITY = (
    str(BKG.Settlement),
    str(BKG.EconomicZone),
    str(BKG.BorderCrossing),
    str(BKG.Facility),
)
_LP_COUNTRY, _LP_STRETCH, _LP_PROVINCE, _LP_COUNTY = (
    str(LOCPREC.Country),
    str(LOCPREC.BorderStretch),
    str(LOCPREC.Province),
    str(LOCPREC.County),
)
_LP_SETTLEMENT, _LP_EXACT, _LP_UNKNOWN = (
    str(LOCPREC.Settlement),
    str(LOCPREC.Exact),
    str(LOCPREC.Unknown),
)
