"""The same world on Apache Spark with Delta Lake gives DuckDB's marts (python -m pql_scoring.engines).

Spark runs as the spark target of profiles.example.yml does: `method: session`, Delta tables, the
Hive metastore and the warehouse in a folder of this test's own. Both days run on a standalone
cluster on loopback (a master and two 1-core workers, scripts/spark.sh cluster; dbt's session is the
driver), so shuffles cross executor processes as on a real cluster: the first day is the documented
demo, `PQL_TARGET=spark bash scripts/demo.sh` (the loader, a plain `dbt build` with models, seeds,
snapshot, data and unit tests, the report), beside the DuckDB demo on the same world; the second day
is the daily job. The other tests (seeds, the Python models) use the profile's default, `local[*]`.
Comparisons run in their own process: the local metastore admits one JVM at a time.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from .conftest import REPO, Dbt, query
from .test_bad_configuration import project  # noqa: F401  (fixture: a copy of the project)

pytestmark = pytest.mark.integration

TODAY = dt.datetime.now(dt.UTC).date()  # the demo world's events run up to today's midnight
FIRST_DAY = (TODAY - dt.timedelta(days=2)).isoformat()  # the demos' day
# the second run's day: yesterday, the world's last day of events, as of 14:00 of it
SECOND_DAY = TODAY - dt.timedelta(days=1)
JARS = REPO / "data" / "spark" / "jars"
HERE = Path(__file__).resolve().parent
# in dependency order: the cohort analysis, then the back-test marts
PYTHON_MODELS = (
    "int_signal_deltas_measured",
    "int_signal_thresholds_derived",
    "int_signal_points_derived",
    "int_bands_calibrated",
    "pql_band_backtest",
    "pql_backtest_baselines",
)


def _run(cmd: list[str], env: dict, timeout: int = 2400) -> subprocess.CompletedProcess:
    out = subprocess.run(cmd, cwd=REPO, env={**os.environ, **env}, capture_output=True, text=True, timeout=timeout)
    assert out.returncode == 0, f"{' '.join(cmd)} failed:\n{out.stdout[-4000:]}\n{out.stderr[-4000:]}"
    return out


def _compare(duckdb_path, env) -> str:
    return _run([sys.executable, "-m", "pql_scoring.engines", "--duckdb", str(duckdb_path), "--spark"], env).stdout


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A standalone Spark cluster on 127.0.0.1 (a master, two workers), for this module's builds."""
    folder = tmp_path_factory.mktemp("cluster")
    env = {"PQL_SPARK_CLUSTER_DIR": str(folder)}
    started = _run(["bash", "scripts/spark.sh", "cluster", "start"], env, timeout=300)
    try:
        master = started.stdout.strip().split()[-1]
        assert master.startswith("spark://")
        yield master, folder
    finally:
        subprocess.run(["bash", "scripts/spark.sh", "cluster", "stop"], cwd=REPO, env={**os.environ, **env})


def _executor_workers(folder: Path) -> set[str]:
    """The workers that ran executors of some application (their work folders hold one per app)."""
    return {p.parts[-3] for p in folder.glob("work*/app-*/*") if p.is_dir()}


@pytest.fixture(scope="module")
def demos(tmp_path_factory, cluster):
    """The DuckDB demo and the Spark demo (on the cluster) on one 400-account world, as of the day
    before yesterday (the world's last day is left for the second run)."""
    master, folder = cluster
    root = tmp_path_factory.mktemp("spark")
    (root / "profiles").mkdir()
    shutil.copy(REPO / "profiles.example.yml", root / "profiles" / "profiles.yml")
    env = {
        "ACCOUNTS": "400",
        "TOP": "10",
        "PQL_AS_OF": FIRST_DAY,
        "PQL_SKIP_SETUP": "1",
        "PQL_RAW_DIR": str(root / "raw"),
        "PQL_DUCKDB_PATH": str(root / "pql.duckdb"),
        "PQL_SPARK_DIR": str(root / "spark"),
        # this test's own profile, target/ and logs (the project's own are other tests')
        "DBT_PROFILES_DIR": str(root / "profiles"),
        "DBT_TARGET_PATH": str(root / "target"),
        "DBT_LOG_PATH": str(root / "logs"),
    }
    printed = {}
    for target in ("duckdb", "spark"):
        run_env = {**env, "PQL_TARGET": target, **({"PQL_SPARK_MASTER": master} if target == "spark" else {})}
        out = _run(["bash", "scripts/demo.sh"], run_env).stdout
        # the table of top accounts (the DuckDB demo then says where its HTML report is)
        printed[target] = out[out.index("Top 10 PQL accounts") :].split("\nCalibration report:")[0].rstrip()
    # the plain build ran in executors on both workers, not in the driver alone
    assert _executor_workers(folder) == {"work1", "work2"}, _executor_workers(folder)
    jars = ",".join(str(j) for j in sorted(JARS.glob("delta-*.jar")))
    return root, {**env, "PQL_SPARK_JARS": jars}, printed


