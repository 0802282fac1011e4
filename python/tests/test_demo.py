"""The demo world generator: contract, determinism, planted dirt, planted signal."""

from __future__ import annotations

import datetime as dt
import itertools
import json

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from pql_scoring import demo
from pql_scoring.demo import generate

CONTRACT = {
    "accounts": {
        "account_id": pa.string(),
        "account_name": pa.string(),
        "domain": pa.string(),
        "employee_count": pa.int64(),
        "industry": pa.string(),
        "country": pa.string(),
        "created_at": pa.timestamp("us"),
    },
    "users": {
        "user_id": pa.string(),
        "account_id": pa.string(),
        "email": pa.string(),
        "job_title": pa.string(),
        "created_at": pa.timestamp("us"),
    },
    "events": {
        "event_id": pa.string(),
        "user_id": pa.string(),
        "anonymous_id": pa.string(),
        "account_id": pa.string(),
        "event_name": pa.string(),
        "occurred_at": pa.timestamp("us"),
        "properties": pa.string(),
    },
    "subscriptions": {
        "subscription_id": pa.string(),
        "account_id": pa.string(),
        "plan": pa.string(),
        "status": pa.string(),
        "started_at": pa.timestamp("us"),
        "ended_at": pa.timestamp("us"),
        "arr": pa.float64(),
    },
}


@pytest.mark.parametrize("table", sorted(CONTRACT))
def test_tables_follow_the_raw_contract(small_world, table):
    schema = getattr(small_world, table).schema
    assert {f.name: f.type for f in schema} == CONTRACT[table]


def test_same_seed_same_world_other_seed_other_world():
    a = generate(accounts=150, seed=3, end_date=dt.date(2026, 3, 1), days=60)
    b = generate(accounts=150, seed=3, end_date=dt.date(2026, 3, 1), days=60)
    c = generate(accounts=150, seed=4, end_date=dt.date(2026, 3, 1), days=60)
    for name in CONTRACT:
        assert getattr(a, name).equals(getattr(b, name)), name
    assert a.truth == b.truth
    assert not a.events.equals(c.events)


def test_no_event_after_the_end_date_except_planted_future_ones(small_world):
    end = dt.datetime(2026, 6, 30)
    after = pc.sum(pc.greater_equal(small_world.events["occurred_at"], pa.scalar(end, pa.timestamp("us")))).as_py()
    assert after == small_world.truth["dirty_rows"]["future_timestamp"]


def test_planted_dirty_rows_are_counted_exactly(small_world):
    ev = small_world.events.to_pandas()
    truth = small_world.truth["dirty_rows"]
    assert truth["duplicate_event_id"] > 0
    assert len(ev) - ev["event_id"].nunique() == truth["duplicate_event_id"]
    # exact redeliveries: every duplicated id repeats the whole row
    dup_rows = ev[ev["event_id"].duplicated(keep=False)]
    assert len(dup_rows.drop_duplicates()) == dup_rows["event_id"].nunique()
    distinct = ev.drop_duplicates()
    assert (distinct["user_id"].isna() & distinct["anonymous_id"].isna()).sum() == truth["missing_identity"]
    user_ids = set(small_world.users["user_id"].to_pylist())
    unknown = distinct["user_id"].notna() & ~distinct["user_id"].isin(user_ids)
    assert unknown.sum() == truth["unknown_user"]
    vocabulary = set(demo.EVENT_NAMES)
    messy = ~distinct["event_name"].isin(vocabulary)
    assert messy.sum() == truth["event_name_format"]
    assert set(distinct.loc[messy, "event_name"].str.strip().str.lower()) <= vocabulary


def test_bad_subscriptions_start_before_signup(small_world):
    subs = small_world.subscriptions.to_pandas()
    accounts = small_world.accounts.to_pandas().set_index("account_id")
    early = subs["started_at"] < subs["account_id"].map(accounts["created_at"])
    assert early.sum() == small_world.truth["dirty_rows"]["subscription_before_signup"] > 0


