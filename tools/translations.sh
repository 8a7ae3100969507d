#!/usr/bin/env bash
# Refresh the interface's translation sources from the code: ui/i18n/barchasb_fa.ts (every string, to translate
# in Linguist or by hand) and ui/i18n/barchasb_en.ts (English plural forms only). Translations already there are kept.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin
mapfile -t sources < <(find ui -name '*.py' | sort)
"$bin/pyside6-lupdate" "${sources[@]}" -source-language en -target-language fa_IR -no-obsolete -locations none \
    -ts ui/i18n/barchasb_fa.ts
"$bin/pyside6-lupdate" "${sources[@]}" -source-language en -target-language en -pluralonly -no-obsolete \
    -locations none -ts ui/i18n/barchasb_en.ts
"$bin/python" -m ui.i18n
