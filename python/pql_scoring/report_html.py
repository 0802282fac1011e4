"""A static HTML calibration report from the built marts: one self-contained file, charts as inline SVG.

    python -m pql_scoring.report --html data/report.html [--db data/pql.duckdb | --target postgres|spark]

Sections (each a <figure> with an id, so a browser test can find every chart):
  bands       conversion per band on the held-out cohort, with intervals, beside the benchmark ranges
  deciles     conversion by score decile on the held-out cohort (lift), beside the naive baselines' AUC
  deltas      each candidate signal's share among converters and non-converters, with intervals
  sweeps      each selected signal's cutoff sweep, the chosen cutoff and its bootstrap interval
  scores      the distribution of current scores, by band
  funnel      signups, new PQLs and conversions per week, and the median days to PQL
  sources     per event source: events kept, rejected by reason, and attributed to a user

Charts are drawn with matplotlib (Agg, no display, no network) and written as SVG into the page.
A section whose mart is empty (a Python-less adapter builds empty stand-ins) says so instead of
drawing an empty chart.
"""

from __future__ import annotations

import datetime as dt
import html
import io
from collections.abc import Callable
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

BAND_ORDER = ["high", "mid", "low", "not_pql"]
BAND_COLOURS = {"high": "#1b7837", "mid": "#7fbc41", "low": "#d9a441", "not_pql": "#9e9e9e"}
MODE_COLOURS = {"configured": "#2166ac", "derived": "#b2182b"}
REJECTION_COLUMNS = [
    "rejected_missing_event_id_count",
    "rejected_missing_event_name_count",
    "rejected_missing_identity_count",
    "rejected_missing_occurred_at_count",
    "rejected_future_timestamp_count",
    "rejected_duplicate_event_id_count",
    "rejected_unknown_user_count",
]

QUERIES = {
    "bands": "select * from pql_band_backtest",
    "baselines": "select * from pql_backtest_baselines",
    "score_deciles": "select * from pql_backtest_deciles",
    "deltas": "select * from pql_signal_deltas",
    "thresholds": "select * from pql_signal_thresholds",
    "accounts": "select pql_score, pql_band, routing_label, scoring_mode, as_of_date from pql_accounts",
    "funnel": "select * from pql_funnel_daily",
    "health": "select * from pql_source_health",
}


def read_marts(fetch: Callable[[str], tuple[list[str], list[tuple]]]) -> dict[str, pd.DataFrame]:
    """Each query's rows as a DataFrame (fetch: engines.duckdb_fetch / postgres_fetch / spark_fetch)."""
    frames = {}
    for name, sql in QUERIES.items():
        columns, rows = fetch(sql)
        frames[name] = pd.DataFrame(rows, columns=[c.lower() for c in columns])
    return frames


def _svg(fig) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight")
    plt.close(fig)
    text = buffer.getvalue()
    return text[text.index("<svg") :]  # drop the XML prolog and doctype: inline SVG in HTML


def _rate(series) -> pd.Series:
    return pd.to_numeric(series, errors="coerce").astype(float)


def chart_bands(bands: pd.DataFrame) -> str:
    modes = [m for m in ("configured", "derived") if m in set(bands["scoring_mode"])]
    fig, axes = plt.subplots(1, len(modes), figsize=(5.2 * len(modes), 3.6), squeeze=False, sharey=True)
    for ax, mode in zip(axes[0], modes, strict=True):
        rows = bands[bands["scoring_mode"] == mode].set_index("pql_band").reindex(BAND_ORDER).dropna(how="all")
        x = range(len(rows))
        rate = _rate(rows["test_conversion_rate"]) * 100
        low = _rate(rows["test_conversion_rate_low"]) * 100
        high = _rate(rows["test_conversion_rate_high"]) * 100
        for i, band in enumerate(rows.index):
            b_low, b_high = _rate(rows["benchmark_low"]).iloc[i] * 100, _rate(rows["benchmark_high"]).iloc[i] * 100
            ax.fill_between([i - 0.4, i + 0.4], b_low, b_high, color="#cccccc", alpha=0.6, linewidth=0)
            ax.bar(i, rate.iloc[i], width=0.5, color=BAND_COLOURS.get(band, "#777777"))
        err = [(rate - low).clip(lower=0).fillna(0), (high - rate).clip(lower=0).fillna(0)]
        ax.errorbar(list(x), rate, yerr=err, fmt="none", ecolor="black", capsize=4)
        ax.set_xticks(list(x), list(rows.index))
        ax.set_title(f"{mode}: held-out conversion by band")
        ax.set_ylabel("converted within the window (%)")
        ax.grid(axis="y", alpha=0.3)
    axes[0][0].text(
        0.99, 0.97, "grey: the guide's benchmark range", transform=axes[0][0].transAxes, ha="right", va="top"
    )
    return _svg(fig)