def test_the_spark_demo_prints_what_the_duckdb_demo_prints(demos):
    _, _, printed = demos
    assert "high" in printed["duckdb"]
    assert printed["spark"] == printed["duckdb"]


def test_spark_builds_the_same_marts_as_duckdb(demos):
    root, env, _ = demos
    out = _compare(root / "pql.duckdb", env)
    assert "15 marts compared, 0 differ" in out, out


def test_seed_cells_left_empty_are_null_on_spark(demos, project):  # noqa: F811
    """dbt-spark's session loader writes an empty seed cell as the text 'None' (and breaks on a quote);
    macros/overrides/load_csv_rows.sql writes literals. Without the override, the cells are 'None'."""
    root, env, _ = demos
    with (REPO / "seeds" / "pql_signals.csv").open() as fh:
        empty = sum(1 for row in csv.DictReader(fh) if row["event_name"] == "")
    assert empty > 0

    def seeded(*schemas: str) -> list[tuple[int, int]]:
        """(empty cells, cells holding the text 'None') of the seeded event_name column, per schema
        (one Spark session for all)"""
        sql = (
            "select sum(case when event_name is null then 1 else 0 end),"
            " sum(case when event_name = 'None' then 1 else 0 end) from {}.pql_signals"
        )
        code = (
            "from pql_scoring.load import spark_session; spark = spark_session()\n"
            f"for schema in {list(schemas)!r}: print(*spark.sql({sql!r}.format(schema)).collect()[0])"
        )
        lines = _run([sys.executable, "-c", code], env).stdout.strip().splitlines()[-len(schemas) :]
        return [tuple(int(n) for n in line.split()) for line in lines]

    # a copy without the override, its seed types spelled as Spark spells them (so that dbt-spark's
    # own seed loader runs at all)
    (project / "macros" / "overrides" / "load_csv_rows.sql").unlink()
    config = project / "dbt_project.yml"
    config.write_text(config.read_text().replace(": varchar", ": string").replace(": double precision", ": double"))
    Dbt(root / "dbt_no_override", project_dir=project).run(
        "seed",
        "--target",
        "spark",
        "--select",
        "pql_signals",
        db=root / "unused.duckdb",
        env={**env, "PQL_SPARK_SCHEMA": "pql_no_override"},
    )
    with_override, without = seeded("pql", "pql_no_override")
    assert with_override == (empty, 0)
    assert without == (0, empty)


def _normalised(rows: list[dict]) -> list[tuple]:
    def value(v):
        return float(f"{v:.9g}") if isinstance(v, float) else v

    return sorted(tuple(sorted((k, value(v)) for k, v in row.items())) for row in rows)


def test_the_python_models_compiled_for_spark_run_in_a_spark_session_like_duckdb(demos, project, tmp_path):  # noqa: F811
    """Each Python model as a Databricks cluster runs it: dbt's code compiled for the spark target,
    executed in a Spark session with dbt's own generated `dbt` object (refs read Spark tables,
    `frames.to_pandas` turns them into pandas), its result written back as a Delta table. Their
    rows equal DuckDB's (the back-test marts on the configured mode: their derived-mode rows rest
    on SQL models that Spark built from the stand-ins)."""
    root, env, _ = demos
    config = project / "dbt_project.yml"
    adapters = "['duckdb', 'databricks', 'snowflake', 'bigquery']"
    text = config.read_text()
    assert text.count(adapters) == 2
    # a copy of the project where the spark target compiles the Python models, as Databricks' does
    config.write_text(text.replace(adapters, "['duckdb', 'databricks', 'snowflake', 'bigquery', 'spark']"))
    dbt = Dbt(tmp_path / "dbt", project_dir=project)
    dbt.run(
        "compile",
        "--target",
        "spark",
        "--select",
        *PYTHON_MODELS,
        db=root / "unused.duckdb",
        env=env,
        vars={"pql__as_of": FIRST_DAY},
    )
    out = _run(
        [
            sys.executable,
            str(HERE / "spark_python_models.py"),
            str(tmp_path / "dbt" / "target" / "manifest.json"),
            "pql",
            *PYTHON_MODELS,
        ],
        env,
    ).stdout
    on_spark = {
        r["model"]: r["rows"]
        for r in map(json.loads, (line for line in out.splitlines() if line.startswith('{"model"')))
    }
    assert list(on_spark) == list(PYTHON_MODELS)
    con = duckdb.connect(str(root / "pql.duckdb"), read_only=True)
    try:
        for model in PYTHON_MODELS:
            frame = con.execute(f"select * from {model}").df()
            expected = json.loads(frame.to_json(orient="records", date_format="iso"))
            actual = on_spark[model]
            if model == "int_bands_calibrated":
                # derived mode's bands, from the derived back-test scores: on Spark those rest on the
                # stand-ins (nothing derived), so only the shape can agree
                assert sorted(r["band"] for r in actual) == ["high", "low", "mid", "not_pql"], actual
                continue
            if model in ("pql_band_backtest", "pql_backtest_baselines"):
                expected = [r for r in expected if r["scoring_mode"] == "configured"]
                actual = [r for r in actual if r["scoring_mode"] == "configured"]
            if model != "int_signal_points_derived":  # no points when nothing is selected on a small world
                assert expected, f"{model}: no rows on DuckDB to compare"
            assert _normalised(actual) == _normalised(expected), model
    finally:
        con.close()


