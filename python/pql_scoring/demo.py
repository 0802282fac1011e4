"""Demo world: a simulated B2B SaaS free-trial product written in the pql raw contract.

    python -m pql_scoring.demo --accounts 5000 --seed 7 --out data/raw

writes ``accounts.parquet``, ``users.parquet``, ``events.parquet`` and ``subscriptions.parquet``
(the generic raw contract, see README.md) and ``ground_truth.json`` beside them: the hidden
conversion rule (planted signals, thresholds, effect sizes), the noise and leak events, and the
exact number of dirty rows of each kind that were planted.

Everything is vectorised with numpy so that a million events take seconds. The world is fully
determined by (accounts, seed, end_date, days).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

# ---------------------------------------------------------------- the product's event vocabulary
KEY_EVENT = "report_created"  # the key feature, used with habit by converters
SECONDARY_EVENT = "dashboard_shared"  # a secondary feature
AHA_EVENT = "data_source_connected"  # the aha moment
LIMIT_EVENT = "plan_limit_reached"  # freemium limit hit
PRICING_EVENT = "pricing_page_viewed"  # upgrade intent
BILLING_EVENT = "billing_page_viewed"  # upgrade intent, close to the purchase
SESSION_EVENT = "session_started"
INVITE_EVENT = "teammate_invited"
LEAK_EVENT = "checkout_completed"  # fires only at conversion: must never be learned as a signal
NOISE_EVENTS = (
    "help_article_viewed",
    "settings_updated",
    "notification_clicked",
    "search_performed",
    "theme_changed",
)
ANON_EVENT = "page_viewed"  # marketing-site page views, before signup
# with generate(twin_events=True): fires a second after the aha event, almost every time (as a page
# view and its page leave do), so two signals measure one behaviour
TWIN_EVENT = "data_source_synced"
TWIN_RATE = 0.99
# the latent-trait world (generate(world="latent")) adds a second near-duplicate: a report is viewed
# right after it is created, almost every time, so the two counts are collinear
VIEW_EVENT = "report_viewed"
VIEW_RATE = 0.97

EVENT_NAMES = (
    SESSION_EVENT,
    KEY_EVENT,
    SECONDARY_EVENT,
    AHA_EVENT,
    LIMIT_EVENT,
    PRICING_EVENT,
    BILLING_EVENT,
    INVITE_EVENT,
    LEAK_EVENT,
    ANON_EVENT,
    *NOISE_EVENTS,
    TWIN_EVENT,
    VIEW_EVENT,
)
EV = {name: i for i, name in enumerate(EVENT_NAMES)}

INDUSTRIES = ("software", "fintech", "healthcare", "retail", "manufacturing", "education", "media", "logistics")
INDUSTRY_P = (0.26, 0.14, 0.1, 0.12, 0.1, 0.1, 0.09, 0.09)
COUNTRIES = ("US", "GB", "DE", "FR", "CA", "AU", "NL", "IN", "BR", "JP")
COUNTRY_P = (0.38, 0.12, 0.1, 0.07, 0.07, 0.05, 0.05, 0.07, 0.05, 0.04)
SIZE_BUCKETS = ((1, 10), (11, 50), (51, 200), (201, 1000), (1001, 5000))
SIZE_P = (0.34, 0.28, 0.2, 0.12, 0.06)
SIZE_USERS = (0.5, 1.1, 2.0, 3.5, 5.0)  # mean extra users per account, by size bucket
PERSONAL_DOMAINS = ("gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com", "proton.me")
INTERNAL_DOMAINS = ("pqlproduct.io", "example.com")
BUYER_TITLES = ("CEO", "Founder", "VP Engineering", "Head of Data", "Director of Operations", "CFO")
OTHER_TITLES = ("Data Analyst", "Software Engineer", "Product Manager", "Designer", "Marketing Manager", "Intern")
FIRST_NAMES = ("ana", "ben", "chloe", "dev", "eli", "fatima", "gus", "hana", "ivan", "jo", "kai", "lea", "max", "nia")
LAST_NAMES = ("smith", "garcia", "chen", "muller", "rossi", "kim", "silva", "khan", "novak", "dubois", "ito", "berg")

# ---------------------------------------------------------------- the hidden conversion rule
OBSERVATION_DAYS = 14  # features of the rule are counted in an account's first 14 days
CONVERSION_WINDOW_DAYS = 60  # every conversion happens within 60 days of signup
BASE_LOG_ODDS = -5.2
PLANTED_SIGNALS = (
    # signal, measure, threshold (>=), log-odds effect
    {"signal": KEY_EVENT, "measure": "event_count", "threshold": 4, "log_odds": 1.6},
    {"signal": "active_users", "measure": "active_users", "threshold": 3, "log_odds": 1.3},
    {"signal": AHA_EVENT, "measure": "event_count", "threshold": 1, "log_odds": 1.9},
    {"signal": LIMIT_EVENT, "measure": "event_count", "threshold": 1, "log_odds": 1.1},
    {"signal": PRICING_EVENT, "measure": "event_count", "threshold": 1, "log_odds": 1.0},
)

# ---------------------------------------------------------------- the latent-trait world
# generate(world="latent"): no behaviour has a threshold. Each account has hidden traits: need (how
# much the problem hurts), fit (firmographic: size, industry and country the ICP names, plus what a
# seed cannot see), satisfaction (how well the product works for it) and busyness (how much it clicks
# around, whatever it needs). Conversion is a logistic function of need, fit and satisfaction; every
# behaviour is a noisy count whose rate grows with some of the traits (LATENT_LOADINGS), so behaviours
# correlate with each other and with conversion without any cutoff being the truth. Busyness drives the
# volume of sessions and of the low-value events a product logs by the thousand (help articles,
# searches, notifications), which is most of an account's event count, as in real event streams.
WORLDS = ("planted", "latent", "volume")
LATENT_LOG_ODDS = {"base": -3.3, "need": 1.0, "fit": 0.8, "satisfaction": 1.2}
LATENT_LOADINGS = {  # log-rate (or log-odds) of each behaviour per unit of each trait
    "activity": {"need": 0.45, "satisfaction": 0.45, "busyness": 0.6},  # active days, team size
    KEY_EVENT: {"need": 0.35, "satisfaction": 0.5},
    SECONDARY_EVENT: {"satisfaction": 0.5},
    AHA_EVENT: {"need": 0.3, "satisfaction": 1.1},
    LIMIT_EVENT: {"need": 0.8},
    PRICING_EVENT: {"need": 0.7, "fit": 0.3},
    "sessions": {"busyness": 0.3},
    "noise": {"busyness": 0.8},
}
LATENT_NOISE_PER_ACTIVE_DAY = 1.2  # low-value events per active user-day, at average busyness

# ---------------------------------------------------------------- the usage-volume world
# generate(world="volume"): a product sold on a plan limit of volume (files stored, seats, rows synced),
# as storage and seat-based products are. One hidden trait, usage (how much work the team puts through
# the product), drives every core behaviour together: the key event (a file stored) with its views
# (report_viewed, 97% of the time) and shares (the secondary event), sessions, and the number of
# teammates. Conversion follows how much the team stored in its first weeks, smoothly: the log-odds rise
# with log(1 + the account's key events), and a team past the free plan's limit converts more (the
# limit event fires there). No cutoff is the truth, and counting events ranks buyers well. Before an
# upgrade, activity piles up: a converter stores more in the week before it pays.
VOLUME_LOADINGS = {
    "activity": {"usage": 0.9},
    KEY_EVENT: {"usage": 0.9},
    SECONDARY_EVENT: {"usage": 0.8},
    AHA_EVENT: {"usage": 0.6},
    LIMIT_EVENT: {"usage": 0.0},
    PRICING_EVENT: {"usage": 0.3},
    "sessions": {"usage": 0.4},
    "noise": {"usage": 0.3},
}
VOLUME_LOG_ODDS = {"base": -5.4, "log_volume": 1.25, "over_limit": 0.6}
VOLUME_PLAN_LIMIT = 40  # key events (files stored) in the first weeks that the free plan allows
VOLUME_PILE_UP = 1.5  # extra key events per day of the week before an upgrade, per unit of exp(usage)

# ---------------------------------------------------------------- dirty rows, as shares of clean events
DIRTY_RATES = {
    "duplicate_event_id": 0.010,
    "missing_identity": 0.003,
    "future_timestamp": 0.001,
    "unknown_user": 0.002,
    "event_name_format": 0.020,  # stray case or whitespace: repaired and kept
}
BAD_SUBSCRIPTION_RATE = 0.01  # share of accounts given a subscription row that starts before signup

DAY = 86_400  # seconds


@dataclass
class World:
    """The generated tables as pyarrow tables, with the ground truth."""

    accounts: pa.Table
    users: pa.Table
    events: pa.Table
    subscriptions: pa.Table
    truth: dict = field(default_factory=dict)

    def write(self, out: Path) -> None:
        out.mkdir(parents=True, exist_ok=True)
        for name in ("accounts", "users", "events", "subscriptions"):
            pq.write_table(getattr(self, name), out / f"{name}.parquet")
        (out / "ground_truth.json").write_text(json.dumps(self.truth, indent=2, sort_keys=True) + "\n")


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _ids(prefix: str, n: int, width: int = 7) -> np.ndarray:
    if n == 0:  # numpy's zfill cannot size an empty array
        return np.array([], dtype=object)
    return np.char.add(prefix, np.char.zfill(np.arange(n).astype(str), width)).astype(object)


def _ts(epoch_seconds: np.ndarray) -> pa.Array:
    """Naive UTC timestamps (the raw contract's timestamps are UTC without an offset)."""
    return pa.array(np.asarray(epoch_seconds, dtype="int64") * 1_000_000, type=pa.int64()).cast(pa.timestamp("us"))


def _segment_sum(values: np.ndarray, groups: np.ndarray, n: int) -> np.ndarray:
    return np.bincount(groups, weights=values, minlength=n)


@dataclass
class _Accounts:
    signup_day: np.ndarray  # day index (0 = start of history) of each account's signup
    created: np.ndarray  # epoch seconds
    bucket: np.ndarray  # size bucket
    employees: np.ndarray
    industry: np.ndarray
    country: np.ndarray
    is_internal: np.ndarray
    ids: np.ndarray
    domain: np.ndarray
    name: np.ndarray
    engagement: np.ndarray  # latent account engagement (the activity level, in the latent world)
    traits: dict[str, np.ndarray] | None = None  # the latent or volume world's hidden traits, per account
    loadings: dict[str, dict[str, float]] | None = None  # LATENT_LOADINGS or VOLUME_LOADINGS

    def load(self, behaviour: str) -> np.ndarray:
        """The latent or volume world's linear predictor of a behaviour (0 in the planted world)."""
        if self.traits is None:
            return np.zeros(len(self.ids))
        return sum(w * self.traits[t] for t, w in self.loadings[behaviour].items())

    def table(self) -> pa.Table:
        return pa.table(
            {
                "account_id": pa.array(self.ids, type=pa.string()),
                "account_name": pa.array(self.name, type=pa.string()),
                "domain": pa.array(self.domain, type=pa.string()),
                "employee_count": pa.array(self.employees, type=pa.int64()),
                "industry": pa.array(self.industry, type=pa.string()),
                "country": pa.array(self.country, type=pa.string()),
                "created_at": _ts(self.created),
            }
        )


@dataclass
class _Users:
    acc: np.ndarray  # index of each user's account
    rank: np.ndarray  # 0 = the account's first user
    join_day: np.ndarray
    created: np.ndarray
    ids: np.ndarray
    account: np.ndarray  # account_id as the raw users table gives it (None for some)
    personal: np.ndarray  # personal email domain
    by_domain: np.ndarray  # no account_id: matched by email domain
    email: np.ndarray
    title: np.ndarray
    first_user: np.ndarray  # per account, index of its first user

    def table(self) -> pa.Table:
        return pa.table(
            {
                "user_id": pa.array(self.ids, type=pa.string()),
                "account_id": pa.array(self.account, type=pa.string()),
                "email": pa.array(self.email, type=pa.string()),
                "job_title": pa.array(self.title, type=pa.string()),
                "created_at": _ts(self.created),
            }
        )


@dataclass
class _Conversions:
    converted: np.ndarray  # per account
    day: np.ndarray  # days after signup of the (would-be) conversion, per account
    at: np.ndarray  # epoch seconds, per account
    accounts: np.ndarray  # indices of the converted accounts


class _EventLog:
    """The clean events of the world as they are emitted: (user index, epoch seconds, event code)."""

    def __init__(self, rng: np.random.Generator, start_epoch: int):
        self.rng, self.start_epoch = rng, start_epoch
        self.users: list[np.ndarray] = []
        self.times: list[np.ndarray] = []
        self.codes: list[np.ndarray] = []

    def emit(self, users: np.ndarray, times: np.ndarray, code: int | np.ndarray) -> None:
        users = np.asarray(users, dtype="int64")
        self.users.append(users)
        self.times.append(np.asarray(times, dtype="int64"))
        self.codes.append(np.broadcast_to(np.asarray(code, dtype="int64"), users.shape).copy())

    def day_time(self, day_index: np.ndarray) -> np.ndarray:
        """A moment in a (global) day, during working hours."""
        return self.start_epoch + day_index * DAY + self.rng.integers(7 * 3600, 22 * 3600, len(day_index))

    def usage(self, users: np.ndarray, days: np.ndarray, engagement: np.ndarray, acc=None, a_acc=None) -> None:
        """A user's active days: sessions, the key feature and the secondary feature, by engagement
        (in the latent world, ``acc`` and the users' account indices ``a_acc``: by the traits, plus
        the low-value events busyness drives)."""
        if acc is None or acc.traits is None:
            n_sessions = 1 + self.rng.poisson(0.8, len(users))
            self.emit(np.repeat(users, n_sessions), self.day_time(np.repeat(days, n_sessions)), EV[SESSION_EVENT])
            n_key = self.rng.poisson(np.exp(-1.3 + 0.55 * engagement))
            self.emit(np.repeat(users, n_key), self.day_time(np.repeat(days, n_key)), EV[KEY_EVENT])
            n_sec = self.rng.poisson(0.12 * np.exp(0.4 * engagement))
            self.emit(np.repeat(users, n_sec), self.day_time(np.repeat(days, n_sec)), EV[SECONDARY_EVENT])
            return
        n_sessions = 1 + self.rng.poisson(0.8 * np.exp(acc.load("sessions")[a_acc]))
        self.emit(np.repeat(users, n_sessions), self.day_time(np.repeat(days, n_sessions)), EV[SESSION_EVENT])
        n_key = self.rng.poisson(np.exp(-1.5 + acc.load(KEY_EVENT)[a_acc]))
        key_users, key_days = np.repeat(users, n_key), np.repeat(days, n_key)
        key_times = self.day_time(key_days)
        self.emit(key_users, key_times, EV[KEY_EVENT])
        viewed = self.rng.random(len(key_users)) < VIEW_RATE
        self.emit(key_users[viewed], key_times[viewed] + self.rng.integers(1, 120, viewed.sum()), EV[VIEW_EVENT])
        n_sec = self.rng.poisson(0.12 * np.exp(acc.load(SECONDARY_EVENT)[a_acc]))
        self.emit(np.repeat(users, n_sec), self.day_time(np.repeat(days, n_sec)), EV[SECONDARY_EVENT])
        n_noise = self.rng.poisson(LATENT_NOISE_PER_ACTIVE_DAY * np.exp(acc.load("noise")[a_acc]))
        noise_users, noise_days = np.repeat(users, n_noise), np.repeat(days, n_noise)
        codes = np.array([EV[n] for n in NOISE_EVENTS])[self.rng.integers(0, len(NOISE_EVENTS), len(noise_users))]
        self.emit(noise_users, self.day_time(noise_days), codes)


def _user_days(n: int, first_day: np.ndarray, day_count: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every (user, day) of ``day_count`` consecutive days from ``first_day``, per user."""
    users = np.repeat(np.arange(n), day_count)
    days = np.repeat(first_day, day_count) + (
        np.arange(len(users)) - np.repeat(np.cumsum(day_count) - day_count, day_count)
    )
    return users, days


def _make_accounts(rng: np.random.Generator, n_acc: int, days: int, start_epoch: int, id_prefix: str) -> _Accounts:
    signup_day = rng.integers(0, days, n_acc)
    created = start_epoch + signup_day * DAY + rng.integers(6 * 3600, 20 * 3600, n_acc)
    bucket = rng.choice(len(SIZE_BUCKETS), n_acc, p=SIZE_P)
    lo = np.array([b[0] for b in SIZE_BUCKETS])[bucket]
    hi = np.array([b[1] for b in SIZE_BUCKETS])[bucket]
    employees = np.floor(lo + (hi - lo + 1) * rng.random(n_acc) ** 1.7).astype("int64")
    industry = np.array(INDUSTRIES, dtype=object)[rng.choice(len(INDUSTRIES), n_acc, p=INDUSTRY_P)]
    country = np.array(COUNTRIES, dtype=object)[rng.choice(len(COUNTRIES), n_acc, p=COUNTRY_P)]
    is_internal = rng.random(n_acc) < 0.01
    ids = _ids(id_prefix + "acc_", n_acc)
    slug = np.char.add(id_prefix + "company", np.arange(n_acc).astype(str)).astype(object)
    domain = np.char.add(slug.astype(str), ".com").astype(object)
    domain[is_internal] = np.array(INTERNAL_DOMAINS, dtype=object)[
        rng.integers(0, len(INTERNAL_DOMAINS), is_internal.sum())
    ]
    name = np.char.add("Company ", np.arange(n_acc).astype(str)).astype(object)
    name[is_internal] = np.char.add("Internal test ", np.arange(is_internal.sum()).astype(str)).astype(object)
    engagement = rng.normal(0.0, 1.0, n_acc)
    return _Accounts(
        signup_day, created, bucket, employees, industry, country, is_internal, ids, domain, name, engagement
    )


def _latent_traits(rng: np.random.Generator, acc: _Accounts) -> _Accounts:
    """The latent world's hidden traits (standard normal each); the activity level they imply becomes
    the account's engagement."""
    n_acc = len(acc.ids)
    icp = (
        (acc.employees >= 11).astype(float)
        + 0.5 * (acc.industry != "education")
        + 0.5 * np.isin(acc.country, ("US", "GB", "DE", "FR", "CA", "AU", "NL"))
    )
    fit = icp + rng.normal(0.0, 0.6, n_acc)
    traits = {
        "need": rng.normal(0.0, 1.0, n_acc),
        "fit": (fit - fit.mean()) / fit.std(),
        "satisfaction": rng.normal(0.0, 1.0, n_acc),
        "busyness": rng.normal(0.0, 1.0, n_acc),
    }
    out = _Accounts(**{**acc.__dict__, "traits": traits, "loadings": LATENT_LOADINGS})
    activity = out.load("activity")
    out.engagement = activity / activity.std()
    return out


def _volume_traits(rng: np.random.Generator, acc: _Accounts) -> _Accounts:
    """The volume world's one hidden trait, usage (standard normal, a little higher in larger teams);
    the activity it implies becomes the account's engagement."""
    usage = rng.normal(0.0, 1.0, len(acc.ids)) + 0.2 * (acc.bucket - acc.bucket.mean())
    out = _Accounts(
        **{**acc.__dict__, "traits": {"usage": (usage - usage.mean()) / usage.std()}, "loadings": VOLUME_LOADINGS}
    )
    activity = out.load("activity")
    out.engagement = activity / activity.std()
    return out


def _make_users(rng: np.random.Generator, acc: _Accounts, days: int, start_epoch: int, id_prefix: str) -> _Users:
    """The first user at signup, the rest invited (more in larger, more engaged accounts)."""
    n_acc = len(acc.ids)
    extra = np.minimum(rng.poisson(np.array(SIZE_USERS)[acc.bucket] * np.exp(0.35 * acc.engagement)), 24)
    n_users_acc = 1 + extra
    u_acc = np.repeat(np.arange(n_acc), n_users_acc)
    u_rank = np.arange(len(u_acc)) - np.repeat(np.cumsum(n_users_acc) - n_users_acc, n_users_acc)
    join_delay = np.where(u_rank == 0, 0, np.round(rng.exponential(7.0 / np.exp(0.45 * acc.engagement[u_acc]))))
    u_join_day = acc.signup_day[u_acc] + join_delay.astype("int64")
    keep = u_join_day < days
    u_acc, u_rank, u_join_day = u_acc[keep], u_rank[keep], u_join_day[keep]
    n_usr = len(u_acc)
    u_created = np.where(
        u_rank == 0,
        acc.created[u_acc],
        start_epoch + u_join_day * DAY + rng.integers(7 * 3600, 21 * 3600, n_usr),
    )
    u_created = np.maximum(u_created, acc.created[u_acc])
    u_ids = _ids(id_prefix + "usr_", n_usr)
    personal = (rng.random(n_usr) < 0.08) & ~acc.is_internal[u_acc] & (u_rank > 0)
    by_domain = (rng.random(n_usr) < 0.15) & ~personal & ~acc.is_internal[u_acc]
    u_account = acc.ids[u_acc].copy()
    u_account[personal | by_domain] = None
    local = np.char.add(
        np.char.add(np.array(FIRST_NAMES)[rng.integers(0, len(FIRST_NAMES), n_usr)], "."),
        np.char.add(np.array(LAST_NAMES)[rng.integers(0, len(LAST_NAMES), n_usr)], np.arange(n_usr).astype(str)),
    )
    u_domain = acc.domain[u_acc].copy()
    u_domain[personal] = np.array(PERSONAL_DOMAINS, dtype=object)[
        rng.integers(0, len(PERSONAL_DOMAINS), personal.sum())
    ]
    u_email = np.char.add(np.char.add(local, "@"), u_domain.astype(str)).astype(object)
    is_buyer = rng.random(n_usr) < np.where(u_rank == 0, 0.3, 0.08)
    u_title = np.where(
        is_buyer,
        np.array(BUYER_TITLES, dtype=object)[rng.integers(0, len(BUYER_TITLES), n_usr)],
        np.array(OTHER_TITLES, dtype=object)[rng.integers(0, len(OTHER_TITLES), n_usr)],
    ).astype(object)
    u_title[rng.random(n_usr) < 0.2] = None
    first_user = np.full(n_acc, -1)
    first_user[u_acc[u_rank == 0]] = np.nonzero(u_rank == 0)[0]
    return _Users(
        u_acc, u_rank, u_join_day, u_created, u_ids, u_account, personal, by_domain, u_email, u_title, first_user
    )


def _first_weeks(
    rng: np.random.Generator, log: _EventLog, acc: _Accounts, usr: _Users, days: int
) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Activity in each account's first OBSERVATION_DAYS days: usage, milestones (aha, limit, pricing,
    billing) and invites. Returns the hidden rule's features per account and each user's daily
    probability of being active."""
    n_acc, n_usr = len(acc.ids), len(usr.ids)
    u_obs_days = np.clip(acc.signup_day[usr.acc] + OBSERVATION_DAYS - usr.join_day, 0, None)
    u_obs_days = np.minimum(u_obs_days, days - usr.join_day)
    p_active = _sigmoid(-0.9 + 0.9 * acc.engagement[usr.acc] + np.where(usr.rank == 0, 0.6, 0.0))
    ud_user, ud_day = _user_days(n_usr, usr.join_day, u_obs_days)
    active = rng.random(len(ud_user)) < p_active[ud_user]
    a_user, a_day = ud_user[active], ud_day[active]
    # every user is active on the day they join
    a_user = np.concatenate([a_user, np.arange(n_usr)])
    a_day = np.concatenate([a_day, usr.join_day])
    a_acc = usr.acc[a_user]
    log.usage(a_user, a_day, acc.engagement[a_acc], acc, a_acc)

    # account-level milestones, on a random active day of the first 14 days
    order = rng.permutation(len(a_user))
    first_active_idx = np.full(n_acc, -1)
    first_active_idx[a_acc[order][::-1]] = order[::-1]  # a random active user-day per account
    has_active = first_active_idx >= 0

    def milestone(p: np.ndarray, code: int, max_count: int = 1) -> np.ndarray:
        fire = has_active & (rng.random(n_acc) < p)
        count = np.where(fire, rng.integers(1, max_count + 1, n_acc), 0)
        idx = np.repeat(first_active_idx, count)
        log.emit(a_user[idx], log.day_time(a_day[idx]), code)
        return fire

    size_score = np.array([0.0, 0.25, 0.45, 0.55, 0.6])[acc.bucket]
    if acc.traits is None:
        did_aha = milestone(_sigmoid(-0.7 + 0.9 * acc.engagement), EV[AHA_EVENT])
        did_limit = milestone(_sigmoid(-1.4 + 0.6 * acc.engagement + size_score), EV[LIMIT_EVENT], 3)
        did_pricing = milestone(_sigmoid(-1.1 + 0.45 * acc.engagement), EV[PRICING_EVENT], 3)
    elif acc.loadings is VOLUME_LOADINGS:
        did_aha = milestone(_sigmoid(0.3 + acc.load(AHA_EVENT)), EV[AHA_EVENT])
        # the limit is hit by the teams whose stored volume passes it (fired once the weeks are counted)
        did_limit = np.zeros(n_acc, dtype=bool)
        did_pricing = milestone(_sigmoid(-1.1 + acc.load(PRICING_EVENT)), EV[PRICING_EVENT], 3)
    else:
        did_aha = milestone(_sigmoid(-0.7 + acc.load(AHA_EVENT)), EV[AHA_EVENT])
        did_limit = milestone(_sigmoid(-1.4 + acc.load(LIMIT_EVENT) + size_score), EV[LIMIT_EVENT], 3)
        did_pricing = milestone(_sigmoid(-1.1 + acc.load(PRICING_EVENT)), EV[PRICING_EVENT], 3)
    milestone(np.full(n_acc, 0.08), EV[BILLING_EVENT])

    # invites: the account's first user invites each teammate shortly before they join
    invited = np.nonzero(usr.rank > 0)[0]
    log.emit(
        usr.first_user[usr.acc[invited]],
        usr.created[invited] - rng.integers(600, 36 * 3600, len(invited)),
        EV[INVITE_EVENT],
    )

    users_so_far = np.concatenate(log.users)
    codes_so_far = np.concatenate(log.codes)
    stored = _segment_sum((codes_so_far == EV[KEY_EVENT]).astype(float), usr.acc[users_so_far], n_acc)
    if acc.loadings is VOLUME_LOADINGS:
        # past the free plan's limit, the product says so (1-3 times)
        did_limit = milestone((stored >= VOLUME_PLAN_LIMIT).astype(float), EV[LIMIT_EVENT], 3)
    features = {
        KEY_EVENT: stored,
        "active_users": np.bincount(usr.acc[np.unique(a_user)], minlength=n_acc),
        AHA_EVENT: did_aha.astype(int),
        LIMIT_EVENT: did_limit.astype(int),
        PRICING_EVENT: did_pricing.astype(int),
    }
    return features, p_active


def _conversions(
    rng: np.random.Generator,
    log: _EventLog,
    acc: _Accounts,
    usr: _Users,
    features: dict[str, np.ndarray],
    days: int,
    start_epoch: int,
) -> _Conversions:
    """The hidden rule on the first weeks' features decides who converts, and when; a converter views
    billing right before the purchase, then checks out (the leak event)."""
    n_acc = len(acc.ids)
    if acc.traits is None:
        logit = np.full(n_acc, BASE_LOG_ODDS)
        for s in PLANTED_SIGNALS:
            logit += s["log_odds"] * (features[s["signal"]] >= s["threshold"])
    elif acc.loadings is VOLUME_LOADINGS:
        volume = features[KEY_EVENT]
        logit = (
            VOLUME_LOG_ODDS["base"]
            + VOLUME_LOG_ODDS["log_volume"] * np.log1p(volume)
            + VOLUME_LOG_ODDS["over_limit"] * (volume >= VOLUME_PLAN_LIMIT)
        )
    else:
        logit = LATENT_LOG_ODDS["base"] + sum(w * acc.traits[t] for t, w in LATENT_LOG_ODDS.items() if t != "base")
    will_convert = (rng.random(n_acc) < _sigmoid(logit)) & ~acc.is_internal
    conv_day_rel = np.clip(np.round(7 + rng.gamma(2.0, 9.0, n_acc)), 7, CONVERSION_WINDOW_DAYS - 1).astype("int64")
    converted = will_convert & (acc.signup_day + conv_day_rel < days)
    conv_at = start_epoch + (acc.signup_day + conv_day_rel) * DAY + rng.integers(8 * 3600, 20 * 3600, n_acc)
    conv_acc = np.nonzero(converted)[0]
    first = usr.first_user[conv_acc]
    if acc.loadings is VOLUME_LOADINGS:
        # the pile-up: in each of the 7 days before the upgrade, the first user stores more
        days_before = np.repeat(np.arange(1, 8)[None, :], len(conv_acc), axis=0).ravel()
        who = np.repeat(conv_acc, 7)
        n_more = rng.poisson(VOLUME_PILE_UP * np.exp(acc.traits["usage"][who]))
        at = np.repeat(conv_at[who] - days_before * DAY, n_more) + rng.integers(-4 * 3600, 4 * 3600, n_more.sum())
        log.emit(np.repeat(usr.first_user[who], n_more), at, EV[KEY_EVENT])
    log.emit(first, conv_at[conv_acc] - rng.integers(600, 20 * 3600, len(conv_acc)), EV[BILLING_EVENT])
    log.emit(first, conv_at[conv_acc], EV[LEAK_EVENT])
    return _Conversions(converted, conv_day_rel, conv_at, conv_acc)


def _later_weeks(
    rng: np.random.Generator,
    log: _EventLog,
    acc: _Accounts,
    usr: _Users,
    conv: _Conversions,
    p_active: np.ndarray,
    did_limit: np.ndarray,
    days: int,
) -> None:
    """Activity after the first weeks: retention decays unless paying; limits and pricing views go on."""
    u_b_start = np.maximum(usr.join_day, acc.signup_day[usr.acc] + OBSERVATION_DAYS)
    ud_user, ud_day = _user_days(len(usr.ids), u_b_start, np.clip(days - u_b_start, 0, None))
    rel = ud_day - acc.signup_day[usr.acc[ud_user]]
    paying = conv.converted[usr.acc[ud_user]] & (rel >= conv.day[usr.acc[ud_user]])
    retention = np.where(paying, 0.85, np.exp(-(rel - OBSERVATION_DAYS) / 24.0))
    active = rng.random(len(ud_user)) < p_active[ud_user] * retention
    b_user, b_day = ud_user[active], ud_day[active]
    b_acc = usr.acc[b_user]
    log.usage(b_user, b_day, acc.engagement[b_acc], acc, b_acc)
    n_lim = rng.poisson(np.where(did_limit[b_acc] & ~conv.converted[b_acc], 0.03, 0.005))
    log.emit(np.repeat(b_user, n_lim), log.day_time(np.repeat(b_day, n_lim)), EV[LIMIT_EVENT])
    n_pr = rng.poisson(0.02, len(b_user))
    log.emit(np.repeat(b_user, n_pr), log.day_time(np.repeat(b_day, n_pr)), EV[PRICING_EVENT])


def _noise(rng: np.random.Generator, log: _EventLog, acc: _Accounts, usr: _Users, days: int) -> None:
    """Noise events, independent of engagement and outcome."""
    n_acc = len(acc.ids)
    acc_days_alive = days - acc.signup_day
    for name in NOISE_EVENTS:
        n_noise = rng.poisson(0.06 * acc_days_alive)
        acc_idx = np.repeat(np.arange(n_acc), n_noise)
        noise_day = acc.signup_day[acc_idx] + np.floor(rng.random(len(acc_idx)) * acc_days_alive[acc_idx]).astype(
            "int64"
        )
        log.emit(usr.first_user[acc_idx], log.day_time(noise_day), EV[name])


def _twins(rng: np.random.Generator, log: _EventLog) -> None:
    """TWIN_EVENT a second after TWIN_RATE of the aha events."""
    users, times, codes = (np.concatenate(part) for part in (log.users, log.times, log.codes))
    twin = (codes == EV[AHA_EVENT]) & (rng.random(len(codes)) < TWIN_RATE)
    log.emit(users[twin], times[twin] + 1, EV[TWIN_EVENT])


def _events_table(
    rng: np.random.Generator,
    log: _EventLog,
    usr: _Users,
    n_acc: int,
    days: int,
    start_epoch: int,
    end_epoch: int,
    id_prefix: str,
) -> tuple[pa.Table, dict[str, int], dict[str, int]]:
    """The raw events table: the clean events, anonymous visits (stitched or not), then dirty rows
    planted on disjoint sets of clean rows. Returns it with the dirty-row counts and other counts."""
    user_idx = np.concatenate(log.users)
    times = np.concatenate(log.times)
    code = np.concatenate(log.codes)
    times = np.maximum(times, usr.created[user_idx])  # nobody acts before they exist
    times = np.minimum(times, end_epoch - 1)
    srt = np.lexsort((user_idx, times))
    user_idx, times, code = user_idx[srt], times[srt], code[srt]
    n_ev = len(code)
    ev_user_id = usr.ids[user_idx].copy()
    ev_anon = np.full(n_ev, None, dtype=object)
    ev_account = usr.account[user_idx].copy()

    # anonymous marketing-site visits before signup, stitched by the first identified event
    visitors = np.nonzero((usr.rank == 0) & (rng.random(len(usr.ids)) < 0.6))[0]
    anon_ids = _ids(id_prefix + "anon_", len(visitors))
    n_views = 1 + rng.poisson(1.5, len(visitors))
    v_user = np.repeat(np.arange(len(visitors)), n_views)
    v_time = usr.created[visitors][v_user] - rng.integers(300, 3 * DAY, len(v_user))
    first_event = np.full(len(usr.ids), -1)
    first_event[user_idx[::-1]] = np.arange(n_ev)[::-1]
    identify_rows = first_event[visitors]
    ok = identify_rows >= 0
    ev_anon[identify_rows[ok]] = anon_ids[ok]
    # visitors that never sign up
    n_strangers = max(1, n_acc // 10)
    stranger_ids = _ids(id_prefix + "anon_x", n_strangers)
    s_views = 1 + rng.poisson(1.0, n_strangers)
    s_idx = np.repeat(np.arange(n_strangers), s_views)
    s_time = start_epoch + np.floor(rng.random(len(s_idx)) * (days * DAY - 1)).astype("int64")

    all_user = np.concatenate([ev_user_id, np.full(len(v_user) + len(s_idx), None, dtype=object)])
    all_anon = np.concatenate([ev_anon, anon_ids[v_user], stranger_ids[s_idx]])
    all_account = np.concatenate([ev_account, np.full(len(v_user) + len(s_idx), None, dtype=object)])
    all_time = np.concatenate([times, np.maximum(v_time, start_epoch), s_time])
    all_code = np.concatenate([code, np.full(len(v_user) + len(s_idx), EV[ANON_EVENT])])
    n_clean = len(all_code)
    names = np.array(EVENT_NAMES, dtype=object)[all_code]
    props = np.full(n_clean, None, dtype=object)
    is_key = all_code == EV[KEY_EVENT]
    props[is_key] = np.array(
        ['{"report_type": "funnel"}', '{"report_type": "retention"}', '{"report_type": "table"}'], dtype=object
    )[rng.integers(0, 3, is_key.sum())]
    is_limit = all_code == EV[LIMIT_EVENT]
    props[is_limit] = '{"limit": "projects", "plan": "free"}'
    event_ids = _ids(id_prefix + "evt_", n_clean, 9)

    # dirty rows, on disjoint sets of clean rows
    counts = {k: int(round(rate * n_clean)) for k, rate in DIRTY_RATES.items()}
    pick = rng.permutation(n_clean)
    cuts = np.cumsum([0] + [counts[k] for k in DIRTY_RATES])
    chosen = {k: pick[cuts[i] : cuts[i + 1]] for i, k in enumerate(DIRTY_RATES)}
    idx = chosen["missing_identity"]
    all_user[idx] = None
    all_anon[idx] = None
    all_account[idx] = None
    idx = chosen["future_timestamp"]
    all_time[idx] = end_epoch + 3650 * DAY + rng.integers(0, 365 * DAY, len(idx))
    idx = chosen["unknown_user"]
    all_user[idx] = np.char.add("usr_unknown_", np.arange(len(idx)).astype(str)).astype(object)
    all_anon[idx] = None
    all_account[idx] = None
    idx = chosen["event_name_format"]
    variant = rng.integers(0, 4, len(idx))
    base = names[idx].astype(str)
    names[idx] = np.select(
        [variant == 0, variant == 1, variant == 2],
        [np.char.upper(base), np.char.add("  ", base), np.char.add(np.char.title(base), " ")],
        np.char.add(np.char.add(" ", np.char.upper(base)), "\t"),
    ).astype(object)
    dup = chosen["duplicate_event_id"]
    order = np.concatenate([np.arange(n_clean), dup])
    order = order[rng.permutation(len(order))]

    events = pa.table(
        {
            "event_id": pa.array(event_ids[order], type=pa.string()),
            "user_id": pa.array(all_user[order], type=pa.string()),
            "anonymous_id": pa.array(all_anon[order], type=pa.string()),
            "account_id": pa.array(all_account[order], type=pa.string()),
            "event_name": pa.array(names[order], type=pa.string()),
            "occurred_at": _ts(all_time[order]),
            "properties": pa.array(props[order], type=pa.string()),
        }
    )
    other = {"clean_events": n_clean, "raw_events": int(len(order)), "anonymous_visitors_identified": int(ok.sum())}
    return events, counts, other


def _subscriptions_table(
    rng: np.random.Generator, acc: _Accounts, usr: _Users, conv: _Conversions, end_epoch: int, id_prefix: str
) -> tuple[pa.Table, int]:
    """A subscription per converter (some canceled since), plus bad rows that start before signup.
    Returns the table and the number of bad rows."""
    n_acc = len(acc.ids)
    conv_acc = conv.accounts
    seats = np.bincount(usr.acc, minlength=n_acc)
    plan = np.where(acc.employees[conv_acc] > 200, "business", "team").astype(object)
    canceled = rng.random(len(conv_acc)) < 0.1
    ended = np.where(canceled, conv.at[conv_acc] + rng.integers(20, 90, len(conv_acc)) * DAY, -1)
    ended_valid = canceled & (ended < end_epoch)
    bad_acc = np.nonzero(rng.random(n_acc) < BAD_SUBSCRIPTION_RATE)[0]
    bad_start = acc.created[bad_acc] - rng.integers(1, 60, len(bad_acc)) * DAY
    sub_acc = np.concatenate([conv_acc, bad_acc])
    sub_start = np.concatenate([conv.at[conv_acc], bad_start])
    sub_end = np.concatenate([np.where(ended_valid, ended, 0), np.zeros(len(bad_acc), dtype="int64")])
    sub_has_end = np.concatenate([ended_valid, np.zeros(len(bad_acc), dtype=bool)])
    sub_status = np.concatenate([np.where(ended_valid, "canceled", "active"), np.full(len(bad_acc), "active")]).astype(
        object
    )
    sub_plan = np.concatenate([plan, np.full(len(bad_acc), "legacy_import", dtype=object)])
    sub_arr = np.concatenate(
        [seats[conv_acc] * np.where(plan == "business", 1800.0, 1200.0), np.full(len(bad_acc), 0.0)]
    )
    table = pa.table(
        {
            "subscription_id": pa.array(_ids(id_prefix + "sub_", len(sub_acc)), type=pa.string()),
            "account_id": pa.array(acc.ids[sub_acc], type=pa.string()),
            "plan": pa.array(sub_plan, type=pa.string()),
            "status": pa.array(sub_status, type=pa.string()),
            "started_at": _ts(sub_start),
            "ended_at": pa.array(
                np.where(sub_has_end, sub_end, 0) * 1_000_000, mask=~sub_has_end, type=pa.int64()
            ).cast(pa.timestamp("us")),
            "arr": pa.array(sub_arr, type=pa.float64()),
        }
    )
    return table, int(len(bad_acc))


def generate(
    accounts: int = 5000,
    seed: int = 7,
    end_date: dt.date | None = None,
    days: int = 180,
    id_prefix: str = "",
    twin_events: bool = False,
    world: str = "planted",
) -> World:
    """Build a world of ``accounts`` trial accounts that signed up in the ``days`` before ``end_date``.

    Events run up to (not including) midnight UTC of ``end_date``. ``id_prefix`` starts every id and
    company domain, so that worlds generated separately (the benchmark builds large worlds in parts
    to bound memory) can be put together without collisions. One random stream feeds the steps in a
    fixed order, so a world is fully determined by its arguments. ``twin_events`` adds TWIN_EVENT, a
    near-duplicate of the aha event (the rest of the world is unchanged up to that step).

    ``world`` is "planted" (conversion follows PLANTED_SIGNALS: thresholds an analysis should find) or
    "latent" (conversion follows hidden traits, LATENT_LOG_ODDS, that drive correlated behaviours;
    with the near-duplicate events TWIN_EVENT and VIEW_EVENT): no threshold is the truth there; or
    "volume" (conversion follows how much the team stores, VOLUME_LOG_ODDS, with a plan limit; the
    behaviours move together; activity piles up before upgrades).
    """
    if world not in WORLDS:
        raise ValueError(f"world must be one of {', '.join(WORLDS)}; got {world!r}")
    if accounts < 1:
        raise ValueError("accounts must be at least 1")
    if days < OBSERVATION_DAYS:
        raise ValueError(f"days must be at least {OBSERVATION_DAYS}")
    end_date = end_date or dt.datetime.now(dt.UTC).date()
    rng = np.random.default_rng(seed)
    end_epoch = int(dt.datetime(end_date.year, end_date.month, end_date.day, tzinfo=dt.UTC).timestamp())
    start_epoch = end_epoch - days * DAY

    acc = _make_accounts(rng, accounts, days, start_epoch, id_prefix)
    if world == "latent":
        acc = _latent_traits(rng, acc)
        twin_events = True
    elif world == "volume":
        acc = _volume_traits(rng, acc)
        twin_events = True
    usr = _make_users(rng, acc, days, start_epoch, id_prefix)
    log = _EventLog(rng, start_epoch)
    features, p_active = _first_weeks(rng, log, acc, usr, days)
    conv = _conversions(rng, log, acc, usr, features, days, start_epoch)
    _later_weeks(rng, log, acc, usr, conv, p_active, features[LIMIT_EVENT].astype(bool), days)
    _noise(rng, log, acc, usr, days)
    if twin_events:
        _twins(rng, log)
    events, dirty, event_counts = _events_table(rng, log, usr, accounts, days, start_epoch, end_epoch, id_prefix)
    subscriptions, bad_subscriptions = _subscriptions_table(rng, acc, usr, conv, end_epoch, id_prefix)

    truth = {
        "generator": {"accounts": accounts, "seed": seed, "end_date": end_date.isoformat(), "days": days},
        "key_event": KEY_EVENT,
        "secondary_event": SECONDARY_EVENT,
        "aha_event": AHA_EVENT,
        "limit_event": LIMIT_EVENT,
        "intent_events": [PRICING_EVENT, BILLING_EVENT],
        "noise_events": list(NOISE_EVENTS) + [ANON_EVENT],
        "twin_events": {TWIN_EVENT: AHA_EVENT, **({VIEW_EVENT: KEY_EVENT} if world != "planted" else {})}
        if twin_events
        else {},
        "leak_events": [LEAK_EVENT],
        "world": world,
        "hidden_rule": {
            "observation_days": OBSERVATION_DAYS,
            "conversion_window_days": CONVERSION_WINDOW_DAYS,
            "base_log_odds": BASE_LOG_ODDS,
            "planted_signals": list(PLANTED_SIGNALS),
        }
        if world == "planted"
        else {
            "observation_days": OBSERVATION_DAYS,
            "conversion_window_days": CONVERSION_WINDOW_DAYS,
            "latent_log_odds": LATENT_LOG_ODDS,
            "latent_loadings": LATENT_LOADINGS,
        }
        if world == "latent"
        else {
            "observation_days": OBSERVATION_DAYS,
            "conversion_window_days": CONVERSION_WINDOW_DAYS,
            "volume_log_odds": VOLUME_LOG_ODDS,
            "volume_plan_limit": VOLUME_PLAN_LIMIT,
            "volume_pile_up": VOLUME_PILE_UP,
            "volume_loadings": VOLUME_LOADINGS,
        },
        "internal_domains": list(INTERNAL_DOMAINS),
        "personal_domains": list(PERSONAL_DOMAINS),
        "counts": {
            "accounts": accounts,
            "internal_accounts": int(acc.is_internal.sum()),
            "users": len(usr.ids),
            "users_without_account_id": int((usr.personal | usr.by_domain).sum()),
            "users_with_personal_email": int(usr.personal.sum()),
            **event_counts,
            "converted_accounts": int(conv.converted.sum()),
            "subscriptions": subscriptions.num_rows,
        },
        "dirty_rows": {**dirty, "subscription_before_signup": bad_subscriptions},
    }
    return World(acc.table(), usr.table(), events, subscriptions, truth)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m pql_scoring.demo", description=__doc__.split("\n\n")[0])
    parser.add_argument("--accounts", type=int, default=5000, help="number of trial accounts (default 5000)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument(
        "--end-date",
        type=dt.date.fromisoformat,
        default=None,
        help="first day with no events, YYYY-MM-DD (default: today, UTC)",
    )
    parser.add_argument("--days", type=int, default=180, help="days of history before --end-date (default 180)")
    parser.add_argument(
        "--world",
        choices=WORLDS,
        default="planted",
        help="planted: conversion follows planted thresholds (default); latent: hidden traits, no thresholds;"
        " volume: conversion follows usage volume against a plan limit",
    )
    parser.add_argument("--out", type=Path, default=Path("data/raw"), help="output folder (default data/raw)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    world = generate(args.accounts, args.seed, args.end_date, args.days, world=args.world)
    world.write(args.out)
    c = world.truth["counts"]
    print(
        f"wrote {c['accounts']} accounts, {c['users']} users, {c['raw_events']} events, "
        f"{c['subscriptions']} subscriptions to {args.out} in {time.perf_counter() - started:.1f}s"
    )


if __name__ == "__main__":
    main()
