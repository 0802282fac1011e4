#!/usr/bin/env bash
# A browser for the report's test: Debian's chromium, if it is not there (the test drives it with
# Playwright's Python package, installed by setup.sh; Playwright downloads no browser of its own).
#   bash scripts/browser.sh            install chromium if missing, print its version
set -euo pipefail
CHROMIUM="${PQL_CHROMIUM:-/usr/bin/chromium}"
sudo_() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if [ ! -x "$CHROMIUM" ]; then
    echo "browser: installing Debian's chromium"
    sudo_ apt-get update -qq
    DEBIAN_FRONTEND=noninteractive sudo_ apt-get install -y -qq chromium > /dev/null
fi
echo "browser: $("$CHROMIUM" --version 2>/dev/null | head -n 1)"
