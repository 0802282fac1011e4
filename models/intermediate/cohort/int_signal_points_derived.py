"""Derived points of the selected signals' tiers: which enter the score (one of coinciding signals, each signal and
tier adding to the joint fit, no step worth 1 point or less), and their log-odds in a joint logistic fit on flag
patterns, scaled to the budget."""

import pandas as pd

from pql_scoring.cohort import AnalysisParams, derived_points, reserved_points
from pql_scoring.frames import from_pandas, to_pandas


def model(dbt, session):
    dbt.config(materialized="table")
    patterns = to_pandas(dbt.ref("int_cohort_flag_patterns"))
    thresholds = to_pandas(dbt.ref("int_signal_thresholds_derived"))
    signals = to_pandas(dbt.ref("int_signals_configured"))
    rule_types = to_pandas(dbt.ref("int_rule_types_registered"))
    derivable = rule_types.loc[rule_types["is_derivable"].astype(bool), "rule_type"].tolist()
    # every tier of every selected feature (the chosen cutoff is one of them)
    selected = thresholds[thresholds["tier_rank"].notna()]
    score_cap = int(float(dbt.config.meta_get("score_cap") or 100))
    params = AnalysisParams.from_meta(dbt.config.meta_get("analysis_params"))
    out = derived_points(
        patterns,
        selected[["feature_name", "cutoff", "youden_j", "is_chosen"]],
        budget=score_cap - reserved_points(signals, derivable),
        params=params,
    )
    run_ids = thresholds["analysis_run_id"].dropna().unique()
    out.insert(0, "analysis_run_id", pd.array([run_ids[0] if len(run_ids) else None] * len(out), dtype="string"))
    return from_pandas(out, session)
