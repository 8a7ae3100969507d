from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.cli import main
from annotator.text.pipeline import analyze
from annotator.text.profiles import Profile
from annotator.text.tokenize import tokenize, web_tokens

ZWNJ = "\u200c"


def words(text: str) -> list[str]:
    return [text[s:e] for s, e in tokenize(text)]


@pytest.mark.parametrize(
    "address",
    [
        "https://www.irna.ir/news/85012345/",
        "https://www.irna.ir/news/85012345/عنوان-خبر-با-نیم\u200cفاصله",
        "http://localhost:8080/a?b=1&c=2#x",
        "HTTPS://IRNA.IR",
        "ftp://files.example.com/pub/file.tar.gz",
        "https://fa.wikipedia.org/wiki/ایران",
        "https://en.wikipedia.org/wiki/Tehran_(city)",
        "https://www.isna.ir/news/1404081209/%D8%A7%DB%8C%D8%B1%D8%A7%D9%86",
        "https://t.co/tZOurPSXzi",
        "www.isna.ir",
        "www.tixir.ir",
        "WWW.Example.COM/Path",
        "irna.ir",
        "news.irna.ir/fa/1404/08/12",
        "bit.ly/3xYz",
        "t.me/irna_1313",
        "example.co.uk:8443/a",
        "info@example.ir",
        "ali.rezaei+news@mail.example.co.uk",
        "a_b-c@sub.domain.ir",
        "@user_name",
        "@irna_fa123",
        "@ali.reza",
        "@کاربر_ایرانی",
        "#ایران",
        "#مهسا_امینی",
        "#کتاب\u200cخوانی",
        "#ایران۱۴۰۴",
        "#iPhone۱۵",
        "#COVID19",
        "#زن_زندگی_آزادی",
    ],
)
def test_a_web_form_is_one_token(address: str) -> None:
    text = f"خبر را در {address} بخوانید"
    assert words(text) == ["خبر", "را", "در", address, "بخوانید"]
    assert words(address) == [address]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("... در www.isna.ir.", ["...", "در", "www.isna.ir", "."]),
        ("در www.isna.ir. خبر", ["در", "www.isna.ir", ".", "خبر"]),
        ("سایت (irna.ir) و (https://x.ir/a)", ["سایت", "(", "irna.ir", ")", "و", "(", "https://x.ir/a", ")"]),
        ("www.isna.ir، irna.ir؛ و https://x.ir/a،", ["www.isna.ir", "،", "irna.ir", "؛", "و", "https://x.ir/a", "،"]),
        ("irna.ir،خبر", ["irna.ir", "،", "خبر"]),
        ('«https://x.ir/a» و "www.x.com"', ["«", "https://x.ir/a", "»", "و", '"', "www.x.com", '"']),
        ("https://x.ir/a?! https://x.ir/b:", ["https://x.ir/a", "?!", "https://x.ir/b", ":"]),
        ("https://x.ir/search?q=1؟", ["https://x.ir/search?q=1", "؟"]),
        (
            "(https://en.wikipedia.org/wiki/Tehran_(city)).",
            ["(", "https://en.wikipedia.org/wiki/Tehran_(city)", ")", "."],
        ),
        ("info@example.ir.", ["info@example.ir", "."]),
        ("(info@example.ir)، تماس", ["(", "info@example.ir", ")", "،", "تماس"]),
        ("@user_name: سلام", ["@user_name", ":", "سلام"]),
        ("@ali.reza.", ["@ali.reza", "."]),
        ("#ایران، #مهسا_امینی.", ["#ایران", "،", "#مهسا_امینی", "."]),
        ("#ایران#تهران", ["#ایران", "#تهران"]),
        ("(#ایران)", ["(", "#ایران", ")"]),
        ("سلامhttps://x.ir", ["سلام", "https://x.ir"]),
        ("https://t.co/x)))", ["https://t.co/x", ")", ")", ")"]),
        ("(https://x.org/A_(b)_[c]).", ["(", "https://x.org/A_(b)_[c]", ")", "."]),
    ],
)
def test_punctuation_around_a_web_form_stays_outside(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_a_persian_word_typed_without_a_space_is_a_word_of_its_own() -> None:
    text = "سایتwww.irna.ir و ایمیلinfo@example.ir یا irna.irرا و آدرسhttps://x.ir"
    assert words(text) == [
        "سایت",
        "www.irna.ir",
        "و",
        "ایمیل",
        "info@example.ir",
        "یا",
        "irna.ir",
        "را",
        "و",
        "آدرس",
        "https://x.ir",
    ]


def test_an_emoji_glued_to_a_link_or_hashtag_is_its_own_token() -> None:
    assert words("https://t.co/abc😀 #ایران🇮🇷 @ali👍🏽") == ["https://t.co/abc", "😀", "#ایران", "🇮🇷", "@ali", "👍🏽"]
    # a keycap is an emoji, not a hashtag
    assert words("#️⃣ 1️⃣#ایران") == ["#️⃣", "1️⃣", "#ایران"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("readme.md و app.py", ["readme", ".", "md", "و", "app", ".", "py"]),
        ("log.info و ended.In", ["log", ".", "info", "و", "ended", ".", "In"]),  # code, a missing space
        ("U.S.A و e.g. و Ph.D", ["U", ".", "S", ".", "A", "و", "e", ".", "g", ".", "و", "Ph", ".", "D"]),
        ("نرخ 3.5 و ۳٫۵ در ۱۴۰۴/۰۸/۱۲ ساعت 18:30", ["نرخ", "3.5", "و", "۳٫۵", "در", "۱۴۰۴/۰۸/۱۲", "ساعت", "18:30"]),
        ("شماره #۱۴۰۴", ["شماره", "#", "۱۴۰۴"]),  # digits alone are not a hashtag
        ("C# و a@b و @ تنها", ["C#", "و", "a@b", "و", "@", "تنها"]),
        (
            "myirna.ir.x و xinfo.irb",
            ["myirna", ".", "ir", ".", "x", "و", "xinfo", ".", "irb"],
        ),  # not a domain's last label
        ("کتاب\u200cwww.x.ir", ["کتاب\u200cwww", ".", "x", ".", "ir"]),  # nor one glued by a ZWNJ
        ("https:// x", ["https", ":", "/", "/", "x"]),  # a scheme with no address
    ],
)
def test_look_alikes_are_tokenized_as_before(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_offsets_are_half_open_code_points_of_the_displayed_text() -> None:
    raw = "خبرگزاری  ايرنا: https://www.irna.ir/news/85012345/ و #ایران‌زمین 😀."
    result = analyze(raw, Profile.STANDARD)
    tokens = [result.text[s:e] for s, e in result.tokens]
    assert tokens == [
        "خبرگزاری",
        "ایرنا",
        ":",
        "https://www.irna.ir/news/85012345/",
        "و",
        "#ایران\u200cزمین",
        "😀",
        ".",
    ]
    start, end = result.tokens[3]
    assert raw[result.raw_offsets[start] : result.raw_offsets[end]] == "https://www.irna.ir/news/85012345/"


def test_web_tokens_lists_only_the_web_forms() -> None:
    text = "از www.isna.ir، info@example.ir و @user به #ایران. 3.5"
    assert [text[s:e] for s, e in web_tokens(text)] == ["www.isna.ir", "info@example.ir", "@user", "#ایران"]


LABEL = st.text("abcxyz019-", min_size=1, max_size=8).filter(lambda s: s[0] != "-" and s[-1] != "-")
PATH = st.lists(st.text("abz09_-.=&%~+" + "ایرانخبر" + ZWNJ, min_size=1, max_size=8), max_size=4)
URLS = st.builds(
    lambda scheme, labels, tld, path, slash: (
        scheme + ".".join(labels) + "." + tld + ("/" + "/".join(path) + slash if path else "")
    ),
    st.sampled_from(["https://", "http://", "www.", ""]),
    st.lists(LABEL, min_size=1, max_size=3),
    st.sampled_from(["ir", "com", "org", "co.uk"]),
    PATH,
    st.sampled_from(["", "/"]),
).filter(lambda url: not url.endswith((".", "-", ZWNJ)) and "." not in url.rsplit("/", 1)[-1][-1:])
EMAILS = st.builds(lambda user, host: f"{user}@{host}.ir", st.text("abz09._+", min_size=1, max_size=8), LABEL).filter(
    lambda e: e[0] not in "._+" and e.split("@")[0][-1] not in "._+"
)
HASHTAGS = st.builds(
    lambda mark, parts: mark + "_".join(parts),
    st.sampled_from(["#", "@"]),
    st.lists(st.text("ابتzZ۱2" + ZWNJ, min_size=1, max_size=6), min_size=1, max_size=3),
).filter(
    lambda h: ZWNJ not in (h[1], h[-1]) and any(c.isalpha() for c in h) and f"_{ZWNJ}" not in h and f"{ZWNJ}_" not in h
)
CONTEXT = st.text("ابتپ abc ۱۲۳ 45 .،:()«»/!؟😀" + ZWNJ, max_size=25)


@settings(max_examples=300, deadline=None)
@given(
    CONTEXT,
    st.one_of(URLS, EMAILS, HASHTAGS),
    st.sampled_from(["", ".", "،", ")", "!", "؟", ":", "؛", "»", "..."]),
    CONTEXT,
)
def test_a_web_form_between_spaces_is_one_token_and_leaves_its_neighbours_alone(
    before: str, form: str, after_mark: str, after: str
) -> None:
    text = f"{before} {form}{after_mark} {after}"
    shift = len(before) + 1
    mark_tokens = [(s + shift + len(form), e + shift + len(form)) for s, e in tokenize(after_mark)]
    tail = len(text) - len(after)
    expected = [
        *tokenize(before),
        (shift, shift + len(form)),
        *mark_tokens,
        *((s + tail, e + tail) for s, e in tokenize(after)),
    ]
    assert tokenize(text) == expected, [text[s:e] for s, e in tokenize(text)]


WEB_PIECES = ["https://", "http://", "www.", "irna", "isna", ".ir", ".com", ".", "/", "?", "=", "&", "#", "@", "_", "-"]
WEB_ALPHABET = st.sampled_from(
    [
        *WEB_PIECES,
        *["(", ")", "«", "»", "،", "؛", "!", ":", "ایران", "خبر", "ی", "a", "Z", "12", "۱۴۰۴", ZWNJ, "\u200d"],
        *[" ", "\n", "\u00a0", "😀", "👍🏽", "#️⃣", "\u064e"],
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(WEB_ALPHABET, max_size=40).map("".join))
def test_tokens_never_overlap_hold_no_space_and_cover_the_text(text: str) -> None:
    for profile in Profile:
        result = analyze(text, profile)
        shown, tokens = result.text, result.tokens
        covered = [False] * len(shown)
        previous = 0
        for start, end in tokens:
            assert previous <= start < end <= len(shown)
            assert not any(c.isspace() for c in shown[start:end])
            covered[start:end] = [True] * (end - start)
            previous = end
        assert all(covered[i] or shown[i].isspace() for i in range(len(shown)))
        for start, end in web_tokens(shown):
            assert (start, end) in tokens
        for i, char in enumerate(shown):
            if char == ZWNJ and 0 < i < len(shown) - 1 and shown[i - 1].isalpha() and shown[i + 1].isalpha():
                assert any(s < i and e > i + 1 for s, e in tokens), (shown, i)
        if tokens:
            starts = {s for s, _ in tokens}
            assert result.sentences[0][0] == tokens[0][0] and result.sentences[-1][1] == tokens[-1][1]
            assert all(s in starts for s, _ in result.sentences)


def test_conll_export_writes_an_address_on_one_line(tmp_path: Path) -> None:
    source = tmp_path / "news.jsonl"
    text = "ایرنا در https://www.irna.ir/news/85012345/ نوشت. ایمیل info@example.ir است #ایران"
    start = text.index("ایرنا")
    row = {"text": text, "entities": [{"start": start, "end": start + len("ایرنا"), "label": "ORG"}]}
    source.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    project = tmp_path / "p.barchasb"
    out = tmp_path / "out.conll"
    assert main(["new", str(project)]) == 0
    assert main(["import", str(project), str(source)]) == 0
    assert main(["export", str(project), "--format", "conll", "--split", "1", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8").splitlines() == [
        "ایرنا B-ORG",
        "در O",
        "https://www.irna.ir/news/85012345/ O",
        "نوشت O",
        ". O",
        "",
        "ایمیل O",
        "info@example.ir O",
        "است O",
        "#ایران O",
        "",
    ]
