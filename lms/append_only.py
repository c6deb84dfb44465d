"""Append-only tables: Python guards everywhere, database triggers where the database allows.

SQLite gets an update trigger only: Django's test flush empties SQLite tables with DELETE,
so a delete trigger there would break the test database; PostgreSQL flushes with TRUNCATE,
which row triggers do not see, so it gets both.
"""

from django.db import migrations, models


class AppendOnlyError(Exception):
    """Raised when code tries to edit or delete a row of an append-only table."""


class AppendOnlyQuerySet(models.QuerySet):
    def delete(self):
        raise AppendOnlyError(f"{self.model.__name__} rows cannot be deleted.")

    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model.__name__} rows cannot be updated in bulk.")

    def _raw_delete(self, using):
        raise AppendOnlyError(f"{self.model.__name__} rows cannot be deleted.")


def forbid_delete(instance):
    raise AppendOnlyError(f"{type(instance).__name__} rows cannot be deleted.")


class AppendOnlyModel(models.Model):
    """A model whose rows are written once: saving an existing row or deleting one raises.

    ``mutable_fields`` names the fields a ``save(update_fields=...)`` may still change (for
    example a decision recorded on a pending row); the database triggers say which values.
    ``append_only_hint`` tells the caller what to do instead.
    """

    mutable_fields: frozenset[str] = frozenset()
    append_only_hint = ""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if not self._state.adding and not (
            update_fields is not None and set(update_fields) <= self.mutable_fields
        ):
            raise AppendOnlyError(
                f"{type(self).__name__} rows cannot be changed. {self.append_only_hint}".strip()
            )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(
            f"{type(self).__name__} rows cannot be deleted. {self.append_only_hint}".strip()
        )


def trigger_sql(vendor: str, table: str, *, update_allowed_when: str | None = None) -> list[str]:
    """SQL creating the triggers that refuse edits (except an allowed transition) and deletes.

    ``update_allowed_when`` is a SQL condition over OLD/NEW that permits an update.
    """
    name = f"{table}_append_only"
    allowed = update_allowed_when or "FALSE"
    if vendor == "postgresql":
        return [
            f"""
            CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$
            BEGIN
                IF TG_OP = 'DELETE' THEN
                    RAISE EXCEPTION '{table} is append-only: rows cannot be deleted';
                END IF;
                IF NOT ({allowed}) THEN
                    RAISE EXCEPTION '{table} is append-only: rows cannot be changed';
                END IF;
                RETURN NEW;
            END;
            $$ LANGUAGE plpgsql;
            """,
            f"DROP TRIGGER IF EXISTS {name} ON {table};",
            f"""CREATE TRIGGER {name} BEFORE UPDATE OR DELETE ON {table}
                FOR EACH ROW EXECUTE FUNCTION {name}();""",
        ]
    if vendor == "sqlite":
        allowed_sqlite = allowed.replace("IS DISTINCT FROM", "IS NOT").replace(
            "IS NOT DISTINCT FROM", "IS"
        )
        return [
            f"DROP TRIGGER IF EXISTS {name}_update;",
            f"""CREATE TRIGGER {name}_update BEFORE UPDATE ON {table}
                WHEN NOT ({allowed_sqlite})
                BEGIN SELECT RAISE(ABORT, '{table} is append-only: rows cannot be changed');
                END;""",
        ]
    return []


def install_triggers(table: str, *, update_allowed_when: str | None = None):
    """A RunPython operation for a migration, installing the triggers for this database."""

    def forwards(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for statement in trigger_sql(vendor, table, update_allowed_when=update_allowed_when):
            schema_editor.execute(statement)

    def backwards(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        name = f"{table}_append_only"
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table};")
        elif vendor == "sqlite":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}_update;")

    return migrations.RunPython(forwards, backwards)
