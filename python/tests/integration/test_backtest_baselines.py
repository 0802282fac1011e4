"""pql_backtest_baselines on a built world: one row per mode and ranker, and its AUCs are what the
back-test accounts give when the pairs are counted in SQL."""

from __future__ import annotations

import pytest

from .conftest import query

pytestmark = pytest.mark.integration

# AUC by counting converter / non-converter pairs of the test cohort (ties half), per mode and ranker
PAIRS = """
with test as (
    select * from int_backtest_accounts_ranked where cohort_split = 'test'
),
pairs as (
    select
        c.scoring_mode,
        avg(case when c.{r} > n.{r} then 1.0 when c.{r} = n.{r} then 0.5 else 0.0 end) as auc
    from test as c
    inner join test as n
        on c.scoring_mode = n.scoring_mode and c.is_converted and not n.is_converted
    group by 1
)
select scoring_mode, auc from pairs
"""


def test_every_mode_and_ranker_has_its_auc_from_the_back_test_accounts(built_world):
    rows = query(built_world.db, "select scoring_mode, ranker, auc, auc_low, auc_high from pql_backtest_baselines")
    assert {(m, r) for m, r, *_ in rows} == {
        (m, r) for m in ("configured", "derived") for r in ("pql_score", "event_count", "active_days")
    }
    for mode, ranker, auc, low, high in rows:
        expected = dict(query(built_world.db, PAIRS.format(r=ranker)))[mode]
        assert auc == pytest.approx(float(expected), abs=1e-9), (mode, ranker)
        assert low <= auc <= high


def test_score_deciles_are_ten_equal_groups_of_the_held_out_accounts_by_score(built_world):
    """pql_backtest_deciles against the held-out accounts cut into tenths here, in Python."""
    accounts = query(
        built_world.db,
        "select scoring_mode, account_id, pql_score, is_converted from int_backtest_accounts_ranked"
        " where cohort_split = 'test'",
    )
    deciles = query(
        built_world.db,
        "select scoring_mode, score_decile, test_accounts, test_converters, lift, min_score, max_score"
        " from pql_backtest_deciles",
    )
    expected = []
    for mode in sorted({a[0] for a in accounts}):
        ranked = sorted((score, account) for m, account, score, _ in accounts if m == mode)
        converted = {account for m, account, _, c in accounts if m == mode and c}
        n, rate = len(ranked), len(converted) / len(ranked)
        assert n >= 10, "the world must hold ten held-out accounts per mode for deciles to mean anything"
        # ntile: the first n % 10 groups hold one more
        size, bigger, start = n // 10, n % 10, 0
        for decile in range(1, 11):
            group = ranked[start : start + size + (1 if decile <= bigger else 0)]
            start += len(group)
            hits = sum(1 for _, account in group if account in converted)
            lift = hits / len(group) / rate if rate else None
            expected.append((mode, decile, len(group), hits, lift, group[0][0], group[-1][0]))
    assert len(deciles) == len(expected)
    for got, want in zip(sorted(deciles), sorted(expected), strict=True):
        assert got[:4] == want[:4] and got[5:] == want[5:], (got, want)
        assert (got[4] is None and want[4] is None) or got[4] == pytest.approx(want[4]), (got, want)
