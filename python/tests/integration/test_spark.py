"""The same world built on Apache Spark with Delta Lake gives DuckDB's marts (python -m pql_scoring.engines).

Spark runs as the spark target of profiles.example.yml does: `method: session`, Delta tables, the
Hive metastore and the warehouse in a folder of this test's own. The raw tables are loaded with
`python -m pql_scoring.load --target spark`; each build is a plain `dbt build` (models, seeds,
snapshot, data and unit tests). The first day runs on `local[*]`; the second day on a standalone
cluster on loopback (a master and two workers, scripts/spark.sh cluster), so its shuffles cross
executor processes. The comparison runs in its own process: the local metastore admits one JVM.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys

import pytest

from .conftest import AS_OF, REPO, Dbt
from .test_bad_configuration import project  # noqa: F401  (fixture: a copy of the project)

pytestmark = pytest.mark.integration

NEXT_DAY = "2026-06-30"
JARS = REPO / "data" / "spark" / "jars"


def _env(spark_dir) -> dict:
    jars = sorted(JARS.glob("delta-*.jar"))
    if len(jars) < 2:
        subprocess.run(["bash", str(REPO / "scripts" / "spark.sh"), "jars"], check=True)
        jars = sorted(JARS.glob("delta-*.jar"))
    return {"PQL_SPARK_DIR": str(spark_dir), "PQL_SPARK_JARS": ",".join(str(j) for j in jars)}


def _python(args: list[str], env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=REPO, env={**os.environ, **env}, capture_output=True, text=True, timeout=1800
    )


def _compare(duckdb_path, env) -> str:
    out = _python(["-m", "pql_scoring.engines", "--duckdb", str(duckdb_path), "--spark"], env)
    assert "marts compared" in out.stdout, out.stdout + out.stderr[-3000:]
    return out.stdout


@pytest.fixture(scope="module")
def on_spark(built_world, tmp_path_factory):
    """The built world's raw tables loaded into Spark (Delta) and built there, as of the same day."""
    root = tmp_path_factory.mktemp("spark")
    env = _env(root / "spark")
    loaded = _python(["-m", "pql_scoring.load", "--target", "spark", "--raw", str(built_world.raw)], env)
    assert loaded.returncode == 0, loaded.stderr[-3000:]
    assert "loaded raw.events" in loaded.stdout
    dbt = Dbt(root / "dbt")
    dbt.run("build", "--target", "spark", db=built_world.db, vars={"pql__as_of": AS_OF}, env=env)
    return dbt, env


def test_spark_builds_the_same_marts_as_duckdb(on_spark, built_world):
    _, env = on_spark
    out = _compare(built_world.db, env)
    assert "12 marts compared, 0 differ" in out, out


def test_seed_cells_left_empty_are_null_on_spark(on_spark, built_world, project, tmp_path):  # noqa: F811
    """dbt-spark's session loader writes an empty seed cell as the text 'None' (and breaks on a quote);
    macros/overrides/load_csv_rows.sql writes literals. Without the override, the seeds differ."""
    _, env = on_spark
    with (REPO / "seeds" / "pql_signals.csv").open() as fh:
        rows = list(csv.DictReader(fh))
    empty = sum(1 for r in rows if r["event_name"] == "")
    assert empty > 0
    # (empty cells, cells holding the text 'None') of the seeded event_name column
    counts = "select sum(case when event_name is null then 1 else 0 end), sum(case when event_name = 'None' then 1 else 0 end) from {schema}.pql_signals"

    def seeded(schema: str) -> tuple[int, int]:
        code = (
            "from pql_scoring.load import spark_session; "
            f"print(tuple(spark_session().sql({counts.format(schema=schema)!r}).collect()[0]))"
        )
        out = _python(["-c", code], env)
        assert out.returncode == 0, out.stderr[-3000:]
        return eval(out.stdout.strip().splitlines()[-1])  # a printed tuple of two ints

    assert seeded("pql") == (empty, 0)
    (project / "macros" / "overrides" / "load_csv_rows.sql").unlink()
    Dbt(tmp_path / "dbt", project_dir=project).run(
        "seed",
        "--target",
        "spark",
        "--select",
        "pql_signals",
        db=built_world.db,
        env={**env, "PQL_SPARK_SCHEMA": "pql_no_override"},
    )
    assert seeded("pql_no_override") == (0, empty)


def test_a_second_day_on_a_cluster_moves_spark_like_duckdb(on_spark, built_world, tmp_path):
    """The next day's run (incremental models replacing days, the snapshot, band changes, the syncs
    reading their previous table) on a standalone cluster of two workers, against DuckDB's next day."""
    dbt, env = on_spark
    duck = tmp_path / "next.duckdb"
    shutil.copy(built_world.db, duck)
    built_world.dbt.run("build", db=duck, vars={"pql__raw_path": str(built_world.raw), "pql__as_of": NEXT_DAY})
    cluster_dir = tmp_path / "cluster"
    cluster_env = {**os.environ, "PQL_SPARK_CLUSTER_DIR": str(cluster_dir)}
    started = subprocess.run(
        ["bash", str(REPO / "scripts" / "spark.sh"), "cluster", "start"],
        cwd=REPO,
        env=cluster_env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert started.returncode == 0, started.stdout + started.stderr
    try:
        master = started.stdout.strip().split()[-1]
        assert master.startswith("spark://")
        dbt.run(
            "build",
            "--target",
            "spark",
            db=duck,
            vars={"pql__as_of": NEXT_DAY},
            env={**env, "PQL_SPARK_MASTER": master},
        )
        # the work ran in executors on both workers, not in the driver
        executors = [p for p in cluster_dir.glob("work*/app-*/*") if p.is_dir()]
        assert len({p.parts[-3] for p in executors}) == 2, executors
    finally:
        subprocess.run(["bash", str(REPO / "scripts" / "spark.sh"), "cluster", "stop"], cwd=REPO, env=cluster_env)
    out = _compare(duck, env)
    assert "12 marts compared, 0 differ" in out, out
