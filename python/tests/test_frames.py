"""frames.to_pandas: what each adapter's dbt.ref() returns, as pandas (PySpark: test_spark.py)."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from pql_scoring.frames import from_pandas, to_pandas


def test_a_duckdb_relation_becomes_its_rows():
    con = duckdb.connect()
    relation = con.sql("select * from (values (1, 'a'), (2, null)) as t(n, s) order by n")
    frame = to_pandas(relation)
    assert list(frame.columns) == ["n", "s"]
    assert frame["n"].tolist() == [1, 2]
    assert frame["s"].tolist()[0] == "a" and pd.isna(frame["s"].tolist()[1])


def test_pandas_is_returned_as_it_is():
    frame = pd.DataFrame({"n": [1]})
    assert to_pandas(frame) is frame


def test_an_unknown_frame_type_names_itself():
    with pytest.raises(TypeError, match="builtins.list"):
        to_pandas([1, 2])


def test_a_result_goes_back_to_duckdb_as_pandas():
    frame = pd.DataFrame({"n": [1]})
    assert from_pandas(frame, duckdb.connect()) is frame
