"""Category classifier: message text → category code with a calibrated confidence.

Two kinds, same interface (`predict(text) -> (code | None, confidence)`):
- `CategoryClassifier`, trained from an agency's own confirmed cases: TF-IDF on words and
  character n-grams of the folded text (no diacritics, so "duong bi ngap" meets "đường bị ngập"),
  words of the text with diacritics, and one keyword-prior column per category, then a linear SVM
  calibrated with Platt scaling on held-out folds. Short and diacritic-free copies of each
  training message are added (people write both ways).
- `KeywordClassifier`, for a city without history: scores the category names, scopes and
  keywords found in the text; pure Python and deliberately less confident.

scikit-learn is imported inside the methods that need it, so the web process pays for it only
when a trained model is actually loaded."""

import logging
import pickle
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from civicdesk.routing.normalise import fold, normalise

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
MODEL_PREFIX = "category-router"
# Beyond this many training messages the history itself is varied enough; copying each message
# four more times would only slow training down.
AUGMENT_BELOW = 20_000
KEYWORD_CONFIDENCE_CAP = 0.7
# How loud the keyword-prior columns are next to the TF-IDF blocks (each of unit length).
KEYWORD_WEIGHT = 1.0
CHAR_NGRAMS = (3, 5)
CHAR_FEATURES = 100_000
SVM_C = 0.5
SVM_TOL = 1e-3
# With a large history, calibrate on a held-out share instead of cross-validation folds: one
# SVM fit instead of four, and plenty of messages to fit the sigmoids on.
HOLDOUT_CALIBRATION_FROM = 20_000
HOLDOUT_SHARE = 0.15

_SENTENCE_END = re.compile(r"(?<=[.!?])\s")
_WORDS = re.compile(r"\w+")


def message_text(title: str, content: str) -> str:
    return f"{title or ''} . {content or ''}".strip(" .")


@dataclass
class CategoryKeywords:
    """What a category is about, in the words of its name, scope and keyword list."""

    code: str
    phrases: list[str] = field(default_factory=list)

    @classmethod
    def from_fields(cls, code: str, name: str = "", scope: str = "", keywords: str = "") -> "CategoryKeywords":
        phrases = [name]
        phrases += re.split(r"[,;.\n]", scope or "")
        phrases += (keywords or "").splitlines()
        folded = {fold(normalise(p)).strip() for p in phrases}
        return cls(code=code, phrases=sorted(p for p in folded if len(p) >= 2))


class KeywordMatcher:
    """Finds category phrases in folded text, as whole words. Pure Python."""

    def __init__(self, categories: Sequence[CategoryKeywords]):
        self.codes = [c.code for c in categories]
        self.patterns: list[re.Pattern[str] | None] = []
        for cat in categories:
            phrases = sorted(cat.phrases, key=len, reverse=True)
            if phrases:
                body = "|".join(re.escape(p) for p in phrases)
                self.patterns.append(re.compile(rf"(?<!\w)(?:{body})(?!\w)"))
            else:
                self.patterns.append(None)

    def scores(self, folded_text: str) -> list[float]:
        out = []
        for pattern in self.patterns:
            if pattern is None:
                out.append(0.0)
                continue
            # a longer phrase says more than a single syllable
            out.append(float(sum(len(m.split()) for m in pattern.findall(folded_text))))
        return out


class KeywordClassifier:
    """The no-history classifier: the category whose words appear most, with modest confidence."""

    kind = "keywords"

    def __init__(self, categories: Sequence[CategoryKeywords]):
        self.matcher = KeywordMatcher(categories)

    def predict(self, text: str) -> tuple[str | None, float]:
        scores = self.matcher.scores(fold(normalise(text)))
        if not scores or max(scores) == 0:
            return None, 0.0
        ranked = sorted(zip(scores, self.matcher.codes, strict=False), reverse=True)
        top, second = ranked[0][0], (ranked[1][0] if len(ranked) > 1 else 0.0)
        margin = (top - second) / (top + 1.0)
        confidence = min(KEYWORD_CONFIDENCE_CAP, 0.2 + 0.6 * margin)
        return ranked[0][1], round(confidence, 4)


def augment(texts: Sequence[str], labels: Sequence[str]) -> tuple[list[str], list[str]]:
    """Each message also as people write it on a phone: title alone, first sentence, and all of
    these without diacritics."""
    out_texts, out_labels = [], []
    for text, label in zip(texts, labels, strict=False):
        title, _, body = text.partition(" . ")
        first = _SENTENCE_END.split(body, maxsplit=1)[0] if body else ""
        variants = {text, title, first, f"{title} . {first}" if first else title}
        for variant in variants:
            if variant.strip():
                out_texts += [variant, fold(variant)]
                out_labels += [label, label]
    return out_texts, out_labels


