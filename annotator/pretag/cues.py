"""Persian cue words: titles before a person, heads that begin organisations and places."""

from __future__ import annotations

from collections.abc import Callable

from annotator.pretag.knowledge import place_words, stem_pairs, word_list
from annotator.text.lexicon import default_verbs
from annotator.text.normalize import canonical
from annotator.text.zwnj import is_verb_form

# A title is followed by a person's name but is not part of it (Arman, ParsTwiNER guidelines).
TITLES = frozenset(
    """آقای آقا خانم دکتر مهندس استاد آیت‌الله آیت‌اللهی حجت‌الاسلام حجت‌الاسلام‌والمسلمین سردار
    سرلشکر سرتیپ سرهنگ سرگرد سروان ستوان امیر دریادار تیمسار شهید مرحوم زنده‌یاد حضرت امام شیخ ملا
    حاج حاجی میرزا پروفسور قاضی وزیر رئیس‌جمهور رئیس‌جمهوری نماینده سخنگوی""".split()
)
# Words that begin an organisation's name.
ORG_HEADS = frozenset(
    """وزارت سازمان خبرگزاری شورای شورا بانک دانشگاه مجلس مجمع ستاد کمیته کمیسیون اداره شرکت بنیاد
    انجمن حزب جبهه سپاه ارتش نیروی دادگاه دادستانی قوه هیئت هیات مرکز موسسه مؤسسه پژوهشگاه فدراسیون
    باشگاه روزنامه شبکه صدا خانه اتحادیه کانون فرمانداری استانداری شهرداری دیوان""".split()
)
# Words that begin a place name (inconsistently included by corpora: weak evidence).
LOC_HEADS = frozenset("استان شهر شهرستان روستای روستا بخش خیابان میدان بزرگراه جزیره دریای کوه رود خلیج".split())
# Verbs of saying: a person or organisation often comes just before «گفت» and friends.
SPEECH = frozenset("گفت افزود اظهار تصریح کرد عنوان خاطرنشان".split())

# Words that end a name: the cue taggers never run across them (prepositions, conjunctions ...).
_STOP = word_list("name_stops.txt")
# Nouns that begin a news predicate (اعلام، تأمین، خواستار ...): past an organisation's first word, its end.
PREDICATES = word_list("predicates.txt")
# Name words that read as verb forms (زیست، زاید، دهم ...).
_NOT_VERBS = word_list("not_verbs.txt")
_ZWNJ = "\u200c"
_PAST_ENDINGS = ("", "م", "ی", "یم", "ید", "ند", "ه", "ن")
_PRESENT_ENDINGS = ("م", "ی", "د", "یم", "ید", "ند", "ه", "ن", "ین")


def _light_forms() -> frozenset[str]:
    """Every form of the light verbs in data/light_verbs.txt (کرد، کرده، نکردند، می‌کند، بدهد ...)."""
    out: set[str] = set()
    for past, present in stem_pairs("light_verbs.txt"):
        for form in [past + ending for ending in _PAST_ENDINGS]:
            if not form.endswith("ی"):
                out.add(form)
            out.update(("ن" + form, "می" + _ZWNJ + form, "نمی" + _ZWNJ + form))
        for form in [present + ending for ending in _PRESENT_ENDINGS]:
            out.update(("می" + _ZWNJ + form, "نمی" + _ZWNJ + form, "ن" + form, "ب" + form))
            if not form.endswith(("ی", "ه", "ن", "ین")):  # alone, سازی and آوری are suffixes, دهه a decade
                out.add(form)
    return frozenset(out - _NOT_VERBS)


LIGHT_VERBS = _light_forms()
_REFLEXIVE = frozenset(("خود", "خویش"))

SOURCE = "cues"


_HEADS = TITLES | ORG_HEADS | LOC_HEADS
_SURNAME_ENDINGS = ("ی", "زاده", "پور", "نژاد", "فر", "منش", "راد", "نیا", "یان", "لو", "وند", "کیا", "فرد")
_DIRECTIONS = frozenset("شرقی غربی شمالی جنوبی مرکزی رضوی جنوبی بزرگ".split())


