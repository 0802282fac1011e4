"""Do the engines give the same marts? Compare a DuckDB build with a PostgreSQL and/or a Spark build,
row for row.

    python -m pql_scoring.engines --duckdb data/pql.duckdb --postgres [--schema pql]
    python -m pql_scoring.engines --duckdb data/pql.duckdb --spark [--spark-schema pql]

Compares, on every column that is not a run stamp (pql_scoring.compare.RUN_STAMPS), the public marts
a user reads and the syncs: every row of ``pql_accounts``, ``pql_users``, ``dim_accounts``,
``dim_users``, ``fct_pql_band_changes``, ``pql_account_context``, ``pql_funnel_daily`` and the four
``sync_*`` models, and ``fct_rejected_rows`` counted by source and reason. Values are compared after
one normalisation (timestamps as text, numbers to 9 significant digits: engines may differ in the
last bits of a float). Prints one line per table; exits 1 if any differs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import decimal
import os
import sys
from collections import Counter
from pathlib import Path

import duckdb

from pql_scoring.compare import RUN_STAMPS

MARTS = (
    "pql_accounts",
    "pql_users",
    "dim_accounts",
    "dim_users",
    "fct_pql_band_changes",
    "pql_account_context",
    "pql_funnel_daily",
    "pql_backtest_deciles",
    "sync_salesforce__accounts",
    "sync_salesforce__leads",
    "sync_hubspot__companies",
    "sync_hubspot__contacts",
    "sync_attio__companies",
    "sync_attio__people",
)
# the back-test runs both scoring modes; derived mode needs the Python models, which only DuckDB (and
# Databricks) run: elsewhere its points are the stand-ins', so only the configured rows are comparable
ROWS_EVERY_ENGINE_HAS = {"pql_backtest_deciles": "scoring_mode = 'configured'"}
REJECTED_BY_REASON = "select source_table, rejection_reason, count(*) as rows from fct_rejected_rows group by 1, 2"


def _value(v):
    if isinstance(v, decimal.Decimal):
        v = float(v)
    if isinstance(v, float):
        return float(f"{v:.9g}")
    if isinstance(v, dt.datetime):
        return v.replace(tzinfo=None).isoformat(sep=" ")
    if isinstance(v, dt.date):
        return v.isoformat()
    return v


def _rows(fetch, sql: str) -> tuple[list[str], Counter]:
    columns, rows = fetch(sql)
    keep = [i for i, c in enumerate(columns) if c.lower() not in RUN_STAMPS]
    return [columns[i] for i in keep], Counter(tuple(_value(r[i]) for i in keep) for r in rows)


def duckdb_fetch(path: Path):
    con = duckdb.connect(str(path), read_only=True)

    def fetch(sql: str):
        cur = con.execute(sql)
        return [d[0] for d in cur.description], cur.fetchall()

    return fetch


def postgres_fetch(schema: str):
    from pql_scoring.load import postgres_connection

    con = postgres_connection()
    with con.cursor() as cur:
        cur.execute(f'set search_path = "{schema}"')

    def fetch(sql: str):
        with con.cursor() as cur:
            cur.execute(sql)
            return [d[0] for d in cur.description], cur.fetchall()

    return fetch


def spark_fetch(schema: str):
    """Reads the spark target's tables in a session configured as the target is (run it when no dbt
    run holds the local metastore)."""
    from pql_scoring.load import spark_session

    spark = spark_session()
    spark.catalog.setCurrentDatabase(schema)

    def fetch(sql: str):
        frame = spark.sql(sql)
        return frame.columns, [tuple(row) for row in frame.collect()]

    return fetch


def compare(left, right, tables: list[str] | None = None) -> list[tuple[str, int, int, int]]:
    """(table, rows left, rows right, rows in one but not the other) for each mart (or ``tables``);
    -1 when the columns differ."""
    queries = {
        table: f"select * from {table}"
        + (f" where {ROWS_EVERY_ENGINE_HAS[table]}" if table in ROWS_EVERY_ENGINE_HAS else "")
        for table in (tables or MARTS)
    }
    if tables is None:
        queries["fct_rejected_rows by reason"] = REJECTED_BY_REASON
    out = []
    for name, sql in queries.items():
        cols_l, rows_l = _rows(left, sql)
        cols_r, rows_r = _rows(right, sql)
        if [c.lower() for c in cols_l] != [c.lower() for c in cols_r]:
            out.append((name, sum(rows_l.values()), sum(rows_r.values()), -1))
            continue
        diff = sum(((rows_l - rows_r) + (rows_r - rows_l)).values())
        out.append((name, sum(rows_l.values()), sum(rows_r.values()), diff))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pql_scoring.engines", description=__doc__.split("\n\n")[0])
    parser.add_argument("--duckdb", type=Path, required=True)
    parser.add_argument("--postgres", action="store_true", help="compare with the postgres target's build")
    parser.add_argument("--schema", default=os.environ.get("PQL_PG_SCHEMA", "pql"), help="its schema")
    parser.add_argument("--spark", action="store_true", help="compare with the spark target's build")
    parser.add_argument("--spark-schema", default=os.environ.get("PQL_SPARK_SCHEMA", "pql"), help="its schema")
    args = parser.parse_args(argv)
    others = {"postgres": args.postgres and (lambda: postgres_fetch(args.schema))}
    others["spark"] = args.spark and (lambda: spark_fetch(args.spark_schema))
    others = {name: connect for name, connect in others.items() if connect}
    if not others:
        parser.error("name an engine to compare DuckDB with: --postgres and/or --spark")
    differing = 0
    for engine, connect in others.items():
        rows = compare(duckdb_fetch(args.duckdb), connect())
        print(f"DuckDB vs {engine}")
        for name, n_l, n_r, diff in rows:
            state = "same" if diff == 0 else "COLUMNS" if diff < 0 else "DIFFERS"
            print(f"{state:8} {name:32} {n_l:>8} {n_r:>8} {max(diff, 0):>8}")
        print(f"{len(rows)} marts compared, {sum(1 for r in rows if r[3])} differ")
        differing += sum(1 for r in rows if r[3])
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
