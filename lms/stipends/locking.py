"""Database triggers that keep an approved statement, its lines and their traces unchanged.

Like lms.append_only: SQLite gets insert/update triggers only (its test flush deletes rows),
PostgreSQL also refuses deletes (its flush truncates, which row triggers do not see).
"""

from django.db import migrations

STATEMENT = "stipends_stipendstatement"
LINE = "stipends_statementline"
TRACE = "stipends_statementlineentry"

# SQL (over a row alias R) telling whether the row belongs to an approved statement.
LOCKED = {
    STATEMENT: "R.status = 'approved'",
    LINE: "EXISTS (SELECT 1 FROM stipends_stipendstatement s WHERE s.id = R.statement_id"
    " AND s.status = 'approved')",
    TRACE: "EXISTS (SELECT 1 FROM stipends_statementline l"
    " JOIN stipends_stipendstatement s ON s.id = l.statement_id"
    " WHERE l.id = R.line_id AND s.status = 'approved')",
}


def _postgresql(table: str) -> list[str]:
    name = f"{table}_locked"
    old, new = LOCKED[table].replace("R.", "OLD."), LOCKED[table].replace("R.", "NEW.")
    insert_check = "" if table == STATEMENT else f"IF TG_OP = 'INSERT' AND {new} THEN RAISE"
    if insert_check:
        insert_check += f" EXCEPTION '{table}: the statement is approved and locked'; END IF;"
    return [
        f"""
        CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$
        BEGIN
            {insert_check}
            IF TG_OP IN ('UPDATE', 'DELETE') AND {old} THEN
                RAISE EXCEPTION '{table}: the statement is approved and locked';
            END IF;
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
        END;
        $$ LANGUAGE plpgsql;
        """,
        f"DROP TRIGGER IF EXISTS {name} ON {table};",
        f"""CREATE TRIGGER {name} BEFORE INSERT OR UPDATE OR DELETE ON {table}
            FOR EACH ROW EXECUTE FUNCTION {name}();""",
    ]


def _sqlite(table: str) -> list[str]:
    name = f"{table}_locked"
    old, new = LOCKED[table].replace("R.", "OLD."), LOCKED[table].replace("R.", "NEW.")
    message = f"{table}: the statement is approved and locked"
    statements = [
        f"DROP TRIGGER IF EXISTS {name}_update;",
        f"""CREATE TRIGGER {name}_update BEFORE UPDATE ON {table} WHEN {old}
            BEGIN SELECT RAISE(ABORT, '{message}'); END;""",
    ]
    if table != STATEMENT:
        statements += [
            f"DROP TRIGGER IF EXISTS {name}_insert;",
            f"""CREATE TRIGGER {name}_insert BEFORE INSERT ON {table} WHEN {new}
                BEGIN SELECT RAISE(ABORT, '{message}'); END;""",
        ]
    return statements


def install_lock_triggers():
    def forwards(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        build = {"postgresql": _postgresql, "sqlite": _sqlite}.get(vendor)
        if build is None:
            return
        for table in LOCKED:
            for statement in build(table):
                schema_editor.execute(statement)

    def backwards(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for table in LOCKED:
            name = f"{table}_locked"
            if vendor == "postgresql":
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table};")
            elif vendor == "sqlite":
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}_update;")
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}_insert;")

    return migrations.RunPython(forwards, backwards)
