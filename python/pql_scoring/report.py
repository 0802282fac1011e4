"""Print the top PQL accounts of a built pql project as a readable table.

python -m pql_scoring.report --db data/pql.duckdb --top 15
python -m pql_scoring.report --target postgres --top 15     (the postgres target's schema, PQL_PG_*)
python -m pql_scoring.report --target spark --top 15        (the spark target's schema, PQL_SPARK_*)
python -m pql_scoring.report --html data/report.html        (also write the calibration report: report_html)
"""

from __future__ import annotations

import argparse
import os
import textwrap
from pathlib import Path

from pql_scoring.engines import duckdb_fetch, postgres_fetch, spark_fetch

QUERY = """
select
    account_id,
    account_name,
    pql_score as score,
    pql_band as band,
    routing_label as routing,
    case when is_icp then 'yes' else 'no' end as icp,
    estimated_acv as acv,
    top_reasons
from pql_accounts
where routing_label <> 'excluded'
order by pql_score desc, estimated_acv desc, account_id
limit {top}
"""

SUMMARY = """
select pql_band as band, routing_label as routing, count(*) as accounts
from pql_accounts
group by 1, 2
order by min(pql_score) desc, routing
"""


def format_table(headers: list[str], rows: list[tuple], wrap: dict[str, int] | None = None) -> str:
    """Render rows as a plain-text table; columns named in ``wrap`` are wrapped at that width."""
    wrap = wrap or {}
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        for i, v in enumerate(row):
            limit = wrap.get(headers[i])
            widths[i] = max(widths[i], min(len(v), limit) if limit else len(v))
    line = "-+-".join("-" * w for w in widths)
    out = [" | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)), line]
    for row in cells:
        parts = [textwrap.wrap(v, wrap[h]) or [""] if h in wrap else [v] for h, v in zip(headers, row, strict=True)]
        for k in range(max(len(p) for p in parts)):
            out.append(" | ".join((p[k] if k < len(p) else "").ljust(w) for p, w in zip(parts, widths, strict=True)))
    return "\n".join(line.rstrip() for line in out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m pql_scoring.report", description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=Path(os.environ.get("PQL_DUCKDB_PATH", "data/pql.duckdb")))
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--html", type=Path, help="also write the HTML calibration report to this file")
    parser.add_argument(
        "--target", choices=("duckdb", "postgres", "spark"), default=os.environ.get("PQL_TARGET", "duckdb")
    )
    parser.add_argument(
        "--schema", help="postgres or spark: the schema (default PQL_PG_SCHEMA or PQL_SPARK_SCHEMA, else pql)"
    )
    args = parser.parse_args(argv)
    if args.target == "duckdb":
        fetch = duckdb_fetch(args.db)
    elif args.target == "postgres":
        fetch = postgres_fetch(args.schema or os.environ.get("PQL_PG_SCHEMA", "pql"))
    else:
        fetch = spark_fetch(args.schema or os.environ.get("PQL_SPARK_SCHEMA", "pql"))
    as_of = fetch("select max(as_of_date) from pql_accounts")[1][0][0]
    print(f"\nTop {args.top} PQL accounts as of {as_of} (paying and internal accounts excluded)\n")
    top = fetch(QUERY.format(top=int(args.top)))[1]
    headers = ["account_id", "account_name", "score", "band", "routing", "icp", "acv", "top_reasons"]
    print(format_table(headers, top, wrap={"top_reasons": 60}))
    print("\nAccounts by band and routing\n")
    print(format_table(["band", "routing", "accounts"], fetch(SUMMARY)[1]))
    if args.html:
        from pql_scoring import report_html

        print(f"\nCalibration report: {report_html.write(fetch, args.html).resolve()}")


if __name__ == "__main__":
    main()
