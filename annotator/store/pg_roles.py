"""Roles, blind rounds, private change channels and the audit trail of a server project (migration 3).

Design:

- Roles. Each project has four group roles, named ``<schema>_<h>_owner|manager|curator|annotator``, where
  ``<h>`` is 8 hex digits of md5(database/schema): roles belong to the whole server, so two databases with
  a ``barchasb`` schema each never share one (the schema is cut to 40 characters: every name stays a valid
  identifier of at most 63). The prefix is kept in ``meta`` (key ``roles``). People are LOGIN roles, members
  of exactly one of the three groups. The one who ran ``new`` (or who migrated an older project) becomes
  the first manager; that needs a user who may create roles (CREATEROLE or superuser). The functions that
  run as the owner take the prefix from the owner's own name, never from ``meta``: with CREATEROLE the
  owner could grant another project's groups, so a prefix a manager could rewrite would be a way in there
  (``meta``'s ``roles`` and ``application`` rows are the owner's alone, its ``version`` a manager's).
- The owner (NOLOGIN) owns every table and function. The trigger functions (NOTIFY, audit) and the team
  functions are SECURITY DEFINER with ``search_path = <schema>, pg_temp``, so no client can skip or
  shadow them (a temporary table named ``audit`` is never the one written). The owner holds CREATEROLE so
  that ``team_add``/``team_set_role``/``team_remove`` (executable by managers only) create login roles and
  grant the groups: a manager needs no power over the rest of the server. Passwords reach the server only
  as SCRAM verifiers computed by the client (libpq), never in clear.
- GRANTs say which tables a group may touch, row-level security (enabled and FORCEd, the owner included)
  which rows. Policies compare with ``current_user``, the role whose privileges the statement runs with
  (the same one the GRANTs check); the audit records ``session_user``, who logged in, which a ``SET ROLE``
  cannot disguise. An annotator's layer is named after their login. Annotators read the documents
  assigned to them (the ``assignments`` rows decide) and write only their own layer, rejections and
  document status there; curators read everything and write gold, decisions, models and the lexicon;
  managers do everything but alter the audit trail (schema, import, assignment, team, export). Annotators
  and curators may UPDATE only the content columns of layers and spans (never a span's layer, a layer's
  document or name, nor a rejection): an UPDATE policy checks the new row only, so a row moved from
  someone else's layer into one's own would pass it. A row a
  role may see but not write is refused with an error (``new row violates row-level security``); a row it
  cannot see is not there for it (an UPDATE or DELETE finds nothing).
- Blind rounds: the setting ``blind`` (``true`` when missing, so a new server project starts blind). While
  it is ``true`` an annotator sees no other layer (gold included), no curation decisions, and neither the
  stored models nor the lexicon, learned from other people's work. ``barchasb round close`` sets it to
  ``false`` (everything of their documents shows), ``round open`` starts a new blind round. Curators and
  managers always see everything. Who is on the team stays visible in PostgreSQL's catalogs to any
  logged-in user: blindness hides work, not membership.
- Change feed: anyone may LISTEN on any channel, so in a blind round the public channel ``barchasb_<schema>``
  carries only settings changes. Everything else goes to private channels whose names are md5 of a
  secret only the owner reads: one for the team's managers and curators, one per person (their own layer,
  their assignments, their documents). ``my_channels()`` gives a client its own. Outside a blind round the
  public channel carries every message as before. The payloads (and :class:`Change`) are unchanged. When
  someone leaves the team or the curators, ``team_set`` renews the secret and says so on the public
  channel (``settings``, key ``channels``): every feed asks for its channels again, the leaver's old
  names go quiet.
- Audit: ``audit`` (who, at, tbl, action, doc, layer, row_key, before, after as jsonb) is appended to by
  statement-level triggers with transition tables (one INSERT ... SELECT per statement, however many rows)
  on spans, layers, documents, assignments, settings, decisions, rejections and texts (rewrites only,
  without the binary columns); ``team_set`` records team changes (tbl ``team``, before and after the role).
  A layer's own ``updated_at`` tick and updates that change nothing are not recorded. Only SELECT is
  granted on it (annotators: their own rows); UPDATE, DELETE and TRUNCATE are left to the owner.
"""

