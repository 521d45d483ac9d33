"""The blind held-out sets: the extractor measured on articles written without looking at it.

``tests/fixtures/heldout3/`` to ``heldout12/`` (12 articles each, 14 from heldout6 on: plain-text
files, JSON/JSONL records, saved HTML pages) were written by engineers who did not read the
extractor (issue "Loaders": "the team measures the extractor on articles it has never seen,
and those numbers are what count").

- heldout3 was first measured at actors 0.915, locations 0.968, legal instruments 0.867,
  policies 0.694; its errors were then analysed by cause and fixed with general rules tested
  on invented sentences (``test_extract_described.py``, ``test_extract_policy_framing.py``),
  reaching 1.000 everywhere. It is no longer unseen: its floors are regression guards.
- heldout4 was first measured at actors .909, locations .990, legal .944, policies .537,
  then tuned on in two rounds (round 3 reached 1.000 everywhere): regression guards now.
- heldout5 is unseen: first measurement of the committed extractor (c52dfbb) actors .973,
  locations .994, legal 1.000, policies .512; after round 3 (tuned on heldout4 only)
  actors .980, locations .994, legal 1.000, policies .533; then round 4 was tuned on it
  (policies .857): regression guards now.
- heldout6 was first measured (d300b4f) at actors .924, locations .980, legal 1.000,
  policies .580; .600 after round 4 and .629 with the trained sentence model (neither had seen
  it); then round 5 was tuned on it (policies .792): regression guards now.
- heldout7 was first measured (fd9d578, a clean install) at actors .862, locations .978,
  legal .947, policies .627; after round 5 (tuned on heldout6 only, model retrained with
  heldout6) policies .628; after the actor-paraphrase round (heldout7 not opened) actors .931
  (recall .779 -> .897).
- heldout8 was written after the actor-paraphrase round, blind to the extractor: first
  measurement actors .911, locations .967, legal 1.000, policies .541 (P .692 R .444); one
  gold correction after that run (a missed "women handed back" group: actors .920); the
  extractor before the actor round scores actors .841 on the final gold.
- Round 7 (policies) analysed the errors of heldout6 to heldout8 by cause and added rules
  for constructions, each tested on invented sentences (``test_extract_policy_constructions``):
  people moved to the border to guard it, bulk seizures, arrests typed by what was done,
  orders to guards told as news, limits by "only" or a quantity, resolutions' own bans,
  closures held. Rules alone (model off, leave-one-set-out table of ``policy_model.json``):
  heldout7 .746, heldout8 .746; with a model not trained on the set .755 and .764; the
  shipped model is now trained on both (heldout7 .810, heldout8 .816; heldout5 .905,
  heldout6 .826). heldout7 and heldout8 are regression guards from now on.
- heldout9 was written during round 7, blind to the extractor (the round's engineer did not
  open it): before the round (0512bbc, a clean install) actors .913, locations .974, legal
  1.000, policies .514 (P .607 R .446); after it policies .581 (P .662 R .518), the others
  unchanged.
- Round 8 (policies) analysed the errors of heldout7 to heldout9 by cause and added rules for
  constructions, each tested on invented sentences (``test_extract_policy_practices``): rules
  told by who may no longer act, trade bans named by their noun, penalties hung over a deed,
  standing container checks, phones taken or held, stays capped, visits let resume, new posts
  and staffed checkpoints, closed sites, future rules and rewards told as announcements, and
  untargeted acts typed by the article's one campaign. Rules alone (model off, leave-one-set-
  out table of ``policy_model.json``): heldout7 .761, heldout8 .775, heldout9 .772 (.581
  before the round); the shipped model is now trained on heldout9 too (heldout5 .920,
  heldout7 .837, heldout8 .842, heldout9 .802). heldout9 is a regression guard from now on.
- heldout10 was written during round 8, blind to the extractor (the round's engineer did not
  open it): with the round-7 extractor (8c40661, a clean install) actors .952, locations
  .994, legal 1.000, policies .541 (P .735 R .429); after round 8 policies .567 (P .760
  R .452), the others unchanged.
- Round 9 (policies) analysed the errors of heldout6 to heldout10 by cause (most misses of
  heldout10 had no candidate at all) and added broad clause shapes rather than wordings,
  each tested on invented sentences (``test_extract_policy_clauses``): an authority as the
  subject of a verb of enforcement whatever its object, limits told by what people may only
  do or how far they may go, penalties and rewards told to those they concern, trade
  carriers running again, measures named as what something ended, reopenings for one class
  of people (Eased), returns counted by the country that made them; and a model proposal
  with a status verb of its own is no longer absorbed as a bare mention of a later measure.
  Leave-one-set-out (``policy_model.json``), rules alone: heldout6 .824, heldout7 .769,
  heldout8 .783, heldout9 .780 (round 8: .816, .761, .775, .772); heldout10 with a model not
  trained on it .658 (.567 before the round). The shipped model is now trained on heldout10
  too (heldout10 .691, heldout7 .866, heldout8 .873, heldout9 .812); heldout10 is a
  regression guard from now on.
- heldout11 was written during round 9, blind to the extractor (the round's engineer did not
  open it): with the round-8 extractor (75505c8, a clean install) actors .913, locations
  .993, legal 1.000, policies .592 (P .672 R .529); after round 9 policies .594 (P .657
  R .541), the others unchanged — the round's gain on the set it analysed (.567 → .658 with
  a model blind to it) did not carry over to this one.
- Round 10 learned two heads over the rules' mentions from the gold of dev … heldout10
  (``policy_heads``). Leave-one-set-out, with the sentence model and the heads both blind to
  the held-out set, the mean policies F1 over the eleven analysed sets was .875 for the
  rules and sentence model; a status head overruling defaulted statuses and single acts at
  probability .6 raised it to .877 (dev .887 → .891, heldout9 .780 → .805, heldout10 .658 →
  .654, the rest unchanged) and ships switched on; a type head reached only .876 and misread
  an invented sentence, so it ships switched off. The shipped head is trained on all eleven
  sets, so its numbers on those sets are partly fitted, not a measurement of unseen text:
  dev .906, heldout5 .928, heldout8 .886, heldout9 .843, heldout10 .699 (round 9: .901, .920,
  .873, .812, .691; heldout6 .835 and heldout7 .866 unchanged). On heldout11, still blind,
  round 10 gave policies .603 (P .662 R .553; round 9: .594), the others unchanged.
- heldout12 was written in session 9, blind to the extractor (its engineer read neither the
  extractor nor its tests): with the round-10 extractor (c71d1ea) actors .926, locations
  .961, legal .952, policies .532 (P .641 R .456).
- Round 11 only retrained the learned parts with heldout11 added to their data (and fixed
  the heads' trainer, which had scored every head setting as the rules alone since the
  heads moved ahead of merging). Leave-one-set-out over the twelve analysed sets, heads
  off: sentence model .842 → .852 (threshold .5; heldout11 blind to it .541 → .594);
  neither head raises the mean by .002 (best .8523 → .8541), so both ship switched off. heldout12, still
  blind: policies .532 → .532, the others unchanged. More data of the same kind no longer
  moves unseen text.
- heldout13 was written in session 10, blind to the extractor (14 articles, 103 policies):
  with the extractor of f6152cb actors .960, locations .959, legal 1.000, policies .463
  (P .623 R .369) — the lowest recall of any set, on the densest one (7.4 policies an
  article). Round 13, written during it (heldout12 analysed and trained on, type and status
  rules, status head on; leave-one-set-out .827 → .846), left it at .463 (anchored .427 →
  .451) and was not merged (branch experiment/policy-round13).
- heldout14 was written in session 11, blind to the extractor (14 articles, 93 policies):
  with the extractor of db9dada actors .930, locations .969, legal 1.000, policies .513
  (P .661 R .419; anchored .500).
- heldout15 was written in session 11 too, blind (14 articles, 91 policies): with the same
  extractor actors .895, locations .953, legal .933, policies .430 (P .552 R .352; anchored
  .389).
- Round 14 (measure signals, developed on heldout12 and heldout13 as never-fitted sets:
  .532 → .582 and .463 → .589) left the blind heldout14 at .513 → .503 and heldout15 at .430 →
  .433 and was not merged (branch experiment/policy-round14).
- heldout16 and heldout17 were written in session 12, blind (14 articles each, 102 and 98
  policies): with the extractor of 9b948c7, heldout16 actors .945, locations .971, legal
  1.000, policies .420 (P .600 R .324; anchored .369); heldout17 actors .942, locations .981,
  legal 1.000, policies .500 (P .672 R .398; anchored .474).
- heldout18 and heldout19 were written in session 12 too, blind, during round 15 (14
  articles each, 92 and 89 policies): with the extractor of dd349ce, before the round,
  heldout18 actors .932, locations .981, legal 1.000, policies .548 (anchored .521);
  heldout19 .850, .962, 1.000, .538 (.525).
- Round 15 (session 12: statuses of orders told to guards and of promised rewards as the
  held-out annotators read them; sentence model, now at the most cautious threshold the
  leave-one-set-out table cannot tell from the best, and heads retrained with heldout12–15,
  which are no longer blind) took policies on heldout16–19 from .420 / .500 / .548 / .538 to
  .477 / .533 / .571 / .525 (anchored .369 / .474 / .521 / .525 to .413 / .507 / .544 /
  .512); floors follow.
- heldout20 and heldout21 were written in session 12 after round 15 was final, blind (14
  articles each, 94 and 84 policies): with the extractor of e0e4869 (round 15 as shipped),
  heldout20 actors .906, locations .985, legal 1.000, policies .554 (P .759 R .436; anchored
  .527); heldout21 .868, .924, 1.000, .403 (P .540 R .321; anchored .373). A sixteenth round
  (the learned parts retrained with heldout16–19) lifted them to .597 and .426 but was not
  merged then (branch experiment/round16-retrain; see docs/loading.md).
- heldout22 to heldout25 were written in session 13, blind (14 articles each, 86, 90, 91 and
  84 policies). Measured once per candidate, with the rule declared before measuring (ship
  the highest mean policies F1, anchored mean not below the shipped one): round 15 as shipped
  (f87b928's learned parts) policies .601 / .500 / .645 / .559 (mean .576; anchored mean
  .548); round 16 .680 / .519 / .675 / .566 (.610; .590); round 17 (the learned parts
  retrained with heldout16–21) .675 / .506 / .675 / .597 (.613; .587), shipped. Actors
  .861 / .909 / .885 / .892, locations .979 / .994 / .960 / .971, legal 1.000 on all four.
  heldout16–21 are trained on since round 17; their floors follow its figures.
- heldout26 to heldout29 were written in session 13 after round 17 was final, blind (14
  articles each, 80, 86, 87 and 81 policies), and measured once with round 17 as shipped:
  actors .867 / .908 / .837 / .907, locations .992 / .984 / .955 / .940, legal 1.000 / .800 /
  1.000 / 1.000, policies .561 / .575 / .587 / .435 (P .661 / .700 / .750 / .628, R .487 /
  .488 / .483 / .333; anchored .532 / .521 / .573 / .419; mean .539, anchored .511) — the fair
  figure for unseen text: heldout22–25 chose among three candidates, these chose nothing.
- heldout30 to heldout33 were written in session 14, blind (14 articles each, 85, 92, 94 and
  92 policies; routes south, workers and firms in Chinese cities, the 2024 floods, narcotics
  and medicines). Measured once per candidate, the rule declared before (ship round 18 — the
  learned parts retrained with heldout22–29 — only if its mean policies F1 is higher and its
  anchored mean not lower): round 17 as shipped actors .863 / .933 / .885 / .960, locations
  .971 / .919 / .949 / 1.000, legal 1.000 on all four, policies .556 / .377 / .519 / .561 (P
  .678 / .565 / .641 / .639, R .471 / .283 / .436 / .500; mean .503, anchored .477); round 18
  .529 / .400 / .510 / .554 (mean .498, anchored .475), not shipped (branch
  experiment/round18-retrain). Floors follow round 17.
- heldout34 and heldout35 were written in session 15, blind (14 articles each, 91 and 87
  policies; the sea border and fishing; livestock disease, farming and food), and measured
  once with round 17 as shipped: actors .938 / .911, locations .982 / .981, legal 1.000 /
  1.000, policies .623 / .585 (P .762 / .717, R .527 / .494; anchored .584 / .517).
- The places round (session 15): a sentence that names no place no longer takes the
  article's main place; it takes the places it refers back to ("the county", "there"), and a
  country or a town people or goods come from is not where a measure is (``placerefs``).
  Developed on the dev corpus and heldout12–29 (mean policy_places F1 .649 → .709), judged
  once on heldout30–35 by a rule declared before: heldout30–33 .655 / .681 / .707 / .814 →
  .660 / .701 / .713 / .825, heldout34–35 .617 / .694 → .734 / .709; policies unchanged on
  all six. Place floors follow it on every set.
- heldout36 and heldout37 were written in session 15 after the places round was final, blind
  (14 articles each, 85 and 88 policies; information crossing the border; energy and fuel),
  and measured once: actors .914 / .874, locations .980 / .993, legal 1.000 / 1.000, policies
  .688 / .632 (P .768 / .750, R .624 / .545; anchored .688 / .618); agents .812 / .716,
  targets .595 / .588, places .672 / .780, time .868 / .765.
- heldout38 and heldout39 were written at the end of session 15, blind (14 articles each, 84
  and 89 policies; border infrastructure and construction; diplomacy and high-level contacts),
  and measured once with the same extractor: actors .951 / .868, locations .976 / .954, legal
  1.000 / 1.000, policies .575 / .340 (P .638 / .462, R .524 / .270; anchored .575 / .326);
  agents .906 / .727, targets .632 / .417, places .602 / .701, time .741 / .364.
- Round 19 (session 16): the sentence model and the heads retrained with heldout22–35 as well
  (36 sets; model threshold stays .4, status head .8 → .7), judged once on heldout36–39 by a
  rule declared before: policies .688 / .632 / .575 / .340 → .759 / .641 / .590 / .389 (mean
  .559 → .595, P .654 → .676). heldout22–35 are trained on from here; their floors follow.
- heldout40–43 were written in session 16 after round 19, blind (14 articles each, 91, 88, 94
  and 92 policies; religion, aid networks and shelters; corruption and discipline of border
  officials; the military posture; youth, students and children). They judged round 20 (the
  sentence model may propose a measure where the rules kept none), declared before:
  policies .517 / .521 / .589 / .571 → .523 / .541 / .594 / .581 (mean .549 → .560, P .678
  → .679). Three designed negatives then failed (a purpose, a routine, a belief: the model
  proposed where the rules had set a cue aside as no report of a measure), so round 20 ships
  narrower: such sentences stay closed to the model. Checked after the fact, not blind: with
  round 17's learned parts on heldout22–35 .5589 → .5638 (the judged form .5641); on
  heldout40–43 .526 / .531 / .594 / .581 (mean .558). A law after a country's possessive
  ("China's Criminal Law") was read as the other country's until heldout40 and 43 showed it;
  a law's country is now its jurisdiction (legal .800 / .889 → 1.000, and heldout27 .800 →
  1.000, its floor raised). Shipped extractor: actors 0.893 / 0.947 / 0.927 / 0.853,
  locations 0.973 / 0.972 / 0.993 / 1.000; agents 0.806 / 0.892 / 0.773 / 0.817,
  targets 0.667 / 0.531 / 0.667 / 0.250, places 0.714 / 0.710 / 0.803 / 0.736,
  time 0.828 / 0.792 / 0.833 / 0.808. Role F1 is scored on paired policies: where a
  round pairs more policies it can dip while every role's correct count rises (it did on
  every set whose role floor moved down).

- heldout44–47 were written at the end of session 16, blind (14 articles each, 91, 91, 91
  and 90 policies; the Russian border and the Tumen triangle; tourism across the rivers;
  prisons and detention; markets, prices and currency), and measured once with the shipped
  extractor (rounds 19 and 20): actors .857 / .934 / .903 / .946, locations .952 / .976 /
  .981 / .984, legal 1.000, policies .645 / .542 / .444 / .625 (P .781 / .736 / .604 /
  .714, R .549 / .429 / .352 / .556; anchored .619 / .514 / .403 / .588; mean .564); agents
  .881 / .918 / .731 / .857, targets .500 / .727 / .632 / .733, places .768 / .772 / .638 /
  .726, time .706 / .791 / .537 / .780.

Floors sit 0.03 below the measurement, rounded down. Never change gold to match the
extractor (see each set's ``gold/README.md``).
"""

