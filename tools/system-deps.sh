#!/usr/bin/env bash
# Install the Debian packages Qt needs: `test` (offscreen rendering, Persian fonts) or `gui` (a real screen).
set -u
# A window needs a screen: without one, say how to get a virtual one before anything is installed.
if [ "${1:-test}" = gui ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  {
    echo "no display to open the window on (DISPLAY and WAYLAND_DISPLAY are empty)."
    echo "Run it under a virtual screen: xvfb-run make run"
    echo "xvfb-run comes with the xvfb package: sudo apt-get install xvfb"
  } >&2
  exit 1
fi
want=(libegl1 libgl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3 fonts-noto-core)
if [ "${1:-test}" = gui ]; then
  want+=(libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxkbcommon-x11-0 libxcb-shape0 libxcb-randr0
         libxcb-render-util0 libxcb-image0 libxcb-xinerama0)
fi
command -v dpkg-query >/dev/null 2>&1 || exit 0   # not Debian/Ubuntu: nothing to check here
missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# The tests start a throwaway PostgreSQL server (tests/pgserver.py) from the machine's binaries.
if [ "${1:-test}" = test ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
  missing+=(postgresql)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing system packages: ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    >/dev/null && exit 0
  echo "could not install: ${missing[*]}" >&2
  exit 1
fi
if [ "${1:-test}" = gui ]; then
  echo "Qt needs these packages to open a window: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "note: missing packages (rendering may differ): ${missing[*]}" >&2