from __future__ import annotations

from typing import Any

from annotator.errors import NotAllowed
from annotator.store.pg_audit import audit_function, audit_triggers

GROUPS = ("manager", "curator", "annotator")
PREFIX = "left(current_schema(), 40) || '_' || left(md5(current_database() || '/' || current_schema()), 8)"

TABLES = (
    "meta", "settings", "documents", "texts", "layers", "spans", "models", "lexicon", "rejections", "assignments",
    "decisions", "audit", "secrets",
)  # fmt: skip
FUNCTIONS = (
    "notify_change()", "audit_change()", "private_channel(text, text)", "my_channels()",
    "team_set(text, text)", "team_add(text, text, text)", "team_remove(text)",
)  # fmt: skip
SECURED = tuple(f for f in FUNCTIONS if f != "private_channel(text, text)")

# -- who may read and write which rows -----------------------------------------------------------

_VISIBLE = "COALESCE((SELECT s.value FROM settings s WHERE s.key = 'blind'), 'true') <> 'true'"


def _assigned(doc: str) -> str:
    return f"EXISTS (SELECT 1 FROM assignments x WHERE x.doc = {doc} AND x.annotator = current_user)"


_OWN_LAYER = "EXISTS (SELECT 1 FROM layers l WHERE l.id = spans.layer AND l.annotator = current_user)"
_SEEN_LAYER = "EXISTS (SELECT 1 FROM layers l WHERE l.id = spans.layer)"  # the layers' own policies apply
_GOLD_LAYER = "EXISTS (SELECT 1 FROM layers l WHERE l.id = spans.layer AND l.annotator = 'gold')"
_LAYER_SEEN = f"{_assigned('layers.doc')} AND (annotator = current_user OR {_VISIBLE})"


def _issued(table: str) -> str:
    """An explicit id (an undone delete's) is one the sequence gave out: one ahead would break others' inserts."""
    return f"{table}.id <= pg_sequence_last_value('{table}_id_seq'::regclass)"


def _own(table: str) -> str:
    return f"annotator = current_user AND {_assigned(table + '.doc')}"


_LAYER_OWN = _own("layers")

