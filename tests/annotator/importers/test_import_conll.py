from __future__ import annotations

from pathlib import Path

import pytest
from seqeval.metrics.sequence_labeling import get_entities

from annotator.errors import InputError
from annotator.importers import ImportOptions, import_paths
from annotator.store import Project
from annotator.text.profiles import Profile
from tests.storage import query

PARSTWINER = Path(__file__).parents[4] / "shared" / "data" / "parstwiner" / "test.txt"


def entities(project: Project, doc_id: str, layer: str = "imported") -> list[tuple[str, str]]:
    doc = project.document(doc_id)
    return [(doc.text[s.start : s.end], s.label) for s in doc.layers[layer].spans]


def read_columns(path: Path, sep: str) -> list[list[tuple[str, str]]]:
    """Sentences of (token, tag) read independently of the importer."""
    sentences: list[list[tuple[str, str]]] = [[]]
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            continue
        if not line.strip():
            if sentences[-1]:
                sentences.append([])
            continue
        token, _, tag = line.rpartition(sep)
        sentences[-1].append((token, tag))
    return [s for s in sentences if s]


def test_arman_layout_space_separated_lowercase(project: Project, data_dir: Path) -> None:
    report = import_paths(project, [data_dir / "arman.conll"], ImportOptions(label_map={"pers": "PER", "event": "EVE"}))
    assert report.documents == ["arman-1", "arman-2"]
    assert "space-separated, IOB2" in report.notes[0]
    assert entities(project, "arman-1") == [
        ("محمد تبریزی", "PER"),
        ("جلفا", "LOC"),
        ("سازمان منطقه آزاد ارس", "ORG"),
        ("جشنواره", "EVE"),
    ]
    assert entities(project, "arman-2") == [("دانشگاه تهران", "FAC"), ("پژو", "PRO")]
    doc = project.document("arman-1")
    assert doc.text.split("\n") == ["محمد تبریزی در جلفا گفت .", "سازمان منطقه آزاد ارس جشنواره را برگزار کرد ."]
    assert len(doc.sentences) == 2


@pytest.mark.parametrize("name", ["train", "arman.fold1", "ARMAN.DATA"])
def test_a_conll_file_without_a_known_extension_is_read_as_conll(
    project: Project, data_dir: Path, tmp_path: Path, name: str
) -> None:
    path = tmp_path / name  # corpora ship as `train`, `test` or `*.fold1`: the content decides, as for .txt
    path.write_bytes((data_dir / "arman.conll").read_bytes())
    report = import_paths(project, [path], ImportOptions(label_map={"pers": "PER", "event": "EVE"}))
    assert "space-separated, IOB2" in report.notes[0]
    assert entities(project, report.documents[0])[:2] == [("محمد تبریزی", "PER"), ("جلفا", "LOC")]


