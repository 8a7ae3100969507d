"""Persian cue words: titles before a person, heads that begin organisations and places."""

from __future__ import annotations

from annotator.text.normalize import canonical

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

# Words that end a name: the cue taggers never run across them.
_STOP = frozenset(
    """و در به از که با را برای این آن است بود شد کرد گفت می‌گوید نیز هم تا یا اما ولی اگر چون پس بر
    درباره روی زیر پیش پس‌از بین میان همه هر چه چند یک دو سه خود ما من او آنها ایشان وی آنان شما
    همواره همچنین همیشه هنوز اکنون اینک امروز دیروز فردا باید نباید خواهد نخواهد هست نیست باشد
    باشند روز سال ماه هفته گذشته آینده اخیر جدید""".split()
)

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
    five words. After a location head, a word (and a direction such as «شرقی») is a place.
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
            while end < n and end - i < 5 and plain(end) and nominal(end):
                end += 1
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


def _verb(key: str, known: dict[str, str]) -> bool:
    return "V" in known.get(key, "").split(",") or key.startswith(("می\u200c", "نمی\u200c"))
