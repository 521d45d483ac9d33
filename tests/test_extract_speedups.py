"""The extractor's and the RDF mapping's shortcuts give what the plain computations give.

Each shortcut (a set of word beginnings instead of substring tests, a bounded clause-break
search, folding and escaping by ``str.replace``, a noun-phrase search started where a match
can begin, offsets looked up by bisection) is checked against the computation it replaces,
on random or hand-picked inputs.
"""

from __future__ import annotations

import random
import re
import zlib

import numpy as np

from borderkg.loaders.extract import (
    attribution_lexicon,
    claims,
    linking,
    policy_clauses,
    policy_model,
    text,
)
from borderkg.loaders.extract.anchors import words_before
from borderkg.loaders.extract.context import ArticleContext
from borderkg.loaders.extract.cues import SentenceWords, TriggerIndex, Triggers, triggers
from borderkg.loaders.extract.model import EventReport, Span
from borderkg.loaders.rdfterms import escape as _escape

_RNG = random.Random(20)
#: N-Triples' escapes of a literal's characters, as one table: what ``_escape`` must give.
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _plain_has(words: SentenceWords, sentence: int, wanted: Triggers) -> bool:
    if not words.sets[sentence].isdisjoint(wanted.words):
        return True
    return any(p in words.joined[sentence] for p in wanted.prefixes)


def test_prefix_triggers_are_found_as_substring_tests_find_them() -> None:
    folded = "Brokers repatriated 3 defectors in 2021. Nobody said a word. The $ rate rose"
    sentences = [Span(0, 40), Span(41, 60), Span(61, len(folded))]
    words = SentenceWords(folded, sentences)
    specs = [
        triggers("repatriat* broker*"),
        triggers("defect* #num"),
        triggers("rat* nob*"),
        triggers("$* sa*"),
        triggers("wordy* x*"),
        Triggers(frozenset(), (" ",)),  # the empty stem: always in ``joined``
        Triggers(frozenset(), (" said a",)),  # not one word: a substring test
        Triggers(frozenset(), (" re-",)),
    ]
    for spec in specs:
        for i in range(len(sentences)):
            assert words.has(i, spec) == _plain_has(words, i, spec), (spec, i)
    index = TriggerIndex(specs)
    for i in range(len(sentences)):
        expected = [k for k, spec in enumerate(specs) if _plain_has(words, i, spec)]
        assert index.fired(words, i) == expected


def test_a_prefix_made_after_a_sentence_was_read_is_still_found() -> None:
    folded = "Quarantinable goods wait"
    words = SentenceWords(folded, [Span(0, len(folded))])
    assert not words.has(0, triggers("zzq*"))  # the sentence's beginnings are now cached
    late = triggers("quarantinab*")
    assert words.has(0, late)


def test_the_first_clause_break_is_the_one_a_full_search_finds() -> None:
    pieces = [", and ", "; ", " because ", ", and that ", " so that ", " now that ", ", but "]
    pieces += ["the cameras", " were ", " installed", " Since ", "s", " whereas", ", yet was"]
    for _ in range(400):
        folded = "".join(_RNG.choice(pieces) for _ in range(_RNG.randint(1, 12)))
        for _ in range(5):
            lo = _RNG.randrange(0, len(folded))
            hi = _RNG.randrange(lo, len(folded) + 1)
            found = policy_clauses._BREAK.search(folded, lo)
            expected = found.start() if found and found.start() < hi else None
            assert policy_clauses._first_break(folded, lo, hi) == expected, (folded, lo, hi)


def test_folding_by_replace_is_folding_by_table() -> None:
    chars = "ab \u201c\u201d\u2019\u2014\u2011\u2010\u00a0e\u0301\u014f\u01d6\u00e9\u0131K"
    for _ in range(2000):
        sample = "".join(_RNG.choice(chars) for _ in range(_RNG.randint(0, 16)))
        table = {ord(c): text._fold_char(c) for c in set(sample) if ord(c) > 127}
        assert text.fold(sample) == sample.translate(table), repr(sample)


