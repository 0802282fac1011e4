"""Every documented configuration runs the documented commands, as a user types them: the demo
(`EVENT_SOURCE=... bash scripts/demo.sh`, `SCORING_MODE=derived`), then the daily refresh
(`dbt source freshness`, `dbt build --selector pql_daily`); the commands that read only the marts
(the Parquet export, `dbt parse` and `mf query`) run once per scoring mode, on the generic source (the
marts have one shape whatever the source)."""

from __future__ import annotations

import os
import subprocess

import pytest

from .conftest import REPO, dbt_executable, query

pytestmark = pytest.mark.integration

CONFIGURATIONS = [
    ("generic", "configured"),
    ("segment", "configured"),
    ("amplitude", "configured"),
    ("posthog", "configured"),
    ("mixpanel", "configured"),
    ("generic", "derived"),
]


def _run(cmd: list[str], env: dict, timeout: int = 900) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, f"{' '.join(cmd)} failed:\n{(proc.stdout + proc.stderr)[-6000:]}"
    return proc


@pytest.mark.parametrize("source, mode", CONFIGURATIONS)
def test_demo_and_daily_refresh_commands(tmp_path, source, mode):
    # a world that ends today, as the demo makes it, so the freshness check can pass; 600 accounts
    # sign up often enough that the newest signup is always within freshness's three days
    env = {
        **os.environ,
        "EVENT_SOURCE": source,
        "SCORING_MODE": mode,
        "ACCOUNTS": "600",
        "TOP": "5",
        "PQL_SKIP_SETUP": "1",
        "PQL_RAW_DIR": str(tmp_path / "raw"),
        "PQL_DUCKDB_PATH": str(tmp_path / "pql.duckdb"),
        # the project's own target/ (mf reads the semantic manifest there), as a user's commands would
        "DBT_PROFILES_DIR": str(REPO),
    }
    if not (REPO / "profiles.yml").exists():
        (REPO / "profiles.yml").write_text((REPO / "profiles.example.yml").read_text())
    demo = _run(["bash", "scripts/demo.sh"], env)
    assert "account_id" in demo.stdout and "top_reasons" in demo.stdout  # the table of top PQL accounts
    # it ends by saying where the HTML report is, and the marts are published for BI beside the build
    report = demo.stdout.strip().splitlines()[-1]
    assert report == f"Calibration report: {tmp_path / 'report.html'}", report
    assert "<figure id='chart-bands'>" in (tmp_path / "report.html").read_text()
    assert query(tmp_path / "published" / "pql.duckdb", "select count(*) from pql_accounts") == query(
        tmp_path / "pql.duckdb", "select count(*) from pql_accounts"
    )
    assert (
        query(tmp_path / "pql.duckdb", "select count(*) from pql_accounts where pql_band in ('high', 'mid')")[0][0] > 0
    )
    assert query(tmp_path / "pql.duckdb", "select distinct scoring_mode from pql_accounts") == [(mode,)]

    dbt = dbt_executable()
    vars_ = f"{{pql__raw_path: '{tmp_path / 'raw'}', pql__event_source: {source}, pql__scoring_mode: {mode}}}"
    freshness = _run([dbt, "source", "freshness", "--vars", vars_], env)
    assert "ERROR" not in freshness.stdout
    _run([dbt, "build", "--selector", "pql_daily", "--vars", vars_], env)
    if source != "generic":
        return
    (tmp_path / "export").mkdir()
    _run(
        [dbt, "run-operation", "pql_export_marts", "--args", f"{{path: '{tmp_path / 'export'}'}}", "--vars", vars_], env
    )
    assert (tmp_path / "export" / "pql_accounts.parquet").exists()
    _run([dbt, "parse", "--vars", vars_], env)
    mf = os.path.join(os.path.dirname(dbt), "mf")
    metrics = _run(
        [mf, "query", "--metrics", "activation_rate,pql_to_paid_conversion", "--group-by", "metric_time__month"], env
    )
    assert "activation_rate" in metrics.stdout


def test_the_postgres_demo_prints_what_the_duckdb_demo_prints(tmp_path):
    """`PQL_TARGET=postgres bash scripts/demo.sh` on the same world and as-of day: the same top accounts."""
    printed = {}
    for target in ("duckdb", "postgres"):
        env = {
            **os.environ,
            "PQL_TARGET": target,
            "ACCOUNTS": "400",
            "TOP": "10",
            "PQL_SKIP_SETUP": "1",
            "PQL_RAW_DIR": str(tmp_path / "raw"),
            "PQL_DUCKDB_PATH": str(tmp_path / "pql.duckdb"),
            "PQL_PG_SCHEMA": "pql_demo_test",
            "DBT_PROFILES_DIR": str(REPO),
        }
        out = _run(["bash", "scripts/demo.sh"], env).stdout
        # the table of top accounts (the DuckDB demo then says where its HTML report is)
        printed[target] = out[out.index("Top 10 PQL accounts") :].split("\nCalibration report:")[0].rstrip()
    assert "high" in printed["duckdb"]
    assert printed["postgres"] == printed["duckdb"]
