#!/usr/bin/env bash
# Every test, on a fresh machine: set up, lint (sqlfluff), dbt build with all its data and unit tests on
# a generated world, then pytest (the generator, the statistics, and the pipeline end to end through dbt,
# on DuckDB, PostgreSQL and Spark with Delta Lake; a browser and Apache Superset read the report and the
# published marts).
set -euo pipefail
cd "$(dirname "$0")/.."
# the engines beside DuckDB: PostgreSQL (a throwaway server on 127.0.0.1, stopped at the end) and
# Spark with Delta Lake (in the tests' own processes; Java and Delta's jars fetched here)
export PQL_EXTRAS=postgres,spark
# Debian's packages (Java, chromium for the report's browser test, PostgreSQL) and Delta's jars (apt,
# Maven) while pip fills the venv: neither needs the other
engines_log="$(mktemp)"
(bash scripts/spark.sh jars && bash scripts/browser.sh && bash scripts/postgres.sh start) > "$engines_log" 2>&1 &
engines=$!
trap 'wait "$engines" 2> /dev/null; bash scripts/postgres.sh stop; bash scripts/superset.sh stop > /dev/null; rm -f "$engines_log"' EXIT
# Apache Superset for the BI test, in a venv of its own (it needs nothing of the project's), while the
# project's venv is filled and the world is generated and linted
superset_log="$(mktemp)"
(bash scripts/superset.sh install && bash scripts/superset.sh init) > "$superset_log" 2>&1 &
superset=$!
bash scripts/setup.sh
if ! wait "$engines"; then
    cat "$engines_log" >&2
    echo "the engines' set-up failed (Java, Delta's jars, chromium or PostgreSQL)" >&2
    exit 1
fi
cat "$engines_log"
export DBT_PROFILES_DIR="$PWD"
export PQL_DUCKDB_PATH="$PWD/data/test/pql.duckdb"
rm -rf data/test && mkdir -p data/test

echo "== a generated world, in the generic contract and in every loader's shape"
.venv/bin/python -m pql_scoring.demo --accounts 1500 --seed 7 --end-date 2026-06-30 --out data/test/raw
.venv/bin/python -m pql_scoring.shapes --raw data/test/raw

echo "== ruff (lint and format check of python/)"
.venv/bin/ruff check python
.venv/bin/ruff format --check python

echo "== sqlfluff lint"
# staging reads the raw tables' columns while it compiles: lint against the generated world, and each
# event source's staging (enabled only when selected) with its source selected
for source in generic segment amplitude posthog mixpanel; do
    printf '[sqlfluff:templater:dbt:context]\npql__raw_path = data/test/raw\npql__event_source = %s\n' "$source" \
        > "data/test/sqlfluff-$source.cfg"
done
.venv/bin/sqlfluff lint models tests snapshots --config data/test/sqlfluff-generic.cfg
# the as-of day's activity is read another way in a run as of an hour (pql__as_of "YYYY-MM-DD HH:00")
printf '[sqlfluff:templater:dbt:context]\npql__raw_path = data/test/raw\npql__as_of = 2026-06-29 14:00\n' \
    > data/test/sqlfluff-hour.cfg
.venv/bin/sqlfluff lint models/intermediate/activity --config data/test/sqlfluff-hour.cfg
for source in segment amplitude posthog mixpanel; do
    .venv/bin/sqlfluff lint "models/staging/$source" models/intermediate/identity models/intermediate/events \
        tests/staging --config "data/test/sqlfluff-$source.cfg"
done

echo "== dbt build on the generated world (models, seeds, snapshot, data tests, unit tests)"
.venv/bin/dbt build --vars '{pql__raw_path: data/test/raw, pql__as_of: "2026-06-29"}'

echo "== dbt docs generate (every model, column, exposure and the lineage)"
.venv/bin/dbt docs generate --vars '{pql__raw_path: data/test/raw, pql__as_of: "2026-06-29"}'
test -s target/catalog.json && test -s target/index.html

if ! wait "$superset"; then
    cat "$superset_log" >&2
    echo "Superset's set-up failed" >&2
    exit 1
fi
cat "$superset_log" && rm -f "$superset_log"

echo "== pytest"
# on every core; a file's tests stay on one worker (python/tests/conftest.py says which files share state)
# (the report's browser test keeps its screenshot here, for a reader to look at)
export PQL_REPORT_SCREENSHOT="$PWD/data/test/report.png"
# property-based tests replay a fixed sequence here (python/tests/conftest.py)
export PQL_HYPOTHESIS_PROFILE=ci
.venv/bin/python -m pytest -p no:cacheprovider --durations=25 -n auto --no-loadscope-reorder python/tests

echo "== the benchmark at a tiny size: it runs end to end and dbt, the floor and pandas agree (not timed)"
.venv/bin/python -m pql_scoring.bench --events 30K
