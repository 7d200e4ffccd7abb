import json

import pytest
from django.core.management import CommandError, call_command

from civicdesk.assistant.models import KnowledgeEntry


def write_jsonl(path, rows):
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")


ROWS = [
    {"id": "p1", "kind": "procedure", "title": "Đăng ký khai sinh", "body": "Trong 60 ngày kể từ ngày sinh.",
     "steps": ["Nộp tờ khai", "Nhận giấy khai sinh"], "documents": ["Giấy chứng sinh"], "fees": "Miễn phí",
     "time_limit": "Trong ngày", "agency": "UBND phường, xã"},
    {"id": "q1", "title": "Mất điện báo ở đâu?", "text": "Gọi tổng đài ngành điện."},
]


def test_it_imports_jsonl_and_is_idempotent(db, tmp_path, capsys):
    path = tmp_path / "kb.jsonl"
    write_jsonl(path, ROWS)
    call_command("import_kb", str(path))
    call_command("import_kb", str(path))
    out = capsys.readouterr().out
    assert "2 created" in out and "2 unchanged" in out
    assert KnowledgeEntry.objects.count() == 2
    procedure = KnowledgeEntry.objects.get(external_id="p1")
    assert procedure.kind == "procedure"
    assert procedure.step_list == ["Nộp tờ khai", "Nhận giấy khai sinh"]
    assert KnowledgeEntry.objects.get(external_id="q1").body == "Gọi tổng đài ngành điện."


def test_it_updates_an_entry_with_the_same_id(db, tmp_path):
    path = tmp_path / "kb.jsonl"
    write_jsonl(path, ROWS)
    call_command("import_kb", str(path))
    write_jsonl(path, [{**ROWS[1], "text": "Gọi 1900 54 54 54."}])
    call_command("import_kb", str(path))
    assert KnowledgeEntry.objects.get(external_id="q1").body == "Gọi 1900 54 54 54."
    assert KnowledgeEntry.objects.count() == 2


def test_it_imports_csv(db, tmp_path):
    path = tmp_path / "kb.csv"
    path.write_text("id,kind,title,body,legal_basis\nl1,legal,Luật Cư trú Điều 27,Tạm trú từ 30 ngày,Luật Cư trú 2020\n",
                    encoding="utf-8")
    call_command("import_kb", str(path))
    entry = KnowledgeEntry.objects.get(external_id="l1")
    assert (entry.kind, entry.legal_basis) == ("legal", "Luật Cư trú 2020")


def test_it_rejects_a_row_without_id_and_imports_nothing(db, tmp_path):
    path = tmp_path / "kb.jsonl"
    write_jsonl(path, [ROWS[0], {"title": "không có mã"}])
    with pytest.raises(CommandError, match="id"):
        call_command("import_kb", str(path))
    assert not KnowledgeEntry.objects.exists()


def test_it_rejects_an_unknown_kind(db, tmp_path):
    path = tmp_path / "kb.jsonl"
    write_jsonl(path, [{"id": "x", "kind": "recipe", "title": "Phở"}])
    with pytest.raises(CommandError, match="unknown kind"):
        call_command("import_kb", str(path))


def test_the_demo_knowledge_base_loads_twice_without_duplicates(db):
    call_command("load_demo_kb")
    count = KnowledgeEntry.objects.count()
    call_command("load_demo_kb")
    assert 40 <= count == KnowledgeEntry.objects.count() <= 60
    assert set(KnowledgeEntry.objects.values_list("kind", flat=True)) == {"qa", "procedure", "legal"}