def test_world_has_the_cases_the_pipeline_must_handle(small_world):
    users = small_world.users.to_pandas()
    accounts = small_world.accounts.to_pandas()
    events = small_world.events.to_pandas()
    counts = small_world.truth["counts"]
    assert users["account_id"].isna().sum() == counts["users_without_account_id"] > 0
    personal = users["email"].str.split("@").str[1].isin(demo.PERSONAL_DOMAINS)
    assert personal.sum() == counts["users_with_personal_email"] > 0
    assert accounts["domain"].isin(demo.INTERNAL_DOMAINS).sum() == counts["internal_accounts"] > 0
    assert users.groupby("account_id").size().max() >= 3  # teams join through invites
    assert accounts["employee_count"].between(1, 5000).all()
    assert accounts["industry"].nunique() >= 5 and accounts["country"].nunique() >= 5
    assert (events["user_id"].isna() & events["anonymous_id"].notna()).sum() > 0
    distinct = events.drop_duplicates()
    stitched = distinct["user_id"].notna() & distinct["anonymous_id"].notna()
    # an identifying event may also have been picked for planted dirt (identity cleared)
    assert 0.95 * counts["anonymous_visitors_identified"] <= stitched.sum() <= counts["anonymous_visitors_identified"]
    for name in [
        demo.KEY_EVENT,
        demo.SECONDARY_EVENT,
        demo.AHA_EVENT,
        demo.LIMIT_EVENT,
        demo.PRICING_EVENT,
        demo.BILLING_EVENT,
        *demo.NOISE_EVENTS,
    ]:
        assert (events["event_name"] == name).sum() > 0, name
    assert 0 < counts["converted_accounts"] < counts["accounts"]


def _first_days_features(world):
    """Per account: did the aha event / a noise event happen in its first 14 days, and did it convert."""
    acc = world.accounts.to_pandas()[["account_id", "created_at"]]
    users = world.users.to_pandas()[["user_id", "account_id", "email"]]
    ev = world.events.to_pandas().drop_duplicates()
    ev["event_name"] = ev["event_name"].str.strip().str.lower()
    # users without an account_id belong to the account of their email domain in this world
    domains = world.accounts.to_pandas().drop_duplicates("domain").set_index("domain")["account_id"]
    users["account_id"] = users["account_id"].fillna(users["email"].str.split("@").str[1].map(domains))
    ev = ev.merge(users[["user_id", "account_id"]].rename(columns={"account_id": "acc"}), on="user_id")
    ev = ev.merge(acc, left_on="acc", right_on="account_id", suffixes=("", "_acc"))
    first = ev[(ev["occurred_at"] - ev["created_at"]) < np.timedelta64(14, "D")]
    subs = world.subscriptions.to_pandas()
    converted = set(subs.loc[subs["plan"] != "legacy_import", "account_id"])
    out = acc[["account_id"]].copy()
    for name in [demo.AHA_EVENT, demo.NOISE_EVENTS[0]]:
        out[name] = out["account_id"].isin(first.loc[first["event_name"] == name, "acc"])
    out["converted"] = out["account_id"].isin(converted)
    return out


def test_planted_signal_separates_converters_and_noise_does_not():
    world = generate(accounts=3000, seed=5, end_date=dt.date(2026, 6, 30), days=180)
    f = _first_days_features(world)
    aha_rate = f.groupby(demo.AHA_EVENT)["converted"].mean()
    noise_rate = f.groupby(demo.NOISE_EVENTS[0])["converted"].mean()
    assert aha_rate[True] > 2.5 * aha_rate[False]  # planted log-odds 1.7
    assert noise_rate[True] / noise_rate[False] == pytest.approx(1.0, abs=0.35)


def test_cli_writes_the_four_files_and_the_ground_truth(tmp_path, capsys):
    demo.main(["--accounts", "80", "--seed", "2", "--end-date", "2026-05-01", "--days", "40", "--out", str(tmp_path)])
    for name in CONTRACT:
        table = pq.read_table(tmp_path / f"{name}.parquet")
        assert table.num_rows > 0
    truth = json.loads((tmp_path / "ground_truth.json").read_text())
    assert truth["generator"] == {"accounts": 80, "seed": 2, "end_date": "2026-05-01", "days": 40}
    assert {s["signal"] for s in truth["hidden_rule"]["planted_signals"]} >= {demo.KEY_EVENT, demo.AHA_EVENT}
    assert "wrote 80 accounts" in capsys.readouterr().out


def test_rejects_impossible_arguments():
    with pytest.raises(ValueError):
        generate(accounts=0)
    with pytest.raises(ValueError):
        generate(accounts=10, days=5)


def test_benchmark_sizes_parse():
    from pql_scoring.bench import parse_size

    assert parse_size("1M") == 1_000_000 and parse_size("200K") == 200_000 and parse_size("1.5M") == 1_500_000


def test_a_world_too_young_for_conversions_still_generates():
    # 14 days of history: nobody can convert yet (conversions come 7+ days after signup, most later), and
    # empty id lists must not break the tables
    world = generate(accounts=50, seed=11, end_date=dt.date(2026, 1, 1), days=14)
    assert world.subscriptions.num_rows == world.truth["counts"]["subscriptions"]
    assert world.truth["counts"]["converted_accounts"] == 0
    assert world.accounts.num_rows == 50 and world.events.num_rows > 0


