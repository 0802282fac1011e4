"""Helpers that run the real dbt project (DuckDB) in a temporary folder."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from pql_scoring.compare import rows_differing
from pql_scoring.demo import generate

REPO = Path(__file__).resolve().parents[3]
AS_OF = "2026-06-29"
END_DATE = dt.date(2026, 6, 30)
# dbt's snapshot bookkeeping stamps the wall clock of the run; everything else is a function of
# the data and the as-of moment
WALL_CLOCK = {"dbt_scd_id", "dbt_updated_at", "dbt_valid_from", "dbt_valid_to", "band_change_id"}


def dbt_executable() -> str:
    local = Path(sys.executable).parent / "dbt"
    return str(local) if local.exists() else (shutil.which("dbt") or "dbt")


@dataclass
class DbtResult:
    returncode: int
    output: str


class Dbt:
    """Runs dbt against one DuckDB file, with its own profiles, target and log folders."""

    def __init__(self, workdir: Path, project_dir: Path = REPO):
        self.workdir = workdir
        self.project_dir = project_dir
        workdir.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / "profiles.example.yml", workdir / "profiles.yml")

    def run(
        self, *args: str, db: Path, vars: dict | None = None, check: bool = True, env: dict | None = None
    ) -> DbtResult:
        cmd = [*args, "--project-dir", str(self.project_dir), "--profiles-dir", str(self.workdir)]
        cmd += ["--target-path", str(self.workdir / "target"), "--log-path", str(self.workdir / "logs")]
        if vars:
            cmd += ["--vars", json.dumps(vars)]
        env = {**os.environ, "PQL_DUCKDB_PATH": str(db), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false", **(env or {})}
        if "spark" in args:
            # Spark's session lives in dbt's process (a JVM, the metastore's lock): a process of its own
            proc = subprocess.run(
                [dbt_executable(), *cmd], cwd=self.project_dir, env=env, capture_output=True, text=True, timeout=900
            )
            result = DbtResult(proc.returncode, proc.stdout + proc.stderr)
        else:
            result = _in_process(cmd, cwd=self.project_dir, env=env)
        if check and result.returncode != 0:
            raise AssertionError(f"dbt {' '.join(args)} failed:\n{result.output[-6000:]}")
        return result


def _in_process(cmd: list[str], cwd: Path, env: dict) -> DbtResult:
    """dbt in this process, as dbt-core's own functional tests run it (dbtRunner): the same result as
    the command line (exit code, the messages it prints), without a new interpreter's imports and
    dbt's schema set-up, about 11 s of each invocation. Environment and working folder are the
    command's for the duration."""
    from dbt.cli.main import dbtRunner

    lines: list[str] = []

    def collect(event) -> None:
        if event.info.level != "debug":
            lines.append(event.info.msg)

    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    os.environ.clear()
    os.environ.update(env)
    os.chdir(cwd)
    try:
        outcome = dbtRunner(callbacks=[collect]).invoke(cmd)
    finally:
        _close_duckdb()
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
    if outcome.exception is not None:
        lines.append(f"{type(outcome.exception).__name__}: {outcome.exception}")
    # the command line's exit codes: 0 success, 1 a node failed, 2 dbt itself failed
    code = 0 if outcome.success else (2 if outcome.exception is not None else 1)
    return DbtResult(code, "\n".join(lines))


def _close_duckdb() -> None:
    """dbt-duckdb keeps its database open in a class attribute after the command (the command line's
    process ends there): close it, so that this process can open the file again, read-only."""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    with DuckDBConnectionManager._LOCK:
        if DuckDBConnectionManager._ENV is not None:
            DuckDBConnectionManager._ENV.close()
            DuckDBConnectionManager._ENV = None


def query(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@dataclass
class BuiltWorld:
    raw: Path
    db: Path
    truth: dict
    dbt: Dbt


@pytest.fixture(scope="session")
def built_world(tmp_path_factory) -> BuiltWorld:
    """A generated world, built once with `dbt build` (models, data tests and unit tests)."""
    root = tmp_path_factory.mktemp("world")
    world = generate(accounts=400, seed=11, end_date=END_DATE, days=120)
    world.write(root / "raw")
    dbt = Dbt(root / "dbt")
    db = root / "pql.duckdb"
    dbt.run("build", db=db, vars={"pql__raw_path": str(root / "raw"), "pql__as_of": AS_OF})
    return BuiltWorld(root / "raw", db, world.truth, dbt)


def databases_differing(a: Path, b: Path) -> dict[str, int]:
    """Relation -> rows in one database and not the other (every relation of `a`, every column but
    the wall-clock ones); a relation missing from `b` counts -1."""
    con = duckdb.connect()
    con.execute(f"attach '{a}' as a (read_only)")
    con.execute(f"attach '{b}' as b (read_only)")
    columns: dict[tuple[str, str], list[str]] = {}
    for catalog, table, column in con.execute(
        "select table_catalog, table_name, column_name from information_schema.columns"
        " where table_catalog in ('a', 'b') and table_schema = 'main' order by ordinal_position"
    ).fetchall():
        columns.setdefault((catalog, table), []).append(column)
    out = {}
    for (catalog, table), cols in sorted(columns.items()):
        if catalog != "a":
            continue
        if ("b", table) not in columns:
            out[table] = -1
            continue
        diff = rows_differing(con, table, [c for c in cols if c.lower() not in WALL_CLOCK])
        if diff:
            out[table] = diff
    return out


def incremental_models(dbt: Dbt, db: Path) -> list[str]:
    """The project's incremental models whose tables a rebuild drops: all but the sync shapes, whose
    stored rows are their history (each row keeps the time it last changed)."""
    listed = dbt.run(
        "ls", "--select", "config.materialized:incremental", "--resource-type", "model", "--output", "name", db=db
    ).output
    names = {line.strip() for line in listed.splitlines()}
    return sorted(name for name in names if re.fullmatch(r"[a-z][a-z0-9_]*", name) and not name.startswith("sync_"))


def rebuild_incremental_models(
    dbt: Dbt, db: Path, models: list[str], run_vars: dict, recalibrate: bool = False
) -> None:
    """The daily job's models on `db` with the incremental tables dropped first, so that they are
    rebuilt from everything (a recomputation to compare incremental runs with; no tests).
    `recalibrate`: the recalibration models too, for runs that are plain `dbt build`s (the cohort
    moves with the as-of day, so a daily job's copy keeps the cohort of the run it was copied from)."""
    con = duckdb.connect(str(db))
    for model in models:
        con.execute(f"drop table if exists main.{model}")
    con.close()
    recalibration = () if recalibrate else ("tag:pql_recalibration",)
    dbt.run(
        "build",
        "--exclude",
        *recalibration,
        "resource_type:test",
        "resource_type:unit_test",
        db=db,
        vars=run_vars,
    )
