"""Cohort-delta analysis: which behaviours separate converters from non-converters, at which cutoff,
with how much weight, and how the bands convert on a held-out cohort.

Every function here works on small aggregates that SQL prepares (a histogram of per-account feature
values by outcome; counts per flag pattern; counts per score), never on events, so its cost does not
grow with event volume. The dbt Python models in models/analysis are thin wrappers around it.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats
from sklearn.exceptions import ConvergenceWarning as SklearnConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import RepeatedStratifiedKFold
from statsmodels.genmod.families import Binomial
from statsmodels.genmod.generalized_linear_model import GLM
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint, proportions_ztest
from statsmodels.tools.sm_exceptions import ConvergenceWarning

# ---------------------------------------------------------------- parameters


@dataclass(frozen=True)
class AnalysisParams:
    """Guards and choices of the analysis (dbt vars `pql__analysis_*`)."""

    min_cohort_accounts: int = 200  # fewer accounts than this: no signal is derived
    min_converters: int = 20  # fewer converters (or non-converters) than this: no signal is derived
    min_support: int = 20  # accounts at or above a cutoff, at least
    min_converters_at_cutoff: int = 5  # converters at or above a cutoff, at least
    alpha: float = 0.05  # false discovery rate (Benjamini-Hochberg)
    min_lift: float = 1.5  # conversion at >= cutoff over conversion below it
    # two selected signals whose flags correlate at least this much on the cohort are one behaviour:
    # only the stronger enters the score
    max_flag_correlation: float = 0.9
    # a selected count feature may be graded into up to this many nested tiers (1: one cutoff only)
    max_tiers: int = 3
    bootstrap_samples: int = 200
    seed: int = 7
    excluded_features: tuple[str, ...] = field(default_factory=tuple)

    @classmethod
    def from_meta(cls, meta: dict | None) -> AnalysisParams:
        """Parameters from a model's meta (dbt vars rendered as text); missing keys keep their defaults."""
        meta = meta or {}
        kwargs = {}
        for name, f in cls.__dataclass_fields__.items():
            if name not in meta or meta[name] in (None, ""):
                continue
            raw = meta[name]
            if name == "excluded_features":
                items = raw if isinstance(raw, (list, tuple)) else str(raw).split(",")
                kwargs[name] = tuple(sorted(str(i).strip().lower() for i in items if str(i).strip()))
                continue
            try:
                value = float(raw)
            except (TypeError, ValueError):
                raise ValueError(f"pql: var {var_name(name)} must be a number; got {str(raw)!r}") from None
            if not math.isfinite(value) or value < 0:
                raise ValueError(f"pql: var {var_name(name)} must be a number of at least 0; got {str(raw)!r}")
            if name == "max_tiers" and value < 1:
                raise ValueError(
                    f"pql: var {var_name(name)} must be at least 1 (1: one cutoff per signal); got {str(raw)!r}"
                )
            kwargs[name] = int(value) if f.type in ("int", int) else value
        return cls(**kwargs)

    def run_id(self, histogram: pd.DataFrame) -> str:
        """Identifies an analysis run by what it saw: same histogram and parameters, same id."""
        data = histogram.sort_values(list(histogram.columns)).to_csv(index=False) if len(histogram) else ""
        return hashlib.sha1(f"{self!r}|{data}".encode()).hexdigest()[:12]


def var_name(param: str) -> str:
    """The dbt var that sets an AnalysisParams field."""
    return {"excluded_features": "pql__analysis_excluded_events", "seed": "pql__analysis_seed"}.get(
        param, f"pql__analysis_{param}"
    )


# ---------------------------------------------------------------- statistics


def wilson_interval(successes, n, alpha: float = 0.05):
    """Wilson score interval of a binomial proportion (statsmodels' ``proportion_confint``); NaN where
    n is 0. Scalars give a pair of floats, numpy arrays a pair of arrays (element by element)."""
    x, n = np.asarray(successes, dtype=float), np.asarray(n, dtype=float)
    safe = np.where(n > 0, n, 1.0)
    low, high = proportion_confint(np.where(n > 0, x, 0.0), safe, alpha=alpha, method="wilson")
    # at 0 successes (all successes) the interval starts at 0 (ends at 1) exactly, not a rounding away
    low = np.where(n > 0, np.where(x <= 0, 0.0, np.clip(low, 0.0, 1.0)), np.nan)
    high = np.where(n > 0, np.where(x >= n, 1.0, np.clip(high, 0.0, 1.0)), np.nan)
    if low.ndim == 0:
        return (float(low), float(high))
    return low, high


def two_proportion_test(x1: float, n1: float, x2: float, n2: float) -> tuple[float, float]:
    """Pooled two-proportion z test of p1 = p2 (statsmodels' ``proportions_ztest``): (z, two-sided p).
    (nan, nan) when undefined (an empty group, or both proportions 0 or both 1)."""
    if n1 <= 0 or n2 <= 0:
        return (math.nan, math.nan)
    pooled = (x1 + x2) / (n1 + n2)
    if pooled <= 0 or pooled >= 1:
        return (math.nan, math.nan)
    z, p = proportions_ztest(np.array([x1, x2], dtype=float), np.array([n1, n2], dtype=float))
    return (float(z), float(p))


def benjamini_hochberg(p_values) -> np.ndarray:
    """Benjamini-Hochberg q-values (statsmodels' ``multipletests``, fdr_bh); nan p-values stay nan and
    do not count as tests."""
    p = np.asarray(p_values, dtype=float)
    q = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    if ok.any():
        q[ok] = multipletests(p[ok], method="fdr_bh")[1]
    return q


def population_stability_index(expected, actual, eps: float = 1e-4) -> float:
    """PSI between two distributions given as counts over the same buckets."""
    e = np.asarray(expected, dtype=float)
    a = np.asarray(actual, dtype=float)
    if e.sum() <= 0 or a.sum() <= 0:
        return math.nan
    e = np.clip(e / e.sum(), eps, None)
    a = np.clip(a / a.sum(), eps, None)
    return float(np.sum((a - e) * np.log(a / e)))


# ---------------------------------------------------------------- cohort guards


def cohort_totals(histogram: pd.DataFrame) -> tuple[int, int]:
    """(converters, non-converters) in the cohort the histogram describes."""
    if histogram.empty:
        return (0, 0)
    first = histogram["feature_name"].iloc[0]
    rows = histogram[histogram["feature_name"] == first]
    return (int(rows["converters"].sum()), int(rows["non_converters"].sum()))


def cohort_problem(histogram: pd.DataFrame, params: AnalysisParams) -> str | None:
    """Why nothing can be derived from this cohort, or None when it is usable."""
    conv, non = cohort_totals(histogram)
    if conv + non < params.min_cohort_accounts:
        return f"cohort too small: {conv + non} accounts (minimum {params.min_cohort_accounts})"
    if conv == 0:
        return "cohort has no converters"
    if conv < params.min_converters:
        return f"cohort has too few converters: {conv} (minimum {params.min_converters})"
    if non < params.min_converters:
        return f"cohort has too few non-converters: {non} (minimum {params.min_converters})"
    return None


# ---------------------------------------------------------------- deltas


DELTA_COLUMNS = {
    "feature_name": "object",
    "cohort_converters": "int64",
    "cohort_non_converters": "int64",
    "converters_with": "int64",
    "non_converters_with": "int64",
    "converter_rate": "float64",
    "non_converter_rate": "float64",
    "converter_rate_low": "float64",
    "converter_rate_high": "float64",
    "non_converter_rate_low": "float64",
    "non_converter_rate_high": "float64",
    "delta": "float64",
    "lift": "float64",
    "z_statistic": "float64",
    "p_value": "float64",
    "q_value": "float64",
    "is_significant": "bool",
    "note": "object",
}