def cue_spans(
    words: list[str], labels: frozenset[str], names: frozenset[str], known: dict[str, str]
) -> list[tuple[int, int, str, float]]:
    """``(first, last, label, confidence)`` token chunks suggested by cue words (weak evidence).

    After a title: a word, then up to two more that look like names (a first name, a surname
    ending, an unknown word) are a person. An organisation head starts an organisation of up to
    five words that ends with its name (see ``_org_end``); a head alone is none. After a location
    head, a word (and a direction such as «شرقی») is a place.
    """
    keys = list(map(canonical, words))
    if _HEADS.isdisjoint(keys):  # most sentences have no cue word at all
        return []

    def plain(k: int) -> bool:
        key = keys[k]
        is_word = key.replace("\u200c", "").isalpha()
        return is_word and key not in _STOP and key not in TITLES and key not in SPEECH and not _verb(key, known)

    def name_like(k: int, first_names: bool) -> bool:
        key = keys[k]
        pos = known.get(key)
        return (first_names and key in names) or pos is None or pos in ("", "0") or key.endswith(_SURNAME_ENDINGS)

    def nominal(k: int) -> bool:
        pos = known.get(keys[k])
        if pos is None:
            return not keys[k].endswith(("یم", "ید", "ند"))  # an unknown word, unless it ends like a verb
        return bool(set(pos.split(",")) & {"N", "AJ", "0", ""})

    out: list[tuple[int, int, str, float]] = []
    i = 0
    n = len(keys)
    while i < n:
        key = keys[i]
        end = i + 1
        if key in TITLES and "PER" in labels and end < n and plain(end):
            end += 1
            while end < n and end - i <= 3 and plain(end) and name_like(end, first_names=end == i + 2):
                end += 1
            out.append((i + 1, end, "PER", 0.5 if keys[i + 1] in names else 0.35))
        elif key in ORG_HEADS and "ORG" in labels and end < n and plain(end):
            end = _org_end(keys, i, plain, nominal, known)
            if end == i + 1:  # a head alone («شرکت» in «این شرکت اعلام کرد») is no name
                i += 1
                continue
            out.append((i, end, "ORG", 0.3))
        elif key in LOC_HEADS and "LOC" in labels and end < n and plain(end):
            end += 1
            if end < n and (keys[end] in _DIRECTIONS or (plain(end) and known.get(keys[end]) is None)):
                end += 1
            out.append((i + 1, end, "LOC", 0.3))
        else:
            i += 1
            continue
        i = end
    return out


def _org_end(
    keys: list[str], i: int, plain: Callable[[int], bool], nominal: Callable[[int], bool], known: dict[str, str]
) -> int:
    """Where the organisation whose head is at ``i`` ends: up to five words, stopping at a verb, a stop
    word, a predicate's noun, a switch from Latin to Persian script, and after a place name."""
    n = len(keys)
    end = i + 1
    while end < n and end - i < 5 and plain(end) and nominal(end):
        key = keys[end]
        if end > i + 1 and (key in PREDICATES or (_latin(keys[end - 1]) and not _latin(key))):
            return end
        end += 1
        if key in place_words() and key not in _DIRECTIONS:  # دانشگاه تهران، شرکت ملی نفت ایران
            if end < n and keys[end] in _DIRECTIONS:
                end += 1
            return end
    # «اعلام» of «اعلام کرد», «قصد» of «قصد دارد», «پروازهای» of «پروازهای خود را»: the verb's noun or
    # the object (a name's last word is mostly unknown to hazm: «شرکت ماهان خود را»). Right after the
    # head only a predicate's noun goes: «شورای نگهبان دارد» keeps its name.
    last = keys[end - 1]
    verb_noun = end < n and (keys[end] in LIGHT_VERBS or keys[end] in _REFLEXIVE) and _known(last, known)
    if verb_noun and (end > i + 2 or last in PREDICATES):
        end -= 1
    return end


def _known(key: str, known: dict[str, str]) -> bool:
    """True when hazm knows the word, or its first part before a ZWNJ (پرواز of پرواز‌های)."""
    return known.get(key.split(_ZWNJ)[0], "0") not in ("0", "")


def _latin(key: str) -> bool:
    return key.isascii()


def _verb(key: str, known: dict[str, str]) -> bool:
    """A verb form (a light verb's, a می‌ form, a common verb's); hazm lists no verbs, so a word it knows
    as a noun or adjective (رسید a receipt, رود a river) is not taken for one."""
    if "V" in known.get(key, "").split(",") or key.startswith(("می\u200c", "نمی\u200c")) or key in LIGHT_VERBS:
        return True
    if known.get(key, "0") not in ("0", "") or key.endswith("ی") or key in _NOT_VERBS:
        return False
    verbs = default_verbs()
    return is_verb_form(key, verbs, strict=True) or (key[:1] in "نب" and is_verb_form(key[1:], verbs, strict=True))
