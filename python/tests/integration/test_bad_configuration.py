"""A bad configuration value fails the build with a message that names it."""

from __future__ import annotations

import csv
import shutil

import pytest

from .conftest import REPO, Dbt

pytestmark = pytest.mark.integration


@pytest.fixture()
def project(tmp_path):
    """A copy of the dbt project whose seeds a test may edit."""
    dest = tmp_path / "project"
    dest.mkdir()
    shutil.copy(REPO / "dbt_project.yml", dest)
    for folder in ("models", "macros", "seeds", "tests", "snapshots"):
        if (REPO / folder).exists():
            shutil.copytree(REPO / folder, dest / folder)
    return dest


def edit_seed(project, seed, key_column, key, column, value):
    path = project / "seeds" / f"{seed}.csv"
    with path.open(newline="") as f:
        rows = list(csv.DictReader(f))
    assert any(r[key_column] == key for r in rows), key
    for r in rows:
        if r[key_column] == key:
            r[column] = value
    with path.open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def build_config(project, tmp_path, model, vars=None):
    dbt = Dbt(tmp_path / "dbt", project_dir=project)
    return dbt.run("build", "--select", f"+{model}", db=tmp_path / "cfg.duckdb", vars=vars, check=False)


@pytest.mark.parametrize(
    "column, value, message",
    [
        ("category", "bogus", "signal aha_moment: unknown category 'bogus'"),
        ("points", "-5", "signal aha_moment: negative points (-5) are only allowed in category negative"),
        ("rule_type", "vibes", "signal aha_moment: unknown rule_type 'vibes'"),
        ("event_name", "", "signal aha_moment: rule_type event_count needs an event_name"),
        ("window_days", "0", "signal aha_moment: window_days must be positive"),
    ],
)
def test_bad_signal_value_fails_naming_the_signal(project, tmp_path, column, value, message):
    edit_seed(project, "pql_signals", "signal_id", "aha_moment", column, value)
    result = build_config(project, tmp_path, "int_signals_configured")
    assert result.returncode != 0
    assert "invalid configuration in seed pql_signals" in result.output
    assert message in result.output


def test_the_shipped_configuration_is_valid(project, tmp_path):
    result = build_config(project, tmp_path, "int_signals_configured")
    assert result.returncode == 0, result.output[-3000:]


def test_overlapping_bands_fail(project, tmp_path):
    edit_seed(project, "pql_bands", "band", "mid", "max_score", "75")
    result = build_config(project, tmp_path, "int_bands_configured")
    assert result.returncode != 0
    assert "bands high and mid overlap" in result.output


def test_a_gap_between_bands_fails(project, tmp_path):
    edit_seed(project, "pql_bands", "band", "low", "min_score", "25")
    result = build_config(project, tmp_path, "int_bands_configured")
    assert result.returncode != 0
    assert "bands leave scores uncovered" in result.output


@pytest.mark.parametrize(
    "vars, message",
    [
        ({"pql__decay_points_per_week": -5}, "var pql__decay_points_per_week must be at least 0"),
        ({"pql__decay_grace_days": "two weeks"}, "var pql__decay_grace_days must be a number"),
        ({"pql__carry_forward_max_share": "half"}, "var pql__carry_forward_max_share must be a number"),
        ({"pql__changed_rows_max_share": "a tenth"}, "var pql__changed_rows_max_share must be a number"),
        ({"pql__as_of": "2026-13-45"}, "var pql__as_of is not a calendar date"),
        ({"pql__as_of": "2026-02-30"}, "var pql__as_of is not a calendar date"),
        ({"pql__as_of": "yesterday"}, "var pql__as_of must be a date as YYYY-MM-DD"),
        ({"pql__as_of": "2026-06-29 14:30"}, "var pql__as_of is not a whole hour"),
        ({"pql__as_of": "2026-06-29 24:00"}, "var pql__as_of is not a whole hour"),
        ({"pql__as_of": "2026-02-30 10:00"}, "var pql__as_of is not a calendar date"),
        ({"pql__score_cap": 0}, "var pql__score_cap must be at least 1"),
        ({"pql__top_reasons_count": "three"}, "var pql__top_reasons_count must be a number"),
        ({"pql__calendar_end": "2035-02-30"}, "var pql__calendar_end is not a calendar date"),
        (
            {"pql__derived_bands": "quantiles"},
            "var pql__derived_bands must be calibrated or configured; got 'quantiles'",
        ),
    ],
)
def test_bad_var_fails_naming_the_var(project, tmp_path, vars, message):
    dbt = Dbt(tmp_path / "dbt", project_dir=project)
    result = dbt.run(
        "compile",
        "--select",
        "int_entities_scored",
        "int_signals_measured",
        "dim_dates",
        db=tmp_path / "cfg.duckdb",
        vars=vars,
        check=False,
    )
    assert result.returncode != 0
    assert message in result.output
