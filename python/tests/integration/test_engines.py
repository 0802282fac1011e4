"""The same world built on DuckDB and on PostgreSQL gives the same marts (python -m pql_scoring.engines).

A throwaway PostgreSQL server on 127.0.0.1 (scripts/postgres.sh; started here if none answers) holds
the world's raw tables (python -m pql_scoring.load); each build is a plain `dbt build` (models, seeds,
snapshot, data and unit tests) with the postgres target of profiles.example.yml.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest

from pql_scoring import engines
from pql_scoring.demo import generate
from pql_scoring.load import SOURCES, load_postgres, postgres_connection
from pql_scoring.shapes import write_shapes

from .conftest import AS_OF, REPO, Dbt
from .test_bad_configuration import project  # noqa: F401  (fixture: a copy of the project)

pytestmark = pytest.mark.integration

NEXT_DAY = "2026-06-30"


def _reachable() -> bool:
    try:
        postgres_connection().close()
        return True
    except Exception:
        return False


@pytest.fixture(scope="module")
def postgres():
    started = False
    if not _reachable():
        subprocess.run(["bash", str(REPO / "scripts" / "postgres.sh"), "start"], check=True)
        started = True
    assert _reachable()
    yield
    if started:
        subprocess.run(["bash", str(REPO / "scripts" / "postgres.sh"), "stop"], check=True)


def _drop_schema(schema: str) -> None:
    with postgres_connection() as con, con.cursor() as cur:
        cur.execute(f'drop schema if exists "{schema}" cascade')


@pytest.fixture(scope="module")
def on_postgres(postgres, built_world, tmp_path_factory):
    """The built world's raw tables loaded into PostgreSQL and built there, as of the same day."""
    load_postgres(built_world.raw)
    schema = "pql_engines"
    _drop_schema(schema)
    dbt = Dbt(tmp_path_factory.mktemp("pg") / "dbt")
    env = {"PQL_PG_SCHEMA": schema}
    dbt.run("build", "--target", "postgres", db=built_world.db, vars={"pql__as_of": AS_OF}, env=env)
    return dbt, schema, env


def _differences(duckdb_path, schema) -> dict[str, int]:
    rows = engines.compare(engines.duckdb_fetch(duckdb_path), engines.postgres_fetch(schema))
    assert all(n_l > 0 for name, n_l, _, _ in rows if name != "fct_rejected_rows by reason")
    return {name: diff for name, _, _, diff in rows if diff}


def test_postgres_builds_the_same_marts_as_duckdb(on_postgres, built_world):
    _, schema, _ = on_postgres
    assert _differences(built_world.db, schema) == {}


def test_a_second_day_moves_both_engines_alike(on_postgres, built_world, tmp_path):
    """The next day's run (incremental models, the snapshot, band changes, the syncs' change stamps)."""
    dbt, schema, env = on_postgres
    duck = tmp_path / "next.duckdb"
    shutil.copy(built_world.db, duck)
    built_world.dbt.run("build", db=duck, vars={"pql__raw_path": str(built_world.raw), "pql__as_of": NEXT_DAY})
    dbt.run("build", "--target", "postgres", db=duck, vars={"pql__as_of": NEXT_DAY}, env=env)
    assert _differences(duck, schema) == {}


def test_derived_mode_is_refused_naming_the_adapter(on_postgres, built_world):
    dbt, _, env = on_postgres
    result = dbt.run(
        "build",
        "--target",
        "postgres",
        "--select",
        "int_scoring_entities",
        db=built_world.db,
        vars={"pql__as_of": AS_OF, "pql__scoring_mode": "derived"},
        env=env,
        check=False,
    )
    assert result.returncode != 0
    assert "adapter postgres runs no Python models" in result.output


