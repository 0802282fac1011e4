#!/usr/bin/env bash
# The demo, end to end on a fresh machine: set up, generate a demo world, dbt build, print the top PQLs.
#   ACCOUNTS=5000 SEED=7 bash scripts/demo.sh
#   EVENT_SOURCE=segment bash scripts/demo.sh     (or amplitude, posthog, mixpanel: the same world in that loader's shape)
#   SCORING_MODE=derived bash scripts/demo.sh     (points and thresholds from the cohort analysis)
#   PQL_TARGET=postgres bash scripts/demo.sh      (on PostgreSQL: a throwaway server on 127.0.0.1 unless
#                                                  PQL_PG_HOST names yours; configured mode only)
#   PQL_TARGET=spark bash scripts/demo.sh         (on Spark with Delta Lake, in dbt's own process on
#                                                  local[*]; PQL_SPARK_MASTER=spark://... for a cluster;
#                                                  configured mode only)
# PQL_AS_OF=YYYY-MM-DD scores as of that day (default: today, the day the world ends).
# PQL_RAW_DIR (default data/raw) and PQL_DUCKDB_PATH (default data/pql.duckdb) say where it writes; on
# DuckDB it also publishes the marts for BI (PQL_PUBLISHED_PATH, default data/published/pql.duckdb) and
# writes the HTML calibration report (PQL_REPORT, default data/report.html), and prints where;
# PQL_SKIP_SETUP=1 skips the set-up step (the test command has done it).
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET="${PQL_TARGET:-duckdb}"
case "$TARGET" in
    duckdb) ;;
    postgres) export PQL_EXTRAS="${PQL_EXTRAS:-postgres}" ;;
    spark) export PQL_EXTRAS="${PQL_EXTRAS:-spark}" ;;
    *) echo "PQL_TARGET must be duckdb, postgres or spark, got '$TARGET'" >&2; exit 2 ;;
esac
[ "${PQL_SKIP_SETUP:-0}" = 1 ] || bash scripts/setup.sh
export DBT_PROFILES_DIR="${DBT_PROFILES_DIR:-$PWD}"
export PQL_DUCKDB_PATH="${PQL_DUCKDB_PATH:-data/pql.duckdb}"

SOURCE="${EVENT_SOURCE:-generic}"
MODE="${SCORING_MODE:-configured}"
RAW="${PQL_RAW_DIR:-data/raw}"
AS_OF="${PQL_AS_OF:+, pql__as_of: '$PQL_AS_OF'}"
.venv/bin/python -m pql_scoring.demo --accounts "${ACCOUNTS:-5000}" --seed "${SEED:-7}" --out "$RAW"
if [ "$SOURCE" != generic ]; then
    .venv/bin/python -m pql_scoring.shapes --raw "$RAW" "$SOURCE"
fi
if [ "$TARGET" = duckdb ]; then
    .venv/bin/dbt build --full-refresh --vars "{pql__raw_path: '$RAW', pql__event_source: $SOURCE, pql__scoring_mode: $MODE$AS_OF}"
    # the public marts where BI tools read them, swapped in whole (a reader never blocks the next build)
    .venv/bin/python -m pql_scoring.publish --db "$PQL_DUCKDB_PATH" \
        --out "${PQL_PUBLISHED_PATH:-$(dirname "$PQL_DUCKDB_PATH")/published/pql.duckdb}"
    .venv/bin/python -m pql_scoring.report --db "$PQL_DUCKDB_PATH" --top "${TOP:-15}" \
        --html "${PQL_REPORT:-$(dirname "$PQL_DUCKDB_PATH")/report.html}"
elif [ "$TARGET" = spark ]; then
    bash scripts/spark.sh jars
    .venv/bin/python -m pql_scoring.load --target spark --raw "$RAW"
    .venv/bin/dbt build --target spark --full-refresh \
        --vars "{pql__event_source: $SOURCE, pql__scoring_mode: $MODE$AS_OF}"
    .venv/bin/python -m pql_scoring.report --target spark --top "${TOP:-15}"
else
    if [ -z "${PQL_PG_HOST:-}" ]; then
        bash scripts/postgres.sh start
        echo "(stop the throwaway server with: bash scripts/postgres.sh stop)"
    fi
    .venv/bin/python -m pql_scoring.load --target postgres --raw "$RAW"
    .venv/bin/dbt build --target postgres --full-refresh \
        --vars "{pql__event_source: $SOURCE, pql__scoring_mode: $MODE$AS_OF}"
    .venv/bin/python -m pql_scoring.report --target postgres --top "${TOP:-15}"
fi
