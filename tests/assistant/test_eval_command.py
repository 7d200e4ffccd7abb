import json

from django.core.management import call_command

KB = [
    {"id": "1", "title": "Đổi giấy phép lái xe", "text": "Nộp tại Phòng Cảnh sát giao thông."},
    {"id": "2", "title": "Đăng ký tạm trú", "text": ""},
    {"id": "3", "title": "Cấp thẻ căn cước", "text": "Công an phường, xã."},
]
QUESTIONS = [
    {"question": "doi bang lai xe o dau", "relevant_ids": ["1"]},
    {"question": "đăng ký tạm trú", "relevant_ids": ["2"]},
    {"question": "lam cccd", "relevant_ids": ["3"]},
]


def run(tmp_path, capsys, *flags):
    kb, questions = tmp_path / "kb.jsonl", tmp_path / "q.jsonl"
    kb.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in KB), encoding="utf-8")
    questions.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in QUESTIONS), encoding="utf-8")
    call_command("eval_assistant", "--kb", str(kb), "--questions", str(questions), *flags)
    return json.loads(capsys.readouterr().out)


def test_it_prints_the_metrics_as_json(db, tmp_path, capsys):
    result = run(tmp_path, capsys)
    for key in ("hit_at_1", "hit_at_5", "mrr_at_10", "index_seconds", "query_ms_p50", "query_ms_p95"):
        assert key in result
    assert result["hit_at_1"] == 1.0 and result["mrr_at_10"] == 1.0


def test_the_plain_baseline_is_measured_on_the_same_files(db, tmp_path, capsys):
    result = run(tmp_path, capsys, "--plain")
    assert result["method"] == "plain-bm25"
    assert result["hit_at_5"] < 1.0  # no folding, no synonyms: "lam cccd" and "doi bang lai" are lost


def test_half_keeps_every_other_question(db, tmp_path, capsys):
    assert run(tmp_path, capsys, "--half", "even")["questions"] == 2
    assert run(tmp_path, capsys, "--half", "odd")["questions"] == 1
