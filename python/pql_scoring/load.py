"""Put a raw folder (the generic contract's four Parquet files, and each loader's shape in its
subfolder) into a warehouse's raw schemas, where the project's sources read them on a server engine.

    python -m pql_scoring.load --target postgres --raw data/raw
    python -m pql_scoring.load --target spark --raw data/raw

Tables go to the schema each source reads by default: ``raw`` (accounts, users, events,
subscriptions) and ``segment``, ``amplitude``, ``mixpanel``, ``posthog`` (their loaders' tables). Each
table is replaced (with the staging views built on it, which the next ``dbt build`` recreates). On
DuckDB no load is needed: var ``pql__raw_path`` reads the Parquet files where they are. The
connection is the one the postgres target of profiles.example.yml uses (env vars PQL_PG_HOST,
PQL_PG_PORT, PQL_PG_USER, PQL_PG_PASSWORD, PQL_PG_DATABASE); on Spark, a session with the spark
target's own settings (its ``server_side_parameters``, read from the profile), writing Delta tables.
"""

from __future__ import annotations

import argparse
import io
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import yaml

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


def load_postgres(raw: Path, schema_prefix: str = "") -> list[tuple[str, str, int]]:
    """Replace each table with the Parquet file's rows (COPY in CSV: nulls stay nulls, '' stays ''),
    in the schemas above, each name prefixed with `schema_prefix` when given (tests keep worlds apart)."""
    loaded = []
    with postgres_connection() as con, con.cursor() as cur:
        cur.execute("set timezone = 'UTC'")
        for schema, table, path in raw_tables(raw):
            data = pq.read_table(path)
            copy_postgres_table(cur, f"{schema_prefix}{schema}", table, data)
            loaded.append((f"{schema_prefix}{schema}", table, data.num_rows))
    return loaded


def copy_postgres_table(cur, schema: str, table: str, data: pa.Table) -> None:
    """Replace one table with these rows (the schema created if needed)."""
    columns = ", ".join(f'"{f.name}" {postgres_type(f)}' for f in data.schema)
    cur.execute(f'create schema if not exists "{schema}"')
    cur.execute(f'drop table if exists "{schema}"."{table}" cascade')  # views built on it: rebuilt by dbt
    cur.execute(f'create table "{schema}"."{table}" ({columns})')
    buffer = io.BytesIO()
    pacsv.write_csv(data, buffer, pacsv.WriteOptions(include_header=False))
    buffer.seek(0)
    names = ", ".join(f'"{f.name}"' for f in data.schema)
    cur.copy_expert(f'copy "{schema}"."{table}" ({names}) from stdin with (format csv)', buffer)


def profile_target(name: str, profiles_dir: Path | None = None) -> dict:
    """One target of the project's profile (profiles.yml, else profiles.example.yml), with its
    ``env_var('NAME', 'default')`` calls rendered the way dbt renders them."""
    import jinja2

    root = Path(__file__).resolve().parents[2]
    folder = profiles_dir or Path(os.environ.get("DBT_PROFILES_DIR", root))
    for path in (folder / "profiles.yml", root / "profiles.example.yml"):
        outputs = yaml.safe_load(path.read_text())["pql"]["outputs"] if path.exists() else {}
        if name in outputs:
            target = outputs[name]
            break
    else:
        raise KeyError(f"no target {name} in {folder / 'profiles.yml'} or {root / 'profiles.example.yml'}")

    def env_var(key: str, default: str | None = None) -> str:
        if key in os.environ:
            return os.environ[key]
        if default is None:
            raise KeyError(f"env var {key} is not set (profile {path}, target {name})")
        return default

    def render(value):
        if isinstance(value, dict):
            return {k: render(v) for k, v in value.items()}
        if isinstance(value, str):
            return jinja2.Environment().from_string(value).render(env_var=env_var)
        return value

    return render(target)


def spark_session():
    """A Spark session configured as the spark target's (``method: session``) is, Delta included."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.enableHiveSupport()
    for key, value in profile_target("spark")["server_side_parameters"].items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def load_spark(raw: Path) -> list[tuple[str, str, int]]:
    """Replace each table with the Parquet file's rows, as a Delta table (timestamps stay UTC)."""
    spark = spark_session()
    loaded = []
    for schema, table, path in raw_tables(raw):
        spark.sql(f"create schema if not exists `{schema}`")
        frame = spark.read.parquet(str(path.resolve()))
        frame.write.format("delta").mode("overwrite").option("overwriteSchema", "true").saveAsTable(
            f"`{schema}`.`{table}`"
        )
        loaded.append((schema, table, frame.count()))
    return loaded


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m pql_scoring.load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", choices=("postgres", "spark"), required=True)
    parser.add_argument("--raw", type=Path, required=True, help="the raw folder (python -m pql_scoring.demo --out)")
    args = parser.parse_args(argv)
    load = {"postgres": load_postgres, "spark": load_spark}[args.target]
    for schema, table, rows in load(args.raw):
        print(f"loaded {schema}.{table}: {rows} rows")


if __name__ == "__main__":
    main()
