"""Event reports: arrests, repatriations, shootings, defections, smuggling, trade, prices …

A sentence with an event cue that is neither negated nor hypothetical (``could face``,
``risk being caught``), nor a threat, condition, plan, purpose or generic rule
(``events_framing``), reports an event of that type; a people-event needs people, not things
(``crab caught by boats``). Trade outside customs is Smuggling and an accusing statement a
Condemnation (``events_kinds``); questioning is Detention. Roles come from the sentence
(authorities, affected or acting groups, brokers as facilitators), goods from a small
lexicon (``events_goods``, which also pairs each price with its goods), prices from
monetary quantities (not the sum a transfer carries) and commissions' shares of a transfer,
one price report per time they are dated by (``events_prices``), counts from the sentence's quantities but for durations, frequencies and
the witnesses who tell of it (``events_counts``). A time inside a noun cue's own phrase dates
it (``condemned the forced return of 200 people on May 9``), else the nearest time of its
clause. A person said to have left North Korea ("a woman who left North Korea last
autumn", ``defectors``) reports a Defection. Statements, condemnations and appeals need a
named speaker. Reports of
the same type in one article are one report when they can be one occurrence
(``events_occurrences``).
"""

from __future__ import annotations

import re

from borderkg.ontology.namespaces import EVENTTYPE, GOODS

from . import events_kinds, events_occurrences, kinds
from .context import ArticleContext
from .cues import TriggerIndex, Triggers, triggers, word_regex
from .defectors import DEPARTING, departures
from .events_counts import not_its_count
from .events_framing import takes_a_thing, unreported
from .events_goods import SERVICE_PRICES, goods_of
from .events_kinds import CALLED_A_BREACH, SMUGGLING_CUE, SMUGGLING_TRIGGERS, accuses, illicit
from .events_prices import is_commission, is_sum_sent, setting_places, split_by_time
from .model import EventReport, Quantity, Span

_I = re.IGNORECASE


def _re(pattern: str) -> re.Pattern[str]:
    return word_regex(pattern)


