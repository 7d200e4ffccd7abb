"""The public search becomes a full-text match on the folded public texts (`petitions/search.py`):
one GIN index on their tsvector replaces the two trigram indexes, which could not answer a common
word at a million cases (every candidate rechecked: over 30 s)."""

from django.db import migrations


def _full_text_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from civicdesk.petitions.search import _FROM, _TO, PUBLIC_TEXT_VECTOR

    quote = schema_editor.quote_value
    vector = PUBLIC_TEXT_VECTOR.replace("petitions_case.", "") % (quote(_FROM), quote(_TO))
    schema_editor.execute("DROP INDEX IF EXISTS case_public_title_folded_trgm")
    schema_editor.execute("DROP INDEX IF EXISTS case_public_content_folded_trgm")
    # Not partial: PostgreSQL estimates a word's share from an index's statistics only when the index
    # covers the whole table (a partial one's are ignored), and the search's plan depends on it.
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS case_public_text_search ON petitions_case USING gin (({vector}))")


def _drop_full_text_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS case_public_text_search")


class Migration(migrations.Migration):

    dependencies = [
        ("petitions", "0011_page_indexes"),
    ]

    operations = [
        migrations.RunPython(_full_text_index, _drop_full_text_index),
    ]
