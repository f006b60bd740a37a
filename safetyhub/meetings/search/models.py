"""Derived search rows, one per meeting and per directive, keyed by the row they index.

The tables are not Django-managed: migration 0002 creates an FTS5 virtual table on SQLite
and a table with a weighted tsvector and a GIN index on PostgreSQL. The key column is named
`rowid` on both because that is what an FTS5 row is keyed by; these models exist so the ORM
can join to the tables and cascade deletes to them.
"""

from __future__ import annotations

from django.db import models

from ..models import Directive, Meeting


class MeetingSearchRow(models.Model):
    meeting = models.OneToOneField(
        Meeting,
        primary_key=True,
        db_column="rowid",
        db_constraint=False,
        on_delete=models.CASCADE,
        related_name="search_row",
    )

    class Meta:
        managed = False
        db_table = "meetings_search"
        app_label = "meetings"

    def __str__(self) -> str:
        return f"search row of meeting {self.pk}"


class DirectiveSearchRow(models.Model):
    directive = models.OneToOneField(
        Directive,
        primary_key=True,
        db_column="rowid",
        db_constraint=False,
        on_delete=models.CASCADE,
        related_name="search_row",
    )

    class Meta:
        managed = False
        db_table = "meetings_directive_search"
        app_label = "meetings"

    def __str__(self) -> str:
        return f"search row of directive {self.pk}"