EVENT_CUES: list[tuple[str, re.Pattern[str], Triggers]] = [
    (
        str(EVENTTYPE.ForcedRepatriation),
        _re(
            r"\b(?:forc(?:ed|ibly) (?:repatriat\w+|return\w*|sen[dt] back|deport\w+)|"
            r"repatriat(?:ed|ion|ions|ing)|sen[dt] (?:them |the defectors |defectors |people )?"
            r"back|handed (?:them )?over to (?:the )?north korean|deport(?:ed|ation))\b"
        ),
        triggers("repatriat* sent send handed deport* forced forcibly"),
    ),
    (str(EVENTTYPE.ForcedRepatriation), events_kinds.HANDOVER_CUE, events_kinds.HANDOVER),
    (str(EVENTTYPE.ForcedRepatriation), events_kinds.SENT_BACK_CUE, events_kinds.SENT_BACK),
    (str(EVENTTYPE.ReDefection), _re(r"\bre-?defect\w*\b"), triggers("redefect* re")),
    (
        str(EVENTTYPE.Defection),
        _re(
            r"\b(?:defected|defections?|fled (?:north korea|the north|across|to china)|escaped "
            r"(?:from )?(?:north korea|the north|across|to china)|escape from north korea)\b"
        ),
        triggers("defected defection defections fled escaped escape"),
    ),
    (
        str(EVENTTYPE.BorderCrossing),
        _re(
            # "crossed the frozen river", not "crossed the new Yalu River bridge"
            r"\b(?:crossed (?:the )?(?:[\w'-]+\s+){0,2}?"
            r"(?:border|river|yalu|tumen)\b(?!\s+(?:river\s+)?bridge)|(?:illegal |unauthori[sz]ed )"
            r"(?:border )?crossings?|crossings from north korea|waded across|crossed into china)\b"
        ),
        triggers("crossed crossings crossing waded"),
    ),
    (
        str(EVENTTYPE.Execution),
        _re(r"\b(?:executed|executions?)\b"),
        triggers("executed execution executions"),
    ),
    (
        str(EVENTTYPE.ShootingIncident),
        _re(r"\b(?:shot(?: dead)?|opened fire|fired (?:on|at)|shootings?|gunfire|gunshots?)\b"),
        triggers("shot opened fired shooting shootings gunfire gunshot gunshots"),
    ),
    (
        str(EVENTTYPE.Arrest),
        # "arresting at least 15 people": a participle clause of what was done
        _re(
            r"\b(?:arrest(?:ed|s|ing)?|apprehended|rounded up|taken into custody|captured|"
            r"caught)\b"
        ),
        triggers("arrest arrested arrests arresting apprehended rounded custody captured caught"),
    ),
    (
        str(EVENTTYPE.Detention),
        _re(
            r"\b(?:detained|detention|held (?:in|at|for)|being held|holding facility|"
            r"interrogat\w+|questioned|questioning)\b"
        ),
        triggers("detained detention held holding interrogat* questioned questioning"),
    ),
    (
        str(EVENTTYPE.Punishment),
        _re(
            r"\b(?:sentenced|punish(?:ed|ment)|labou?r camps?|prison camps?|imprisoned|jailed|"
            r"labou?r training|political prison|tortured)\b"
        ),
        triggers("sentenced punish* labor labour prison imprisoned jailed tortured"),
    ),
    (
        str(EVENTTYPE.HumanTrafficking),
        _re(r"\b(?:traffick\w+|sold (?:as brides|into marriage))\b"),
        triggers("traffick* sold"),
    ),
    (
        str(EVENTTYPE.InformationSmuggling),
        _re(
            r"\b(?:usb (?:sticks?|drives?)|sd cards?|south korean (?:dramas?|films?|movies?|media|"
            r"music|songs)|foreign (?:media|dramas|films|videos))\b"
        ),
        triggers("usb sd dramas drama films movies media music songs videos"),
    ),
    (str(EVENTTYPE.Smuggling), _re(r"\bsmuggl(?:ed|ing|e)\b"), triggers("smuggl*")),
    (str(EVENTTYPE.Smuggling), SMUGGLING_CUE, SMUGGLING_TRIGGERS),
    (
        str(EVENTTYPE.IllegalPhoneUse),
        _re(
            r"\b(?:(?:using|use of|used) (?:illegal |chinese |smuggled )?(?:mobile |cell )?phones?|"
            r"phone calls? (?:to|with) (?:south korea|china|relatives))\b"
        ),
        triggers("phone phones"),
    ),
    (
        str(EVENTTYPE.Remittance),
        _re(
            r"\b(?:remittances?|remit\w*|sen[dt] money|transfer(?:red|ring)? money|money "
            r"transfers?|money (?:brokers?|couriers?))\b"
        ),
        triggers("remittance remittances remit* money"),
    ),
    (
        str(EVENTTYPE.FormalTrade),
        _re(
            r"\b(?:(?:formal |official |cross-border )?trade (?:volume|between|with|figures)|"
            r"exports?|imports?|exported|imported|shipments?|customs (?:data|statistics|figures)|"
            r"cargo)\b"
        ),
        triggers("trade export* import* shipment* customs cargo"),
    ),
    (str(EVENTTYPE.FormalTrade), events_kinds.CARGO_CUE, events_kinds.CARGO),
    (
        str(EVENTTYPE.PriceReport),
        _re(
            r"\b(?:prices?|costs?|sells? for|sold for|selling for|per kilogram|per kg|exchange "
            r"rates?|fees?|charge[sd]?|demand(?:s|ed)?|paid|pays?|paying|commissions?|"
            r"(?:take|takes|took|taking|keep|keeps|kept|keeping|ask(?:s|ed)?\s+for)(?=\s+(?:[\w-]+\s+){0,3}?"
            r"(?:\d[\d.,]*\s*(?:percent|per cent|%)|(?:(?:a|one)\s+)?(?:half|third|quarter|fifth|tenth)\s+of))|"
            r"ask(?:s|ed)?\s+for(?=\s+(?:[\w-]+\s+){0,2}?(?:us\$|\$|rmb|cny|usd|kpw)?\s?\d[\d.,]*\s*"
            r"(?:yuan|won|dollars?|rmb|renminbi|usd|cny|kpw)\b))\b"
        ),
        triggers(
            "price prices cost costs sells sold selling kilogram kg exchange fee fees charge charges charged demand demands demanded paid pay pays paying commission commissions take takes took taking keep keeps kept keeping ask asks asked"
        ),
    ),
    (
        str(EVENTTYPE.Condemnation),
        _re(r"\b(?:condemn\w*|denounc\w*|criticiz\w*|criticis\w*|deplor\w*)\b"),
        triggers("condemn* denounc* critici* deplor*"),
    ),
    (
        str(EVENTTYPE.Condemnation),
        CALLED_A_BREACH,
        triggers("call called calls calling"),
    ),
    (
        str(EVENTTYPE.Appeal),
        _re(r"\b(?:urg(?:ed|es|ing)|called on|calls on|appeal(?:ed|s)?|asked for)\b"),
        triggers("urged urges urging called calls appeal appealed appeals asked"),
    ),
    (
        str(EVENTTYPE.Statement),
        _re(r"\b(?:statement|press conference|expressed concern|told reporters|spokes\w+)\b"),
        triggers("statement conference concern reporters spokes*"),
    ),
]
#: Speech events: they need a named speaker, who is their agent.
_EVENT_INDEX = TriggerIndex([t for _, _, t in EVENT_CUES])
SPEECH_EVENTS = _NEEDS_SPEAKER = {
    str(EVENTTYPE.Statement),
    str(EVENTTYPE.Condemnation),
    str(EVENTTYPE.Appeal),
}
_GOODS_EVENTS = {str(EVENTTYPE.Smuggling), str(EVENTTYPE.FormalTrade), str(EVENTTYPE.PriceReport)}
# Concept IRIs compared per event, as strings once (a namespace attribute is built anew each time).
_PRICE_REPORT, _REMITTANCE = str(EVENTTYPE.PriceReport), str(EVENTTYPE.Remittance)
_TRADE, _SMUGGLING = str(EVENTTYPE.FormalTrade), str(EVENTTYPE.Smuggling)
_COMMISSION = str(GOODS.RemittanceCommission)
_STATEMENT, _CONDEMNATION = str(EVENTTYPE.Statement), str(EVENTTYPE.Condemnation)
_REPATRIATION, _DEFECTION = str(EVENTTYPE.ForcedRepatriation), str(EVENTTYPE.Defection)
# Acts of one state's police, courts or camps: told in two countries, they are two.
_ONE_STATE = {
    str(EVENTTYPE.Arrest),
    str(EVENTTYPE.Detention),
    str(EVENTTYPE.Punishment),
    str(EVENTTYPE.Execution),
}
_AFFECTED_EVENTS = {
    str(EVENTTYPE.ForcedRepatriation),
    str(EVENTTYPE.Arrest),
    str(EVENTTYPE.Detention),
    str(EVENTTYPE.ShootingIncident),
    str(EVENTTYPE.Punishment),
    str(EVENTTYPE.Execution),
    str(EVENTTYPE.HumanTrafficking),
}
_HYPOTHETICAL = re.compile(
    r"\b(?:could|would|might|may|risk(?:s|ing)?(?: of)?(?: being)?|face|faces|facing|if|"
    r"fears?|feared|fearing|to avoid|to prevent|in case|whether|unless|threat of|"
    r"warned that|should|must)\b[^,;.]{0,40}$",
    _I,
)


