"""Category classifier: message text → category code with a calibrated confidence.

Two kinds, same interface (`predict(text) -> (code | None, confidence)`):
- `CategoryClassifier`, trained from an agency's own confirmed cases: TF-IDF on words and
  character n-grams of the folded text (no diacritics, so "duong bi ngap" meets "đường bị ngập")
  and words of the text with diacritics; a linear SVM and a complement naive Bayes model on the
  word blocks, each calibrated with Platt scaling on held-out folds, averaged. Short and
  diacritic-free copies of each training message are added (people write both ways), and so are
  the category's own words (name, scope, keywords) as short examples, so that a word the history
  never used still points to its category.
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

# 2: the category words became training examples instead of keyword-prior columns, and a naive
# Bayes model is averaged in; a file of format 1 is not loaded (`civicdesk train-router` again).
FORMAT_VERSION = 2
MODEL_PREFIX = "category-router"
# Beyond this many training messages the history itself is varied enough; copying each message
# four more times would only slow training down.
AUGMENT_BELOW = 20_000
KEYWORD_CONFIDENCE_CAP = 0.7
# The naive Bayes model's share of the averaged probability (the SVM has the rest) and its
# smoothing. Chosen by 5-fold cross-validation on the shared training messages and checked on
# the held-out sets in bench/routing (docs/benchmarks.md): Bayes on words generalises to
# differently written messages better, the SVM with character n-grams to typos and shorthand.
NB_SHARE = 0.5
NB_ALPHA = 1.0
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
        normalised = {normalise(p).strip() for p in phrases}
        return cls(code=code, phrases=sorted(p for p in normalised if len(p) >= 2))

    def examples(self) -> list[str]:
        """The phrases as training examples: as written and without diacritics."""
        return sorted({p for phrase in self.phrases for p in (phrase, fold(phrase))})


def category_examples(categories: Sequence[CategoryKeywords], codes: Iterable[str]) -> tuple[list[str], list[str]]:
    """Training examples from the words of the categories that the history has (a category with
    no confirmed case is not taught from its description alone)."""
    wanted = set(codes)
    texts, labels = [], []
    for category in categories:
        if category.code in wanted:
            examples = category.examples()
            texts += examples
            labels += [category.code] * len(examples)
    return texts, labels


class KeywordMatcher:
    """Finds category phrases in folded text, as whole words. Pure Python."""

    def __init__(self, categories: Sequence[CategoryKeywords]):
        self.codes = [c.code for c in categories]
        self.patterns: list[re.Pattern[str] | None] = []
        for cat in categories:
            phrases = sorted({fold(p) for p in cat.phrases}, key=len, reverse=True)
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
        # ordered (not a set): the order of the rows must not depend on string hashing, or the
        # SVM, whose solver shuffles rows with a fixed seed, would differ from process to process
        variants = dict.fromkeys([text, title, first, f"{title} . {first}" if first else title])
        for variant in variants:
            if variant.strip():
                out_texts += [variant, fold(variant)]
                out_labels += [label, label]
    return out_texts, out_labels


class CategoryClassifier:
    """Trained classifier. `train()`, `predict()`, `save()`, `load()`; a file per version."""

    kind = "trained"

    # Set after construction and never pickled (see __getstate__): the analysers prediction
    # builds from the vectorizers, and the file the model was loaded from.
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
        # set by routing.training: which confirmed history this model learned (nightly retraining
        # skips an unchanged one)
        self.history_fingerprint = ""
        self.training_cases = 0  # confirmed cases it was trained on (0 in files from before it was kept)

    # --- features -----------------------------------------------------------------------------
    # Three TF-IDF blocks, each of unit length: words (1–2) and character n-grams of the folded
    # text, words (1–2) of the text with diacritics. The Bayes model reads the two word blocks.
    WORD_BLOCKS = (0, 2)

    def _blocks(self, texts: Sequence[str], fit: bool = False) -> list:
        import numpy as np
        from sklearn.feature_extraction.text import TfidfVectorizer

        normalised = [normalise(t) for t in texts]
        folded = [fold(t) for t in normalised]
        if fit:
            self.vectorizers = [
                TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"(?u)\b\w+\b",
                                dtype=np.float32),
                TfidfVectorizer(analyzer="char_wb", ngram_range=CHAR_NGRAMS, sublinear_tf=True, min_df=2,
                                max_features=CHAR_FEATURES, dtype=np.float32),
                TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"(?u)\b\w+\b",
                                dtype=np.float32),
            ]
        sources = (folded, folded, normalised)
        return [v.fit_transform(src) if fit else v.transform(src)
                for v, src in zip(self.vectorizers, sources, strict=True)]

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("_path", None)
        state.pop("_analyzers", None)
        return state

    # --- training and prediction ----------------------------------------------------------------
    def train(self, texts: Sequence[str], labels: Sequence[str]) -> "CategoryClassifier":
        from scipy.sparse import hstack

        started = time.perf_counter()
        if len(set(labels)) < 2:
            raise ValueError("training needs messages of at least two categories")
        texts, labels = list(texts), list(labels)
        if len(texts) < AUGMENT_BELOW:
            texts, labels = augment(texts, labels)
        examples, example_labels = category_examples(self.keywords, set(labels))
        blocks = self._blocks(texts + examples, fit=True)
        labels = labels + example_labels
        features = hstack(blocks, format="csr")
        svm, bayes = self._fit(features, hstack([blocks[i] for i in self.WORD_BLOCKS], format="csr"), labels)
        self.classes = [str(c) for c in svm.classes_]
        self._distil(svm, bayes)
        self.trained_on = len(set(texts))
        self.trained_at = time.time()
        self.train_seconds = time.perf_counter() - started
        return self

    @staticmethod
    def _fit(features, word_features, labels):
        """The calibrated SVM and, with three categories or more, the calibrated Bayes model.
        A small history is calibrated on cross-validation folds; a large one on a held-out share
        (one fit instead of four, and plenty of messages for the sigmoids)."""
        from sklearn.calibration import CalibratedClassifierCV
        from sklearn.frozen import FrozenEstimator
        from sklearn.model_selection import train_test_split
        from sklearn.naive_bayes import ComplementNB
        from sklearn.svm import LinearSVC

        models = [(LinearSVC(C=SVM_C, tol=SVM_TOL, random_state=0), features)]  # seeded: same history, same model
        if len(set(labels)) > 2:
            models.append((ComplementNB(alpha=NB_ALPHA), word_features))
        if len(labels) >= HOLDOUT_CALIBRATION_FROM:
            fit_rows, held_rows = train_test_split(range(len(labels)), test_size=HOLDOUT_SHARE, random_state=0,
                                                   stratify=labels)
            fit_y, held_y = [labels[i] for i in fit_rows], [labels[i] for i in held_rows]
            calibrated = [CalibratedClassifierCV(FrozenEstimator(model.fit(x[fit_rows], fit_y)), method="sigmoid")
                          .fit(x[held_rows], held_y) for model, x in models]
        else:
            folds = max(2, min(4, min(labels.count(code) for code in set(labels))))
            calibrated = [CalibratedClassifierCV(model, cv=folds, method="sigmoid", ensemble=False).fit(x, labels)
                          for model, x in models]
        return calibrated[0], (calibrated[1] if len(calibrated) > 1 else None)

    def _distil(self, svm, bayes) -> None:
        """Keep only the arrays prediction needs: per model a linear score and a sigmoid per
        category. (scikit-learn's own predict_proba costs ~20 ms a message in input checks.)"""
        import numpy as np

        self._analyzers = None
        estimator, order, sigmoid_a, sigmoid_b = _calibrated_parts(svm, svm.classes_)
        if len(svm.classes_) == 2:
            # one decision function for the second class, one sigmoid; the first is its complement
            self.model = {
                "weights": np.ascontiguousarray(estimator.coef_, dtype=np.float32),
                "intercept": estimator.intercept_.astype(np.float64),
                "sigmoid_a": sigmoid_a, "sigmoid_b": sigmoid_b, "binary": True,
            }
            return
        self.model = {
            "weights": np.ascontiguousarray(estimator.coef_[order], dtype=np.float32),
            "intercept": estimator.intercept_[order].astype(np.float64),
            "sigmoid_a": sigmoid_a, "sigmoid_b": sigmoid_b,
        }
        if bayes is not None:
            estimator, order, sigmoid_a, sigmoid_b = _calibrated_parts(bayes, svm.classes_)
            self.model["bayes"] = {
                "weights": np.ascontiguousarray(estimator.feature_log_prob_[order], dtype=np.float32),
                "sigmoid_a": sigmoid_a, "sigmoid_b": sigmoid_b, "share": NB_SHARE,
            }

    def _row(self, text: str) -> list[tuple[Any, Any, int]]:
        """Per block, the feature indices and values of one message and the block's width, computed
        like TfidfVectorizer.transform (sublinear tf × idf, l2 per block) without its per-call
        overhead."""
        import numpy as np

        analyzers = getattr(self, "_analyzers", None)
        if analyzers is None:
            analyzers = self._analyzers = [(v.build_analyzer(), v.vocabulary_, v.idf_) for v in self.vectorizers]
        normalised = normalise(text)
        folded = fold(normalised)
        blocks = []
        for (analyze, vocabulary, idf), source in zip(analyzers, (folded, folded, normalised), strict=True):
            counts: dict[int, int] = {}
            for term in analyze(source):
                j = vocabulary.get(term)
                if j is not None:
                    counts[j] = counts.get(j, 0) + 1
            idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
            val = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))) * idf[idx]
            if len(val):
                val /= np.sqrt((val * val).sum())
            blocks.append((idx, val, len(idf)))
        return blocks

    @staticmethod
    def _joined(blocks, which) -> tuple[Any, Any]:
        """The chosen blocks side by side, as the matrix of a model trained on them was."""
        import numpy as np

        indices, values, offset = [], [], 0
        for i, (idx, val, width) in enumerate(blocks):
            if i in which:
                indices.append(idx + offset)
                values.append(val)
                offset += width
        return np.concatenate(indices), np.concatenate(values)

    def probabilities(self, text: str):
        import numpy as np

        if self.model is None:
            raise RuntimeError("classifier is not trained")
        blocks = self._row(text)
        idx, val = self._joined(blocks, range(len(blocks)))
        decision = self.model["weights"][:, idx] @ val + self.model["intercept"]
        proba = 1.0 / (1.0 + np.exp(self.model["sigmoid_a"] * decision + self.model["sigmoid_b"]))
        if self.model.get("binary"):
            return np.array([1.0 - proba[0], proba[0]])
        proba = _normalised(proba)
        bayes = self.model.get("bayes")
        if bayes is None:
            return proba
        idx, val = self._joined(blocks, self.WORD_BLOCKS)
        if not len(idx):
            return proba  # no known word: the Bayes model would only say "uniform"
        joint = bayes["weights"][:, idx] @ val
        joint = np.exp(joint - joint.max())
        bayes_proba = _normalised(1.0 / (1.0 + np.exp(bayes["sigmoid_a"] * (joint / joint.sum()) + bayes["sigmoid_b"])))
        return (1.0 - bayes["share"]) * proba + bayes["share"] * bayes_proba

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


def _calibrated_parts(calibrated, classes):
    """The fitted estimator inside a CalibratedClassifierCV (ensemble=False or frozen), the order
    of its classes as `classes`, and the sigmoid parameters in that order."""
    import numpy as np

    fitted = calibrated.calibrated_classifiers_[0]
    estimator = getattr(fitted.estimator, "estimator", fitted.estimator)  # unwrap FrozenEstimator
    known = list(estimator.classes_)
    order = [known.index(c) for c in classes]
    calibrators = fitted.calibrators
    if len(calibrators) == 1:  # binary: one sigmoid, for the second class
        return estimator, order, np.array([calibrators[0].a_]), np.array([calibrators[0].b_])
    return (estimator, order, np.array([calibrators[i].a_ for i in order], dtype=np.float64),
            np.array([calibrators[i].b_ for i in order], dtype=np.float64))


def _normalised(proba):
    import numpy as np

    total = proba.sum()
    return proba / total if total > 0 else np.full(len(proba), 1.0 / len(proba))


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
