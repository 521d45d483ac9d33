"""The status cue lexicon of policies: words that say where a measure stands.

Each status (Rumoured, Lifted, Eased, InForce, Planned, Announced, CarriedOut) has one
regular expression of the words that report it (``rumours are circulating``, ``was
scrapped``, ``narrowed``, ``must``, ``are to be installed``, ``were told``, ``put up``);
on equal distance from a measure cue the earlier entry wins. ``STATUS_TRIGGERS`` lets a
sentence skip the cues whose words it lacks (see ``cues``).
"""

from __future__ import annotations

import re

from borderkg.ontology.namespaces import STATUS

from .policy_tense import SWEEP

_I = re.IGNORECASE

#: Consequences announced for an act: a standing rule (see ``policy_status``).
CONSEQUENCE = (
    r"\b(?:will|would) (?:also |now )?(?:(?:have|lose) [^.;]{0,40}? and )?be (?:\w+ly )?(?:caught and (?:\w+ly )?)?(?:treated as|punished|arrested|sent back|repatriated|"
    r"shot|fined|detained|sent to|caught|handed over to|turned over to|charged|prosecuted|"
    r"jailed|imprisoned|sentenced|expelled|executed|deported|tried)\b"
)

# Status cues; on equal distance the earlier entry wins.
STATUS_CUES: list[tuple[str, re.Pattern[str]]] = [
    (
        str(STATUS.Rumoured),
        re.compile(
            r"\b(?:rumou?rs?|rumou?red|reportedly considering|said to be (?:considering|planning|"
            r"preparing)|(?:is|are|was|were) said to be \w+ing|(?:have|has|had) (?:also |now |all |reportedly )?heard (?:that|of|rumou?rs)|"
            r"there is talk|word has it|people (?:say|said|are saying|have been saying) (?:that )?"
            r"[^.;,]{0,60}?\b(?:will|would|may|might|could|(?:is|are) going to)"
            r"|word is|speculation|unconfirmed reports?|it is said that"
            # "word in the villages is that …", "the talk among traders is that …"
            r"|(?:word|talk)\s+(?:in|among|around|on)\s+(?:[\w'’-]+\s+){1,4}?is\s+that"
            # "word has gone around the villages that …", "talk is going round that …"
            r"|(?:word|talk|news)\s+(?:has|had|is)\s+(?:\w+ly\s+)?(?:gone|got|gotten|spread|been\s+"
            r"going|going|been\s+spreading|spreading)\s+(?:a)?round"
            # hearsay told without a teller: "word has spread in the villages that …", "it is
            # whispered that …", "residents whisper that …"
            r"|(?:word|talk|rumou?rs?)\s+(?:has|have|had|is|are)\s+(?:\w+ly\s+)?(?:spread|been\s+"
            r"spreading|spreading|circulat\w+|been\s+circulating)\b[^.;]{0,60}?\bthat"
            r"|it\s+is\s+(?:being\s+|widely\s+)?(?:whispered|murmured|rumou?red)\s+that"
            r"|whisper(?:s|ed|ing)?\s+that)\b",
            _I,
        ),
    ),
    (
        str(STATUS.Lifted),
        re.compile(
            r"\b(?:lifted|lifting|lift(?:s)? (?:the|a|its)|reopened|reopening|re-opened|reopen|"
            r"resumed|resumption|removed|ended|scrapped|abolished|withdrawn|withdrew|called off|"
            r"rescinded|revoked|repealed|annulled|cancell?ed|discontinued|phased out|overturned|"
            r"dropped|dismantled|no longer (?:have|has|need|needs) to|(?:switched|turned) off(?!\s+(?:at|every|each|during|overnight|by\s+"
            r"day|in\s+the\s+(?:morning|day|daytime)))|(?:allowed|permitted|"
            r"approved|legali[sz]ed) (?:\w+ )?"
            r"again|once again (?:allowed|permitted|open)|"
            # "began issuing travel permits again": the papers a closure withheld, issued again
            r"(?:began|begun|started|resumed) (?:issuing|granting|handing out)\b[^.;]{0,60}?\bagain)\b",
            _I,
        ),
    ),
    (
        str(STATUS.Eased),
        re.compile(
            r"\b(?:relaxed|relaxing|relax|eased|easing|ease|shortened|shortening|narrowed|narrowing|loosened|"
            r"loosening|softened|exempt(?:ed|s|ing)? from|exemptions? (?:from|to)|down from (?:\d+|\w+) (?:days?|weeks?|months?|hours?|kilometres?|metres?)|"
            r"(?:has|have|had|was|were) (?:since |now |also )?been (?:reduced|cut back|scaled down)|scaled "
            r"back|scaling back|more lenient|less strict|lighter than|looser|lightened|up from|"
            # a shorter duration: "was cut from 40 days to 20", "cutting the time goods must
            # wait from three weeks to ten days"
            r"(?:cut|cuts|cutting|reduc(?:ed|es|ing)|lower(?:ed|s|ing)|trimm(?:ed|ing)|"
            r"halv(?:ed|es|ing)|brought down|bringing down)\b(?:[^.;]{0,100}?\bfrom (?:\d+|\w+) "
            r"(?:days?|weeks?|months?|hours?) to|"
            # a smaller number: "patrols have been cut from six a night to three"
            r" from (?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty)"
            r"(?: (?:a|per) (?:night|day|week|shift|month))? to (?:\d+|\w+)\b|"
            r" (?:\w+ ){0,3}?to (?:(?:a|an|just|only|about) )?"
            # "cut to a two-hour check"
            r"(?:\d+|\w+)[ -](?:days?|weeks?|hours?|minutes?)))\b",
            _I,
        ),
    ),
    # A consequence promised for an act ("anyone who helps them will be punished") states a
    # standing rule, not a plan.
    (str(STATUS.InForce), re.compile(CONSEQUENCE, _I)),
    (
        str(STATUS.Planned),
        re.compile(
            r"\b(?:(?:is|are|was|were) set to|plans? to|planned|planning to|plans for|will|shall|"
            r"hopes? to|hoping to|aims? to|"
            r"(?:is|are) going to|intends? to|the plan is to|postponed|put off|rescheduled|"
            r"(?:plan|plans|planning) (?:a|an|new|more|further|another)\b|(?:is|are) (?:due )?to be (?!\w+ly\b)\w+(?:ed|en|t)\b|"
            r"(?:is|are|was|were) (?:\w+ly )?preparing (?:a|an|the|for)\b|preparations (?:are|were|have been) "
            # a noun planned: "a second handover is expected in the summer", "a trial is
            # being prepared for December"
            r"(?:under ?way|being made)|(?:is|are) (?:now |also )?(?:being prepared|being planned|being "
            r"organi[sz]ed|expected) (?:for|in|at|next|this|before|by|soon|later|within)\b|"
            # "a public trial is being prepared, a source said"; "is due to arrive next week"
            r"(?:is|are) (?:now |also )?being (?:prepared|planned)(?=\s*[,.;:]|\s*$)|"
            r"(?:is|are) due to (?!be\b|the\b|a\b|an\b|its\b|their\b)[a-z]+\b|"
            r"preparations (?:are|were|have been) "
            r"(?:under ?way|being made)|would be (?!\w+ly\b)\w+ed\b|(?:could|may|might) (?:soon |also |well )?be "
            r"(?!\w+ly\b)(?:\w+ed|sent|built|put|set|shut|taken|brought|torn|sent back)\b|to be (?:installed|built|erected|introduced|deployed|"
            r"expanded|completed)|scheduled(?: to|(?<=been scheduled)| for(?:(?<=is scheduled for)|(?<=are scheduled for)|"
            r"(?<=was scheduled for)|(?<=were scheduled for)))|preparing to|prepares? to|expected to|about to|"
            r"considering|proposed|being discussed|under discussion|(?:discussing|debating|weighing|"
            r"studying|deciding) (?:whether|how|when)(?: (?:or not )?to)?)\b",
            _I,
        ),
    ),
    (
        str(STATUS.Announced),
        re.compile(
            r"\b(?:announced|announcement|ordered|orders?|issued|issues|directives?|decrees?|"
            r"instructed|instructions?|notices?|notified|notification|decided to|declared|"
            r"declaration|handed down|promulgated|read (?:out|aloud)|(?:told|warned|instructed|notified|informed) "
            r"(?:(?!(?:was|were|is|are|had|has|have|would|will)\b)[\w-]+ ){0,8}?(?:to|not to|that)\b|been told|were told|was told|were warned|"
            r"been warned)\b",
            _I,
        ),
    ),
    (
        str(STATUS.InForce),
        re.compile(
            r"\b(?:(?:has|have|had) been in (?:place|effect|force)|in (?:place|effect|force)|"
            r"(?:keeps?|kept|keeping) (?:the |its )?(?:borders?|frontiers?) (?:sealed|closed|shut)|keeping|"
            r"until further notice|must(?: (?:\w+ )?be \w+)?|needs? (?:a |an |special )?(?:permits?|pass(?:es)?|approval)|"
            r"(?:no one|nobody) (?:may|can|is allowed to)|may not|may only|step(?:s|ped|ping)? up|tighten(?:ed|s|ing)?|"
            r"intensif(?:ied|ies|ying)|strengthen(?:ed|s|ing)?|"
            r"(?:has|have|had) (?:been|remained) (?:closed|sealed|shut|banned|prohibited|"
            r"suspended|restricted|halted|tightened|strict)|(?:has|have) been (?!"
            + SWEEP
            + r")\w+ing|"
            r"would be (?:\w+ly )?(?:sent back|repatriated|arrested|punished|shot|fined|detained)|"
            r"(?:is|are) (?:\w+ly )?(?:arrested|punished|repatriated|sent back|detained|fined|"
            r"taken away|locked up|"
            r"banned|prohibited|forbidden|required|not allowed)|"
            r"against the (?:rules|law|regulations)|(?:has|have|had) been (?:placed )?under|"
            r"(?:remains?|remained|still|now) under|widened|remains?|remained|still|continues? to|"
            r"continued|ongoing|(?:is|are|was|were|been) "
            r"banned|banned|(?:is|are) prohibited|prohibits?|prohibited|forbidden|enforc\w+|"
            r"maintain\w*|persists?|under way|underway|currently|constant|round-the-clock|around "
            r"the clock|at all hours|regular|strict|strictly|extended|required|requires?)\b",
            _I,
        ),
    ),
    (
        str(STATUS.CarriedOut),
        re.compile(
            r"\b(?:installed|installing|built|building|erected|constructed|completed|finished|set up|"
            r"put up|went up|"
            r"gone up|deployed|dispatched|stationed|posted|repatriated|deported|returned|sent back|"
            r"sent home|sent to|handed over|handed back|arrested|detained|carried out|conducted|launched|"
            r"began|begun|started|reinforced|increased|expanded|added|placed|laid|buried|mounted|strung|sealed|closed|shut|"
            r"confiscated|seized|raided|inspected|executed|relocated|evicted|expelled|imposed|"
            r"introduced|implemented|rolled out|cracked down|fired|shot|lit|upgraded|replaced|"
            r"rebuil\w+|repair\w*|appeared|sprang up|gathered|assembled|summoned|held|rounded up|"
            r"taken away|taken into custody|locked up|picked up|called in|"
            r"sent away|moved (?:to|away|inland|out)|(?:has|have|had) been " + SWEEP + r"|"
            # "the inspection group is going through homes": a sweep under way; in the simple
            # progressive only going through, combing and sweeping ("are searching" and "are
            # questioning" are as often a standing practice)
            r"(?:is|are) (?:\w+ly )?(?:going (?:through|from|round|around|door|house)|combing|"
            r"sweeping|scouring))\b",
            _I,
        ),
    ),
]