def find_events(
    ctx: ArticleContext, speakers: dict[int, str], quantities: dict[str, Quantity]
) -> list[EventReport]:
    """Event reports of an article, merged per type when their times agree."""
    raw: list[EventReport] = []
    for index, sent in enumerate(ctx.sentences):
        if index in ctx.headings:
            continue
        chunk = ctx.folded[sent.begin : sent.end]
        taken: list[Span] = []
        seen: set[str] = set()
        for i in _EVENT_INDEX.fired(ctx.words, index):
            cue_type, pattern, _ = EVENT_CUES[i]
            for m in pattern.finditer(chunk):
                span = Span(sent.begin + m.start(), sent.begin + m.end())
                event_type = _kind(cue_type, chunk, m)
                embedded = events_occurrences.phrase(ctx, index, span) is not None
                if (event_type in seen and not embedded) or any(span.overlaps(t) for t in taken):
                    continue
                if not _reported(ctx, index, span, chunk[: m.start()], event_type):
                    continue
                if event_type == _REPATRIATION and _workers(ctx, sent.begin, chunk, span):
                    continue
                event = _build(ctx, index, event_type, span, chunk, speakers, quantities)
                if event is None:
                    continue
                taken.append(span)
                seen.update([] if embedded else [event_type])
                if event_type == _PRICE_REPORT:
                    raw += split_by_time(ctx, event, quantities)
                else:
                    raw.append(event)
        if ctx.words.has(index, DEPARTING):
            raw += _departures(ctx, index, taken, speakers, quantities)
    return _merge(events_occurrences.separate(ctx, raw, quantities), quantities, ctx)


