"""The project's conventions, checked on dbt's manifest and on the built tables (dbt-project-evaluator style)."""

from __future__ import annotations

import json
import re

import pytest

from .conftest import query

pytestmark = pytest.mark.integration

# Listed exceptions, each with its reason (dbt-project-evaluator style: never silently allowed).
NO_PRIMARY_KEY = {
    "stg_generic__events": "one row per raw delivery: redeliveries share an event_id, and raw rows have no other"
    " identity; int_events_validated tests event_id unique among usable rows",
}
# Where a model may read from: layers only flow forward (staging <- intermediate <- marts). Listed
# exceptions, each with its reason.
LAYER_PARENTS = {
    "staging": {"source"},
    "intermediate": {"staging", "intermediate", "seed", "snapshot"},
    "marts": {"staging", "intermediate", "seed", "snapshot"},
}
LAYER_EXCEPTIONS = {
    (
        "pql_funnel_daily",
        "dim_dates",
    ): "dim_dates is the calendar (and MetricFlow's time spine) that a daily mart spans",
}
PREFIXES = {
    "staging": r"^stg_[a-z0-9]+__[a-z0-9_]+s$",
    "intermediate": r"^int_[a-z0-9_]+$",
    "marts": r"^(fct|dim|pql|sync)_[a-z0-9_]+$",
}


@pytest.fixture(scope="module")
def manifest(built_world):
    return json.loads((built_world.dbt.workdir / "target" / "manifest.json").read_text())


def _models(manifest):
    return [n for n in manifest["nodes"].values() if n["resource_type"] == "model" and n["package_name"] == "pql"]


def test_models_are_named_for_their_layer(manifest):
    for node in _models(manifest):
        layer = node["fqn"][1]
        assert layer in PREFIXES, node["name"]
        assert re.match(PREFIXES[layer], node["name"]), f"{node['name']} breaks the {layer} naming convention"


def test_only_staging_reads_sources_and_each_source_once(manifest):
    readers = {}
    for node in _models(manifest):
        for parent in node["depends_on"]["nodes"]:
            if parent.startswith("source."):
                assert node["fqn"][1] == "staging", f"{node['name']} reads {parent}"
                readers.setdefault(parent, []).append(node["name"])
    assert readers and all(len(v) == 1 for v in readers.values()), readers


def test_every_model_and_column_is_documented(manifest, built_world):
    for node in _models(manifest):
        assert node["description"].strip(), f"{node['name']} has no description"
        documented = {name for name, col in node["columns"].items() if col["description"].strip()}
        actual = {row[0] for row in query(built_world.db, f"describe {node['alias']}")}
        assert actual == documented, f"{node['name']}: undocumented {actual - documented}, stale {documented - actual}"


def test_every_model_tests_its_primary_key(manifest):
    tested = {}
    for node in manifest["nodes"].values():
        if node["resource_type"] != "test" or "test_metadata" not in node:
            continue
        kind = node["test_metadata"]["name"]
        column = node.get("column_name")
        for parent in node["depends_on"]["nodes"]:
            tested.setdefault(parent, {}).setdefault(column, set()).add(kind)
    for node in _models(manifest):
        if node["name"] in NO_PRIMARY_KEY:
            continue
        columns = tested.get(node["unique_id"], {})
        assert any({"unique", "not_null"} <= kinds for kinds in columns.values()), (
            f"{node['name']} has no primary-key test"
        )


def test_public_marts_enforce_contracts_and_tag_personal_data(manifest):
    for node in _models(manifest):
        if node["fqn"][1] == "marts":
            assert node["access"] == "public", node["name"]
        # the marts that leave the warehouse (read by CRMs and BI) enforce contracts; dbt enforces
        # contracts on SQL models only, and the analysis tables (Python) stay in the warehouse
        if node["name"].startswith(("pql_", "sync_")) and node["language"] == "sql":
            assert node["config"]["contract"]["enforced"], node["name"]
        for name, col in node["columns"].items():
            if name in ("email", "job_title"):
                assert "pii" in col["tags"], f"{node['name']}.{name} is personal data and must be tagged pii"


def test_tables_written_by_their_changed_rows_say_whether_a_contract_guards_them(manifest):
    # strategy pql_changed_rows: a contracted model takes append_new_columns (dbt asserts the
    # contract on every run), any other fails on a change of columns; a stamp must be a column
    changed_rows = [n for n in _models(manifest) if n["config"].get("incremental_strategy") == "pql_changed_rows"]
    assert len(changed_rows) >= 10
    for node in changed_rows:
        contracted = node["config"]["contract"]["enforced"]
        expected = "append_new_columns" if contracted else "fail"
        assert node["config"]["on_schema_change"] == expected, node["name"]
        assert node["config"]["unique_key"] in node["columns"], node["name"]
        for stamp in node["config"]["meta"]["pql_run_stamps"]:
            assert stamp in node["columns"], f"{node['name']}: run stamp {stamp} is not a column"


