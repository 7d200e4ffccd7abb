from civicdesk.answers.models import Answer
from civicdesk.assistant.models import KnowledgeEntry
from civicdesk.assistant.retrieval import search_entries
from tests.factories import CaseFactory, UserFactory


def approve(case, public_body="Ngày 12/5 phường đã nạo vét cống, hết ngập."):
    return Answer.objects.create(case=case, author=UserFactory(), body="Gọi ông An 0903123456: đã nạo vét.",
                                 public_body=public_body, state=Answer.State.APPROVED)


def test_an_approved_answer_of_a_public_case_joins_the_knowledge_base(db):
    case = CaseFactory(tracking_code="ABCD-2345", title="Hẻm 12 ngập nước", is_public=True)
    approve(case)
    entry = KnowledgeEntry.objects.get(case=case)
    assert entry.kind == "answer" and entry.is_active
    assert entry.body == "Ngày 12/5 phường đã nạo vét cống, hết ngập."
    assert "0903123456" not in entry.body + entry.question  # the masked public text only
    assert "Nguyễn Văn An" not in entry.question
    assert [e for e, _ in search_entries("hem ngap nuoc")] == [entry]


def test_a_draft_answer_does_not(db):
    case = CaseFactory(is_public=True)
    Answer.objects.create(case=case, author=UserFactory(), body="nháp", state=Answer.State.DRAFT)
    assert not KnowledgeEntry.objects.exists()


def test_the_entry_follows_the_case_being_made_public_or_withdrawn(db):
    case = CaseFactory(title="Đèn đường hỏng", is_public=False)
    approve(case, "Ngày 2/6 đã thay bóng đèn.")
    assert not KnowledgeEntry.objects.get(case=case).is_active
    case.is_public = True
    case.save()
    assert KnowledgeEntry.objects.get(case=case).is_active
    case.is_public = False
    case.save()
    assert not KnowledgeEntry.objects.get(case=case).is_active


def test_answers_written_without_signals_are_caught_up(db, capsys):
    from django.core.management import call_command

    case = CaseFactory(title="Rác tồn đọng ở chợ", is_public=True)
    Answer.objects.bulk_create([Answer(case=case, author=UserFactory(), body="x", public_body="Đã thu gom ngày 3/3.",
                                       state=Answer.State.APPROVED)])
    assert not KnowledgeEntry.objects.exists()
    call_command("sync_published_answers")
    call_command("sync_published_answers")
    assert "1 published answers" in capsys.readouterr().out
    assert KnowledgeEntry.objects.get(case=case).body == "Đã thu gom ngày 3/3."
