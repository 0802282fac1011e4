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
