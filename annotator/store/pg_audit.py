"""The audit trail of a server project (migration 3): statement-level triggers write every change to ``audit``.

The triggers run ``audit_change()``, a SECURITY DEFINER function of the project's owner role (pg_roles.py), so
no client can skip or alter what it records.
"""

from __future__ import annotations

# table: (key columns, joins from the row r, doc id, layer name, row key, columns whose change alone is not logged)
AUDITED: dict[str, tuple[tuple[str, ...], str, str, str, str, tuple[str, ...]]] = {
    "spans": (
        ("id",),
        "LEFT JOIN layers l ON l.id = r.layer LEFT JOIN documents d ON d.rowid = l.doc",
        "d.id", "l.annotator", "r.id::text", (),
    ),
    "layers": (("id",), "LEFT JOIN documents d ON d.rowid = r.doc", "d.id", "r.annotator", "r.id::text",
               ("updated_at",)),
    "documents": (("rowid",), "", "r.id", "NULL", "r.id", ()),
    "assignments": (("doc", "annotator"), "LEFT JOIN documents d ON d.rowid = r.doc", "d.id", "r.annotator",
                    "r.annotator", ()),
    "settings": (("key",), "", "NULL", "NULL", "r.key", ()),
    "decisions": (("doc", "start", '"end"'), "LEFT JOIN documents d ON d.rowid = r.doc", "d.id", "NULL",
                  "r.start || '-' || r.\"end\"", ()),
    "rejections": (("doc", "annotator", "start", '"end"', "label"), "LEFT JOIN documents d ON d.rowid = r.doc",
                   "d.id", "r.annotator", "r.start || '-' || r.\"end\" || ' ' || r.label", ()),
    # a text is recorded when it is rewritten (its document's insert and delete are), without its binary columns
    "texts": (("doc",), "LEFT JOIN documents d ON d.rowid = r.doc", "d.id", "NULL", "d.id", ()),
}  # fmt: skip
AUDITED_OPS = {"texts": ("UPDATE",)}  # every other table: INSERT, UPDATE and DELETE
_BINARY = {"texts": ("raw_offsets", "tokens", "sentences")}  # left out of before and after


def _audit_statement(table: str, op: str) -> str:
    keys, joins, doc, layer, row_key, ignored = AUDITED[table]
    insert = "INSERT INTO audit(who, tbl, action, doc, layer, row_key, before, after) "
    values = f"SELECT session_user, '{table}', '{op.lower()}', {doc}, {layer}, {row_key}"
    binary = "".join(f" - '{c}'" for c in _BINARY.get(table, ()))
    if op == "INSERT":
        return f"{insert}{values}, NULL, to_jsonb(r){binary} FROM new_rows r {joins}"
    if op == "DELETE":
        return f"{insert}{values}, to_jsonb(r){binary}, NULL FROM old_rows r {joins}"
    pairs = " AND ".join(f"o.{k} = r.{k}" for k in keys)
    drop = "".join(f" - '{c}'" for c in ignored)
    return (
        f"{insert}{values}, to_jsonb(o){binary}, to_jsonb(r){binary} FROM old_rows o JOIN new_rows r ON {pairs} "
        f"{joins} WHERE to_jsonb(o){drop} IS DISTINCT FROM to_jsonb(r){drop}"
    )


def audit_function() -> str:
    branches = []
    for table in AUDITED:
        for op in AUDITED_OPS.get(table, ("INSERT", "UPDATE", "DELETE")):
            branches.append(
                f"IF TG_TABLE_NAME = '{table}' AND TG_OP = '{op}' THEN {_audit_statement(table, op)}; END IF;"
            )
    body = "\n    ".join(branches)
    # a statement that changed no row records nothing: parts of most span edits (the suggestions an added span
    # replaces, the document it starts) change none, and leaving at once costs a third of running the branches
    empty = (
        "IF TG_OP = 'DELETE' THEN\n        IF NOT EXISTS (SELECT FROM old_rows) THEN RETURN NULL; END IF;\n"
        "    ELSIF NOT EXISTS (SELECT FROM new_rows) THEN\n        RETURN NULL;\n    END IF;"
    )
    return (
        "CREATE FUNCTION audit_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT "
        f"AS $body$\nBEGIN\n    {empty}\n    {body}\n    RETURN NULL;\nEND\n$body$"
    )


def audit_triggers() -> tuple[str, ...]:
    referencing = {
        "INSERT": "NEW TABLE AS new_rows",
        "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "DELETE": "OLD TABLE AS old_rows",
    }
    return tuple(
        f"CREATE TRIGGER {table}_{op.lower()}_audit AFTER {op} ON {table} REFERENCING {ref} "
        "FOR EACH STATEMENT EXECUTE FUNCTION audit_change()"
        for table in AUDITED
        for op, ref in referencing.items()
        if op in AUDITED_OPS.get(table, referencing)
    )
