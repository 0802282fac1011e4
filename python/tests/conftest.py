from __future__ import annotations

import datetime as dt
import os

import pytest
from hypothesis import settings

from pql_scoring.demo import generate

# Property-based tests (test_staging_fuzz.py) explore new random inputs in a plain `pytest`; the test
# command (scripts/test.sh sets PQL_HYPOTHESIS_PROFILE=ci) replays a fixed sequence, so that a red run
# is a change's doing and reruns alike: an input found by exploring becomes a fix and a sampled case.
settings.register_profile("ci", derandomize=True)
if os.environ.get("PQL_HYPOTHESIS_PROFILE"):
    settings.load_profile(os.environ["PQL_HYPOTHESIS_PROFILE"])

END_DATE = dt.date(2026, 6, 30)


@pytest.fixture(scope="session")
def small_world():
    """A small deterministic world shared by the generator tests."""
    return generate(accounts=600, seed=11, end_date=END_DATE, days=120)


# Tests run on every core (`pytest -n auto`, scripts/test.sh), in groups: each file is one group, on
# one worker, so a file's module fixtures (a built world) are built once. The files below share state
# outside their temporary folders: the project's own target/ (the documented commands, `mf`) and the
# PostgreSQL server's `raw` schema (the loader); they are one group, run one after another.
SHARED_STATE = {"test_documented_commands.py", "test_crm_outputs.py", "test_engines.py"}
# files whose tests are long and independent (each builds its own databases): one group per test
BY_TEST = {"test_incremental_equivalence.py"}
# the longest groups first, one per worker, so that no worker is left with a long one at the end (in
# collection order: scripts/test.sh passes --no-loadscope-reorder, else xdist orders groups by their
# number of tests)
LONGEST = (
    "shared_state",
    "test_spark.py",
    "test_incremental_equivalence.py::test_consecutive_hourly_runs_equal_a_recomputation_after_every_run",
    "test_incremental_equivalence.py::test_consecutive_daily_runs_equal_a_recomputation_after_every_run",
)


def _group(path: str) -> str:
    name = path.split("::", 1)[0].rsplit("/", 1)[-1]
    if name in BY_TEST:
        return name + "::" + path.split("::", 1)[1].split("[", 1)[0]
    return "shared_state" if name in SHARED_STATE else name


def pytest_xdist_make_scheduler(config, log):
    # xdist's own `--dist loadgroup` (xdist_group marks) does not group under pytest 9 here: a
    # scheduler of whole scopes with this project's scope of a test
    from xdist.scheduler import LoadScopeScheduling

    class FileGroups(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return _group(nodeid)

    return FileGroups(config, log)


def pytest_collection_modifyitems(items):
    rank = {group: i for i, group in enumerate(LONGEST)}
    items.sort(key=lambda item: rank.get(_group(item.nodeid), len(LONGEST)))
