"""Graded tiers, tiered points, calibrated bands and the band back-test's verdict, on small aggregates
whose truth is planted here (issue #15, items 3 and 4)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pql_scoring.cohort import (
    PENALTY_GRID,
    AnalysisParams,
    band_backtest,
    calibrate_bands,
    derived_points,
    fit_grouped_logistic,
    graded_tiers,
    penalty_by_cross_validation,
    signal_thresholds,
)

SEED_BANDS = pd.DataFrame(
    {"band": ["high", "mid", "low", "not_pql"], "min_score": [70, 40, 20, 0], "max_score": [100, 69, 39, 19]}
)


def _step_histogram(rate_of, accounts_of, values) -> pd.DataFrame:
    """One feature's histogram: accounts_of(v) accounts at value v, of which round(rate_of(v) * n) convert."""
    rows = []
    for v in values:
        n = accounts_of(v)
        c = round(rate_of(v) * n)
        rows.append({"feature_name": "reports", "feature_value": v, "converters": c, "non_converters": n - c})
    return pd.DataFrame(rows)


def _planted_steps(v: int) -> float:
    # conversion steps up at 3 and again at 12: two real tiers
    return 0.02 if v < 3 else 0.09 if v < 12 else 0.30


def _accounts(v: int) -> int:
    return 3000 if v == 0 else 600 if v < 12 else 120


def test_two_planted_steps_are_found_as_two_tiers():
    hist = _step_histogram(_planted_steps, _accounts, range(0, 30))
    out = signal_thresholds(hist, AnalysisParams(bootstrap_samples=20))
    tiers = out[out["tier_rank"].notna()].sort_values("cutoff")
    assert len(tiers) == 2, tiers[["cutoff", "tier_rank", "selection_reason"]]
    low, high = tiers["cutoff"].tolist()
    assert abs(low - 3) <= 1 and abs(high - 12) <= 1, (low, high)
    assert tiers["tier_rank"].tolist() == [1, 2]
    # the upper tier's step, measured here: conversion at 12+ over conversion at 3..11
    assert tiers.iloc[1]["tier_lift"] == pytest.approx(0.30 / 0.09, rel=0.02)
    assert tiers.iloc[1]["tier_q_value"] < 0.05
    assert "tier 2 of 2; conversion at" in tiers.iloc[1]["selection_reason"]


def test_a_single_step_gives_a_single_tier_and_max_tiers_1_turns_tiers_off():
    flat_above = _step_histogram(lambda v: 0.02 if v < 3 else 0.12, _accounts, range(0, 30))
    out = signal_thresholds(flat_above, AnalysisParams(bootstrap_samples=20))
    assert out["tier_rank"].notna().sum() == 1
    assert out.loc[out["tier_rank"].notna(), "is_chosen"].all()
    two_steps = _step_histogram(_planted_steps, _accounts, range(0, 30))
    values, conv, non = (two_steps[c].to_numpy() for c in ("feature_value", "converters", "non_converters"))
    assert graded_tiers(values, conv, non, 3, AnalysisParams(max_tiers=1)) == []
    with pytest.raises(ValueError, match="var pql__analysis_max_tiers must be at least 1"):
        AnalysisParams.from_meta({"max_tiers": "0"})


