"""A lexicon of entity names matched as whole tokens, longest first, through a token trie."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from annotator.text.lexicon import ZWNJ
from annotator.text.normalize import canonical

# Suffixes that may follow a name after a ZWNJ and stay on the token: plural and clitics.
# «ایران‌ها» and «تهران‌مان» still name the place; «ایرانی» (no ZWNJ) is a derived word
# (a nationality or adjective), so a name followed directly by a letter never matches.
CLITICS = frozenset({"ها", "های", "هایی", "ی", "ای", "ام", "ات", "اش", "مان", "تان", "شان", "هایش", "هایشان"})


class _Node:
    """One trie node: children by canonical token, label counts where an entry ends, and how often
    the entry was found in finished documents (``seen``) and was an entity there (``linked``)."""

    __slots__ = ("children", "labels", "linked", "seen")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.labels: dict[str, int] | None = None  # a plain dict: Counter() is slow to create by the thousand
        self.seen = 0
        self.linked = 0


@dataclass(frozen=True, slots=True)
class Match:
    """Tokens ``[first, last)`` name an entity of ``label``."""

    first: int
    last: int
    label: str
    count: int
    share: float  # how often the entry carried this label
    # How often the entry is an entity where it occurs in finished documents: «شب» or
    # «جنگ» annotated once are plain words most of the time. 1.0 when never observed.
    linked: float = 1.0


class Gazetteer:
    """Entries (token sequences with label counts) in a trie keyed by canonical tokens."""

    def __init__(self) -> None:
        self._root = _Node()
        self.size = 0

    def add(self, tokens: Sequence[str], label: str, count: int = 1) -> None:
        """Add (or count again) one entry."""
        if not tokens:
            return
        node = self._root
        for token in tokens:
            key = canonical(token)
            child = node.children.get(key)
            if child is None:
                child = node.children[key] = _Node()
            node = child
        if node.labels is None:
            node.labels = {}
            self.size += 1
        node.labels[label] = node.labels.get(label, 0) + count

    def update(self, entries: Iterable[tuple[Sequence[str], str, int]]) -> None:
        """Add many ``(tokens, label, count)`` entries."""
        for tokens, label, count in entries:
            self.add(tokens, label, count)

    def entries(self) -> list[tuple[tuple[str, ...], str, int]]:
        """Every ``(tokens, label, count)``, for export."""
        out: list[tuple[tuple[str, ...], str, int]] = []
        stack: list[tuple[_Node, tuple[str, ...]]] = [(self._root, ())]
        while stack:
            node, path = stack.pop()
            if node.labels:
                out.extend((path, label, n) for label, n in node.labels.items())
            stack.extend((child, (*path, key)) for key, child in node.children.items())
        return sorted(out)

    def find(self, tokens: Sequence[str]) -> list[Match]:
        """Longest, leftmost, non-overlapping matches on token boundaries."""
        return [match for match, _ in self._find(tokens)]

    def observe(self, tokens: Sequence[str], entities: Iterable[tuple[int, int]]) -> None:
        """Count, in a finished sentence, which matches were entities (``entities``: token ranges)."""
        marked = set(entities)
        for match, node in self._find(tokens):
            node.seen += 1
            node.linked += (match.first, match.last) in marked

    def _find(self, tokens: Sequence[str]) -> list[tuple[Match, _Node]]:
        keys = list(map(canonical, tokens))
        matches: list[tuple[Match, _Node]] = []
        n = len(keys)
        root = self._root
        # Most tokens start no entry: find the few that may (a first token, or a token with a
        # clitic after a ZWNJ) without walking the trie from each one.
        starts = root.children
        end = 0
        for i in [i for i, key in enumerate(keys) if key in starts or (ZWNJ in key and _strip_clitic(key) in starts)]:
            if i < end:
                continue
            node = root
            best: tuple[int, _Node] | None = None
            j = i
            while j < n:
                key = keys[j]
                child = node.children.get(key)
                if child is None:
                    stem = _strip_clitic(key) if ZWNJ in key else None
                    tail = node.children.get(stem) if stem else None
                    if tail is not None and tail.labels:
                        best = (j + 1, tail)
                    break
                node = child
                j += 1
                if node.labels:
                    best = (j, node)
            if best is None:
                continue
            end, found = best
            labels = found.labels
            assert labels is not None
            label, count = max(labels.items(), key=lambda item: item[1])
            linked = found.linked / found.seen if found.seen else 1.0
            matches.append((Match(i, end, label, count, count / sum(labels.values()), linked), found))
        return matches

    def bio(self, tokens: Sequence[str]) -> list[str]:
        """``B-X``/``I-X``/empty per token: what a CRF feature needs."""
        out = [""] * len(tokens)
        for match in self.find(tokens):
            out[match.first] = "B-" + match.label
            for k in range(match.first + 1, match.last):
                out[k] = "I-" + match.label
        return out


@lru_cache(maxsize=100_000)
def _strip_clitic(token: str) -> str | None:
    if ZWNJ not in token:
        return None
    stem, _, suffix = token.rpartition(ZWNJ)
    return stem if suffix in CLITICS and stem else None
