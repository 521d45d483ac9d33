"""Namespaces of the borderkg ontology and its concept schemes.

Each is an rdflib ``DefinedNamespace``: referencing a term that is not declared
raises ``AttributeError`` at import or call time, so a typo fails loudly instead of
minting a stray IRI. ``tests/test_ontology_namespace.py`` checks that these term
lists and the Turtle files declare exactly the same terms.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

BASE = "https://w3id.org/borderkg/"
ONTOLOGY_IRI = URIRef(BASE + "ontology")
SCHEME_BASE = BASE + "scheme/"
ID_BASE = BASE + "id/"

# Entity and data namespaces (slash IRIs, open-ended: not DefinedNamespaces).
PLACE = Namespace(ID_BASE + "place/")
ACTOR = Namespace(ID_BASE + "actor/")
LEGAL = Namespace(ID_BASE + "legal/")
INCIDENT = Namespace(ID_BASE + "incident/")
ARTICLE = Namespace(BASE + "article/")
GRAPH = Namespace(BASE + "graph/")
RUN = Namespace(BASE + "run/")

# Well-known graphs of the store.
ONTOLOGY_GRAPH = URIRef(GRAPH + "ontology")
SCHEMES_GRAPH = URIRef(GRAPH + "schemes")
VOCABULARY_GRAPH = URIRef(GRAPH + "vocabulary")
#: What each extraction run is (type, loader version): said once here, not in every article.
RUNS_GRAPH = URIRef(GRAPH + "runs")
#: The incidents several articles' event reports describe: derived, rebuilt after every write.
INCIDENTS_GRAPH = URIRef(GRAPH + "incidents")

# Reused vocabularies rdflib does not ship.
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
LODE = Namespace("http://linkedevents.org/ontology/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
GAF = Namespace("http://groundedannotationframework.org/gaf#")
OA = Namespace("http://www.w3.org/ns/oa#")
GEOSPARQL = Namespace("http://www.opengis.net/ont/geosparql#")
GN = Namespace("http://www.geonames.org/ontology#")
WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
SCHEMA = Namespace("https://schema.org/")


class BKG(DefinedNamespace):
    """The borderkg ontology (``ontology/borderkg.ttl``)."""

    _fail = True
    _NS = Namespace(BASE + "ontology#")
    # Datatypes of code systems, whose names are not Python identifiers: BKG["ISO3166-2"].
    _extras = ("ISO3166-1", "ISO3166-2", "FIPS10-4")

    # Top classes
    Actor: URIRef
    Location: URIRef
    Policy: URIRef
    LegalInstrument: URIRef
    # Actors
    Country: URIRef
    Organization: URIRef
    CollectiveActor: URIRef
    PublicFigure: URIRef
    AnonymousSource: URIRef
    # Locations
    AdministrativeArea: URIRef
    Settlement: URIRef
    River: URIRef
    Landform: URIRef
    BorderCrossing: URIRef
    Facility: URIRef
    EconomicZone: URIRef
    # Legal
    Provision: URIRef
    TreatyParticipation: URIRef
    # Articles, evidence, claims, events
    Article: URIRef
    EvidenceSpan: URIRef
    Claim: URIRef
    Quotation: URIRef
    EventReport: URIRef
    Incident: URIRef
    ExtractionRun: URIRef

    # Properties: actors and sources
    actorType: URIRef
    country: URIRef
    sourceType: URIRef
    claimedLocation: URIRef
    claimedAffiliation: URIRef
    reviewStatus: URIRef
    # Properties: locations
    adminParent: URIRef
    adminLevel: URIRef
    facesAcrossBorder: URIRef
    onRiver: URIRef
    connects: URIRef
    locationPrecision: URIRef
    placeInferred: URIRef
    # Properties: policies and events
    measureType: URIRef
    status: URIRef
    issuedBy: URIRef
    implementedBy: URIRef
    targetsGroup: URIRef
    inForceFrom: URIRef
    inForceUntil: URIRef
    legalBasis: URIRef
    agent: URIRef
    affected: URIRef
    authority: URIRef
    facilitator: URIRef
    reportOf: URIRef
    nearIncident: URIRef
    timePrecision: URIRef
    timeExpression: URIRef
    dayIndex: URIRef
    reportingLagDays: URIRef
    quantity: URIRef
    countQualifier: URIRef
    goods: URIRef
    priceOf: URIRef
    # Properties: claims
    invokes: URIRef
    about: URIRef
    certainty: URIRef
    hedge: URIRef
    evidence: URIRef
    mentions: URIRef
    # Properties: articles
    text: URIRef
    sentence: URIRef
    caption: URIRef
    photoCredit: URIRef
    byline: URIRef
    subheading: URIRef
    dateline: URIRef
    contentHash: URIRef
    publishedDayIndex: URIRef
    missingMetadata: URIRef
    sourceFile: URIRef
    loaderVersion: URIRef
    # Properties: treaty participation
    participant: URIRef
    instrument: URIRef
    participationKind: URIRef
    participationDate: URIRef


class MEASURE(DefinedNamespace):
    """Policy / measure types (``scheme/measure-type``)."""

    _fail = True
    _NS = Namespace(SCHEME_BASE + "measure-type/")

    BorderClosure: URIRef
    BufferZone: URIRef
    ShootToKillOrder: URIRef
    SurveillanceInstallation: URIRef
    CCTVInstallation: URIRef
    SensorInstallation: URIRef
    LightingInstallation: URIRef
    BarrierConstruction: URIRef
    PatrolReinforcement: URIRef
    Crackdown: URIRef
    PhoneCrackdown: URIRef
    SmugglingCrackdown: URIRef
    NonSocialistInspection: URIRef
    DefectionCrackdown: URIRef
    ForcedRepatriation: URIRef
    QuarantineRule: URIRef
    TradeRestriction: URIRef
    SanctionsEnforcement: URIRef
    WorkerRepatriation: URIRef
    MovementRestriction: URIRef
    InformantReward: URIRef
    PublicPunishment: URIRef
    ResidentRelocation: URIRef


class STATUS(DefinedNamespace):
    """Policy statuses (``scheme/policy-status``)."""

    _fail = True
    _NS = Namespace(SCHEME_BASE + "policy-status/")

    Planned: URIRef
    Announced: URIRef
    InForce: URIRef
    CarriedOut: URIRef
    Eased: URIRef
    Lifted: URIRef
    Rumoured: URIRef


class ACTORTYPE(DefinedNamespace):
    """Actor types (``scheme/actor-type``)."""

    _fail = True
    _NS = Namespace(SCHEME_BASE + "actor-type/")

    State: URIRef
    GovernmentMinistry: URIRef
    SecurityAgency: URIRef
    Police: URIRef
    BorderGuard: URIRef
    Military: URIRef
    CustomsAuthority: URIRef
    Judiciary: URIRef
    PartyOrgan: URIRef
    Legislature: URIRef
    LocalAuthority: URIRef
    IntergovernmentalOrganization: URIRef
    UNBody: URIRef
    NGO: URIRef
    Media: URIRef
    StateMedia: URIRef
    Business: URIRef
    CollectiveGroup: URIRef
    PublicOfficial: URIRef


class SOURCETYPE(DefinedNamespace):
    """Source types (``scheme/source-type``)."""

    _fail = True
    _NS = Namespace(SCHEME_BASE + "source-type/")

    SourceInNorthKorea: URIRef
    SourceInChina: URIRef
    SourceElsewhere: URIRef
    Defector: URIRef
    OfficialSource: URIRef
    GovernmentStatement: URIRef
    StateMedia: URIRef
    NGOReport: URIRef
    UNReport: URIRef
    MediaReport: URIRef
    UnspecifiedSource: URIRef


class LEGALTYPE(DefinedNamespace):
    """Legal instrument and provision types (``scheme/legal-type``)."""

    _fail = True
    _NS = Namespace(SCHEME_BASE + "legal-type/")

    Treaty: URIRef
    Convention: URIRef
    Protocol: URIRef
    Declaration: URIRef
    Charter: URIRef
    UNSCResolution: URIRef
    UNGAResolution: URIRef
    BilateralAgreement: URIRef
    NationalLaw: URIRef
    Constitution: URIRef
    CriminalCode: URIRef
    Regulation: URIRef
    Decree: URIRef
    Article: URIRef
    Paragraph: URIRef


class TIMEPREC(DefinedNamespace):
    """Time precision (``scheme/time-precision``)."""

    _fail = True
    _NS = Namespace(SCHEME_BASE + "time-precision/")

    Day: URIRef
    Week: URIRef
    Month: URIRef
    Season: URIRef
    Year: URIRef
    Unknown: URIRef


class LOCPREC(DefinedNamespace):
    """Location precision (``scheme/location-precision``)."""

    _fail = True
    _NS = Namespace(SCHEME_BASE + "location-precision/")

    Exact: URIRef
    Settlement: URIRef
    County: URIRef
    Province: URIRef
    BorderStretch: URIRef
    Country: URIRef
    Unknown: URIRef


class COUNTQ(DefinedNamespace):
    """Count qualifiers (``scheme/count-qualifier``)."""

    _fail = True
    _NS = Namespace(SCHEME_BASE + "count-qualifier/")

    Exact: URIRef
    Approximately: URIRef
    AtLeast: URIRef
    AtMost: URIRef
    Range: URIRef
    ApproximateRange: URIRef


class EVENTTYPE(DefinedNamespace):
    """Event types (``scheme/event-type``)."""

    _fail = True
    _NS = Namespace(SCHEME_BASE + "event-type/")

    BorderCrossing: URIRef
    Defection: URIRef
    ReDefection: URIRef
    Return: URIRef
    Arrest: URIRef
    Detention: URIRef
    ForcedRepatriation: URIRef
    Punishment: URIRef
    Execution: URIRef
    ShootingIncident: URIRef
    Smuggling: URIRef
    HumanTrafficking: URIRef
    FormalTrade: URIRef
    Remittance: URIRef
    PriceReport: URIRef
    InformationSmuggling: URIRef
    IllegalPhoneUse: URIRef
    Statement: URIRef
    Condemnation: URIRef
    Appeal: URIRef


class CERTAINTY(DefinedNamespace):
    """Certainty of claims and reports (``scheme/certainty``)."""

    _fail = True
    _NS = Namespace(SCHEME_BASE + "certainty/")

    Confirmed: URIRef
    Reported: URIRef
    Rumoured: URIRef
    Denied: URIRef


class REVIEW(DefinedNamespace):
    """Review status of entities (``scheme/review-status``)."""

    _fail = True
    _NS = Namespace(SCHEME_BASE + "review-status/")

    Curated: URIRef
    Unreviewed: URIRef


class GOODS(DefinedNamespace):
    """Goods, services and prices (``scheme/goods``)."""

    _fail = True
    _NS = Namespace(SCHEME_BASE + "goods/")

    Seafood: URIRef
    PineNuts: URIRef
    MedicinalHerbs: URIRef
    Ginseng: URIRef
    Rice: URIRef
    Corn: URIRef
    Flour: URIRef
    Fuel: URIRef
    MobilePhones: URIRef
    StorageMedia: URIRef
    Electronics: URIRef
    Textiles: URIRef
    Tobacco: URIRef
    Alcohol: URIRef
    Methamphetamine: URIRef
    Copper: URIRef
    Gold: URIRef
    Timber: URIRef
    Fertilizer: URIRef
    ForeignCurrency: URIRef
    BrokerFee: URIRef
    RemittanceCommission: URIRef


class PARTICIPATION(DefinedNamespace):
    """Kinds of treaty participation (``scheme/participation-kind``)."""

    _fail = True
    _NS = Namespace(SCHEME_BASE + "participation-kind/")

    Ratification: URIRef
    Accession: URIRef
    Succession: URIRef
    Signature: URIRef


class PLOVER(DefinedNamespace):
    """Local mirror of PLOVER event categories and modes (``scheme/plover``).

    PLOVER publishes no IRIs, so the codes that borderkg concepts map to are minted
    here. A category is named by its code (``COERCE``); a mode by category and mode
    (``COERCE-deport``), which is not a Python identifier: use ``PLOVER["COERCE-deport"]``.
    """

    _fail = True
    _NS = Namespace(SCHEME_BASE + "plover/")
    _extras = (
        "COERCE-restrict",
        "COERCE-arrest",
        "COERCE-deport",
        "COERCE-confiscate",
        "COERCE-censor",
        "SANCTION-sever",
        "SANCTION-convict",
        "MOBILIZE-police",
        "MOBILIZE-troops",
        "ASSAULT-firearms",
        "ASSAULT-execute",
        "THREATEN-violence",
    )

    AGREE: URIRef
    CONSULT: URIRef
    SUPPORT: URIRef
    CONCEDE: URIRef
    COOPERATE: URIRef
    AID: URIRef
    RETREAT: URIRef
    DEMAND: URIRef
    ACCUSE: URIRef
    REJECT: URIRef
    THREATEN: URIRef
    PROTEST: URIRef
    SANCTION: URIRef
    MOBILIZE: URIRef
    COERCE: URIRef
    ASSAULT: URIRef


class PLOVERCONTEXT(DefinedNamespace):
    """Local mirror of the PLOVER context codes borderkg maps to (``scheme/plover-context``)."""

    _fail = True
    _NS = Namespace(SCHEME_BASE + "plover-context/")

    migration: URIRef
    disease: URIRef
    crime: URIRef
    crime_drugs: URIRef
    economic: URIRef


class CAMEO(DefinedNamespace):
    """Local mirror of the CAMEO event codes borderkg maps to (``scheme/cameo``).

    CAMEO publishes no IRIs; a concept is named by its numeric code, which is not a
    Python identifier: use ``CAMEO["174"]``.
    """

    _fail = True
    _NS = Namespace(SCHEME_BASE + "cameo/")
    _extras = (
        "01",
        "010",
        "02",
        "020",
        "11",
        "111",
        "13",
        "137",
        "15",
        "153",
        "154",
        "16",
        "163",
        "17",
        "171",
        "1711",
        "173",
        "174",
        "19",
        "193",
    )


#: Every concept scheme: its IRI → the DefinedNamespace of its concepts.
SCHEMES: dict[URIRef, type[DefinedNamespace]] = {
    URIRef(SCHEME_BASE + "measure-type"): MEASURE,
    URIRef(SCHEME_BASE + "policy-status"): STATUS,
    URIRef(SCHEME_BASE + "actor-type"): ACTORTYPE,
    URIRef(SCHEME_BASE + "source-type"): SOURCETYPE,
    URIRef(SCHEME_BASE + "legal-type"): LEGALTYPE,
    URIRef(SCHEME_BASE + "time-precision"): TIMEPREC,
    URIRef(SCHEME_BASE + "location-precision"): LOCPREC,
    URIRef(SCHEME_BASE + "count-qualifier"): COUNTQ,
    URIRef(SCHEME_BASE + "event-type"): EVENTTYPE,
    URIRef(SCHEME_BASE + "certainty"): CERTAINTY,
    URIRef(SCHEME_BASE + "review-status"): REVIEW,
    URIRef(SCHEME_BASE + "goods"): GOODS,
    URIRef(SCHEME_BASE + "participation-kind"): PARTICIPATION,
    URIRef(SCHEME_BASE + "plover"): PLOVER,
    URIRef(SCHEME_BASE + "plover-context"): PLOVERCONTEXT,
    URIRef(SCHEME_BASE + "cameo"): CAMEO,
}

#: Prefixes used in every file, query and serialisation the project writes.
PREFIXES: dict[str, str] = {
    "bkg": str(BKG._NS),
    "measure": str(MEASURE._NS),
    "status": str(STATUS._NS),
    "actortype": str(ACTORTYPE._NS),
    "sourcetype": str(SOURCETYPE._NS),
    "legaltype": str(LEGALTYPE._NS),
    "timeprec": str(TIMEPREC._NS),
    "locprec": str(LOCPREC._NS),
    "countq": str(COUNTQ._NS),
    "eventtype": str(EVENTTYPE._NS),
    "certainty": str(CERTAINTY._NS),
    "review": str(REVIEW._NS),
    "goods": str(GOODS._NS),
    "participation": str(PARTICIPATION._NS),
    "plover": str(PLOVER._NS),
    "plovercontext": str(PLOVERCONTEXT._NS),
    "cameo": str(CAMEO._NS),
    "place": str(PLACE),
    "actor": str(ACTOR),
    "legal": str(LEGAL),
    "article": str(ARTICLE),
    "schema": str(SCHEMA),
    "sem": str(SEM),
    "prov": "http://www.w3.org/ns/prov#",
    "nif": str(NIF),
    "itsrdf": str(ITSRDF),
    "eli": str(ELI),
    "gaf": str(GAF),
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "geo": str(GEOSPARQL),
    "wgs": "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "wd": str(WD),
    "wdt": str(WDT),
    "gn": str(GN),
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def sparql_prefixes() -> str:
    """The project prefixes as a SPARQL prologue."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
