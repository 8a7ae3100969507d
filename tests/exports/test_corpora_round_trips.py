"""Public corpora's layouts through the command line: import, export CoNLL, and every token and tag comes back."""

from __future__ import annotations

from pathlib import Path

import pytest
from seqeval.metrics.sequence_labeling import get_entities

from annotator.cli import main

ZWNJ = "\u200c"
# (token, IOB2 tag) sentences: ZWNJ inside words, Arabic ی/ک, Persian and Arabic-Indic digits, emoji, Latin, tatweel
SENTENCES = [
    [("محمد", "B-PER"), ("تبریزی", "I-PER"), ("در", "O"), ("جلفا", "B-LOC"), (f"می{ZWNJ}گوید", "O"), (".", "O")],
    [("علي", "B-PER"), ("رضايي", "I-PER"), ("در", "O"), ("كرمان", "B-LOC"), ("۱۴۰۲/۰۵/۲۱", "B-DAT"), ("١٢", "O")],
    [("😀", "O"), ("👨\u200d👩\u200d👧", "O"), ("Google", "B-ORG"), ("و", "O"), ("تهـــران", "B-LOC"), ("!", "O")],
    [("سید", "B-PER"), ("حسن", "I-PER"), ("روحانی", "B-PER"), ("O", "O"), ("B-PER", "O"), (f"پایان{ZWNJ}", "O")],
    [(f"کتاب{ZWNJ}ها", "O")] + [("و", "O"), ("رضا", "B-PER")] * 300,  # a very long sentence
]
PEYMA = [[("در", "O"), ("جمهوری اسلامی ایران", "B-LOC"), ("۱۲ آبان", "B-DAT"), ("۱۴۰۲", "I-DAT")], *SENTENCES[:2]]


def corpus(layout: str) -> list[list[tuple[str, str]]]:
    if layout == "peyma":
        return [list(s) for s in PEYMA]
    if layout == "arman":  # a legacy Windows file: Arabic yeh and kaf, and only what Windows-1256 can hold
        legacy = [[(t.replace("ی", "ي").replace("ک", "ك"), tag) for t, tag in s] for s in SENTENCES]
        return [s for s in legacy if _fits_cp1256(s)]
    return [list(s) for s in SENTENCES]


def _fits_cp1256(sentence: list[tuple[str, str]]) -> bool:
    try:
        "".join(t for t, _ in sentence).encode("cp1256")
    except UnicodeEncodeError:
        return False
    return True


def spelled(tag: str, layout: str) -> str:
    if layout == "arman":
        return tag.replace("PER", "pers").replace("LOC", "loc").replace("ORG", "org")
    return tag.replace("-", "_") if layout == "peyma" else tag


def write_corpus(path: Path, sentences: list[list[tuple[str, str]]], layout: str) -> None:
    sep = {"arman": " ", "peyma": "|", "parstwiner": "\t", "conll2003": " "}[layout]
    lines = ["-DOCSTART- -X- -X- O", ""] if layout == "conll2003" else []
    for sentence in sentences:
        for token, tag in sentence:
            columns = [token, "-X-", "_", tag] if layout == "conll2003" else [token, spelled(tag, layout)]
            lines.append(sep.join(columns) + ("\t" if layout == "parstwiner" else ""))
        lines.append("")
    encoding = {"arman": "cp1256", "parstwiner": "utf-16"}.get(layout, "utf-8-sig")
    path.write_bytes("\r\n".join(lines).encode(encoding))


def read_export(path: Path, sep: str) -> list[list[tuple[str, str]]]:
    """Sentences of (token, tag), read here without the importer."""
    sentences: list[list[tuple[str, str]]] = [[]]
    for line in path.read_text(encoding="utf-8").split("\n"):
        if not line:
            if sentences[-1]:
                sentences.append([])
            continue
        token, tag = line.split(sep)
        sentences[-1].append((token, tag))
    return [s for s in sentences if s]


def entities(sentences: list[list[tuple[str, str]]]) -> list[tuple[int, str, int, int]]:
    return [(n, *e) for n, s in enumerate(sentences) for e in get_entities([tag for _, tag in s])]


@pytest.mark.parametrize("layout", ["arman", "peyma", "parstwiner", "conll2003"])
def test_import_then_conll_export_gives_back_every_token_and_entity(tmp_path: Path, layout: str) -> None:
    sentences = corpus(layout)
    assert len(sentences) >= 2
    source = tmp_path / "train.txt"
    write_corpus(source, sentences, layout)
    project = str(tmp_path / "p.barchasb")
    assert main(["new", project, "--schema", "arman" if layout == "arman" else "combined"]) == 0
    assert main(["import", project, str(source)]) == 0
    for scheme in ("iob2", "iob1", "bioes"):
        out = tmp_path / f"{scheme}.conll"
        assert (
            main(["export", project, "--format", "conll", "--sep", "tab", "--scheme", scheme, "--out", str(out)]) == 0
        )
        back = read_export(out, "\t")
        assert [[t for t, _ in s] for s in back] == [[t for t, _ in s] for s in sentences]
        if scheme == "iob2":
            assert back == sentences  # tag for tag
        assert entities(back) == entities(sentences)  # seqeval reads IOB1 and BIOES too
