"""Retrieval over the knowledge base: two BM25 fields (title/question boosted over body) on the
tokens of `assistant.text`, optionally fused with a dense embedding model (`assistant.dense`).

The product index is a versioned file under MODEL_DIR, loaded lazily. When the entries change (their
count, last id and last update form its signature) it is *updated*, not rebuilt: only the entries
added, changed or removed since are tokenized again, and the BM25 matrices are recomputed from the
stored token counts of every entry (vectorised, a few seconds at 100,000 entries), so an updated
index scores exactly like one built from scratch. A full build happens when there is no index file
of this format, the synonym table changed, or on demand (`civicdesk rebuild-assistant-index`).

BM25 is computed here (numpy) with the formulas of bm25s' default "lucene" variant, so scores equal
bm25s' to the bit (`tests/assistant/test_incremental_index.py` compares them)."""

import copy
import hashlib
import logging
import math
import os
import pickle
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from django.conf import settings

from civicdesk.assistant import aspects as aspectmod
from civicdesk.assistant import query as querymod
from civicdesk.assistant import text as textmod
from civicdesk.assistant.synonyms import SYNONYM_GROUPS

log = logging.getLogger(__name__)

FORMAT_VERSION = 6
TITLE_WEIGHT = 2.0
BODY_WEIGHT = 1.0
# An answer giving the aspect the question asks about (steps, agency, documents, fees…) is raised,
# one giving another aspect of the same procedure lowered (`assistant.aspects`).
ASPECT_BOOST = 0.3
ASPECT_PENALTY = 0.15
# A title whose words the question holds nearly all of ("Giải thể doanh nghiệp" for "quy trình giải
# thể công ty TNHH") is preferred over one that shares more, but rarer-in-total, words: scores are
# multiplied by 1 + TITLE_COVERAGE_WEIGHT × (IDF-weighted share of the title's words in the question).
TITLE_COVERAGE_WEIGHT = 1.5
DROP_STORY_WORDS = True
COVERAGE_EXPAND = True
WEIGH_REQUEST = True
TITLE_K1, TITLE_B = 1.2, 0.75
BODY_K1, BODY_B = 1.2, 0.75


@dataclass
class Document:
    id: str
    title: str
    text: str = ""
    kind: str = ""


@dataclass
class Hit:
    id: str
    score: float
    position: int


