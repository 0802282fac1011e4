from __future__ import annotations

import datetime as dt

import pytest

from pql_scoring.demo import generate

END_DATE = dt.date(2026, 6, 30)


@pytest.fixture(scope="session")
def small_world():
    """A small deterministic world shared by the generator tests."""
    return generate(accounts=600, seed=11, end_date=END_DATE, days=120)
