"""The dbt project's own configuration, read where it is kept, for the code that runs beside dbt.

The benchmark's peers (``floor.sql``, the pandas baseline) compute pql_accounts without dbt; they take
the run-level knobs from the ``vars:`` of ``dbt_project.yml`` (the defaults a plain ``dbt build`` uses)
and the rules from ``seeds/``, so changing a default or a seed needs no edit in them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"


@cache
def var_defaults(project_file: Path = REPO / "dbt_project.yml") -> dict[str, Any]:
    """The ``pql__*`` vars with their defaults, as dbt_project.yml sets them."""
    with project_file.open() as fh:
        project = yaml.safe_load(fh)
    return {name: value for name, value in (project.get("vars") or {}).items() if name.startswith("pql__")}


def var_default(name: str) -> Any:
    """One var's default; a name dbt_project.yml does not set is an error naming it."""
    defaults = var_defaults()
    if name not in defaults:
        raise KeyError(f"dbt_project.yml sets no var {name}")
    return defaults[name]
