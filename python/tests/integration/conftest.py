"""Helpers that run the real dbt project (DuckDB) in a temporary folder."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from pql_scoring.demo import generate

REPO = Path(__file__).resolve().parents[3]
AS_OF = "2026-06-29"
END_DATE = dt.date(2026, 6, 30)


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
