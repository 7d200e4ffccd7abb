"""Training the category router from the city's own history: the cases whose category a person
confirmed (an operator's correction confirms it). Used by `civicdesk train-router` and by the
nightly task, which trains again only when that history changed since the current model."""

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings

from civicdesk.petitions.models import Case
from civicdesk.routing import classifier
from civicdesk.routing.keywords import database_category_keywords

MIN_CASES = 30
# Model files kept in MODEL_DIR (the newest serve; older ones are there to roll back to).
KEEP_VERSIONS = 5


class NotEnoughHistory(Exception):
    pass


@dataclass
class Trained:
    path: Path
    cases: int
    categories: int
    train_seconds: float


def confirmed_history() -> list[tuple[int, str, str, str]]:
    """(id, title, content, category code) of every case a person categorised, oldest first."""
    return list(
        Case.objects.filter(category_confirmed=True, category__isnull=False, category__is_active=True)
        .order_by("id").values_list("id", "title", "content", "category__code")
    )


def fingerprint(history: list[tuple[int, str, str, str]], words: list[classifier.CategoryKeywords]) -> str:
    """Changes when a case is confirmed, recategorised or edited, or when a category's words are;
    not when unrelated cases arrive."""
    digest = hashlib.blake2b(digest_size=16)
    for case_id, title, content, code in history:
        digest.update(f"{case_id}\x1f{code}\x1f{title}\x1f{content}\x1e".encode())
    for category in words:
        digest.update(f"{category.code}\x1f{'|'.join(category.phrases)}\x1e".encode())
    return digest.hexdigest()


def train(min_cases: int = MIN_CASES, history: list | None = None) -> Trained:
    history = confirmed_history() if history is None else history
    if len(history) < min_cases:
        raise NotEnoughHistory(
            f"only {len(history)} cases with a confirmed category (need {min_cases}); "
            "the router keeps working from the category keywords"
        )
    categories = {code for _id, _t, _c, code in history}
    if len(categories) < 2:
        raise NotEnoughHistory("confirmed cases of at least two categories are needed")
    words = database_category_keywords()
    model = classifier.CategoryClassifier(words)
    model.train([classifier.message_text(t, c) for _id, t, c, _code in history],
                [code for _id, _t, _c, code in history])
    model.history_fingerprint = fingerprint(history, words)
    model.training_cases = len(history)
    path = model.save(settings.MODEL_DIR)
    prune(settings.MODEL_DIR)
    return Trained(path=path, cases=len(history), categories=len(categories), train_seconds=model.train_seconds)


def train_if_changed(min_cases: int = MIN_CASES) -> Trained | None:
    """Train again unless the current model was trained on exactly this history."""
    history = confirmed_history()
    current = classifier.current_model(settings.MODEL_DIR)
    if current is not None and current.history_fingerprint == fingerprint(history, database_category_keywords()):
        return None
    return train(min_cases, history)


def prune(directory: Path, keep: int = KEEP_VERSIONS) -> list[Path]:
    """Delete all but the newest `keep` model files (of every format: an old format is never loaded)."""
    files = sorted(directory.glob(f"{classifier.MODEL_PREFIX}.f*.pkl"), key=_format_and_version)
    removed = files[:-keep] if keep > 0 else files
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def _format_and_version(path: Path) -> tuple[int, int]:
    """category-router.f2.0007.pkl → (2, 7); a name we did not write sorts first (pruned first)."""
    parts = path.name.split(".")
    try:
        return int(parts[1].lstrip("f")), int(parts[2])
    except (IndexError, ValueError):
        return -1, -1


@dataclass
class RouterStatus:
    """What the category admin shows: when the serving model was trained, on how many cases, and
    which active categories it does not know yet (their keywords route them until it does)."""

    trained_at: datetime | None = None
    cases: int | None = None
    untrained_categories: list[str] = field(default_factory=list)


def router_status() -> RouterStatus:
    from civicdesk.petitions.categories import active_categories

    model = classifier.current_model(settings.MODEL_DIR)
    if model is None:
        return RouterStatus(untrained_categories=[c.name for c in active_categories()])
    known = set(model.classes)
    return RouterStatus(
        trained_at=datetime.fromtimestamp(model.trained_at, tz=UTC) if model.trained_at else None,
        cases=getattr(model, "training_cases", 0) or None,
        untrained_categories=[c.name for c in active_categories() if c.code not in known],
    )
