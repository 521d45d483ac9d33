"""Measure frames of courts, penalties and duties laid on people, and of groups sent back.

The measure-type scheme counts punishment as part of the campaign it serves; articles tell
it through what courts and security bodies do to people rather than with a campaign noun:

- a court sentencing people to years in prison (``has sentenced four people to between
  three and seven years``), people being given years in a camp (``are now being given at
  least five years at the re-education camp``), sentenced without a term (``Three smugglers
  were sentenced last month``), brought to trial, standing or going on trial (``stood trial
  in Hyesan``, ``will stand trial next month``): a crackdown whose type comes from what they
  are punished for (``for guiding North Koreans across the river``); people already named
  (``one of them was sentenced``, ``they stood trial``) are the same crackdown told on, and
  people described (``women who had been sentenced``) no measure; a trial before an
  assembled audience (``stood trial before a crowd``) is a public punishment. What counts as
  judicial is ``justice_words``, shared with the merge;
- officials dismissed, suspended, removed from their posts or put under investigation
  (``two officers of the border police have been dismissed for selling patrol times to
  smugglers``): a crackdown typed by what they are punished for;
- a loss promised for an act (``they will lose their allocated flats if another member of
  the household leaves``): the standing rule of a crackdown;
- families who must report to a security office at set times: the surveillance of the
  families of those who left, a defection crackdown;
- a counted group sent back (``two women sent back through Tumen in January``): a forced
  repatriation told in passing;
- ``a second group … is expected to follow``: the measure just told, again (its type is
  resolved by ``policies``).

``JUSTICE_FRAMES`` come first among the frames (before the phrase cue that would read
``sent back`` as a bare status word), ``JUSTICE_GENERIC`` with the enforcement frames
whose type comes from their target.
"""

from __future__ import annotations

from borderkg.ontology.namespaces import MEASURE

from .frame_lexicon import custom
from .justice_words import JUDICIAL_BODY, JUDICIAL_VERB, TERM, TRIAL_KIND, TRIED
from .policy_cues import COUNT, MeasureCue
from .policy_frames_conduct import ANAPHORIC
from .policy_tense import ACTION, BUILD, PRACTICE, RULE

# Officials of a post or unit, who may be dismissed or put under investigation.
_OFFICIALS = (
    r"\b(?:officers?|officials?|guards?|inspectors?|chiefs?|heads?|directors?|commanders?|"
    r"captains?|cadres?)\b"
)
_DISMISSED = (
    r"dismissed|sacked|demoted|suspended\s+from\s+(?:duty|(?:his|her|their)\s+posts?)|"
    r"expelled\s+from\s+the\s+party|removed\s+from\s+(?:his|her|their)\s+posts?|"
    r"(?:placed|put)\s+under\s+investigation|relieved\s+of\s+(?:his|her|their)\s+(?:posts?|"
    r"duties|command)"
)
# The person a sentence falls on, named before as a pronoun: the same case told on.
_NOT_ALREADY_NAMED = r"(?<!\bthem\s)(?<!\bthey\s)(?<!\bhe\s)(?<!\bshe\s)(?<!\bhim\s)"
# People described by what was done to them ("women who had been sentenced"), not a sentence
# reported.
_NOT_DESCRIBED = r"(?<!\bwho\s)(?<!\bthat\s)(?<!\bwhich\s)"
# The finite auxiliaries of a reported passive ("were", "have also been"); not "can be", "will
# be": a penalty a law or a warning promises is the rule frames' (``policy_frames_rules``).
_FINITE_PASSIVE = (
    r"(?:were|was|(?:have|has|had)\s+(?:also\s+|since\s+|now\s+)?been|are|is)\s+"
    r"(?:(?:\w+ly|now|also|later|then|all|both|each|already)\s+)*"
)
# A sentence passed, reported: past or perfect ("were sentenced", "has been convicted"); the
# present ("many are then sentenced") tells a practice, the pluperfect ("those executed had
# been convicted of …") the past of people described.
_PASSED = (
    r"(?:were|was|(?:have|has)\s+(?:also\s+|since\s+|now\s+)?been)\s+"
    r"(?:(?:\w+ly|now|also|later|then|all|both|each|already)\s+)*"
)
# A trial people went to, told by an active verb in the past ("stood trial", "went on trial",
# "faced a military trial"): held, whatever auxiliary comes before ("was standing trial").
_TRIAL_HELD = r"(?P<v>stood|standing|faced|went\s+on)\s+" + TRIAL_KIND + r"trial\b"
# A trial to come, by a governed verb ("will stand trial", "are expected to go on trial",
# "could face trial"), or people put on trial ("were put on trial", "will be brought to
# trial"). The present ("faces trial", "stands trial") is left out: its tense would read as a
# trial in force.
_TRIAL_GOING = (
    r"(?:(?:will|would|could|may|might|shall|must|(?:is|are|was|were)\s+(?:(?:\w+ly|now|also|"
    r"due|expected|set|scheduled|likely|going|about)\s+)?to)\s+(?:(?:\w+ly|also|now|soon|then|"
    r"still|all|both)\s+)*(?P<x>stand|face|go\s+on)\s+|(?:" + _FINITE_PASSIVE + r"|(?:be|being)"
    r"\s+)(?P<w>put|brought|placed)\s+(?:on|to)\s+)" + TRIAL_KIND + r"trial\b"
)
# A trial told as held is done in any tense of its verb (``BUILD``: "went" reads as no past).
_HELD = BUILD
# Those gathered to watch a punishment ("before a crowd", "in front of their [neighbours]").
_AUDIENCE = (
    r"(?:in\s+front\s+of|before)\s+(?:a|an|the|their|his|her|its|some|about|around|"
    r"hundreds\s+of|dozens\s+of|thousands\s+of)?\s*(?:[\w\[\]-]+(?:,\d{3})*\s+){0,3}?\[?"
    r"(?:crowds?|residents|villagers|troops|company|unit|audience|gathering|assembly|public|workers|"
    r"soldiers|neighbou?rs|workforce|brigades?|regiment|colleagues|classmates|families|"
    r"people|village|town|district|neighbou?rhood|market|school|factory|farm)\b"
)

