"""CRM and BI outputs over two runs: band changes, the change-only feed, and metrics by name."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess

import duckdb
import pytest

from pql_scoring.demo import generate

from .conftest import REPO, Dbt, dbt_executable, query

pytestmark = pytest.mark.integration

DAY_1, DAY_2 = "2026-06-01", "2026-06-29"
TRACKING = {"pql_sync_hash", "PQL_Scored_At__c", "pql_scored_at", "pql_changed_at_ts"}
# the change-only feeds: a sync model, its key and its changed-at stamp
FEEDS = [
    ("sync_salesforce__accounts", "PQL_Account_ID__c", "PQL_Scored_At__c"),
    ("sync_hubspot__contacts", "email", "pql_scored_at"),
    ("sync_attio__companies", "pql_account_id", "pql_scored_at"),
    ("sync_attio__people", "email_addresses", "pql_scored_at"),
]


def _rows(db, table, key):
    con = duckdb.connect(str(db), read_only=True)
    try:
        frame = con.execute(f"select * from {table}").df()
    finally:
        con.close()
    return frame.set_index(key)


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    root = tmp_path_factory.mktemp("two_runs")
    generate(accounts=800, seed=5, end_date=dt.date(2026, 6, 30), days=180).write(root / "raw")
    dbt = Dbt(root / "dbt")
    db = root / "pql.duckdb"
    args = ("build",)
    dbt.run(*args, db=db, vars={"pql__raw_path": str(root / "raw"), "pql__as_of": DAY_1})
    day_1 = {"bands": _rows(db, "pql_accounts", "account_id")["pql_band"]}
    day_1.update({table: _rows(db, table, key) for table, key, _ in FEEDS})
    dbt.run(*args, db=db, vars={"pql__raw_path": str(root / "raw"), "pql__as_of": DAY_2})
    return db, day_1


def test_every_band_crossing_between_two_runs_has_a_change_row(two_runs):
    db, day_1 = two_runs
    day_2 = _rows(db, "pql_accounts", "account_id")["pql_band"]
    both = day_1["bands"].index.intersection(day_2.index)
    crossed = {a: (day_1["bands"][a], day_2[a]) for a in both if day_1["bands"][a] != day_2[a]}
    rows = query(
        db,
        f"select account_id, from_band, to_band, is_leaving_pql from fct_pql_band_changes where as_of_date = '{DAY_2}'",
    )
    changes = {a: (f, t) for a, f, t, _ in rows if f is not None}
    assert crossed and changes == crossed
    new = {a for a, f, _, _ in rows if f is None}
    assert new == set(day_2.index) - set(day_1["bands"].index)
    # drops out of PQL are there, flagged so a CRM flag can be cleared
    leaving = {a for a, f, t, is_leaving in rows if is_leaving}
    assert leaving and leaving == {
        a for a, (f, t) in crossed.items() if f in ("high", "mid") and t not in ("high", "mid")
    }


def test_a_backfilled_day_detects_every_band_change_again_like_a_table_built_from_nothing(two_runs, tmp_path):
    """A run for a day between the two runs (a backfill) adds versions that sort between versions
    already compared, so the pair (day 1, day 2) of an account becomes (backfilled day, day 2).
    int_band_changes_detected, incremental, must then detect everything again: it equals the table
    dropped and built from nothing on the same snapshot (DECISIONLOG, "Band changes are detected for
    the accounts with new versions only")."""
    db, _ = two_runs
    copy = tmp_path / "pql.duckdb"
    shutil.copy(db, copy)
    dbt = Dbt(tmp_path / "dbt")
    columns = "band_change_id, account_id, as_of_date, from_band, to_band, reasons_gained, reasons_lost"
    day_2_before = set(query(copy, f"select {columns} from int_band_changes_detected where as_of_date = '{DAY_2}'"))
    run_vars = {"pql__raw_path": str(db.parent / "raw"), "pql__as_of": "2026-06-15"}
    dbt.run("build", db=copy, vars=run_vars)  # a plain build, tests included
    incremental = set(query(copy, f"select {columns} from int_band_changes_detected"))
    day_2_after = {row for row in incremental if str(row[2]) == DAY_2}
    # the backfill moved some of day 2's pairs: their rows changed or went
    assert day_2_before - day_2_after
    con = duckdb.connect(str(copy))
    con.execute("drop table int_band_changes_detected")
    con.close()
    dbt.run("run", "--select", "int_band_changes_detected", db=copy, vars=run_vars)
    assert incremental == set(query(copy, f"select {columns} from int_band_changes_detected"))


@pytest.mark.parametrize("table, key, stamp", FEEDS)
def test_change_feed_holds_exactly_the_rows_whose_synced_fields_changed(two_runs, table, key, stamp):
    db, day_1 = two_runs
    before = day_1[table]
    after = _rows(db, table, key)
    fields = [c for c in after.columns if c not in TRACKING]
    latest = after["pql_changed_at_ts"].max()
    assert latest == dt.datetime(2026, 6, 30)
    changed_in_feed = set(after.index[after["pql_changed_at_ts"] == latest])
    common = after.index.intersection(before.index)
    differs = {
        k
        for k in common
        if not after.loc[k, fields]
        .fillna("<null>")
        .astype(str)
        .equals(before.loc[k, fields].fillna("<null>").astype(str))
    }
    new = set(after.index) - set(before.index)
    assert changed_in_feed == differs | new
    unchanged = list(set(common) - differs)[:50]
    assert unchanged, "some rows must stay unchanged for the test to mean anything"
    for k in unchanged:  # byte-identical, the run stamp included
        assert after.loc[k, stamp] == before.loc[k, stamp]


def test_mf_query_answers_the_three_metrics(two_runs):
    db, _ = two_runs
    env = {**os.environ, "PQL_DUCKDB_PATH": str(db), "DBT_PROFILES_DIR": str(REPO)}
    if not (REPO / "profiles.yml").exists():
        (REPO / "profiles.yml").write_text((REPO / "profiles.example.yml").read_text())
    subprocess.run([dbt_executable(), "parse", "--quiet"], cwd=REPO, env=env, check=True, capture_output=True)
    mf = os.path.join(os.path.dirname(dbt_executable()), "mf")
    out = subprocess.run(
        [
            mf,
            "query",
            "--metrics",
            "activation_rate,time_to_pql,pql_to_paid_conversion",
            "--group-by",
            "metric_time__month",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    lines = [line for line in out.stdout.splitlines() if line.startswith("2026-")]
    assert "activation_rate" in out.stdout and "time_to_pql" in out.stdout and "pql_to_paid_conversion" in out.stdout
    assert len(lines) >= 5
    june = [line.split() for line in lines if line.startswith("2026-06")][0]
    assert 0 < float(june[1]) <= 1  # activation rate of June's signups


def test_marts_export_to_parquet_for_bi_tools(two_runs, tmp_path):
    db, _ = two_runs
    out = tmp_path / "export"
    out.mkdir()
    Dbt(tmp_path / "dbt").run("run-operation", "pql_export_marts", "--args", f"{{path: {out.as_posix()}}}", db=db)
    exported = {p.stem for p in out.glob("*.parquet")}
    assert {"pql_accounts", "pql_funnel_daily", "sync_salesforce__accounts", "fct_pql_band_changes"} <= exported
    assert not any(name.startswith(("stg_", "int_")) for name in exported)
    con = duckdb.connect()
    n_file = con.execute(
        f"select count(*) from read_parquet('{(out / 'pql_accounts.parquet').as_posix()}')"
    ).fetchall()[0][0]
    assert n_file == query(db, "select count(*) from pql_accounts")[0][0] > 0


def test_grants_follow_the_role_vars(tmp_path):
    dbt = Dbt(tmp_path / "dbt")
    dbt.run(
        "parse",
        db=tmp_path / "x.duckdb",
        vars={"pql__bi_roles": ["bi_reader"], "pql__reverse_etl_roles": ["hightouch"]},
    )
    import json

    nodes = json.loads((tmp_path / "dbt" / "target" / "manifest.json").read_text())["nodes"].values()
    grants = {n["name"]: n["config"].get("grants") for n in nodes if n["resource_type"] == "model"}
    assert grants["pql_accounts"] == {"select": ["bi_reader"]}
    assert grants["sync_hubspot__contacts"] == {"select": ["bi_reader", "hightouch"]}
    assert not grants["int_signals_measured"] and not grants["stg_generic__events"]


def test_the_attio_type_check_refuses_the_values_attio_would(two_runs, tmp_path):
    """pql_fits_attio_types passes on the built shapes and fails on each value Attio refuses for the
    column's attribute type: a domain with a scheme and path, an email without a dotted domain. A
    null checkbox (Attio's checkbox has none) is refused before that, by the enforced contract."""
    db, _ = two_runs
    copy = tmp_path / "pql.duckdb"
    shutil.copy(db, copy)
    dbt = Dbt(tmp_path / "dbt")
    run_vars = {"pql__raw_path": str(db.parent / "raw"), "pql__as_of": DAY_2}
    select = ("--select", "sync_attio__companies,test_name:pql_fits_attio_types")
    dbt.run("test", *select, db=copy, vars=run_vars)
    con = duckdb.connect(str(copy))
    first = "(select min(pql_account_id) from sync_attio__companies)"
    last = "(select max(pql_account_id) from sync_attio__companies)"
    with pytest.raises(duckdb.ConstraintException):
        con.execute(f"update sync_attio__companies set pql_is_icp = null where pql_account_id = {last}")
    con.execute(f"update sync_attio__companies set domains = 'https://acme.com/x' where pql_account_id = {first}")
    con.execute(f"update sync_attio__companies set pql_champion_email = 'ana@localhost' where pql_account_id = {last}")
    con.close()
    failed = dbt.run("test", *select, db=copy, vars=run_vars, check=False)
    assert failed.returncode != 0
    assert "Got 2 results" in failed.output, failed.output[-2000:]
