"""The import's own rules: label maps, unknown labels and where they are, repeated texts, and its notes."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.errors import InputError
from annotator.importers import ImportOptions, import_paths
from annotator.importers.batch import expand_paths, parse_label_map
from annotator.store import Project
from annotator.store.review import LayerOutcome
from annotator.text.profiles import Profile

COMBINED = "PER, ORG, LOC, FAC, PRO, EVE, DAT, TIM, MON, PCT, POG, NAT"


@pytest.fixture
def plain(new_project: Callable[..., Project]) -> Project:
    """A project that keeps texts as they are, so a CoNLL file and a JSONL file can hold the same text."""
    return new_project(Profile.NONE)


def jsonl(path: Path, *records: dict[str, object]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def person(n: int, label: str = "PER") -> dict[str, object]:
    """A one-entity record: «متن N علی» with «علی» labelled."""
    text = f"متن {n} علی"
    return {"id": f"t{n}", "text": text, "label": [[len(text) - 3, len(text), label]]}


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("pers=PER,org=ORG", {"pers": "PER", "org": "ORG"}),
        (" pers = PER , org=ORG ,, ", {"pers": "PER", "org": "ORG"}),
        ("a=b=c", {"a": "b=c"}),  # the first '=' splits
        ("", {}),
    ],
)
def test_parse_label_map(spec: str, expected: dict[str, str]) -> None:
    assert parse_label_map(spec) == expected


@pytest.mark.parametrize("item", ["pers", "=PER", "pers=", " = "])
def test_parse_label_map_refuses_half_pairs(item: str) -> None:
    with pytest.raises(InputError, match=rf"^--label-map: expected FROM=TO, got '{item.strip()}'$"):
        parse_label_map(f"org=ORG,{item}")


def test_unknown_labels_are_listed_with_the_first_place_of_each(project: Project, tmp_path: Path) -> None:
    c = jsonl(tmp_path / "c.jsonl", person(0, "WHO"), person(1), person(2, "WHAT"), person(3, "WHO"))
    d = jsonl(tmp_path / "d.jsonl", person(4, "ZED"))
    expected = (
        rf"^{re.escape(str(c))}:1: labels not in the schema \({COMBINED}\): "
        rf"WHAT \(1, line 3\), WHO \(2\), ZED \(1, {re.escape(str(d))}\); "
        r"rename them with --label-map FROM=TO,\.\.\. or add them with --add-labels$"
    )
    for order in ([c, d], [d, c]):  # the error points at the first place by file, then line
        with pytest.raises(InputError, match=expected):
            import_paths(project, order, ImportOptions())
    assert project.documents() == []


def test_labels_mapped_together_count_together(project: Project, tmp_path: Path) -> None:
    c = jsonl(tmp_path / "c.jsonl", person(0, "who"), person(1, "WHO"), person(2, "Wer"))
    with pytest.raises(InputError, match=r"c\.jsonl:1: labels not in the schema \(.*\): NEW \(3\); rename"):
        import_paths(project, [c], ImportOptions(label_map={"who": "NEW", "wer": "NEW"}))
    report = import_paths(project, [c], ImportOptions(label_map={"WHO": "per", "wer": "PER"}))
    assert report.spans == 3 and {
        s.label for d in ("t0", "t1", "t2") for s in project.document(d).layers["imported"].spans
    } == {"PER"}


def test_a_known_text_tokenized_otherwise_is_refused_naming_file_line_and_document(
    plain: Project, tmp_path: Path
) -> None:
    conll = tmp_path / "a.conll"
    conll.write_text("به\tO\nتهران.\tB-LOC\n", encoding="utf-8")  # one token «تهران.»: the period stays on it
    import_paths(plain, [conll], ImportOptions())
    assert plain.document("a-1").text == "به تهران."
    again = jsonl(tmp_path / "b.jsonl", {"text": "پیش از آن"}, {"text": "به تهران.", "label": [[3, 8, "LOC"]]})
    with pytest.raises(
        InputError,
        match=rf"^{re.escape(str(again))}:2: this text is already document 'a-1', tokenized differently: "
        r"span \[3, 8\) «تهران» does not align with token boundaries$",
    ):
        import_paths(plain, [again], ImportOptions(annotator="ali"))
    assert [d.id for d in plain.documents()] == ["a-1"] and list(plain.document("a-1").layers) == ["imported"]


def test_the_same_within_one_import(plain: Project, tmp_path: Path) -> None:
    conll = tmp_path / "a.conll"
    conll.write_text("به\tO\nتهران.\tB-LOC\n", encoding="utf-8")
    again = jsonl(tmp_path / "b.jsonl", {"text": "به تهران.", "label": [[3, 8, "LOC"]], "annotator": "ali"})
    with pytest.raises(
        InputError, match=rf"^{re.escape(str(again))}:1: this text is already document 'a-1', tokenized differently"
    ):
        import_paths(plain, [conll, again], ImportOptions())
    assert plain.documents() == []
    fitting = jsonl(tmp_path / "c.jsonl", {"text": "به تهران.", "label": [[3, 9, "LOC"]], "annotator": "sara"})
    report = import_paths(plain, [conll, fitting], ImportOptions())
    assert report.documents == ["a-1"] and sorted(plain.document("a-1").layers) == ["imported", "sara"]


def test_a_text_repeated_in_one_import_by_the_same_annotator_stays_one_document(
    project: Project, tmp_path: Path
) -> None:
    twice = jsonl(tmp_path / "twice.jsonl", person(1) | {"id": "first"}, person(1) | {"id": "again"})
    report = import_paths(project, [twice], ImportOptions())
    # as when the two records come in two imports: the second is the same layer, already there
    assert report.documents == ["first"] and [d.id for d in project.documents()] == ["first"]
    assert report.notes == ["1 layer already in the project as it is: first (imported)"]


def test_a_text_repeated_in_one_import_with_other_entities_keeps_the_first_unless_replaced(
    project: Project, tmp_path: Path
) -> None:
    first = person(1) | {"id": "first"}
    other = person(1, "LOC") | {"id": "again"}
    report = import_paths(project, [jsonl(tmp_path / "a.jsonl", first, other)], ImportOptions())
    assert [d.id for d in project.documents()] == ["first"] and report.notes[0].startswith("1 layer not imported")
    assert [s.label for s in project.document("first").layers["imported"].spans] == ["PER"]
    again = jsonl(tmp_path / "b.jsonl", person(2) | {"id": "second"}, person(2, "LOC") | {"id": "later"})
    import_paths(project, [again], ImportOptions(replace=True))
    assert [s.label for s in project.document("second").layers["imported"].spans] == ["LOC"]


def test_a_text_repeated_in_two_imports_by_the_same_annotator_is_one_document(project: Project, tmp_path: Path) -> None:
    import_paths(project, [jsonl(tmp_path / "a.jsonl", person(1) | {"id": "first"})], ImportOptions())
    report = import_paths(project, [jsonl(tmp_path / "b.jsonl", person(1) | {"id": "again"})], ImportOptions())
    assert report.documents == [] and report.notes == ["1 layer already in the project as it is: first (imported)"]
    assert [d.id for d in project.documents()] == ["first"]


@pytest.mark.parametrize(
    ("count", "listed"),
    [
        (8, "t0, t1, t2, t3, t4, t5, t6, t7"),
        (9, "t0, t1, t2, t3, t4, t5, t6, t7, … 1 more"),
        (12, "t0, t1, t2, t3, t4, t5, t6, t7, … 4 more"),
    ],
)
def test_notes_list_eight_and_count_the_rest(project: Project, tmp_path: Path, count: int, listed: str) -> None:
    texts = [{"id": f"t{n}", "text": f"متن شماره {n}"} for n in range(count)]
    import_paths(project, [jsonl(tmp_path / "a.jsonl", *texts)], ImportOptions())
    report = import_paths(project, [jsonl(tmp_path / "b.jsonl", *texts)], ImportOptions())
    assert report.documents == [] and report.notes == [
        f"{count} texts already in the project (or repeated), skipped: {listed}"
    ]
    layers = [person(n) | {"id": f"x{n}"} for n in range(count)]
    import_paths(
        project,
        [jsonl(tmp_path / "c.jsonl", *[{"id": f"p{n}", "text": r["text"]} for n, r in enumerate(layers)])],
        ImportOptions(),
    )
    report = import_paths(project, [jsonl(tmp_path / "d.jsonl", *layers)], ImportOptions(annotator="ali"))
    names = ", ".join(f"p{n} (ali)" for n in range(min(count, 8))) + (f", … {count - 8} more" if count > 8 else "")
    assert report.notes == [f"{count} layers added to documents already in the project: {names}"]
    report = import_paths(project, [tmp_path / "d.jsonl"], ImportOptions(annotator="ali"))
    assert report.notes == [f"{count} layers already in the project as they are: {names}"]
    others = [person(n, "LOC") | {"id": f"x{n}"} for n in range(count)]
    report = import_paths(project, [jsonl(tmp_path / "e.jsonl", *others)], ImportOptions(annotator="ali"))
    assert report.notes == [
        f"{count} layers not imported: the same annotator already has a different layer there, kept "
        f"(--replace overwrites it; --annotator NAME imports it as another layer): {names}"
    ]


def test_a_plain_text_repeated_in_one_import_is_skipped_and_the_texts_after_it_go_in(
    project: Project, tmp_path: Path
) -> None:
    texts = [{"id": "first", "text": "متن یکم"}, {"id": "again", "text": "متن یکم"}, {"id": "next", "text": "متن دوم"}]
    report = import_paths(project, [jsonl(tmp_path / "a.jsonl", *texts)], ImportOptions())
    assert report.documents == ["first", "next"] and [d.id for d in project.documents()] == ["first", "next"]
    assert report.notes == ["1 text already in the project (or repeated), skipped: first"]


def test_paths_expand_to_sorted_files_of_the_format(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    for name in ("b.conll", "a.IOB", "c.txt", "d.jsonl", "e.bio", "f.md", "sub/g.conll"):
        (folder / name).write_text("x", encoding="utf-8")
    single = tmp_path / "one.txt"
    single.write_text("x", encoding="utf-8")
    assert expand_paths([folder, single], "conll") == [
        (folder / "a.IOB", "conll"),
        (folder / "b.conll", "conll"),
        (folder / "e.bio", "conll"),
        (single, "conll"),  # a file named on its own is read in the format asked for
    ]
    assert [p.name for p, f in expand_paths([str(folder)], "auto") if f == "auto"] == [
        "a.IOB",
        "b.conll",
        "c.txt",
        "d.jsonl",
        "e.bio",
    ]
    assert [p.name for p, _ in expand_paths([folder], "txt")] == ["c.txt"]


def test_paths_that_give_nothing_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^unknown format 'xml' \(choose from auto, txt, jsonl, csv, conll"):
        expand_paths([tmp_path], "xml")
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    with pytest.raises(
        InputError, match=rf"^{re.escape(str(tmp_path))}: no files to import in this folder \(\.text, \.txt\)$"
    ):
        expand_paths([tmp_path], "txt")
    with pytest.raises(InputError, match=rf"^{re.escape(str(tmp_path / 'gone.txt'))}: no such file or folder$"):
        expand_paths([tmp_path / "notes.md", tmp_path / "gone.txt"], "auto")


def test_a_different_layer_is_kept_or_replaced_and_counted(project: Project, tmp_path: Path) -> None:
    import_paths(project, [jsonl(tmp_path / "a.jsonl", person(1))], ImportOptions(annotator="ali"))
    other = person(1, "LOC") | {"id": "other"}
    report = import_paths(project, [jsonl(tmp_path / "b.jsonl", other)], ImportOptions(annotator="ali"))
    assert report.spans == 0 and report.layers == [("t1", "ali", LayerOutcome.KEPT)]
    assert report.notes == [
        "1 layer not imported: the same annotator already has a different layer there, kept "
        "(--replace overwrites it; --annotator NAME imports it as another layer): t1 (ali)"
    ]
    assert [s.label for s in project.document("t1").layers["ali"].spans] == ["PER"]
    report = import_paths(project, [tmp_path / "b.jsonl"], ImportOptions(annotator="ali", replace=True))
    assert report.spans == 1 and report.layers == [("t1", "ali", LayerOutcome.REPLACED)]
    assert report.notes == ["1 layer replaced on a document already in the project: t1 (ali)"]
    assert [s.label for s in project.document("t1").layers["ali"].spans] == ["LOC"]
    report = import_paths(project, [tmp_path / "b.jsonl"], ImportOptions(annotator="sara"))
    assert report.spans == 1 and report.notes == ["1 layer added to a document already in the project: t1 (sara)"]


def test_notes_count_replaced_layers_in_the_plural(project: Project, tmp_path: Path) -> None:
    import_paths(project, [jsonl(tmp_path / "a.jsonl", person(1), person(2))], ImportOptions(annotator="ali"))
    others = jsonl(tmp_path / "b.jsonl", person(1, "LOC") | {"id": "o1"}, person(2, "LOC") | {"id": "o2"})
    report = import_paths(project, [others], ImportOptions(annotator="ali", replace=True))
    assert report.notes == ["2 layers replaced on documents already in the project: t1 (ali), t2 (ali)"]


def test_raw_offsets_around_a_removed_tatweel(project: Project, tmp_path: Path) -> None:
    """Raw offsets whose end falls among removed kashidas keep the letter before them."""
    after_word = jsonl(tmp_path / "a.jsonl", {"text": "علیـــ رضا آمد", "label": [[0, 4, "PER"]]})
    import_paths(project, [after_word], ImportOptions())
    (span,) = project.document("a-1").layers["imported"].spans
    assert project.document("a-1").text[span.start : span.end] == "علی"
    inside_word = jsonl(tmp_path / "b.jsonl", {"text": "علـــی رضا رفت", "label": [[0, 4, "PER"]]})
    with pytest.raises(InputError, match=r"b\.jsonl:1: entity PER at \[0, 4\): span \[0, 2\) «عل» does not align"):
        import_paths(project, [inside_word], ImportOptions())


def test_raw_offsets_next_to_an_expanded_ligature(project: Project, tmp_path: Path) -> None:
    """ﷲ is shown as الله: an entity from the space after it is trimmed to the next word, never split inside it."""
    source = jsonl(tmp_path / "a.jsonl", {"text": "ﷲ اکبر گفت", "label": [[1, 6, "PER"]]})
    import_paths(project, [source], ImportOptions())
    document = project.document("a-1")
    (span,) = document.layers["imported"].spans
    assert (document.text, document.text[span.start : span.end]) == ("الله اکبر گفت", "اکبر")


@pytest.mark.parametrize(
    ("record", "said"),
    [
        ({"text": "علی رفت  ", "label": [[7, 9, "PER"]]}, r"entity PER at \[7, 9\): span \[7, 7\) is empty"),
        ({"text": "علی  رفت", "label": [[3, 5, "PER"]]}, r"entity PER at \[3, 5\): span \[4, 4\) is empty"),
    ],
)
def test_an_entity_of_spaces_only_is_refused_as_empty(
    project: Project, tmp_path: Path, record: dict[str, object], said: str
) -> None:
    """Trailing spaces are not in the displayed text, and two spaces are shown as one: nothing is left of either."""
    source = jsonl(tmp_path / "a.jsonl", record)
    with pytest.raises(InputError, match=rf"^{re.escape(str(source))}:1: {said} or negative$"):
        import_paths(project, [source], ImportOptions())
    assert project.documents() == []


def test_a_conll_token_with_a_no_break_space_at_its_edge_keeps_its_entity(plain: Project, tmp_path: Path) -> None:
    """A reader's own tokens are not trimmed: an entity over «\\u00a0محمد» is that whole token."""
    conll = tmp_path / "a.conll"
    conll.write_text("\u00a0محمد B-PER\nتبریزی\u00a0 I-PER\nآمد O\n", encoding="utf-8")
    import_paths(plain, [conll], ImportOptions())
    document = plain.document("a-1")
    (span,) = document.layers["imported"].spans
    assert document.text[span.start : span.end] == "\u00a0محمد تبریزی\u00a0"


def test_a_role_refused_after_an_emoji_gets_no_doccano_hint(project: Project, tmp_path: Path) -> None:
    """The hint about UTF-16 offsets is for entities that miss their words, not for a role the schema lacks."""
    text = "😀 علی در تهران"
    start = text.index("تهران")
    source = jsonl(
        tmp_path / "a.jsonl", {"text": text, "spans": [{"start": start, "end": start + 5, "label": "LOC", "role": "x"}]}
    )
    with pytest.raises(
        InputError,
        match=r"^.*a\.jsonl:1: entity LOC at \[\d+, \d+\): role 'x' is not allowed for LOC \(allowed: [^)]*\)$",
    ):
        import_paths(project, [source], ImportOptions())
