"""The database itself refuses to change or remove audit events.

PostgreSQL and SQLite each get triggers that abort UPDATE and DELETE on the table
(and TRUNCATE on PostgreSQL). Reversible, so a restore into an older schema can drop them.
"""

from django.db import migrations

TABLE = "audit_auditevent"

POSTGRESQL_ON = f"""
CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit events are append-only (% refused)', TG_OP;
END $$;
CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON {TABLE}
  FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON {TABLE}
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
"""
POSTGRESQL_OFF = f"""
DROP TRIGGER audit_event_no_truncate ON {TABLE};
DROP TRIGGER audit_event_no_update_delete ON {TABLE};
DROP FUNCTION audit_event_append_only();
"""
SQLITE_ON = [
    f"CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON {TABLE} "
    "BEGIN SELECT RAISE(ABORT, 'audit events are append-only (UPDATE refused)'); END;",
    f"CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON {TABLE} "
    "BEGIN SELECT RAISE(ABORT, 'audit events are append-only (DELETE refused)'); END;",
]
SQLITE_OFF = ["DROP TRIGGER audit_event_no_update;", "DROP TRIGGER audit_event_no_delete;"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": [POSTGRESQL_ON], "sqlite": SQLITE_ON}),
            _run({"postgresql": [POSTGRESQL_OFF], "sqlite": SQLITE_OFF}),
        )
    ]
