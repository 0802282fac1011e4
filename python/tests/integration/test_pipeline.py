"""The dbt project end to end on generated data: dirty rows, reconciliation, incremental runs, raw modes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from pql_scoring import demo

from .conftest import AS_OF, query

pytestmark = pytest.mark.integration

TABLES = ("accounts", "users", "events", "subscriptions")


def test_every_planted_dirty_row_is_rejected_with_its_reason(built_world):
    truth = built_world.truth["dirty_rows"]
    got = dict(
        query(
            built_world.db,
            "select source_table || ':' || rejection_reason, count(*) from fct_rejected_rows group by 1",
        )
    )
    assert got == {
        "events:duplicate_event_id": truth["duplicate_event_id"],
        "events:missing_identity": truth["missing_identity"],
        "events:future_timestamp": truth["future_timestamp"],
        "events:unknown_user": truth["unknown_user"],
        "subscriptions:starts_before_signup": truth["subscription_before_signup"],
    }


def test_stray_case_and_whitespace_names_are_repaired_and_kept(built_world):
    names = {row[0] for row in query(built_world.db, "select distinct event_name from int_activity_daily")}
    assert names <= set(demo.EVENT_NAMES)
    # the raw file really had messy names, and every one of them was kept under its clean name
    raw_names = pq.read_table(built_world.raw / "events.parquet", columns=["event_name"])["event_name"]
    messy = pc.invert(pc.is_in(raw_names, value_set=pa.array(demo.EVENT_NAMES)))
    assert pc.sum(messy).as_py() == built_world.truth["dirty_rows"]["event_name_format"] > 0


def test_raw_rows_reconcile_with_kept_and_rejected(built_world):
    truth = built_world.truth
    raw_events = pq.read_metadata(built_world.raw / "events.parquet").num_rows
    kept = query(
        built_world.db,
        "select sum(event_count) from int_activity_daily where user_id is null"
        " or user_id in (select user_id from stg_generic__users where rejection_reason is null)",
    )[0][0]
    rejected = query(built_world.db, "select count(*) from fct_rejected_rows where source_table = 'events'")[0][0]
    assert raw_events == truth["counts"]["raw_events"] == kept + rejected
    assert kept == truth["counts"]["clean_events"] - sum(
        truth["dirty_rows"][k] for k in ("missing_identity", "future_timestamp", "unknown_user")
    )


def test_users_without_account_id_are_mapped_by_company_domain_only(built_world):
    rows = dict(query(built_world.db, "select account_match_method, count(*) from dim_users group by 1"))
    counts = built_world.truth["counts"]
    assert rows["unmatched"] == counts["users_with_personal_email"]
    assert rows["email_domain"] == counts["users_without_account_id"] - counts["users_with_personal_email"]


def test_paying_and_internal_accounts_are_excluded(built_world):
    rows = query(
        built_world.db,
        "select count(*) filter (where (is_paying or is_internal) and routing_label <> 'excluded'),"
        " count(*) filter (where is_internal), count(*) filter (where is_paying) from pql_accounts",
    )[0]
    assert rows[0] == 0 and rows[1] > 0 and rows[2] > 0


def _write_partial(raw: Path, out: Path, cutoff: str, late_from: str) -> None:
    """Copy the world, holding back events after `cutoff` and a third of those after `late_from`."""
    out.mkdir()
    con = duckdb.connect()
    for table in TABLES:
        src = (raw / f"{table}.parquet").as_posix()
        if table == "events":
            sql = (
                f"select * from read_parquet('{src}') where occurred_at < timestamp '{cutoff}'"
                f" and not (occurred_at >= timestamp '{late_from}' and hash(event_id) % 3 = 0)"
            )
        else:
            sql = f"select * from read_parquet('{src}')"
        con.execute(f"copy ({sql}) to '{(out / f'{table}.parquet').as_posix()}' (format parquet)")


def _diff(db_a: Path, db_b: Path, table: str, columns: str = "*") -> int:
    con = duckdb.connect()
    con.execute(f"attach '{db_a.as_posix()}' as a (read_only)")
    con.execute(f"attach '{db_b.as_posix()}' as b (read_only)")
    n = con.execute(
        f"select count(*) from ((select {columns} from a.{table} except all select {columns} from b.{table})"
        f" union all (select {columns} from b.{table} except all select {columns} from a.{table}))"
    ).fetchall()[0][0]
    total = con.execute(f"select count(*) from a.{table}").fetchall()[0][0]
    assert total > 0
    return n


def test_incremental_run_with_late_events_equals_full_refresh(built_world, tmp_path):
    # day 1 sees events up to 2026-06-25, minus a third of 2026-06-23 and 06-24 (they arrive late)
    partial = tmp_path / "partial"
    _write_partial(built_world.raw, partial, cutoff="2026-06-25", late_from="2026-06-23")
    db = tmp_path / "incremental.duckdb"
    dbt = built_world.dbt
    select = []
    dbt.run("build", *select, db=db, vars={"pql__raw_path": str(partial), "pql__as_of": AS_OF})
    before = query(db, "select max(activity_date), sum(event_count) from int_activity_daily")[0]
    # day 2: everything has arrived; an incremental run re-reads the lookback window only
    dbt.run("build", *select, db=db, vars={"pql__raw_path": str(built_world.raw), "pql__as_of": AS_OF})
    after = query(db, "select max(activity_date), sum(event_count) from int_activity_daily")[0]
    assert after[1] > before[1]
    assert _diff(db, built_world.db, "int_activity_daily") == 0
    assert _diff(db, built_world.db, "fct_daily_activity") == 0
    assert _diff(db, built_world.db, "pql_accounts") == 0


def test_default_raw_schema_tables_give_the_same_scores(built_world, tmp_path):
    db = tmp_path / "schema_mode.duckdb"
    con = duckdb.connect(str(db))
    con.execute("create schema raw")
    for table in TABLES:
        con.execute(
            f"create table raw.{table} as select * from read_parquet('{(built_world.raw / f'{table}.parquet').as_posix()}')"
        )
    con.close()
    built_world.dbt.run("build", db=db, vars={"pql__as_of": AS_OF})
    assert _diff(db, built_world.db, "pql_accounts") == 0
    assert _diff(db, built_world.db, "pql_users") == 0


def test_a_past_as_of_reproduces_only_what_existed_then(built_world, tmp_path):
    db = tmp_path / "past.duckdb"
    built_world.dbt.run(
        "build",
        "--select",
        "+pql_accounts",
        "--indirect-selection",
        "cautious",
        db=db,
        vars={"pql__raw_path": str(built_world.raw), "pql__as_of": "2026-05-15"},
    )
    latest_signup, latest_activity, as_of = query(
        db,
        "select max(signed_up_at), max(last_active_at), max(as_of_date) from pql_accounts",
    )[0]
    assert str(as_of) == "2026-05-15"
    assert latest_signup < dt.datetime(2026, 5, 16)
    assert latest_activity < dt.datetime(2026, 5, 16)
    n_then = query(db, "select count(*) from pql_accounts")[0][0]
    n_now = query(built_world.db, "select count(*) from pql_accounts")[0][0]
    assert 0 < n_then < n_now
