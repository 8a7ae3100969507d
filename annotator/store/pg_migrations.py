"""The server project's SQL schema, one tuple of statements per version (the file's is in migrations.py).

Barchasb's tables live in a schema of their own (``barchasb`` unless the URL's ``options`` set another
``search_path``). Version 1 holds what a file holds at its version 6, with the server's types: identity
ids that are never reused, BYTEA blobs, 8-byte floats (as SQLite stores them), and text compared by
code point (``COLLATE "C"``) so that every list comes out in the same order as from a file.
"""

from __future__ import annotations

from annotator.store.pg_roles import MIGRATION_3

APPLICATION = "barchasb"

_TEXT = 'TEXT COLLATE "C"'
_NOW = """to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')"""
_ID = "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"

_V1 = (
    # version 1: everything of file version 6
    f"""
    CREATE TABLE meta (key {_TEXT} PRIMARY KEY, value {_TEXT} NOT NULL);
    CREATE TABLE settings (key {_TEXT} PRIMARY KEY, value {_TEXT} NOT NULL);
    CREATE TABLE documents (
        rowid {_ID},
        id {_TEXT} NOT NULL UNIQUE,
        title {_TEXT} NOT NULL,
        meta {_TEXT} NOT NULL DEFAULT '{{}}',
        status {_TEXT} NOT NULL DEFAULT 'new',
        n_tokens INTEGER NOT NULL,
        n_chars INTEGER NOT NULL,
        content_hash {_TEXT} NOT NULL,
        normalization {_TEXT} NOT NULL,
        source {_TEXT},
        imported_at {_TEXT} NOT NULL DEFAULT {_NOW}
    );
    CREATE INDEX documents_hash ON documents(content_hash);
    CREATE TABLE texts (
        doc BIGINT PRIMARY KEY REFERENCES documents(rowid) ON DELETE CASCADE,
        raw_text {_TEXT} NOT NULL,
        text {_TEXT} NOT NULL,
        raw_offsets BYTEA,
        tokens BYTEA NOT NULL,
        sentences BYTEA NOT NULL
    );
    CREATE TABLE layers (
        id {_ID},
        doc BIGINT NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
        annotator {_TEXT} NOT NULL,
        status {_TEXT} NOT NULL DEFAULT 'new',
        updated_at {_TEXT} NOT NULL DEFAULT {_NOW},
        UNIQUE (doc, annotator)
    );
    CREATE TABLE spans (
        id {_ID},
        layer BIGINT NOT NULL REFERENCES layers(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        label {_TEXT} NOT NULL,
        role {_TEXT},
        status {_TEXT} NOT NULL DEFAULT 'accepted',
        source {_TEXT} NOT NULL DEFAULT 'human',
        confidence DOUBLE PRECISION,
        CHECK (0 <= start AND start < "end")
    );
    CREATE INDEX spans_reading_order ON spans(layer, start, "end", id);
    CREATE TABLE models (
        name {_TEXT} PRIMARY KEY,
        created_at {_TEXT} NOT NULL DEFAULT {_NOW},
        meta {_TEXT} NOT NULL,
        data BYTEA NOT NULL,
        signature BYTEA
    );
    CREATE TABLE lexicon (
        id {_ID},
        text {_TEXT} NOT NULL,
        label {_TEXT} NOT NULL,
        count INTEGER NOT NULL DEFAULT 1,
        UNIQUE (text, label)
    );
    CREATE TABLE rejections (
        doc BIGINT NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
        annotator {_TEXT} NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        label {_TEXT} NOT NULL,
        PRIMARY KEY (doc, annotator, start, "end", label)
    );
    CREATE TABLE assignments (
        doc BIGINT NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
        annotator {_TEXT} NOT NULL,
        assigned_at {_TEXT} NOT NULL DEFAULT {_NOW},
        PRIMARY KEY (doc, annotator)
    );
    CREATE TABLE decisions (
        doc BIGINT NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        decision {_TEXT} NOT NULL,
        PRIMARY KEY (doc, start, "end")
    )
    """
)

# Tables whose changes other clients are told of, and the events of each (statement triggers, below).
NOTIFYING = {
    "spans": ("INSERT", "UPDATE", "DELETE"),
    "layers": ("INSERT", "UPDATE", "DELETE"),
    "documents": ("INSERT", "UPDATE", "DELETE"),
    "settings": ("INSERT", "UPDATE", "DELETE"),
    "assignments": ("INSERT", "DELETE"),
    "decisions": ("INSERT", "UPDATE", "DELETE"),
}

# Version 2: every committed change is announced on the channel barchasb_<schema> (LISTEN/NOTIFY), one
# message per changed layer, document, setting, assignment or decision, written by the database itself
# (statement triggers with transition tables: one message per layer however many spans a statement changed;
# identical messages of one transaction arrive once; a rolled-back change announces nothing).
_NOTIFY_FUNCTION = """
CREATE FUNCTION notify_change() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $body$
DECLARE
    channel text := 'barchasb_' || TG_TABLE_SCHEMA;
BEGIN
    IF TG_TABLE_NAME = 'spans' THEN
        PERFORM pg_notify(channel, json_build_object('table', 'spans', 'doc', d.id, 'layer', l.annotator)::text)
        FROM (SELECT DISTINCT layer FROM changed) c JOIN layers l ON l.id = c.layer JOIN documents d ON d.rowid = l.doc;
    ELSIF TG_TABLE_NAME = 'layers' THEN
        PERFORM pg_notify(channel, json_build_object('table', 'layers', 'doc', d.id, 'layer', c.annotator)::text)
        FROM (SELECT DISTINCT doc, annotator FROM changed) c JOIN documents d ON d.rowid = c.doc;
    ELSIF TG_TABLE_NAME = 'documents' THEN
        PERFORM pg_notify(channel, json_build_object('table', 'documents', 'doc', c.id)::text)
        FROM (SELECT DISTINCT id FROM changed) c;
    ELSIF TG_TABLE_NAME = 'settings' THEN
        PERFORM pg_notify(channel, json_build_object('table', 'settings', 'key', c.key)::text)
        FROM (SELECT DISTINCT key FROM changed) c;
    ELSE
        PERFORM pg_notify(channel, json_build_object('table', TG_TABLE_NAME, 'doc', d.id)::text)
        FROM (SELECT DISTINCT doc FROM changed) c JOIN documents d ON d.rowid = c.doc;
    END IF;
    RETURN NULL;
END
$body$
"""

_V2 = (
    _NOTIFY_FUNCTION,
    *(
        f"CREATE TRIGGER {table}_{event.lower()}_notify AFTER {event} ON {table} "
        f"REFERENCING {'OLD' if event == 'DELETE' else 'NEW'} TABLE AS changed "
        "FOR EACH STATEMENT EXECUTE FUNCTION notify_change()"
        for table, events in NOTIFYING.items()
        for event in events
    ),
)

PG_MIGRATIONS: tuple[tuple[str, ...], ...] = (
    tuple(part.strip() for part in _V1.split(";") if part.strip()),
    _V2,
    # version 3: team roles, row-level security, blind rounds, private channels, the audit trail (pg_roles.py)
    MIGRATION_3,
)

PG_SCHEMA_VERSION = len(PG_MIGRATIONS)

TABLE_NAMES = (
    "settings", "documents", "texts", "layers", "spans", "models", "lexicon", "rejections", "assignments", "decisions",
)  # fmt: skip

# identity columns, for a copy that keeps ids: the sequences must then move past the copied ones
IDENTITIES = (("documents", "rowid"), ("layers", "id"), ("spans", "id"), ("lexicon", "id"))
