#!/usr/bin/env bash
# Create .venv (Python 3.11) and install the project with its test tools, and the extras named in
# PQL_EXTRAS (comma-separated, e.g. postgres). Safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-$(command -v python3.11 || command -v python3)}"
if ! "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
    echo "pql needs Python 3.11 or newer; $PYTHON is $("$PYTHON" --version 2>&1)" >&2
    exit 1
fi
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[dev${PQL_EXTRAS:+,$PQL_EXTRAS}]"
[ -f profiles.yml ] || cp profiles.example.yml profiles.yml
echo "setup: $(.venv/bin/dbt --version | head -n 2 | tr '\n' ' ')"
