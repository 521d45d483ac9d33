"""Measure frames of courts, penalties and duties laid on people, and of groups sent back.

The measure-type scheme counts punishment as part of the campaign it serves; articles tell
it through what courts and security bodies do to people rather than with a campaign noun:

- a court sentencing people to years in prison (``has sentenced four people to between
  three and seven years``), people being given years in a camp (``are now being given at
  least five years at the re-education camp``) or brought to trial: a crackdown whose type
  comes from what they are punished for (``for guiding North Koreans across the river``);
  people already named (``one of them was sentenced``) are the same crackdown told on;
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
from .policy_cues import COUNT, MeasureCue
from .policy_frames_conduct import ANAPHORIC
from .policy_tense import ACTION, PRACTICE, RULE

_TERM = (
    r"(?:between\s+|at\s+least\s+|up\s+to\s+|more\s+than\s+|as\s+many\s+as\s+)?(?:\d+|a|one|two|"
    r"three|four|five|six|seven|eight|nine|ten|fifteen|twenty)\s+(?:and\s+a\s+half\s+)?"
    r"(?:(?:and|to|or)\s+(?:\d+|"
    r"two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty)\s+)?(?:more\s+)?"
    r"(?:years?|months?)\b(?!\s+to\s+\w)"  # "given two months to leave" is a deadline
)
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
# A court or prosecution office as the subject of a judicial verb (not "the court building").
_JUDICIAL_BODY = (
    r"\b(?:courts?|tribunals?|prosecutors?|procuratorates?|prosecutors[’']?\s+office)\b"
)
_JUDICIAL_VERB = (
    r"sentenc(?:e|es|ed)|jail(?:s|ed)?|convict(?:s|ed)?|charg(?:e|es|ed)|indict(?:s|ed)?|"
    r"prosecut(?:e|es|ed)"
)
# The person a sentence falls on, named before as a pronoun: the same case told on.
_NOT_ALREADY_NAMED = r"(?<!\bthem\s)(?<!\bthey\s)(?<!\bhe\s)(?<!\bshe\s)(?<!\bhim\s)"

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
        + _TERM
        + r"|death|life|prison|jail|(?:a\s+)?(?:labou?r|prison|re-?education)\s+camps?)|for\s+"
        + _TERM
        + r")|"
        + _NOT_ALREADY_NAMED
        + r"(?:were|was|(?:have|has|had)\s+(?:also\s+)?been|are|is|being)\s+(?:(?:\w+ly|now|also|"
        r"being|already|each|all|both|later)\s+)*(?P<w>sentenced|jailed|imprisoned|given|handed)\s+"
        r"(?:down\s+)?(?:to\s+)?" + _TERM,
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
        _JUDICIAL_BODY + r"(?:(?!\b(?:said|says|say|told|that|which|who|whose|where|when|"
        r"building|ruling)\b)[^.;:\"“”]){0,60}?\b(?P<v>" + _JUDICIAL_VERB + r")\s+"
        r"(?!(?:them|him|her|it|with|that|as|in|on|at(?!\s+least)|by|to|for|of)\b)[\w-]+"
        # the term it gave, when told, so that a date after it is the measure's own
        r"(?:\s+(?:[\w-]+\s+){0,16}?to\s+(?:" + _TERM + r"|death|life))?|"
        r"(?:were|was|(?:have|has|had)\s+(?:also\s+)?been|are|is)\s+(?:\w+ly\s+|also\s+)?"
        r"(?P<w>sentenced|jailed|convicted|charged|indicted|tried|prosecuted)\s+(?:[\w-]+\s+){0,2}?"
        r"by\s+(?:an?|the)\s+(?:[\w'’-]+\s+){0,4}?" + _JUDICIAL_BODY,
        "court courts tribunal tribunals prosecutors prosecutor procuratorate",
        ACTION,
        also_when="sentence sentences sentenced sentencing jail jails jailed convict convicts "
        "convicted charge charges charged indict indicts indicted prosecute prosecutes "
        "prosecuted tried",
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