def _typed(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    out = frame.reindex(columns=list(columns))
    for name, dtype in columns.items():
        if dtype == "object":
            # a text dtype even when empty, so DuckDB creates VARCHAR (not NULL) columns
            out[name] = out[name].astype("string")
        elif dtype == "bool":
            out[name] = out[name].astype(object).where(out[name].notna(), False).astype(bool)
        elif dtype == "int64":
            out[name] = pd.to_numeric(out[name]).round().astype("Int64")  # nullable: guard rows have no counts
        else:
            out[name] = pd.to_numeric(out[name]).astype(dtype)
    return out.reset_index(drop=True)


def signal_deltas(histogram: pd.DataFrame, params: AnalysisParams) -> pd.DataFrame:
    """Per candidate feature: completion ("did it at least once") among converters vs non-converters.

    ``histogram`` has columns feature_name, feature_value, converters, non_converters (all accounts of
    the cohort, zeros included).
    """
    problem = cohort_problem(histogram, params)
    conv_total, non_total = cohort_totals(histogram)
    if problem:
        return _typed(
            pd.DataFrame(
                [
                    {
                        "feature_name": "__cohort__",
                        "cohort_converters": conv_total,
                        "cohort_non_converters": non_total,
                        "note": problem,
                    }
                ]
            ),
            DELTA_COLUMNS,
        )
    rows = []
    for name, g in histogram.groupby("feature_name", sort=True):
        did = g[g["feature_value"] >= 1]
        x1, x2 = int(did["converters"].sum()), int(did["non_converters"].sum())
        p1, p2 = x1 / conv_total, x2 / non_total
        lo1, hi1 = wilson_interval(x1, conv_total)
        lo2, hi2 = wilson_interval(x2, non_total)
        z, p = two_proportion_test(x1, conv_total, x2, non_total)
        if name in params.excluded_features:
            note, p = "excluded by configuration (pql__analysis_excluded_events)", math.nan
        elif x1 + x2 == 0:
            note, p = "no account of the cohort did it in the observation window", math.nan
        elif x1 + x2 == conv_total + non_total:
            note, p = "every account of the cohort did it", math.nan
        else:
            note = None
        rows.append(
            {
                "feature_name": name,
                "cohort_converters": conv_total,
                "cohort_non_converters": non_total,
                "converters_with": x1,
                "non_converters_with": x2,
                "converter_rate": p1,
                "non_converter_rate": p2,
                "converter_rate_low": lo1,
                "converter_rate_high": hi1,
                "non_converter_rate_low": lo2,
                "non_converter_rate_high": hi2,
                "delta": p1 - p2,
                "lift": p1 / p2 if p2 > 0 else math.nan,
                "z_statistic": z if note is None else math.nan,
                "p_value": p,
                "note": note,
            }
        )
    out = pd.DataFrame(rows)
    out["q_value"] = benjamini_hochberg(out["p_value"])
    out["is_significant"] = (out["q_value"] < params.alpha) & (out["delta"] > 0)
    return _typed(out, DELTA_COLUMNS)


# ---------------------------------------------------------------- thresholds


THRESHOLD_COLUMNS = {
    "threshold_key": "object",
    "feature_name": "object",
    "cutoff": "int64",
    "accounts_at_or_above": "int64",
    "converters_at_or_above": "int64",
    "conversion_rate_at_or_above": "float64",
    "conversion_rate_below": "float64",
    "converter_share_reached": "float64",
    "non_converter_share_excluded": "float64",
    "lift": "float64",
    "youden_j": "float64",
    "meets_support": "bool",
    "is_chosen": "bool",
    "cutoff_ci_low": "float64",
    "cutoff_ci_high": "float64",
    "p_value": "float64",
    "q_value": "float64",
    "is_selected": "bool",
    "tier_rank": "int64",
    "tier_lift": "float64",
    "tier_q_value": "float64",
    "selection_reason": "object",
}
# p_value / q_value of THRESHOLD_COLUMNS: two-proportion test of (>= k vs < k) at every supported
# cutoff, with Benjamini-Hochberg over every cutoff of every feature.


def sweep_cutoffs(values: np.ndarray) -> np.ndarray:
    """The cutoffs a sweep tries, ascending: 1 to 100 (up to the largest value seen), and above 100
    each value seen."""
    values = np.asarray(values)
    top = int(values.max()) if len(values) else 0
    return np.concatenate([np.arange(1, min(top, 100) + 1), np.unique(values[values > 100]).astype(int)])


def at_or_above(values: np.ndarray, ks: np.ndarray) -> np.ndarray:
    """values x cutoffs matrix of 1.0 where the value reaches the cutoff: counts per value times it
    give the accounts at or above each cutoff (sums of whole numbers, exact in floating point)."""
    return (np.asarray(values)[:, None] >= np.asarray(ks)[None, :]).astype(float)


def sweep_counts(values, converters, non_converters, params: AnalysisParams) -> dict[str, np.ndarray]:
    """The sweep's counts and shares for one or many count vectors at once: ``converters`` and
    ``non_converters`` are (rows x values), the result's arrays (rows x cutoffs), cutoffs from
    ``sweep_cutoffs``: accounts and converters at or above each cutoff, accounts below it, the
    converter share reached (tpr), the non-converter share excluded (tnr), Youden's J and whether the
    cutoff meets the support rules."""
    ks = sweep_cutoffs(values)
    reach = at_or_above(values, ks)
    conv, non = (
        np.atleast_2d(np.asarray(converters, dtype=float)),
        np.atleast_2d(np.asarray(non_converters, dtype=float)),
    )
    conv_ge, non_ge = conv @ reach, non @ reach
    conv_total, non_total = conv.sum(axis=1, keepdims=True), non.sum(axis=1, keepdims=True)
    acc_ge = conv_ge + non_ge
    acc_lt = conv_total + non_total - acc_ge
    with np.errstate(divide="ignore", invalid="ignore"):
        tpr = np.where(conv_total > 0, conv_ge / conv_total, np.nan)
        tnr = np.where(non_total > 0, 1 - non_ge / non_total, np.nan)
    return {
        "cutoff": ks,
        "conv_ge": conv_ge,
        "acc_ge": acc_ge,
        "acc_lt": acc_lt,
        "conv_total": conv_total,
        "tpr": tpr,
        "tnr": tnr,
        "youden_j": tpr + tnr - 1,
        "meets_support": (acc_ge >= params.min_support)
        & (conv_ge >= params.min_converters_at_cutoff)
        & (acc_lt >= params.min_support),
    }


def cutoff_sweep(
    values: np.ndarray, converters: np.ndarray, non_converters: np.ndarray, params: AnalysisParams
) -> pd.DataFrame:
    """Every cutoff k from 1 to 100 (up to the largest value seen), and above 100 each value seen (the
    histogram rounds values above 100 to two significant digits): what flagging accounts with value
    >= k gives."""
    counts = sweep_counts(values, converters, non_converters, params)
    conv_ge, acc_ge, acc_lt = counts["conv_ge"][0], counts["acc_ge"][0], counts["acc_lt"][0]
    conv_total = counts["conv_total"][0, 0]
    with np.errstate(divide="ignore", invalid="ignore"):
        rate_ge = np.where(acc_ge > 0, conv_ge / acc_ge, np.nan)
        rate_lt = np.where(acc_lt > 0, (conv_total - conv_ge) / acc_lt, np.nan)
        lift = np.where(rate_lt > 0, rate_ge / rate_lt, np.nan)
    return pd.DataFrame(
        {
            "cutoff": counts["cutoff"],
            "accounts_at_or_above": acc_ge.astype(int),
            "converters_at_or_above": conv_ge.astype(int),
            "conversion_rate_at_or_above": rate_ge,
            "conversion_rate_below": rate_lt,
            "converter_share_reached": counts["tpr"][0],
            "non_converter_share_excluded": counts["tnr"][0],
            "lift": lift,
            "youden_j": counts["youden_j"][0],
            "meets_support": counts["meets_support"][0],
        }
    )


def best_cutoff(sweep: pd.DataFrame) -> int | None:
    """The supported cutoff with the largest Youden's J (the smallest such cutoff on ties)."""
    ok = sweep[sweep["meets_support"] & sweep["youden_j"].notna()]
    if ok.empty:
        return None
    return int(ok.sort_values(["youden_j", "cutoff"], ascending=[False, True]).iloc[0]["cutoff"])


def bootstrap_cutoff(values, converters, non_converters, params: AnalysisParams) -> tuple[float, float]:
    """5th and 95th percentiles of the chosen cutoff over multinomial resamples of both outcome groups."""
    rng = np.random.default_rng(params.seed)
    values = np.asarray(values)
    conv = np.asarray(converters, dtype=float)
    non = np.asarray(non_converters, dtype=float)
    if params.bootstrap_samples < 1 or len(values) == 0:
        return (math.nan, math.nan)
    draws_c, draws_n = [], []
    for _ in range(params.bootstrap_samples):
        draws_c.append(rng.multinomial(int(conv.sum()), conv / conv.sum()) if conv.sum() else conv)
        draws_n.append(rng.multinomial(int(non.sum()), non / non.sum()) if non.sum() else non)
    # every resample's sweep at once (resamples x cutoffs), and best_cutoff's choice in each: the
    # largest supported Youden's J, the smallest cutoff on ties
    counts = sweep_counts(values, draws_c, draws_n, params)
    ok = counts["meets_support"] & ~np.isnan(counts["youden_j"])
    has_pick = ok.any(axis=1)
    if not has_pick.any():
        return (math.nan, math.nan)
    picks = counts["cutoff"][np.argmax(np.where(ok, counts["youden_j"], -np.inf), axis=1)[has_pick]]
    return (float(np.percentile(picks, 5)), float(np.percentile(picks, 95)))


def volume_trend(values, converters, non_converters, cutoff: int) -> float:
    """Does the count keep predicting above ``cutoff``? The one-sided p-value of scipy's Mann-Whitney U
    test that, among the accounts at or above the cutoff, converters' values are larger than
    non-converters' (NaN when either group is empty there)."""
    values = np.asarray(values)
    above = values >= cutoff
    conv = np.repeat(values[above], np.asarray(converters, dtype=int)[above])
    non = np.repeat(values[above], np.asarray(non_converters, dtype=int)[above])
    if len(conv) == 0 or len(non) == 0 or len(np.unique(np.concatenate([conv, non]))) < 2:
        return math.nan
    return float(stats.mannwhitneyu(conv, non, alternative="greater").pvalue)


def graded_tiers(values, converters, non_converters, chosen: int, params: AnalysisParams) -> list[dict]:
    """Graded tiers of a selected count feature beside its chosen cutoff: nested cutoffs k1 < k2 < ...
    (value >= k reaches tier k), up to ``params.max_tiers``, where the count keeps predicting
    conversion.

    Greedy: the segments between the cutoffs found so far are [0, k1), [k1, k2), ..., [kn, max]. A
    segment may be graded while the count keeps predicting conversion inside it (``volume_trend`` over
    the segment's accounts, p < alpha: one test that pools every account of the segment, so a small
    cohort passes it where no single step would). Each round splits one such segment at the cutoff
    that explains conversion best (the largest binomial log-likelihood gain), among the cutoffs where
    conversion rises, each side keeps ``params.min_support`` accounts and the upper side
    ``params.min_converters_at_cutoff`` converters. A round with no such split ends the search.
    No step is tested on its own: the joint fit of the points (``derived_points``) shrinks the steps
    a small cohort cannot support, and leaves out those worth 1 point or less.

    Returns one dict per tier cutoff other than ``chosen``: cutoff and tier_q_value (the p-value of
    the trend in the segment it split).
    """
    values = np.asarray(values)
    conv = np.asarray(converters, dtype=float)
    non = np.asarray(non_converters, dtype=float)
    cuts, found = [int(chosen)], []
    while len(cuts) < params.max_tiers:
        best = None  # (gain, cutoff, trend p)
        for lo, hi in itertools.pairwise([0, *cuts, math.inf]):
            inside = (values >= lo) & (values < hi)
            trend = volume_trend(values[inside], conv[inside], non[inside], lo)
            if not trend < params.alpha:
                continue
            sweep = cutoff_sweep(values[inside], conv[inside], non[inside], params)
            sweep = sweep[
                (sweep["cutoff"] > lo)
                & (sweep["cutoff"] < hi)
                & sweep["meets_support"]
                & (sweep["conversion_rate_at_or_above"] > sweep["conversion_rate_below"])
            ]
            if sweep.empty:
                continue
            c_tot, n_tot = conv[inside].sum(), conv[inside].sum() + non[inside].sum()
            x_ge = sweep["converters_at_or_above"].to_numpy(dtype=float)
            n_ge = sweep["accounts_at_or_above"].to_numpy(dtype=float)
            gain = (
                _binomial_log_likelihood(x_ge, n_ge)
                + _binomial_log_likelihood(c_tot - x_ge, n_tot - n_ge)
                - _binomial_log_likelihood(np.array([c_tot]), np.array([n_tot]))[0]
            )
            i = int(np.argmax(gain))
            if best is None or gain[i] > best[0]:
                best = (float(gain[i]), int(sweep["cutoff"].iloc[i]), trend)
        if best is None:
            break
        cuts = sorted([*cuts, best[1]])
        found.append({"cutoff": best[1], "tier_q_value": best[2]})
    return found


def signal_thresholds(histogram: pd.DataFrame, params: AnalysisParams) -> pd.DataFrame:
    """The cutoff sweep of every candidate feature, the chosen cutoff, and whether it is selected (and why not)."""
    problem = cohort_problem(histogram, params)
    if problem:
        return _typed(
            pd.DataFrame(
                [
                    {
                        "threshold_key": "__cohort__:0",
                        "feature_name": "__cohort__",
                        "cutoff": 0,
                        "selection_reason": problem,
                    }
                ]
            ),
            THRESHOLD_COLUMNS,
        )
    frames = []
    # the order a warehouse returns rows in is arbitrary: sort, so the bootstrap resamples the same way
    histogram = histogram.sort_values(["feature_name", "feature_value"], kind="stable")
    for name, g in histogram.groupby("feature_name", sort=True):
        values = g["feature_value"].to_numpy()
        conv = g["converters"].to_numpy()
        non = g["non_converters"].to_numpy()
        sweep = cutoff_sweep(values, conv, non, params)
        sweep.insert(0, "feature_name", name)
        reason = None
        if name in params.excluded_features:
            reason = "excluded by configuration (pql__analysis_excluded_events)"
        elif sweep.empty:
            reason = "no account of the cohort did it in the observation window"
            sweep = pd.DataFrame([{"feature_name": name, "cutoff": 0}])
        elif len(np.unique(values[(conv + non) > 0])) < 2:
            reason = "single-valued: every account has the same count"
        chosen = best_cutoff(sweep) if reason is None and "meets_support" in sweep else None
        if reason is None and chosen is None:
            reason = f"no cutoff has the minimum support ({params.min_support} accounts on each side, {params.min_converters_at_cutoff} converters)"
        sweep["is_chosen"] = sweep["cutoff"] == chosen if chosen is not None else False
        sweep["selection_reason"] = reason
        if reason is None:
            # every supported cutoff is a test: the FDR correction below counts them all, so trying
            # many cutoffs and keeping the best one does not make noise look significant
            conv_total, non_total = conv.sum(), non.sum()
            for idx in sweep.index[sweep["meets_support"]]:
                r = sweep.loc[idx]
                sweep.loc[idx, "p_value"] = two_proportion_test(
                    r["converters_at_or_above"],
                    r["accounts_at_or_above"],
                    conv_total - r["converters_at_or_above"],
                    conv_total + non_total - r["accounts_at_or_above"],
                )[1]
        if chosen is not None:
            row = sweep["is_chosen"]
            lo, hi = bootstrap_cutoff(values, conv, non, params)
            sweep.loc[row, "cutoff_ci_low"] = lo
            sweep.loc[row, "cutoff_ci_high"] = hi
        frames.append(sweep)
    out = pd.concat(frames, ignore_index=True)
    if "p_value" not in out:
        out["p_value"] = np.nan
    chosen_rows = out["is_chosen"].fillna(False).astype(bool)
    out["q_value"] = benjamini_hochberg(out["p_value"])
    out["threshold_key"] = out["feature_name"].astype(str) + ":" + out["cutoff"].fillna(0).astype(int).astype(str)
    out["is_selected"] = False
    for idx in out.index[chosen_rows]:
        r = out.loc[idx]
        if not (r["q_value"] < params.alpha):
            out.loc[idx, "selection_reason"] = (
                f"not significant after FDR: q = {r['q_value']:.3g} (alpha {params.alpha})"
            )
        elif not (r["lift"] >= params.min_lift):
            out.loc[idx, "selection_reason"] = f"lift {r['lift']:.2f} below the minimum {params.min_lift}"
        else:
            out.loc[idx, "is_selected"] = True
            out.loc[idx, "selection_reason"] = "selected"
    # graded tiers of each selected feature: its chosen cutoff and the steps the cohort supports
    out["tier_rank"] = np.nan
    out["tier_lift"] = np.nan
    out["tier_q_value"] = np.nan
    tiers_of: dict[str, list[int]] = {}
    for idx in out.index[out["is_selected"]]:
        name, chosen = out.loc[idx, "feature_name"], int(out.loc[idx, "cutoff"])
        g = histogram[histogram["feature_name"] == name]
        extra = graded_tiers(
            g["feature_value"].to_numpy(), g["converters"].to_numpy(), g["non_converters"].to_numpy(), chosen, params
        )
        out.loc[idx, "tier_q_value"] = out.loc[idx, "q_value"]
        for tier in extra:
            row = out.index[(out["feature_name"] == name) & (out["cutoff"] == tier["cutoff"])][0]
            out.loc[row, "tier_q_value"] = tier["tier_q_value"]
        tiers_of[name] = sorted([chosen, *(t["cutoff"] for t in extra)])
    # every row that is not the selected cutoff says why
    for _name, g in out.groupby("feature_name"):
        chosen_reason = g.loc[g["is_chosen"].fillna(False).astype(bool), "selection_reason"]
        verdict = (
            chosen_reason.iloc[0]
            if len(chosen_reason)
            else g["selection_reason"].dropna().iloc[0]
            if g["selection_reason"].notna().any()
            else None
        )
        for idx in g.index:
            if not out.loc[idx, "is_chosen"]:
                base = verdict if verdict and verdict != "selected" else "not the chosen cutoff"
                if verdict == "selected" or (verdict and verdict.startswith(("not significant", "lift"))):
                    base = f"not the chosen cutoff (feature: {verdict})"
                out.loc[idx, "selection_reason"] = base
    for name, cuts in tiers_of.items():
        g = histogram[histogram["feature_name"] == name]
        v, n_acc = g["feature_value"].to_numpy(), (g["converters"] + g["non_converters"]).to_numpy()
        c = g["converters"].to_numpy()
        for rank, cutoff in enumerate(cuts, start=1):
            idx = out.index[(out["feature_name"] == name) & (out["cutoff"] == cutoff)][0]
            out.loc[idx, "tier_rank"] = rank
            # the step a tier adds: conversion at or above its cutoff over conversion in the tier below
            lower = (v >= cuts[rank - 2]) & (v < cutoff) if rank > 1 else v < cutoff
            above = v >= cutoff
            with np.errstate(divide="ignore", invalid="ignore"):
                rate_above = c[above].sum() / n_acc[above].sum()
                rate_lower = c[lower].sum() / n_acc[lower].sum()
            out.loc[idx, "tier_lift"] = rate_above / rate_lower if rate_lower > 0 else math.nan
            if len(cuts) == 1:
                continue
            below = f"at {cuts[rank - 2]}-{cutoff - 1}" if rank > 1 else f"below {cutoff}"
            evidence = (
                f"q = {out.loc[idx, 'tier_q_value']:.3g}"
                if out.loc[idx, "is_chosen"]
                else f"the count's trend in the segment it split: Mann-Whitney p = {out.loc[idx, 'tier_q_value']:.3g}"
            )
            step = f"conversion at {cutoff}+ is {out.loc[idx, 'tier_lift']:.2f}x that {below} ({evidence})"
            which = "the chosen cutoff, " if out.loc[idx, "is_chosen"] else ""
            out.loc[idx, "selection_reason"] = f"selected: {which}tier {rank} of {len(cuts)}; {step}"
    return _typed(out, THRESHOLD_COLUMNS)


# ---------------------------------------------------------------- points


def fit_grouped_logistic(flags: np.ndarray, successes: np.ndarray, trials: np.ndarray, ridge: float = 1e-3):
    """Logistic regression on grouped binary data (statsmodels' binomial GLM): (intercept, coefficients,
    standard errors).

    ``ridge`` is an L2 penalty on the coefficients (not the intercept), on the summed log-likelihood:
    a small one keeps a flag that separates perfectly finite. The standard errors are those of the
    penalised fit (the inverse of the model's Hessian plus the penalty)."""
    x = np.column_stack([np.ones(len(trials)), np.asarray(flags, dtype=float)])
    y = np.asarray(successes, dtype=float)
    n = np.asarray(trials, dtype=float)
    model = GLM(np.column_stack([y, n - y]), x, family=Binomial())
    penalty = np.array([0.0] + [ridge] * (x.shape[1] - 1))
    if ridge > 0:
        # statsmodels penalises the mean log-likelihood per row: scale to the summed one
        # (its optimiser may stop a hair short of its own gradient tolerance: the estimate is kept)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            beta = np.asarray(model.fit_regularized(alpha=penalty / len(y), L1_wt=0.0).params)
    else:
        beta = np.asarray(model.fit().params)
    cov = np.linalg.pinv(-model.hessian(beta) + np.diag(penalty))
    se = np.sqrt(np.clip(np.diag(cov), 0, None))
    return beta[0], beta[1:], se[1:]


def integer_points(weights, budget: int) -> np.ndarray:
    """Non-negative integers proportional to ``weights`` that add up to ``budget`` (largest remainder)."""
    w = np.clip(np.asarray(weights, dtype=float), 0, None)
    if w.sum() <= 0 or budget <= 0:
        return np.zeros(len(w), dtype=int)
    raw = w / w.sum() * budget
    base = np.floor(raw).astype(int)
    remainder = budget - base.sum()
    order = np.argsort(-(raw - base), kind="stable")
    base[order[:remainder]] += 1
    return base


POINTS_COLUMNS = {
    "points_key": "object",
    "feature_name": "object",
    "cutoff": "int64",
    "tier_rank": "int64",
    "coefficient": "float64",
    "std_error": "float64",
    "odds_ratio": "float64",
    "points": "int64",
    "points_budget": "int64",
    "penalty": "float64",
    "points_reason": "object",
}


def flag_correlations(flags: np.ndarray, accounts: np.ndarray) -> np.ndarray:
    """Pearson (phi) correlation of each pair of binary flags over accounts (``flags``: one row per
    pattern, ``accounts`` its weight); NaN where a flag never varies."""
    w = np.asarray(accounts, dtype=float)
    w = w / w.sum()
    mean = flags.T @ w
    cov = (flags * w[:, None]).T @ flags - np.outer(mean, mean)
    sd = np.sqrt(np.clip(np.diag(cov), 0, None))
    with np.errstate(divide="ignore", invalid="ignore"):
        return cov / np.outer(sd, sd)


def grouped_log_likelihood(flags: np.ndarray, successes: np.ndarray, trials: np.ndarray) -> tuple[float, np.ndarray]:
    """Log-likelihood of the grouped logistic fit on ``flags`` (no column: intercept only) and its
    coefficients."""
    intercept, coef, _ = fit_grouped_logistic(flags, successes, trials)
    mu = 1 / (1 + np.exp(-(intercept + flags @ coef)))
    mu = np.clip(mu, 1e-12, 1 - 1e-12)
    y, n = np.asarray(successes, dtype=float), np.asarray(trials, dtype=float)
    return float(np.sum(y * np.log(mu) + (n - y) * np.log(1 - mu))), coef


def _enter(flags, successes, trials, kept: list[int], i: int, log_lik: float, params: AnalysisParams):
    """Forward entry on the joint fit: column ``i`` joins ``kept`` (in place) when the likelihood-ratio
    test of adding it has p < alpha and its coefficient is positive. Returns (p, its coefficient, the
    log-likelihood of the fit kept)."""
    candidate, coef = grouped_log_likelihood(flags[:, kept + [i]], successes, trials)
    p_value = float(stats.chi2.sf(max(2 * (candidate - log_lik), 0.0), 1))
    if p_value < params.alpha and coef[-1] > 0:
        kept.append(i)
        return p_value, float(coef[-1]), candidate
    return p_value, float(coef[-1]), log_lik


def select_for_score(
    flags: np.ndarray, successes: np.ndarray, trials: np.ndarray, names: list[str], strength, params: AnalysisParams
) -> tuple[list[int], dict[int, str]]:
    """Which of the marginally selected signals enter the score, and why each other one does not.

    1. Signals whose flags nearly coincide on the cohort (phi >= max_flag_correlation) are one
       behaviour: the strongest (largest Youden's J, then name) represents the group.
    2. The rest enter one by one, strongest first, each only if it adds to the joint fit of those
       already in (likelihood-ratio test, p < alpha) with a positive coefficient.
    """
    k = len(names)
    order = sorted(range(k), key=lambda i: (-float(strength[i]), names[i]))
    reasons: dict[int, str] = {}
    phi = flag_correlations(flags, trials)
    for pos, i in enumerate(order):
        for j in order[:pos]:
            if j not in reasons and np.isfinite(phi[i, j]) and phi[i, j] >= params.max_flag_correlation:
                reasons[i] = (
                    f"coincides with {names[j]} on the cohort (flag correlation {phi[i, j]:.2f} >= "
                    f"{params.max_flag_correlation:g}): one behaviour, scored once"
                )
                break
    kept: list[int] = []
    log_lik, _ = grouped_log_likelihood(flags[:, []], successes, trials)
    for i in order:
        if i in reasons:
            continue
        p_value, step, log_lik = _enter(flags, successes, trials, kept, i, log_lik, params)
        if i in kept:
            continue
        if step <= 0:
            reasons[i] = "no independent positive effect once the other selected signals are known"
        else:
            known = ", ".join(names[j] for j in kept)
            reasons[i] = (
                f"adds nothing to the joint fit once {known} {'is' if len(kept) == 1 else 'are'} known (likelihood-ratio p = {p_value:.3g})"
            )
    return kept, reasons


# the L2 penalties the cross-validation tries (on the summed log-likelihood): from next to none to strong
PENALTY_GRID = tuple(float(v) for v in np.logspace(-3, 3, 13))
CV_FOLDS = 5
CV_REPEATS = 4  # the folds drawn 4 times over: a penalty that does not hang on one draw of the folds
CV_MAX_ACCOUNTS = 20_000  # above this, the cross-validation runs on a random sample of the accounts


def penalty_by_cross_validation(
    flags: np.ndarray, successes: np.ndarray, trials: np.ndarray, params: AnalysisParams
) -> float:
    """The L2 penalty of the joint fit, chosen by cross-validation over the train cohort's accounts:
    scikit-learn's ``RepeatedStratifiedKFold`` (5 folds, 4 times) splits the accounts, its
    ``LogisticRegression`` (Newton-Cholesky) fits each fold at each penalty of PENALTY_GRID (C is
    1 / penalty), scored by the held-out accounts' log-loss; of the penalties whose mean log-loss is within one
    standard error of the best, the largest (the one-standard-error rule). A cohort of more than
    CV_MAX_ACCOUNTS accounts is sampled down to that many for it. A cohort with fewer than 5
    converters or non-converters gets the smallest penalty, which only keeps a fit finite."""
    trials = np.asarray(trials, dtype=int)
    successes = np.asarray(successes, dtype=int)
    if min(successes.sum(), (trials - successes).sum()) < CV_FOLDS or flags.shape[1] == 0:
        return PENALTY_GRID[0]
    # one row per distinct pattern of these flags, in their sorted order: the folds do not depend on
    # the flags of signals outside the fit, nor on the order patterns arrive in
    flags, group = np.unique(np.asarray(flags, dtype=float), axis=0, return_inverse=True)
    group = np.ravel(group)
    trials = np.bincount(group, weights=trials, minlength=len(flags)).astype(int)
    successes = np.bincount(group, weights=successes, minlength=len(flags)).astype(int)
    rows = np.repeat(np.arange(len(trials)), trials)
    # within a pattern, its converters first (the folds are shuffled, so the order does not matter)
    first = np.repeat(np.cumsum(trials) - trials, trials)
    labels = (np.arange(len(rows)) - first) < np.repeat(successes, trials)
    if len(rows) > CV_MAX_ACCOUNTS:
        # a large cohort: the penalty is chosen on a random sample of its accounts (the fit uses all)
        sample = np.sort(np.random.default_rng(params.seed).choice(len(rows), CV_MAX_ACCOUNTS, replace=False))
        rows, labels = rows[sample], labels[sample]
    # the folds split accounts; each fold's fit and score then run on the (pattern, outcome) cells
    # weighted by their accounts on each side, the same log-likelihood in far fewer rows
    cell = rows * 2 + labels
    x = np.repeat(flags, 2, axis=0)  # cell c is pattern c // 2 with outcome c % 2
    y = np.tile([0, 1], len(flags))
    splitter = RepeatedStratifiedKFold(n_splits=CV_FOLDS, n_repeats=CV_REPEATS, random_state=params.seed)
    scores = []  # folds x penalties: mean held-out log-likelihood per account
    for train, test in splitter.split(np.zeros(len(rows)), labels):
        fit_weight = np.bincount(cell[train], minlength=len(y))
        test_weight = np.bincount(cell[test], minlength=len(y))
        fit, held = fit_weight > 0, test_weight > 0
        fold = []
        for penalty in PENALTY_GRID:
            model = LogisticRegression(C=1 / penalty, solver="newton-cholesky", max_iter=100)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", SklearnConvergenceWarning)
                model.fit(x[fit], y[fit], sample_weight=fit_weight[fit])
            # the held-out log-loss per account (sklearn's log_loss, without its per-call checks)
            p = np.clip(model.predict_proba(x[held])[np.arange(held.sum()), y[held]], 1e-15, 1.0)
            fold.append(float(np.sum(test_weight[held] * np.log(p)) / test_weight[held].sum()))
        scores.append(fold)
    # the one-standard-error rule: the largest penalty whose mean held-out log-loss is within one
    # standard error of the best one's (a fit as good as the best, within the folds' noise, and
    # steadier from one cohort to the next)
    scores = np.asarray(scores)
    mean = scores.mean(axis=0)
    best = int(np.argmax(mean))
    standard_error = scores[:, best].std(ddof=1) / math.sqrt(len(scores))
    return float(max(v for v, m in zip(PENALTY_GRID, mean, strict=True) if m >= mean[best] - standard_error))


def derived_points(
    patterns: pd.DataFrame, selected: pd.DataFrame, budget: int, params: AnalysisParams | None = None
) -> pd.DataFrame:
    """Points of the selected signals' tiers, proportional to their log-odds in a joint logistic fit.

    ``patterns`` has columns pattern (a "1|0|1" string over the rows of ``selected`` ordered by
    feature_name then cutoff), accounts and converters; ``selected`` has feature_name and cutoff, one
    row per tier (flag = value at or above the cutoff, so a feature's flags are nested), and optionally
    youden_j (the strength that decides which of two coinciding signals stays) and is_chosen (the
    feature's chosen cutoff, which represents it; a feature with one row is represented by it).

    1. ``select_for_score`` decides on the representatives which features enter the score.
    2. The other tiers of those features enter one by one (lowest cutoff first), each only if it adds
       to the joint fit (likelihood-ratio test, p < alpha) with a positive coefficient.
    3. What entered is fitted once more with an L2 penalty on the coefficients, chosen by
       cross-validation on the train cohort (``penalty_by_cross_validation``): a tier's coefficient is
       its step over the tier below, shrunk where the cohort holds little evidence for it. A step that
       is not positive is left out and the rest refitted.
    4. Points are the coefficients scaled to the budget; a step that rounds to 1 or less is left out
       (a representative too: a feature stays while any tier of it does) and the rest refitted.
    A tier's points are the sum of its feature's steps up to it: the highest tier reached counts alone.
    Every row left out gets 0 points and the reason.
    """
    params = params or AnalysisParams()
    selected = selected.sort_values(["feature_name", "cutoff"]).reset_index(drop=True)
    # row order must not change the fit's floating-point sums (the warehouse's order is arbitrary)
    patterns = patterns.sort_values("pattern", kind="stable").reset_index(drop=True)
    if selected.empty:
        return _typed(pd.DataFrame(columns=list(POINTS_COLUMNS)), POINTS_COLUMNS)
    flags = np.array([[int(c) for c in str(p).split("|")] for p in patterns["pattern"]], dtype=float).reshape(
        len(patterns), len(selected)
    )
    successes, trials = patterns["converters"].to_numpy(), patterns["accounts"].to_numpy()
    names = selected["feature_name"].tolist()
    strength = selected["youden_j"].fillna(0).to_numpy() if "youden_j" in selected else np.zeros(len(names))
    chosen = (
        selected["is_chosen"].fillna(False).astype(bool).to_numpy()
        if "is_chosen" in selected
        else np.ones(len(names), dtype=bool)
    )
    features = sorted(set(names))
    rep = {}
    for f in features:
        rows = [i for i in range(len(names)) if names[i] == f]
        picked = [i for i in rows if chosen[i]]
        rep[f] = picked[0] if picked else rows[0]
    reps = [rep[f] for f in features]
    kept_reps, rep_reasons = select_for_score(flags[:, reps], successes, trials, features, strength[reps], params)
    reasons: dict[int, str] = {}
    for j, f in enumerate(features):
        if j in rep_reasons:
            for i in range(len(names)):
                if names[i] == f:
                    reasons[i] = rep_reasons[j]
    kept = [reps[j] for j in kept_reps]
    # the other tiers of the features in the score, lowest cutoff first: each only if it adds to the
    # joint fit (a graded count is confounded with the other signals: its step must hold given them)
    log_lik, _ = grouped_log_likelihood(flags[:, kept], successes, trials)
    for i in range(len(names)):
        if i in kept or i in reasons:
            continue
        p_value, step, log_lik = _enter(flags, successes, trials, kept, i, log_lik, params)
        if i not in kept:
            reasons[i] = (
                f"this tier adds nothing to the tiers below it in the joint fit (likelihood-ratio p = {p_value:.3g})"
                if step > 0
                else "this tier converts no better than the tier below it once the other signals are known"
            )
    # the signals and tiers in the score, in one penalised fit
    kept.sort()
    penalty = penalty_by_cross_validation(flags[:, kept], successes, trials, params) if kept else math.nan
    coef = se = points = np.array([])
    while kept:
        _, coef, se = fit_grouped_logistic(flags[:, kept], successes, trials, ridge=penalty)
        steps = [j for j in range(len(kept)) if coef[j] <= 0 and kept[j] not in reps]
        if steps:
            # a tier that converts no better than the one below it: the lowest such first
            drop = steps[0]
            reasons[kept[drop]] = "this tier converts no better than the tier below it once the other signals are known"
            kept.pop(drop)
            continue
        points = integer_points(coef, budget)
        small = [j for j in range(len(kept)) if points[j] <= 1]
        if budget <= 0 or not small:
            break
        drop = min(small, key=lambda j: (points[j], coef[j], names[kept[j]], int(selected.loc[kept[j], "cutoff"])))
        tiers = sum(1 for i in kept if names[i] == names[kept[drop]])
        reasons[kept[drop]] = (
            (
                f"its step over the tier below would round to {points[drop]} point(s) (1 or less): too small to be a reason"
                if tiers > 1
                else f"its points would round to {points[drop]} (1 or less): too small to be a reason"
            )
            if coef[drop] > 0
            else "no independent positive effect once the other selected signals are known"
        )
        kept.pop(drop)
    out = selected[["feature_name", "cutoff"]].copy()
    out["tier_rank"] = np.nan
    out["coefficient"] = np.nan
    out["std_error"] = np.nan
    out["points"] = 0
    for j, i in enumerate(kept):
        out.loc[i, "coefficient"] = coef[j]
        out.loc[i, "std_error"] = se[j]
    for f in features:
        total, rank = 0, 0
        for j, i in enumerate(kept):  # kept is in (feature, cutoff) order
            if names[i] == f:
                total, rank = total + int(points[j]), rank + 1
                out.loc[i, "points"] = total
                out.loc[i, "tier_rank"] = rank
    out["odds_ratio"] = np.exp(out["coefficient"])
    out["points_key"] = out["feature_name"].astype(str) + ":" + out["cutoff"].astype(int).astype(str)
    out["points_budget"] = budget
    out["penalty"] = penalty
    tiers_kept = out.groupby("feature_name")["tier_rank"].transform("max")

    def reason(i: int) -> str:
        if i in reasons:
            return reasons[i]
        if tiers_kept[i] == 1:
            return "proportional to its log-odds in the joint fit"
        return (
            f"tier {int(out.loc[i, 'tier_rank'])} of {int(tiers_kept[i])}: the steps up to it, each"
            " proportional to its log-odds in the joint fit"
        )

    out["points_reason"] = [reason(i) for i in range(len(names))]
    if budget <= 0:
        out["points_reason"] = "no points left: the configured and pinned signals already reach 100"
    return _typed(out[list(POINTS_COLUMNS)], POINTS_COLUMNS)


def reserved_points(signals: pd.DataFrame, derivable_rule_types: list[str]) -> int:
    """Points the derived signals must leave to the configured ones so the maximum total is the cap.

    A tier group keeps its configured points when it is pinned or its rule type is not derivable
    (``derivable_rule_types``: the registry's, model int_rule_types_registered; firmographic, recency,
    velocity, ... are not): its largest positive points are reserved.
    """
    s = signals[signals["is_enabled"].astype(bool)]
    derivable = s["rule_type"].isin(list(derivable_rule_types)) & ~s["is_pinned"].astype(bool)
    kept_groups = set(s["tier_group"]) - set(s.loc[derivable, "tier_group"])
    kept = s[s["tier_group"].isin(kept_groups)]
    return int(kept.groupby("tier_group")["points"].max().clip(lower=0).sum()) if len(kept) else 0


# ---------------------------------------------------------------- back-test

BENCHMARKS = {  # the PQL scoring guide's free-to-paid conversion by score band
    "high": (0.15, 0.25),
    "mid": (0.05, 0.10),
    "low": (0.01, 0.03),
    "not_pql": (0.002, 0.008),
}
BAND_ORDER = ["not_pql", "low", "mid", "high"]

BACKTEST_COLUMNS = {
    "backtest_key": "object",
    "scoring_mode": "object",
    "pql_band": "object",
    "band_rank": "int64",
    "min_score": "int64",
    "max_score": "int64",
    "band_origin": "object",
    "test_accounts": "int64",
    "test_converters": "int64",
    "test_conversion_rate": "float64",
    "test_conversion_rate_low": "float64",
    "test_conversion_rate_high": "float64",
    "test_lift": "float64",
    "train_accounts": "int64",
    "train_converters": "int64",
    "train_conversion_rate": "float64",
    "benchmark_low": "float64",
    "benchmark_high": "float64",
    "is_within_benchmark": "bool",
    "is_monotonic": "bool",
    "overlaps_band_below": "bool",
    "ranking_verdict": "object",
    "psi": "float64",
    "drift": "object",
}


def band_backtest(scores: pd.DataFrame, bands: pd.DataFrame | None = None) -> pd.DataFrame:
    """Conversion by band on the held-out (test) cohort, per scoring mode, with train side by side.

    ``scores`` has columns scoring_mode, cohort_split (train/test), pql_score, accounts, converters;
    ``bands`` the bands in force per mode (scoring_mode, band, min_score, max_score, band_origin),
    which put each score in its band (without ``bands``, ``scores`` carries pql_band). Monotonicity
    means strictly increasing conversion from not_pql to high on the test cohort (bands without
    accounts are skipped). A band whose test interval overlaps that of the populated band below it
    is flagged, and ranking_verdict says whether the order of the bands is established, only seen in
    the point estimates, or not there. PSI compares the test and train distributions of scores in
    ten-point buckets.
    """
    scores = scores.copy()
    ranges: dict[tuple[str, str], tuple] = {}
    if bands is not None:
        scores["pql_band"] = None
        for b in bands.itertuples():
            inside = (scores["scoring_mode"] == b.scoring_mode) & scores["pql_score"].between(b.min_score, b.max_score)
            scores.loc[inside, "pql_band"] = b.band
            ranges[(b.scoring_mode, b.band)] = (int(b.min_score), int(b.max_score), b.band_origin)
    rows = []
    for mode, g in scores.groupby("scoring_mode", sort=True):
        test = g[g["cohort_split"] == "test"]
        train = g[g["cohort_split"] == "train"]
        buckets = np.minimum(np.arange(101) // 10, 9)
        hist = {}
        for split, frame in (("train", train), ("test", test)):
            counts = np.zeros(10)
            np.add.at(counts, buckets[frame["pql_score"].astype(int).to_numpy()], frame["accounts"].to_numpy())
            hist[split] = counts
        psi = population_stability_index(hist["train"], hist["test"])
        drift = "none" if psi < 0.1 else "moderate" if psi < 0.25 else "major"
        if math.isnan(psi):
            drift = "unknown"
        total_rate = test["converters"].sum() / test["accounts"].sum() if test["accounts"].sum() else math.nan
        band_rows = []
        for rank, band in enumerate(BAND_ORDER, start=1):
            t = test[test["pql_band"] == band]
            r = train[train["pql_band"] == band]
            n, x = int(t["accounts"].sum()), int(t["converters"].sum())
            rate = x / n if n else math.nan
            lo, hi = wilson_interval(x, n)
            b_lo, b_hi = BENCHMARKS[band]
            band_rows.append(
                {
                    "backtest_key": f"{mode}:{band}",
                    "scoring_mode": mode,
                    "pql_band": band,
                    "band_rank": 5 - rank,
                    "min_score": ranges.get((mode, band), (None, None, None))[0],
                    "max_score": ranges.get((mode, band), (None, None, None))[1],
                    "band_origin": ranges.get((mode, band), (None, None, None))[2],
                    "test_accounts": n,
                    "test_converters": x,
                    "test_conversion_rate": rate,
                    "test_conversion_rate_low": lo,
                    "test_conversion_rate_high": hi,
                    "test_lift": rate / total_rate if total_rate and not math.isnan(rate) else math.nan,
                    "train_accounts": int(r["accounts"].sum()),
                    "train_converters": int(r["converters"].sum()),
                    "train_conversion_rate": r["converters"].sum() / r["accounts"].sum()
                    if r["accounts"].sum()
                    else math.nan,
                    "benchmark_low": b_lo,
                    "benchmark_high": b_hi,
                    "is_within_benchmark": bool(n and b_lo <= rate <= b_hi),
                    "psi": psi,
                    "drift": drift,
                }
            )
        populated = [r for r in band_rows if r["test_accounts"] > 0]
        observed = [r["test_conversion_rate"] for r in populated]
        monotonic = len(observed) >= 2 and all(b > a for a, b in itertools.pairwise(observed))
        overlapping = []
        for lower, upper in itertools.pairwise(populated):
            overlaps = upper["test_conversion_rate_low"] <= lower["test_conversion_rate_high"]
            upper["overlaps_band_below"] = bool(overlaps)
            if overlaps:
                overlapping.append(f"{upper['pql_band']} and {lower['pql_band']}")
        empty = [r["pql_band"] for r in band_rows if r["test_accounts"] == 0]
        if len(populated) < 2:
            verdict = "not judged: fewer than two bands hold held-out accounts"
        elif not monotonic:
            falls = [
                f"{u['pql_band']} ({u['test_conversion_rate']:.1%}) converts no better than {lo['pql_band']}"
                f" ({lo['test_conversion_rate']:.1%})"
                for lo, u in itertools.pairwise(populated)
                if not u["test_conversion_rate"] > lo["test_conversion_rate"]
            ]
            verdict = "does not rise: " + "; ".join(falls)
        elif overlapping:
            verdict = (
                "rises in the point estimates, but the 95% intervals of "
                + ", and of ".join(overlapping)
                + " overlap: their order is not established on this cohort"
            )
        else:
            verdict = "rises, every band's 95% interval above the one below"
        if empty and len(populated) >= 2:
            verdict += f" (no held-out accounts in {', '.join(empty)})"
        for r in band_rows:
            r["is_monotonic"] = monotonic
            r.setdefault("overlaps_band_below", False)
            r["ranking_verdict"] = verdict
        rows.extend(band_rows)
    return _typed(pd.DataFrame(rows, columns=list(BACKTEST_COLUMNS)), BACKTEST_COLUMNS)


# ---------------------------------------------------------------- calibrated bands

BAND_COLUMNS = {
    "band_key": "object",
    "scoring_mode": "object",
    "band": "object",
    "band_rank": "int64",
    "min_score": "int64",
    "max_score": "int64",
    "train_accounts": "int64",
    "train_converters": "int64",
    "train_conversion_rate": "float64",
    "band_origin": "object",
    "calibration_note": "object",
}
BAND_RANK = {"high": 1, "mid": 2, "low": 3, "not_pql": 4}


def _binomial_log_likelihood(x: np.ndarray, n: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        p = x / n
        a = np.where(x > 0, x * np.log(np.where(x > 0, p, 1)), 0.0)
        b = np.where(n - x > 0, (n - x) * np.log(np.where(n - x > 0, 1 - p, 1)), 0.0)
    return a + b


def calibrate_bands(train: pd.DataFrame, configured: pd.DataFrame, params: AnalysisParams) -> pd.DataFrame:
    """Band boundaries for derived scores, set on the train cohort.

    ``train`` has columns pql_score, accounts, converters (the train cohort's derived scores);
    ``configured`` the seed's bands (band, min_score, max_score). The four bands cut the score range
    at three of the scores seen, so that every band holds at least ``params.min_support`` train
    accounts and conversion rises strictly from not_pql to high. Among such cuts, those whose
    adjacent bands' Wilson intervals are apart are preferred (when there are any), and the cut that
    explains conversion best (the largest binomial log-likelihood of the four band rates) is taken.
    Without such a cut, the seed's bands stay, with the reason.
    """
    train = train.groupby("pql_score", as_index=False)[["accounts", "converters"]].sum().sort_values("pql_score")
    scores = train["pql_score"].astype(int).to_numpy()
    n = train["accounts"].to_numpy(dtype=float)
    x = train["converters"].to_numpy(dtype=float)

    def configured_rows(note: str) -> pd.DataFrame:
        # a seed band the train cohort leaves empty is named, never left empty silently
        empty = [
            r.band
            for r in configured.sort_values("min_score").itertuples()
            if not n[(scores >= r.min_score) & (scores <= r.max_score)].sum()
        ]
        if empty:
            note += (
                f"; of the seed's bands, {', '.join(empty)} {'holds' if len(empty) == 1 else 'hold'} no train account"
            )
        rows = []
        for r in configured.itertuples():
            inside = (scores >= r.min_score) & (scores <= r.max_score)
            rows.append(
                {
                    "band": r.band,
                    "min_score": int(r.min_score),
                    "max_score": int(r.max_score),
                    "train_accounts": int(n[inside].sum()),
                    "train_converters": int(x[inside].sum()),
                    "band_origin": "configured",
                    "calibration_note": note,
                }
            )
        return _band_frame(rows)

    m = len(scores)
    if m < 4 or n.sum() < 4 * params.min_support:
        return configured_rows(
            f"not calibrated: the train cohort has {int(n.sum())} scored accounts over {m} distinct scores"
            f" (at least {4 * params.min_support} over 4 needed); the seed's bands stay"
        )
    cuts = np.array(list(itertools.combinations(range(1, m), 3)))  # band starts of low, mid, high
    cn = np.concatenate([[0.0], np.cumsum(n)])
    cx = np.concatenate([[0.0], np.cumsum(x)])
    edges = np.column_stack([np.zeros(len(cuts), dtype=int), cuts, np.full(len(cuts), m)])
    bn = cn[edges[:, 1:]] - cn[edges[:, :-1]]  # accounts per band, not_pql .. high
    bx = cx[edges[:, 1:]] - cx[edges[:, :-1]]
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = bx / bn
    feasible = (bn >= params.min_support).all(axis=1) & (np.diff(rate, axis=1) > 0).all(axis=1)
    if not feasible.any():
        return configured_rows(
            f"not calibrated: no cut of the train cohort's scores gives four bands of {params.min_support}+"
            " accounts with conversion rising from not_pql to high; the seed's bands stay"
        )
    low, high = wilson_interval(bx, bn)
    apart = (high[:, :-1] < low[:, 1:]).all(axis=1)
    preferred = feasible & apart if (feasible & apart).any() else feasible
    log_lik = _binomial_log_likelihood(bx, bn).sum(axis=1)
    best = int(np.argmax(np.where(preferred, log_lik, -np.inf)))
    starts = [0, *(int(scores[c]) for c in cuts[best])]
    ends = [s - 1 for s in starts[1:]] + [100]
    note = (
        "calibrated on the train cohort: every band holds "
        f"{params.min_support}+ accounts, conversion rises from not_pql to high"
        + (
            " and adjacent bands' 95% intervals are apart"
            if (feasible & apart).any()
            else " (no cut keeps adjacent bands' 95% intervals apart on the train cohort)"
        )
    )
    rows = [
        {
            "band": band,
            "min_score": lo,
            "max_score": hi,
            "train_accounts": int(bn[best, i]),
            "train_converters": int(bx[best, i]),
            "band_origin": "calibrated",
            "calibration_note": note,
        }
        for i, (band, lo, hi) in enumerate(zip(["not_pql", "low", "mid", "high"], starts, ends, strict=True))
    ]
    return _band_frame(rows)


def _band_frame(rows: list[dict]) -> pd.DataFrame:
    out = pd.DataFrame(rows)
    out.insert(0, "scoring_mode", "derived")
    out["band_key"] = "derived:" + out["band"]
    out["band_rank"] = out["band"].map(BAND_RANK)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["train_conversion_rate"] = np.where(
            out["train_accounts"] > 0,
            out["train_converters"] / out["train_accounts"].where(out["train_accounts"] > 0),
            np.nan,
        )
    return _typed(out.sort_values("band_rank"), BAND_COLUMNS)


# ---------------------------------------------------------------- the score against naive baselines

RANKERS = ("pql_score", "event_count", "active_days")  # the score, then what a team would sort by without it

BASELINE_COLUMNS = {
    "baseline_key": "object",
    "scoring_mode": "object",
    "ranker": "object",
    "test_accounts": "int64",
    "test_converters": "int64",
    "auc": "float64",
    "auc_low": "float64",
    "auc_high": "float64",
    "top_decile_lift": "float64",
    "top_decile_lift_low": "float64",
    "top_decile_lift_high": "float64",
    "score_auc_advantage": "float64",
    "score_auc_advantage_low": "float64",
    "score_auc_advantage_high": "float64",
    "is_beaten_by_score": "bool",
    "best_baseline": "object",
    "score_margin": "float64",
    "score_margin_low": "float64",
    "score_margin_high": "float64",
    "is_score_below_baseline": "bool",
    "baseline_verdict": "object",
}
NAIVE_RANKERS = RANKERS[1:]


def auc(values, labels) -> float:
    """Area under the ROC curve of ``values`` ranking ``labels`` (1 = converted), scikit-learn's
    ``roc_auc_score``: the chance that a random converter ranks above a random non-converter, ties
    counting half. NaN where one outcome is missing."""
    values = np.asarray(values, dtype=float)
    labels = np.asarray(labels, dtype=bool)
    if labels.all() or not labels.any():
        return math.nan
    return float(roc_auc_score(labels, values))


def bootstrap_auc(values, labels, samples: list[np.ndarray]) -> np.ndarray:
    """The AUC of each bootstrap resample (``samples``: index arrays), all at once: scipy's ``rankdata``
    over the resamples' values (ties get their average rank) and the Mann-Whitney identity
    AUC = (rank sum of converters - n1 (n1 + 1) / 2) / (n1 n0), the same figure as ``auc`` without a
    call per resample. NaN for a resample without converters or non-converters."""
    if not samples:
        return np.array([])
    index = np.vstack(samples)
    values = np.asarray(values, dtype=float)[index]
    labels = np.asarray(labels, dtype=bool)[index]
    ranks = stats.rankdata(values, axis=1)
    n_pos = labels.sum(axis=1)
    n_neg = labels.shape[1] - n_pos
    with np.errstate(divide="ignore", invalid="ignore"):
        out = ((ranks * labels).sum(axis=1) - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)
    return np.where((n_pos > 0) & (n_neg > 0), out, np.nan)


def top_decile_lift(values, labels, share: float = 0.1) -> float:
    """Conversion among the top ``share`` of accounts by ``values``, over conversion among all.

    The top is ceil(share x n) accounts; accounts tied at its boundary count in proportion to the
    places left (the expected lift under a random order of ties), so the result does not depend on
    row order."""
    values = np.asarray(values, dtype=float)
    labels = np.asarray(labels, dtype=float)
    n = len(values)
    if n == 0 or labels.sum() == 0:
        return math.nan
    k = math.ceil(share * n)
    boundary = np.sort(values)[::-1][k - 1]
    above = values > boundary
    tied = values == boundary
    weight = (k - above.sum()) / tied.sum()
    converters = labels[above].sum() + weight * labels[tied].sum()
    return float((converters / k) / (labels.sum() / n))


def ranking_against_baselines(accounts: pd.DataFrame, params: AnalysisParams) -> pd.DataFrame:
    """How well each ranker orders the held-out (test) cohort's conversions, per scoring mode.

    ``accounts`` has one row per back-test account and scoring mode: scoring_mode, account_id,
    cohort_split, is_converted and one column per ranker in ``RANKERS``. AUC and top-decile lift
    come with percentile bootstrap intervals (accounts resampled, ``params.bootstrap_samples`` times,
    the same resamples for every ranker), and each baseline with the score's AUC advantage over it
    (paired); ``is_beaten_by_score`` when that advantage's interval lies above 0.
    """
    rows = []
    for mode, g in accounts.groupby("scoring_mode", sort=True):
        test = g[g["cohort_split"] == "test"].sort_values("account_id", kind="stable")
        labels = test["is_converted"].astype(bool).to_numpy()
        rng = np.random.default_rng(params.seed)
        samples = [rng.integers(0, len(test), len(test)) for _ in range(params.bootstrap_samples)] if len(test) else []
        point = {r: auc(test[r], labels) for r in RANKERS}
        boot = {r: bootstrap_auc(test[r].to_numpy(), labels, samples) for r in RANKERS}
        for ranker in RANKERS:
            values = test[ranker].to_numpy()
            lifts = np.array([top_decile_lift(values[s], labels[s]) for s in samples]) if samples else np.array([])
            advantage = boot["pql_score"] - boot[ranker]
            adv_low, adv_high = _interval(advantage)
            rows.append(
                {
                    "baseline_key": f"{mode}:{ranker}",
                    "scoring_mode": mode,
                    "ranker": ranker,
                    "test_accounts": len(test),
                    "test_converters": int(labels.sum()),
                    "auc": point[ranker],
                    "auc_low": _interval(boot[ranker])[0],
                    "auc_high": _interval(boot[ranker])[1],
                    "top_decile_lift": top_decile_lift(values, labels),
                    "top_decile_lift_low": _interval(lifts)[0],
                    "top_decile_lift_high": _interval(lifts)[1],
                    "score_auc_advantage": point["pql_score"] - point[ranker],
                    "score_auc_advantage_low": adv_low,
                    "score_auc_advantage_high": adv_high,
                    "is_beaten_by_score": bool(ranker != "pql_score" and adv_low > 0),
                }
            )
        rows[-len(RANKERS) :] = _against_the_best_baseline(rows[-len(RANKERS) :], mode, boot)
    return _typed(pd.DataFrame(rows, columns=list(BASELINE_COLUMNS)), BASELINE_COLUMNS)


def _against_the_best_baseline(rows: list[dict], mode: str, boot: dict[str, np.ndarray]) -> list[dict]:
    """The mode's verdict, on each of its rows: which naive ranker orders the held-out cohort best
    (the larger AUC; event_count on a tie), the score's AUC margin over it with the paired bootstrap
    interval of the score's margin over the better baseline of each resample, and whether the score
    ranks below it (a negative margin: the warning test fires on it)."""
    by = {r["ranker"]: r for r in rows}
    aucs = {r: by[r]["auc"] for r in NAIVE_RANKERS}
    if any(math.isnan(v) for v in [*aucs.values(), by["pql_score"]["auc"]]):
        verdict = {"best_baseline": None, "is_score_below_baseline": False}
        verdict["baseline_verdict"] = "not judged: the held-out cohort lacks converters or non-converters"
        return [{**r, **verdict} for r in rows]
    best = max(NAIVE_RANKERS, key=lambda r: (aucs[r], r == "event_count"))
    margin = by["pql_score"]["auc"] - aucs[best]
    paired = boot["pql_score"] - np.maximum(*(boot[r] for r in NAIVE_RANKERS)) if len(boot["pql_score"]) else []
    low, high = _interval(np.asarray(paired, dtype=float))
    figures = (
        f"score AUC {by['pql_score']['auc']:.3f} against {best} {aucs[best]:.3f}, margin {margin:+.3f}"
        f" (95% interval {low:+.3f} to {high:+.3f}, {by['pql_score']['test_accounts']} held-out accounts)"
    )
    if margin < 0:
        text = f"{mode} score ranks buyers below {best}: {figures}"
    elif low > 0:
        text = f"{mode} score beats both naive rankers: {figures}"
    else:
        text = f"{mode} score ranks at least as well as {best}, not clearly better: {figures}"
    verdict = {
        "best_baseline": best,
        "score_margin": margin,
        "score_margin_low": low,
        "score_margin_high": high,
        "is_score_below_baseline": bool(margin < 0),
        "baseline_verdict": text,
    }
    return [{**r, **verdict} for r in rows]


def _interval(values: np.ndarray) -> tuple[float, float]:
    """The 95% percentile interval of bootstrap values (resamples without a defined value left out)."""
    values = values[~np.isnan(values)] if len(values) else values
    if len(values) == 0:
        return math.nan, math.nan
    return float(np.percentile(values, 2.5)), float(np.percentile(values, 97.5))