def chart_deciles(deciles: pd.DataFrame) -> str:
    fig, ax = plt.subplots(figsize=(7, 3.6))
    for mode, rows in deciles.groupby("scoring_mode"):
        rows = rows.assign(decile=rows["score_decile"].astype(int)).sort_values("decile")
        rate = _rate(rows["test_conversion_rate"]) * 100
        ax.plot(list(rows["decile"]), list(rate), marker="o", color=MODE_COLOURS.get(mode), label=mode)
        cohort = _rate(rows["cohort_conversion_rate"]).iloc[0] * 100
        ax.axhline(cohort, color=MODE_COLOURS.get(mode), linestyle=":", linewidth=1)
    ax.set_xticks(range(1, 11))
    ax.set_xlabel("score decile on the held-out cohort (10 = highest scores)")
    ax.set_ylabel("converted (%)")
    ax.set_title("Conversion by score decile (dotted: the cohort's rate)")
    ax.legend()
    ax.grid(alpha=0.3)
    return _svg(fig)


def chart_deltas(deltas: pd.DataFrame) -> str:
    rows = deltas.assign(delta=_rate(deltas["delta"])).sort_values("delta")
    fig, ax = plt.subplots(figsize=(7.5, 0.35 * len(rows) + 1.2))
    y = list(range(len(rows)))
    for column, colour, label in (
        ("converter_rate", "#b2182b", "converters"),
        ("non_converter_rate", "#2166ac", "non-converters"),
    ):
        rate = _rate(rows[column]) * 100
        low, high = _rate(rows[f"{column}_low"]) * 100, _rate(rows[f"{column}_high"]) * 100
        err = [(rate - low).clip(lower=0).fillna(0), (high - rate).clip(lower=0).fillna(0)]
        ax.errorbar(rate, y, xerr=err, fmt="o", color=colour, capsize=3, label=label)
    labels = [
        f"{f}{' *' if bool(s) else ''}" for f, s in zip(rows["feature_name"], rows["is_significant"], strict=True)
    ]
    ax.set_yticks(y, labels)
    ax.set_xlabel("accounts with the signal in the leak-free window (%)")
    ax.set_title("Signal deltas: converters vs non-converters (* significant after FDR)")
    ax.legend(loc="lower right")
    ax.grid(axis="x", alpha=0.3)
    return _svg(fig)


