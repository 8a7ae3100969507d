"""Where a glued Persian word lacks its ZWNJ: put it back when hazm's lists allow one reading only.

A glued word such as ``میتواند`` or ``خانهام`` is read in every way the lexicon allows (a verb
with ``می``/``نمی``, a noun with ``ها``/``تر``/``ام``..., ``بی`` before a noun, a compound hazm
lists with its ZWNJ). Exactly one reading: it is written with its ZWNJ. None, or two that
disagree (``نامهای``: ``نامه‌ای`` or ``نام‌های``): the word stays as it is, because a wrong join
is a wrong word in someone's training data.
"""

from __future__ import annotations

from functools import lru_cache

from annotator.text.lexicon import ZWNJ, Lexicon, Verbs, default_lexicon, default_verbs

PLURAL_SUFFIXES = ("هایشان", "هایتان", "هایمان", "هایش", "هایت", "هایم", "هایی", "های", "ها")
DEGREE_SUFFIXES = ("ترین", "تری", "تر")
# Personal and possessive clitics written apart after a final ه or ی (خانه‌ام, فرهنگی‌اش).
# «ات» is left out: «-هات», «-یات» are far more often Arabic plurals (ترهات، جزئیات) than «-ه‌ات».
CLITICS = ("اشان", "امان", "ایم", "اید", "اند", "ام", "اش", "ای")
CLITIC_HOSTS = ("ه", "ی")
# Arabic words whose final ه is a consonant: «توجهی» is "an attention", not «توجه‌ی». (After ا, و
# or ی the ه is a consonant anyway: راهی، کوهی، شبیهی.)
CONSONANT_H = frozenset("فقه وجه توجه متوجه موجه تنبه تشبه تنزه منزه مشابه تشابه مشتبه ابله نزه".split())
PERFECT_ENDINGS = frozenset({"ام", "ای", "ایم", "اید", "اند"})
VERB_PREFIXES = ("نمی", "می")
# Verb particles written together with می: برمی‌گردد, درمی‌آید.
PARTICLES = ("", "بر", "در", "فرو", "باز", "ور", "فرا")
PRESENT_ENDINGS = ("یم", "ید", "ند", "ین", "م", "ی", "د", "ه", "ن")
PAST_ENDINGS = ("یم", "ید", "ند", "ین", "م", "ی", "ن", "")
SPOKEN_ENDINGS = frozenset({"ه", "ن", "ین"})  # میکنه, میکنن, میکنین
# Spoken stems safe even in spellings hazm lists bare: «میده» may be Media, «میمونه» a name.
SAFE_SPOKEN_STEMS = frozenset({"ش", "گ", "ر", "کن", "دون", "تون", "خوا"})
# Verb forms that take no ending: «می‌توان», «می‌بایست».
BARE_FORMS = frozenset({"توان", "بایست", "بایستی"})
_GLIDE_AFTER = ("ا", "آ", "و")  # می‌آید, می‌گوید: a ی between a vowel stem and its ending
MIN_STEM = 3  # shorter hosts for ام/اش/ای (پی‌ام?) read too many words wrongly
# Hosts hazm saw fewer times than this are mostly rare or foreign words (مافی, برن, لو), which
# read whole words wrongly (مافیها, برنیاید).
MIN_HOST_FREQUENCY = 1000


@lru_cache(maxsize=200_000)
def restore(word: str) -> str | None:
    """``word`` with its missing ZWNJ put back, or None when nothing (or nothing sure) is to be done."""
    lexicon = default_lexicon()
    if len(word) < 4 or ZWNJ in word or lexicon.is_word(word):
        return None
    if not (word.startswith(_STARTS) or word.endswith(_ENDS) or "می" in word[:6] or word in lexicon.compounds):
        return None  # no reading can apply: skip the work (most words of a text)
    readings = set(_readings(word, lexicon, default_verbs()))
    if len(readings) == 1:
        fixed = readings.pop()
        if fixed != word and fixed.replace(ZWNJ, "") == word:  # only ZWNJ added: the offset map stays exact
            return fixed
    return None


_STARTS = ("بی",)
_ENDS = tuple({*PLURAL_SUFFIXES, *DEGREE_SUFFIXES, *CLITICS, "هی"})


def readings(word: str, lexicon: Lexicon, verbs: Verbs) -> list[str]:
    """Every spelling with ZWNJ that hazm's lists support for the glued ``word``."""
    return list(_readings(word, lexicon, verbs))


def _readings(word: str, lexicon: Lexicon, verbs: Verbs) -> list[str]:
    out: list[str] = []
    compound = lexicon.compounds.get(word)
    if compound:
        out.append(compound)
    listed = word in lexicon
    verb = _verb_reading(word, verbs, strict=listed)
    if verb:
        out.append(verb)
    out.extend(_suffix_readings(word, lexicon, verbs, listed))
    ezafe = _ezafe_reading(word, lexicon)
    if ezafe and not listed:
        out.append(ezafe)
    if listed:
        # A bare entry of hazm's list may be a rare word or a name (بیهود, برتری, دکترین): no
        # «بی» or «تر» is read into it.
        return out
    if word.startswith("بی") and len(word) - 2 >= MIN_STEM and _stem_spelling(word[2:], lexicon) == word[2:]:
        out.append("بی" + ZWNJ + word[2:])  # بی‌دقت, بی‌ادبی
    return out


def _is_host(stem: str, lexicon: Lexicon) -> bool:
    return lexicon.is_noun_or_adjective(stem, MIN_HOST_FREQUENCY)


