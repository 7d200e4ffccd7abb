"""Turning Vietnamese text into index tokens: pyvi word segmentation, accented and diacritic-folded
syllables, folded bigrams, and concept tokens from the synonym table, so that "lam cccd o dau"
meets "Cấp thẻ Căn cước" and "đổi bằng lái" meets "đổi giấy phép lái xe"."""

import re
import unicodedata
from functools import lru_cache
from itertools import pairwise

from civicdesk.assistant.synonyms import SYNONYM_GROUPS

_WORD = re.compile(r"\w+", re.UNICODE)
_SEGMENT_BREAK = re.compile(r"[.,;:!?()\[\]{}\n\r\t\"“”'‘’/\\|–—-]+")
FOLDED_PREFIX = "~"
CONCEPT_PREFIX = "#"


class _CombiningMarks(dict):
    """A `str.translate` table dropping every combining mark, filled one character at a time: the
    same result as testing `unicodedata.combining` on each character, at C speed once seen."""

    def __missing__(self, code: int) -> int | None:
        value = None if unicodedata.combining(chr(code)) else code
        self[code] = value
        return value


_STRIP_MARKS = _CombiningMarks()


def fold(text: str) -> str:
    """Lower case without diacritics: 'Đăng ký Khai sinh' → 'dang ky khai sinh'."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    return unicodedata.normalize("NFD", lowered.replace("đ", "d").replace("Đ", "d")).translate(_STRIP_MARKS)


def has_diacritics(text: str) -> bool:
    return fold(text) != text.lower()


def syllables(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFC", text.lower()))


def _alternation(phrases: set[str]) -> re.Pattern | None:
    if not phrases:
        return None
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in ordered) + r")(?!\w)")


def _first_words(phrases: set[str]) -> frozenset[str] | None:
    """The words one of `phrases` must begin with in a text that holds it (a phrase is matched between
    non-word characters, so its first run of word characters is a whole word of the text); None when
    a phrase does not begin with a word character, which no word can vouch for."""
    words = set()
    for phrase in phrases:
        first = _WORD.match(phrase)
        if first is None:
            return None
        words.add(first.group())
    return frozenset(words)


Group = tuple[str, re.Pattern | None, re.Pattern | None, frozenset[str] | None, frozenset[str] | None]


def _compile_groups() -> list[Group]:
    """A one-syllable accented phrase ('điện', 'rác') is matched as written, because folded it
    collides with other words (điện/diện, rác/rạc); longer phrases are matched folded. Each pattern
    comes with the words its phrases start with: a text holding none of them is not searched."""
    compiled = []
    for index, group in enumerate(SYNONYM_GROUPS):
        accented = {p.lower() for p in group if " " not in p and has_diacritics(p)}
        folded = {fold(p) for p in group if p.lower() not in accented}
        compiled.append((f"{CONCEPT_PREFIX}{index}", _alternation(folded), _alternation(accented),
                         _first_words(folded), _first_words(accented)))
    return compiled


def concepts(text: str, folded_text: str) -> list[str]:
    lowered = text.lower()
    folded_words = set(_WORD.findall(folded_text))
    accented_words = set(_WORD.findall(lowered)) if _BY_ACCENTED_FIRST else set()
    # Only the groups one of whose phrases may start at a word of the text are searched, in the table's
    # order (a group found by its folded phrases is not searched again for its accented ones).
    candidates = set(_ALWAYS_SEARCHED)
    for word in folded_words:
        candidates.update(_BY_FOLDED_FIRST.get(word, ()))
    for word in accented_words:
        candidates.update(_BY_ACCENTED_FIRST.get(word, ()))
    found = []
    for index in sorted(candidates):
        token, folded_pattern, accented_pattern, folded_first, accented_first = _GROUPS[index]
        if folded_pattern and (folded_first is None or not folded_first.isdisjoint(folded_words)) \
                and folded_pattern.search(folded_text):
            found.append(token)
            continue
        if accented_pattern and (accented_first is None or not accented_first.isdisjoint(accented_words)) \
                and accented_pattern.search(lowered):
            found.append(token)
    return found


def _first_word_index(accented: bool) -> dict[str, set[int]]:
    """First word → the groups whose folded (or accented) phrases may start with it."""
    index: dict[str, set[int]] = {}
    for number, (_token, folded_pattern, accented_pattern, folded_first, accented_first) in enumerate(_GROUPS):
        pattern, first = (accented_pattern, accented_first) if accented else (folded_pattern, folded_first)
        if pattern is not None and first is not None:
            for word in first:
                index.setdefault(word, set()).add(number)
    return index


_GROUPS = _compile_groups()
_BY_FOLDED_FIRST = _first_word_index(accented=False)
_BY_ACCENTED_FIRST = _first_word_index(accented=True)
_ALWAYS_SEARCHED = [n for n, group in enumerate(_GROUPS)
                    if (group[1] is not None and group[3] is None) or (group[2] is not None and group[4] is None)]


def _bigrams(folded_text: str) -> list[str]:
    grams: list[str] = []
    for segment in _SEGMENT_BREAK.split(folded_text):
        words = _WORD.findall(segment)
        grams.extend(f"{FOLDED_PREFIX}{a}_{b}" for a, b in pairwise(words))
    return grams


@lru_cache(maxsize=4096)
def _segment(text: str) -> tuple[str, ...]:
    return tuple(w for w in _segment_uncached(text) if "_" in w)


def _canonical_tokens() -> dict[str, list[str]]:
    """Folded unigrams and bigrams of each group's first (official) phrase, to expand queries."""
    expansions = {}
    for index, group in enumerate(SYNONYM_GROUPS):
        words = fold(group[0]).split()
        expansions[f"{CONCEPT_PREFIX}{index}"] = [FOLDED_PREFIX + w for w in words] + [
            f"{FOLDED_PREFIX}{a}_{b}" for a, b in pairwise(words)]
    return expansions


