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
        cmd = [dbt_executable(), *args, "--project-dir", str(self.project_dir), "--profiles-dir", str(self.workdir)]
        cmd += ["--target-path", str(self.workdir / "target"), "--log-path", str(self.workdir / "logs")]
        if vars:
            cmd += ["--vars", json.dumps(vars)]
        env = {**os.environ, "PQL_DUCKDB_PATH": str(db), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false", **(env or {})}
        proc = subprocess.run(cmd, cwd=self.project_dir, env=env, capture_output=True, text=True, timeout=900)
        result = DbtResult(proc.returncode, proc.stdout + proc.stderr)
        if check and proc.returncode != 0:
            raise AssertionError(f"dbt {' '.join(args)} failed:\n{result.output[-6000:]}")
        return result


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
