"""Import speed: `barchasb import` vs bare hazm normalize + word_tokenize on the same text.

Usage: python benchmarks/import_bench.py [PATH] [--chars N] [--runs N]
PATH is a .txt file or a folder of them; without it a Persian-like corpus is generated.
Both sides run as fresh processes (interpreter start and imports included), best of --runs.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# hazm's word_tokenize() builds a WordTokenizer (loading its lexicon, ~0.5 s) on every call, so
# the baseline builds both objects once: the same work as one word_tokenize call on all the text.
BASELINE = """
import sys
from pathlib import Path
from hazm import Normalizer, WordTokenizer
normalizer = Normalizer()
tokenizer = WordTokenizer()
count = 0
for path in sorted(Path(sys.argv[1]).glob("*.txt")):
    count += len(tokenizer.tokenize(normalizer.normalize(path.read_text(encoding="utf-8"))))
print(count)
"""

PUNCT = ["،", ".", ":", "؛", "!", "؟", "«", "»"]
MONTHS = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"]


def generate(folder: Path, chars: int, seed: int = 7) -> None:
    """Write ~``chars`` characters of news-like Persian into article files of ~4,000 characters."""
    from annotator.text.lexicon import default_lexicon

    rng = random.Random(seed)
    words = [w for w in default_lexicon().pos if len(w) > 1][:60000]
    digits = "۰۱۲۳۴۵۶۷۸۹"
    written = 0
    article = 0
    while written < chars:
        parts: list[str] = []
        size = 0
        while size < 4000:
            roll = rng.random()
            if roll < 0.03:
                token = f"{rng.randint(1, 30)} {rng.choice(MONTHS)} {rng.randint(1390, 1404)}"
            elif roll < 0.05:
                year = "".join(rng.choice(digits) for _ in range(4))
                token = f"{year}/{rng.choice(digits)}{rng.choice(digits)}"
            elif roll < 0.07:
                token = "می " + rng.choice(words)
            elif roll < 0.09:
                token = rng.choice(words) + " ها"
            elif roll < 0.10:
                token = rng.choice(words).replace("ی", "ي").replace("ک", "ك")
            elif roll < 0.11:
                token = f"{rng.randint(1, 99)}.{rng.randint(0, 9)}"
            else:
                token = rng.choice(words)
            sep = rng.choice(PUNCT) + " " if rng.random() < 0.08 else ("  " if rng.random() < 0.02 else " ")
            if rng.random() < 0.01:
                sep = ".\n\n"
            parts.append(token + sep)
            size += len(token) + len(sep)
        text = "".join(parts)
        (folder / f"article-{article:04d}.txt").write_text(text, encoding="utf-8")
        written += len(text)
        article += 1


def timed(command: list[str]) -> tuple[float, int]:
    """Wall time and peak resident memory (KiB) of one child process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode() if process.stderr else ''}")
    return elapsed, usage.ru_maxrss


def warm(folder: Path, tmp: str) -> tuple[float, float]:
    """In-process times with every object built beforehand: the work itself, without start-up."""
    from hazm import Normalizer, WordTokenizer

    from annotator.importers import ImportOptions, import_paths
    from annotator.schema import preset
    from annotator.store import Project
    from annotator.text.pipeline import analyze

    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    normalizer, tokenizer = Normalizer(), WordTokenizer()
    analyze("گرم کردن می روم")  # load our lexicon and tokenizer before timing
    start = time.perf_counter()
    for text in texts:
        tokenizer.tokenize(normalizer.normalize(text))
    hazm_time = time.perf_counter() - start
    with Project.create(Path(tmp) / "warm.barchasb", preset("combined")) as project:
        start = time.perf_counter()
        import_paths(project, [folder], ImportOptions())
        ours = time.perf_counter() - start
    return hazm_time, ours


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", nargs="?")
    parser.add_argument("--chars", type=int, default=800_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        if args.path:
            source = Path(args.path)
            for number, file in enumerate(sorted(source.glob("*.txt")) if source.is_dir() else [source]):
                (folder / f"{number:05d}-{file.name}").write_bytes(file.read_bytes())
        else:
            generate(folder, args.chars)
        total = sum(len(p.read_text(encoding="utf-8")) for p in folder.glob("*.txt"))
        files = len(list(folder.glob("*.txt")))
        barchasb = [sys.executable, "-m", "annotator.cli"]
        baseline_runs: list[tuple[float, int]] = []
        import_runs: list[tuple[float, int]] = []
        for run in range(args.runs):
            baseline_runs.append(timed([sys.executable, "-c", BASELINE, str(folder)]))
            project = Path(tmp) / f"bench-{run}.barchasb"
            subprocess.run([*barchasb, "new", str(project)], check=True, stdout=subprocess.DEVNULL)
            import_runs.append(timed([*barchasb, "import", str(project), str(folder)]))
        base_time = min(t for t, _ in baseline_runs)
        import_time = min(t for t, _ in import_runs)
        size = project.stat().st_size
        print(f"corpus: {total:,} characters in {files} files")
        print(
            f"hazm Normalizer().normalize + word_tokenize: {base_time:.2f} s "
            f"(peak {max(m for _, m in baseline_runs) / 1024:.0f} MiB)"
        )
        print(
            f"barchasb import (normalize, tokenize, offsets, sentences, store): {import_time:.2f} s "
            f"(peak {max(m for _, m in import_runs) / 1024:.0f} MiB, project file {size / 2**20:.1f} MiB)"
        )
        print(f"ratio import / hazm: {import_time / base_time:.2f} (target <= 1.5)")
        hazm_warm, ours_warm = warm(folder, tmp)
        print(
            f"warm, in one process: hazm {hazm_warm:.2f} s, barchasb import {ours_warm:.2f} s, "
            f"ratio {ours_warm / hazm_warm:.2f}"
        )


if __name__ == "__main__":
    main()