class _Field:
    """One BM25 field. Keeps each document's distinct token ids and their counts (`add`, `replace`,
    `remove` change them) and the token-major score matrix built from all of them (`rebuild`)."""

    def __init__(self, k1: float = 1.2, b: float = 0.75):
        self.k1, self.b = k1, b
        self.vocab: dict[str, int] = {}
        self.doc_tokens: list[np.ndarray] = []  # distinct token ids of each document (int32)
        self.doc_counts: list[np.ndarray] = []  # how often each occurs (int32)
        self.doc_lengths: list[int] = []
        self.data = np.zeros(0, dtype=np.float32)
        self.indices = np.zeros(0, dtype=np.int32)
        self.indptr = np.zeros(1, dtype=np.int64)
        self.empty = True

    @classmethod
    def build(cls, corpus: list[list[str]], k1: float = 1.2, b: float = 0.75) -> "_Field":
        """A field over `corpus`; a token list that occurs several times (the same object, as
        `text.index_tokens` gives equal texts) is counted once."""
        built = cls(k1, b)
        counted: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        for tokens in corpus:
            found = counted.get(id(tokens))
            if found is None:
                found = counted[id(tokens)] = built._counts(tokens)
            built.doc_tokens.append(found[0])
            built.doc_counts.append(found[1])
            built.doc_lengths.append(len(tokens))
        built.rebuild()
        return built

    def _counts(self, tokens: list[str]) -> tuple[np.ndarray, np.ndarray]:
        # Counted first (in C), then only the distinct tokens are looked up; a Counter keeps the order
        # of first occurrence, so new tokens get the same ids as when every token was looked up.
        vocab = self.vocab
        counted = Counter(tokens)
        ids = np.fromiter((vocab.setdefault(t, len(vocab)) for t in counted), dtype=np.int32, count=len(counted))
        counts = np.fromiter(counted.values(), dtype=np.int32, count=len(counted))
        order = np.argsort(ids, kind="stable")
        return ids[order], counts[order]

    def copy(self) -> "_Field":
        other = copy.copy(self)
        other.vocab = dict(self.vocab)
        other.doc_tokens, other.doc_counts, other.doc_lengths = (
            list(self.doc_tokens), list(self.doc_counts), list(self.doc_lengths))
        return other

    def add(self, tokens: list[str]) -> None:
        distinct, counts = self._counts(tokens)
        self.doc_tokens.append(distinct)
        self.doc_counts.append(counts)
        self.doc_lengths.append(len(tokens))

    def replace(self, position: int, tokens: list[str]) -> None:
        self.doc_tokens[position], self.doc_counts[position] = self._counts(tokens)
        self.doc_lengths[position] = len(tokens)

    def remove(self, positions: list[int]) -> None:
        for position in sorted(positions, reverse=True):
            del self.doc_tokens[position], self.doc_counts[position], self.doc_lengths[position]

    def rebuild(self) -> None:
        """The score of each (token, document): idf × tf / (tf + k1 × (1 − b + b × length / mean length)),
        idf = ln(1 + (N − df + 0.5) / (df + 0.5)) — bm25s' "lucene" BM25, computed in float64 in the same
        order of operations and stored as float32."""
        n_docs = len(self.doc_lengths)
        self.empty = not any(self.doc_lengths)
        vocab_size = max(len(self.vocab), 1)
        if self.empty:
            self.data, self.indices = np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int32)
            self.indptr = np.zeros(vocab_size + 1, dtype=np.int64)
            return
        lengths = np.array(self.doc_lengths)
        average = lengths.mean()
        per_doc = np.array([len(t) for t in self.doc_tokens], dtype=np.int64)
        tokens = np.concatenate(self.doc_tokens) if n_docs else np.zeros(0, dtype=np.int32)
        counts = np.concatenate(self.doc_counts).astype(np.float64)
        docs = np.repeat(np.arange(n_docs, dtype=np.int32), per_doc)
        df = np.bincount(tokens, minlength=vocab_size)
        # math.log for each distinct document frequency, exactly as bm25s computes it per token
        idf_of = {int(f): math.log(1 + (n_docs - f + 0.5) / (f + 0.5)) for f in np.unique(df) if f}
        idf = np.zeros(vocab_size, dtype=np.float32)
        present = df > 0
        idf[present] = np.array([idf_of[int(f)] for f in df[present]], dtype=np.float64)
        norm = self.k1 * ((1 - self.b) + self.b * lengths.astype(np.float64) / average)
        tfc = counts / (norm[docs] + counts)
        scores = (idf[tokens].astype(np.float64) * tfc).astype(np.float32)
        order = np.argsort(tokens, kind="stable")  # token-major, documents ascending within a token
        self.data = scores[order]
        self.indices = docs[order]
        self.indptr = np.zeros(vocab_size + 1, dtype=np.int64)
        np.cumsum(df, out=self.indptr[1:])

    def scores(self, tokens: list[str], size: int, weights: list[float] | None = None) -> np.ndarray:
        scores = np.zeros(size, dtype=np.float32)
        if self.empty:
            return scores
        data, indices, indptr = self.data, self.indices, self.indptr
        for position, token in enumerate(tokens):
            token_id = self.vocab.get(token)
            if token_id is None or token_id + 1 >= len(indptr):
                continue
            start, end = indptr[token_id], indptr[token_id + 1]
            # A document appears once per token, so plain fancy-index addition is exact (and far
            # faster than np.add.at); a token repeated in the query counts again.
            if weights is None or weights[position] == 1.0:
                scores[indices[start:end]] += data[start:end]
            else:
                scores[indices[start:end]] += np.float32(weights[position]) * data[start:end]
        return scores


# term → row in the postings; start of each term's postings; title (document) ids; shares
TitleTerms = tuple[dict[str, int], np.ndarray, np.ndarray, np.ndarray]


