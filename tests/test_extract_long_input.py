"""Input no article is written like: long runs without spaces, text without full stops.

A pasted blob or a separator line of thousands of characters, and a scrape that lost its
full stops, must neither change what is found in the article's real sentences nor make the
work grow faster than the text: runs are cut for the tokenizer only (offsets unchanged),
sentences are bounded in length, word beginnings stop at the longest trigger stem, and the
time expressions are chosen by bisection as a scan would choose them. Texts are invented.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest

from borderkg.loaders.extract import Extractor, cues, get_extractor
from borderkg.loaders.extract.cues import SentenceWords, triggers
from borderkg.loaders.extract.dates import find_times, longest_first
from borderkg.loaders.extract.model import Span, TimeInfo
from borderkg.loaders.extract.nlp import LONGEST_SENTENCE, tokenizable
from borderkg.loaders.record import ArticleRecord

MEASURE = "Border guards in Hyesan have installed thermal imaging cameras along the Yalu River."


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return get_extractor()


def _article(text: str) -> ArticleRecord:
    return ArticleRecord(text=text, source="long.txt", published=dt.date(2024, 5, 1))


@pytest.mark.parametrize(
    "text",
    ["=" * 300, "abc " + "x" * 130 + " end", "a" * 127, "short", "-" * 128 + "\n" + "b" * 200],
)
def test_a_long_run_is_cut_for_the_tokenizer_with_every_offset_kept(text: str) -> None:
    cut = tokenizable(text)
    assert len(cut) == len(text)
    assert all(a == b or b == " " for a, b in zip(text, cut, strict=True))
    assert max(map(len, cut.split()), default=0) < 128
    if max(map(len, text.split())) < 128:
        assert cut == text


def test_the_measure_beside_a_separator_line_is_found_in_its_own_sentence(
    extractor: Extractor,
) -> None:
    text = f"{MEASURE}\n\n{'=' * 20_000}\n\nThe source did not say who paid for them."
    result = extractor.extract(_article(text))
    found = [p for p in result.policies if p.measure_type.endswith("CCTVInstallation")]
    assert found, [p.measure_type for p in result.policies]
    assert text[found[0].evidence[0].begin : found[0].evidence[0].end] in MEASURE
    assert text[result.sentences[0].begin : result.sentences[0].end] == MEASURE


def test_text_without_full_stops_is_cut_into_bounded_sentences(extractor: Extractor) -> None:
    clause = "guards walk the bank at night and residents stay indoors, "
    text = clause * 200 + "and nothing else happens"
    sentences = extractor.sentences(text)
    assert len(sentences) > 1
    assert all(s.end - s.begin <= LONGEST_SENTENCE for s in sentences)
    # cut after a comma where there is one, and no character of the text is lost
    assert all(text[s.end - 1] == "," for s in sentences[:-1])
    assert "".join(text[s.begin : s.end] for s in sentences).replace(" ", "") == text.replace(
        " ", ""
    )


def test_a_sentence_with_no_clause_mark_is_cut_at_a_space(extractor: Extractor) -> None:
    text = " ".join(["river"] * 1_000)
    sentences = extractor.sentences(text)
    assert all(s.end - s.begin <= LONGEST_SENTENCE for s in sentences)
    assert {word for s in sentences for word in text[s.begin : s.end].split()} == {"river"}


def test_real_sentences_are_far_below_the_bound(extractor: Extractor) -> None:
    long_real = (
        "Chinese police in Changbai County now drive the North Koreans they catch hundreds of "
        "kilometres east to the Tumen Border Detention Centre instead of sending them back "
        "across the short bridge to Hyesan, a source in China reported on Monday, adding that "
        "the detainees are first kept in the police cells of the county town for ten days."
    )
    assert extractor.sentences(long_real) == [Span(0, len(long_real))]


def test_word_beginnings_stop_at_the_longest_stem() -> None:
    folded = "x" * 50_000 + " repatriated"
    words = SentenceWords(folded, [Span(0, len(folded))])
    assert len(words.stems(0)) <= 2 * (cues._LONGEST_STEM - 2)
    assert words.has(0, triggers("repatriat*"))
    with pytest.raises(ValueError, match="longer than"):
        triggers("a" * (cues._LONGEST_STEM + 1) + "*")


def _scan(found: list[tuple[int, int, int, TimeInfo]]) -> list[TimeInfo]:
    chosen: list[TimeInfo] = []
    for _, _, _, info in sorted(found, key=lambda f: (-(f[1] - f[0]), f[2], f[0])):
        if not any(info.span.overlaps(c.span) for c in chosen):
            chosen.append(info)
    return sorted(chosen, key=lambda t: t.span.begin)


def test_time_expressions_chosen_by_bisection_are_those_a_scan_chooses() -> None:
    rng = random.Random(24)
    for _ in range(300):
        found = []
        for _ in range(rng.randint(0, 25)):
            begin = rng.randint(0, 120)
            end = begin + rng.randint(1, 20)
            info = TimeInfo(Span(begin, end), "x" * (end - begin), None, None, "")
            found.append((begin, end, rng.randint(0, 5), info))
        assert longest_first(found) == _scan(found)


def test_many_dates_in_one_text_are_all_read(extractor: Extractor) -> None:
    text = " ".join(f"On {d} March 2021 guards searched a house." for d in range(1, 29)) * 20
    sentences = extractor.sentences(text)
    times = find_times(text, text, None, sentences, SentenceWords(text, sentences))
    assert len(times) == 28 * 20
    assert all(a.span.end <= b.span.begin for a, b in itertools.pairwise(times))
    assert [t.earliest for t in times[:28]] == [dt.date(2021, 3, d) for d in range(1, 29)]
