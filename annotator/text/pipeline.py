"""Raw text in, displayed text with its offset map, tokens and sentences out."""

from __future__ import annotations

from typing import NamedTuple

from annotator.text.normalize import normalize
from annotator.text.profiles import Profile
from annotator.text.sentences import split_sentences
from annotator.text.tokenize import tokenize


class Analysis(NamedTuple):
    """Everything the text pipeline derives from one raw document."""

    text: str
    raw_offsets: list[int]
    tokens: list[tuple[int, int]]
    sentences: list[tuple[int, int]]


def analyze(raw: str, profile: Profile | str = Profile.STANDARD) -> Analysis:
    """Normalize ``raw``, tokenize the result and split it into sentences."""
    text, raw_offsets = normalize(raw, profile)
    tokens = tokenize(text)
    return Analysis(text, raw_offsets, tokens, split_sentences(text, tokens))