class Index:
    """A throw-away or persisted search index over `Document`s. `plain=True` is the baseline
    (one field, lower-cased words as written), used to measure what the rest adds."""

    def __init__(self, docs: list[Document], *, plain: bool = False, signature: str = ""):
        self.plain = plain
        self.signature = signature
        self.ids = [d.id for d in docs]
        self.kinds = np.array([d.kind for d in docs], dtype=object)
        self.aspects = np.array([None] * len(docs) if plain else _per_distinct(aspectmod.answer_aspect, [
            d.text for d in docs]), dtype=object)
        self.size = len(docs)
        self.dense: Any = None  # assistant.dense.DenseScorer when the plug-in is on
        self.versions: dict[str, str] = {}  # entry id → its updated_at, for the product index's updates
        if plain:
            self.title = _Field.build([textmod.plain_tokenize(f"{d.title} {d.text}") for d in docs])
            self.body = _Field.build([])
            self.title_words: list[frozenset[str]] = []
        else:
            # Knowledge bases repeat texts and sentences (one procedure published by many units,
            # titles without a body): each distinct one is tokenized once per build.
            tokens, self.title_words = textmod.index_tokens([*(d.title for d in docs), *(d.text for d in docs)],
                                                            terms_for=len(docs))
            self.title = _Field.build(tokens[:len(docs)], TITLE_K1, TITLE_B)
            self.body = _Field.build(tokens[len(docs):], BODY_K1, BODY_B)
        self.title_terms: TitleTerms = _title_terms(self.title_words)
        self.content_folds = self._content_folds()

    def _content_folds(self) -> frozenset[str]:
        return frozenset() if self.plain else querymod.content_folds([*self.title.vocab, *self.body.vocab])

    def copy(self) -> "Index":
        """A copy that `update` may change while this one still serves searches."""
        other = copy.copy(self)
        other.ids, other.title_words, other.versions = list(self.ids), list(self.title_words), dict(self.versions)
        other.title, other.body = self.title.copy(), self.body.copy()
        return other

    def update(self, changed: list[Document], removed: set[str], signature: str = "") -> None:
        """Take in entries added or changed (`changed`) and drop `removed` ones, tokenizing only those;
        the matrices are then recomputed from every entry's stored counts, so the result scores exactly
        as a new Index over the same documents in the same order (new ids come last, as in id order)."""
        if self.plain or self.dense is not None:
            raise ValueError("only the lexical product index is updated in place")
        position = {doc_id: i for i, doc_id in enumerate(self.ids)}
        gone = sorted(position[doc_id] for doc_id in removed if doc_id in position)
        kinds, aspects = list(self.kinds), list(self.aspects)
        tokens, title_words = textmod.index_tokens([*(d.title for d in changed), *(d.text for d in changed)],
                                                   terms_for=len(changed))
        for n, doc in enumerate(changed):
            where = position.get(doc.id)
            title_tokens, body_tokens = tokens[n], tokens[len(changed) + n]
            if where is None:
                self.ids.append(doc.id)
                kinds.append(doc.kind)
                aspects.append(aspectmod.answer_aspect(doc.text))
                self.title.add(title_tokens)
                self.body.add(body_tokens)
                self.title_words.append(title_words[n])
                position[doc.id] = len(self.ids) - 1
            else:
                kinds[where], aspects[where] = doc.kind, aspectmod.answer_aspect(doc.text)
                self.title.replace(where, title_tokens)
                self.body.replace(where, body_tokens)
                self.title_words[where] = title_words[n]
        for where in reversed(gone):
            del self.ids[where], kinds[where], aspects[where], self.title_words[where]
        self.title.remove(gone)
        self.body.remove(gone)
        self.kinds = np.array(kinds, dtype=object)
        self.aspects = np.array(aspects, dtype=object)
        self.size = len(self.ids)
        self.title.rebuild()
        self.body.rebuild()
        self.title_terms = _title_terms(self.title_words)
        self.content_folds = self._content_folds()
        if signature:
            self.signature = signature

    def query_tokens(self, query: str) -> list[str]:
        if self.plain:
            return textmod.plain_tokenize(query)
        tokens = textmod.tokenize(query, expand=True)
        if DROP_STORY_WORDS:
            tokens = querymod.without_story_words(query, tokens, self.content_folds)
        concepts = [t for t in tokens if t.startswith(textmod.CONCEPT_PREFIX)]
        return [*dict.fromkeys(t for t in tokens if not t.startswith(textmod.CONCEPT_PREFIX)), *concepts]

    def weighted_query(self, query: str) -> tuple[list[str], list[float] | None]:
        """The query's tokens and their weights: those of the sentences asking weigh 1, those only in
        the story around them CONTEXT_WEIGHT (`assistant.query`); None when all weigh 1."""
        if self.plain or not WEIGH_REQUEST:
            return self.query_tokens(query), None
        request, context = querymod.request_split(query)
        tokens = self.query_tokens(request)
        if not context:
            return tokens, None
        asked = set(tokens)
        extra = [t for t in self.query_tokens(context) if t not in asked]
        return tokens + extra, [1.0] * len(tokens) + [querymod.CONTEXT_WEIGHT] * len(extra)

    def scores(self, query: str) -> np.ndarray:
        tokens, weights = self.weighted_query(query)
        scores = TITLE_WEIGHT * self.title.scores(tokens, self.size, weights) if not self.plain else \
            self.title.scores(tokens, self.size)
        if not self.body.empty:
            scores = scores + BODY_WEIGHT * self.body.scores(tokens, self.size, weights)
        if self.dense is not None:
            scores = self.dense.fuse(query, scores)
        if not self.plain:
            scores = self._weigh_title_coverage(query, scores)
            scores = self._weigh_aspect(query, scores)
        return scores

    def _weigh_title_coverage(self, query: str, scores: np.ndarray) -> np.ndarray:
        covered = np.zeros(self.size, dtype=np.float32)
        vocab, indptr, docs, weights = self.title_terms
        for term in set(textmod.tokenize(query, bigrams=False, segment=False, expand=COVERAGE_EXPAND)):
            term_id = vocab.get(term)
            if term_id is not None:
                start, end = indptr[term_id], indptr[term_id + 1]
                covered[docs[start:end]] += weights[start:end]
        return scores * (1.0 + TITLE_COVERAGE_WEIGHT * covered)

    def _weigh_aspect(self, query: str, scores: np.ndarray) -> np.ndarray:
        asked = aspectmod.question_aspect(query)
        if asked is None or not self.size:
            return scores
        factor = np.ones(self.size, dtype=np.float32)
        known = self.aspects != None  # noqa: E711 (element-wise comparison)
        factor[known] = 1.0 - ASPECT_PENALTY
        factor[self.aspects == asked] = 1.0 + ASPECT_BOOST
        return scores * factor

    def search(self, query: str, k: int = 10, kinds: tuple[str, ...] | None = None) -> list[Hit]:
        if not self.size or not query.strip():
            return []
        scores = np.asarray(self.scores(query), dtype=np.float32)
        if kinds:
            scores = np.where(np.isin(self.kinds, list(kinds)), scores, 0.0)
        k = min(k, self.size)
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [Hit(self.ids[i], float(scores[i]), int(i)) for i in top if scores[i] > 0]

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump({"format": FORMAT_VERSION, "signature": self.signature, "index": self}, fh,
                        protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)

    @staticmethod
    def load(path: Path, signature: str | None = None) -> "Index | None":
        """The index in `path` if it is of this format (and of `signature`, when given)."""
        try:
            with path.open("rb") as fh:
                payload = pickle.load(fh)  # our own file under MODEL_DIR, written by save()
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None
        if payload.get("format") != FORMAT_VERSION or (signature is not None and payload.get("signature") != signature):
            return None
        return payload["index"]


