{#- PostHog's distinct id -> person table (the data warehouse's person_distinct_ids; optional). A
    distinct id can move to another person when persons merge: the highest version is current. -#}
{%- set columns = pql_optional_source_columns('posthog', 'person_distinct_ids') -%}
{%- if columns is not none -%}
    {%- do pql_require_columns(columns, ['distinct_id', 'person_id'], "source posthog.person_distinct_ids") -%}
{%- endif -%}
{%- set version_column = pql_column_or_null(columns or [], 'version', dbt.type_bigint()) -%}
{%- set deleted_column = pql_column_or_null(columns or [], 'is_deleted', dbt.type_string()) -%}
with

source as (
    {{ pql_optional_source('posthog', 'person_distinct_ids', columns, ['distinct_id', 'person_id']) }}
),

{{ pql_posthog_current_mappings(version_column, deleted_column) }}
