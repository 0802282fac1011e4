"""README, "Changing a rule": the worked example's seed row, added to a copy of the project, passes a plain
`dbt build` (data and unit tests included) and scores as the README says."""

from __future__ import annotations

import re

import pytest

from .conftest import AS_OF, REPO, Dbt, query
from .test_bad_configuration import project  # noqa: F401  (fixture: a copy of the project)

pytestmark = pytest.mark.integration


def _readme_seed_row() -> str:
    match = re.search(r"`(reports_per_user,[^`]+)`", (REPO / "README.md").read_text())
    assert match, "README's worked example no longer shows its seed row"
    return match.group(1)


def test_the_worked_example_rule_type_scores_as_the_readme_says(project, built_world, tmp_path):  # noqa: F811
    with (project / "seeds" / "pql_signals.csv").open("a") as fh:
        fh.write(_readme_seed_row() + "\n")
    db = tmp_path / "rule.duckdb"
    Dbt(tmp_path / "dbt", project_dir=project).run(
        "build", db=db, vars={"pql__raw_path": str(built_world.raw), "pql__as_of": AS_OF}
    )
    # the measure, worked out here from the daily activity: report_created events in the 30 days up to
    # the as-of day over the users with such events, per account
    expected = dict(
        query(
            db,
            f"""
            select account_id, sum(event_count) * 1.0 / count(distinct user_id)
            from int_activity_attributed
            where event_name = 'report_created' and account_id is not null
              and activity_date > date '{AS_OF}' - interval 30 day
            group by 1
            """,
        )
    )
    measured = dict(
        query(
            db,
            "select entity_id, measure_value from int_signals_measured"
            " where signal_id = 'reports_per_user' and entity_type = 'account' and measure_value is not null",
        )
    )
    assert len(expected) > 20
    assert measured.keys() == expected.keys()
    assert all(abs(measured[a] - expected[a]) < 1e-9 for a in expected)
    fired = {a for a, v in expected.items() if v >= 3}
    counted = {
        a for (a,) in query(db, "select account_id from pql_accounts where counted_signals like '%reports_per_user%'")
    }
    assert fired and counted == fired
