"""What a user types into the search box, made into safe SQLite FTS5 queries, and snippets.

Users write words, ``"quoted phrases"`` and ``prefix*``; every term must match (AND).
Anything else FTS5 would read as syntax — stray or curly quotes, ``AND``/``OR``/``NOT``/
``NEAR``, column filters (``title:``), parentheses, ``^``, ``+``, ``-`` — is taken as plain
words: each term is passed to FTS5 as a quoted string, which FTS5 only tokenizes, never parses.

Chinese, Japanese and Korean text has no spaces between the parts of a name ("惠山市",
"혜산시에서"): FTS5's word tokenizer makes a whole run one token, so "惠山" would not find
"惠山市". The index therefore has a second table for such text (:func:`cjk_text`: the words
holding CJK characters, one character per token), and a query term holding CJK characters
is searched there as a phrase of its characters (:func:`parse_query`), which matches any
text that contains it. The word table, and so Latin-script matching and ranking, stay as
they were. FTS5 cannot make snippets from the character table: :func:`cjk_snippet` finds
and marks CJK terms in the original text instead.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: Longest query text read; the rest is ignored (a search box, not a document).
MAX_QUERY_CHARS = 1000
#: Most terms (words, phrases, prefixes) used from one query; later ones are ignored.
MAX_TERMS = 24

#: Snippet markers FTS5 puts around matches: control characters that indexed text never
#: holds (``clean_text`` removes them), so they survive HTML escaping unambiguously.
MARK_OPEN = "\x02"
MARK_CLOSE = "\x03"
ELLIPSIS = "…"
#: Length of a snippet made by :func:`cjk_snippet`, in characters.
SNIPPET_CHARS = 120

_CURLY_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"'})
_PHRASE = re.compile(r'"([^"]*)"')
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

#: Scripts written without spaces between words: Hangul (syllables and jamo), Han
#: (ideographs, their extensions and compatibility forms), kana (full and half width).
_CJK = (
    "\u1100-\u11ff\u3005-\u3007\u3021-\u3029\u3040-\u30ff\u3131-\u318e\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\uff66-\uffdc"
    "\U00020000-\U0003134f"
)
_CJK_CHAR = re.compile(f"[{_CJK}]")
_CJK_EDGE = re.compile(rf"(?<=[{_CJK}])(?=\w)|(?<=\w)(?=[{_CJK}])")
#: A word as FTS5's unicode61 tokenizer sees one: letters and digits.
_WORD = re.compile(r"[^\W_]+")
#: What a CJK term is matched by in text: each CJK character, each run of other letters.
_PIECE = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+")
#: Put in the character table where words without CJK characters stood, so that a phrase
#: does not match across them: a private-use character, a token to FTS5 that no query has.
FILLER = "\ue000"


@dataclass(frozen=True)
class Query:
    """A user's query as FTS5 MATCH expressions: ``words`` for the word table, ``cjk`` for
    the CJK character table (``None`` when no term goes there); ``cjk_terms``, the CJK
    terms as typed, for :func:`cjk_snippet`."""

    words: str | None
    cjk: str | None
    cjk_terms: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """Whether the query holds no term (it finds nothing)."""
        return self.words is None and self.cjk is None


def _has_token(text: str) -> bool:
    """Whether FTS5's unicode61 tokenizer finds a token in ``text`` (letters and digits)."""
    return any(ch.isalnum() for ch in text)


def _quote(text: str) -> str:
    """An FTS5 string: FTS5 tokenizes what is inside, and reads no operator in it."""
    return '"' + text.replace('"', '""') + '"'


def _raw_terms(text: str) -> list[tuple[str, bool]]:
    """The terms of a user's query, in order: (text, is a prefix term). A word is a prefix
    term if it ends in ``*``; a quoted phrase never is."""
    text = text[:MAX_QUERY_CHARS].encode("utf-8", "replace").decode("utf-8")  # lone surrogates
    text = _CONTROL.sub(" ", text.translate(_CURLY_QUOTES)).replace(FILLER, " ")
    position = 0
    pieces: list[tuple[str, bool]] = []  # (text, is a phrase)
    for match in _PHRASE.finditer(text):
        pieces.append((text[position : match.start()], False))
        pieces.append((match.group(1), True))
        position = match.end()
    pieces.append((text[position:], False))
    terms: list[tuple[str, bool]] = []
    for piece, phrase in pieces:
        words = [piece] if phrase else piece.replace('"', " ").split()
        for word in words:
            term = word.replace("*", " ").strip()
            if _has_token(term):
                terms.append((term, not phrase and word.endswith("*")))
    return terms


def _parts(term: str) -> list[tuple[bool, str]]:
    """A term cut into (holds CJK characters, text) runs of words: "Hyesan 혜산시 market"
    is a Latin part, a CJK part and a Latin part."""
    runs: list[tuple[bool, int, int]] = []
    for word in _WORD.finditer(term):
        cjk = _CJK_CHAR.search(word.group()) is not None
        if runs and runs[-1][0] == cjk:
            runs[-1] = (cjk, runs[-1][1], word.end())
        else:
            runs.append((cjk, word.start(), word.end()))
    return [(cjk, term[start:end]) for cjk, start, end in runs]


