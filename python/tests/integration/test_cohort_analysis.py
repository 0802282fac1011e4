"""The cohort-delta analysis on generated worlds: planted signals found, noise and leaks ignored, bands back-tested."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from pql_scoring.demo import generate

from .conftest import Dbt, query

pytestmark = pytest.mark.integration

END_DATE = dt.date(2026, 6, 30)
AS_OF = "2026-06-29"


def build_world(tmp_path_factory, name, accounts, seed, extra_vars=None):
    root = tmp_path_factory.mktemp(name)
    world = generate(accounts=accounts, seed=seed, end_date=END_DATE, days=180)
    world.write(root / "raw")
    dbt = Dbt(root / "dbt")
    db = root / "pql.duckdb"
    vars = {"pql__raw_path": str(root / "raw"), "pql__as_of": AS_OF, **(extra_vars or {})}
    dbt.run("build", "--exclude", "resource_type:test", db=db, vars=vars)
    return world.truth, db, dbt, vars


@pytest.mark.parametrize("seed", [11, 23])
def test_analysis_finds_the_planted_signals_and_nothing_else(tmp_path_factory, seed):
    truth, db, _, _ = build_world(tmp_path_factory, f"seed{seed}", accounts=4000, seed=seed)
    rows = query(
        db, "select feature_name, cutoff, is_selected, selection_reason from pql_signal_thresholds where is_chosen"
    )
    chosen = {name: (cutoff, selected, reason) for name, cutoff, selected, reason in rows}
    for planted in truth["hidden_rule"]["planted_signals"]:
        cutoff, selected, reason = chosen[planted["signal"]]
        assert selected, f"{planted['signal']} not selected: {reason}"
        assert abs(cutoff - planted["threshold"]) <= 1, (
            f"{planted['signal']}: cutoff {cutoff}, planted {planted['threshold']}"
        )
    selected = {name for name, (_, is_selected, _) in chosen.items() if is_selected}
    assert not selected & set(truth["noise_events"]), selected & set(truth["noise_events"])
    assert not selected & set(truth["leak_events"])
    # every row that is not selected says why
    assert (
        query(db, "select count(*) from pql_signal_thresholds where not is_selected and selection_reason is null")[0][0]
        == 0
    )


@pytest.fixture(scope="module")
def demo_world(tmp_path_factory):
    """The demo world of scripts/demo.sh (5000 accounts, seed 7)."""
    return build_world(tmp_path_factory, "demo", accounts=5000, seed=7)


def test_backtest_conversion_rises_from_not_pql_to_high_in_both_modes(demo_world):
    _, db, _, _ = demo_world
    rows = query(
        db,
        "select scoring_mode, pql_band, test_accounts, test_conversion_rate from pql_band_backtest"
        " order by scoring_mode, band_rank desc",
    )
    by_mode = {}
    for mode, band, n, rate in rows:
        by_mode.setdefault(mode, []).append((band, n, rate))
    assert set(by_mode) == {"configured", "derived"}
    for mode, bands in by_mode.items():
        assert [b for b, _, _ in bands] == ["not_pql", "low", "mid", "high"]
        assert all(n > 0 for _, n, _ in bands), (mode, bands)
        rates = [r for _, _, r in bands]
        assert all(b > a for a, b in itertools.pairwise(rates)), (mode, bands)
    assert query(db, "select bool_and(is_monotonic) from pql_band_backtest")[0][0]


def test_derived_mode_scores_with_the_analysis_and_says_so(demo_world):
    _, db, dbt, vars = demo_world
    dbt.run(
        "build",
        "--select",
        "+pql_accounts",
        "--exclude",
        "resource_type:test",
        db=db,
        vars={**vars, "pql__scoring_mode": "derived"},
    )
    mode, runs, run_id = query(
        db, "select min(scoring_mode), count(distinct analysis_run_id), min(analysis_run_id) from pql_accounts"
    )[0]
    assert mode == "derived" and runs == 1
    assert run_id == query(db, "select min(analysis_run_id) from pql_signal_thresholds")[0][0]
    origins = dict(
        query(
            db,
            "select signal_id, threshold_origin from int_signals_in_force where scoring_mode = 'derived' and is_enabled",
        )
    )
    assert origins["key_feature_habit"] == "derived" and origins["company_size_smb"] == "configured"
    cutoff = query(db, "select cutoff from pql_signal_points where feature_name = 'report_created'")[0][0]
    in_force = query(
        db,
        "select threshold_min, points from int_signals_in_force where scoring_mode = 'derived' and signal_id = 'key_feature_habit'",
    )[0]
    points = query(db, "select points from pql_signal_points where feature_name = 'report_created'")[0][0]
    assert in_force == (cutoff, points)
    # the maximum total is 100: derived points plus what the configured groups keep
    budget = query(db, "select min(points_budget), sum(points) from pql_signal_points")[0]
    assert budget[0] == budget[1]
