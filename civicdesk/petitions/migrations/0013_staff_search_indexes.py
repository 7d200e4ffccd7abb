"""The staff search (`petitions/search.staff_cases`) also looks in the address and the sender's
name: trigram indexes on both, so its OR is a BitmapOr of index scans like the title's and the
content's (0011), not a read of every case of the agency."""

from django.db import migrations

INDEXES = {
    "case_address_trgm": 'UPPER("address_text"::text) gin_trgm_ops',
    "case_reporter_name_trgm": 'UPPER("reporter_name"::text) gin_trgm_ops',
}


def _create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, expression in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON petitions_case USING gin ({expression})")


def _drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ("petitions", "0012_public_full_text"),
    ]

    operations = [
        migrations.RunPython(_create, _drop),
    ]
