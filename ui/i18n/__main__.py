"""``python -m ui.i18n``: compile every ``.ts`` beside this file into its ``.qm`` (the install step runs it)."""

from __future__ import annotations

from ui.i18n import HERE, build

if __name__ == "__main__":
    for source in sorted(HERE.glob("barchasb_*.ts")):
        build(source, source.with_suffix(".qm"))
        print(f"built {source.with_suffix('.qm')}")
