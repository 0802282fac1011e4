"""The cohort statistics against cases worked out by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from pql_scoring.cohort import (
    AnalysisParams,
    auc,
    band_backtest,
    benjamini_hochberg,
    best_cutoff,
    cutoff_sweep,
    derived_points,
    fit_grouped_logistic,
    flag_correlations,
    integer_points,
    population_stability_index,
    ranking_against_baselines,
    reserved_points,
    signal_deltas,
    signal_thresholds,
    top_decile_lift,
    two_proportion_test,
    wilson_interval,
)

PARAMS = AnalysisParams(
    min_cohort_accounts=50, min_converters=10, min_support=10, min_converters_at_cutoff=3, bootstrap_samples=50
)


def test_wilson_interval_of_8_out_of_10():
    # centre (0.8 + 1.96^2/20) / (1 + 1.96^2/10) = 0.7167; half-width 1.96*sqrt(0.016 + 0.0096)/1.3842 = 0.2266
    lo, hi = wilson_interval(8, 10)
    assert lo == pytest.approx(0.4902, abs=1e-4)
    assert hi == pytest.approx(0.9433, abs=1e-4)
    assert all(math.isnan(v) for v in wilson_interval(0, 0))


def test_wilson_interval_stays_inside_0_1():
    assert wilson_interval(0, 20)[0] == 0.0
    assert wilson_interval(20, 20)[1] == 1.0


def test_two_proportion_test_on_the_seed_examples():
    # "Why PQLs outperform MQLs": 70% vs 8% is a strong signal; pooled p = 0.39, se = sqrt(0.39 * 0.61 * 0.02) = 0.068978
    z, p = two_proportion_test(70, 100, 8, 100)
    assert z == pytest.approx(0.62 / 0.068978, rel=1e-4)
    assert p < 1e-15
    # 15% vs 10% is not: pooled 0.125, se = 0.046771, z = 1.0690, p = 0.2851
    z, p = two_proportion_test(15, 100, 10, 100)
    assert z == pytest.approx(1.0690, abs=1e-3)
    assert p == pytest.approx(0.2851, abs=1e-3)


def test_benjamini_hochberg_by_hand():
    # sorted 0.005, 0.01, 0.03, 0.04 -> x4/1, x4/2, x4/3, x4/4 = 0.02, 0.02, 0.04, 0.04 (then monotone)
    q = benjamini_hochberg([0.01, 0.04, 0.03, 0.005])
    assert q == pytest.approx([0.02, 0.04, 0.04, 0.02])
    q = benjamini_hochberg([0.04, float("nan"), 0.01])
    assert q[0] == pytest.approx(0.04) and q[2] == pytest.approx(0.02) and math.isnan(q[1])


def test_population_stability_index_by_hand():
    # (0.25 - 0.5) ln(0.5) + (0.75 - 0.5) ln(1.5) = 0.17329 + 0.10137
    assert population_stability_index([50, 50], [25, 75]) == pytest.approx(0.27465, abs=1e-4)
    assert population_stability_index([10, 20, 30], [1, 2, 3]) == pytest.approx(0.0)


VALUES = np.arange(6)
CONVERTERS = np.array([5, 5, 5, 30, 30, 25])  # 100 converters
NON_CONVERTERS = np.array([300, 200, 100, 20, 10, 10])  # 640 non-converters


def test_sweep_finds_the_known_best_cutoff():
    # J(k) = TPR - FPR: k=1 .95-.531=.419, k=2 .90-.219=.681, k=3 .85-.0625=.7875, k=4 .55-.03125=.519
    sweep = cutoff_sweep(VALUES, CONVERTERS, NON_CONVERTERS, PARAMS)
    j = dict(zip(sweep["cutoff"], sweep["youden_j"], strict=True))
    assert j[1] == pytest.approx(0.95 - 340 / 640)
    assert j[3] == pytest.approx(0.85 - 40 / 640)
    assert best_cutoff(sweep) == 3
    row = sweep.set_index("cutoff").loc[3]
    assert row["conversion_rate_at_or_above"] == pytest.approx(85 / 125)
    assert row["conversion_rate_below"] == pytest.approx(15 / 615)


def test_support_guard_moves_the_cutoff():
    strict = AnalysisParams(min_support=130, min_converters_at_cutoff=3)
    # k=3 flags only 125 accounts: the best supported cutoff is then k=2 (230 accounts)
    assert best_cutoff(cutoff_sweep(VALUES, CONVERTERS, NON_CONVERTERS, strict)) == 2


def _histogram(features: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]) -> pd.DataFrame:
    rows = []
    for name, (values, conv, non) in features.items():
        for v, c, n in zip(values, conv, non, strict=True):
            rows.append({"feature_name": name, "feature_value": int(v), "converters": int(c), "non_converters": int(n)})
    return pd.DataFrame(rows)


def test_thresholds_select_a_real_signal_and_explain_every_other_row():
    hist = _histogram(
        {
            "key_feature": (VALUES, CONVERTERS, NON_CONVERTERS),
            # the same share does it among converters and non-converters: no signal
            "noise": (np.array([0, 1, 2]), np.array([50, 30, 20]), np.array([320, 192, 128])),
            "everyone": (np.array([1]), np.array([100]), np.array([640])),
            "nobody": (np.array([0]), np.array([100]), np.array([640])),
        }
    )
    out = signal_thresholds(hist, PARAMS)
    chosen = out[out["is_chosen"]].set_index("feature_name")
    assert chosen.loc["key_feature", "cutoff"] == 3 and chosen.loc["key_feature", "is_selected"]
    assert chosen.loc["key_feature", "cutoff_ci_low"] <= 3 <= chosen.loc["key_feature", "cutoff_ci_high"]
    assert not out.loc[out["feature_name"] == "noise", "is_selected"].any()
    assert out["selection_reason"].notna().all()
    reasons = out.groupby("feature_name")["selection_reason"].first()
    assert "single-valued" in reasons["everyone"]
    assert "no account" in reasons["nobody"]


def test_deltas_compare_completion_rates():
    hist = _histogram(
        {
            "key_feature": (VALUES, CONVERTERS, NON_CONVERTERS),
            "excluded": (np.array([0, 1]), np.array([50, 50]), np.array([320, 320])),
        }
    )
    out = signal_deltas(hist, AnalysisParams(**{**PARAMS.__dict__, "excluded_features": ("excluded",)})).set_index(
        "feature_name"
    )
    assert out.loc["key_feature", "converter_rate"] == pytest.approx(0.95)
    assert out.loc["key_feature", "non_converter_rate"] == pytest.approx(340 / 640)
    assert out.loc["key_feature", "delta"] == pytest.approx(0.95 - 340 / 640)
    assert out.loc["key_feature", "is_significant"]
    assert "excluded" in out.loc["excluded", "note"] and not out.loc["excluded", "is_significant"]


@pytest.mark.parametrize(
    "conv, non, message",
    [
        (np.array([0, 0]), np.array([0, 0]), "cohort too small: 0 accounts"),
        (np.array([0, 0]), np.array([300, 300]), "cohort has no converters"),
        (np.array([3, 2]), np.array([300, 300]), "too few converters: 5"),
    ],
)
def test_guards_give_a_message_and_a_valid_result(conv, non, message):
    hist = _histogram({"x": (np.array([0, 1]), conv, non)})
    for frame in (signal_deltas(hist, PARAMS), signal_thresholds(hist, PARAMS)):
        assert len(frame) == 1
        assert frame.iloc[0]["feature_name"] == "__cohort__"
        text = frame.iloc[0].get("note") or frame.iloc[0].get("selection_reason")
        assert message in text
    assert (
        signal_deltas(pd.DataFrame(columns=["feature_name", "feature_value", "converters", "non_converters"]), PARAMS)
        .iloc[0]["note"]
        .startswith("cohort too small")
    )


def test_grouped_logistic_recovers_known_coefficients():
    patterns = np.array([[a, b] for a in (0, 1) for b in (0, 1)])
    truth = np.array([-3.0, 1.5, 0.7])
    p = 1 / (1 + np.exp(-(truth[0] + patterns @ truth[1:])))
    trials = np.full(4, 1_000_000)
    intercept, coef, se = fit_grouped_logistic(patterns, np.round(p * trials), trials, ridge=0.0)
    assert intercept == pytest.approx(-3.0, abs=1e-2)
    assert coef == pytest.approx([1.5, 0.7], abs=1e-2)
    assert (se > 0).all()


def test_integer_points_add_up_to_the_budget():
    assert integer_points([1, 1, 1], 100).tolist() == [34, 33, 33]
    assert integer_points([2.0, 1.0, -1.0], 60).tolist() == [40, 20, 0]
    assert integer_points([0, 0], 50).tolist() == [0, 0]


def test_derived_points_follow_the_log_odds():
    patterns = pd.DataFrame({"pattern": ["0|0", "0|1", "1|0", "1|1"], "accounts": [4000, 4000, 4000, 4000]})
    truth = np.array([-3.0, 2.0, 1.0])  # features a (2.0) and b (1.0), ordered by name
    flags = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    patterns["converters"] = np.round(patterns["accounts"] / (1 + np.exp(-(truth[0] + flags @ truth[1:]))))
    selected = pd.DataFrame({"feature_name": ["b", "a"], "cutoff": [1, 3]})
    out = derived_points(patterns, selected, budget=60).set_index("feature_name")
    assert out["points"].sum() == 60
    assert out.loc["a", "points"] == pytest.approx(40, abs=1)
    assert out.loc["a", "cutoff"] == 3


def test_reserved_points_are_the_groups_the_analysis_does_not_derive():
    signals = pd.DataFrame(
        [
            # tier_group, rule_type, points, is_enabled, is_pinned
            ("key", "event_count", 10, True, False),
            ("key", "event_count", 20, True, False),
            ("size", "employee_count", 5, True, False),
            ("size", "employee_count", 10, True, False),
            ("recency", "days_since_last_event", 10, True, False),
            ("pinned_aha", "event_count", 30, True, True),
            ("decline", "engagement_decline", -10, True, False),
            ("off", "employee_count", 50, False, False),
        ],
        columns=["tier_group", "rule_type", "points", "is_enabled", "is_pinned"],
    )
    assert reserved_points(signals, ["event_count", "active_users"]) == 10 + 10 + 30
    # a rule type the registry does not mark derivable keeps its points: here event_count too
    assert reserved_points(signals, ["active_users"]) == 20 + 10 + 10 + 30


def _scores(rates_by_band: dict[str, float], n: int = 1000) -> pd.DataFrame:
    score = {"not_pql": 10, "low": 30, "mid": 50, "high": 80}
    rows = []
    for split in ("train", "test"):
        for band, rate in rates_by_band.items():
            rows.append(
                {
                    "scoring_mode": "configured",
                    "cohort_split": split,
                    "pql_score": score[band],
                    "pql_band": band,
                    "accounts": n,
                    "converters": int(rate * n),
                }
            )
    return pd.DataFrame(rows)


def test_backtest_reports_monotonic_bands_and_benchmarks():
    out = band_backtest(_scores({"not_pql": 0.005, "low": 0.02, "mid": 0.07, "high": 0.2})).set_index("pql_band")
    assert out["is_monotonic"].all()
    assert out["is_within_benchmark"].all()
    assert out.loc["high", "test_lift"] == pytest.approx(0.2 / ((0.005 + 0.02 + 0.07 + 0.2) / 4))
    assert out.loc["high", "psi"] == pytest.approx(0.0) and out.loc["high", "drift"] == "none"


def test_backtest_flags_a_broken_order():
    out = band_backtest(_scores({"not_pql": 0.005, "low": 0.04, "mid": 0.03, "high": 0.2}))
    assert not out["is_monotonic"].any()


def test_the_analysis_does_not_depend_on_the_order_rows_arrive_in():
    """A warehouse returns rows in any order: the bootstrap and the fit must give the same numbers."""
    hist = _histogram(
        {
            "key_feature": (VALUES, CONVERTERS, NON_CONVERTERS),
            "other": (np.array([0, 1, 2, 5]), np.array([40, 30, 20, 10]), np.array([400, 150, 60, 30])),
        }
    )
    shuffled = hist.sample(frac=1.0, random_state=3).reset_index(drop=True)
    assert not shuffled.equals(hist)
    pd.testing.assert_frame_equal(signal_thresholds(hist, PARAMS), signal_thresholds(shuffled, PARAMS))
    patterns = pd.DataFrame(
        {"pattern": ["0|0", "0|1", "1|0", "1|1"], "accounts": [400, 300, 200, 100], "converters": [8, 30, 40, 50]}
    )
    selected = pd.DataFrame({"feature_name": ["a", "b"], "cutoff": [1, 2]})
    pd.testing.assert_frame_equal(
        derived_points(patterns, selected, budget=60), derived_points(patterns.iloc[[3, 1, 0, 2]], selected, budget=60)
    )


def test_auc_counts_ties_as_half_a_win():
    assert auc([1, 2, 3, 4], [0, 0, 1, 1]) == 1.0
    assert auc([4, 3, 2, 1], [0, 0, 1, 1]) == 0.0
    assert auc([1, 1, 1, 1], [0, 1, 0, 1]) == 0.5
    # converters at 2 and 3, non-converters at 1 and 2: wins 1 + 1 + 1, one tie: 3.5 of 4 pairs
    assert auc([1, 2, 2, 3], [0, 1, 0, 1]) == pytest.approx(0.875)
    assert math.isnan(auc([1, 2], [1, 1]))


def test_top_decile_lift_shares_the_boundary_among_ties():
    # ten accounts, two converters, the top one converted: the top decile (1 account) converts 100%
    assert top_decile_lift(list(range(10, 0, -1)), [1, 0, 0, 0, 0, 0, 0, 0, 0, 1]) == pytest.approx(5.0)
    # twenty accounts, top decile = 2 places, three tied at the top (one converted): 2/3 of a converter
    # in 2 places = 1/3, over 2/20 overall
    values = [5, 5, 5] + [1] * 17
    labels = [1, 0, 0] + [0] * 16 + [1]
    assert top_decile_lift(values, labels) == pytest.approx((2 / 3 / 2) / (2 / 20))
    # the order of the rows does not matter
    assert top_decile_lift(values[::-1], labels[::-1]) == pytest.approx(top_decile_lift(values, labels))


def test_a_score_that_separates_beats_a_baseline_that_does_not():
    rng = np.random.default_rng(3)
    n = 400
    converted = rng.random(n) < 0.2
    accounts = pd.DataFrame(
        {
            "scoring_mode": "configured",
            "account_id": [f"a{i:04d}" for i in range(n)],
            "cohort_split": "test",
            "is_converted": converted,
            "pql_score": np.where(converted, 70, 20) + rng.integers(0, 10, n),  # separates perfectly
            "event_count": rng.integers(0, 50, n),  # unrelated to conversion
            "active_days": np.where(converted, 5, 3) + rng.integers(0, 6, n),  # overlaps
        }
    )
    out = ranking_against_baselines(accounts, AnalysisParams(bootstrap_samples=100)).set_index("ranker")
    assert out.loc["pql_score", "auc"] == 1.0
    assert 0.4 < out.loc["event_count", "auc"] < 0.6
    assert out.loc["event_count", "auc_low"] < 0.5 < out.loc["event_count", "auc_high"]
    assert out.loc["event_count", "is_beaten_by_score"] and out.loc["active_days", "is_beaten_by_score"]
    assert not out.loc["pql_score", "is_beaten_by_score"]
    assert out.loc["pql_score", "top_decile_lift"] == pytest.approx(1 / converted.mean())
    # train rows are not scored
    more = pd.concat([accounts, accounts.assign(cohort_split="train", account_id=accounts["account_id"] + "t")])
    assert ranking_against_baselines(more, AnalysisParams(bootstrap_samples=100)).equals(
        ranking_against_baselines(accounts, AnalysisParams(bootstrap_samples=100))
    )


def test_the_verdict_names_the_better_baseline_and_says_when_the_score_ranks_below_it():
    # volume decides conversion: the event count ranks best (AUC 1 on distinct counts), active days
    # overlap, and a score with three levels only sorts the top from the rest
    rng = np.random.default_rng(5)
    n = 500
    events = rng.permutation(n) * 3
    converted = events >= np.quantile(events, 0.8)
    accounts = pd.DataFrame(
        {
            "scoring_mode": "derived",
            "account_id": [f"a{i:04d}" for i in range(n)],
            "cohort_split": "test",
            "is_converted": converted,
            "pql_score": np.where(events >= np.quantile(events, 0.95), 60, np.where(events > n, 10, 0)),
            "event_count": events,
            "active_days": np.where(converted, 6, 3) + rng.integers(0, 5, n),
        }
    )
    out = ranking_against_baselines(accounts, AnalysisParams(bootstrap_samples=100)).set_index("ranker")
    assert out["best_baseline"].eq("event_count").all()
    score_auc, count_auc = out.loc["pql_score", "auc"], out.loc["event_count", "auc"]
    assert count_auc == 1.0 and score_auc < 0.95
    assert out["score_margin"].eq(score_auc - count_auc).all()
    assert out.loc["pql_score", "score_margin_low"] <= out.loc["pql_score", "score_margin"] < 0
    assert out.loc["pql_score", "score_margin_high"] < 0
    assert out["is_score_below_baseline"].all()
    verdict = out.loc["pql_score", "baseline_verdict"]
    assert verdict.startswith("derived score ranks buyers below event_count: ")
    assert f"score AUC {score_auc:.3f} against event_count 1.000" in verdict and "500 held-out accounts" in verdict
    # the same cohort with a score that sorts by volume exactly: not below, and clearly better than
    # active days only (it ties the event count)
    exact = ranking_against_baselines(accounts.assign(pql_score=events), AnalysisParams(bootstrap_samples=100))
    assert not exact["is_score_below_baseline"].any()
    assert exact["score_margin"].eq(0).all()
    assert exact["baseline_verdict"].iloc[0].startswith("derived score ranks at least as well as event_count")


def _patterns(flags: np.ndarray, accounts: np.ndarray, intercept: float, effects: np.ndarray) -> pd.DataFrame:
    """Flag patterns (features ordered by name) with converters at exactly the logistic model's rate."""
    rate = 1 / (1 + np.exp(-(intercept + flags @ effects)))
    return pd.DataFrame(
        {
            "pattern": ["|".join(str(int(v)) for v in row) for row in flags],
            "accounts": accounts,
            "converters": np.round(accounts * rate),
        }
    )