def test_every_text_field_of_a_sync_model_has_a_crm_length_limit(manifest):
    for node in _models(manifest):
        if not node["name"].startswith("sync_"):
            continue
        assert any(
            t.get("test_metadata", {}).get("name") == "pql_fits_crm_limits"
            for t in manifest["nodes"].values()
            if t["resource_type"] == "test" and node["unique_id"] in t["depends_on"]["nodes"]
        ), node["name"]
        for name, col in node["columns"].items():
            meta = col.get("config", {}).get("meta") or col.get("meta") or {}
            if col["data_type"] == "varchar" and meta.get("pql_role") != "change_hash":
                assert meta.get("max_length"), f"{node['name']}.{name} has no max_length"


def _layer(node):
    if node["resource_type"] in ("source", "seed", "snapshot"):
        return node["resource_type"]
    return node["fqn"][1]


def test_layers_only_flow_forward(manifest):
    nodes = {**manifest["nodes"], **manifest["sources"]}
    broken = []
    for node in _models(manifest):
        layer = _layer(node)
        for parent_id in node["depends_on"]["nodes"]:
            parent = nodes[parent_id]
            if _layer(parent) not in LAYER_PARENTS[layer] and (node["name"], parent["name"]) not in LAYER_EXCEPTIONS:
                broken.append(f"{node['name']} ({layer}) reads {parent['name']} ({_layer(parent)})")
    assert not broken, "\n".join(broken)
    # the snapshot keeps the history of an intermediate model, so what reads the history stays upstream of the marts
    snapshot = next(n for n in manifest["nodes"].values() if n["resource_type"] == "snapshot")
    assert all(_layer(nodes[p]) == "intermediate" for p in snapshot["depends_on"]["nodes"])


def test_intermediate_models_live_in_a_folder_per_stage(manifest):
    stages = {"events", "identity", "activity", "config", "signals", "scoring", "cohort", "backtest", "crm"}
    for node in _models(manifest):
        if node["fqn"][1] == "intermediate":
            assert len(node["fqn"]) == 4 and node["fqn"][2] in stages, f"{node['name']} is not in a stage folder"


def test_one_macro_per_file_named_for_it(manifest):
    """Each file in macros/ holds one macro, named like the file, with its adapter implementations
    (`default__<name>`, `duckdb__<name>`, ...) beside it; generic tests live in tests/generic."""
    by_file: dict[str, set[str]] = {}
    for macro in manifest["macros"].values():
        if macro["package_name"] == "pql" and macro["original_file_path"].startswith("macros/"):
            name = macro["name"].split("__", 1)[1] if "__" in macro["name"] else macro["name"]
            by_file.setdefault(macro["original_file_path"], set()).add(name)
    assert len(by_file) > 20
    wrong = {path: names for path, names in by_file.items() if names != {path.rsplit("/", 1)[-1][:-4]}}
    assert not wrong, wrong


def test_unit_test_names_fit_the_identifier_limit_of_every_engine(manifest):
    """dbt names a unit test's temporary relation after the test: PostgreSQL cuts identifiers at 63."""
    names = [u["name"] for u in manifest["unit_tests"].values() if u["package_name"] == "pql"]
    assert len(names) > 10
    assert not [n for n in names if len(n) > 63]


def test_python_models_declare_the_types_their_stand_ins_build(manifest):
    """The SQL stand-ins (adapters without Python models) take their columns from the YAML: it must say
    what the Python code returns, column for column."""
    from pql_scoring import cohort

    pandas_to_sql = {"object": "varchar", "int64": "bigint", "float64": "double precision", "bool": "boolean"}
    returned = {
        "int_signal_deltas_measured": {"analysis_run_id": "object", **cohort.DELTA_COLUMNS},
        "int_signal_thresholds_derived": {"analysis_run_id": "object", **cohort.THRESHOLD_COLUMNS},
        "int_signal_points_derived": {"analysis_run_id": "object", **cohort.POINTS_COLUMNS},
        "int_bands_calibrated": cohort.BAND_COLUMNS,
        "pql_band_backtest": cohort.BACKTEST_COLUMNS,
        "pql_backtest_baselines": cohort.BASELINE_COLUMNS,
    }
    models = {n["name"]: n for n in _models(manifest) if n["language"] == "python"}
    assert set(models) == set(returned)
    for name, columns in returned.items():
        declared = {c: spec.get("data_type") for c, spec in models[name]["columns"].items()}
        assert declared == {c: pandas_to_sql[t] for c, t in columns.items()}, name