_EXPANSIONS = _canonical_tokens()
_CONCEPT_ORDER = {token: n for n, (token, *_rest) in enumerate(_GROUPS)}
CONCEPT_QUERY_WEIGHT = 2


def tokenize(text: str, *, bigrams: bool = True, synonyms: bool = True, segment: bool = True,
             expand: bool = False) -> list[str]:
    """Index/query tokens of one text. Accented tokens (syllables and pyvi compounds) are only
    produced when the text carries diacritics, so a query typed without them is matched on the
    folded tokens alone instead of on accidental accent-less homographs."""
    text = unicodedata.normalize("NFC", text or "")
    folded = fold(text)
    tokens: list[str] = [FOLDED_PREFIX + w for w in _WORD.findall(folded)]
    if folded != text.lower():  # has_diacritics(text), without folding it twice
        tokens.extend(syllables(text))
        if segment:
            tokens.extend(_segment(text))
    if bigrams:
        tokens.extend(_bigrams(folded))
    if synonyms:
        found = concepts(text, folded)
        tokens.extend(found)
        if expand:
            # A query naming a concept in other words ("cccd", "bằng lái") also asks for the official
            # wording, and the concept itself weighs more than filler words such as "ở đâu".
            for concept in found:
                tokens.extend(t for t in _EXPANSIONS[concept] if t not in tokens)
                tokens.extend([concept] * (CONCEPT_QUERY_WEIGHT - 1))
    return tokens


# Where an indexed text is cut into pieces tokenized one by one (and once per distinct piece: entries
# repeat sentences): after a sentence end followed by spaces, and after a line end. No token crosses
# such a cut — words, folded bigrams (which stop at the same marks) and synonym phrases (words, spaces
# and commas) — so only pyvi's compounds can differ from `tokenize` on the whole text: its CRF no
# longer sees the syllables across the cut (the mark itself stays at the end of the piece).
_PIECE_CUT = re.compile(r"(?<=[.;!?])\s+|(?<=\n)\s*")
# pyvi runs on finer pieces still, cut after any punctuation followed by spaces: a compound never holds
# punctuation, and at 100,000 entries this leaves a third of the syllables to segment.
_CLAUSE_CUT = re.compile(r"(?<=[.,;:!?()])\s+|(?<=\n)\s*")

Parts = tuple[list[str], list[str], list[str], list[str], list[str]]


def _piece_parts(piece: str, accented: bool, compounds_of: dict[str, list[str]]) -> Parts:
    """The folded words, accented syllables, pyvi compounds, folded bigrams and concepts of a piece
    (`compounds_of`: the compounds of each clause segmented so far)."""
    folded = fold(piece)
    words = [FOLDED_PREFIX + w for w in _WORD.findall(folded)]
    syllable_list: list[str] = []
    compounds: list[str] = []
    if accented:  # the whole text has diacritics (this piece may not)
        syllable_list = syllables(piece)
        for clause in _CLAUSE_CUT.split(piece):
            found = compounds_of.get(clause)
            if found is None:
                found = compounds_of[clause] = [w for w in _segment_uncached(clause) if "_" in w]
            compounds.extend(found)
    return words, syllable_list, compounds, _bigrams(folded), concepts(piece, folded)


def _segment_uncached(text: str) -> list[str]:
    from pyvi import ViTokenizer  # imports scikit-learn: loaded by the first build, not at start-up

    return ViTokenizer.tokenize(text).lower().split()


def index_tokens(texts: list[str], *, terms_for: int = 0) -> tuple[list[list[str]], list[frozenset[str]]]:
    """The index tokens of each of `texts`: those of `tokenize`, in the same order, except that pyvi
    segments each piece (`_PIECE_CUT`) apart. Each distinct text and each distinct piece is tokenized
    once; equal texts get the same list object (callers may count each once). Also the terms of the
    first `terms_for` texts (titles): their folded words and concepts, the tokens of `tokenize(text,
    bigrams=False, segment=False)` that start with FOLDED_PREFIX or CONCEPT_PREFIX."""
    by_text: dict[str, tuple[list[str], list[Parts]]] = {}
    by_piece: dict[tuple[str, bool], Parts] = {}
    compounds_of: dict[str, list[str]] = {"": []}
    tokens, terms = [], []
    for number, raw in enumerate(texts):
        found = by_text.get(raw)
        if found is None:
            text = unicodedata.normalize("NFC", raw or "")
            accented = fold(text) != text.lower()
            parts: list[Parts] = []
            for piece in _PIECE_CUT.split(text):
                if piece:
                    key = (piece, accented)
                    got = by_piece.get(key)
                    if got is None:
                        got = by_piece[key] = _piece_parts(piece, accented, compounds_of)
                    parts.append(got)
            found = by_text[raw] = (_joined(parts), parts)
        tokens.append(found[0])
        if number < terms_for:
            terms.append(frozenset(t for part in found[1] for t in (*part[0], *part[4])))
    return tokens, terms


def _joined(parts: list[Parts]) -> list[str]:
    tokens: list[str] = []
    for kind in range(4):
        for part in parts:
            tokens.extend(part[kind])
    seen = {c for part in parts for c in part[4]}
    tokens.extend(sorted(seen, key=_CONCEPT_ORDER.__getitem__))  # in the synonym table's order, once
    return tokens


def plain_tokenize(text: str) -> list[str]:
    """The baseline: lower-cased words as written, nothing else."""
    return syllables(text or "")