def test_a_signal_that_coincides_with_a_stronger_one_is_scored_once():
    # a and a_twin fire together for all but 1% of accounts (a page view and its page leave); b is
    # its own behaviour
    flags = np.array([[0, 0, 0], [0, 0, 1], [1, 1, 0], [1, 1, 1], [1, 0, 0], [0, 1, 1]])
    accounts = np.array([4000, 3000, 3000, 2000, 60, 60])
    patterns = _patterns(flags, accounts, -3.0, np.array([1.0, 0.7, 0.0]))  # a, a_twin, b by name
    selected = pd.DataFrame({"feature_name": ["a", "a_twin", "b"], "cutoff": [1, 1, 2], "youden_j": [0.30, 0.25, 0.2]})
    out = derived_points(patterns, selected, budget=60).set_index("feature_name")
    assert out.loc["a_twin", "points"] == 0
    assert out.loc["a_twin", "points_reason"].startswith("coincides with a on the cohort")
    assert np.isnan(out.loc["a_twin", "coefficient"])
    assert out.loc["a", "points"] > 0
    # b has no effect of its own here: it adds nothing to the fit
    assert (
        out.loc["b", "points"] == 0 and "adds nothing to the joint fit once a is known" in out.loc["b", "points_reason"]
    )
    assert out["points"].sum() == 60
    # the stronger of the two stays, whichever it is by name
    flipped = selected.assign(youden_j=[0.25, 0.30, 0.2])
    out = derived_points(patterns, flipped, budget=60).set_index("feature_name")
    assert out.loc["a", "points"] == 0 and out.loc["a", "points_reason"].startswith("coincides with a_twin")
    assert out.loc["a_twin", "points"] == 60


