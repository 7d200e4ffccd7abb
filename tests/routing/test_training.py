import pytest

from civicdesk.routing import tasks, training
from civicdesk.routing.classifier import MODEL_PREFIX, current_model, latest_model_path
from tests.factories import CaseFactory, CategoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(petitions):
    categories = {code: CategoryFactory(code=code, name=code) for code in ("dien-nuoc", "giao-thong", "y-te")}
    rows = [r for r in petitions if r["category"] in categories][:45]
    cases = [CaseFactory(title=r["title"], content=r["content"], category=categories[r["category"]],
                         category_confirmed=True) for r in rows]
    return categories, cases


def test_the_nightly_task_trains_only_when_the_confirmed_history_changed(history, settings):
    categories, cases = history
    first = tasks.retrain_router()
    assert first["trained"] is True and first["cases"] == 45
    assert tasks.retrain_router() == {"trained": False, "reason": "history unchanged since the current model"}

    CaseFactory(title="Mất điện", content="cúp điện", category=categories["dien-nuoc"], category_confirmed=False)
    assert tasks.retrain_router()["trained"] is False  # not confirmed by a person: not history

    # an operator corrects a category: that is new history
    corrected = cases[0]
    corrected.category = categories["y-te"] if corrected.category.code != "y-te" else categories["dien-nuoc"]
    corrected.save()
    again = tasks.retrain_router()
    assert again["trained"] is True
    assert current_model(settings.MODEL_DIR)._path == latest_model_path(settings.MODEL_DIR)
    assert str(latest_model_path(settings.MODEL_DIR)) == again["model"]
    assert tasks.retrain_router()["trained"] is False

    # an administrator adds a keyword to a category: the words the router learns from changed
    health = categories["y-te"]
    health.keywords = "phòng khám đa khoa"
    health.save()
    assert tasks.retrain_router()["trained"] is True


def test_the_nightly_task_says_why_it_did_not_train():
    result = tasks.retrain_router()
    assert result["trained"] is False
    assert "confirmed category" in result["reason"]


def test_old_model_files_are_pruned(tmp_path):
    (tmp_path / f"{MODEL_PREFIX}.f1.0042.pkl").write_bytes(b"x")  # an older format goes first
    for version in (3, 1, 7, 2, 10, 5, 4):
        (tmp_path / f"{MODEL_PREFIX}.f2.{version:04d}.pkl").write_bytes(b"x")
    (tmp_path / "notes.txt").write_text("not a model")
    removed = training.prune(tmp_path, keep=5)
    assert len(removed) == 3
    assert sorted(p.name for p in tmp_path.glob(f"{MODEL_PREFIX}.*.pkl")) == [
        f"{MODEL_PREFIX}.f2.{v:04d}.pkl" for v in (3, 4, 5, 7, 10)]
    assert (tmp_path / "notes.txt").exists()


def test_the_beat_schedule_runs_it_nightly():
    from civicdesk.celery_app import BEAT_SCHEDULE

    entry = BEAT_SCHEDULE["routing-retrain-router"]
    assert entry["task"] == tasks.retrain_router.name