#: Words one of which every match of a status cue contains (in ``STATUS_CUES`` order; an
#: empty string for cues made of words too common to be worth testing): a sentence without
#: any of them is not searched for that cue.
STATUS_TRIGGERS: list[str] = [
    "rumo* considering said heard talk word people speculation unconfirmed whisper whispers "
    "whispered whispering murmured",
    "lifted lifting lift lifts reopened reopening re reopen resumed resumption removed ended "
    "scrapped abolished withdrawn withdrew called rescinded revoked repealed annulled cancelled "
    "canceled discontinued phased overturned dropped dismantled longer again switched turned",
    "relaxed relaxing relax eased easing ease shortened shortening narrowed narrowing down loosened "
    "exempt exempted exempts exempting exemption exemptions "
    "been "
    "loosening softened "
    "scaled scaling lenient strict lighter looser lightened up cut cuts cutting reduced reduces "
    "reducing lowered lowers lowering trimmed trimming halved halves halving brought bringing",
    "will would",
    "",
    "announced announcement ordered order orders issued issues directive directives decree "
    "decrees instructed instruction instructions notice notices notified notification decided "
    "declared declaration handed promulgated read told warned informed",
    "",
    "",
]

#: Explicit statements of state that outrank a nearer status cue in the same sentence.
IN_FORCE_EXPLICIT = re.compile(
    r"\b(?:in (?:place|effect|force)|remains?|remained|still|until further notice|"
    # "closed its border in 2020 and has kept it shut": the state held since
    r"(?:has|have)\s+(?:since\s+|also\s+)?kept\s+(?:it|them)\s+(?:shut|closed|sealed|locked))\b",
    _I,
)
