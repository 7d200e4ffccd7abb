from io import StringIO

from django.core.management import call_command

from civicdesk.answers import templating
from civicdesk.answers.models import AnswerTemplate


def _load(*args):
    out = StringIO()
    call_command("load_answer_templates", *args, stdout=out)
    return out.getvalue()


def test_it_loads_general_and_category_templates_once(case):  # case.category is ha-tang-do-thi
    first = _load()
    assert "skipped" in first
    general = AnswerTemplate.objects.filter(category=None).count()
    assert general >= 2
    assert AnswerTemplate.objects.filter(category=case.category).count() == 1
    count = AnswerTemplate.objects.count()
    _load()
    assert AnswerTemplate.objects.count() == count


def test_every_loaded_template_fills_without_leftover_placeholders(case):
    _load()
    for template in AnswerTemplate.objects.all():
        filled = templating.fill(template.body, case)
        assert "{" not in filled, template.title


def test_an_edited_text_is_kept_unless_overwrite_is_asked(case):
    _load()
    template = AnswerTemplate.objects.filter(category=None).first()
    template.body = "Đã sửa trong trang quản trị"
    template.save()
    _load()
    template.refresh_from_db()
    assert template.body == "Đã sửa trong trang quản trị"
    _load("--overwrite")
    template.refresh_from_db()
    assert template.body != "Đã sửa trong trang quản trị"
