#!/usr/bin/env bash
# Print the path of a Python >= 3.12 interpreter with venv support, or explain and fail.
set -u
ok() { "$1" -c 'import sys, venv, ensurepip; raise SystemExit(sys.version_info < (3, 12))' >/dev/null 2>&1; }
candidates=()
[ -n "${PYTHON:-}" ] && candidates+=("$PYTHON")
for name in python3.12 python3.13 python3.14 python3 python; do
  path=$(command -v "$name" 2>/dev/null) && candidates+=("$path")
done
pyenv_root=${PYENV_ROOT:-$HOME/.pyenv}
if [ -d "$pyenv_root/versions" ]; then
  while IFS= read -r dir; do candidates+=("$dir/bin/python3"); done \
    < <(ls -d "$pyenv_root"/versions/3.* 2>/dev/null | sort -t. -k2,2n -k3,3n)
fi
for path in /usr/local/bin/python3.1[2-9] /usr/bin/python3.1[2-9] /opt/homebrew/bin/python3.1[2-9]; do
  [ -x "$path" ] && candidates+=("$path")
done
for candidate in "${candidates[@]}"; do
  if [ -x "$candidate" ] || command -v "$candidate" >/dev/null 2>&1; then
    if ok "$candidate"; then echo "$candidate"; exit 0; fi
  fi
done
echo "Barchasb needs Python 3.12 or newer (with venv), and none was found on PATH or under pyenv." >&2
echo "Install one (e.g. 'pyenv install 3.12', or your system's python3.12 and python3.12-venv)," >&2
echo "or point to it: make PYTHON=/path/to/python3.12 test" >&2
exit 1
