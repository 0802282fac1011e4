"""The one place the recalibration models turn what ``dbt.ref()`` returns into pandas, and back.

Each adapter's Python models get their own frame type from ``dbt.ref()``: a DuckDB relation
(dbt-duckdb), a PySpark DataFrame (dbt-spark and dbt-databricks), a Snowpark DataFrame
(dbt-snowflake). The analysis in ``pql_scoring.cohort`` works on pandas. A model returns
``from_pandas(frame, session)``: pandas where the adapter writes pandas itself (DuckDB, Snowpark),
and on Spark a Spark DataFrame with a schema from the frame's dtypes, because
``spark.createDataFrame`` cannot infer one from an empty frame (dbt-spark's materialization would
fail on a cohort too small to select anything) and pandas-on-Spark, which it tries first, does not
import beside pandas 3.
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


SPARK_TYPES = {"int64": "bigint", "Int64": "bigint", "float64": "double", "bool": "boolean", "boolean": "boolean"}


def from_pandas(frame: pd.DataFrame, session):
    """What the model returns to its adapter: ``frame``, or on Spark a Spark DataFrame of its rows."""
    if not hasattr(session, "createDataFrame"):  # DuckDB's connection, Snowpark's session
        return frame
    columns = []
    for name, dtype in frame.dtypes.items():
        kind = "timestamp" if str(dtype).startswith("datetime64") else SPARK_TYPES.get(str(dtype), "string")
        columns.append(f"`{name}` {kind}")
    rows = frame.astype(object).where(frame.notna(), None).values.tolist()
    return session.createDataFrame(rows, schema=", ".join(columns))