def _per_distinct(function: Any, texts: list[str]) -> list[Any]:
    """`function` of each text, computed once per distinct text."""
    done: dict[str, Any] = {}
    result = []
    for text in texts:
        if text not in done:
            done[text] = function(text)
        result.append(done[text])
    return result


def _title_terms(titles: list[frozenset[str]]) -> TitleTerms:
    """Each title's folded words and concepts with their share of the title's IDF mass, as postings
    (term → the titles holding it and its share there) so a query adds them up in one pass."""
    frequency: dict[str, int] = {}
    for found in titles:
        for t in found:
            frequency[t] = frequency.get(t, 0) + 1
    size = max(len(titles), 1)
    postings: dict[str, list[tuple[int, float]]] = {}
    for doc, found in enumerate(titles):
        idf = {t: float(np.log1p(size / frequency[t])) for t in sorted(found)}
        mass = sum(idf.values()) or 1.0
        for t, w in idf.items():
            postings.setdefault(t, []).append((doc, w / mass))
    vocab = {t: i for i, t in enumerate(postings)}
    indptr = np.zeros(len(vocab) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(postings[t]) for t in vocab])
    flat = [pair for t in vocab for pair in postings[t]]
    return (vocab, indptr, np.array([d for d, _w in flat], dtype=np.int64),
            np.array([w for _d, w in flat], dtype=np.float32))


# --- the product index over KnowledgeEntry rows -------------------------------------------------

_lock = threading.Lock()
_cached: Index | None = None


def index_path() -> Path:
    configured = getattr(settings, "ASSISTANT_INDEX_PATH", None)
    return Path(configured) if configured else Path(settings.MODEL_DIR) / f"assistant-index-v{FORMAT_VERSION}.pkl"


