from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.errors import ExportError
from annotator.importers import ImportOptions, import_paths, parse_label_map
from annotator.model import Span
from annotator.schema import preset
from annotator.store import Project
from annotator.tags import Scheme
from exports import ExportOptions, export
from tests.exports.conftest import NewLocation, add, file_only, server_only

PARSTWINER = Path(__file__).parents[3] / "shared" / "data" / "parstwiner"


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def test_default_layout_space_iob2_blank_line_per_sentence(project: Project, tmp_path: Path) -> None:
    report = export(project, ExportOptions("conll", tmp_path / "all.conll"))  # space: what conlleval reads
    assert report.layer == "sara" and report.documents == {"train": 3}
    out = lines(tmp_path / "all.conll")
    assert out[:6] == ["محمد B-PER", "تبریزی I-PER", "در O", "جلفا B-LOC", "گفت O", ". O"]
    assert out[6] == ""  # sentence boundary
    assert "علی‌رضا B-PER" in out  # ZWNJ kept inside the token
    assert "بانک O" in out  # the suggestion nobody accepted is not exported
    assert out[out.index("۳۸٫۵ B-PCT") : out.index("۳۸٫۵ B-PCT") + 2] == ["۳۸٫۵ B-PCT", "درصد I-PCT"]
    assert "😀 O" in out
    assert out[-2:] == ["", ""]  # the last sentence ends with a blank line too


def test_tab_separator_on_request(project: Project, tmp_path: Path) -> None:
    export(project, ExportOptions("conll", tmp_path / "all.conll", sep="tab"))
    assert lines(tmp_path / "all.conll")[:2] == ["محمد\tB-PER", "تبریزی\tI-PER"]


def test_options_docstart_space_roles_bioes_document_unit(project: Project, tmp_path: Path) -> None:
    export(
        project,
        ExportOptions(
            "conll", tmp_path / "x.conll", scheme=Scheme.BIOES, sep="space", docstart=True, roles=True, unit="document"
        ),
    )
    out = lines(tmp_path / "x.conll")
    assert out[:4] == ["-DOCSTART- _ O", "", "محمد source B-PER", "تبریزی source E-PER"]  # three columns, as every line
    assert "جلفا _ S-LOC" in out
    first_doc = out[2 : out.index("", 2)]
    assert len(first_doc) == 13  # both sentences of document a, no blank line between them


def test_splits_into_files(project: Project, tmp_path: Path) -> None:
    report = export(project, ExportOptions("conll", tmp_path / "out"))
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        ".barchasb-export.json",
        "test.conll",
        "train.conll",
        "validation.conll",
    ]
    assert sum(report.documents.values()) == 3 and all(report.documents.values())


def test_only_done(project: Project, tmp_path: Path) -> None:
    report = export(project, ExportOptions("conll", tmp_path / "d.conll", only_done=True))
    assert report.documents == {"train": 1}


def test_layer_choice(project: Project, tmp_path: Path) -> None:
    add(project, "c", "ali", "ایلنا", "ORG")
    with pytest.raises(ExportError, match=r"several layers \(ali, sara\)"):
        export(project, ExportOptions("conll", tmp_path / "x.conll"))
    report = export(project, ExportOptions("conll", tmp_path / "x.conll", layer="ali"))
    assert report.skipped_without_layer == 2
    add(project, "a", "gold", "جلفا", "LOC")
    assert export(project, ExportOptions("conll", tmp_path / "g.conll")).layer == "gold"
    with pytest.raises(ExportError, match="no document has a layer 'nobody'"):
        export(project, ExportOptions("conll", tmp_path / "x.conll", layer="nobody"))


def test_conflicts_are_listed_or_dropped(project: Project, tmp_path: Path) -> None:
    add(project, "a", "sara", "تبریزی", "LOC")  # nested in «محمد تبریزی»
    text = project.document("c").text
    project.add_span("c", "sara", Span(text.index("ایلنا"), text.index("ایلنا") + 3, "ORG"), tokens=False)
    target = tmp_path / "c.conll"
    with pytest.raises(ExportError) as info:
        export(project, ExportOptions("conll", target))
    message = str(info.value)
    assert "2 spans cannot be written" in message
    assert "a [5, 11) LOC «تبریزی»: overlaps PER «محمد تبریزی»" in message
    assert "c [" in message and "«ایل»: does not align with token boundaries" in message
    assert not target.exists()
    report = export(project, ExportOptions("conll", target, drop_conflicts=True))
    assert report.dropped == 2 and target.exists()


def test_span_across_sentences_is_a_conflict_only_per_sentence(project: Project, tmp_path: Path) -> None:
    text = project.document("a").text
    start = text.index("گفت")
    project.add_span("a", "sara", Span(start, text.index("سازمان") - 1 + len(" سازمان"), "EVE"))
    with pytest.raises(ExportError, match="crosses a sentence boundary"):
        export(project, ExportOptions("conll", tmp_path / "s.conll", drop_conflicts=False))
    with pytest.raises(ExportError, match="overlaps"):
        export(project, ExportOptions("conll", tmp_path / "s.conll", unit="document"))


