"""Retrieval over the knowledge base: two BM25 fields (title/question boosted over body) on the
tokens of `assistant.text`, optionally fused with a dense embedding model (`assistant.dense`).

The product index is a versioned file under MODEL_DIR, loaded lazily and rebuilt when the
entries change (their count, last id and last update form its signature) or on demand
(`civicdesk rebuild-assistant-index`)."""

import hashlib
import logging
import os
import pickle
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import bm25s
import numpy as np
from django.conf import settings

from civicdesk.assistant import aspects as aspectmod
from civicdesk.assistant import text as textmod
from civicdesk.assistant.synonyms import SYNONYM_GROUPS

log = logging.getLogger(__name__)
logging.getLogger("bm25s").setLevel(logging.WARNING)

FORMAT_VERSION = 4
TITLE_WEIGHT = 2.0
BODY_WEIGHT = 1.0
# An answer giving the aspect the question asks about (steps, agency, documents, fees…) is raised,
# one giving another aspect of the same procedure lowered (`assistant.aspects`).
ASPECT_BOOST = 0.3
ASPECT_PENALTY = 0.15
# A title whose words the question holds nearly all of ("Giải thể doanh nghiệp" for "quy trình giải
# thể công ty TNHH") is preferred over one that shares more, but rarer-in-total, words: scores are
# multiplied by 1 + TITLE_COVERAGE_WEIGHT × (IDF-weighted share of the title's words in the question).
TITLE_COVERAGE_WEIGHT = 1.0


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


@dataclass
class _Field:
    bm25: bm25s.BM25 | None
    vocab: dict[str, int] = field(default_factory=dict)

    @classmethod
    def build(cls, corpus: list[list[str]], k1: float = 1.2, b: float = 0.75) -> "_Field":
        if not any(corpus):
            return cls(None)
        retriever = bm25s.BM25(k1=k1, b=b)
        retriever.index(corpus, show_progress=False)
        return cls(retriever, retriever.vocab_dict)

    def scores(self, tokens: list[str], size: int) -> np.ndarray:
        scores = np.zeros(size, dtype=np.float32)
        if self.bm25 is None:
            return scores
        matrix = self.bm25.scores
        data, indices, indptr = matrix["data"], matrix["indices"], matrix["indptr"]
        for token in tokens:
            token_id = self.vocab.get(token)
            if token_id is None:
                continue
            start, end = indptr[token_id], indptr[token_id + 1]
            # A document appears once per token, so plain fancy-index addition is exact (and far
            # faster than bm25s' np.add.at); a token repeated in the query counts again.
            scores[indices[start:end]] += data[start:end]
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
        self.aspects = np.array([None if plain else aspectmod.answer_aspect(d.text) for d in docs], dtype=object)
        self.size = len(docs)
        self.dense: Any = None  # assistant.dense.DenseScorer when the plug-in is on
        if plain:
            self.title = _Field.build([textmod.plain_tokenize(f"{d.title} {d.text}") for d in docs])
            self.body = _Field(None)
            self.title_terms: TitleTerms = ({}, np.zeros(1, dtype=np.int64), np.zeros(0, dtype=np.int64),
                                            np.zeros(0, dtype=np.float32))
        else:
            self.title = _Field.build([textmod.tokenize(d.title) for d in docs])
            self.body = _Field.build([textmod.tokenize(d.text) for d in docs])
            self.title_terms = _title_terms(docs)

    def query_tokens(self, query: str) -> list[str]:
        if self.plain:
            return textmod.plain_tokenize(query)
        tokens = textmod.tokenize(query, expand=True)
        concepts = [t for t in tokens if t.startswith(textmod.CONCEPT_PREFIX)]
        return [*dict.fromkeys(t for t in tokens if not t.startswith(textmod.CONCEPT_PREFIX)), *concepts]

    def scores(self, query: str) -> np.ndarray:
        tokens = self.query_tokens(query)
        scores = TITLE_WEIGHT * self.title.scores(tokens, self.size) if not self.plain else self.title.scores(
            tokens, self.size)
        if self.body.bm25 is not None:
            scores = scores + BODY_WEIGHT * self.body.scores(tokens, self.size)
        if self.dense is not None:
            scores = self.dense.fuse(query, scores)
        if not self.plain:
            scores = self._weigh_title_coverage(query, scores)
            scores = self._weigh_aspect(query, scores)
        return scores

    def _weigh_title_coverage(self, query: str, scores: np.ndarray) -> np.ndarray:
        covered = np.zeros(self.size, dtype=np.float32)
        vocab, indptr, docs, weights = self.title_terms
        for term in set(textmod.tokenize(query, bigrams=False, segment=False)):
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
    def load(path: Path, signature: str) -> "Index | None":
        try:
            with path.open("rb") as fh:
                payload = pickle.load(fh)  # our own file under MODEL_DIR, written by save()
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None
        if payload.get("format") != FORMAT_VERSION or payload.get("signature") != signature:
            return None
        return payload["index"]


def _title_terms(docs: list[Document]) -> TitleTerms:
    """Each title's folded words and concepts with their share of the title's IDF mass, as postings
    (term → the titles holding it and its share there) so a query adds them up in one pass."""
    terms = [
        {t for t in textmod.tokenize(d.title, bigrams=False, segment=False)
         if t.startswith((textmod.FOLDED_PREFIX, textmod.CONCEPT_PREFIX))}
        for d in docs
    ]
    frequency: dict[str, int] = {}
    for found in terms:
        for t in found:
            frequency[t] = frequency.get(t, 0) + 1
    size = max(len(docs), 1)
    postings: dict[str, list[tuple[int, float]]] = {}
    for doc, found in enumerate(terms):
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
    table = hashlib.sha1(repr(SYNONYM_GROUPS).encode()).hexdigest()[:10]
    dense = "dense" if _dense_wanted() else "lexical"
    return f"{agg['n']}:{agg['last']}:{agg['updated'].isoformat() if agg['updated'] else '-'}:{table}:{dense}"


def _dense_wanted() -> bool:
    from civicdesk.assistant.conf import dense_enabled

    return dense_enabled()


def build_index(signature: str | None = None) -> Index:
    from civicdesk.assistant.models import KnowledgeEntry

    signature = signature or current_signature()
    docs = [entry_document(e) for e in KnowledgeEntry.objects.filter(is_active=True).order_by("id")]
    index = Index(docs, signature=signature)
    if _dense_wanted():
        from civicdesk.assistant import dense

        index.dense = dense.attach(docs)
    return index


def get_index(force_rebuild: bool = False) -> Index:
    """The product index, rebuilt when the knowledge base changed since it was written."""
    global _cached
    signature = current_signature()
    if not force_rebuild and _cached is not None and _cached.signature == signature:
        return _cached
    with _lock:
        if not force_rebuild and _cached is not None and _cached.signature == signature:
            return _cached
        path = index_path()
        index = None if force_rebuild else Index.load(path, signature)
        if index is None:
            index = build_index(signature)
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
