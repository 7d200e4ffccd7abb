import csv
import json
import random
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from civicdesk.routing.classifier import latest_model_path
from tests.factories import CaseFactory, CategoryFactory
from tests.routing.conftest import DUPLICATE_PAIRS, read_rows

# The commands report at the thresholds the city configured (RoutingSettings, in the database).
pytestmark = pytest.mark.django_db


def _write(path, rows, columns):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def _run(*args) -> dict:
    out = StringIO()
    call_command(*args, stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_eval_routing_prints_the_figures(petitions, tmp_path):
    rng = random.Random(3)
    rows = [r for r in petitions if r["category"] in ("dien-nuoc", "giao-thong", "y-te")]
    rng.shuffle(rows)
    train = _write(tmp_path / "train.csv", rows[:60], ["title", "content", "category"])
    test = _write(tmp_path / "test.csv", rows[60:90], ["title", "content", "category"])
    report = _run("eval_routing", "--train", str(train), "--test", str(test), "--baseline")
    for key in ("accuracy", "macro_f1", "per_category", "coverage_at_threshold", "accuracy_at_threshold",
                "train_seconds", "predict_ms_p50", "predict_ms_p95"):
        assert key in report
    assert set(report["per_category"]["y-te"]) >= {"precision", "recall", "f1"}
    assert report["accuracy"] >= 0.8
    assert 0 <= report["coverage_at_threshold"] <= 1
    assert "accuracy" in report["baseline"]


def test_eval_routing_rejects_a_file_without_the_columns(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("text,label\nx,y\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("eval_routing", "--train", str(bad), "--test", str(bad))


def test_eval_duplicates_prints_precision_recall_f1(tmp_path):
    rows = read_rows(DUPLICATE_PAIRS)[:20]
    pairs = _write(tmp_path / "pairs.csv", rows, list(rows[0]))
    report = _run("eval_duplicates", "--pairs", str(pairs))
    assert report["pairs"] == 20
    assert {"precision", "recall", "f1"} <= set(report)
    assert report["true_positives"] + report["false_negatives"] == sum(int(r["is_duplicate"]) for r in rows)
    assert report["category_router"] is False
    loo = report["leave_one_out"]
    assert loo["true_positives"] + loo["false_negatives"] == sum(int(r["is_duplicate"]) for r in rows)
    # intake scores a pair only when the words overlap enough: it can drop positives, never add them
    at_intake = report["at_intake"]
    assert at_intake["true_positives"] + at_intake["false_negatives"] == sum(int(r["is_duplicate"]) for r in rows)
    assert at_intake["true_positives"] <= report["true_positives"]
    assert at_intake["false_positives"] <= report["false_positives"]


def test_eval_duplicates_reads_pairs_whose_place_is_only_in_the_text(tmp_path):
    rows = [
        {"id": "T1", "text_a": "Hẻm 190 Nguyễn Thái Sơn nước cống tràn lên mặt hẻm 3 ngày nay, mùi hôi thối.",
         "text_b": "hem 190 nguyen thai son cong bi nghet, nuoc den ngap toi mat ca chan, hoi lam", "is_duplicate": "1"},
        {"id": "T2", "text_a": "Hẻm 190 Nguyễn Thái Sơn nước cống tràn lên mặt hẻm 3 ngày nay, mùi hôi thối.",
         "text_b": "Hẻm 473 Lê Quang Định nước cống tràn lên hẻm mấy ngày rồi, hôi thối không chịu nổi.",
         "is_duplicate": "0"},
    ]
    pairs = _write(tmp_path / "text_only.csv", rows, ["id", "text_a", "text_b", "is_duplicate"])
    report = _run("eval_duplicates", "--pairs", str(pairs))
    assert report["pairs"] == 2
    # the same problem in another street is told apart by the places named in the texts
    assert (report["true_positives"], report["false_positives"]) == (1, 0)


def test_eval_duplicates_can_use_a_category_router(petitions, tmp_path):
    rows = read_rows(DUPLICATE_PAIRS)[:12]
    pairs = _write(tmp_path / "pairs.csv", rows, list(rows[0]))
    train = _write(tmp_path / "train.csv", [r for r in petitions if r["category"] in ("giao-thong", "moi-truong")][:30],
                   ["title", "content", "category"])
    report = _run("eval_duplicates", "--pairs", str(pairs), "--train", str(train))
    assert report["category_router"] is True
    assert report["pairs"] == 12


def test_eval_address_prints_accuracy(tmp_path):
    rows = [
        {"address": "hẻm 34 Lê Văn Sỹ, P.13, Q.3", "ward_code": "27142"},
        {"address": "12 le loi, phuong ben thanh", "ward_code": "26743"},
        {"address": "Quận 3", "ward_code": "27142"},  # not enough to answer
    ]
    test = _write(tmp_path / "addr.csv", rows, ["address", "ward_code"])
    report = _run("eval_address", "--test", str(test), "--province", "79")
    assert report["accuracy"] == pytest.approx(2 / 3, abs=1e-3)
    assert report["resolved_share"] == pytest.approx(2 / 3, abs=1e-3)
    assert report["accuracy_when_resolved"] == 1.0
    assert "ms_p95" in report


@pytest.mark.django_db
def test_train_router_learns_from_confirmed_cases_only(petitions, settings):
    categories = {code: CategoryFactory(code=code, name=code) for code in ("dien-nuoc", "giao-thong")}
    rows = [r for r in petitions if r["category"] in categories][:40]
    for row in rows:
        CaseFactory(title=row["title"], content=row["content"], category=categories[row["category"]])
    CaseFactory(title="x", content="y", category=categories["dien-nuoc"], category_confirmed=False)
    report = _run("train_router", "--min-cases", "20")
    assert report["cases"] == 40
    assert latest_model_path(settings.MODEL_DIR) is not None


@pytest.mark.django_db
def test_train_router_refuses_too_little_history():
    with pytest.raises(CommandError):
        call_command("train_router")