from __future__ import annotations

import json
import re
from importlib.resources import files
from pathlib import Path

import pytest
from rdflib import URIRef

from borderkg.loaders.evaluate import (
    EvaluationReport,
    evaluate_gold_dir,
    load_gold,
    read_corpus_records,
)
from borderkg.loaders.readers import ReadError, ReadOptions, read_path
from borderkg.ontology.namespaces import MEASURE, STATUS

FIXTURES = Path(__file__).parent / "fixtures"
#: Every held-out set in the order written; each blind set is checked against all before it.
WRITTEN = ("heldout", "heldout2", *(f"heldout{n}" for n in range(3, 48)))
#: Articles of each set (heldout6's JSON Lines file holds two).
ARTICLES = {
    "heldout3": 12,
    "heldout4": 12,
    "heldout5": 12,
    "heldout6": 14,
    "heldout7": 14,
    "heldout8": 14,
    "heldout9": 14,
    "heldout10": 14,
    "heldout11": 14,
    "heldout12": 14,
    "heldout13": 14,
    "heldout14": 14,
    "heldout15": 14,
    "heldout16": 14,
    "heldout17": 14,
    "heldout18": 14,
    "heldout19": 14,
    "heldout20": 14,
    "heldout21": 14,
    "heldout22": 14,
    "heldout23": 14,
    "heldout24": 14,
    "heldout25": 14,
    "heldout26": 14,
    "heldout27": 14,
    "heldout28": 14,
    "heldout29": 14,
    "heldout30": 14,
    "heldout31": 14,
    "heldout32": 14,
    "heldout33": 14,
    "heldout34": 14,
    "heldout35": 14,
    "heldout36": 14,
    "heldout37": 14,
    "heldout38": 14,
    "heldout39": 14,
    "heldout40": 14,
    "heldout41": 14,
    "heldout42": 14,
    "heldout43": 14,
    "heldout44": 14,
    "heldout45": 14,
    "heldout46": 14,
    "heldout47": 14,
}
ARTICLE_DIRS = ("text", "json", "html")
_COUNTRIES = {
    "china",
    "north-korea",
    "south-korea",
    "russia",
    "mongolia",
    "vietnam",
    "laos",
    "thailand",
}
ID_BASE = "https://w3id.org/borderkg/id/"
FLOORS = {
    "heldout3": {"actors": 0.97, "locations": 0.97, "legal_instruments": 0.97, "policies": 0.97},
    "heldout4": {"actors": 0.97, "locations": 0.97, "legal_instruments": 0.97, "policies": 0.97},
    "heldout5": {"actors": 0.95, "locations": 0.96, "legal_instruments": 0.97, "policies": 0.89},
    "heldout6": {"actors": 0.95, "locations": 0.95, "legal_instruments": 0.97, "policies": 0.80},
    "heldout7": {"actors": 0.90, "locations": 0.94, "legal_instruments": 0.91, "policies": 0.83},
    "heldout8": {"actors": 0.89, "locations": 0.93, "legal_instruments": 0.97, "policies": 0.85},
    "heldout9": {"actors": 0.88, "locations": 0.94, "legal_instruments": 0.97, "policies": 0.81},
    "heldout10": {"actors": 0.92, "locations": 0.96, "legal_instruments": 0.97, "policies": 0.66},
    "heldout11": {"actors": 0.88, "locations": 0.96, "legal_instruments": 0.97, "policies": 0.57},
    "heldout12": {"actors": 0.89, "locations": 0.93, "legal_instruments": 0.92, "policies": 0.70},
    "heldout13": {"actors": 0.93, "locations": 0.92, "legal_instruments": 0.97, "policies": 0.66},
    "heldout14": {"actors": 0.90, "locations": 0.93, "legal_instruments": 0.97, "policies": 0.65},
    "heldout15": {"actors": 0.86, "locations": 0.92, "legal_instruments": 0.90, "policies": 0.66},
    "heldout16": {"actors": 0.91, "locations": 0.94, "legal_instruments": 0.97, "policies": 0.62},
    "heldout17": {"actors": 0.91, "locations": 0.95, "legal_instruments": 0.97, "policies": 0.72},
    "heldout18": {"actors": 0.90, "locations": 0.95, "legal_instruments": 0.97, "policies": 0.70},
    "heldout19": {"actors": 0.82, "locations": 0.93, "legal_instruments": 0.97, "policies": 0.66},
    "heldout20": {"actors": 0.87, "locations": 0.95, "legal_instruments": 0.97, "policies": 0.64},
    "heldout21": {"actors": 0.83, "locations": 0.89, "legal_instruments": 0.97, "policies": 0.55},
    "heldout22": {"actors": 0.83, "locations": 0.94, "legal_instruments": 0.97, "policies": 0.79},
    "heldout23": {"actors": 0.87, "locations": 0.96, "legal_instruments": 0.97, "policies": 0.67},
    "heldout24": {"actors": 0.85, "locations": 0.93, "legal_instruments": 0.97, "policies": 0.77},
    "heldout25": {"actors": 0.86, "locations": 0.94, "legal_instruments": 0.97, "policies": 0.67},
    "heldout26": {"actors": 0.83, "locations": 0.96, "legal_instruments": 0.97, "policies": 0.64},
    "heldout27": {"actors": 0.87, "locations": 0.95, "legal_instruments": 0.97, "policies": 0.78},
    "heldout28": {"actors": 0.80, "locations": 0.92, "legal_instruments": 0.97, "policies": 0.75},
    "heldout29": {"actors": 0.87, "locations": 0.91, "legal_instruments": 0.97, "policies": 0.58},
    "heldout30": {"actors": 0.83, "locations": 0.94, "legal_instruments": 0.97, "policies": 0.68},
    "heldout31": {"actors": 0.90, "locations": 0.88, "legal_instruments": 0.97, "policies": 0.68},
    "heldout32": {"actors": 0.85, "locations": 0.91, "legal_instruments": 0.97, "policies": 0.68},
    "heldout33": {"actors": 0.92, "locations": 0.97, "legal_instruments": 0.97, "policies": 0.67},
    "heldout34": {"actors": 0.90, "locations": 0.95, "legal_instruments": 0.97, "policies": 0.71},
    "heldout35": {"actors": 0.88, "locations": 0.95, "legal_instruments": 0.97, "policies": 0.71},
    "heldout36": {"actors": 0.88, "locations": 0.95, "legal_instruments": 0.97, "policies": 0.72},
    "heldout37": {"actors": 0.84, "locations": 0.96, "legal_instruments": 0.97, "policies": 0.61},
    "heldout38": {"actors": 0.92, "locations": 0.94, "legal_instruments": 0.97, "policies": 0.56},
    "heldout39": {"actors": 0.83, "locations": 0.92, "legal_instruments": 0.97, "policies": 0.37},
    "heldout40": {"actors": 0.86, "locations": 0.94, "legal_instruments": 0.97, "policies": 0.49},
    "heldout41": {"actors": 0.91, "locations": 0.94, "legal_instruments": 0.97, "policies": 0.50},
    "heldout42": {"actors": 0.89, "locations": 0.96, "legal_instruments": 0.97, "policies": 0.56},
    "heldout43": {"actors": 0.82, "locations": 0.97, "legal_instruments": 0.97, "policies": 0.55},
    "heldout44": {"actors": 0.82, "locations": 0.92, "legal_instruments": 0.97, "policies": 0.61},
    "heldout45": {"actors": 0.90, "locations": 0.94, "legal_instruments": 0.97, "policies": 0.51},
    "heldout46": {"actors": 0.87, "locations": 0.95, "legal_instruments": 0.97, "policies": 0.41},
    "heldout47": {"actors": 0.91, "locations": 0.95, "legal_instruments": 0.97, "policies": 0.59},
}
SETS = sorted(FLOORS)