def test_a_text_file_without_a_known_extension_is_read_as_text(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("محمد تبریزی در جلفا گفت.\n\nسازمان منطقه آزاد ارس همکاری کرد.\n", encoding="utf-8")
    report = import_paths(project, [path], ImportOptions())
    assert len(report.documents) == 1 and not report.notes
    assert project.document(report.documents[0]).text.startswith("محمد تبریزی در جلفا گفت.")


def test_a_conll_document_records_that_its_text_was_kept_as_written(project: Project, data_dir: Path) -> None:
    import_paths(project, [data_dir / "arman.conll"], ImportOptions(label_map={"pers": "PER", "event": "EVE"}))
    import_paths(project, [data_dir / "peyma.txt"], ImportOptions(normalize=Profile.STANDARD))
    rows = query(project.path, "SELECT id, normalization FROM documents ORDER BY id")
    assert rows == [("arman-1", "none"), ("arman-2", "none"), ("peyma-1", "standard")]


def test_peyma_layout_pipe_underscore_tokens_with_spaces(project: Project, data_dir: Path) -> None:
    path = data_dir / "peyma.txt"
    report = import_paths(project, [path], ImportOptions())  # .txt, detected as CoNLL by its content
    assert "'|'-separated" in report.notes[0]
    doc = project.document("peyma-1")
    assert [doc.text[s:e] for s, e in doc.tokens] == [t for sent in read_columns(path, "|") for t, _ in sent]
    assert doc.text[slice(*doc.tokens[0])] == "جمهوری اسلامی ایران"
    assert entities(project, "peyma-1") == [
        ("جمهوری اسلامی ایران", "LOC"),
        ("۱۲ آبان ۱۴۰۴", "DAT"),
        ("۱۰۵ هزار تومان", "MON"),
        ("بانک مرکزی", "ORG"),
        ("۳۸٫۵ درصد", "PCT"),
    ]


def test_parstwiner_layout_tab_with_iob1_slip(project: Project, data_dir: Path) -> None:
    report = import_paths(project, [data_dir / "parstwiner.txt"], ImportOptions())
    assert "tab-separated, IOB2, 1 I- tag starts an entity;" in report.notes[0]
    assert entities(project, "parstwiner-1") == [
        ("خبرگزاری فارس", "ORG"),
        ("ایرانی‌ها", "NAT"),
        ("تهران", "LOC"),
        ("حزب دموکرات", "POG"),
        ("آمریکا", "LOC"),
    ]
    doc = project.document("parstwiner-1")
    # the emoji before the entity counts as one code point
    assert doc.text.index("ایرانی‌ها") == doc.text.index("😀") + 2


def test_tokens_are_kept_verbatim_without_normalization(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "raw.conll"
    path.write_text("علي\tB-PER\nمی\tO\nروم\tO\nكتاب‌\tO\n", encoding="utf-8")
    import_paths(project, [path], ImportOptions())
    doc = project.document("raw-1")
    assert [doc.text[s:e] for s, e in doc.tokens] == ["علي", "می", "روم", "كتاب‌"]
    assert doc.text == doc.raw_text


def test_normalization_on_request_keeps_token_boundaries(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "raw.conll"
    path.write_text("علي\tB-PER\nمی\tO\nروم\tO\nكتاب\tO\n", encoding="utf-8")
    import_paths(project, [path], ImportOptions(normalize=Profile.STANDARD))
    doc = project.document("raw-1")
    assert [doc.text[s:e] for s, e in doc.tokens] == ["علی", "می", "روم", "کتاب"]
    assert doc.raw_text == "علي می روم كتاب"
    assert entities(project, "raw-1") == [("علی", "PER")]


def test_sentences_per_doc(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "many.conll"
    path.write_text("".join(f"جمله{i}\tO\n\n" for i in range(7)), encoding="utf-8")
    report = import_paths(project, [path], ImportOptions(sentences_per_doc=3))
    assert report.documents == ["many-1", "many-2", "many-3"]
    assert project.document("many-3").text == "جمله6"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("علی\tB-PER\nرفت\n", r"bad\.conll:2: no tag on this line"),
        ("علی\tB-PER\nرفت\tPERSON\n", r"bad\.conll:2: 'PERSON' is not a tag"),
        ("علی\tB-PER\n\tO\n", r"bad\.conll:2: empty token"),
        ("\n\n", r"bad\.conll: no token lines"),
    ],
)
def test_bad_conll(project: Project, tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.conll"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        import_paths(project, [path], ImportOptions())
    assert project.documents() == []


@pytest.mark.skipif(not PARSTWINER.exists(), reason="ParsTwiNER is not beside the repository")
def test_real_parstwiner_test_split(project: Project) -> None:
    import_paths(project, [PARSTWINER], ImportOptions())
    sentences = read_columns(PARSTWINER, "\t")
    stored_tokens: list[list[str]] = []
    stored_chunks: list[list[tuple[str, int, int]]] = []  # per sentence: (label, first, last token), inclusive
    for info in project.documents():
        doc = project.document(info.id)
        for s_start, s_end in doc.sentences:
            first, last = doc.tokens.within(s_start, s_end)
            stored_tokens.append(doc.tokens[first:last].strings(doc.text))
            chunks = []
            for span in doc.layers["imported"].spans:
                if s_start <= span.start and span.end <= s_end:
                    found = doc.token_range(span.start, span.end)
                    assert found is not None
                    chunks.append((span.label, found[0] - first, found[1] - 1 - first))
            stored_chunks.append(sorted(chunks, key=lambda c: c[1]))
    assert stored_tokens == [[t for t, _ in s] for s in sentences]
    # every entity as conlleval reads the tags (seqeval's default chunking), at its tokens, with its type
    expected = [get_entities([tag for _, tag in s]) for s in sentences]
    assert stored_chunks == expected
    assert sum(map(len, expected)) == 660  # ParsTwiNER's test split, counted by seqeval


@pytest.mark.parametrize(
    ("tags", "said"),
    [
        (("B-PER", "O", "O", "I-LOC", "O", "B-LOC"), "space-separated, IOB2, 1 I- tag starts an entity; 2 sentences"),
        (("I-PER", "O", "O", "I-LOC", "O", "I-LOC"), "space-separated, IOB1; 2 sentences"),
        (("B-PER", "O", "I-ORG", "I-LOC", "O", "I-LOC"), "space-separated, IOB2, 3 I- tags start an entity; 2"),
    ],
)
def test_the_report_says_how_a_conll_file_was_read(
    project: Project, tmp_path: Path, tags: tuple[str, ...], said: str
) -> None:
    words = ("علی", "رفت", "", "به", "تهران", "و", "شیراز")
    rows = [f"{w} {tags[i - (i > 2)]}" if w else "" for i, w in enumerate(words)]
    source = tmp_path / "a.conll"
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = import_paths(project, [source], ImportOptions(split="Dev"))
    assert report.notes[0].startswith(f"{source}: CoNLL, {said}") and report.notes[0].endswith(" in 1 document")
    assert report.notes[1] == f"{source}: split validation (--split)"
    assert project.document("a-1").meta == {"split": "validation"}


def test_a_split_option_that_is_no_split_name_is_refused(project: Project, tmp_path: Path) -> None:
    source = tmp_path / "a.conll"
    source.write_text("علی B-PER\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"^--split: a split name is letters, digits and '_' .*, got 'my split'$"):
        import_paths(project, [source], ImportOptions(split="my split"))
    assert project.documents() == []