class CategoryClassifier:
    """Trained classifier. `train()`, `predict()`, `save()`, `load()`; a file per version."""

    kind = "trained"

    # Set after construction and never pickled (see __getstate__): the keyword matcher, the
    # analysers prediction builds from the vectorizers, and the file the model was loaded from.
    _keyword_matcher: KeywordMatcher
    _analyzers: list[tuple[Any, Any, Any]] | None
    _path: Path

    def __init__(self, keywords: Sequence[CategoryKeywords] = ()):
        self.format_version = FORMAT_VERSION
        self.keywords = list(keywords)
        self.vectorizers: list = []
        self.model: dict[str, Any] | None = None
        self.classes: list[str] = []
        self.trained_on = 0
        self.trained_at = 0.0
        self.train_seconds = 0.0

    # --- features -----------------------------------------------------------------------------
    def _prepared(self, texts: Iterable[str]) -> tuple[list[str], list[str]]:
        normalised = [normalise(t) for t in texts]
        return normalised, [fold(t) for t in normalised]

    def _features(self, texts: Sequence[str], fit: bool = False):
        import numpy as np
        from scipy.sparse import csr_matrix, hstack
        from sklearn.feature_extraction.text import TfidfVectorizer

        normalised, folded = self._prepared(texts)
        if fit:
            self.vectorizers = [
                TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"(?u)\b\w+\b",
                                dtype=np.float32),
                TfidfVectorizer(analyzer="char_wb", ngram_range=CHAR_NGRAMS, sublinear_tf=True, min_df=2,
                                max_features=CHAR_FEATURES, dtype=np.float32),
                TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"(?u)\b\w+\b",
                                dtype=np.float32),
            ]
            blocks = [self.vectorizers[0].fit_transform(folded), self.vectorizers[1].fit_transform(folded),
                      self.vectorizers[2].fit_transform(normalised)]
        else:
            blocks = [self.vectorizers[0].transform(folded), self.vectorizers[1].transform(folded),
                      self.vectorizers[2].transform(normalised)]
        if self.keywords:
            matcher = self._matcher()
            rows = [[KEYWORD_WEIGHT * min(s, 3.0) / 3.0 for s in matcher.scores(f)] for f in folded]
            blocks.append(csr_matrix(rows, dtype=np.float32))
        return hstack(blocks, format="csr")

    def _matcher(self) -> KeywordMatcher:
        if getattr(self, "_keyword_matcher", None) is None:
            self._keyword_matcher = KeywordMatcher(self.keywords)
        return self._keyword_matcher

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("_keyword_matcher", None)
        state.pop("_path", None)
        state.pop("_analyzers", None)
        return state

    # --- training and prediction ----------------------------------------------------------------
    def train(self, texts: Sequence[str], labels: Sequence[str]) -> "CategoryClassifier":
        from sklearn.calibration import CalibratedClassifierCV
        from sklearn.svm import LinearSVC

        started = time.perf_counter()
        if len(set(labels)) < 2:
            raise ValueError("training needs messages of at least two categories")
        texts, labels = list(texts), list(labels)
        if len(texts) < AUGMENT_BELOW:
            texts, labels = augment(texts, labels)
        features = self._features(texts, fit=True)
        if len(texts) >= HOLDOUT_CALIBRATION_FROM:
            calibrated = self._fit_with_holdout(features, labels)
        else:
            smallest = min(labels.count(code) for code in set(labels))
            folds = max(2, min(4, smallest))
            calibrated = CalibratedClassifierCV(LinearSVC(C=SVM_C, tol=SVM_TOL), cv=folds, method="sigmoid",
                                                ensemble=False)
            calibrated.fit(features, labels)
        self.classes = [str(c) for c in calibrated.classes_]
        self._distil(calibrated)
        self.trained_on = len(set(texts))
        self.trained_at = time.time()
        self.train_seconds = time.perf_counter() - started
        return self

    @staticmethod
    def _fit_with_holdout(features, labels):
        from sklearn.calibration import CalibratedClassifierCV
        from sklearn.frozen import FrozenEstimator
        from sklearn.model_selection import train_test_split
        from sklearn.svm import LinearSVC

        fit_x, held_x, fit_y, held_y = train_test_split(
            features, labels, test_size=HOLDOUT_SHARE, random_state=0, stratify=labels
        )
        svm = LinearSVC(C=SVM_C, tol=SVM_TOL).fit(fit_x, fit_y)
        return CalibratedClassifierCV(FrozenEstimator(svm), method="sigmoid").fit(held_x, held_y)

    def _distil(self, calibrated) -> None:
        """Keep only the arrays prediction needs: one linear model and a sigmoid per category.
        (scikit-learn's own predict_proba costs ~20 ms a message in input checks.)"""
        import numpy as np

        fitted = calibrated.calibrated_classifiers_[0]
        estimator = fitted.estimator
        estimator = getattr(estimator, "estimator", estimator)  # unwrap FrozenEstimator
        if len(calibrated.classes_) == 2:
            # one decision function for the second class, one sigmoid; the first is its complement
            self.model = {
                "weights": np.ascontiguousarray(estimator.coef_, dtype=np.float32),
                "intercept": estimator.intercept_.astype(np.float64),
                "sigmoid_a": np.array([fitted.calibrators[0].a_], dtype=np.float64),
                "sigmoid_b": np.array([fitted.calibrators[0].b_], dtype=np.float64),
                "binary": True,
            }
            self._analyzers = None
            return
        order = [list(estimator.classes_).index(c) for c in calibrated.classes_]
        self.model = {
            "weights": np.ascontiguousarray(estimator.coef_[order], dtype=np.float32),
            "intercept": estimator.intercept_[order].astype(np.float64),
            "sigmoid_a": np.array([c.a_ for c in fitted.calibrators], dtype=np.float64),
            "sigmoid_b": np.array([c.b_ for c in fitted.calibrators], dtype=np.float64),
        }
        self._analyzers = None

    def _row(self, text: str):
        """Feature indices and values of one message, computed like TfidfVectorizer.transform
        (sublinear tf × idf, l2 per block) without its per-call overhead."""
        import numpy as np

        analyzers = getattr(self, "_analyzers", None)
        if analyzers is None:
            analyzers = self._analyzers = [(v.build_analyzer(), v.vocabulary_, v.idf_) for v in self.vectorizers]
        normalised = normalise(text)
        folded = fold(normalised)
        indices, values, offset = [], [], 0
        for (analyze, vocabulary, idf), source in zip(analyzers, (folded, folded, normalised), strict=False):
            counts: dict[int, int] = {}
            for term in analyze(source):
                j = vocabulary.get(term)
                if j is not None:
                    counts[j] = counts.get(j, 0) + 1
            if counts:
                idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
                val = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))) * idf[idx]
                val /= np.sqrt((val * val).sum())
                indices.append(idx + offset)
                values.append(val)
            offset += len(idf)
        if self.keywords:
            scores = np.array([KEYWORD_WEIGHT * min(v, 3.0) / 3.0 for v in self._matcher().scores(folded)])
            nonzero = np.flatnonzero(scores)
            indices.append(nonzero + offset)
            values.append(scores[nonzero])
        if not indices:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        return np.concatenate(indices), np.concatenate(values)

    def probabilities(self, text: str):
        import numpy as np

        if self.model is None:
            raise RuntimeError("classifier is not trained")
        idx, val = self._row(text)
        decision = self.model["weights"][:, idx] @ val + self.model["intercept"]
        proba = 1.0 / (1.0 + np.exp(self.model["sigmoid_a"] * decision + self.model["sigmoid_b"]))
        if self.model.get("binary"):
            return np.array([1.0 - proba[0], proba[0]])
        total = proba.sum()
        return proba / total if total > 0 else np.full(len(proba), 1.0 / len(proba))

    def predict(self, text: str) -> tuple[str | None, float]:
        proba = self.probabilities(text)
        best = int(proba.argmax())
        return self.classes[best], round(float(proba[best]), 4)

    def predict_many(self, texts: Sequence[str]) -> list[tuple[str | None, float]]:
        return [self.predict(t) for t in texts]

    # --- storage ------------------------------------------------------------------------------
    def save(self, directory: Path) -> Path:
        directory.mkdir(parents=True, exist_ok=True)
        version = 1 + max((_version_of(p) for p in _model_files(directory)), default=0)
        path = directory / f"{MODEL_PREFIX}.f{FORMAT_VERSION}.{version:04d}.pkl"
        tmp = path.with_suffix(".tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(self, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
        return path

    @classmethod
    def load(cls, path: Path) -> "CategoryClassifier":
        # Our own file, written by `save()` into MODEL_DIR; never load one from elsewhere.
        with open(path, "rb") as fh:
            model = pickle.load(fh)
        if not isinstance(model, cls) or model.format_version != FORMAT_VERSION:
            raise ValueError(f"{path}: not a category router of format {FORMAT_VERSION}")
        return model


def _model_files(directory: Path) -> list[Path]:
    return sorted(directory.glob(f"{MODEL_PREFIX}.f{FORMAT_VERSION}.*.pkl")) if directory.exists() else []


def _version_of(path: Path) -> int:
    try:
        return int(path.stem.rsplit(".", 1)[1])
    except (IndexError, ValueError):
        return 0


def latest_model_path(directory: Path) -> Path | None:
    files = _model_files(directory)
    return max(files, key=_version_of) if files else None


_loaded: dict[str, tuple[float, CategoryClassifier]] = {}


def current_model(directory: Path) -> CategoryClassifier | None:
    """The newest saved model, loaded once per process (and again when a newer file appears)."""
    path = latest_model_path(directory)
    if path is None:
        return None
    mtime = path.stat().st_mtime
    cached = _loaded.get(str(directory))
    if cached and cached[0] == mtime and getattr(cached[1], "_path", None) == path:
        return cached[1]
    try:
        model = CategoryClassifier.load(path)
    except (OSError, ValueError, pickle.UnpicklingError, AttributeError, ImportError) as exc:
        log.warning("category router %s could not be loaded: %s", path, exc)
        return None
    model._path = path
    _loaded[str(directory)] = (mtime, model)
    return model
