"""A PDF's "public copy" was the original itself (author, JavaScript and all): PDFs are never public
now, so the copies made before are deleted and the rows forget them. Originals stay for the staff."""

from django.core.files.storage import default_storage
from django.db import migrations


def forget_public_pdfs(apps, schema_editor):  # type: ignore[no-untyped-def]
    rows = apps.get_model("petitions", "Attachment").objects.filter(content_type="application/pdf").exclude(public_file="")
    for name in rows.values_list("public_file", flat=True).iterator():
        try:
            default_storage.delete(name)
        except OSError:
            pass  # already gone, or for the operator: no row points at it any more
    rows.update(public_file="")


class Migration(migrations.Migration):
    dependencies = [("petitions", "0003_case_personal_data_erased_at")]

    operations = [migrations.RunPython(forget_public_pdfs, migrations.RunPython.noop, elidable=True)]