def test_escaping_by_replace_is_escaping_by_table() -> None:
    for _ in range(2000):
        sample = "".join(_RNG.choice('ab\\"\n\r x') for _ in range(_RNG.randint(0, 12)))
        assert _escape(sample) == sample.translate(_ESCAPES), repr(sample)


def test_a_noun_phrase_search_from_its_reach_finds_what_the_window_search_finds() -> None:
    folded = (
        "Yesterday, as many as two other senior security officials in Hyesan and a second "
        "local source, well-placed informants, another new NGO group and the co-workers said."
    )
    for role in attribution_lexicon.ROLE_RE.finditer(folded):
        for back in (0, 20, 60, 200):
            window = max(0, role.start() - back)
            start = words_before(folded, window, role.start(), 6)
            plain = attribution_lexicon.NP.search(folded, window, role.end())
            fast = attribution_lexicon.NP.search(folded, start, role.end())
            assert (plain and (plain.span(), plain.groupdict())) == (
                fast and (fast.span(), fast.groupdict())
            ), role.group(0)


def test_free_words_skip_words_that_begin_inside_a_mention() -> None:
    folded = "Chinese border police arrested North Korean traders near Dandong"
    sent = Span(0, len(folded))
    for _ in range(300):
        taken = []
        for _ in range(_RNG.randint(0, 5)):
            b = _RNG.randrange(0, len(folded) - 1)
            taken.append(Span(b, _RNG.randint(b + 1, len(folded))))
        expected = {
            w.group(0).lower()
            for w in re.finditer(r"[A-Za-z]+", folded)
            if not any(o.begin <= w.start() < o.end for o in taken)
        }
        assert linking._free_words(folded, sent, taken) == expected


def test_nodes_are_placed_in_the_sentences_holding_their_evidence() -> None:
    sentences = [Span(0, 10), Span(11, 30), Span(30, 45), Span(50, 60)]
    nodes = []
    for i in range(40):
        spans = []
        for _ in range(_RNG.randint(1, 3)):
            b = _RNG.randrange(0, 59)
            spans.append(Span(b, _RNG.randint(b + 1, min(60, b + 12))))
        nodes.append(EventReport(local=f"e{i}", event_type="t", sentence=0, evidence=spans))
    words = SentenceWords("x" * 60, sentences)
    placed = claims._by_sentence(sentences, words.sentence_of, nodes)
    for i, sent in enumerate(sentences):
        assert placed.get(i, []) == [n for n in nodes if claims._in_sentence(n.evidence, sent)]


def test_a_span_is_inside_a_source_formula_as_a_scan_of_them_says() -> None:
    folded = "x" * 80
    for _ in range(100):
        sources = []
        for _ in range(_RNG.randint(0, 6)):
            b = _RNG.randrange(0, 79)
            sources.append(Span(b, _RNG.randint(b + 1, 80)))
        words = SentenceWords(folded, [Span(0, 80)])
        ctx = ArticleContext(folded, folded, [Span(0, 80)], [], {}, [], [], sources, words)
        for _ in range(20):
            b = _RNG.randrange(0, 79)
            span = Span(b, _RNG.randint(b + 1, 80))
            assert ctx.inside_source(span) == any(s.contains(span) for s in sources)


def test_remembered_feature_hashes_are_the_hashes() -> None:
    settings = policy_model.FeatureSettings()
    for sentence in (
        "Authorities installed 12 new cameras along the Yalu River.",
        "Brokers' fees rose; the crackdown on phones continues, officials said.",
        "Authorities installed 12 new cameras along the Yalu River.",  # remembered now
    ):
        idx, vals = policy_model.featurize(sentence, settings)
        names = policy_model.feature_names(sentence, settings)
        expected = sorted({zlib.crc32(n.encode("utf-8")) % settings.dim for n in names})
        assert idx.tolist() == expected
        assert vals.tolist() == [1.0 / np.sqrt(max(len(expected), 1))] * len(expected)