def _nested_patterns(groups: list[tuple[str, int, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "pattern": [g[0] for g in groups],
            "accounts": [g[1] for g in groups],
            "converters": [round(g[1] * g[2]) for g in groups],
        }
    )


def _rate(log_odds: float) -> float:
    return 1 / (1 + np.exp(-log_odds))


def test_tier_points_are_the_steps_up_to_them_and_the_top_tier_takes_the_budget():
    # flags over (reports >= 2, reports >= 10): nested, so 0|1 never happens
    # log-odds -3 + 1.0 at 2+ and a further 1.5 at 10+
    patterns = _nested_patterns(
        [("0|0", 200_000, _rate(-3.0)), ("1|0", 100_000, _rate(-2.0)), ("1|1", 50_000, _rate(-0.5))]
    )
    selected = pd.DataFrame(
        {"feature_name": ["reports", "reports"], "cutoff": [2, 10], "youden_j": [0.3, 0.2], "is_chosen": [True, False]}
    )
    out = derived_points(patterns, selected, budget=50).set_index("cutoff")
    # the penalised fit shrinks the planted steps a little towards 0, never past them
    assert 0.95 <= out.loc[2, "coefficient"] <= 1.0 + 1e-6
    assert 1.5 * 0.95 <= out.loc[10, "coefficient"] <= 1.5 + 1e-6
    assert out.loc[2, "points"] == 20  # 50 x 1.0 / 2.5
    assert out.loc[10, "points"] == 50  # the whole budget: only the highest tier reached counts
    assert out["tier_rank"].tolist() == [1, 2]
    assert out.loc[10, "points_reason"].startswith("tier 2 of 2")
    assert out["points_key"].tolist() == ["reports:2", "reports:10"]


def test_a_tier_without_a_step_of_its_own_is_left_out():
    # reports >= 5 changes nothing over reports >= 2 (same log-odds)
    patterns = _nested_patterns(
        [("0|0", 100_000, _rate(-3.0)), ("1|0", 4_000, _rate(-1.8)), ("1|1", 3_000, _rate(-1.8))]
    )
    selected = pd.DataFrame(
        {"feature_name": ["reports", "reports"], "cutoff": [2, 5], "youden_j": [0.3, 0.2], "is_chosen": [True, False]}
    )
    out = derived_points(patterns, selected, budget=40).set_index("cutoff")
    assert out.loc[2, "points"] == 40 and out.loc[5, "points"] == 0
    assert pd.isna(out.loc[5, "tier_rank"])
    # its step is 0 planted: the penalised fit leaves it at or near 0, and either rule leaves it out
    assert out.loc[5, "points_reason"].startswith(
        ("this tier adds nothing to the tiers below it", "its step over the tier below would round to")
    ), out.loc[5, "points_reason"]


def _smooth_volume(v: int) -> float:
    # conversion rises with log(1 + the count), no step anywhere (the volume world's rule)
    return float(_rate(-4.0 + 0.9 * np.log1p(v)))


def _small_cohort(v: int) -> int:
    # about 620 accounts: most use the product a little, a long tail uses it a lot
    return 80 if v == 0 else 30 if v < 5 else 12 if v < 20 else 6


def test_a_count_that_keeps_predicting_is_graded_on_a_small_cohort():
    """Issue 47: where conversion keeps rising with a count, the tiers follow it although no single
    step would pass a per-step test on a cohort this small; points rise with the tier."""
    hist = _step_histogram(_smooth_volume, _small_cohort, range(0, 60))
    params = AnalysisParams(bootstrap_samples=20, max_tiers=4, min_cohort_accounts=100)
    out = signal_thresholds(hist, params)
    tiers = out[out["tier_rank"].notna()].sort_values("cutoff")
    assert len(tiers) >= 3, out.loc[out["is_chosen"], ["cutoff", "selection_reason"]]
    assert tiers["tier_rank"].tolist() == list(range(1, len(tiers) + 1))
    # every tier holds the minimum support
    values, accounts = hist["feature_value"].to_numpy(), (hist["converters"] + hist["non_converters"]).to_numpy()
    bounds = [*tiers["cutoff"].tolist(), np.inf]
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        assert accounts[(values >= lo) & (values < hi)].sum() >= params.min_support, (lo, hi)
    assert tiers["selection_reason"].str.contains("Mann-Whitney p = ").sum() == len(tiers) - 1
    # a count that predicts nothing above its first step is not graded
    flat = _step_histogram(lambda v: 0.02 if v < 3 else 0.15, _small_cohort, range(0, 60))
    values, conv, non = (flat[c].to_numpy() for c in ("feature_value", "converters", "non_converters"))
    assert graded_tiers(values, conv, non, 3, params) == []


def test_the_penalty_is_chosen_by_cross_validation_and_shrinks_on_a_small_noisy_cohort():
    rng = np.random.default_rng(11)
    flags = np.array([[a, b] for a in (0, 1) for b in (0, 1)], dtype=float)

    def shrinkage(successes, trials) -> tuple[float, float]:
        """(the chosen penalty, its coefficient of a over the unpenalised one)"""
        penalty = penalty_by_cross_validation(flags, successes, trials, AnalysisParams())
        shrunk = fit_grouped_logistic(flags, successes, trials, ridge=penalty)[1][0]
        free = fit_grouped_logistic(flags, successes, trials, ridge=0.0)[1][0]
        return penalty, shrunk / free

    # a large cohort with a strong effect of a: the chosen penalty leaves it nearly as it is (the
    # one-standard-error rule leans to the larger penalty of those that fit as well)
    large = np.array([5_000, 5_000, 5_000, 5_000])
    penalty, kept = shrinkage(np.round(large * _rate(-2.5 + 1.5 * flags[:, 0])), large)
    assert penalty in PENALTY_GRID and kept > 0.9, (penalty, kept)
    # a small cohort where neither flag matters: what the noise gives a is shrunk by half or more
    small = np.array([40, 40, 40, 40])
    successes = rng.binomial(small, 0.1)
    penalty, kept = shrinkage(successes, small)
    assert penalty >= 10.0 and abs(kept) < 0.5, (penalty, kept, successes)
    # the points carry the penalty they were fitted with
    patterns = _nested_patterns(
        [("0|0", 20_000, _rate(-3.0)), ("1|0", 10_000, _rate(-2.0)), ("1|1", 5_000, _rate(-0.5))]
    )
    selected = pd.DataFrame(
        {"feature_name": ["reports", "reports"], "cutoff": [2, 10], "youden_j": [0.3, 0.2], "is_chosen": [True, False]}
    )
    out = derived_points(patterns, selected, budget=50)
    assert out["penalty"].nunique() == 1 and out["penalty"].iloc[0] in PENALTY_GRID


def _score_frame(rate_of, accounts_per_score: int, scores=range(0, 101)) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "pql_score": list(scores),
            "accounts": accounts_per_score,
            "converters": [round(rate_of(s) * accounts_per_score) for s in scores],
        }
    )