def _departures(
    ctx: ArticleContext,
    index: int,
    taken: list[Span],
    speakers: dict[int, str],
    quantities: dict[str, Quantity],
) -> list[EventReport]:
    """The Defections of the people a sentence says left North Korea ("a woman who left
    North Korea last autumn"), where no cue has reported them already."""
    sent = ctx.sentences[index]
    chunk = ctx.folded[sent.begin : sent.end]
    out: list[EventReport] = []
    for found in departures(ctx.folded, sent):
        span = found.departure
        before = chunk[: span.begin - sent.begin]
        if any(span.overlaps(t) for t in taken) or not _reported(
            ctx, index, span, before, _DEFECTION
        ):
            continue
        event = _build(ctx, index, _DEFECTION, span, chunk, speakers, quantities)
        if event is not None:
            taken.append(span)
            out.append(event)
    return out


def _kind(cue_type: str, chunk: str, m: re.Match[str]) -> str:
    """The event type a cue reports in its sentence: trade outside customs is Smuggling, a
    statement that accuses is a Condemnation."""
    if cue_type == _TRADE and illicit(chunk, m.start(), m.end()):
        return _SMUGGLING
    if cue_type == _STATEMENT and accuses(chunk):
        return _CONDEMNATION
    return cue_type


def _workers(ctx: ArticleContext, offset: int, chunk: str, span: Span) -> bool:
    """Whether a return cue tells of overseas workers sent home (the scheme's
    WorkerRepatriation), judged on the cue with the object a split particle verb holds. A
    handover to the North's authorities stays one, whoever is handed over (the scheme:
    workers caught and handed back are ForcedRepatriation)."""
    if ctx.folded[span.begin : span.end].lower().startswith(("hand", "turn")):
        return False
    end = events_kinds.through_particle(ctx.folded, span.begin, span.end) - offset
    return events_kinds.workers_sent_home(chunk, span.begin - offset, end)


def _reported(ctx: ArticleContext, sent: int, span: Span, before: str, event_type: str) -> bool:
    """Whether a cue reports an occurrence: not negated, hypothetical, threatened, planned
    or generic, and a people-event said of people, not of things."""
    speech = event_type in _NEEDS_SPEAKER
    if ctx.negated(sent, span) or _HYPOTHETICAL.search(before):
        return False
    if unreported(ctx, sent, span, speech, price=event_type == _PRICE_REPORT):
        return False
    return not (event_type in _AFFECTED_EVENTS and takes_a_thing(ctx, sent, span))


