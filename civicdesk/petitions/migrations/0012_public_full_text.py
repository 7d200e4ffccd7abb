"""The public search becomes a full-text match on the folded public texts (`petitions/search.py`).

PostgreSQL only: a stored generated column `public_search` holds the tsvector of the folded public
title and content, with a GIN index. It replaces the two trigram indexes, which could not answer a
common word at a million cases (every candidate rechecked: over 30 s). Stored, not an expression
index: when PostgreSQL walks the public order and checks each case, or counts matches found by
another index (a category, a period), it reads the vector instead of computing it (~80 µs a case).
The index covers the whole table, so its statistics give PostgreSQL a word's share (a partial
index's are ignored). The model does not declare the column: SQLite searches another way."""

from django.db import migrations


def _full_text_column(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from civicdesk.petitions.search import _FROM, _TO

    quote = schema_editor.quote_value
    schema_editor.execute("DROP INDEX IF EXISTS case_public_title_folded_trgm")
    schema_editor.execute("DROP INDEX IF EXISTS case_public_content_folded_trgm")
    schema_editor.execute(
        "ALTER TABLE petitions_case ADD COLUMN IF NOT EXISTS public_search tsvector GENERATED ALWAYS AS ("
        f"to_tsvector('simple'::regconfig, LOWER(TRANSLATE(public_title || ' ' || public_content, {quote(_FROM)},"
        f" {quote(_TO)})))) STORED")
    schema_editor.execute("CREATE INDEX IF NOT EXISTS case_public_text_search ON petitions_case USING gin (public_search)")


def _drop_full_text_column(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS case_public_text_search")
    schema_editor.execute("ALTER TABLE petitions_case DROP COLUMN IF EXISTS public_search")


class Migration(migrations.Migration):

    dependencies = [
        ("petitions", "0011_page_indexes"),
    ]

    operations = [
        migrations.RunPython(_full_text_column, _drop_full_text_column),
    ]
