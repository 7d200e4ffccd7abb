"""How a citizen's question is weighed before it is searched.

Real questions are often stories ("Bố tôi là người Campuchia … Bây giờ tôi muốn sửa quốc tịch trong
giấy khai sinh thì phải làm thế nào?"): every word of the story counts as much as the request, and
the words of telling a story — "tôi", "vậy", "xin hỏi", "hiện nay", "được không" — are rare in
procedure names, so BM25 gives them a high IDF and they pull up any title that happens to hold them
("vào làm viên chức" for "phải làm thế nào"). Two query-side rules, no list keyed to procedures:

- *story words* are dropped from the query's words (not from the synonym table's concepts, which are
  found on the whole text first);
- when a question has several sentences, the sentence(s) carrying the request (a question mark or a
  request phrase) weigh 1 and the other sentences CONTEXT_WEIGHT: the story still says which
  variant (a foreign father, a company rather than a household business), the request says what."""

import re
import unicodedata

from civicdesk.assistant import text as textmod

# Words of telling and asking, not of any procedure, as written with diacritics: a question typed
# with them is filtered by these exactly, so "thi tuyển" keeps "thi" while "thì" goes. A question
# typed without diacritics loses a word only if no word of the knowledge base folds to it as well
# ("dang" stays: "đăng ký"; "duoc" stays where "dược" is a word of the entries). Words that name
# part of a procedure as often as they tell a story stay too: "cho" (cho thuê), "có" (người có công),
# "mới" (cấp mới), "bị" (bị mất), "phải" (phải xin phép), "sao" (bản sao), "một", "khi", "trước".
STORY_WORDS = frozenset([
    "tôi", "em", "mình", "chúng", "ta", "anh", "chị", "bạn", "ông", "bà", "cháu", "ad", "admin",
    "xin", "hỏi", "vậy", "ạ", "à", "ơi", "nhé", "nha", "nhỉ", "dạ", "vâng",
    "thì", "là", "mà", "và", "với", "của", "rằng", "nên", "vì", "nếu",
    "được", "không", "chưa", "đã", "đang", "sẽ", "rồi", "vừa", "hiện", "nay", "bây", "giờ", "lúc",
    "này", "đó", "kia", "ấy", "nào", "gì", "thế", "như", "bao", "nhiêu", "muốn", "biết", "hay", "hoặc",
    "những", "các", "làm",
])
STORY_FOLDED = frozenset(textmod.fold(w) for w in STORY_WORDS)

CONTEXT_WEIGHT = 0.5
_SENTENCE = re.compile(r"[^.?!\n;]+[.?!\n;]*")
_REQUEST = re.compile(r"(?<!\w)(?:xin hoi|cho (?:toi |em |minh )?hoi|hoi|vay|lam (?:the|nhu the|sao) nao"
                      r"|nhu the nao|the nao|ra sao|o dau|duoc khong|co duoc|co phai|phai lam|thu tuc"
                      r"|can (?:nhung )?gi|giay to gi|bao lau|bao nhieu|khong a|khong\?)(?!\w)")


def sentences(question: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(question or "") if textmod._WORD.search(s)]


def request_split(question: str) -> tuple[str, str]:
    """(request, context): the sentences asking (a question mark or a request phrase) and the others.
    A question of one sentence, or whose sentences all ask, is all request."""
    parts = sentences(question)
    if len(parts) < 2:
        return question, ""
    asking = [s.rstrip().endswith("?") or bool(_REQUEST.search(textmod.fold(s))) for s in parts]
    if all(asking) or not any(asking):
        return question, ""
    return (" ".join(s for s, a in zip(parts, asking, strict=True) if a),
            " ".join(s for s, a in zip(parts, asking, strict=True) if not a))


def content_folds(vocabulary) -> frozenset[str]:
    """The folded forms of the words of an index's vocabulary that are not story words (its accented
    syllables: no prefix, no compound): a question without diacritics keeps these."""
    return frozenset(textmod.fold(t) for t in vocabulary
                     if t and t[0] not in (textmod.FOLDED_PREFIX, textmod.CONCEPT_PREFIX) and "_" not in t
                     and t not in STORY_WORDS and textmod.fold(t) in STORY_FOLDED)


def _story_folded(text: str, keep: frozenset[str]) -> set[str]:
    """The folded words of `text` that occur in it only as story words."""
    text = unicodedata.normalize("NFC", text or "")
    accented = textmod.has_diacritics(text)
    story: set[str] = set()
    content: set[str] = set()
    for word in textmod.syllables(text):
        folded = textmod.fold(word)
        is_story = word in STORY_WORDS if accented else (folded in STORY_FOLDED and folded not in keep)
        (story if is_story else content).add(folded)
    return story - content


def without_story_words(text: str, tokens: list[str], keep: frozenset[str] = frozenset()) -> list[str]:
    """`tokens` of `text` without its story words: accented ones, folded ones that occur in it only as
    story words (without diacritics: only those not in `keep`, see `content_folds`), and folded
    bigrams made of two such words. Concepts and compounds stay."""
    story = _story_folded(text, keep)
    if not story:
        return tokens
    kept = []
    for token in tokens:
        if token.startswith(textmod.FOLDED_PREFIX):
            if all(w in story for w in token[1:].split("_")):
                continue
        elif not token.startswith(textmod.CONCEPT_PREFIX) and "_" not in token and token in STORY_WORDS:
            continue
        kept.append(token)
    return kept