# A trial held ("stood trial") and one gone to or to come ("were put on trial"), with the
# words that may trigger each and its tense kind.
_TRIALS = (
    (_TRIAL_HELD, "stood standing faced went", _HELD),
    (_TRIAL_GOING, "stand face go put brought placed", ACTION),
)

JUSTICE_FRAMES: list[MeasureCue] = [
    # "Two women sent back through Tumen in January were paraded …"
    custom(
        MEASURE.ForcedRepatriation,
        rf"\b(?:about\s+|some\s+|more\s+than\s+|at\s+least\s+)?{COUNT}\s+(?:[\w-]+\s+)?"
        r"(?:women|men|people|north\s+koreans|defectors|refugees|escapees|children|girls|boys|"
        r"teenagers|families|detainees)\s+(?P<w>sent\s+back|repatriated|deported|handed\s+(?:over|"
        # a participle, told where, when or how ("… through Tumen", "… last week", "…,"), not
        # a verb with its object ("two women handed over cash")
        r"back))\b(?=\s*(?:to|through|via|at|in|on|by|from|across|last|this|earlier|after|before|"
        r"during|over|since|were|was|are|have|had|[,.;])(?:\W|$))",
        "sent repatriated deported handed",
        ACTION,
        also_when="women men people koreans defectors refugees escapees children girls boys "
        "teenagers families detainees",
    ),
    # "will stand trial before their neighbours", "stood trial in front of the crowd": a trial
    # before an assembled audience is a public punishment (before the trial frames of
    # ``JUSTICE_GENERIC``, which type it by the crime)
    *(
        custom(
            MEASURE.PublicPunishment,
            _NOT_ALREADY_NAMED + _NOT_DESCRIBED + trial + r"\s+(?:[\w'’-]+\s+){0,4}?" + _AUDIENCE,
            words,
            kind,
            also_when="trial",
        )
        for trial, words, kind in _TRIALS
    ),
    # "Their families must now report to the county security office every week"
    custom(
        MEASURE.DefectionCrackdown,
        r"(?:families|relatives|family\s+members|households)\b[^.;]{0,60}?\b(?:must|have\s+to|"
        r"has\s+to|are\s+(?:now\s+)?required\s+to|were\s+(?:ordered|told|instructed)\s+to|are\s+"
        r"to)\s+(?:now\s+|also\s+)?(?P<v>report|check\s+in|register)\s+(?:to|with|at)\s+(?:the\s+|"
        r"a\s+)?(?:[\w-]+\s+){0,3}?(?:security|police|office|station|authorities|bureau|ministry|"
        r"agents?|officers?)\b",
        "families relatives members households",
        RULE,
        also_when="report check register",
    ),
    # "a second group held in Helong is expected to follow": the measure just told, again
    custom(
        ANAPHORIC,
        r"(?:(?:a|another|the)\s+(?:second|third|fourth|further|next|new)|another)\s+(?:group|batch|"
        r"wave|round)\b[^.;]{0,60}?\b(?:is|are|will|would)\s+(?:\w+ly\s+|also\s+|soon\s+)?(?:(?:expected|"
        r"set|due|scheduled|likely|planned|going)\s+to\s+|to\s+)?follow\b",
        "second third fourth further next new another",
        ACTION,
        also_when="follow",
    ),
]

