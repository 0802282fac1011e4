{#- PostHog persons as a batch export's persons model delivers them: one row per distinct id and
    person (distinct_id, person_id, person_distinct_id_version, is_deleted, properties), re-sent when
    either changes (optional table). A persons table without distinct ids (the data warehouse's, one
    row per person) names no distinct id, so it adds nothing to identity and is read as empty. -#}
{%- set columns = pql_optional_source_columns('posthog', 'persons') -%}
{%- set has_mappings = columns is not none and 'distinct_id' in columns and 'person_id' in columns -%}
{%- set mapping_columns = columns if has_mappings else [] -%}
{%- if execute and columns is not none and not has_mappings -%}
    {%- do log("pql: posthog.persons has no distinct_id and person_id columns: it adds no identity links", info=true) -%}
{%- endif -%}
{%- set version_column = pql_column_or_null(mapping_columns, 'person_distinct_id_version', dbt.type_bigint()) -%}
{%- set deleted_column = pql_column_or_null(mapping_columns, 'is_deleted', dbt.type_string()) -%}
with

source as (
    {{ pql_optional_source('posthog', 'persons', columns if has_mappings else none, ['distinct_id', 'person_id']) }}
),

{{ pql_posthog_current_mappings(version_column, deleted_column) }}