def test_coinciding_is_a_threshold_on_the_flags_correlation():
    flags = np.array([[0, 0], [1, 1], [1, 0], [0, 1]])
    accounts = np.array([5000, 4000, 500, 500])  # phi about 0.8
    patterns = _patterns(flags, accounts, -3.0, np.array([1.0, 1.0]))
    selected = pd.DataFrame({"feature_name": ["a", "b"], "cutoff": [1, 1], "youden_j": [0.3, 0.2]})
    phi = flag_correlations(flags.astype(float), accounts)[0, 1]
    assert 0.75 < phi < 0.85
    both = derived_points(patterns, selected, budget=60, params=AnalysisParams(max_flag_correlation=0.9))
    assert (both["points"] > 0).all()
    one = derived_points(patterns, selected, budget=60, params=AnalysisParams(max_flag_correlation=0.75))
    assert one.set_index("feature_name")["points"].to_dict() == {"a": 60, "b": 0}


def test_a_signal_worth_one_point_or_less_is_left_out_and_the_rest_refitted():
    # b is real (significant on a large cohort) but tiny beside a: 60 * 0.04 / 3.04 rounds to 1
    flags = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    accounts = np.array([400_000, 400_000, 400_000, 400_000])
    patterns = _patterns(flags, accounts, -4.0, np.array([3.0, 0.04]))
    selected = pd.DataFrame({"feature_name": ["a", "b"], "cutoff": [1, 1], "youden_j": [0.5, 0.01]})
    out = derived_points(patterns, selected, budget=60).set_index("feature_name")
    assert out.loc["b", "points"] == 0
    assert out.loc["b", "points_reason"].startswith("its points would round to 1 (1 or less)")
    assert out.loc["a", "points"] == 60
    assert out.loc["a", "points_reason"] == "proportional to its log-odds in the joint fit"


def test_a_bad_analysis_var_is_named():
    with pytest.raises(ValueError, match="var pql__analysis_alpha must be a number; got 'often'"):
        AnalysisParams.from_meta({"alpha": "often"})
    with pytest.raises(ValueError, match="var pql__analysis_max_flag_correlation must be a number of at least 0"):
        AnalysisParams.from_meta({"max_flag_correlation": "-1"})
    assert AnalysisParams.from_meta({"min_support": "30", "alpha": "0.01"}).min_support == 30