JUSTICE_GENERIC: list[MeasureCue] = [
    # "A court in Yanji has sentenced four people to between three and seven years"; "are
    # now being given at least five years at the re-education camp"
    custom(
        MEASURE.Crackdown,
        r"(?P<v>sentenc(?:e|es|ed|ing)|jail(?:s|ed|ing)?|imprison(?:s|ed|ing)?)\s+(?!(?:them|him|"
        r"her)\b)(?:[\w-]+\s+){1,5}?(?:to\s+(?:"
        + TERM
        + r"|death|life|prison|jail|(?:a\s+)?(?:labou?r|prison|re-?education)\s+camps?)|for\s+"
        + TERM
        + r")|"
        + _NOT_ALREADY_NAMED
        + r"(?:were|was|(?:have|has|had)\s+(?:also\s+)?been|are|is|being)\s+(?:(?:\w+ly|now|also|"
        r"being|already|each|all|both|later)\s+)*(?P<w>sentenced|jailed|imprisoned|given|handed)\s+"
        r"(?:down\s+)?(?:to\s+)?" + TERM,
        "sentence sentences sentenced sentencing jail jails jailed jailing imprison imprisons "
        "imprisoned imprisoning given handed",
        PRACTICE,
        also_when="year years month months death life prison jail camp camps",
    ),
    # "A court in Yanji sentenced six members of a network …", "Prosecutors in Dandong have
    # charged four Korean-Chinese with …", "were sentenced by a military court": a court or
    # prosecutors acting on people is a judicial measure whatever the sentence's length
    custom(
        MEASURE.Crackdown,
        JUDICIAL_BODY + r"(?:(?!\b(?:said|says|say|told|that|which|who|whose|where|when|"
        r"building|ruling)\b)[^.;:\"“”]){0,60}?\b(?P<v>" + JUDICIAL_VERB + r")\s+"
        r"(?!(?:them|him|her|it|with|that|as|in|on|at(?!\s+least)|by|to|for|of|cases)\b)[\w-]+"
        # before an assembled audience it is a public punishment ("tried two brokers before
        # some 5,000 people"), for the frames and the model that read those
        r"(?![^.;]{0,60}?" + _AUDIENCE + r")"
        # the term it gave, when told, so that a date after it is the measure's own
        r"(?:\s+(?:[\w-]+\s+){0,16}?to\s+(?:" + TERM + r"|death|life))?|"
        r"(?:were|was|(?:have|has|had)\s+(?:also\s+)?been|are|is)\s+(?:\w+ly\s+|also\s+)?"
        r"(?P<w>sentenced|jailed|convicted|charged|indicted|tried|prosecuted)\s+(?:[\w-]+\s+){0,2}?"
        r"by\s+(?:an?|the)\s+(?:[\w'’-]+\s+){0,4}?" + JUDICIAL_BODY,
        "court courts tribunal tribunals prosecutors prosecutor procuratorate",
        ACTION,
        also_when="sentence sentences sentenced sentencing jail jails jailed convict convicts "
        "convicted charge charges charged indict indicts indicted prosecute prosecutes "
        "prosecuted try tries tried",
    ),
    # "Three smugglers were sentenced last month", "the two guards were convicted in Hyesan":
    # a sentence passed is a measure without its length (one with it is the frame above);
    # not of people described by it ("women who had been sentenced") or already named ("they
    # were sentenced": the same case told on)
    custom(
        MEASURE.Crackdown,
        _NOT_ALREADY_NAMED + _NOT_DESCRIBED + _PASSED + r"(?P<w>sentenced|convicted)\b"
        r"(?!\s+yet\b)"  # "none of those arrested has been sentenced yet"
        # "sentenced" active with the people it falls on: "sentenced three smugglers"
        r"|(?P<v>sentenced|convicted)\s+(?:the\s+|at\s+least\s+|about\s+|some\s+|more\s+than\s+|"
        r"another\s+)?" + COUNT + r"\b(?!\s+(?:days?|weeks?|months?|years?)\b)",
        "sentenced convicted",
        ACTION,
    ),
    # "Five people stood trial in Hyesan", "the two brokers went on trial", "were put on
    # trial", "will stand trial next month": a trial held or to come, typed by its charge; not
    # one held in public (the public punishment of ``policy_cues``)
    *(
        custom(
            MEASURE.Crackdown,
            _NOT_ALREADY_NAMED
            + _NOT_DESCRIBED
            + trial
            + r"(?![^.;]{0,80}?\b(?:public|show|mass)\s+trials?\b)",
            words,
            kind,
            also_when="trial",
        )
        for trial, words, kind in _TRIALS
    ),
    # "Three men were tried in Hyesan last week for smuggling": "tried" of a court, with the
    # charge, the court or the law after it (not "was tried in Sinuiju in 2018": a test)
    custom(
        MEASURE.Crackdown,
        _NOT_ALREADY_NAMED + _NOT_DESCRIBED + _PASSED + r"(?P<w>" + TRIED + r")",
        "tried",
        ACTION,
    ),
    # "two of the traders were given suspended sentences", "three members received
    # sentences of three years": a sentence handed to people told without its court
    custom(
        MEASURE.Crackdown,
        r"(?:(?:were|was|(?:have|has|had)\s+(?:also\s+)?been)\s+(?:(?:\w+ly|now|also|later|"
        r"each|all|both)\s+)*(?P<w>given|handed)|(?P<v>received|receive))\s+(?:(?:a|an|their|"
        r"his|her)\s+)?(?:(?:suspended|prison|jail|labou?r|death|life|long|heavy|harsh|lengthy|"
        r"reduced|[\w-]+-year)\s+)?(?:sentences?|prison\s+terms?|jail\s+terms?)\b",
        "given handed received receive",
        ACTION,
        also_when="sentence sentences term terms",
    ),
    # "two officers … were dismissed", "the deputy chief … was placed under investigation",
    # "has suspended two officers of the border inspection": officials punished (for the
    # bribes, the smuggling or the escape the sentence names); a dismissal only threatened
    # ("anyone found taking bribes will be dismissed") is left to the penalty frames
    custom(
        MEASURE.Crackdown,
        _OFFICIALS + r"\s+(?:(?!(?:said|says|say|told|that|which|who|when|while|after|before|"
        r"because|and|but)\b)[\w'’,-]+\s+){0,8}?(?:were|was|(?:have|has|had)\s+(?:also\s+|since\s+)?"
        r"been)\s+(?:\w+ly\s+|also\s+|"
        r"later\s+|then\s+|all\s+|both\s+)*(?P<w>" + _DISMISSED + r")|(?P<v>dismiss|dismisses|"
        r"dismissed|dismissing|sacked|suspended|demoted|purged)\s+(?:at\s+least\s+|about\s+|"
        r"several\s+|the\s+|a\s+|its\s+own\s+)?(?:(?!(?:that|talk|claims?|reports?|rumou?rs?|"
        r"suggestions?)\b)[\w-]+\s+){0,3}?" + _OFFICIALS,
        "dismissed sacked demoted suspended expelled removed placed put relieved purged dismiss "
        "dismisses dismissing",
        ACTION,
        also_when="officer officers official officials guard guards inspector inspectors chief "
        "chiefs head heads director directors commander commanders captain captains cadre cadres",
    ),
    # "are preparing to bring a second group of suspects to trial"
    custom(
        MEASURE.Crackdown,
        r"(?P<v>bring|brings|brought|bringing|put|puts|putting)\s+(?:[\w-]+\s+){1,8}?(?:to|on)\s+"
        r"trial\b",
        "bring brings brought bringing put puts putting",
        ACTION,
        also_when="trial",
    ),
    # "they will lose their allocated flats if another member of the household leaves"
    custom(
        MEASURE.Crackdown,
        # a loss that punishes an act: of whoever does it, or "… if a relative leaves" (not
        # one that befalls people: "will lose their homes to the new road")
        r"(?P<who>anyone|anybody|whoever|those\s+(?:who|caught|found))?(?(who)|(?:they|he|she|"
        r"families|relatives|households|people|residents|villagers|traders|workers))\s+"
        r"(?:[\w-]+\s+){0,8}?(?:will|would|could|shall)\s+(?:also\s+|now\s+)?(?P<v>lose|forfeit)\s+"
        r"(?:their|his|her|its)\s+(?:[\w-]+\s+){0,2}?(?:flats?|homes?|houses?|apartments?|land|"
        r"plots?|rations?|licen[cs]es?|permits?|membership)\b"
        r"(?(who)|(?=[^.;]{0,80}?\b(?:if|unless|should|once)\b))",
        "lose forfeit",
        RULE,
        also_when="will would could shall",
    ),
]
