"""The one place the recalibration models turn what ``dbt.ref()`` returns into pandas.

Each adapter's Python models get their own frame type from ``dbt.ref()``: a DuckDB relation
(dbt-duckdb), a PySpark DataFrame (dbt-spark and dbt-databricks), a Snowpark DataFrame
(dbt-snowflake). The analysis in ``pql_scoring.cohort`` works on pandas; the models return pandas,
which every adapter's Python materialization writes back as a table (dbt-spark and dbt-databricks
convert it with ``spark.createDataFrame``, dbt-snowflake with ``write_pandas``).
"""

from __future__ import annotations

import pandas as pd


def to_pandas(frame) -> pd.DataFrame:
    """A pandas DataFrame with the rows of ``frame``, whatever the adapter's frame type."""
    if isinstance(frame, pd.DataFrame):
        return frame
    if hasattr(frame, "toPandas"):  # PySpark
        return frame.toPandas()
    if hasattr(frame, "to_pandas"):  # Snowpark
        return frame.to_pandas()
    if hasattr(frame, "df"):  # DuckDB relation
        return frame.df()
    raise TypeError(f"no way to read a {type(frame).__module__}.{type(frame).__name__} as pandas")