def _corpus() -> Path:
    return Path(str(files("borderkg.loaders").joinpath("corpus")))


def _article_files(root: Path) -> list[Path]:
    """Article files of a corpus-like folder; sidecars (``NAME.json`` next to ``NAME.txt``)
    are metadata, not articles."""
    out: list[Path] = []
    for folder in ARTICLE_DIRS:
        if not (root / folder).is_dir():
            continue
        for path in sorted((root / folder).iterdir()):
            sidecar = path.suffix == ".json" and path.with_suffix(".txt").exists()
            if (
                path.is_file()
                and path.suffix in (".txt", ".json", ".jsonl", ".html")
                and not sidecar
            ):
                out.append(path)
    return out


def _texts(root: Path) -> set[str]:
    return {
        r.text
        for path in _article_files(root)
        for r in read_path(path, ReadOptions())
        if not isinstance(r, ReadError)
    }


@pytest.fixture(scope="module", params=SETS)
def heldout(request: pytest.FixtureRequest) -> tuple[str, EvaluationReport]:
    root = FIXTURES / request.param
    return request.param, evaluate_gold_dir(root / "gold", root)


@pytest.mark.parametrize("category", ["actors", "legal_instruments", "locations", "policies"])
def test_blind_heldout_f1_stays_above_its_floor(
    heldout: tuple[str, EvaluationReport], category: str
) -> None:
    name, report = heldout
    assert len(report.files) == ARTICLES[name] and not report.unmatched
    assert report.categories[category].f1 >= FLOORS[name][category]