def _build(
    ctx: ArticleContext,
    sent: int,
    event_type: str,
    span: Span,
    chunk: str,
    speakers: dict[int, str],
    quantities: dict[str, Quantity],
) -> EventReport | None:
    qty = [q for q in ctx.quantities_in(sent) if not not_its_count(ctx, event_type, quantities[q])]
    money = [q for q in qty if quantities[q].currency]
    shares: list[str] = []
    if event_type == _PRICE_REPORT:
        # prices are money, but for the sum a transfer carries, and commissions' shares
        shares = [q for q in qty if is_commission(ctx, sent, quantities[q])]
        money = [q for q in money if not is_sum_sent(ctx, sent, quantities[q])]
        qty = [q for q in qty if q in money or q in shares]
        if not qty:
            return None
    else:
        qty = [q for q in qty if not quantities[q].currency] or (
            money if event_type == _REMITTANCE else []
        )
    event = EventReport(local="", event_type=event_type, sentence=sent, evidence=[span])
    if event_type in _NEEDS_SPEAKER:
        speaker = speakers.get(sent)
        if not speaker or speaker not in ctx.entities:
            return None
        event.agents.append(speaker)
    roles = ctx.roles(sent, span, issuing=False)
    event.authorities = roles.issuers + [a for a in roles.implementers if a not in roles.issuers]
    for group in roles.groups:
        if event_type in _AFFECTED_EVENTS and _received_only(ctx, sent, group):
            continue
        label = ctx.entities[group].label.lower()
        if "broker" in label:
            event.facilitators.append(group)
        elif event_type in _AFFECTED_EVENTS:
            event.affected.append(group)
        elif event_type not in _NEEDS_SPEAKER:
            event.agents.append(group)
    if event_type in _NEEDS_SPEAKER:
        event.authorities = []  # a state named in a statement is its addressee, not an actor
    event.places, event.location_precision, event.place_inferred = ctx.places(sent)
    if event_type == _PRICE_REPORT and not event.places:  # a price is observed somewhere
        event.places, event.location_precision, event.place_inferred = setting_places(
            ctx, sent, [quantities[q] for q in qty]
        )
    reach = Span(span.begin, events_kinds.through_particle(ctx.folded, span.begin, span.end))
    event.time = events_occurrences.phrase_time(ctx, sent, span) or ctx.own_time(sent, reach)
    event.quantities = qty
    if event_type in _GOODS_EVENTS:
        event.goods = goods_of(ctx, sent, span)
        if event_type != _PRICE_REPORT:  # a fee or commission is a price, never goods carried
            event.goods = [g for g in event.goods if g not in SERVICE_PRICES]
        if shares and _COMMISSION not in event.goods:
            event.goods.append(_COMMISSION)
        if event_type == _PRICE_REPORT and not event.goods:
            return None
    return event


def _received_only(ctx: ArticleContext, sent: int, entity: str) -> bool:
    """Whether every mention of ``entity`` in the sentence is an enforcer people are handed
    or sent to (the guards who receive returnees are not those the return befalls)."""
    own = [m for m in ctx.by_sentence.get(sent, []) if m.entity == entity]
    return (
        bool(own)
        and kinds.is_enforcer(ctx.entities[entity])
        and all(events_kinds.RECEIVER.search(ctx.before(sent, m.span.begin, 160)) for m in own)
    )


def _merge(
    raw: list[EventReport], quantities: dict[str, Quantity], ctx: ArticleContext
) -> list[EventReport]:
    out: list[EventReport] = []
    for event in raw:
        into = next((e for e in out if _same_report(e, event, quantities, ctx)), None)
        if into is None:
            out.append(event)
            continue
        into.evidence += [s for s in event.evidence if s not in into.evidence]
        for name in (
            "agents",
            "affected",
            "authorities",
            "facilitators",
            "places",
            "quantities",
            "goods",
        ):
            target = getattr(into, name)
            target += [x for x in getattr(event, name) if x not in target]
        into.time = events_occurrences.narrower(into.time, event.time)
    for i, event in enumerate(out, start=1):
        event.local = f"event-{i}"
    return out


def _same_report(
    a: EventReport, b: EventReport, quantities: dict[str, Quantity], ctx: ArticleContext
) -> bool:
    if a.event_type != b.event_type or a.event_type == _PRICE_REPORT:
        return False
    if a.event_type in _NEEDS_SPEAKER and a.agents != b.agents:
        return False
    if a.event_type in _ONE_STATE and events_occurrences.in_other_countries(a, b, ctx):
        return False  # a sentencing in Yanji and one in Hoeryong: two states' acts
    people = a.event_type in _AFFECTED_EVENTS
    return events_occurrences.same_occurrence(a, b, people, quantities, ctx)
