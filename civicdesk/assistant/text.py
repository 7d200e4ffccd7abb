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
    accented_words: set[str] | None = None
    found = []
    for token, folded_pattern, accented_pattern, folded_first, accented_first in _GROUPS:
        if folded_pattern and (folded_first is None or not folded_first.isdisjoint(folded_words)) \
                and folded_pattern.search(folded_text):
            found.append(token)
            continue
        if accented_pattern:
            if accented_words is None:
                accented_words = set(_WORD.findall(lowered))
            if (accented_first is None or not accented_first.isdisjoint(accented_words)) \
                    and accented_pattern.search(lowered):
                found.append(token)
    return found


_GROUPS = _compile_groups()


def _bigrams(folded_text: str) -> list[str]:
    grams: list[str] = []
    for segment in _SEGMENT_BREAK.split(folded_text):
        words = _WORD.findall(segment)
        grams.extend(f"{FOLDED_PREFIX}{a}_{b}" for a, b in pairwise(words))
    return grams


@lru_cache(maxsize=4096)
def _segment(text: str) -> tuple[str, ...]:
    from pyvi import ViTokenizer  # imports scikit-learn: loaded on the first question, not at start-up

    return tuple(w for w in ViTokenizer.tokenize(text).lower().split() if "_" in w)


def _canonical_tokens() -> dict[str, list[str]]:
    """Folded unigrams and bigrams of each group's first (official) phrase, to expand queries."""
    expansions = {}
    for index, group in enumerate(SYNONYM_GROUPS):
        words = fold(group[0]).split()
        expansions[f"{CONCEPT_PREFIX}{index}"] = [FOLDED_PREFIX + w for w in words] + [
            f"{FOLDED_PREFIX}{a}_{b}" for a, b in pairwise(words)]
    return expansions


_EXPANSIONS = _canonical_tokens()
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


def plain_tokenize(text: str) -> list[str]:
    """The baseline: lower-cased words as written, nothing else."""
    return syllables(text or "")