#: Who took each measure, whom it aims at, where and when (``policy_agents``,
#: ``policy_targets``, ``policy_places``, ``policy_time``), on the sets whose gold gives them;
#: 0.03 below the measurement after round 15 (session 12; heldout22 to heldout43: after round
#: 20, session 16); heldout16 to heldout19 were not looked at while it was written.
ROLE_FLOORS = {
    "heldout12": {
        "policy_agents": 0.85,
        "policy_targets": 0.47,
        "policy_places": 0.66,
        "policy_time": 0.72,
    },
    "heldout13": {
        "policy_agents": 0.76,
        "policy_targets": 0.54,
        "policy_places": 0.63,
        "policy_time": 0.75,
    },
    "heldout14": {
        "policy_agents": 0.81,
        "policy_targets": 0.58,
        "policy_places": 0.58,
        "policy_time": 0.73,
    },
    "heldout15": {
        "policy_agents": 0.74,
        "policy_targets": 0.37,
        "policy_places": 0.59,
        "policy_time": 0.64,
    },
    "heldout16": {
        "policy_agents": 0.78,
        "policy_targets": 0.40,
        "policy_places": 0.66,
        "policy_time": 0.77,
    },
    "heldout17": {
        "policy_agents": 0.77,
        "policy_targets": 0.56,
        "policy_places": 0.69,
        "policy_time": 0.70,
    },
    "heldout18": {
        "policy_agents": 0.85,
        "policy_targets": 0.43,
        "policy_places": 0.75,
        "policy_time": 0.75,
    },
    "heldout19": {
        "policy_agents": 0.75,
        "policy_targets": 0.37,
        "policy_places": 0.69,
        "policy_time": 0.75,
    },
    "heldout20": {
        "policy_agents": 0.70,
        "policy_targets": 0.41,
        "policy_places": 0.65,
        "policy_time": 0.58,
    },
    "heldout21": {
        "policy_agents": 0.60,
        "policy_targets": 0.32,
        "policy_places": 0.69,
        "policy_time": 0.57,
    },
    "heldout22": {
        "policy_agents": 0.76,
        "policy_targets": 0.63,
        "policy_places": 0.67,
        "policy_time": 0.79,
    },
    "heldout23": {
        "policy_agents": 0.87,
        "policy_targets": 0.41,
        "policy_places": 0.73,
        "policy_time": 0.76,
    },
    "heldout24": {
        "policy_agents": 0.77,
        "policy_targets": 0.68,
        "policy_places": 0.78,
        "policy_time": 0.77,
    },
    "heldout25": {
        "policy_agents": 0.67,
        "policy_targets": 0.48,
        "policy_places": 0.70,
        "policy_time": 0.81,
    },
    "heldout26": {
        "policy_agents": 0.87,
        "policy_targets": 0.50,
        "policy_places": 0.68,
        "policy_time": 0.85,
    },
    "heldout27": {
        "policy_agents": 0.77,
        "policy_targets": 0.67,
        "policy_places": 0.77,
        "policy_time": 0.89,
    },
    "heldout28": {
        "policy_agents": 0.76,
        "policy_targets": 0.41,
        "policy_places": 0.74,
        "policy_time": 0.81,
    },
    "heldout29": {
        "policy_agents": 0.72,
        "policy_targets": 0.41,
        "policy_places": 0.50,
        "policy_time": 0.62,
    },
    "heldout30": {
        "policy_agents": 0.61,
        "policy_targets": 0.40,
        "policy_places": 0.64,
        "policy_time": 0.78,
    },
    "heldout31": {
        "policy_agents": 0.79,
        "policy_targets": 0.23,
        "policy_places": 0.59,
        "policy_time": 0.68,
    },
    "heldout32": {
        "policy_agents": 0.79,
        "policy_targets": 0.41,
        "policy_places": 0.65,
        "policy_time": 0.75,
    },
    "heldout33": {
        "policy_agents": 0.90,
        "policy_targets": 0.57,
        "policy_places": 0.78,
        "policy_time": 0.70,
    },
    "heldout34": {
        "policy_agents": 0.79,
        "policy_targets": 0.70,
        "policy_places": 0.69,
        "policy_time": 0.78,
    },
    "heldout35": {
        "policy_agents": 0.80,
        "policy_targets": 0.38,
        "policy_places": 0.68,
        "policy_time": 0.74,
    },
    "heldout36": {
        "policy_agents": 0.78,
        "policy_targets": 0.54,
        "policy_places": 0.65,
        "policy_time": 0.80,
    },
    "heldout37": {
        "policy_agents": 0.70,
        "policy_targets": 0.55,
        "policy_places": 0.75,
        "policy_time": 0.74,
    },
    "heldout38": {
        "policy_agents": 0.81,
        "policy_targets": 0.60,
        "policy_places": 0.56,
        "policy_time": 0.69,
    },
    "heldout39": {
        "policy_agents": 0.69,
        "policy_targets": 0.37,
        "policy_places": 0.66,
        "policy_time": 0.29,
    },
    "heldout40": {
        "policy_agents": 0.77,
        "policy_targets": 0.63,
        "policy_places": 0.68,
        "policy_time": 0.79,
    },
    "heldout41": {
        "policy_agents": 0.86,
        "policy_targets": 0.50,
        "policy_places": 0.67,
        "policy_time": 0.76,
    },
    "heldout42": {
        "policy_agents": 0.74,
        "policy_targets": 0.63,
        "policy_places": 0.77,
        "policy_time": 0.80,
    },
    "heldout43": {
        "policy_agents": 0.78,
        "policy_targets": 0.22,
        "policy_places": 0.70,
        "policy_time": 0.77,
    },
    "heldout44": {
        "policy_agents": 0.85,
        "policy_targets": 0.47,
        "policy_places": 0.73,
        "policy_time": 0.67,
    },
    "heldout45": {
        "policy_agents": 0.88,
        "policy_targets": 0.69,
        "policy_places": 0.74,
        "policy_time": 0.76,
    },
    "heldout46": {
        "policy_agents": 0.70,
        "policy_targets": 0.60,
        "policy_places": 0.60,
        "policy_time": 0.50,
    },
    "heldout47": {
        "policy_agents": 0.82,
        "policy_targets": 0.70,
        "policy_places": 0.69,
        "policy_time": 0.75,
    },
}


