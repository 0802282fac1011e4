#!/usr/bin/env bash
# Are the built tables of this checkout identical to those of another revision, row for row?
#   bash scripts/compare_builds.sh <revision> [sources...]      (default: every event source)
# Builds a demo world (600 accounts) with the revision (in a git worktree) and with this checkout, once
# per event source, and compares every table and view the two share (python -m pql_scoring.compare,
# `except all` both ways, run stamps left out). Exits 1 if any table differs. For refactorings.
set -euo pipefail
cd "$(dirname "$0")/.."
REV="${1:?usage: bash scripts/compare_builds.sh <revision> [sources...]}"
shift
SOURCES=("${@:-generic segment amplitude posthog mixpanel}")
read -r -a SOURCES <<< "${SOURCES[*]}"
WORK="$(mktemp -d)"
trap 'git worktree remove --force "$WORK/before" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
git worktree add --detach -q "$WORK/before" "$REV"
cp profiles.example.yml "$WORK/profiles.yml"
export DBT_PROFILES_DIR="$WORK"
.venv/bin/python -m pql_scoring.demo --accounts 600 --seed 7 --end-date 2026-06-30 --out "$WORK/raw" > /dev/null
.venv/bin/python -m pql_scoring.shapes --raw "$WORK/raw" > /dev/null
status=0
for source in "${SOURCES[@]}"; do
    for side in before after; do
        project="$PWD"; [ "$side" = before ] && project="$WORK/before"
        # each side's Python models import that side's own pql_scoring package
        PYTHONPATH="$project/python" PQL_DUCKDB_PATH="$WORK/$side-$source.duckdb" \
            .venv/bin/dbt build --quiet --project-dir "$project" \
            --target-path "$WORK/target-$side" --log-path "$WORK/logs" \
            --vars "{pql__raw_path: '$WORK/raw', pql__event_source: $source, pql__as_of: '2026-06-29'}"
    done
    echo "== $source"
    .venv/bin/python -m pql_scoring.compare "$WORK/before-$source.duckdb" "$WORK/after-$source.duckdb" | grep -v '^same' || status=1
done
exit $status
