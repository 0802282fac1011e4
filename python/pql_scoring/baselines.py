"""The baselines the benchmark holds the dbt build against. Two compute pql_accounts' score and band
(configured mode, generic raw contract) from the raw Parquet files and the seed CSVs:

    floor   one hand-written DuckDB script (floor.sql): the least work that gives the same scores
    pandas  the straightforward pandas notebook a data scientist would write

    python -m pql_scoring.baselines floor|pandas --raw DIR --as-of YYYY-MM-DD --out scores.parquet

Each writes account_id, pql_score, pql_band. The third is the yardstick of the data layer's cost:

    scan    one scan of the events: one DuckDB statement that reads every event once, drops the
            redelivered ones (first delivery of an event id wins), attaches users to their accounts
            and counts per account, event and day (writes account_id, event_name, activity_date,
            event_count). Every model must at least do this; no scoring.
 The rules are those of the dbt models (README.md,
"How a score is made"), read from the seeds; the knobs (decay, score cap) are the vars' defaults in
dbt_project.yml (pql_scoring.project). The benchmark checks that all three agree account by account.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from pql_scoring.project import SEEDS, var_default

FLOOR_SQL = Path(__file__).with_name("floor.sql")
ACTIVITY_RULES = ("event_count", "active_users", "days_since_last_event", "days_to_first_event", "engagement_decline")


def _cutoff(as_of: dt.date) -> pd.Timestamp:
    return pd.Timestamp(as_of + dt.timedelta(days=1))


class Knobs:
    """The vars the baselines read, with dbt_project.yml's defaults unless given."""

    def __init__(self, grace_days: int | None = None, points_per_week: int | None = None, score_cap: int | None = None):
        self.grace_days = int(var_default("pql__decay_grace_days") if grace_days is None else grace_days)
        self.points_per_week = int(
            var_default("pql__decay_points_per_week") if points_per_week is None else points_per_week
        )
        self.score_cap = int(var_default("pql__score_cap") if score_cap is None else score_cap)


def floor_scores(
    raw: Path,
    as_of: dt.date,
    seeds: Path = SEEDS,
    knobs: Knobs | None = None,
    threads: int | None = None,
    memory_limit: str | None = None,
) -> pd.DataFrame:
    """pql_accounts' scores by the hand-written DuckDB script."""
    knobs = knobs or Knobs()
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
    sql = FLOOR_SQL.read_text().format(
        raw=raw.as_posix(),
        seeds=seeds.as_posix(),
        as_of=f"date '{as_of.isoformat()}'",
        cutoff=f"timestamp '{_cutoff(as_of):%Y-%m-%d %H:%M:%S}'",
        run_started_at=f"timestamp '{now}'",
        grace_days=knobs.grace_days,
        points_per_week=knobs.points_per_week,
        score_cap=knobs.score_cap,
    )
    con = duckdb.connect()
    con.execute("set TimeZone = 'UTC'")
    if threads:
        con.execute(f"set threads = {int(threads)}")
    if memory_limit:
        con.execute(f"set memory_limit = '{memory_limit}'")
    return con.execute(sql).df()


SCAN_SQL = """
copy (
    with

    events as (
        select
            event_id,
            arg_min(user_id, occurred_at) as user_id,
            arg_min(event_name, occurred_at) as event_name,
            min(occurred_at) as occurred_at
        from read_parquet('{raw}/events.parquet')
        where event_id is not null and occurred_at < {cutoff}
        group by event_id
    ),

    users as (
        select user_id, arg_min(account_id, created_at) as account_id
        from read_parquet('{raw}/users.parquet')
        group by user_id
    )

    select
        users.account_id,
        events.event_name,
        cast(events.occurred_at as date) as activity_date,
        count(*) as event_count
    from events
    inner join users on events.user_id = users.user_id
    group by 1, 2, 3
) to '{out}' (format parquet)
"""