def test_who_whom_where_and_when_of_each_measure_stay_above_their_floors(
    heldout: tuple[str, EvaluationReport],
) -> None:
    """A set whose gold gives roles has a floor for each; one without has no role scores."""
    name, report = heldout
    floors = ROLE_FLOORS.get(name, {})
    assert {c for c in report.categories if c.startswith("policy_")} == set(floors)
    for category, floor in floors.items():
        assert report.categories[category].f1 >= floor, category


@pytest.mark.parametrize("name", SETS)
def test_heldout_articles_are_not_part_of_the_shipped_corpus(name: str) -> None:
    shipped_root = _corpus()
    shipped_names = {p.name for p in shipped_root.rglob("*") if p.is_file()}
    mine = _article_files(FIXTURES / name)
    assert 12 <= len(mine) <= ARTICLES[name]
    assert not {p.name for p in mine} & shipped_names
    texts = _texts(FIXTURES / name)
    assert len(texts) == ARTICLES[name]
    assert not texts & _texts(shipped_root)


@pytest.mark.parametrize("name", SETS)
def test_heldout_articles_are_not_in_an_earlier_heldout_set(name: str) -> None:
    mine = _texts(FIXTURES / name)
    names = {p.name for p in _article_files(FIXTURES / name)}
    for earlier in WRITTEN[: WRITTEN.index(name)]:
        assert not mine & _texts(FIXTURES / earlier), earlier
        assert not names & {p.name for p in _article_files(FIXTURES / earlier)}, earlier