# (table, group, command, USING, WITH CHECK); managers and the owner see and write every row
POLICIES: tuple[tuple[str, str, str, str | None, str | None], ...] = (
    ("documents", "annotator", "SELECT", _assigned("documents.rowid"), None),
    ("documents", "annotator", "UPDATE", _assigned("documents.rowid"), _assigned("documents.rowid")),
    ("documents", "curator", "ALL", "true", "true"),
    ("texts", "annotator", "SELECT", _assigned("texts.doc"), None),
    ("texts", "curator", "SELECT", "true", None),
    ("layers", "annotator", "SELECT", _LAYER_SEEN, None),
    ("layers", "annotator", "INSERT", None, f"{_LAYER_OWN} AND {_issued('layers')}"),
    ("layers", "annotator", "UPDATE", _LAYER_SEEN, _LAYER_OWN),
    ("layers", "annotator", "DELETE", _LAYER_OWN, None),
    ("layers", "curator", "SELECT", "true", None),
    ("layers", "curator", "INSERT", None, f"annotator = 'gold' AND {_issued('layers')}"),
    ("layers", "curator", "UPDATE", "true", "annotator = 'gold'"),
    ("layers", "curator", "DELETE", "annotator = 'gold'", None),
    ("spans", "annotator", "SELECT", _SEEN_LAYER, None),
    ("spans", "annotator", "INSERT", None, f"{_OWN_LAYER} AND {_issued('spans')}"),
    ("spans", "annotator", "UPDATE", _SEEN_LAYER, _OWN_LAYER),
    ("spans", "annotator", "DELETE", _OWN_LAYER, None),
    ("spans", "curator", "SELECT", "true", None),
    ("spans", "curator", "INSERT", None, f"{_GOLD_LAYER} AND {_issued('spans')}"),
    ("spans", "curator", "UPDATE", "true", _GOLD_LAYER),
    ("spans", "curator", "DELETE", _GOLD_LAYER, None),
    ("rejections", "annotator", "ALL", _own("rejections"), _own("rejections")),
    ("rejections", "curator", "SELECT", "true", None),
    ("rejections", "curator", "INSERT", None, "annotator = 'gold'"),
    ("rejections", "curator", "UPDATE", "true", "annotator = 'gold'"),
    ("rejections", "curator", "DELETE", "annotator = 'gold'", None),
    ("assignments", "annotator", "SELECT", "annotator = current_user", None),
    ("assignments", "curator", "SELECT", "true", None),
    ("decisions", "annotator", "SELECT", f"{_VISIBLE} AND {_assigned('decisions.doc')}", None),
    ("decisions", "curator", "ALL", "true", "true"),
    ("models", "annotator", "SELECT", _VISIBLE, None),
    ("models", "curator", "ALL", "true", "true"),
    ("lexicon", "annotator", "SELECT", _VISIBLE, None),
    ("lexicon", "curator", "ALL", "true", "true"),
    # meta: a manager records the version (a migration's); the roles' prefix and the application are not theirs
    ("meta", "manager", "INSERT", None, "key <> 'roles'"),
    ("meta", "manager", "UPDATE", "key NOT IN ('roles', 'application')", "key NOT IN ('roles', 'application')"),
    ("audit", "annotator", "SELECT", "who = session_user", None),
    ("audit", "curator", "SELECT", "true", None),
    ("audit", "manager", "SELECT", "true", None),
)
SECURED_TABLES = ("documents", "texts", "layers", "spans", "rejections", "assignments", "decisions", "models",
                  "lexicon", "audit", "secrets", "meta")  # fmt: skip

# (table, groups, privileges); the owner has everything, nobody else anything more
GRANTS: tuple[tuple[str, str, str], ...] = (
    ("meta", "manager", "INSERT, UPDATE"),
    ("settings", "manager curator annotator", "SELECT"),
    ("settings", "manager", "INSERT, UPDATE, DELETE"),
    ("documents", "manager curator annotator", "SELECT"),
    ("documents", "manager", "INSERT, UPDATE, DELETE"),
    ("documents", "annotator", "UPDATE (status)"),
    ("documents", "curator", "UPDATE (status, meta)"),  # meta: who curated (mark_reviewed)
    ("texts", "manager curator annotator", "SELECT"),
    ("texts", "manager", "INSERT, UPDATE, DELETE"),
    # a row's owner (its layer, its document, its name) is not for an annotator or a curator to change: the
    # UPDATE policies check only the new row, so moving someone's span or layer into one's own would pass them
    ("layers", "manager curator annotator", "SELECT, INSERT, DELETE"),
    ("layers", "manager", "UPDATE"),
    ("layers", "curator annotator", "UPDATE (status, updated_at)"),
    ("spans", "manager curator annotator", "SELECT, INSERT, DELETE"),
    ("spans", "manager", "UPDATE"),
    ("spans", "curator annotator", 'UPDATE (start, "end", label, role, status, source, confidence)'),
    ("rejections", "manager curator annotator", "SELECT, INSERT, DELETE"),
    ("rejections", "manager", "UPDATE"),
    ("models", "manager curator annotator", "SELECT"),
    ("models", "manager curator", "INSERT, UPDATE, DELETE"),
    ("lexicon", "manager curator annotator", "SELECT"),
    ("lexicon", "manager curator", "INSERT, UPDATE, DELETE"),
    ("assignments", "manager curator annotator", "SELECT"),
    ("assignments", "manager", "INSERT, UPDATE, DELETE"),
    ("decisions", "manager curator annotator", "SELECT"),
    ("decisions", "manager curator", "INSERT, UPDATE, DELETE"),
    ("audit", "manager curator annotator", "SELECT"),
)


