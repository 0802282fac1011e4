"""The CRM hears within the hour (issue 16, item 4): an account fires its aha event at 13:30; the hourly
job's run of 13:00 cannot see it, and after its run of 14:00 the account's band change is in
fct_pql_band_changes and its rows are in the change-only sync feeds, stamped 14:00, while accounts
whose synced fields did not change keep their older stamp."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from .conftest import AS_OF, Dbt, query
from .test_as_of_hour import _cut_raw

pytestmark = pytest.mark.integration

HOUR_H = f"{AS_OF} 13:00"  # the run that starts the hour the aha event happens in
HOUR_H1 = f"{AS_OF} 14:00"  # the next hourly run
AHA_AT = f"{AS_OF} 13:30:00"
AHA_EVENT = "data_source_connected"  # seeds/pql_signals.csv, signal aha_moment
BAND_RANK = {"not_pql": 0, "low": 1, "mid": 2, "high": 3}


def _with_event(raw, out, event: dict) -> None:
    """raw, plus one event row (the aha event of the account under test)."""
    con = duckdb.connect()
    con.execute(
        f"copy (select * from read_parquet('{raw / 'events.parquet'}') union all by name"
        " select ? as event_id, ? as user_id, null::varchar as anonymous_id, ? as account_id,"
        " ? as event_name, ?::timestamp as occurred_at, null::varchar as properties)"
        f" to '{out / 'events.parquet'}'",
        [event["event_id"], event["user_id"], event["account_id"], AHA_EVENT, AHA_AT],
    )


def test_an_aha_event_in_hour_h_reaches_the_band_changes_and_the_sync_feeds_after_the_run_of_h_plus_1(
    built_world, tmp_path
):
    raw_h = tmp_path / "raw_h"
    _cut_raw(built_world.raw, raw_h, f"{AS_OF} 13:00:00")
    db = tmp_path / "hourly.duckdb"
    dbt = Dbt(tmp_path / "dbt")
    # the state before hour H: a build as of 13:00 on what had arrived by then
    dbt.run(
        "build", "--exclude", "resource_type:test", "resource_type:unit_test",
        db=db, vars={"pql__raw_path": str(raw_h), "pql__as_of": HOUR_H},
    )  # fmt: skip
    # an account in mid that has not reached the aha moment, with a user of its own
    candidates = query(
        db,
        "select a.account_id, a.pql_band, min(u.user_id) from pql_accounts as a"
        " inner join pql_users as u on a.account_id = u.account_id"
        " where a.pql_band = 'mid' and ', ' || a.counted_signals || ', ' not like '%, aha_moment, %'"
        " group by 1, 2 order by 1",
    )
    assert candidates, "the world has no mid account before its aha moment"
    account_id, band_before, user_id = candidates[0]
    stamped_before = query(
        db, f"select pql_changed_at_ts from sync_hubspot__companies where pql_account_id = '{account_id}'"
    )[0][0]
    assert stamped_before <= dt.datetime(2026, 6, 29, 13)

    # hour H: the world's events up to 14:00, and the account's aha event at 13:30
    raw_h1 = tmp_path / "raw_h1"
    _cut_raw(built_world.raw, raw_h1, f"{AS_OF} 14:00:00")
    with_aha = tmp_path / "raw_h1_aha"
    with_aha.mkdir()
    for table in ("accounts", "users", "subscriptions"):
        (with_aha / f"{table}.parquet").write_bytes((raw_h1 / f"{table}.parquet").read_bytes())
    _with_event(raw_h1, with_aha, {"event_id": "evt_aha_under_test", "user_id": user_id, "account_id": account_id})

    # the run of H+1: the hourly job (the daily selector as of the hour), with its tests
    dbt.run("build", "--selector", "pql_daily", db=db, vars={"pql__raw_path": str(with_aha), "pql__as_of": HOUR_H1})

    h1 = dt.datetime(2026, 6, 29, 14)
    band_after, signals_after = query(
        db, f"select pql_band, counted_signals from pql_accounts where account_id = '{account_id}'"
    )[0]
    assert "aha_moment" in signals_after.split(", ")
    assert BAND_RANK[band_after] > BAND_RANK[band_before]
    changes = query(
        db,
        "select changed_at, from_band, to_band, change_direction, reasons_gained from fct_pql_band_changes"
        f" where account_id = '{account_id}' and changed_at > timestamp '{AS_OF} 13:00:00'",
    )
    assert len(changes) == 1
    changed_at, from_band, to_band, direction, gained = changes[0]
    assert (changed_at, from_band, to_band, direction) == (h1, band_before, band_after, "up")
    assert "aha moment" in gained

    # the change-only feeds: what a sync selects after its 13:00 run holds the account, stamped 14:00,
    # with its new band; an account whose synced fields did not change is not in it
    for model, key, band_column in (
        ("sync_hubspot__companies", "pql_account_id", "pql_band"),
        ("sync_salesforce__accounts", '"PQL_Account_ID__c"', '"PQL_Band__c"'),
        ("sync_attio__companies", "pql_account_id", "pql_band"),
    ):
        feed = dict(
            query(db, f"select {key}, {band_column} from {model} where pql_changed_at_ts > timestamp '{HOUR_H}:00'")
        )
        assert account_id in feed, model
        assert feed[account_id] == band_after, model
        stamp = query(db, f"select pql_changed_at_ts from {model} where {key} = '{account_id}'")[0][0]
        assert stamp == h1, model
        total = query(db, f"select count(*) from {model}")[0][0]
        assert len(feed) < total, f"{model}: every row was stamped anew"