@pytest.mark.parametrize("name", SETS)
def test_heldout_gold_evidence_occurs_once_in_its_article(name: str) -> None:
    gold = load_gold(FIXTURES / name / "gold")
    records = read_corpus_records(FIXTURES / name, gold)
    assert len(gold) == ARTICLES[name]
    for annotation in gold:
        found = records[annotation["file"]]
        wanted = annotation["record"]
        record = next(r for r in found if wanted is None or r.id == wanted)
        assert annotation["policies"], annotation["file"]
        for policy in annotation["policies"]:
            assert record.text.count(policy["evidence"]) == 1, policy["evidence"]


@pytest.mark.parametrize("name", SETS)
def test_gold_roles_name_entities_of_their_article(name: str) -> None:
    """Agents (``policy_agents``) name only the article's own actors, or a country among its
    locations acting as a state, targets only its actors, places only its locations, and a
    time is a year, month or day; a set annotates agents for every policy or for none."""
    annotations = load_gold(FIXTURES / name / "gold")
    policies = [p for a in annotations for p in a["policies"]]
    assert all("agents" in p for p in policies) or not any("agents" in p for p in policies)
    for annotation in annotations:
        allowed = set(annotation["actors"]) | {
            iri for iri in annotation["locations"] if iri.rsplit("/", 1)[-1] in _COUNTRIES
        }
        for policy in annotation["policies"]:
            agents = policy.get("agents", [])
            assert len(agents) == len(set(agents)), policy["evidence"]
            assert set(agents) <= allowed, (annotation["file"], policy["evidence"])
            targets = policy.get("targets", [])
            assert len(targets) == len(set(targets)), policy["evidence"]
            assert set(targets) <= set(annotation["actors"]), policy["evidence"]
            places = policy.get("places", [])
            assert set(places) <= set(annotation["locations"]), policy["evidence"]
            when = policy.get("when")
            assert when is None or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", when), when


