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

renamed as (
    select
        ---------- ids
        {{ pql_clean_id('distinct_id') }} as distinct_id,
        {{ pql_clean_id('person_id') }} as person_id,
        ---------- numerics
        {{ pql_safe_cast(version_column, dbt.type_bigint()) }} as mapping_version,
        ---------- booleans
        coalesce(
            lower(cast({{ deleted_column }} as {{ dbt.type_string() }}))
            in ('true', '1', 't'),
            false
        ) as is_deleted
    from source
),

-- a distinct id is re-sent when it moves to another person (persons merge): the highest version is
-- the current mapping (a tie keeps the first person id)
ranked as (
    select
        renamed.*,
        row_number() over (
            partition by renamed.distinct_id
            order by coalesce(renamed.mapping_version, -1) desc, renamed.person_id
        ) as version_rank
    from renamed
    where renamed.distinct_id is not null and renamed.person_id is not null
)

select
    distinct_id,
    person_id,
    mapping_version,
    is_deleted
from ranked
where version_rank = 1