def test_the_comparison_fails_when_one_dispatch_version_is_broken(postgres, built_world, project, tmp_path):  # noqa: F811
    """Reverse the order of pql_listagg's default version: PostgreSQL lists a user's counted signals
    backwards. (It used to drop the version's NULL-for-nothing, which showed as '' reasons; top_reasons
    no longer goes through pql_listagg, and counted_signals is never empty.)"""
    macro = project / "macros" / "pql_listagg.sql"
    text = macro.read_text()
    broken = text.replace(
        "dbt.listagg(measure, delimiter_text, order_by_clause, limit_num) ~ \", '')\")",
        "dbt.listagg(measure, delimiter_text, order_by_clause ~ ' desc', limit_num) ~ \", '')\")",
    )
    assert broken != text
    macro.write_text(broken)
    schema = "pql_engines_broken"
    _drop_schema(schema)
    dbt = Dbt(tmp_path / "dbt", project_dir=project)
    dbt.run(
        "build",
        "--target",
        "postgres",
        "--select",
        "+pql_users",
        "--exclude",
        "resource_type:test",
        db=built_world.db,
        vars={"pql__as_of": AS_OF},
        env={"PQL_PG_SCHEMA": schema},
    )
    rows = engines.compare(engines.duckdb_fetch(built_world.db), engines.postgres_fetch(schema), tables=["pql_users"])
    assert rows[0][0] == "pql_users" and rows[0][3] > 0


def test_a_run_as_of_an_hour_gives_both_engines_the_same_marts(on_postgres, built_world, tmp_path):
    """`pql__as_of` as an hour (issue 16): the cutoff, the scoring moment and the as-of day counted
    from the validated events are engine SQL, so a fresh build as of 14:00 is compared too. Then the
    run of the next hour, on the same day: the incremental models take their within-the-day paths
    (scores carried forward for the entities the hour did not touch)."""
    dbt, _, _ = on_postgres
    duck = tmp_path / "hour.duckdb"
    schema = "pql_engines_hour"
    _drop_schema(schema)
    try:
        for run, hour in enumerate((f"{AS_OF} 14:00", f"{AS_OF} 15:00")):
            built_world.dbt.run("build", db=duck, vars={"pql__raw_path": str(built_world.raw), "pql__as_of": hour})
            dbt.run("build", "--target", "postgres", db=duck, vars={"pql__as_of": hour}, env={"PQL_PG_SCHEMA": schema})
            assert _differences(duck, schema) == {}
            with postgres_connection() as con, con.cursor() as cur:
                cur.execute(f'select distinct cast(scored_at as text) from "{schema}".pql_accounts')
                assert cur.fetchall() == [(f"{hour}:00",)]
                # the rows of int_entities_scored were written by one transaction (the build), then by
                # two: the second run rescored some entities and carried the others' rows forward
                cur.execute(f'select count(distinct cast(xmin as text)) from "{schema}".int_entities_scored')
                assert cur.fetchone() == (run + 1,)
    finally:
        _drop_schema(schema)


@pytest.fixture(scope="module")
def loader_world(postgres, tmp_path_factory):
    """One world in every loader's shape (pql_scoring.shapes), in PostgreSQL schemas of its own
    (shapes_raw, shapes_segment, ...), so the generic world's raw tables above stay as they are."""
    root = tmp_path_factory.mktemp("loader_shapes")
    generate(accounts=300, seed=5, end_date=dt.date(2026, 6, 30), days=120).write(root / "raw")
    write_shapes(root / "raw")
    load_postgres(root / "raw", schema_prefix="shapes_")
    return root


@pytest.mark.parametrize("source", SOURCES)
def test_every_loader_source_gives_postgres_the_same_marts(loader_world, source, tmp_path):
    """Each loader's staging (JSON properties, epoch or text times, its identity tables) is engine SQL:
    the same loader tables built on PostgreSQL and on DuckDB give the same marts and rejections."""
    vars_ = {"pql__event_source": source, "pql__as_of": AS_OF}
    duck = tmp_path / f"{source}.duckdb"
    Dbt(tmp_path / "duck").run("build", db=duck, vars={**vars_, "pql__raw_path": str(loader_world / "raw")})
    schemas = {f"pql__{name}_schema": f"shapes_{name}" for name in ("raw", *SOURCES)}
    schema = f"pql_loader_{source}"
    _drop_schema(schema)
    try:
        Dbt(tmp_path / "pg").run(
            "build", "--target", "postgres", db=duck, vars={**vars_, **schemas}, env={"PQL_PG_SCHEMA": schema}
        )
        assert _differences(duck, schema) == {}
    finally:
        _drop_schema(schema)
