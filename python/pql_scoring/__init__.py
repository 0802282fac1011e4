"""pql_scoring: the Python side of the pql dbt project (demo world, cohort statistics)."""

__version__ = "0.1.0"
