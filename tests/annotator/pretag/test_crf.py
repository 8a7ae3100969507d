from __future__ import annotations

import random

from annotator.pretag.crf import CrfTagger
from annotator.pretag.features import FeatureExtractor, entity_rates, shape

PEOPLE = ["محمد تبریزی", "علی احمدی", "سارا کریمی", "رضا موسوی", "مریم حسینی", "حسن روحانی"]
PLACES = ["تهران", "جلفا", "تبریز", "شیراز", "مشهد", "اصفهان"]
FRAMES = [
    "آقای {p} امروز در {l} گفت",
    "{p} به {l} سفر کرد",
    "خانم {p} از {l} آمد",
    "دیروز {p} در {l} سخنرانی کرد",
]


def sentences(n: int, seed: int) -> list[tuple[list[str], list[str]]]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        person, place = rng.choice(PEOPLE).split(), rng.choice(PLACES)
        words, tags = [], []
        for part in rng.choice(FRAMES).split():
            if part == "{p}":
                words += person
                tags += ["B-PER"] + ["I-PER"] * (len(person) - 1)
            elif part == "{l}":
                words.append(place)
                tags.append("B-LOC")
            else:
                words.append(part)
                tags.append("O")
        out.append((words, tags))
    return out


def test_learns_and_round_trips() -> None:
    model = CrfTagger.train(sentences(120, 1), params={"max_iterations": 60})
    words = "خانم سارا کریمی از شیراز آمد".split()
    assert model.tag(words) == ["O", "B-PER", "I-PER", "O", "B-LOC", "O"]
    chunks = model.chunks(words)
    assert [(c.first, c.last, c.label) for c, _ in chunks] == [(1, 3, "PER"), (4, 5, "LOC")]
    assert all(0.5 < confidence <= 1.0 for _, confidence in chunks)
    again = CrfTagger.deserialize(*model.serialize())
    assert again.tag(words) == model.tag(words)
    assert model.meta["labels"] == ["LOC", "PER"] and model.meta["tokens"] > 500


def test_progress_is_reported() -> None:
    seen: list[tuple[int, int]] = []
    CrfTagger.train(sentences(20, 2), params={"max_iterations": 5}, progress=lambda a, b: seen.append((a, b)))
    assert seen and seen[-1][1] == 5


def test_features() -> None:
    assert shape("۱۴۰۲") == "num-fa" and shape("2025") == "num" and shape("#ایران") == "hashtag"
    assert shape("iPhone") == "latin" and shape("Tehran") == "latin-cap" and shape("ایران‌ها") == "fa"
    fx = FeatureExtractor(gazetteer=lambda words: ["B-LOC" if w == "تهران" else "" for w in words])
    features = fx.sequence(["آقای", "علی", "در", "تهران\u200cها"])
    assert "-1:title" in features[1] and "fname" in features[1]
    assert "zw" in features[3] and "zw0=تهران" in features[3]
    assert "gz=B-LOC" not in features[3] and "+1:gz=B-LOC" not in features[2]
    assert "gz=B-LOC" in fx.sequence(["تهران"])[0]


def test_entity_rates_say_how_often_a_word_is_a_name() -> None:
    data = [
        (["ایران", "و", "امید"], ["B-LOC", "O", "O"]),
        (["امید", "رفت"], ["B-PER", "O"]),
        (["امید", "هست", "امید"], ["O", "O", "O"]),
        (["علي", "رضایی"], ["B-PER", "I-PER"]),  # Arabic ي: counted under its canonical form
        (["علی", "رفت"], ["O", "O"]),
        (["ایران"], ["B-ORG"]),
        (["ایران"], ["B-LOC"]),
    ]
    rates = entity_rates(data)
    assert rates == {"ایران": "LOC:mid", "امید": "PER:lo", "علی": "PER:mid", "رضایی": "PER:hi"}
    features = FeatureExtractor(rates=rates).sequence(["امید", "به", "ایران"])
    assert "rate=PER:lo" in features[0] and "rate=LOC:mid" in features[2]
    assert not any(f.startswith("rate=") for f in features[1])
    without = FeatureExtractor(groups=("word",), rates=rates).sequence(["ایران"])[0]
    assert not any(f.startswith("rate=") for f in without)


def test_the_entity_rates_of_training_are_saved_with_the_model() -> None:
    model = CrfTagger.train(sentences(40, 3), params={"max_iterations": 5})
    assert model.meta["rates"]["تهران"] == "LOC:hi" and model.meta["rates"]["علی"] == "PER:hi"
    again = CrfTagger.deserialize(*model.serialize())
    assert again.features.rates == model.meta["rates"]


def test_an_exception_from_progress_stops_training() -> None:
    import pytest

    class Stop(Exception):
        pass

    def progress(done: int, total: int) -> None:
        if done >= 2:
            raise Stop

    with pytest.raises(Stop):
        CrfTagger.train(sentences(20, 3), params={"max_iterations": 5}, progress=progress)


def test_a_stored_model_is_built_once_and_shared_safely_between_threads() -> None:
    import sys
    from concurrent.futures import ThreadPoolExecutor

    from annotator.pretag.crf import load_tagger

    meta, data = CrfTagger.train(sentences(80, 2), params={"max_iterations": 20}).serialize()
    tagger = load_tagger(meta, data)
    assert load_tagger(meta, data) is tagger  # the next document reuses it
    assert load_tagger(meta.replace('"sentences": 80', '"sentences": 81'), data) is not tagger  # a new model
    texts = [words for words, _ in sentences(300, 7)]
    expected = [tagger.chunks(words) for words in texts]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns between any two calls into crfsuite
    try:
        with ThreadPoolExecutor(4) as pool:
            assert list(pool.map(tagger.chunks, texts)) == expected
            assert list(pool.map(tagger.tag, texts)) == [tagger.tag(words) for words in texts]
    finally:
        sys.setswitchinterval(interval)
