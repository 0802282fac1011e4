"""Put a raw folder (the generic contract's four Parquet files, and each loader's shape in its
subfolder) into a warehouse's raw schemas, where the project's sources read them on a server engine.

    python -m pql_scoring.load --target postgres --raw data/raw

Tables go to the schema each source reads by default: ``raw`` (accounts, users, events,
subscriptions) and ``segment``, ``amplitude``, ``mixpanel``, ``posthog`` (their loaders' tables). Each
table is replaced (with the staging views built on it, which the next ``dbt build`` recreates). On
DuckDB no load is needed: var ``pql__raw_path`` reads the Parquet files where they are. The
connection is the one the postgres target of profiles.example.yml uses (env vars PQL_PG_HOST,
PQL_PG_PORT, PQL_PG_USER, PQL_PG_PASSWORD, PQL_PG_DATABASE).
"""

from __future__ import annotations

import argparse
import io
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

SOURCES = ("segment", "amplitude", "mixpanel", "posthog")
POSTGRES_TYPES = {
    pa.string(): "text",
    pa.large_string(): "text",
    pa.int64(): "bigint",
    pa.int32(): "integer",
    pa.float64(): "double precision",
    pa.bool_(): "boolean",
    pa.timestamp("us"): "timestamp",
    pa.timestamp("ns"): "timestamp",
    pa.timestamp("ms"): "timestamp",
    pa.timestamp("s"): "timestamp",
}


def raw_tables(raw: Path) -> list[tuple[str, str, Path]]:
    """(schema, table, file) for every Parquet file of a raw folder."""
    out = [("raw", f.stem, f) for f in sorted(raw.glob("*.parquet"))]
    for source in SOURCES:
        out += [(source, f.stem, f) for f in sorted((raw / source).glob("*.parquet"))]
    return out


def postgres_type(field: pa.Field) -> str:
    if field.type not in POSTGRES_TYPES:
        raise ValueError(f"column {field.name}: no PostgreSQL type for {field.type}")
    return POSTGRES_TYPES[field.type]


def postgres_connection():
    import psycopg2  # dbt-postgres' own driver

    return psycopg2.connect(
        host=os.environ.get("PQL_PG_HOST", "127.0.0.1"),
        port=int(os.environ.get("PQL_PG_PORT", "54329")),
        user=os.environ.get("PQL_PG_USER", "pql"),
        password=os.environ.get("PQL_PG_PASSWORD", "pql"),
        dbname=os.environ.get("PQL_PG_DATABASE", "pql"),
    )


def load_postgres(raw: Path) -> list[tuple[str, str, int]]:
    """Replace each table with the Parquet file's rows (COPY in CSV: nulls stay nulls, '' stays '')."""
    loaded = []
    with postgres_connection() as con, con.cursor() as cur:
        cur.execute("set timezone = 'UTC'")
        for schema, table, path in raw_tables(raw):
            data = pq.read_table(path)
            columns = ", ".join(f'"{f.name}" {postgres_type(f)}' for f in data.schema)
            cur.execute(f'create schema if not exists "{schema}"')
            cur.execute(f'drop table if exists "{schema}"."{table}" cascade')  # views built on it: rebuilt by dbt
            cur.execute(f'create table "{schema}"."{table}" ({columns})')
            buffer = io.BytesIO()
            pacsv.write_csv(data, buffer, pacsv.WriteOptions(include_header=False))
            buffer.seek(0)
            names = ", ".join(f'"{f.name}"' for f in data.schema)
            cur.copy_expert(f'copy "{schema}"."{table}" ({names}) from stdin with (format csv)', buffer)
            loaded.append((schema, table, data.num_rows))
    return loaded


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m pql_scoring.load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", choices=("postgres",), required=True)
    parser.add_argument("--raw", type=Path, required=True, help="the raw folder (python -m pql_scoring.demo --out)")
    args = parser.parse_args(argv)
    for schema, table, rows in load_postgres(args.raw):
        print(f"loaded {schema}.{table}: {rows} rows")


if __name__ == "__main__":
    main()
