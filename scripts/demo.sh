#!/usr/bin/env bash
# The demo, end to end on a fresh machine: set up, generate a demo world, dbt build, print the top PQLs.
#   ACCOUNTS=5000 SEED=7 bash scripts/demo.sh
#   EVENT_SOURCE=segment bash scripts/demo.sh     (or amplitude, posthog, mixpanel: the same world in that loader's shape)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export DBT_PROFILES_DIR="$PWD"
export PQL_DUCKDB_PATH="${PQL_DUCKDB_PATH:-data/pql.duckdb}"

SOURCE="${EVENT_SOURCE:-generic}"
.venv/bin/python -m pql_scoring.demo --accounts "${ACCOUNTS:-5000}" --seed "${SEED:-7}" --out data/raw
if [ "$SOURCE" != generic ]; then
    .venv/bin/python -m pql_scoring.shapes --raw data/raw "$SOURCE"
fi
.venv/bin/dbt build --full-refresh --vars "{pql__raw_path: data/raw, pql__event_source: $SOURCE}"
.venv/bin/python -m pql_scoring.report --db "$PQL_DUCKDB_PATH" --top "${TOP:-15}"
