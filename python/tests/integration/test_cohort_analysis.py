"""The cohort-delta analysis on generated worlds: planted signals found, noise and leaks ignored, bands
back-tested; and the HTML report of the demo world opened in headless Chromium, every chart drawn."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import os
from pathlib import Path

import pytest

from pql_scoring.demo import generate
from pql_scoring.engines import duckdb_fetch
from pql_scoring.report_html import write

from .conftest import Dbt, query

pytestmark = pytest.mark.integration

END_DATE = dt.date(2026, 6, 30)
AS_OF = "2026-06-29"


def build_world(
    tmp_path_factory, name, accounts, seed, extra_vars=None, twin_events=False, kind="planted", with_tests=False
):
    root = tmp_path_factory.mktemp(name)
    world = generate(accounts=accounts, seed=seed, end_date=END_DATE, days=180, twin_events=twin_events, world=kind)
    world.write(root / "raw")
    dbt = Dbt(root / "dbt")
    db = root / "pql.duckdb"
    vars = {"pql__raw_path": str(root / "raw"), "pql__as_of": AS_OF, **(extra_vars or {})}
    dbt.run("build", *([] if with_tests else ["--exclude", "resource_type:test"]), db=db, vars=vars)
    return world.truth, db, dbt, vars


@pytest.mark.parametrize("seed, twin_events", [(11, False), (23, True)])
def test_analysis_finds_the_planted_signals_and_nothing_else(tmp_path_factory, seed, twin_events):
    """Seed 23's world also has a twin of the aha event (fires a second after it, 99% of the time):
    both separate converters on their own, and the score counts the behaviour once."""
    truth, db, _, _ = build_world(tmp_path_factory, f"seed{seed}", accounts=4000, seed=seed, twin_events=twin_events)
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
    # in the score: every planted behaviour, once (a planted signal may be represented by one whose
    # flags coincide with it: 3+ active users and 2+ invites are one behaviour), each signal worth
    # more than 1 point
    # a feature's points are those of its highest tier; its reason, that of its chosen cutoff
    tiers = query(
        db,
        "select p.feature_name, p.cutoff, p.points, p.points_reason, t.is_chosen from pql_signal_points as p"
        " inner join pql_signal_thresholds as t on p.feature_name = t.feature_name and p.cutoff = t.cutoff",
    )
    points = {
        name: (max(r[2] for r in tiers if r[0] == name), next(r[3] for r in tiers if r[0] == name and r[4]))
        for name in {r[0] for r in tiers}
    }
    for planted in truth["hidden_rule"]["planted_signals"]:
        got, reason = points[planted["signal"]]
        twin = reason.split("coincides with ", 1)[-1].split(" ", 1)[0] if reason.startswith("coincides") else None
        assert got > 1 or (twin and points[twin][0] > 1), (planted["signal"], points[planted["signal"]])
    assert all(r[2] == 0 or r[2] > 1 for r in tiers), tiers
    # one step is planted per signal: the highest tier that scores carries it (within one step); a
    # lower tier may enter where the warehouse sees fewer events than the rule counted (events of
    # teammates it cannot attribute, rejected rows), so an observed 2-3 is partly a true 4+
    planted_at = {s["signal"]: s["threshold"] for s in truth["hidden_rule"]["planted_signals"]}
    for name, threshold in planted_at.items():
        scored = [cutoff for n, cutoff, p, _, _ in tiers if n == name and p > 0]
        if scored:
            assert abs(max(scored) - threshold) <= 1, (name, scored, threshold)
    for twin, original in truth["twin_events"].items():
        assert chosen[twin][1], f"the twin {twin} separates converters on its own: {chosen[twin]}"
        # which of two near-identical signals separates a little better is chance: one of them scores
        kept, left_out = sorted((twin, original), key=lambda name: -points[name][0])
        assert points[kept][0] > 1 and points[left_out][0] == 0, (points[twin], points[original])
        assert points[left_out][1].startswith(f"coincides with {kept} on the cohort"), points[left_out]


@pytest.fixture(scope="module")
def demo_world(tmp_path_factory):
    """The demo world of scripts/demo.sh (5000 accounts, seed 7)."""
    return build_world(tmp_path_factory, "demo", accounts=5000, seed=7)


@pytest.fixture(scope="module")
def latent_world(tmp_path_factory):
    """A world this analysis was not built to find (generate(world="latent")): conversion follows
    hidden need, fit and satisfaction; behaviours are noisy counts driven by them; busyness drives
    most of the event volume; report_viewed and data_source_synced near-duplicate two behaviours."""
    # a plain dbt build, data and unit tests included: a user runs this world with --world latent
    return build_world(tmp_path_factory, "latent", accounts=5000, seed=7, kind="latent", with_tests=True)


@pytest.fixture(scope="module")
def volume_world(tmp_path_factory):
    """A world where conversion follows how much a team uses the product (generate(world="volume")):
    one usage trait drives every core behaviour together, conversion rises with log(1 + the files
    stored) and past a plan limit, activity piles up before upgrades. Counting events ranks buyers
    well here: the world a score of single cutoffs loses on (issue 47)."""
    # models only: the data tests run on a volume world in the warning test below
    return build_world(tmp_path_factory, "volume", accounts=5000, seed=7, kind="volume")


# phi of two features' flags (value >= the lowest cutoff each scores at) over the train cohort
PHI = """
with tiers as (
    select feature_name, min(cutoff) as cutoff from pql_signal_points where points > 0 group by 1
),
flags as (
    select c.account_id, t.feature_name,
        case when coalesce(f.feature_value, 0) >= t.cutoff then 1.0 else 0.0 end as flag
    from int_cohort_accounts as c
    cross join tiers as t
    left join int_cohort_features as f on c.account_id = f.account_id and t.feature_name = f.feature_name
    where c.cohort_split = 'train'
)
select a.feature_name, b.feature_name, corr(a.flag, b.flag)
from flags as a
inner join flags as b on a.account_id = b.account_id and a.feature_name < b.feature_name
group by 1, 2
"""


@pytest.mark.parametrize("world", ["demo_world", "latent_world", "volume_world"])
def test_the_derived_score_beats_counting_events_and_its_bands_rank_conversion(world, request):
    """Issue #15's bar: out of time, on the held-out cohort, the derived score's AUC beats both naive
    baselines by 0.02 or more (the paired bootstrap interval of the advantage is reported and lies
    above 0), no two behaviours that coincide are both scored, and the derived bands (calibrated on the
    train cohort) are all populated and rise from not_pql to high. Issue 47's volume world, where
    counting events is a strong ranker: the score ranks at least as well as the better baseline, and
    the mart names that baseline and the margin."""
    truth, db, _, _ = request.getfixturevalue(world)
    rows = query(
        db,
        "select ranker, auc, score_auc_advantage, score_auc_advantage_low, score_auc_advantage_high"
        " from pql_backtest_baselines where scoring_mode = 'derived'",
    )
    by_ranker = {r[0]: r[1:] for r in rows}
    for baseline in ("event_count", "active_days"):
        auc, advantage, low, high = by_ranker[baseline]
        assert by_ranker["pql_score"][0] - auc == pytest.approx(advantage)
        assert low is not None and high is not None and low <= advantage <= high, (world, baseline, by_ranker)
        if world == "volume_world":
            assert advantage >= 0, (world, baseline, by_ranker)
        else:
            assert advantage >= 0.02 and 0 < low, (world, baseline, by_ranker)
    best, margin, below = query(
        db,
        "select best_baseline, score_margin, is_score_below_baseline from pql_backtest_baselines"
        " where scoring_mode = 'derived' and ranker = 'pql_score'",
    )[0]
    assert best == max(("event_count", "active_days"), key=lambda r: by_ranker[r][0]), (best, by_ranker)
    assert margin == pytest.approx(by_ranker[best][1]) and margin >= 0 and not below
    for a, b, phi in query(db, PHI):
        assert phi is None or phi < 0.9, (world, a, b, phi)
    scored = {r[0] for r in query(db, "select feature_name from pql_signal_points where points > 0")}
    for twin, original in truth["twin_events"].items():
        assert not {twin, original} <= scored, (world, twin, original)
    bands = query(
        db,
        "select pql_band, band_origin, test_accounts, test_conversion_rate, is_monotonic, ranking_verdict"
        " from pql_band_backtest where scoring_mode = 'derived' order by band_rank desc",
    )
    assert [b[0] for b in bands] == ["not_pql", "low", "mid", "high"]
    assert all(b[1] == "calibrated" and b[2] > 0 for b in bands), bands
    rates = [b[3] for b in bands]
    assert all(y > x for x, y in itertools.pairwise(rates)), bands
    assert bands[0][4] and bands[0][5].startswith("rises"), bands[0][5]


def test_the_warning_fires_where_counting_events_ranks_buyers_better_and_not_on_the_demo_world(
    tmp_path_factory, demo_world, volume_world
):
    """assert_score_ranks_no_worse_than_naive_baselines (severity warn), in a plain dbt test run: on a
    volume world of 1500 accounts (a train cohort of about 700, 48 converters) the derived score ranks
    below the event count, and the configured score (the seed, written for another product) ranks below
    it on the 5000-account volume world too; the warning names each losing mode with its figures. On
    the demo world both modes beat both baselines and the test passes."""
    name = "assert_score_ranks_no_worse_than_naive_baselines"
    _, small_db, small_dbt, small_vars = build_world(tmp_path_factory, "volume_small", 1500, 7, kind="volume")
    losing = query(
        small_db,
        "select scoring_mode, best_baseline, score_margin, baseline_verdict from pql_backtest_baselines"
        " where ranker = 'pql_score' and is_score_below_baseline order by 1",
    )
    assert [r[0] for r in losing] == ["configured", "derived"], losing
    out = small_dbt.run("test", "--select", name, db=small_db, vars=small_vars).output
    assert f"WARN 2 {name}" in " ".join(out.split()), out[-3000:]
    for mode, best, margin, verdict in losing:
        assert best == "event_count" and margin < 0
        assert f"pql: {mode} score ranks buyers below event_count: score AUC" in out, out[-3000:]
        assert verdict in out
    _, volume_db, volume_dbt, volume_vars = volume_world
    out = volume_dbt.run("test", "--select", name, db=volume_db, vars=volume_vars).output
    assert f"WARN 1 {name}" in " ".join(out.split()) and "pql: configured score ranks buyers below" in out
    _, demo_db, demo_dbt, demo_vars = demo_world
    out = demo_dbt.run("test", "--select", name, db=demo_db, vars=demo_vars).output
    assert f"PASS {name}" in " ".join(out.split()) and "ranks buyers below" not in out, out[-3000:]


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
    # the seed's key_feature group takes report_created's highest scoring tier (other rows of the
    # feature, tiers left out, have no tier_rank)
    cutoff, points = query(
        db,
        "select cutoff, points from pql_signal_points where feature_name = 'report_created' and tier_rank is not null"
        " order by cutoff desc limit 1",
    )[0]
    in_force = query(
        db,
        "select threshold_min, points from int_signals_in_force where scoring_mode = 'derived' and signal_id = 'key_feature_habit'",
    )[0]
    assert in_force == (cutoff, points)
    # the maximum total is 100: derived points plus what the configured groups keep
    budget = query(db, "select min(points_budget), sum(points) from pql_signal_points")[0]
    assert budget[0] == budget[1]


CHROMIUM = os.environ.get("PQL_CHROMIUM", "/usr/bin/chromium")
# the report's sections, as issue #17 lists them (one chart each)
CHARTS = ("bands", "deciles", "deltas", "sweeps", "scores", "funnel", "sources")
# Chromium as this machine's closed network wants it: no background connections, no sandbox (root)
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _drawn(png: bytes) -> tuple[int, float]:
    """(distinct colours, share of pixels that are not the page's white) of a screenshot."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    pixels = list(image.get_flattened_data())
    ink = sum(1 for p in pixels if min(p) < 235)
    return len(set(pixels)), ink / len(pixels)


def test_every_chart_of_the_demo_report_renders_in_headless_chromium(demo_world, tmp_path):
    """Headless Chromium (Debian's, driven by Playwright) loads the report of the demo world, takes a
    screenshot of the whole page (kept at data/test/report.png by the test command:
    PQL_REPORT_SCREENSHOT), and every chart the report promises is there, laid out at a readable size
    and drawn (its pixels are not blank)."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), (
        f"{CHROMIUM} is missing: the test command installs Debian's chromium (scripts/browser.sh)"
    )
    _, db, _, _ = demo_world
    report = write(duckdb_fetch(db), tmp_path / "report.html")
    screenshot = Path(os.environ.get("PQL_REPORT_SCREENSHOT", tmp_path / "report.png"))
    screenshot.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(report.resolve().as_uri(), wait_until="load")
            page.screenshot(path=str(screenshot), full_page=True)
            assert screenshot.stat().st_size > 10_000
            found = page.eval_on_selector_all("figure[id^='chart-']", "els => els.map(e => e.id)")
            assert sorted(found) == sorted(f"chart-{c}" for c in CHARTS)
            for chart in CHARTS:
                figure = page.locator(f"figure#chart-{chart}")
                svg = figure.locator("svg").first
                assert svg.count() == 1, f"chart {chart}: no drawing (the mart it reads is empty?)"
                box = svg.bounding_box()
                assert box and box["width"] > 300 and box["height"] > 150, f"chart {chart}: laid out at {box}"
                shapes = svg.locator("path, rect, line, polyline, text, use").count()
                assert shapes > 20, f"chart {chart}: {shapes} shapes"
                colours, ink = _drawn(svg.screenshot())
                assert colours > 8 and ink > 0.02, f"chart {chart}: blank ({colours} colours, {ink:.1%} ink)"
            assert errors == []
        finally:
            browser.close()