def test_existing_foreign_folder_is_not_overwritten(project: Project, tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.tex").write_text("precious", encoding="utf-8")
    with pytest.raises(ExportError, match="not empty"):
        export(project, ExportOptions("conll", tmp_path / "mine"))
    export(project, ExportOptions("conll", tmp_path / "again"))
    export(project, ExportOptions("conll", tmp_path / "again", split="0.5,0.5"))  # our own folder: replaced
    assert sorted(p.name for p in (tmp_path / "again").glob("*.conll")) == ["test.conll", "train.conll"]


def reimport(new_location: NewLocation, path: Path, schema: str = "combined") -> Project:
    target = Project.create(new_location(f"re-{path.stem}"), preset(schema))
    import_paths(target, [path], ImportOptions(sentences_per_doc=10**6))
    return target


def token_view(project: Project) -> list[tuple[list[str], list[tuple[int, int, str]]]]:
    """Per document: token strings and spans as token ranges."""
    out = []
    for info in project.documents():
        doc = project.document(info.id)
        layer = next(iter(doc.layers.values()), None)
        spans = [] if layer is None else [(*doc.token_range(s.start, s.end), s.label) for s in layer.accepted()]
        out.append(([doc.text[s:e] for s, e in doc.tokens], sorted(spans)))
    return out


# Characters str.splitlines() takes for line breaks (U+2028, U+2029, U+0085, \x1c-\x1e, \x0b, \x0c) are token
# characters in CoNLL and JSONL: only \n ends a line.
LINE_BREAK_LOOKALIKES = ["\u2028", "\u2029", "\u0085", "\x1c", "\x1d", "\x1e", "\x0b", "\x0c"]
WORD = st.text(
    alphabet=st.sampled_from(list("ابپتجچدرزسشکگلمنوهی") + ["\u200c"] * 2 + list("ab۱۲3😀") + LINE_BREAK_LOOKALIKES),
    min_size=1,
    max_size=6,
).filter(lambda w: not w.startswith("\u200c") and not w.endswith("\u200c") and w != "-DOCSTART-")


@st.composite
def documents(draw: st.DrawFn) -> tuple[list[list[str]], list[tuple[int, int, str]]]:
    sentences = draw(st.lists(st.lists(WORD, min_size=1, max_size=8), min_size=1, max_size=4))
    spans: list[tuple[int, int, str]] = []
    offset = 0
    for sentence in sentences:
        i = 0
        while i < len(sentence):
            if draw(st.booleans()):
                size = draw(st.integers(1, len(sentence) - i))
                spans.append((offset + i, offset + i + size, draw(st.sampled_from(["PER", "LOC", "ORG"]))))
                i += size
            i += 1
        offset += len(sentence)
    return sentences, spans


def round_trip(  # type: ignore[no-untyped-def]
    tmp_path_factory: pytest.TempPathFactory, new_location: NewLocation, docs, scheme: Scheme, sep: str
) -> None:
    """Import, export in CoNLL, import again: the same tokens and spans."""
    tmp = tmp_path_factory.mktemp("rt")
    rows = []
    for n, (sentences, spans) in enumerate(docs):
        text, tokens, bounds = "", [], []
        for sentence in sentences:
            if text:
                text += "\n"
            first = len(tokens)
            for k, word in enumerate(sentence):
                if k:
                    text += " "
                tokens.append([len(text), len(text) + len(word)])
                text += word
            bounds.append([tokens[first][0], tokens[-1][1]])
        entities = [{"start": tokens[a][0], "end": tokens[b - 1][1], "label": lab} for a, b, lab in spans]
        rows.append({"id": f"d{n}", "text": text, "tokens": tokens, "sentences": bounds, "spans": entities})
    source = tmp / "in.jsonl"
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    original = Project.create(new_location("o"), preset("combined"))
    import_paths(original, [source], ImportOptions(annotator="x"))
    if not any(spans for _, spans in docs):
        original.add_span("d0", "x", Span(0, len(docs[0][0][0][0]), "PER"))
    out = tmp / "out.conll"
    export(original, ExportOptions("conll", out, scheme=scheme, sep=sep, docstart=True))
    again = reimport(new_location, out)
    assert token_view(again) == token_view(original)
    original.close()
    again.close()


def round_trips(examples: int) -> Any:
    """The property as a test of ``examples`` examples."""
    drawn = (
        st.lists(documents(), min_size=1, max_size=3),
        st.sampled_from(list(Scheme)),
        st.sampled_from(["tab", "space"]),
    )
    quiet = [HealthCheck.function_scoped_fixture]
    return settings(max_examples=examples, deadline=None, suppress_health_check=quiet)(given(*drawn)(round_trip))


test_round_trip_property = file_only(round_trips(40))
# each server example creates two projects (a third of a second each): fewer examples, the same property
test_round_trip_property_on_a_server = server_only(round_trips(10))


def test_arman_layout_reproduced_line_for_line(location: str, tmp_path: Path, data_dir: Path) -> None:
    schema = tmp_path / "arman.json"
    types = [{"name": n} for n in ("pers", "org", "loc", "fac", "pro", "event")]
    schema.write_text(json.dumps({"name": "arman-raw", "types": types}), encoding="utf-8")
    from annotator.schema import load_schema

    with Project.create(location, load_schema(str(schema))) as project:
        import_paths(project, [data_dir / "arman.conll"], ImportOptions())
        export(project, ExportOptions("conll", tmp_path / "out.conll", sep="space", docstart=True))
        assert lines(tmp_path / "out.conll") == [*lines(data_dir / "arman.conll")[:-1], "", ""]  # + final blank line


def as_iob2(corpus: list[str]) -> list[str]:
    """The corpus lines with every I- tag that starts an entity (after O, another type or nothing) written B-."""
    out: list[str] = []
    previous = "O"
    for line in corpus:
        if not line:
            out.append(line)
            previous = "O"
            continue
        token, tag = line.split("\t")
        if tag.startswith("I-") and (previous == "O" or previous[2:] != tag[2:]):
            tag = "B-" + tag[2:]
        out.append(f"{token}\t{tag}")
        previous = tag
    return out


@pytest.mark.skipif(not PARSTWINER.exists(), reason="ParsTwiNER is not beside the repository")
@pytest.mark.parametrize(("name", "stray"), [("test.txt", 0), ("dev.txt", 1)])
def test_public_corpus_reproduced_line_for_line(location: str, tmp_path: Path, name: str, stray: int) -> None:
    with Project.create(location, preset("parstwiner")) as project:
        report = import_paths(project, [PARSTWINER / name], ImportOptions())
        export(project, ExportOptions("conll", tmp_path / "out.conll", sep="tab"))  # ParsTwiNER is tab-separated
        theirs = lines(PARSTWINER / name)
        assert lines(tmp_path / "out.conll") == as_iob2(theirs)
        # the only rewrites are the corpus's I- tags that start an entity, counted here by hand
        assert sum(a != b for a, b in zip(as_iob2(theirs), theirs, strict=True)) == stray
        said = ", 1 I- tag starts an entity" if stray == 1 else f", {stray} I- tags start an entity"
        assert (said in report.notes[0]) is bool(stray)  # and the import says so


def test_a_token_with_a_space_stops_the_space_export(location: str, tmp_path: Path, data_dir: Path) -> None:
    """PEYMA keeps multi-word tokens: a space separator would cut «جمهوری اسلامی ایران» into three columns."""
    with Project.create(location, preset("peyma")) as project:
        import_paths(project, [data_dir / "peyma.txt"], ImportOptions())
        with pytest.raises(ExportError) as caught:
            export(project, ExportOptions("conll", tmp_path / "out.conll"))
        message = str(caught.value)
        assert "token «جمهوری اسلامی ایران» in document peyma-1 (sentence 1, token 1) contains a space" in message
        assert "--sep tab" in message and not (tmp_path / "out.conll").exists()
        export(project, ExportOptions("conll", tmp_path / "out.conll", sep="tab"))
        assert lines(tmp_path / "out.conll")[0] == "جمهوری اسلامی ایران\tB-LOC"


def test_conll2003_layout(project: Project, new_location: NewLocation, tmp_path: Path) -> None:
    export(project, ExportOptions("conll", tmp_path / "x.conll", layout="conll2003"))
    out = lines(tmp_path / "x.conll")
    assert out[:4] == ["-DOCSTART- -X- -X- O", "", "محمد -X- _ B-PER", "تبریزی -X- _ I-PER"]
    assert out.count("-DOCSTART- -X- -X- O") == 3
    with Project.create(new_location("again"), preset("combined")) as again:
        import_paths(again, [tmp_path / "x.conll"], ImportOptions())  # the importer reads the four columns
        assert token_view(again) == token_view(project)
    with pytest.raises(ExportError, match="no role column"):
        export(project, ExportOptions("conll", tmp_path / "y.conll", layout="conll2003", roles=True))


def test_label_map_writes_a_corpus_spelling_back(location: str, tmp_path: Path, data_dir: Path) -> None:
    with Project.create(location, preset("arman")) as project:
        import_paths(project, [data_dir / "arman.conll"], ImportOptions())  # pers, event... through the preset
        spelling = parse_label_map("PER=pers,ORG=org,LOC=loc,FAC=fac,PRO=pro,EVE=event")
        export(project, ExportOptions("conll", tmp_path / "out.conll", docstart=True, label_map=spelling))
        assert lines(tmp_path / "out.conll") == [*lines(data_dir / "arman.conll")[:-1], "", ""]
        export(project, ExportOptions("hf", tmp_path / "hf", split="1", label_map={"PER": "pers"}))
        from datasets import load_dataset

        names = load_dataset(str(tmp_path / "hf"))["train"].features["ner_tags"].feature.names
        assert names[:3] == ["O", "B-pers", "I-pers"] and "B-ORG" in names
        with pytest.raises(ExportError, match="XYZ not in the schema"):
            export(project, ExportOptions("conll", tmp_path / "z.conll", label_map={"XYZ": "x"}))
        with pytest.raises(ExportError, match="cannot be a label"):
            export(project, ExportOptions("conll", tmp_path / "z.conll", label_map={"PER": "a b"}))
