"""Readers never block the writer: BI reads the published copy (python -m pql_scoring.publish), which
each build replaces whole, so a reader holding it open neither blocks `dbt build` nor sees half a run."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap

import pytest

from pql_scoring import report
from pql_scoring.publish import publish

from .conftest import AS_OF, REPO, query

pytestmark = pytest.mark.integration

NEXT_DAY = "2026-06-30"

READER = textwrap.dedent(
    """
    import sys, duckdb
    con = duckdb.connect(sys.argv[1], read_only=True)
    def state():
        published = con.execute("select as_of_date from pql_published").fetchone()[0]
        scored = con.execute("select max(as_of_date) from pql_accounts").fetchone()[0]
        return f"{published} {scored}"
    print("before", state(), flush=True)
    sys.stdin.readline()
    print("after", state(), flush=True)
    """
)

HOLDER = "import sys, duckdb; con = duckdb.connect(sys.argv[1], read_only=True); print('holding', flush=True); sys.stdin.readline()"

POLLER = textwrap.dedent(
    """
    import os, sys, time, duckdb
    path, stop, out = sys.argv[1:4]
    with open(out, "w") as log:
        while not os.path.exists(stop):
            con = duckdb.connect(path, read_only=True)
            published = con.execute("select as_of_date from pql_published").fetchone()[0]
            scored = con.execute("select max(as_of_date) from pql_accounts").fetchone()[0]
            con.close()
            print(published, scored, file=log, flush=True)
            time.sleep(0.1)
    """
)


def test_a_reader_holding_the_published_copy_neither_blocks_the_build_nor_sees_a_mix(built_world, tmp_path):
    build_db = tmp_path / "pql.duckdb"
    shutil.copy(built_world.db, build_db)
    published = tmp_path / "published" / "pql.duckdb"
    manifest = built_world.dbt.workdir / "target" / "manifest.json"
    _, tables = publish(build_db, published, manifest)
    # every model under models/marts (SQL or Python; without_python/ holds stand-ins of the same names),
    # and nothing else: the intermediate layer stays in the warehouse
    marts = {p.stem for suffix in ("*.sql", "*.py") for p in (REPO / "models" / "marts").rglob(suffix)}
    assert sorted(tables) == sorted(marts)
    assert query(published, "select count(*) from pql_accounts") == query(build_db, "select count(*) from pql_accounts")
    # the HTML report reads only public marts, so it runs on the published copy (a reader's machine)
    report.main(["--db", str(published), "--top", "3", "--html", str(tmp_path / "report.html")])
    page = (tmp_path / "report.html").read_text()
    assert page.count("<figure id='chart-") == 7 and "No rows in" not in page.split("chart-deciles", 1)[1][:300]

    # the problem this solves: a reader on the file dbt writes holds DuckDB's lock
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(build_db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline().startswith("holding")
    writer = subprocess.run(
        [sys.executable, "-c", f"import duckdb; duckdb.connect({str(build_db)!r})"], capture_output=True, text=True
    )
    holder.communicate("go\n", timeout=60)
    assert writer.returncode != 0 and "lock" in writer.stderr.lower(), writer.stderr

    # a BI reader holds the published copy open while the next day is built and published
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(published)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert reader.stdout.readline().split() == ["before", AS_OF, AS_OF]
    stop = tmp_path / "stop"
    polled_file = tmp_path / "polled.txt"
    poller = subprocess.Popen([sys.executable, "-c", POLLER, str(published), str(stop), str(polled_file)])
    try:
        built_world.dbt.run("build", db=build_db, vars={"pql__raw_path": str(built_world.raw), "pql__as_of": NEXT_DAY})
        publish(build_db, published, manifest)
        seen_new = query(published, "select as_of_date from pql_published")[0][0]
    finally:
        stop.touch()
        poller.wait(timeout=60)
        polled = polled_file.read_text().split("\n")
        after = reader.communicate("go\n", timeout=60)[0]
    assert str(seen_new) == NEXT_DAY
    # the reader's open connection still reads the run it opened, whole
    assert after.split() == ["after", AS_OF, AS_OF]
    # every fresh connection during the build and the swap saw one run or the other, never a mix
    states = {tuple(line.split()) for line in polled if line}
    assert states and states <= {(AS_OF, AS_OF), (NEXT_DAY, NEXT_DAY)}, states
    assert (AS_OF, AS_OF) in states
    # nothing left behind by the swap
    assert [p.name for p in published.parent.iterdir()] == ["pql.duckdb"]