def _dollar(text: str) -> str:
    if "$q$" in text:
        raise ValueError("a policy may not hold $q$")
    return f"$q${text}$q$"


def _grants_and_policies() -> str:
    """The plpgsql lines that grant and create the policies (role names are variables: m, c, a, o)."""
    var = {"manager": "m", "curator": "c", "annotator": "a"}
    lines = [
        # anyone who may connect reads what the project is (meta), so that an outsider is told they are one
        "EXECUTE format('GRANT USAGE ON SCHEMA %I TO PUBLIC', current_schema());",
        "GRANT SELECT ON meta TO PUBLIC;",
        "CREATE POLICY anyone_reads ON meta FOR SELECT TO PUBLIC USING (true);",
        "EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I, %I, %I', current_schema(), m, c, a);",
        "EXECUTE format('GRANT UPDATE ON ALL SEQUENCES IN SCHEMA %I TO %I', current_schema(), m);",
    ]
    for table, groups, privileges in GRANTS:
        roles = [var[g] for g in groups.split()]
        marks = ", ".join(["%I"] * len(roles))
        lines.append(f"EXECUTE format('GRANT {privileges} ON {table} TO {marks}', {', '.join(roles)});")
    for table in SECURED_TABLES:
        lines.append(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;")
        lines.append(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY;")
        lines.append(f"EXECUTE format('CREATE POLICY owner_all ON {table} TO %I USING (true) WITH CHECK (true)', o);")
        if table not in ("audit", "secrets", "meta"):
            lines.append(
                f"EXECUTE format('CREATE POLICY manager_all ON {table} TO %I USING (true) WITH CHECK (true)', m);"
            )
    for number, (table, group, command, using, check) in enumerate(POLICIES):
        clause = f"CREATE POLICY {group}_{command.lower()}_{number} ON {table} FOR {command} TO %I"
        if using is not None:
            clause += f" USING ({using})"
        if check is not None:
            clause += f" WITH CHECK ({check})"
        lines.append(f"EXECUTE format({_dollar(clause)}, {var[group]});")
    lines.append("EXECUTE format('GRANT EXECUTE ON FUNCTION my_channels() TO %I, %I, %I', m, c, a);")
    for function in ("team_add(text, text, text)", "team_set(text, text)", "team_remove(text)"):
        lines.append(f"EXECUTE format('GRANT EXECUTE ON FUNCTION {function} TO %I', m);")
    return "\n        ".join(lines)


# -- migration 3 ---------------------------------------------------------------------------------

_ROLES = f"""
DO $do$
DECLARE
    p text := {PREFIX};
    r text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolcreaterole)) THEN
        RAISE EXCEPTION USING MESSAGE = format(
            'this project gets its team roles from a user who may create roles (CREATEROLE or superuser), '
            'such as the one who created it; %s may not', current_user);
    END IF;
    FOREACH r IN ARRAY ARRAY['owner', 'manager', 'curator', 'annotator'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p || '_' || r) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', p || '_' || r);
        END IF;
    END LOOP;
    EXECUTE format('ALTER ROLE %I CREATEROLE', p || '_owner');
    EXECUTE format('GRANT %I, %I, %I TO %I WITH ADMIN OPTION', p || '_manager', p || '_curator', p || '_annotator',
                   p || '_owner');
    EXECUTE format('GRANT CREATE, USAGE ON SCHEMA %I TO %I', current_schema(), p || '_owner');
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND rolsuper) THEN
        EXECUTE format('GRANT %I TO %I', p || '_owner', current_user);  -- to hand the tables over; taken back below
    END IF;
    INSERT INTO meta(key, value) VALUES ('roles', p) ON CONFLICT (key) DO UPDATE SET value = excluded.value;
END
$do$
"""

# the trigger and team functions resolve names in the project's schema, then pg_temp (never shadowed)
_SEARCH_PATH = "SELECT set_config('search_path', quote_ident(current_schema()) || ', pg_temp', true)"

_TABLES = """
CREATE TABLE audit (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at TIMESTAMPTZ NOT NULL DEFAULT now(),
    who TEXT COLLATE "C" NOT NULL,
    tbl TEXT COLLATE "C" NOT NULL,
    action TEXT COLLATE "C" NOT NULL,
    doc TEXT COLLATE "C",
    layer TEXT COLLATE "C",
    row_key TEXT COLLATE "C",
    before JSONB,
    after JSONB
);
CREATE INDEX audit_doc ON audit(doc, id);
CREATE TABLE secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO secrets(name, value) VALUES ('channels', md5(gen_random_uuid()::text || clock_timestamp()::text))
"""

_CHANNEL_FUNCTIONS = (
    """
CREATE FUNCTION private_channel(secret text, who text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
    SELECT 'barchasb_' || left(md5(secret || CASE WHEN who IS NULL THEN '/team' ELSE '/user/' || who END), 24)
$f$
""",
    """
CREATE FUNCTION my_channels() RETURNS SETOF text LANGUAGE sql STABLE SECURITY DEFINER
SET search_path FROM CURRENT AS $f$
    SELECT private_channel(s.value, session_user) FROM secrets s WHERE s.name = 'channels'
    UNION ALL
    SELECT private_channel(s.value, NULL) FROM secrets s  -- current_user: the owner, <prefix>_owner
    WHERE s.name = 'channels' AND (pg_has_role(session_user, left(current_user, -6) || '_manager', 'MEMBER')
                                   OR pg_has_role(session_user, left(current_user, -6) || '_curator', 'MEMBER'))
$f$
""",
)

# NOTIFY as in migration 2 outside a blind round; in one, only to private channels (settings stay public)
_NOTIFY = """
CREATE OR REPLACE FUNCTION notify_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path FROM CURRENT AS $body$
DECLARE
    channel text := left('barchasb_' || TG_TABLE_SCHEMA, 63);  -- as LISTEN cuts a long name
    secret text;
BEGIN
    IF NOT EXISTS (SELECT FROM changed) THEN  -- a statement that changed nothing (most parts of an edit) says nothing
        RETURN NULL;
    END IF;
    IF TG_TABLE_NAME = 'settings' THEN
        PERFORM pg_notify(channel, json_build_object('table', 'settings', 'key', c.key)::text)
        FROM (SELECT DISTINCT key FROM changed) c;
        RETURN NULL;
    END IF;
    IF COALESCE((SELECT value FROM settings WHERE key = 'blind'), 'true') = 'true' THEN
        secret := (SELECT value FROM secrets WHERE name = 'channels');
        IF TG_TABLE_NAME = 'spans' THEN
            PERFORM pg_notify(private_channel(secret, w.who), p.payload)
            FROM (SELECT l.annotator,
                         json_build_object('table', 'spans', 'doc', d.id, 'layer', l.annotator)::text AS payload
                  FROM (SELECT DISTINCT layer FROM changed) c JOIN layers l ON l.id = c.layer
                  JOIN documents d ON d.rowid = l.doc) p
            CROSS JOIN LATERAL (VALUES (NULL::text), (p.annotator)) w(who);
        ELSIF TG_TABLE_NAME = 'layers' THEN
            PERFORM pg_notify(private_channel(secret, w.who), p.payload)
            FROM (SELECT DISTINCT d.id, c.annotator,
                         json_build_object('table', 'layers', 'doc', d.id, 'layer', c.annotator)::text AS payload
                  FROM (SELECT DISTINCT doc, annotator FROM changed) c JOIN documents d ON d.rowid = c.doc) p
            CROSS JOIN LATERAL (VALUES (NULL::text), (p.annotator)) w(who);
        ELSIF TG_TABLE_NAME = 'documents' THEN
            PERFORM pg_notify(private_channel(secret, NULL), json_build_object('table', 'documents', 'doc', c.id)::text)
            FROM (SELECT DISTINCT id FROM changed) c;
            PERFORM pg_notify(private_channel(secret, a.annotator),
                              json_build_object('table', 'documents', 'doc', c.id)::text)
            FROM (SELECT DISTINCT rowid, id FROM changed) c JOIN assignments a ON a.doc = c.rowid;
        ELSIF TG_TABLE_NAME = 'assignments' THEN
            PERFORM pg_notify(private_channel(secret, w.who),
                              json_build_object('table', 'assignments', 'doc', d.id)::text)
            FROM (SELECT DISTINCT doc, annotator FROM changed) c LEFT JOIN documents d ON d.rowid = c.doc
            CROSS JOIN LATERAL (VALUES (NULL::text), (c.annotator)) w(who);
        ELSE
            PERFORM pg_notify(private_channel(secret, NULL),
                              json_build_object('table', TG_TABLE_NAME, 'doc', d.id)::text)
            FROM (SELECT DISTINCT doc FROM changed) c JOIN documents d ON d.rowid = c.doc;
        END IF;
        RETURN NULL;
    END IF;
    IF TG_TABLE_NAME = 'spans' THEN
        PERFORM pg_notify(channel, json_build_object('table', 'spans', 'doc', d.id, 'layer', l.annotator)::text)
        FROM (SELECT DISTINCT layer FROM changed) c JOIN layers l ON l.id = c.layer JOIN documents d ON d.rowid = l.doc;
    ELSIF TG_TABLE_NAME = 'layers' THEN
        PERFORM pg_notify(channel, json_build_object('table', 'layers', 'doc', d.id, 'layer', c.annotator)::text)
        FROM (SELECT DISTINCT doc, annotator FROM changed) c JOIN documents d ON d.rowid = c.doc;
    ELSIF TG_TABLE_NAME = 'documents' THEN
        PERFORM pg_notify(channel, json_build_object('table', 'documents', 'doc', c.id)::text)
        FROM (SELECT DISTINCT id FROM changed) c;
    ELSE
        PERFORM pg_notify(channel, json_build_object('table', TG_TABLE_NAME, 'doc', d.id)::text)
        FROM (SELECT DISTINCT doc FROM changed) c JOIN documents d ON d.rowid = c.doc;
    END IF;
    RETURN NULL;
END
$body$
"""

# -- the team functions (managers only) -----------------------------------------------------------

_TEAM_SET = """
CREATE FUNCTION team_set(who text, kind text) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path FROM CURRENT AS $f$
DECLARE
    p text := left(current_user, -length('_owner'));  -- the owner's name, never meta (a manager writes meta)
    g text;
    was text;
    was_team boolean;
BEGIN
    IF kind IS NOT NULL AND kind NOT IN ('manager', 'curator', 'annotator') THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('unknown role %s (annotator, curator or manager)', kind);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = who AND rolcanlogin) THEN  -- never a group
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = format('%s is not a user of this server', who);
    END IF;
    was_team := pg_has_role(who, p || '_manager', 'MEMBER') OR pg_has_role(who, p || '_curator', 'MEMBER');
    IF pg_has_role(who, p || '_manager', 'MEMBER') AND kind IS DISTINCT FROM 'manager' AND NOT EXISTS (
        SELECT 1 FROM pg_auth_members am JOIN pg_roles g ON g.oid = am.roleid JOIN pg_roles u ON u.oid = am.member
        WHERE g.rolname = p || '_manager' AND u.rolname <> who AND u.rolcanlogin
    ) THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = format('%s is the project''s only manager; make someone '
                                                                 'else a manager first', who);
    END IF;
    FOREACH g IN ARRAY ARRAY['manager', 'curator', 'annotator'] LOOP
        -- names compared as they are (a cast to regrole would read 'Eve' as eve, and refuse 'a.b')
        IF EXISTS (SELECT 1 FROM pg_auth_members am JOIN pg_roles r ON r.oid = am.roleid
                   JOIN pg_roles u ON u.oid = am.member WHERE r.rolname = p || '_' || g AND u.rolname = who) THEN
            EXECUTE format('REVOKE %I FROM %I', p || '_' || g, who);
            was := COALESCE(was, g);
        END IF;
    END LOOP;
    IF kind IS NOT NULL THEN
        EXECUTE format('GRANT %I TO %I', p || '_' || kind, who);
    END IF;
    IF was IS DISTINCT FROM kind THEN  -- the trail says who changed the team (the triggers see no GRANT)
        INSERT INTO audit(who, tbl, action, row_key, before, after)
        VALUES (session_user, 'team',
                CASE WHEN was IS NULL THEN 'insert' WHEN kind IS NULL THEN 'delete' ELSE 'update' END, who,
                CASE WHEN was IS NOT NULL THEN jsonb_build_object('role', was) END,
                CASE WHEN kind IS NOT NULL THEN jsonb_build_object('role', kind) END);
    END IF;
    IF kind IS NULL OR (kind = 'annotator' AND was_team) THEN
        -- they know the private channels' names: new ones, and every client is told to ask for its own again
        UPDATE secrets SET value = md5(gen_random_uuid()::text || clock_timestamp()::text) WHERE name = 'channels';
        PERFORM pg_notify(left('barchasb_' || current_schema(), 63),
                          json_build_object('table', 'settings', 'key', 'channels')::text);
    END IF;
END
$f$
"""

_TEAM_ADD = """
CREATE FUNCTION team_add(who text, verifier text, kind text) RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER
SET search_path FROM CURRENT AS $f$
DECLARE
    p text := left(current_user, -length('_owner'));  -- as in team_set
    login boolean;
BEGIN
    IF who IS NULL OR who !~ '^[^[:cntrl:][:space:]]+$' OR octet_length(who) > 63 OR who = 'gold' OR who LIKE 'pg\\_%'
       OR left(who, length(p) + 1) = p || '_' THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = format('%s cannot be a user name here', who);
    END IF;
    SELECT rolcanlogin INTO login FROM pg_roles WHERE rolname = who;
    IF login IS NULL THEN
        IF verifier IS NULL OR verifier !~ '^SCRAM-SHA-256\\$' THEN
            RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'a new user needs a password';
        END IF;
        EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', who, verifier);
    ELSIF NOT login THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = format('%s is a group role, not a user', who);
    END IF;
    PERFORM team_set(who, kind);
    RETURN login IS NULL;
END
$f$
"""

_TEAM_REMOVE = """
CREATE FUNCTION team_remove(who text) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path FROM CURRENT AS $f$
BEGIN
    PERFORM team_set(who, NULL);
END
$f$
"""

_HAND_OVER = f"""
DO $do$
DECLARE
    p text := (SELECT value FROM meta WHERE key = 'roles');
    o text := p || '_owner';
    m text := p || '_manager';
    c text := p || '_curator';
    a text := p || '_annotator';
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY{list(TABLES)!r} LOOP
        EXECUTE format('ALTER TABLE %I OWNER TO %I', t, o);
    END LOOP;
    FOREACH t IN ARRAY ARRAY{list(FUNCTIONS)!r} LOOP
        EXECUTE format('ALTER FUNCTION %s OWNER TO %I', t, o);
    END LOOP;
    FOREACH t IN ARRAY ARRAY{list(SECURED)!r} LOOP
        EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', t);
    END LOOP;
    {_grants_and_policies()}
    EXECUTE format('GRANT %I TO %I', m, current_user);
    INSERT INTO settings(key, value) VALUES ('blind', 'true') ON CONFLICT (key) DO NOTHING;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND rolsuper) THEN
        EXECUTE format('REVOKE %I FROM %I', o, current_user);
    END IF;
END
$do$
"""


def _statements(script: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in script.split(";\n") if part.strip())


MIGRATION_3: tuple[str, ...] = (
    _ROLES,
    _SEARCH_PATH,
    *_statements(_TABLES),
    *_CHANNEL_FUNCTIONS,
    _NOTIFY,
    audit_function(),
    *audit_triggers(),
    _TEAM_SET,
    _TEAM_ADD,
    _TEAM_REMOVE,
    _HAND_OVER,
)

# -- what a client asks -----------------------------------------------------------------------------

_ROLE_OF = """
SELECT CASE WHEN pg_has_role(current_user, p.value || '_manager', 'MEMBER') THEN 'manager'
            WHEN pg_has_role(current_user, p.value || '_curator', 'MEMBER') THEN 'curator'
            WHEN pg_has_role(current_user, p.value || '_annotator', 'MEMBER') THEN 'annotator' END
FROM meta p WHERE p.key = 'roles'
  AND (SELECT count(*) FROM pg_roles r WHERE r.rolname IN (p.value || '_manager', p.value || '_curator',
                                                            p.value || '_annotator')) = 3
"""


def role_of(conn: Any) -> str | None:
    """The project role of the connection's user (manager, curator, annotator), None when they have none."""
    row = conn.execute(_ROLE_OF).fetchone()
    return None if row is None or row[0] is None else str(row[0])


def private_channels(conn: Any, schema: str) -> list[str]:
    """The private change channels this user may LISTEN on (their own, and the team's for curators and managers)."""
    from psycopg import sql

    statement = sql.SQL("SELECT {}.my_channels()").format(sql.Identifier(schema))
    return [str(row[0]) for row in conn.execute(statement).fetchall()]


# what each table is for, in the words of a refusal: (by an annotator, by a curator, by anyone else)
_REFUSED = {
    "documents": "import, change or delete documents (managers do)",
    "texts": "import, change or delete documents (managers do)",
    "settings": "change the schema or the project's settings (managers do)",
    "meta": "change the project's settings (managers do)",
    "assignments": "change assignments (managers do)",
    "models": "store a model (curators and managers do)",
    "lexicon": "change the lexicon (curators and managers do)",
    "decisions": "curate (curators and managers do)",
    "audit": "change the audit trail (nobody may)",
    "team": "manage the team (managers do)",
}
_LAYER_REFUSAL = {
    "annotator": "write that layer: an annotator writes only their own layer ({user}) of the documents assigned "
    "to them, never another's or gold",
    "curator": "write that layer: a curator writes gold, not an annotator's layer",
}


def not_allowed(user: str, role: str | None, message: str) -> NotAllowed:
    """The plain refusal for a server's permission error (``message``: its first line)."""
    table = ""
    for word in ("table ", "function "):
        if word in message:
            table = message.split(word, 1)[1].strip().strip('"').split()[0].strip('"')
    if table.startswith("team_"):
        table = "team"
    who = f"{user} ({role or 'not on the team'})"
    if message.startswith("permission denied for database"):  # a new schema: `new` or `copy` into this database
        return NotAllowed(
            f"{user} may not create a project in this database: that takes CREATE on the database (and "
            "CREATEROLE, for the team's roles); ask the server's administrator"
        )
    if role is None:
        return NotAllowed(f"{who} has no access to this project: a manager adds them with `barchasb team add`")
    if table in ("layers", "spans", "rejections") and role in _LAYER_REFUSAL:
        return NotAllowed(f"{who} may not {_LAYER_REFUSAL[role].format(user=user)}")
    if table in _REFUSED:
        return NotAllowed(f"{who} may not {_REFUSED[table]}")
    return NotAllowed(f"{who} may not do that ({message})")


# what a failed copy takes back besides the tables of migrations 1 and 2 (the roles stay: a new try reuses them)
DROP = (
    "DROP TABLE IF EXISTS audit, secrets CASCADE",
    *(f"DROP FUNCTION IF EXISTS {function} CASCADE" for function in FUNCTIONS if function != "notify_change()"),
)
