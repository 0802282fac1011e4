"""The HTML report draws every chart from marts shaped as the project builds them, and says so when a
mart is empty instead of drawing nothing."""

from __future__ import annotations

import re

import pandas as pd

from pql_scoring import report_html


def _frames() -> dict[str, pd.DataFrame]:
    bands = pd.DataFrame(
        [
            (mode, band, rate, rate / 2, min(1.0, rate * 2), lo, hi)
            for mode in ("configured", "derived")
            for band, rate, lo, hi in (
                ("high", 0.3, 0.15, 0.25),
                ("mid", 0.08, 0.05, 0.10),
                ("low", 0.02, 0.01, 0.03),
                ("not_pql", 0.0, 0.002, 0.008),
            )
        ],
        columns=[
            "scoring_mode",
            "pql_band",
            "test_conversion_rate",
            "test_conversion_rate_low",
            "test_conversion_rate_high",
            "benchmark_low",
            "benchmark_high",
        ],
    )
    # the bands in force and the verdict, as pql_band_backtest gives them
    ranges = {"high": (70, 100, 1), "mid": (40, 69, 2), "low": (20, 39, 3), "not_pql": (0, 19, 4)}
    bands["min_score"] = [ranges[b][0] for b in bands["pql_band"]]
    bands["max_score"] = [ranges[b][1] for b in bands["pql_band"]]
    bands["band_rank"] = [ranges[b][2] for b in bands["pql_band"]]
    bands["band_origin"] = ["calibrated" if m == "derived" else "configured" for m in bands["scoring_mode"]]
    bands["test_accounts"] = 100
    bands["overlaps_band_below"] = False
    bands["ranking_verdict"] = "rises, every band's 95% interval above the one below"
    score_deciles = pd.DataFrame(
        [("configured", d, d * d / 400, 0.1) for d in range(1, 11)],
        columns=["scoring_mode", "score_decile", "test_conversion_rate", "cohort_conversion_rate"],
    )
    deltas = pd.DataFrame(
        [
            ("report_created", 0.8, 0.7, 0.9, 0.3, 0.25, 0.35, 0.5, True),
            ("theme_changed", 0.2, 0.1, 0.3, 0.21, 0.15, 0.27, -0.01, False),
        ],
        columns=[
            "feature_name",
            "converter_rate",
            "converter_rate_low",
            "converter_rate_high",
            "non_converter_rate",
            "non_converter_rate_low",
            "non_converter_rate_high",
            "delta",
            "is_significant",
        ],
    )
    thresholds = pd.DataFrame(
        [("report_created", c, 0.1 + c / 20, 0.05, c == 3, 2, 4, True) for c in range(1, 8)]
        + [("theme_changed", 1, 0.2, 0.2, True, 1, 1, False)],
        columns=[
            "feature_name",
            "cutoff",
            "conversion_rate_at_or_above",
            "conversion_rate_below",
            "is_chosen",
            "cutoff_ci_low",
            "cutoff_ci_high",
            "is_selected",
        ],
    )
    accounts = pd.DataFrame(
        [
            (s, b, "self_serve", "configured", "2026-06-29")
            for s, b in ((80, "high"), (45, "mid"), (25, "low"), (5, "not_pql"))
        ],
        columns=["pql_score", "pql_band", "routing_label", "scoring_mode", "as_of_date"],
    )
    days = pd.date_range("2026-05-01", periods=30, freq="D")
    funnel = pd.DataFrame(
        {"funnel_date": days, "signups": 5, "new_pqls": 2, "conversions": 1, "median_days_to_pql": 12.0}
    )
    health = pd.DataFrame(
        {
            "event_source": ["generic", "generic"],
            "kept_event_count": [100, 120],
            "user_event_count": [90, 100],
            **{c: [1, 0] for c in report_html.REJECTION_COLUMNS},
        }
    )
    baselines = pd.DataFrame(
        [
            ("configured", r, 100, 10, a, a - 0.05, a + 0.05, 2.0, 0.8 - a, 0.8 - a - 0.03, 0.8 - a + 0.03)
            for r, a in (("pql_score", 0.8), ("event_count", 0.7))
        ],
        columns=[
            "scoring_mode",
            "ranker",
            "test_accounts",
            "test_converters",
            "auc",
            "auc_low",
            "auc_high",
            "top_decile_lift",
            "score_auc_advantage",
            "score_auc_advantage_low",
            "score_auc_advantage_high",
        ],
    )
    return {
        "bands": bands,
        "baselines": baselines,
        "score_deciles": score_deciles,
        "deltas": deltas,
        "thresholds": thresholds,
        "accounts": accounts,
        "funnel": funnel,
        "health": health,
    }


def _figures(page: str) -> dict[str, str]:
    return dict(re.findall(r"<figure id='chart-(\w+)'>(.*?)</figure>", page, flags=re.S))


def test_every_section_draws_a_chart_with_marks_in_it():
    page = report_html.render(_frames())
    figures = _figures(page)
    assert list(figures) == [s[0] for s in report_html.SECTIONS]
    for name, body in figures.items():
        assert "<svg" in body, name
        # matplotlib writes each bar, marker and line as a path: a drawn chart has many
        assert body.count("<path") > 10, name
    assert "<?xml" not in page and "http://" not in page.split("<svg", 1)[0]  # inline, nothing fetched
    assert "0.800 (0.750-0.850)" in figures["deciles"]  # the baselines' AUC with its interval
    assert "+0.100 (+0.070 to +0.130)" in figures["deciles"]  # the score's advantage over event count
    assert "derived: rises, every band&#x27;s 95% interval above the one below." in figures["bands"]
    assert "<td>70-100</td>" in figures["bands"] and "<td>calibrated</td>" in figures["bands"]


def test_an_empty_mart_is_said_not_drawn():
    frames = _frames()
    frames["thresholds"] = frames["thresholds"].iloc[0:0]
    frames["health"] = frames["health"].iloc[0:0]
    figures = _figures(report_html.render(frames))
    assert "<svg" not in figures["sweeps"] and "No rows in pql_signal_thresholds" in figures["sweeps"]
    assert "<svg" not in figures["sources"] and "No rows in pql_source_health" in figures["sources"]
    assert "<svg" in figures["bands"]


def test_no_selected_signal_means_no_sweep_chart():
    frames = _frames()
    frames["thresholds"] = frames["thresholds"].assign(is_selected=False)
    figures = _figures(report_html.render(frames))
    assert "<svg" not in figures["sweeps"] and "no signal is selected" in figures["sweeps"]


def test_a_signal_with_one_cutoff_is_drawn_as_with_and_without():
    frames = _frames()
    # theme_changed has one cutoff row; make it the selected one
    frames["thresholds"] = frames["thresholds"].assign(
        is_selected=frames["thresholds"]["feature_name"] == "theme_changed"
    )
    sweeps = _figures(report_html.render(frames))["sweeps"]
    assert 'id="sweep-bars-theme_changed' in sweeps
    assert 'id="sweep-bars-report_created' not in sweeps
    frames["thresholds"] = frames["thresholds"].assign(is_selected=True)
    sweeps = _figures(report_html.render(frames))["sweeps"]
    assert 'id="sweep-bars-theme_changed' in sweeps and 'id="sweep-bars-report_created' not in sweeps
