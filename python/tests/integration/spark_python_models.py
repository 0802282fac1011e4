"""Run the project's Python models, compiled for the spark target, in a Spark session (test helper).

    python spark_python_models.py MANIFEST SCHEMA MODEL [MODEL ...]

A Databricks cluster runs a dbt Python model as the script dbt-spark's materialization writes
(macro py_write_table): the compiled model (its code and dbt's generated ``dbtObj``), then
``dbt = dbtObj(spark.table)``, ``df = model(dbt, spark)``, and a pandas result converted with
``spark.createDataFrame`` and saved as a Delta table. This does the same, in the order given, in a
session configured as the spark target is (so a later model reads an earlier one's table), and
prints one JSON line per model: its name and its rows.
"""

from __future__ import annotations

import json
import sys

import pandas as pd

from pql_scoring.frames import to_pandas
from pql_scoring.load import spark_session


def run(manifest_path: str, schema: str, models: list[str]) -> None:
    manifest = json.load(open(manifest_path))
    nodes = {n["name"]: n for n in manifest["nodes"].values() if n["resource_type"] == "model"}
    spark = spark_session()
    for name in models:
        node = nodes[name]
        assert node["language"] == "python", f"{name} is not a Python model"
        namespace: dict = {"spark": spark}
        exec(compile(node["compiled_code"], node["original_file_path"], "exec"), namespace)
        dbt = namespace["dbtObj"](spark.table)
        df = namespace["model"](dbt, spark)
        frame = df if not isinstance(df, pd.DataFrame) else spark.createDataFrame(df)  # as py_write_table
        frame.write.mode("overwrite").format("delta").option("overwriteSchema", "true").saveAsTable(
            f"`{schema}`.`{name}`"
        )
        rows = to_pandas(df)
        print(json.dumps({"model": name, "rows": json.loads(rows.to_json(orient="records", date_format="iso"))}))


if __name__ == "__main__":
    run(sys.argv[1], sys.argv[2], sys.argv[3:])
