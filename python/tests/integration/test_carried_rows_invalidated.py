"""What makes an incremental model drop the rows it carries forward and compute them all again (issue
16, item 2). Each case runs a plain `dbt build` on a copy of the built world after changing one input
that no new event reflects, then compares the model with the same model dropped and built from
nothing on the same run's inputs: a carried row that the change should have altered shows as a
difference.

- int_entities_scored keeps a state of the settings it scored with (DECISIONLOG, "Scores are carried
  forward within a day"): another decay rate on the same day scores every entity again.
- int_band_changes_detected keeps a fingerprint of the signals' descriptions (DECISIONLOG, "Band
  changes are detected for the accounts with new versions only"): a reworded signal writes every
  reason again.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from .conftest import AS_OF, Dbt, query
from .test_bad_configuration import edit_seed, project  # noqa: F401  (fixture: a copy of the project)

pytestmark = pytest.mark.integration


def _rebuilt(db: Path, dbt: Dbt, model: str, run_vars: dict, tmp_path: Path) -> Path:
    """A copy of `db` with `model` dropped (its state tables too) and built again from nothing."""
    copy = tmp_path / f"{model}_rebuilt.duckdb"
    shutil.copy(db, copy)
    con = duckdb.connect(str(copy))
    for (table,) in con.execute(
        "select table_name from information_schema.tables where table_name = ? or starts_with(table_name, ?)",
        [model, f"{model}__"],
    ).fetchall():
        con.execute(f"drop table {table}")
    con.close()
    dbt.run("run", "--select", model, db=copy, vars=run_vars)
    return copy


def _rows(db: Path, table: str) -> set[tuple]:
    return set(query(db, f"select * from {table}"))


def _path_taken(dbt: Dbt, marker: str) -> bool:
    return marker in (dbt.workdir / "logs" / "dbt.log").read_text()


def test_another_decay_rate_on_the_same_day_scores_every_entity_again(built_world, tmp_path):
    db = tmp_path / "pql.duckdb"
    shutil.copy(built_world.db, db)
    before = dict(query(db, "select entity_key, pql_score from int_entities_scored"))
    run_vars = {"pql__raw_path": str(built_world.raw), "pql__as_of": AS_OF, "pql__decay_points_per_week": 10}
    dbt = Dbt(tmp_path / "dbt")
    dbt.run("build", db=db, vars=run_vars)
    # nothing new was evaluated, so only the settings say the rows are stale: every row was deleted
    assert _path_taken(dbt, 'int_entities_scored" where 1 = 1')
    after = dict(query(db, "select entity_key, pql_score from int_entities_scored"))
    # the faster decay lowers some scores: the case means something
    assert any(after[key] < score for key, score in before.items())
    rebuilt = _rebuilt(db, dbt, "int_entities_scored", run_vars, tmp_path)
    assert _rows(db, "int_entities_scored") == _rows(rebuilt, "int_entities_scored")
    assert query(db, "select settings from int_entities_scored__state") == [
        ("mode=configured;cap=100;reasons=3;grace=14;per_week=10",)
    ]


def test_a_reworded_signal_writes_every_band_change_reason_again(project, built_world, tmp_path):  # noqa: F811
    reworded = "Created a report within the last 30 days (reworded)"
    edit_seed(project, "pql_signals", "signal_id", "key_feature_used", "description", reworded)
    db = tmp_path / "pql.duckdb"
    shutil.copy(built_world.db, db)
    reasons = "select count(*) from int_band_changes_detected where reasons_gained like '%{}%'"
    assert query(db, reasons.format("Created a report in the last 30 days"))[0][0] > 0
    run_vars = {"pql__raw_path": str(built_world.raw), "pql__as_of": AS_OF}
    dbt = Dbt(tmp_path / "dbt", project_dir=project)
    dbt.run("build", db=db, vars=run_vars)
    assert query(db, reasons.format(reworded))[0][0] > 0
    rebuilt = _rebuilt(db, dbt, "int_band_changes_detected", run_vars, tmp_path)
    assert _rows(db, "int_band_changes_detected") == _rows(rebuilt, "int_band_changes_detected")