def test_the_latent_world_has_no_thresholds_and_near_duplicate_events():
    """generate(world="latent"): the truth is a trait model, not planted cutoffs; two behaviours have
    near-duplicates (a report is viewed right after it is created; a sync follows a connection); the
    same arguments give the same world."""
    from pql_scoring.demo import AHA_EVENT, KEY_EVENT, TWIN_EVENT, TWIN_RATE, VIEW_EVENT, VIEW_RATE

    a = generate(accounts=400, seed=3, end_date=dt.date(2026, 3, 1), days=90, world="latent")
    b = generate(accounts=400, seed=3, end_date=dt.date(2026, 3, 1), days=90, world="latent")
    assert a.events.equals(b.events) and a.truth == b.truth
    assert a.truth["world"] == "latent" and "planted_signals" not in a.truth["hidden_rule"]
    assert set(a.truth["hidden_rule"]["latent_log_odds"]) == {"base", "need", "fit", "satisfaction"}
    assert a.truth["twin_events"] == {TWIN_EVENT: AHA_EVENT, VIEW_EVENT: KEY_EVENT}
    names = pd.Series(a.events.column("event_name").to_pylist()).str.strip().str.lower().value_counts()
    assert names[VIEW_EVENT] / names[KEY_EVENT] == pytest.approx(VIEW_RATE, abs=0.02)
    assert names[TWIN_EVENT] / names[AHA_EVENT] == pytest.approx(TWIN_RATE, abs=0.03)
    # busyness: low-value events outnumber the key feature's by far, as in real event streams
    assert names["help_article_viewed"] > names[KEY_EVENT] / 3
    assert 0 < a.truth["counts"]["converted_accounts"] < 400
    with pytest.raises(ValueError, match="world must be one of planted, latent"):
        generate(accounts=10, world="imagined")


def test_the_volume_world_converts_with_usage_volume_and_piles_up_before_upgrades():
    """generate(world="volume"): conversion rises with the files a team stores in its first weeks, with
    no step; views and shares move with the key event; a converter stores more in the week before it
    pays than in the week before that; the same arguments give the same world."""
    from pql_scoring.demo import KEY_EVENT, OBSERVATION_DAYS, VIEW_EVENT, VIEW_RATE

    a = generate(accounts=3000, seed=5, end_date=dt.date(2026, 3, 1), days=120, world="volume")
    b = generate(accounts=3000, seed=5, end_date=dt.date(2026, 3, 1), days=120, world="volume")
    assert a.events.equals(b.events) and a.truth == b.truth
    assert a.truth["world"] == "volume" and set(a.truth["hidden_rule"]["volume_log_odds"]) == {
        "base",
        "log_volume",
        "over_limit",
    }
    events = a.events.to_pandas()
    events["event_name"] = events["event_name"].str.strip().str.lower()
    accounts = a.accounts.to_pandas().set_index("account_id")
    paid = a.subscriptions.to_pandas().query("plan != 'legacy_import'").set_index("account_id")["started_at"]
    key = events[events["event_name"] == KEY_EVENT].dropna(subset=["account_id"])
    key = key.join(accounts["created_at"], on="account_id")
    early = key[key["occurred_at"] < key["created_at"] + pd.Timedelta(days=OBSERVATION_DAYS)]
    stored = early.groupby("account_id").size().reindex(accounts.index, fill_value=0)
    converted = stored.index.isin(paid.index)
    # conversion rises with the early volume: the bottom half, the third quarter and the top quarter
    # of accounts by volume convert more at each step, several-fold from bottom to top
    quarter = pd.qcut(stored.rank(method="first"), 4, labels=False).to_numpy()
    rates = pd.Series(converted).groupby(np.minimum(quarter, 1) + (quarter == 3)).mean().to_list()
    assert all(y > x for x, y in itertools.pairwise(rates)), rates
    assert rates[2] > 4 * rates[0], rates
    names = events["event_name"].value_counts()
    # most files stored are viewed (those of the pile-up before an upgrade are not)
    assert 0.8 < names[VIEW_EVENT] / names[KEY_EVENT] <= VIEW_RATE
    # the pile-up: key events in the 7 days before the upgrade, against the 7 days before those
    before = key[key["account_id"].isin(paid.index)].join(paid.rename("paid_at"), on="account_id")
    days_before = (before["paid_at"] - before["occurred_at"]).dt.total_seconds() / 86_400
    last_week, week_before = (
        ((days_before > 0) & (days_before <= 7)).sum(),
        ((days_before > 7) & (days_before <= 14)).sum(),
    )
    assert last_week > 1.5 * week_before, (last_week, week_before)