def test_calibration_recovers_planted_band_boundaries():
    # conversion steps at 25, 45 and 80 (not the seed's 20/40/70): the best four-band cut is there
    def planted(s):
        return 0.01 if s < 25 else 0.05 if s < 45 else 0.15 if s < 80 else 0.40

    train = _score_frame(planted, 200)
    out = calibrate_bands(train, SEED_BANDS, AnalysisParams()).set_index("band")
    assert (
        out.loc["low", "min_score"] == 25 and out.loc["mid", "min_score"] == 45 and out.loc["high", "min_score"] == 80
    )
    assert out.loc["not_pql", "min_score"] == 0 and out.loc["high", "max_score"] == 100
    assert (out["band_origin"] == "calibrated").all()
    # every score 0..100 in exactly one band
    covered = sorted(s for r in out.itertuples() for s in range(r.min_score, r.max_score + 1))
    assert covered == list(range(101))
    # the train figures are the train frame's, counted here
    for band, row in out.iterrows():
        inside = train[train["pql_score"].between(row["min_score"], row["max_score"])]
        assert row["train_accounts"] == inside["accounts"].sum(), band
        assert row["train_converters"] == inside["converters"].sum(), band


def test_calibration_keeps_every_band_populated_where_the_seed_would_leave_one_empty():
    # derived scores that never reach 70: the seed's high band would be empty
    train = _score_frame(lambda s: 0.005 + s / 200, 60, scores=range(0, 61))
    out = calibrate_bands(train, SEED_BANDS, AnalysisParams(min_support=20)).set_index("band")
    assert (out["band_origin"] == "calibrated").all()
    assert (out["train_accounts"] >= 20).all()
    rates = [out.loc[b, "train_converters"] / out.loc[b, "train_accounts"] for b in ("not_pql", "low", "mid", "high")]
    assert all(b > a for a, b in zip(rates, rates[1:], strict=False)), rates


