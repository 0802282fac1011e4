"""Publish the public marts of a DuckDB build where readers read them, swapped in whole.

    python -m pql_scoring.publish --db data/pql.duckdb --out data/published/pql.duckdb

BI tools and notebooks open the published copy, never the file dbt writes: a reader holding the
build's file open would make the next `dbt build` fail on DuckDB's file lock. Each publication is
written to a temporary file beside the published one (every public mart, plus `pql_published`: when,
from which file, as of which day, how many tables) and renamed over it (`os.replace`, atomic on one
file system). A reader that opened the old copy keeps reading the old run until it reconnects; a
new connection sees the new run; nobody sees a half-written one.

The public marts are the models under models/marts (names pql_*, dim_*, fct_*, sync_*), the
tables `pql_export_marts` exports too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
from pathlib import Path

import duckdb

PUBLIC_PREFIXES = ("pql_", "dim_", "fct_", "sync_")


def public_tables(con: duckdb.DuckDBPyConnection, catalog: str) -> list[str]:
    rows = con.execute(
        "select table_name from information_schema.tables where table_catalog = ? and table_schema = 'main'"
        " order by table_name",
        [catalog],
    ).fetchall()
    return [name for (name,) in rows if name.startswith(PUBLIC_PREFIXES) and name != "pql_published"]


def publish(db: Path, out: Path) -> tuple[Path, list[str]]:
    """Copy the public marts of ``db`` into a new file and rename it over ``out``."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    try:
        con.execute(f"attach '{db.resolve().as_posix()}' as build (read_only)")
        tables = public_tables(con, "build")
        if "pql_accounts" not in tables:
            raise SystemExit(f"{db} has no pql_accounts: build the project before publishing")
        for table in tables:
            con.execute(f'create table main."{table}" as select * from build.main."{table}"')
        as_of = con.execute("select max(as_of_date) from main.pql_accounts").fetchone()[0]
        con.execute(
            "create table main.pql_published as select ?::timestamp as published_at, ? as built_file,"
            " ?::date as as_of_date, ? as table_count",
            [dt.datetime.now(dt.UTC).replace(tzinfo=None), str(db.resolve()), as_of, len(tables)],
        )
        con.execute("detach build")
        con.execute("checkpoint")
    finally:
        con.close()
    os.replace(tmp, out)
    return out, tables


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m pql_scoring.publish", description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=Path(os.environ.get("PQL_DUCKDB_PATH", "data/pql.duckdb")))
    parser.add_argument(
        "--out", type=Path, default=Path(os.environ.get("PQL_PUBLISHED_PATH", "data/published/pql.duckdb"))
    )
    args = parser.parse_args(argv)
    out, tables = publish(args.db, args.out)
    print(f"published {len(tables)} marts to {out.resolve()}")


if __name__ == "__main__":
    main()