def chart_sweeps(thresholds: pd.DataFrame) -> str | None:
    selected = sorted(set(thresholds.loc[thresholds["is_selected"].fillna(False).astype(bool), "feature_name"]))
    if not selected:
        return None
    columns = min(3, len(selected))
    lines = -(-len(selected) // columns)
    fig, axes = plt.subplots(lines, columns, figsize=(4 * columns, 2.9 * lines), squeeze=False)
    for ax, feature in zip(axes.flat, selected, strict=False):
        rows = thresholds[thresholds["feature_name"] == feature].assign(cutoff=lambda f: _rate(f["cutoff"]))
        rows = rows.sort_values("cutoff")
        if len(rows) == 1:
            # a yes/no signal has one cutoff: a sweep would be one dot, so compare the two sides
            row = rows.iloc[0]
            rates = [
                _rate(rows["conversion_rate_below"]).iloc[0] * 100,
                _rate(rows["conversion_rate_at_or_above"]).iloc[0] * 100,
            ]
            ax.bar(["without", "with"], rates, color=["#9e9e9e", "#2166ac"], gid=f"sweep-bars-{feature}")
            ax.set_title(f"{feature} (one cutoff, {row['cutoff']:g})", fontsize=10)
            ax.set_ylabel("converted (%)")
            ax.grid(axis="y", alpha=0.3)
            continue
        ax.plot(rows["cutoff"], _rate(rows["conversion_rate_at_or_above"]) * 100, marker=".", color="#2166ac")
        ax.plot(rows["cutoff"], _rate(rows["conversion_rate_below"]) * 100, color="#9e9e9e", linestyle="--")
        chosen = rows[rows["is_chosen"].fillna(False).astype(bool)]
        if len(chosen):
            c = chosen.iloc[0]
            ax.axvspan(float(c["cutoff_ci_low"]), float(c["cutoff_ci_high"]), color="#fddbc7", alpha=0.8)
            ax.axvline(float(c["cutoff"]), color="#b2182b")
        ax.set_title(feature, fontsize=10)
        ax.set_xlabel("cutoff (at or above)")
        ax.set_ylabel("converted (%)")
        ax.grid(alpha=0.3)
    for ax in list(axes.flat)[len(selected) :]:
        ax.set_visible(False)
    fig.suptitle(
        "Cutoff sweeps: at or above (blue), below (grey); chosen cutoff and its bootstrap interval (red);"
        " a signal with one cutoff: with it and without it"
    )
    fig.tight_layout()
    return _svg(fig)


def chart_scores(accounts: pd.DataFrame) -> str:
    fig, ax = plt.subplots(figsize=(7, 3.4))
    bins = list(range(0, 105, 5))
    data = [_rate(accounts.loc[accounts["pql_band"] == band, "pql_score"]) for band in BAND_ORDER]
    ax.hist(data, bins=bins, stacked=True, color=[BAND_COLOURS[b] for b in BAND_ORDER], label=BAND_ORDER)
    ax.set_xlabel("pql_score")
    ax.set_ylabel("accounts")
    ax.set_title("Current scores by band")
    ax.legend()
    ax.grid(axis="y", alpha=0.3)
    return _svg(fig)


def chart_funnel(funnel: pd.DataFrame) -> str:
    days = funnel.assign(funnel_date=pd.to_datetime(funnel["funnel_date"]))
    weekly = days.set_index("funnel_date")[["signups", "new_pqls", "conversions"]].astype(float).resample("W").sum()
    median = days.set_index("funnel_date")["median_days_to_pql"].astype(float).resample("W").median()
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(8, 5), sharex=True, height_ratios=[2, 1])
    for column, colour in (("signups", "#9e9e9e"), ("new_pqls", "#1b7837"), ("conversions", "#b2182b")):
        top.plot(weekly.index, weekly[column], marker=".", color=colour, label=column.replace("_", " "))
    top.set_ylabel("per week")
    top.set_title("PQL funnel over time (PQL entries come from the band history, which starts at the first run)")
    top.legend()
    top.grid(alpha=0.3)
    bottom.plot(median.index, median.values, color="#2166ac", marker=".")
    bottom.set_ylabel("median days to PQL")
    bottom.grid(alpha=0.3)
    fig.autofmt_xdate()
    return _svg(fig)


def chart_sources(health: pd.DataFrame) -> str:
    totals = health.groupby("event_source")[["kept_event_count", *REJECTION_COLUMNS, "user_event_count"]].sum()
    fig, ax = plt.subplots(figsize=(7.5, 0.8 * len(totals) + 1.8))
    left = pd.Series(0.0, index=totals.index)
    colours = ["#1b7837", "#fee08b", "#fdae61", "#f46d43", "#d73027", "#a50026", "#762a83", "#542788"]
    for column, colour in zip(["kept_event_count", *REJECTION_COLUMNS], colours, strict=True):
        values = totals[column].astype(float)
        if column != "kept_event_count" and values.sum() == 0:
            continue
        label = "kept" if column == "kept_event_count" else column.removeprefix("rejected_").removesuffix("_count")
        ax.barh(list(totals.index), values, left=left, color=colour, label=label)
        left = left + values
    for i, source in enumerate(totals.index):
        kept = float(totals.loc[source, "kept_event_count"]) or 1.0
        share = float(totals.loc[source, "user_event_count"]) / kept * 100
        ax.text(left.iloc[i], i, f"  {share:.0f}% of kept attributed to a user", va="center")
    ax.set_xlabel("raw events")
    ax.set_title("Per-source health: kept, rejected by reason")
    ax.legend(loc="lower left", bbox_to_anchor=(0, -0.5 - 0.1 * len(totals)), ncol=4, fontsize=8)
    return _svg(fig)


def _table(frame: pd.DataFrame) -> str:
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(_cell(v))}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _baselines_table(baselines: pd.DataFrame) -> str:
    if baselines.empty:
        return ""
    rows = baselines.assign(
        auc=lambda f: [
            f"{a:.3f} ({lo:.3f}-{hi:.3f})" for a, lo, hi in zip(f["auc"], f["auc_low"], f["auc_high"], strict=True)
        ],
        top_decile_lift=lambda f: [f"{v:.2f}" for v in f["top_decile_lift"]],
        score_auc_advantage=lambda f: [
            "" if r == "pql_score" or pd.isna(a) else f"{a:+.3f} ({lo:+.3f} to {hi:+.3f})"
            for r, a, lo, hi in zip(
                f["ranker"],
                f["score_auc_advantage"],
                f["score_auc_advantage_low"],
                f["score_auc_advantage_high"],
                strict=True,
            )
        ],
    )[["scoring_mode", "ranker", "test_accounts", "test_converters", "auc", "top_decile_lift", "score_auc_advantage"]]
    return _table(rows)


