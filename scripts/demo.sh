#!/usr/bin/env bash
# The demo, end to end on a fresh machine: set up, generate a demo world, dbt build, print the top PQLs.
#   ACCOUNTS=5000 SEED=7 bash scripts/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export DBT_PROFILES_DIR="$PWD"
export PQL_DUCKDB_PATH="${PQL_DUCKDB_PATH:-data/pql.duckdb}"

.venv/bin/python -m pql_scoring.demo --accounts "${ACCOUNTS:-5000}" --seed "${SEED:-7}" --out data/raw
.venv/bin/dbt build --vars '{pql__raw_path: data/raw}'
.venv/bin/python -m pql_scoring.report --db "$PQL_DUCKDB_PATH" --top "${TOP:-15}"
