"""A real BI tool reads the published marts: Apache Superset (scripts/superset.sh, its own venv,
127.0.0.1 only) gets a DuckDB database through its REST API and answers SQL Lab queries of band
counts and the three semantic-layer metrics, which must equal what the marts hold."""

from __future__ import annotations

import http.cookiejar
import json
import os
import shutil
import subprocess
import urllib.error
import urllib.request
import uuid
from collections import Counter
from pathlib import Path

import pytest

from pql_scoring.publish import publish

from .conftest import REPO, query

pytestmark = pytest.mark.integration

PORT = os.environ.get("PQL_SUPERSET_PORT", "8088")
PASSWORD = os.environ.get("PQL_SUPERSET_PASSWORD", "admin")
BASE = f"http://127.0.0.1:{PORT}"


def _superset(action: str) -> None:
    proc = subprocess.run(["bash", str(REPO / "scripts" / "superset.sh"), action], capture_output=True, text=True)
    assert proc.returncode == 0, f"superset.sh {action} failed:\n{proc.stdout}\n{proc.stderr}"


@pytest.fixture(scope="module")
def superset():
    if shutil.which("bash") is None:
        pytest.fail("bash is needed to start Superset")
    _superset("start")
    try:
        yield Client()
    finally:
        _superset("stop")


class Client:
    """Superset's REST API as a script uses it: a JWT from /security/login, then a CSRF token bound
    to the session cookie for every write."""

    def __init__(self) -> None:
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        login = self.call(
            "POST", "/api/v1/security/login", {"username": "admin", "password": PASSWORD, "provider": "db"}
        )
        self.token = login["access_token"]
        self.csrf = self.call("GET", "/api/v1/security/csrf_token/")["result"]

    def call(self, method: str, path: str, body: dict | None = None) -> dict:
        headers = {"Content-Type": "application/json", "Referer": BASE}
        if getattr(self, "token", None):
            headers["Authorization"] = f"Bearer {self.token}"
        if getattr(self, "csrf", None):
            headers["X-CSRFToken"] = self.csrf
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(BASE + path, data=data, headers=headers, method=method)
        try:
            with self.opener.open(request, timeout=120) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as error:
            raise AssertionError(f"{method} {path}: {error.code} {error.read()[:2000]!r}") from error

    def sql(self, database_id: int, sql: str) -> list[dict]:
        answer = self.call(
            "POST",
            "/api/v1/sqllab/execute/",
            {
                "database_id": database_id,
                "sql": sql,
                "runAsync": False,
                "schema": "main",
                "client_id": uuid.uuid4().hex[:10],
            },
        )
        assert answer.get("status") == "success", answer
        return answer["data"]


def test_superset_reads_the_published_marts_and_its_numbers_are_the_marts(built_world, superset, tmp_path):
    published = tmp_path / "published" / "pql.duckdb"
    publish(built_world.db, published, built_world.dbt.workdir / "target" / "manifest.json")

    # a user's steps: a database in Superset pointing at the published copy, read-only
    database = superset.call(
        "POST",
        "/api/v1/database/",
        {
            "database_name": f"pql {uuid.uuid4().hex[:8]}",
            "sqlalchemy_uri": f"duckdb:///{Path(published).resolve()}?access_mode=read_only",
            "expose_in_sqllab": True,
        },
    )
    database_id = database["id"]

    # band counts, against the rows of pql_accounts counted here
    bands = superset.sql(database_id, "select pql_band, count(*) as accounts from pql_accounts group by pql_band")
    expected = Counter(band for (band,) in query(built_world.db, "select pql_band from pql_accounts"))
    assert {row["pql_band"]: row["accounts"] for row in bands} == dict(expected)
    assert sum(expected.values()) > 0 and len(expected) >= 3

    # the three metrics of the semantic layer, as a BI tool computes them over all days
    metrics = superset.sql(
        database_id,
        """
        select sum(activated_signups) * 1.0 / nullif(sum(signups), 0) as activation_rate,
               sum(days_to_pql_total) * 1.0 / nullif(sum(new_pqls), 0) as time_to_pql,
               sum(entered_high_converted + entered_mid_converted) * 1.0
                   / nullif(sum(entered_high + entered_mid), 0) as pql_to_paid_conversion
        from pql_funnel_daily
        """,
    )[0]
    days = query(
        built_world.db,
        "select signups, activated_signups, new_pqls, days_to_pql_total, entered_high, entered_mid,"
        " entered_high_converted, entered_mid_converted from pql_funnel_daily",
    )
    total = [sum(column) for column in zip(*days, strict=True)]
    signups, activated, new_pqls, days_to_pql, high, mid, high_converted, mid_converted = total
    assert metrics["activation_rate"] == pytest.approx(activated / signups)
    assert metrics["time_to_pql"] == pytest.approx(days_to_pql / new_pqls)
    assert metrics["pql_to_paid_conversion"] == pytest.approx((high_converted + mid_converted) / (high + mid))
    # not a comparison of zeros (one run's history has no conversion after a band entry yet)
    assert metrics["activation_rate"] > 0 and metrics["time_to_pql"] > 0

    # nothing in Superset may change the marts: SQL Lab refuses a write, and the copy is unchanged
    with pytest.raises(AssertionError, match="DML_NOT_ALLOWED"):
        superset.sql(database_id, "delete from pql_accounts")
    assert query(published, "select count(*) from pql_accounts") == [(sum(expected.values()),)]