def _bands_table(bands: pd.DataFrame) -> str:
    """Per mode and band: its scores (the bands in force: the seed's, or calibrated), held-out
    conversion with its interval, whether that interval overlaps the band below; then each mode's
    verdict on the order of its bands."""
    if bands.empty:
        return ""
    ordered = bands.assign(rank=pd.to_numeric(bands["band_rank"])).sort_values(["scoring_mode", "rank"])
    rows = ordered.assign(
        scores=[
            f"{int(lo)}-{int(hi)}" if pd.notna(lo) else ""
            for lo, hi in zip(ordered["min_score"], ordered["max_score"], strict=True)
        ],
        held_out_conversion=[
            f"{r:.1%} ({lo:.1%}-{hi:.1%})" if pd.notna(r) else ""
            for r, lo, hi in zip(
                _rate(ordered["test_conversion_rate"]),
                _rate(ordered["test_conversion_rate_low"]),
                _rate(ordered["test_conversion_rate_high"]),
                strict=True,
            )
        ],
    )[
        [
            "scoring_mode",
            "pql_band",
            "scores",
            "band_origin",
            "test_accounts",
            "held_out_conversion",
            "overlaps_band_below",
        ]
    ]
    verdicts = "".join(
        f"<p>{html.escape(str(mode))}: {html.escape(str(v))}.</p>"
        for mode, v in ordered.groupby("scoring_mode")["ranking_verdict"].first().items()
    )
    return _table(rows) + verdicts


SECTIONS = (
    ("bands", "Band calibration on the held-out cohort", "bands", chart_bands),
    ("deciles", "Conversion by score decile", "score_deciles", chart_deciles),
    ("deltas", "Signal deltas", "deltas", chart_deltas),
    ("sweeps", "Cutoff sweeps of the selected signals", "thresholds", chart_sweeps),
    ("scores", "Score distribution", "accounts", chart_scores),
    ("funnel", "PQL funnel", "funnel", chart_funnel),
    ("sources", "Per-source health", "health", chart_sources),
)

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; color: #222; }
figure { margin: 1.5rem 0; padding: 0.5rem 0; border-top: 1px solid #ddd; }
figcaption { font-weight: 600; margin-bottom: 0.5rem; }
table { border-collapse: collapse; font-size: 0.9rem; margin: 0.5rem 0; }
th, td { border: 1px solid #ddd; padding: 0.2rem 0.5rem; text-align: right; }
.empty { color: #a50026; }
svg { max-width: 100%; height: auto; }
"""


def render(frames: dict[str, pd.DataFrame]) -> str:
    accounts = frames["accounts"]
    as_of = str(accounts["as_of_date"].max()) if len(accounts) else "unknown"
    mode = ", ".join(sorted(set(accounts["scoring_mode"]))) if len(accounts) else "unknown"
    counts = (
        accounts.groupby("pql_band").size().reindex(BAND_ORDER, fill_value=0).rename("accounts").reset_index()
        if len(accounts)
        else pd.DataFrame(columns=["pql_band", "accounts"])
    )
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>PQL calibration report, as of {html.escape(as_of)}</title><style>{STYLE}</style></head><body>",
        f"<h1>PQL calibration report</h1><p>As of {html.escape(as_of)}; scoring mode {html.escape(mode)};"
        f" written {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC.</p>",
        _table(counts),
    ]
    for section_id, title, frame_name, chart in SECTIONS:
        frame = frames[frame_name]
        svg = chart(frame) if len(frame) else None
        parts.append(f"<figure id='chart-{section_id}'><figcaption>{html.escape(title)}</figcaption>")
        mart = QUERIES[frame_name].split(" from ", 1)[1].split()[0]
        if not len(frame):
            parts.append(f"<p class='empty'>No rows in {html.escape(mart)}: nothing to draw.</p>")
        elif svg is None:
            parts.append(f"<p class='empty'>Nothing to draw from {html.escape(mart)}: no signal is selected.</p>")
        else:
            parts.append(svg)
        if section_id == "bands":
            parts.append(_bands_table(frame))
        if section_id == "deciles":
            parts.append(_baselines_table(frames["baselines"]))
        parts.append("</figure>")
    parts.append("</body></html>")
    return "\n".join(parts)


def write(fetch: Callable[[str], tuple[list[str], list[tuple]]], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(read_marts(fetch)), encoding="utf-8")
    return path
