#!/bin/sh
# Make sure the Debian packages briefgen needs are present; install them when we can.
#   tools/sysdeps.sh brief   fonts and text shaping for rendering briefs
#   tools/sysdeps.sh draft   the parser the drafters use (distill, briefgen draft): Link Grammar's
#                            Python bindings and English dictionary (no model to download)
#   tools/sysdeps.sh test    all of the above plus poppler-utils, qpdf, LibreOffice (DOCX page
#                            checks) and Chromium: the headless shell (axe-core on HTML briefs) and
#                            the browser with its WebDriver (the preview test)
# Without root or apt-get it prints the exact command to run and fails.
set -eu
set_name=${1:-brief}

BRIEF_PKGS="fonts-crosextra-carlito fonts-crosextra-caladea fonts-liberation2 libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libcairo2"
DRAFT_PKGS="python3-link-grammar link-grammar-dictionaries-en"
TEST_PKGS="$BRIEF_PKGS $DRAFT_PKGS poppler-utils qpdf libreoffice-writer-nogui chromium-headless-shell chromium chromium-driver"

case "$set_name" in
  brief) pkgs=$BRIEF_PKGS ;;
  draft) pkgs=$DRAFT_PKGS ;;
  test) pkgs=$TEST_PKGS ;;
  *) echo "usage: $0 brief|draft|test" >&2; exit 64 ;;
esac

case "$set_name" in
  brief) what="fonts and text shaping" ;;
  test) what="fonts, LibreOffice, Chromium and PDF tools" ;;
esac

missing=""
for p in $pkgs; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
if [ -z "$missing" ]; then
  echo "briefgen: system packages ($what): present"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "briefgen needs these Debian/Ubuntu packages (or your system's equivalents):$missing" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "briefgen needs system packages; run:  sudo apt-get install -y --no-install-recommends$missing" >&2
    exit 1
  fi
fi
# apt-get's own chatter (debconf notes, progress) goes to a log, shown only when it fails
log=$(mktemp "${TMPDIR:-/tmp}/briefgen-apt.XXXXXX")
echo "briefgen: installing system packages ($what):$missing"
if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
       $SUDO apt-get install -y -qq --no-install-recommends $missing; } >"$log" 2>&1; then
  echo "briefgen: apt-get could not install them; the end of its output:" >&2
  tail -n 15 "$log" >&2
  rm -f "$log"
  exit 1
fi
rm -f "$log"
