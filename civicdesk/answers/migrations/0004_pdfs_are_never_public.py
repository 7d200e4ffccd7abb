"""PDFs sent with answers lose their "public copy" (it was the original, author and JavaScript kept):
PDFs are never public now. The copies are deleted; the originals stay for the staff."""

from django.core.files.storage import default_storage
from django.db import migrations


def forget_public_pdfs(apps, schema_editor):  # type: ignore[no-untyped-def]
    rows = apps.get_model("answers", "AnswerAttachment").objects.filter(
        content_type="application/pdf").exclude(public_file="")
    for name in rows.values_list("public_file", flat=True).iterator():
        try:
            default_storage.delete(name)
        except OSError:
            pass  # already gone, or for the operator: no row points at it any more
    rows.update(public_file="")


class Migration(migrations.Migration):
    dependencies = [("answers", "0003_templates_and_files")]

    operations = [migrations.RunPython(forget_public_pdfs, migrations.RunPython.noop, elidable=True)]