@pytest.mark.parametrize("name", SETS)
def test_heldout_gold_uses_scheme_terms_and_project_iris(name: str) -> None:
    for annotation in load_gold(FIXTURES / name / "gold"):
        for category, kinds in (
            ("actors", ("actor/", "place/")),
            ("locations", ("place/",)),
            ("legal_instruments", ("legal/",)),
        ):
            values = annotation[category]
            assert len(values) == len(set(values)), (annotation["file"], category)
            for iri in values:
                assert iri.startswith(tuple(ID_BASE + k for k in kinds)), iri
        for policy in annotation["policies"]:
            assert URIRef(str(MEASURE._NS) + policy["measure_type"]) in MEASURE, policy
            assert URIRef(str(STATUS._NS) + policy["status"]) in STATUS, policy


#: Sets no learned part was trained on (heldout36 to heldout47, measured above); every set
#: analysed before them is in the training data.
BLIND = {f"heldout{n}" for n in range(36, 48)}


def test_shipped_policy_model_was_not_trained_on_the_unseen_set() -> None:
    """A blind set stays a fair measurement only while the trained sentence model never saw
    it; every set already analysed is in its training data."""
    weights = files("borderkg.loaders.extract").joinpath("policy_model.json").read_text("utf-8")
    trained_on = json.loads(weights)["trained_on"]
    assert not BLIND & set(trained_on)
    assert {"dev", *SETS} - BLIND <= set(trained_on)
