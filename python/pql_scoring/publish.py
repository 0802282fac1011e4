"""Publish the public marts of a DuckDB build where readers read them, swapped in whole.

    python -m pql_scoring.publish --db data/pql.duckdb --out data/published/pql.duckdb

BI tools and notebooks open the published copy, never the file dbt writes: a reader holding the
build's file open would make the next `dbt build` fail on DuckDB's file lock. Each publication is
written to a temporary file beside the published one (every public mart, plus `pql_published`: when,
from which file, as of which day, how many tables) and renamed over it (`os.replace`, atomic on one
file system). A reader that opened the old copy keeps reading the old run until it reconnects; a
new connection sees the new run; nobody sees a half-written one.

The public marts are the models dbt's manifest of the build marks `access: public` (the rule lives in
dbt_project.yml: everything under models/marts), the tables `pql_export_marts` exports too; the
manifest is the build's own (`target/manifest.json`, or under DBT_TARGET_PATH).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
from pathlib import Path

import duckdb

PUBLISHED = "pql_published"


def default_manifest() -> Path:
    return Path(os.environ.get("DBT_TARGET_PATH", "target")) / "manifest.json"


def public_marts(manifest: Path) -> list[str]:
    """The relation names of the project's public models, from dbt's manifest."""
    if not manifest.is_file():
        raise SystemExit(f"{manifest} not found: publish reads the build's manifest (pass --manifest)")
    nodes = json.loads(manifest.read_text())["nodes"].values()
    return sorted(
        node.get("alias") or node["name"]
        for node in nodes
        if node["resource_type"] == "model"
        and node["package_name"] == "pql"
        and node.get("access") == "public"
        and node["config"].get("materialized") != "ephemeral"
    )


def public_tables(con: duckdb.DuckDBPyConnection, catalog: str, marts: list[str]) -> list[str]:
    rows = con.execute(
        "select table_name from information_schema.tables where table_catalog = ? and table_schema = 'main'",
        [catalog],
    ).fetchall()
    built = {name for (name,) in rows}
    return [name for name in marts if name in built]


def publish(db: Path, out: Path, manifest: Path | None = None) -> tuple[Path, list[str]]:
    """Copy the public marts of ``db`` (named by the build's ``manifest``) into a new file and rename
    it over ``out``."""
    marts = public_marts(manifest or default_manifest())
    if PUBLISHED in marts:
        raise SystemExit(f"a public model is named {PUBLISHED}, the name publish gives its own table")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    try:
        con.execute(f"attach '{db.resolve().as_posix()}' as build (read_only)")
        tables = public_tables(con, "build", marts)
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
    parser.add_argument(
        "--manifest", type=Path, default=None, help="the build's manifest.json (default: target/manifest.json)"
    )
    args = parser.parse_args(argv)
    out, tables = publish(args.db, args.out, args.manifest)
    print(f"published {len(tables)} marts to {out.resolve()}")


if __name__ == "__main__":
    main()