def _stem_spelling(stem: str, lexicon: Lexicon, shortest: int = 5) -> str | None:
    """The stem as a word: itself when listed, its compound spelling when hazm lists that."""
    if _is_host(stem, lexicon):
        return stem
    if stem.endswith("ی") and len(stem) >= shortest and _is_host(stem[:-1], lexicon):
        return stem  # a relational adjective hazm does not list: فرهنگی, ایرانی
    compound = lexicon.compounds.get(stem)
    if compound and _is_host(compound, lexicon):
        return compound
    return None


def _participle(stem: str, suffix: str, verbs: Verbs) -> str | None:
    """``شده``, ``نکرده`` before a personal ending: the perfect (شده‌اند, نکرده‌ام)."""
    if suffix in PERFECT_ENDINGS and stem.endswith("ه"):
        past = stem[:-1]
        if past in verbs.past or (past.startswith("ن") and past[1:] in verbs.past):
            return stem
    return None


def _ezafe_reading(word: str, lexicon: Lexicon) -> str | None:
    """``همهی`` → ``همه‌ی``: the ezafe ی after a silent final ه (not after the h of راه or توجه)."""
    host = word[:-1]
    if not word.endswith("هی") or len(host) < MIN_STEM or host[-2] in "اوی" or host in CONSONANT_H:
        return None
    return host + ZWNJ + "ی" if _is_host(host, lexicon) else None


def _plural_host(stem: str, lexicon: Lexicon) -> str | None:
    """A noun hazm lists but rarely saw (زمینه: 100), or a noun written without its hamza (ماموریت)."""
    if len(stem) < MIN_STEM:
        return None
    if lexicon.is_noun_or_adjective(stem) or lexicon.is_noun_or_adjective(lexicon.hamza_free.get(stem, "")):
        return stem
    return None


def _any_word(stem: str, lexicon: Lexicon) -> str | None:
    """Any word hazm saw often (خیلی‌ها, این‌ها): ``ها`` makes a plural of more than nouns."""
    return stem if lexicon.frequency.get(stem, 0) >= MIN_HOST_FREQUENCY else None


def _suffix_readings(word: str, lexicon: Lexicon, verbs: Verbs, listed: bool) -> list[str]:
    """Readings as a host and a suffix; ``listed``: hazm lists ``word`` bare, so no ی host for a clitic."""
    out: list[str] = []
    for suffix in PLURAL_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            stem = (
                _stem_spelling(word[: -len(suffix)], lexicon, 4)
                or _any_word(word[: -len(suffix)], lexicon)
                or (None if listed else _plural_host(word[: -len(suffix)], lexicon))
            )
            if stem:
                out.append(stem + ZWNJ + suffix)
    # In a spelling hazm lists bare, «تر» and «تری» are too often part of the word (فیلتر، کلانتری).
    for suffix in ("ترین",) if listed else DEGREE_SUFFIXES:
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= MIN_STEM and lexicon.is_adjective(stem) and _is_host(stem, lexicon):
            out.append(stem + ZWNJ + suffix)
            if suffix != "تر" and lexicon.is_word(stem + "تر"):
                out.append(word)  # the comparative is written glued (بیشتر), so the superlative may be too
    perfect: list[str] = []
    for suffix in CLITICS:
        stem = word[: -len(suffix)]
        if not word.endswith(suffix) or len(stem) < MIN_STEM or not stem.endswith(("ه",) if listed else CLITIC_HOSTS):
            continue
        spelled = _stem_spelling(stem, lexicon)
        if spelled:
            out.append(spelled + ZWNJ + suffix)
        elif _participle(stem, suffix, verbs):
            perfect.append(stem + ZWNJ + suffix)
        if lexicon.is_word(word[: len(stem) + 1]):
            out.append(word)  # «گویای», «دنیاش»: a word ending in ا with its own ی or ش, no ZWNJ
    # A perfect (شده‌اند) only where nothing else reads: «نهادهای» is نهاد‌های, not «you have put».
    return out or perfect


def _verb_reading(word: str, verbs: Verbs, strict: bool) -> str | None:
    """``میتواند`` → ``می‌تواند``; ``برنمیگردد`` → ``برنمی‌گردد``."""
    for particle in PARTICLES:
        for prefix in VERB_PREFIXES:
            head = particle + prefix
            if word.startswith(head) and is_verb_form(word[len(head) :], verbs, strict):
                return head + ZWNJ + word[len(head) :]
    return None


def is_verb_form(rest: str, verbs: Verbs, strict: bool = False) -> bool:
    """True when ``rest`` is a verb stem with a personal ending (``تواند``, ``رفتیم``, ``کنه``).

    ``strict`` (for spellings hazm lists as bare entries, often names): common verbs with written
    endings, and spoken endings only after the commonest spoken stems (میشه, but not میمونه).
    Otherwise any verb with a written ending, and spoken endings after common or spoken stems.
    """
    if len(rest) < 2:
        return False
    if rest in BARE_FORMS:
        return True
    past = verbs.common_past if strict else verbs.past
    present = verbs.common_present if strict else verbs.present
    spoken = SAFE_SPOKEN_STEMS if strict else verbs.common_present | verbs.colloquial
    for ending in PAST_ENDINGS:
        stem = rest[: len(rest) - len(ending)]
        if rest.endswith(ending) and stem in (verbs.common_past if ending in SPOKEN_ENDINGS else past):
            return True
    for ending in PRESENT_ENDINGS:
        if not rest.endswith(ending):
            continue
        stem = rest[: -len(ending)]
        if stem in spoken or (ending not in SPOKEN_ENDINGS and stem in present):
            return True
        if stem.endswith("ی") and stem[:-1].endswith(_GLIDE_AFTER) and stem[:-1] in present:
            return True
    return False
