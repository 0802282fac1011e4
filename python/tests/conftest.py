from __future__ import annotations

import datetime as dt

import pytest

from pql_scoring.demo import generate

END_DATE = dt.date(2026, 6, 30)


@pytest.fixture(scope="session")
def small_world():
    """A small deterministic world shared by the generator tests."""
    return generate(accounts=600, seed=11, end_date=END_DATE, days=120)


# Tests run on every core (`pytest -n auto --dist loadgroup`, scripts/test.sh). Each file's tests stay
# on one worker, so a file's module fixtures (a built world) are built once. The files below share
# state outside their temporary folders: the project's own target/ (the documented commands, `mf`)
# and the PostgreSQL server's `raw` schema (the loader); they run on one worker, one after another.
SHARED_STATE = {"test_documented_commands.py", "test_crm_outputs.py", "test_engines.py"}


def pytest_collection_modifyitems(items):
    # the longest group first, so the other worker is not left waiting for it at the end
    items.sort(key=lambda item: item.path.name not in SHARED_STATE)
    for item in items:
        name = item.path.name
        item.add_marker(pytest.mark.xdist_group("shared_state" if name in SHARED_STATE else name))