def scan_activity(raw: Path, as_of: dt.date, out: Path, memory_limit: str | None = None) -> int:
    """One scan of the events (SCAN_SQL) up to the end of the as-of day, into a Parquet file; returns
    the rows (account x event x day) written. Every core, like the dbt profile."""
    con = duckdb.connect()
    con.execute("set TimeZone = 'UTC'")
    if memory_limit:
        con.execute(f"set memory_limit = '{memory_limit}'")
    cutoff = f"timestamp '{_cutoff(as_of):%Y-%m-%d %H:%M:%S}'"
    con.execute(SCAN_SQL.format(raw=raw.as_posix(), cutoff=cutoff, out=out.as_posix()))
    return con.execute("select count(*) from read_parquet(?)", [out.as_posix()]).fetchone()[0]


def _clean(series: pd.Series) -> pd.Series:
    out = series.astype("string").str.strip()
    return out.mask(out == "")


def _first_delivery(df: pd.DataFrame, key: str, order: list[str]) -> pd.DataFrame:
    """Rows of the first delivery of each key (the order of the dbt staging models)."""
    ranked = df.sort_values(order, kind="stable", na_position="last").drop_duplicates(key, keep="first")
    return ranked


def pandas_scores(raw: Path, as_of: dt.date, seeds: Path = SEEDS, knobs: Knobs | None = None) -> pd.DataFrame:
    """pql_accounts' scores the way a pandas notebook computes them."""
    knobs = knobs or Knobs()
    now = pd.Timestamp.now(tz="UTC").tz_localize(None)
    cutoff = _cutoff(as_of)
    as_of_ts = pd.Timestamp(as_of)

    signals = pd.read_csv(seeds / "pql_signals.csv")
    signals = signals[signals["is_enabled"].astype(str).str.lower() == "true"].copy()
    signals["event_name"] = signals["event_name"].str.strip().str.lower()
    bands = pd.read_csv(seeds / "pql_bands.csv")
    personal = set(pd.read_csv(seeds / "pql_personal_email_domains.csv")["domain"].str.strip().str.lower())
    titles = list(pd.read_csv(seeds / "pql_economic_buyer_titles.csv")["title_keyword"].str.strip().str.lower())

    # ---- accounts
    acc = pd.read_parquet(
        raw / "accounts.parquet", columns=["account_id", "account_name", "domain", "employee_count", "created_at"]
    )
    acc["account_id"] = _clean(acc["account_id"])
    acc["account_name"] = acc["account_name"].astype("string").str.strip()
    acc["domain"] = _clean(acc["domain"].astype("string").str.lower())
    acc["employee_count"] = pd.to_numeric(acc["employee_count"], errors="coerce")
    acc["created_at"] = pd.to_datetime(acc["created_at"], errors="coerce")
    acc = acc[acc["account_id"].notna()]
    acc = _first_delivery(acc, "account_id", ["account_id", "created_at", "account_name"])
    acc = acc[acc["created_at"].notna() & (acc["created_at"] <= now)]
    owners = (
        acc[acc["domain"].notna() & ~acc["domain"].isin(personal)]
        .sort_values(["domain", "created_at", "account_id"])
        .drop_duplicates("domain")[["domain", "account_id"]]
        .rename(columns={"account_id": "owner_account_id"})
    )
    accounts = acc[acc["created_at"] < cutoff].set_index("account_id")

    # ---- users
    usr = pd.read_parquet(raw / "users.parquet", columns=["user_id", "account_id", "email", "job_title", "created_at"])
    usr["user_id"] = _clean(usr["user_id"])
    usr["account_id"] = _clean(usr["account_id"])
    usr["email"] = _clean(usr["email"].astype("string").str.lower())
    usr["created_at"] = pd.to_datetime(usr["created_at"], errors="coerce")
    usr = usr[usr["user_id"].notna()]
    usr = _first_delivery(usr, "user_id", ["user_id", "created_at", "email"])
    usr = usr[usr["created_at"].notna() & (usr["created_at"] <= now)]
    known_users = set(usr["user_id"])
    usr["email_domain"] = usr["email"].str.extract(r"^[^@]*@([^@]*)", expand=False)
    usr = usr.merge(owners, how="left", left_on="email_domain", right_on="domain")
    usr["account_id"] = usr["account_id"].where(usr["account_id"].isin(acc["account_id"]), usr["owner_account_id"])
    usr["account_id"] = usr["account_id"].where(usr["account_id"].isin(accounts.index))
    title = usr["job_title"].astype("string").str.strip().str.lower().fillna("")
    usr["is_buyer"] = np.logical_or.reduce([title.str.contains(t, regex=False) for t in titles])
    users = usr[usr["created_at"] < cutoff].set_index("user_id")

    # ---- events
    ev = pd.read_parquet(
        raw / "events.parquet",
        columns=["event_id", "user_id", "anonymous_id", "account_id", "event_name", "occurred_at"],
    )
    for col in ("event_id", "user_id", "anonymous_id", "account_id"):
        ev[col] = _clean(ev[col])
    name = ev["event_name"].astype("string").str.replace(r"[\t\n\r]", " ", regex=True).str.strip().str.lower()
    ev["event_name"] = name.mask(name == "")
    ev["occurred_at"] = pd.to_datetime(ev["occurred_at"], errors="coerce")
    ev = ev[
        ev["event_id"].notna()
        & ev["event_name"].notna()
        & (ev["user_id"].notna() | ev["anonymous_id"].notna())
        & ev["occurred_at"].notna()
        & (ev["occurred_at"] <= now)
    ]
    # the earliest delivery of each id wins; only ids delivered more than once need sorting
    redelivered = ev["event_id"].duplicated(keep=False)
    first = (
        ev[redelivered]
        .sort_values(["event_id", "occurred_at", "user_id", "anonymous_id", "event_name"], na_position="last")
        .drop_duplicates("event_id")
    )
    ev = pd.concat([ev[~redelivered], first])
    del redelivered, first
    ev = ev[ev["user_id"].isna() | ev["user_id"].isin(known_users)]

    links = ev[ev["anonymous_id"].notna() & ev["user_id"].notna() & (ev["occurred_at"] < cutoff)]
    links = links.groupby(["anonymous_id", "user_id"], as_index=False)["occurred_at"].min()
    links = links.sort_values(["anonymous_id", "occurred_at", "user_id"]).drop_duplicates("anonymous_id")
    stitched = links.set_index("anonymous_id")["user_id"]

    ev = ev[ev["occurred_at"] < cutoff]
    ev["user_id"] = ev["user_id"].fillna(ev["anonymous_id"].map(stitched))
    ev = ev[ev["user_id"].isin(users.index)]
    event_account = ev["account_id"].where(ev["account_id"].isin(accounts.index))
    ev["account_id"] = ev["user_id"].map(users["account_id"]).fillna(event_account)
    ev = ev[ev["account_id"].notna()]
    ev["activity_date"] = ev["occurred_at"].dt.normalize()

    # ---- measures per account and signal
    rows = []
    for sig in signals.itertuples():
        if sig.rule_type in ACTIVITY_RULES:
            sub = ev if pd.isna(sig.event_name) else ev[ev["event_name"] == sig.event_name]
            grouped = sub.groupby("account_id")
            first = grouped["activity_date"].min()
            last = grouped["activity_date"].max()
            if pd.isna(sig.window_days):
                in_window = sub
            else:
                in_window = sub[sub["activity_date"] > as_of_ts - pd.Timedelta(days=int(sig.window_days))]
            if sig.rule_type == "event_count":
                value = in_window.groupby("account_id").size().reindex(accounts.index, fill_value=0)
            elif sig.rule_type == "active_users":
                value = in_window.groupby("account_id")["user_id"].nunique().reindex(accounts.index, fill_value=0)
            elif sig.rule_type == "days_since_last_event":
                value = (as_of_ts - last).dt.days.reindex(accounts.index)
            elif sig.rule_type == "days_to_first_event":
                value = (first - accounts["created_at"].dt.normalize()).dt.days.reindex(accounts.index)
            else:  # engagement_decline
                w = pd.Timedelta(days=int(sig.window_days))
                prev = sub[(sub["activity_date"] > as_of_ts - 2 * w) & (sub["activity_date"] <= as_of_ts - w)]
                prev_n = prev.groupby("account_id").size().reindex(accounts.index, fill_value=0)
                cur_n = in_window.groupby("account_id").size().reindex(accounts.index, fill_value=0)
                value = ((prev_n - cur_n) / prev_n).where(prev_n > 0)
        elif sig.rule_type == "employee_count":
            value = accounts["employee_count"]
        else:  # economic_buyer
            buyers = users[users["is_buyer"] & (users["created_at"].dt.normalize() <= as_of_ts)]
            value = buyers.groupby("account_id").size().reindex(accounts.index, fill_value=0)
        value = value.astype("float64")
        fired = value.notna()
        if not pd.isna(sig.threshold_min):
            fired &= value >= sig.threshold_min
        if not pd.isna(sig.threshold_max):
            fired &= value <= sig.threshold_max
        rows.append(
            pd.DataFrame(
                {
                    "account_id": accounts.index[fired.to_numpy()],
                    "signal_id": sig.signal_id,
                    "tier_group": sig.tier_group,
                    "points": int(sig.points),
                }
            )
        )
    fired = pd.concat(rows, ignore_index=True)
    fired["strength"] = fired["points"].abs()
    counted = fired.sort_values(
        ["account_id", "tier_group", "strength", "signal_id"], ascending=[True, True, False, True]
    )
    counted = counted.drop_duplicates(["account_id", "tier_group"])
    behaviour = counted.groupby("account_id")["points"].sum().reindex(accounts.index, fill_value=0)

    # ---- cap, decay, band
    last_active = ev.groupby("account_id")["occurred_at"].max().reindex(accounts.index)
    inactive_days = (as_of_ts - last_active.fillna(accounts["created_at"]).dt.normalize()).dt.days
    decay = (np.floor(np.maximum(inactive_days - knobs.grace_days, 0) / 7.0) * knobs.points_per_week).astype("int64")
    score = np.maximum(behaviour.clip(0, knobs.score_cap) - decay, 0).astype("int64")
    out = pd.DataFrame({"account_id": accounts.index, "pql_score": score.to_numpy()})
    band = pd.Series(pd.NA, index=out.index, dtype="object")
    for b in bands.itertuples():
        band = band.mask((out["pql_score"] >= b.min_score) & (out["pql_score"] <= b.max_score), b.band)
    out["pql_band"] = band
    return out.sort_values("account_id").reset_index(drop=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m pql_scoring.baselines", description=__doc__.split("\n\n")[0])
    parser.add_argument("method", choices=("floor", "pandas", "scan"))
    parser.add_argument("--raw", type=Path, required=True, help="folder with the generic raw contract's Parquet files")
    parser.add_argument("--as-of", type=dt.date.fromisoformat, required=True)
    parser.add_argument(
        "--out",
        type=Path,
        required=True,
        help="Parquet file for account_id, pql_score, pql_band (scan: account_id, event_name, activity_date, event_count)",
    )
    args = parser.parse_args(argv)
    if args.method == "scan":
        scan_activity(args.raw, args.as_of, args.out, memory_limit=os.environ.get("PQL_MEMORY_LIMIT"))
        return
    if args.method == "floor":
        # like the dbt profile: every core, and the memory limit PQL_MEMORY_LIMIT
        scores = floor_scores(args.raw, args.as_of, memory_limit=os.environ.get("PQL_MEMORY_LIMIT"))
    else:
        scores = pandas_scores(args.raw, args.as_of)
    scores.to_parquet(args.out, index=False)


if __name__ == "__main__":
    main()
