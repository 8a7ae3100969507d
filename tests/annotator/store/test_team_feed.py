"""The change feed in a blind round: nobody hears of another annotator's work, the team hears everything."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import psycopg
import pytest

from annotator.model import DocStatus, LayerStatus
from annotator.store import Project
from annotator.store.changes import Change, ChangeFeed, parse_change
from annotator.store.team import set_round
from tests.annotator.team_server import ALI, CARA, PASSWORD, SARA, Team, make_team

SENTINEL = Change("settings", key="normalization")


@pytest.fixture
def team(pg_url: str, tmp_path: Path) -> Team:
    return make_team(pg_url, tmp_path)


class Sniffer:
    """A raw LISTEN on the project's public channel, as any logged-in user can."""

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self.conn = conn
        conn.execute("LISTEN barchasb_barchasb")

    def until_sentinel(self) -> list[Change]:
        got: list[Change] = []
        while SENTINEL not in got:
            for note in self.conn.notifies(timeout=10, stop_after=1):
                change = parse_change(note.payload)
                assert change is not None
                got.append(change)
        return got[: got.index(SENTINEL)]


def until_sentinel(feed: ChangeFeed) -> list[Change]:
    """What the feed heard before the sentinel (NOTIFY keeps commit order: all of an earlier commit came first)."""
    got: list[Change] = []
    while SENTINEL not in got:
        got += [change._replace(mine=False) for change in feed.poll(10)]
    return got[: got.index(SENTINEL)]


def sentinel(team: Team) -> None:
    with team.sql("postgres") as conn:
        conn.execute("UPDATE settings SET value = value WHERE key = 'normalization'")


@contextmanager
def listening(team: Team) -> Iterator[tuple[dict[str, ChangeFeed], Sniffer]]:
    with ExitStack() as stack:
        feeds = {}
        for user in (ALI, SARA, CARA):
            project = stack.enter_context(team.open(user))
            feeds[user] = stack.enter_context(project.listen())
        conn = stack.enter_context(
            psycopg.connect(team.url_of(ALI), password=PASSWORD, autocommit=True)  # ali, snooping
        )
        yield feeds, Sniffer(conn)


def test_in_a_blind_round_only_the_author_and_the_team_hear_of_an_annotators_work(team: Team) -> None:
    with listening(team) as (feeds, sniffer):
        with team.sql(SARA) as conn:
            conn.execute(
                "INSERT INTO spans(layer, start, \"end\", label) SELECT l.id, 0, 3, 'PER' FROM layers l "
                "JOIN documents d ON d.rowid = l.doc WHERE d.id = 'd1' AND l.annotator = current_user"
            )
        with Project.open(team.url) as project:
            project.set_document_status("d3", DocStatus.IN_PROGRESS)
        sentinel(team)
        heard = {user: until_sentinel(feed) for user, feed in feeds.items()}
        public = sniffer.until_sentinel()
    assert Change("spans", "d1", SARA) in heard[SARA] and Change("documents", "d3") in heard[SARA]
    assert Change("spans", "d1", SARA) in heard[CARA] and Change("documents", "d3") in heard[CARA]
    assert heard[ALI] == []  # neither sara's layer nor her document d3
    assert public == []  # nothing with a name or a document id on the channel anyone can LISTEN to


def test_after_the_round_the_public_channel_carries_everything_again(team: Team) -> None:
    with Project.open(team.url) as project:
        set_round(project, blind=False)
    with listening(team) as (feeds, sniffer):
        with team.open(SARA) as project:
            project.set_layer_status("d1", SARA, LayerStatus.DONE)
        sentinel(team)
        assert Change("layers", "d1", SARA) in until_sentinel(feeds[ALI])
        assert Change("layers", "d1", SARA) in sniffer.until_sentinel()


def test_an_annotator_hears_of_their_own_assignments_and_documents(team: Team) -> None:
    with listening(team) as (feeds, sniffer):
        with Project.open(team.url) as project:
            project.assign(["d4"], [ALI])
            project.set_document_status("d2", DocStatus.DONE)
        sentinel(team)
        heard = until_sentinel(feeds[ALI])
        assert Change("assignments", "d4") in heard and Change("documents", "d2") in heard
        assert until_sentinel(feeds[SARA]) == [] and sniffer.until_sentinel() == []
