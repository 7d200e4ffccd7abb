"""`civicdesk eval-masking --test FILE.jsonl`: the figures it prints, through the real command."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from civicdesk.lib import masking_eval
from civicdesk.lib.masking import mask_personal_data

ROOT = Path(__file__).resolve().parents[2]
KEYS = ["texts", "pii_total", "pii_recall", "keep_total", "keep_rate", "ms_p95"]

ITEMS = [
    {"id": "1", "kind": "report", "reporter_name": "Nguyễn Văn An",
     "text": "Tôi là Nguyễn Văn An, SĐT 0903 123 456. Ổ gà trên đường Lê Lợi.",
     "pii": ["Nguyễn Văn An", "0903 123 456"], "keep": ["đường Lê Lợi"]},
    {"id": "2", "kind": "answer", "reporter_name": "Trần Thị Lan",
     "text": "Kính gửi bà Trần Thị Lan. Liên hệ đường dây nóng 028 3829 1234 hoặc qldt@tphcm.gov.vn.",
     "pii": ["Trần Thị Lan"], "keep": ["028 3829 1234", "qldt@tphcm.gov.vn"]},
    # An ordinary word listed as personal data cannot be removed without destroying the text: it counts as
    # a miss, so the figures below are not all 1.0.
    {"id": "3", "kind": "report", "reporter_name": None, "text": "Đèn đường hỏng từ hôm qua.",
     "pii": ["hỏng"], "keep": ["Đèn đường"]},
]


def _write(path: Path, items: list[dict]) -> Path:
    path.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in items) + "\n", encoding="utf-8")
    return path


def test_it_prints_the_figures_with_exactly_the_agreed_keys(tmp_path):
    out = StringIO()
    call_command("eval_masking", "--test", str(_write(tmp_path / "set.jsonl", ITEMS)), stdout=out)
    report = json.loads(out.getvalue())
    assert list(report) == KEYS
    assert report["texts"] == 3
    assert report["pii_total"] == 4 and report["pii_recall"] == 0.75
    assert report["keep_total"] == 4 and report["keep_rate"] == 1.0
    assert 0 < report["ms_p95"] < 100


def test_hiding_a_zero_width_character_in_a_name_does_not_count_as_masking_it():
    item = {"id": "z", "kind": "report", "reporter_name": None, "text": "Người lạ tên là Nguy\u200bễn lấy xe",
            "pii": ["Nguyễn"], "keep": ["lấy xe"]}
    unchanged = masking_eval.score([item], lambda text, names, kind: text)
    assert unchanged["pii_total"] == 1 and unchanged["pii_recall"] == 0.0 and unchanged["keep_rate"] == 1.0
    masked = masking_eval.score([item], lambda text, names, kind: mask_personal_data(text, names, kind=kind))
    assert masked["pii_recall"] == 1.0 and masked["keep_rate"] == 1.0


def test_bad_input_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "text": "ok", "pii": [], "keep": []}\nnot json\n', encoding="utf-8")
    with pytest.raises(CommandError, match=r"bad.jsonl:2: not JSON"):
        call_command("eval_masking", "--test", str(bad), stdout=StringIO())
    with pytest.raises(CommandError, match="kind must be"):
        call_command("eval_masking", "--test", str(_write(tmp_path / "k.jsonl", [ITEMS[0] | {"kind": "x"}])),
                     stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("eval_masking", "--test", str(tmp_path / "missing.jsonl"), stdout=StringIO())


def test_the_console_command_runs_without_a_secret_key_or_a_database(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CIVICDESK_")}
    env["CIVICDESK_DATA_DIR"] = str(tmp_path / "data")
    env["CIVICDESK_DATABASE_URL"] = "postgres://nobody@127.0.0.1:1/none"  # unreachable: must not be needed
    result = subprocess.run(
        [sys.executable, "-m", "civicdesk.cli", "eval-masking", "--test", str(_write(tmp_path / "s.jsonl", ITEMS))],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert list(report) == KEYS and report["texts"] == 3 and report["pii_recall"] == 0.75