@pytest.mark.parametrize(
    "train, note",
    [
        (_score_frame(lambda s: 0.1, 100, scores=[0, 50]), "not calibrated: the train cohort has 200 scored accounts"),
        (_score_frame(lambda s: 0.5 - s / 250, 100), "not calibrated: no cut of the train cohort's scores"),
    ],
)
def test_without_a_cut_that_ranks_the_seed_bands_stay_and_say_why(train, note):
    out = calibrate_bands(train, SEED_BANDS, AnalysisParams())
    # a seed band left without train accounts is named (scores 0 and 50 only: low and high are empty)
    empty = [b for b in ("not_pql", "low", "mid", "high") if not out.set_index("band").loc[b, "train_accounts"]]
    assert (
        out["calibration_note"]
        .str.endswith(
            f"of the seed's bands, {', '.join(empty)} hold no train account" if empty else "the seed's bands stay"
        )
        .all()
    ), (empty, out["calibration_note"].iloc[0])
    assert (out["band_origin"] == "configured").all()
    assert out["calibration_note"].str.startswith(note).all(), out["calibration_note"].iloc[0]
    assert sorted(zip(out["band"], out["min_score"], out["max_score"], strict=True)) == sorted(
        zip(SEED_BANDS["band"], SEED_BANDS["min_score"], SEED_BANDS["max_score"], strict=True)
    )


def _backtest_scores(test: dict[int, tuple[int, int]]) -> pd.DataFrame:
    rows = []
    for split in ("train", "test"):
        for score, (n, c) in test.items():
            rows.append(
                {"scoring_mode": "derived", "cohort_split": split, "pql_score": score, "accounts": n, "converters": c}
            )
    return pd.DataFrame(rows)


BANDS_IN_FORCE = SEED_BANDS.assign(scoring_mode="derived", band_origin="calibrated")


def test_band_backtest_bands_by_the_bands_in_force_and_reports_overlapping_intervals():
    # large bands, well apart: the order is established
    apart = band_backtest(
        _backtest_scores({10: (2000, 20), 30: (2000, 100), 50: (2000, 300), 80: (2000, 800)}), BANDS_IN_FORCE
    )
    assert apart["ranking_verdict"].iloc[0] == "rises, every band's 95% interval above the one below"
    assert not apart["overlaps_band_below"].any()
    assert apart.set_index("pql_band").loc["high", "min_score"] == 70
    assert (apart["band_origin"] == "calibrated").all()
    # the same rates on 40 accounts a band: rising point estimates, intervals that overlap
    small = band_backtest(_backtest_scores({10: (40, 0), 30: (40, 2), 50: (40, 6), 80: (40, 16)}), BANDS_IN_FORCE)
    by_band = small.set_index("pql_band")
    assert by_band["is_monotonic"].all()
    assert by_band.loc["low", "overlaps_band_below"] and by_band.loc["mid", "overlaps_band_below"]
    assert not by_band.loc["not_pql", "overlaps_band_below"]
    verdict = small["ranking_verdict"].iloc[0]
    assert verdict.startswith("rises in the point estimates, but the 95% intervals of low and not_pql")
    assert "not established" in verdict
    # a band that converts below the one under it
    broken = band_backtest(
        _backtest_scores({10: (1000, 10), 30: (1000, 80), 50: (1000, 50), 80: (1000, 300)}), BANDS_IN_FORCE
    )
    assert broken["ranking_verdict"].iloc[0] == "does not rise: mid (5.0%) converts no better than low (8.0%)"
    assert not broken["is_monotonic"].any()
