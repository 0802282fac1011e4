"""The Attio sync shapes (sync_attio__companies, sync_attio__people) against Attio's documented data
model (docs.attio.com: "Attribute types", the standard objects, "Assert a record", "Linking referenced
records"). Each synced column of models/marts/sync/_sync__models.yml names its Attio attribute type in
config.meta.attio_type; these tests check the YAML, the contract's types and the matching attributes
against what Attio documents, so a renamed or retyped column fails here before a sync does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
SYNC_YAML = REPO / "models" / "marts" / "sync" / "_sync__models.yml"

# Attio's attribute types, and the warehouse types (the contract's data_type) a reverse-ETL tool writes
# each from. interaction is read-only in Attio: no sync may target it.
ATTIO_TYPES = {
    "text": {"varchar"},
    "number": {"integer", "bigint", "double", "float"},
    "checkbox": {"boolean"},
    "currency": {"integer", "bigint", "double", "float"},
    "date": {"date"},
    "timestamp": {"timestamp"},
    "rating": {"integer"},
    "status": {"varchar"},
    "select": {"varchar"},
    "record-reference": {"varchar"},
    "actor-reference": {"varchar"},
    "location": {"varchar"},
    "domain": {"varchar"},
    "email-address": {"varchar"},
    "phone-number": {"varchar"},
    "personal-name": {"varchar"},
}
READ_ONLY = {"interaction"}
# the types a record can be matched on (assert a record needs a unique one; a record reference
# matches on one of these)
MATCHABLE = {"text", "number", "domain", "email-address", "phone-number"}
# the standard objects' system attributes these shapes write, with their documented types
STANDARD = {
    "companies": {"name": "text", "domains": "domain", "description": "text"},
    "people": {"email_addresses": "email-address", "job_title": "text", "company": "record-reference"},
}
# Attio's text values are at most 10 MB: 2,621,440 characters at UTF-8's four bytes per character; a
# domain name is at most 253 characters, an email address 254
TEXT_LIMIT = 10 * 2**20 // 4
LIMITS = {"domain": 253, "email-address": 254}
# an attribute's api_slug: lowercase letters, digits and underscores, starting with a letter
SLUG = re.compile(r"^[a-z][a-z0-9_]*$")
NOT_ATTRIBUTES = {"change_hash", "tracking"}


def _models() -> dict[str, dict]:
    models = yaml.safe_load(SYNC_YAML.read_text())["models"]
    return {m["name"]: m for m in models if m["name"].startswith("sync_attio__")}


def _meta(node: dict) -> dict:
    return (node.get("config") or {}).get("meta") or node.get("meta") or {}


def _attributes(model: dict) -> list[dict]:
    return [c for c in model["columns"] if _meta(c).get("pql_role", "field") not in NOT_ATTRIBUTES]


ATTIO_MODELS = _models()


def test_there_is_a_company_and_a_person_shape():
    assert {_meta(m)["attio_object"] for m in ATTIO_MODELS.values()} == {"companies", "people"}
    assert all(m["config"]["contract"]["enforced"] for m in ATTIO_MODELS.values())


def _attribute_problems(model: dict) -> list[str]:
    """What Attio would refuse in a shape's attributes: a missing, unknown or read-only type, a
    column type the attribute cannot take, a name that is not an api_slug, a nullable checkbox, a
    select without its declared options."""
    problems = []
    for column in _attributes(model):
        where = f"{model['name']}.{column['name']}"
        kind = _meta(column).get("attio_type")
        tests = column.get("data_tests", [])
        if not SLUG.match(column["name"]):
            problems.append(f"{where}: not an api_slug")
        if kind in READ_ONLY:
            problems.append(f"{where}: {kind} is read-only in Attio")
        elif kind not in ATTIO_TYPES:
            problems.append(f"{where}: {kind!r} is not an Attio attribute type")
        elif column["data_type"] not in ATTIO_TYPES[kind]:
            problems.append(f"{where}: a {kind} attribute cannot take {column['data_type']}")
        limit = _meta(column).get("max_length")
        if column["data_type"] == "varchar" and not (limit and limit <= LIMITS.get(kind, TEXT_LIMIT)):
            problems.append(f"{where}: text longer than Attio takes ({limit})")
        if kind == "checkbox" and not ({"type": "not_null"} in column.get("constraints", []) and "not_null" in tests):
            problems.append(f"{where}: a checkbox may be null")
        if kind == "select" and not any(isinstance(t, dict) and "accepted_values" in t for t in tests):
            problems.append(f"{where}: a select without its options")
    return problems


@pytest.mark.parametrize("name", sorted(ATTIO_MODELS))
def test_every_attribute_has_a_documented_writable_type_its_column_can_carry(name):
    assert _attribute_problems(ATTIO_MODELS[name]) == []


def test_the_attribute_check_finds_what_attio_would_refuse():
    def column(name, data_type, kind, max_length=100, **extra):
        meta = {"attio_type": kind, "max_length": max_length}
        return {"name": name, "data_type": data_type, "config": {"meta": meta}, **extra}

    bad = {
        "name": "sync_attio__bad",
        "columns": [
            column("PQL_Score", "integer", "number"),
            column("pql_is_icp", "varchar", "checkbox"),
            column("pql_touched", "timestamp", "interaction"),
            column("pql_band", "varchar", "select"),
            column("pql_tier", "varchar", "picklist"),
            column("pql_domain", "varchar", "domain", max_length=300),
            column(
                "pql_band_ok", "varchar", "select", data_tests=[{"accepted_values": {"arguments": {"values": ["a"]}}}]
            ),
        ],
    }
    assert _attribute_problems(bad) == [
        "sync_attio__bad.PQL_Score: not an api_slug",
        "sync_attio__bad.pql_is_icp: a checkbox attribute cannot take varchar",
        "sync_attio__bad.pql_is_icp: a checkbox may be null",
        "sync_attio__bad.pql_touched: interaction is read-only in Attio",
        "sync_attio__bad.pql_band: a select without its options",
        "sync_attio__bad.pql_tier: 'picklist' is not an Attio attribute type",
        "sync_attio__bad.pql_domain: text longer than Attio takes (300)",
    ]


@pytest.mark.parametrize("name", sorted(ATTIO_MODELS))
def test_standard_attributes_keep_their_documented_types(name):
    model = ATTIO_MODELS[name]
    standard = STANDARD[_meta(model)["attio_object"]]
    for column in _attributes(model):
        if column["name"] in standard:
            assert _meta(column)["attio_type"] == standard[column["name"]], (name, column["name"])


@pytest.mark.parametrize("name", sorted(ATTIO_MODELS))
def test_records_are_asserted_on_their_key_a_unique_matchable_attribute(name):
    model = ATTIO_MODELS[name]
    keys = [c for c in model["columns"] if _meta(c).get("pql_role") == "key"]
    assert len(keys) == 1
    key = keys[0]
    assert _meta(model)["attio_matching_attribute"] == key["name"]
    assert _meta(key)["attio_type"] in MATCHABLE
    # unique in the table: what makes it a unique attribute in Attio
    assert {"type": "primary_key"} in key["constraints"] and "unique" in key["data_tests"]


def test_a_record_reference_matches_its_target_on_that_targets_matching_attribute():
    references = [
        (name, c)
        for name, m in ATTIO_MODELS.items()
        for c in _attributes(m)
        if _meta(c)["attio_type"] == "record-reference"
    ]
    assert references, "people reference their company"
    for name, column in references:
        target_model, target_column = _meta(column)["attio_target"].split(".")
        target = ATTIO_MODELS[target_model]
        assert _meta(target)["attio_matching_attribute"] == target_column, (name, column["name"])
        # the reference holds the same value as the target's key: the same prepared column
        target_key = next(c for c in target["columns"] if c["name"] == target_column)
        assert _meta(column)["pql_source"] == _meta(target_key)["pql_source"]