def test_a_second_day_on_a_cluster_moves_spark_like_duckdb(demos, cluster, tmp_path):
    """The next day's run (incremental models replacing days, the snapshot, band changes, the syncs
    reading their previous table) on the cluster, against DuckDB's next day. It runs as of an hour,
    14:00 of the world's last day (pql__as_of "YYYY-MM-DD HH:00"), as the hourly schedule does: that
    day's events are read up to the hour; the first day's full build covers the date form on Spark.
    (A second run in the same day, whose incremental models take their within-the-day paths, runs on
    DuckDB in the hourly equivalence chain and on PostgreSQL in test_engines.py; on this cluster it
    cost 12 minutes of the test command's 90.)"""
    root, env, _ = demos
    master, folder = cluster
    duck = tmp_path / "next.duckdb"
    shutil.copy(root / "pql.duckdb", duck)
    spark = Dbt(tmp_path / "dbt_spark")
    for hour in ("14:00",):
        today = {"pql__as_of": f"{SECOND_DAY.isoformat()} {hour}"}
        # the documented daily job on both engines (the recalibration keeps the first day's tables)
        Dbt(tmp_path / "dbt_duckdb").run(
            "build", "--selector", "pql_daily", db=duck, vars={"pql__raw_path": str(root / "raw"), **today}
        )
        apps = {p.name for p in folder.glob("work*/app-*")}
        # the daily job's models, seeds and the snapshot (selector pql_daily, spelled as an exclusion so
        # that tests can be left out too: test_daily_job.py shows the two select the same models); the
        # data and unit tests ran on the cluster in the first day's plain build, and DuckDB's runs,
        # which run them, are compared with these mart by mart below
        spark.run(
            "build",
            "--target",
            "spark",
            "--exclude",
            "tag:pql_recalibration",
            "resource_type:test",
            "resource_type:unit_test",
            db=duck,
            vars=today,
            env={**env, "PQL_SPARK_MASTER": master},
        )
        # this build was an application of the cluster's too
        assert {p.name for p in folder.glob("work*/app-*")} - apps, f"the run of {hour} did not run on the cluster"
        out = _compare(duck, env)
        assert "15 marts compared, 0 differ" in out, (hour, out)
    moved = query(duck, "select count(*) from fct_pql_band_changes where from_band is not null")[0][0]
    assert moved > 0, "the second day must move some accounts between bands for the comparison to mean anything"
    # the hour means something here: the world holds events of that day from 14:00 on, which neither
    # engine may count (DuckDB's hour is checked against its raw events in test_as_of_hour.py), and
    # events before it, which both count
    con = duckdb.connect()
    con.execute("set TimeZone = 'UTC'")
    later = con.execute(
        f"select count(*) from read_parquet('{(root / 'raw' / 'events.parquet').as_posix()}')"
        f" where cast(occurred_at as date) = date '{SECOND_DAY.isoformat()}'"
        f" and occurred_at >= timestamp '{SECOND_DAY.isoformat()} 14:00:00'"
    ).fetchone()[0]
    con.close()
    assert later > 0, "the world must hold events after the run's hour for the hour form to be compared"
    counted = query(duck, f"select max(last_occurred_at) from fct_daily_activity where activity_date = '{SECOND_DAY}'")[
        0
    ][0]
    assert counted is not None and counted < dt.datetime.fromisoformat(f"{SECOND_DAY.isoformat()} 14:00"), counted
