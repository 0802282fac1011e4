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
