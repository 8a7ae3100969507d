"""Store calls the window needs: a password a person typed (a missing one told from a wrong one), one document's row."""

from __future__ import annotations

import psycopg
import pytest

from annotator.errors import PasswordRequired
from annotator.schema import preset
from annotator.store import Project
from annotator.store.db import server_url
from annotator.store.team import add_member


def role_url(pg_url: str, password: str) -> str:
    """The URL of ``pg_url`` for a new team member (an annotator) who logs in with ``password``."""
    dbname = pg_url.rsplit("/", 1)[1]
    role = f"ali_{dbname}"
    with Project.create(pg_url, preset("arman")) as project:
        add_member(project, role, "annotator", password)
    return pg_url.replace("postgresql://postgres@", f"postgresql://{role}@")


def test_missing_and_wrong_passwords_are_told_apart(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PGPASSWORD", raising=False)
    url = role_url(pg_url, "s3cret-pass")
    with pytest.raises(PasswordRequired) as missing:
        Project.open(url)
    assert not missing.value.wrong
    assert "asks for a password" in str(missing.value)
    with pytest.raises(PasswordRequired) as wrong:
        Project.open(url, password="not-it")
    assert wrong.value.wrong
    assert "refused the password" in str(wrong.value)
    assert "not-it" not in str(wrong.value)


def test_a_given_password_opens_reconnects_and_listens(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PGPASSWORD", raising=False)
    url = role_url(pg_url, "s3cret-pass")
    with Project.open(url, password="s3cret-pass") as project:
        assert "s3cret-pass" not in str(project.path)
        assert server_url(project.path) == url
        with project.listen() as feed:
            assert feed.poll(0.01) == []
        with psycopg.connect(pg_url, autocommit=True) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                (pg_url.rsplit("/", 1)[1],),
            )
        with pytest.raises(Exception, match="connection to the server was lost"):
            project.documents()
        assert project.documents() == []  # the new connection used the same password


def test_one_documents_row_and_counts(location: str) -> None:
    from annotator.importers import ImportOptions, import_paths
    from annotator.model import Span
    from tests.conftest import SAMPLE

    with Project.create(location, preset("combined")) as project:
        import_paths(project, [SAMPLE], ImportOptions())
        doc = SAMPLE.stem
        start = project.document(doc).text.index("ارس")
        project.add_span(doc, "ali", Span(start, start + 3, "LOC"))
        assert project.documents(doc) == project.documents()
        assert project.documents("no-such") == []
        assert project.span_counts("ali", doc) == {doc: (1, 0)}
        assert project.span_counts("ali", "no-such") == {}
