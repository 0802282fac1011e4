#!/usr/bin/env bash
# Every test, on a fresh machine: set up, lint (sqlfluff), dbt build with all its data and unit tests on
# a generated world, then pytest (the generator, and the pipeline end to end through dbt).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export DBT_PROFILES_DIR="$PWD"
export PQL_DUCKDB_PATH="$PWD/data/test/pql.duckdb"
rm -rf data/test && mkdir -p data/test

echo "== sqlfluff lint"
.venv/bin/sqlfluff lint models tests snapshots

echo "== dbt build on a generated world (models, seeds, data tests, unit tests)"
.venv/bin/python -m pql_scoring.demo --accounts 1500 --seed 7 --end-date 2026-06-30 --out data/test/raw
.venv/bin/dbt build --vars '{pql__raw_path: data/test/raw, pql__as_of: "2026-06-29"}'

echo "== pytest"
.venv/bin/python -m pytest -p no:cacheprovider python/tests