def entry_document(entry) -> Document:
    title = "\n".join(filter(None, [entry.title, entry.question]))
    body = "\n".join(filter(None, [
        entry.body, entry.field, entry.agency, entry.steps, entry.documents, entry.fees, entry.time_limit,
        entry.legal_basis,
    ]))
    return Document(id=str(entry.pk), title=title, text=body, kind=entry.kind)


def current_signature() -> str:
    from django.db.models import Count, Max

    from civicdesk.assistant.models import KnowledgeEntry

    agg = KnowledgeEntry.objects.filter(is_active=True).aggregate(n=Count("id"), last=Max("id"),
                                                                   updated=Max("updated_at"))
    return (f"{agg['n']}|{agg['last']}|{agg['updated'].isoformat() if agg['updated'] else '-'}|"
            f"{_build_signature()}")


def _build_signature() -> str:
    """What an update cannot change: the synonym table and the dense plug-in's state."""
    table = hashlib.sha1(repr(SYNONYM_GROUPS).encode()).hexdigest()[:10]
    return f"{table}:{'dense' if _dense_wanted() else 'lexical'}"


def _dense_wanted() -> bool:
    from civicdesk.assistant.conf import dense_enabled

    return dense_enabled()


def _active_versions() -> dict[str, str]:
    from civicdesk.assistant.models import KnowledgeEntry

    return {str(pk): updated.isoformat() for pk, updated in
            KnowledgeEntry.objects.filter(is_active=True).order_by("id").values_list("id", "updated_at")}


def build_index(signature: str | None = None) -> Index:
    from civicdesk.assistant.models import KnowledgeEntry

    signature = signature or current_signature()
    entries = list(KnowledgeEntry.objects.filter(is_active=True).order_by("id"))
    docs = [entry_document(e) for e in entries]
    index = Index(docs, signature=signature)
    index.versions = {str(e.pk): e.updated_at.isoformat() for e in entries}
    if _dense_wanted():
        from civicdesk.assistant import dense

        index.dense = dense.attach(docs)
    return index


def update_index(index: Index, signature: str) -> "Index | None":
    """`index` brought up to the knowledge base, tokenizing only the entries added, changed or removed
    since it was written (a new object: searches in other threads keep the old one meanwhile). None
    when it cannot be updated (another synonym table, the dense plug-in, no record of its entries):
    then it must be built again."""
    from civicdesk.assistant.models import KnowledgeEntry

    if (index.plain or index.dense is not None or (index.size and not index.versions)
            or index.signature.rsplit("|", 1)[-1] != signature.rsplit("|", 1)[-1]):
        return None
    versions = _active_versions()
    changed_ids = [int(pk) for pk, when in versions.items() if index.versions.get(pk) != when]
    removed = set(index.versions) - set(versions)
    newest = max((int(pk) for pk in index.versions), default=0)
    if any(int(pk) < newest for pk in changed_ids if pk not in {int(k) for k in index.versions}):
        return None  # an older entry came back (made active again): a full build keeps the id order
    changed = [entry_document(e) for e in KnowledgeEntry.objects.filter(pk__in=changed_ids).order_by("id")]
    updated = index.copy()
    updated.update(changed, removed, signature)
    updated.versions = versions
    return updated


def get_index(force_rebuild: bool = False) -> Index:
    """The product index: updated in place when the knowledge base changed since it was written,
    built in full only when there is none of this format (or on demand)."""
    global _cached
    signature = current_signature()
    if not force_rebuild and _cached is not None and _cached.signature == signature:
        return _cached
    with _lock:
        if not force_rebuild and _cached is not None and _cached.signature == signature:
            return _cached
        path = index_path()
        index = None if force_rebuild else (_cached or Index.load(path))
        if index is not None and index.signature != signature:
            index = update_index(index, signature)
        if index is None:
            index = build_index(signature)
        if index.signature == signature:
            try:
                index.save(path)
            except OSError:
                log.warning("could not write the assistant index to %s", path, exc_info=True)
        _cached = index
        return index


def search_entries(query: str, k: int = 5, kinds: tuple[str, ...] | None = None) -> list[tuple[Any, float]]:
    from civicdesk.assistant.models import KnowledgeEntry

    hits = get_index().search(query, k=k, kinds=kinds)
    entries = KnowledgeEntry.objects.filter(pk__in=[int(h.id) for h in hits], is_active=True).select_related(
        "case")
    by_id = {str(e.pk): e for e in entries}
    return [(by_id[h.id], h.score) for h in hits if h.id in by_id]