def parse_query(text: str) -> Query:
    """The FTS5 expressions for a user's query: terms without CJK characters go to the
    word table as before; in a term with some, each run of words holding CJK characters
    becomes a phrase of single characters for the character table, the rest stays words.

    >>> parse_query('fence 惠山 "Yalu 鸭绿江"')
    Query(words='"fence" "Yalu"', cjk='"惠 山" "鸭 绿 江"', cjk_terms=('惠山', '鸭绿江'))
    """
    terms: list[tuple[str, str]] = []  # (table, FTS5 term)
    cjk_terms: list[str] = []
    for term, prefix in _raw_terms(text):
        if _CJK_CHAR.search(term) is None:
            terms.append(("words", _quote(term) + (" *" if prefix else "")))
            continue
        parts = _parts(term)
        for index, (cjk, part) in enumerate(parts):
            if cjk:
                terms.append(("cjk", _quote(split_cjk(part))))
                cjk_terms.append(part)
            else:
                last = index == len(parts) - 1
                terms.append(("words", _quote(part) + (" *" if prefix and last else "")))
    kept = list(dict.fromkeys(terms))[:MAX_TERMS]
    words = " ".join(term for table, term in kept if table == "words")
    cjk = " ".join(term for table, term in kept if table == "cjk")
    return Query(words or None, cjk or None, tuple(dict.fromkeys(cjk_terms)))


def fts_query(text: str) -> str | None:
    """The word-table MATCH expression for a user's query (its terms without CJK
    characters), or ``None`` if it holds no such word.

    >>> fts_query('fence "Yalu River" hye* AND (')
    '"fence" "Yalu River" "hye" * "AND"'
    """
    return parse_query(text).words


def split_cjk(text: str) -> str:
    """``text`` with a space between each CJK character and its neighbours (letters,
    digits, other CJK characters), so that FTS5 makes each one a token.

    >>> split_cjk("3월 惠山市")
    '3 월 惠 山 市'
    """
    return _CJK_EDGE.sub(" ", text)


def cjk_text(text: str) -> str:
    """What the character table holds of ``text``: its words holding CJK characters, split
    by :func:`split_cjk`, with :data:`FILLER` where other words stood between them (so
    "惠山 Hyesan 市" does not match "惠山市"). Empty for text without CJK characters.

    >>> cjk_text("Hyesan (혜산시, 惠山市) market 市").replace(FILLER, "_")
    '혜 산 시 惠 山 市 _ 市'
    """
    if _CJK_CHAR.search(text) is None:
        return ""
    parts: list[str] = []
    gap = False
    for word in _WORD.findall(text):
        if _CJK_CHAR.search(word) is None:
            gap = bool(parts)
            continue
        if gap:
            parts.append(FILLER)
            gap = False
        parts.append(split_cjk(word))
    return " ".join(parts)


def clean_text(text: str) -> str:
    """Text as it is indexed: control characters (the snippet markers among them) removed."""
    return _CONTROL.sub(" ", text)


def _term_pattern(term: str) -> str:
    """A regular expression for a CJK term in text: its characters, in order, with only
    spaces or punctuation between them (what a phrase of the character table matches)."""
    return r"[\W_]*".join(re.escape(piece) for piece in _PIECE.findall(term))


def _window(text: str, start: int, end: int) -> tuple[int, int]:
    """About :data:`SNIPPET_CHARS` of ``text`` around ``start:end``, cut at spaces nearby."""
    if len(text) <= SNIPPET_CHARS:
        return 0, len(text)
    left = max(0, min(start - SNIPPET_CHARS // 3, len(text) - SNIPPET_CHARS))
    right = min(len(text), max(left + SNIPPET_CHARS, end))
    space = text.find(" ", left, start)
    if left and 0 <= space < left + 16:
        left = space + 1
    space = text.rfind(" ", end, right)
    if right < len(text) and space > right - 16:
        right = space
    return left, right


def _finder(terms: Sequence[str]) -> re.Pattern[str] | None:
    """A regular expression for any of the CJK ``terms`` in text, longest first."""
    patterns = sorted({p for p in map(_term_pattern, terms) if p}, key=len, reverse=True)
    return re.compile("|".join(patterns), re.IGNORECASE) if patterns else None


def mark_cjk(raw: str, terms: Sequence[str]) -> str:
    """``raw`` (an FTS5 snippet of the word table) with the CJK ``terms`` marked too."""
    found = _finder(terms)
    if found is None:
        return raw
    return found.sub(lambda m: MARK_OPEN + m.group() + MARK_CLOSE, raw)


def cjk_snippet(texts: Iterable[str], terms: Sequence[str]) -> str:
    """A snippet of the first of ``texts`` that holds one of the CJK ``terms``, marked as
    FTS5 marks matches (:data:`MARK_OPEN` … :data:`MARK_CLOSE`); ``""`` if none does."""
    found = _finder(terms)
    for text in texts if found is not None else ():
        first = found.search(text)
        if first is None:
            continue
        left, right = _window(text, first.start(), first.end())
        marked = mark_cjk(text[left:right], terms)
        return (ELLIPSIS if left else "") + marked + (ELLIPSIS if right < len(text) else "")
    return ""


def opening(text: str) -> str:
    """The start of ``text`` as a snippet without a match (for a hit found only by its
    CJK characters where :func:`cjk_snippet` cannot place them)."""
    _, right = _window(text, 0, 0)
    return text[:right] + (ELLIPSIS if right < len(text) else "")


def snippet_html(raw: str | None) -> str:
    """An FTS5 snippet made HTML: the text escaped, matches in ``<mark>…</mark>``."""
    if not raw:
        return ""
    escaped = html.escape(raw, quote=False)
    return escaped.replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>")


def has_mark(raw: str | None) -> bool:
    """Whether an FTS5 snippet highlights a match."""
    return bool(raw) and MARK_OPEN in raw
