{%- set columns = pql_source_columns(source('posthog', 'persons')) -%}
{%- do pql_require_columns(columns, ['id'], "source posthog.persons") -%}
{%- set properties = 'cast(' ~ pql_column_or_null(columns, 'properties', dbt.type_string())
    ~ ' as ' ~ dbt.type_string() ~ ')' -%}
with

source as (
    select * from {{ source('posthog', 'persons') }}
),

renamed as (
    select
        ---------- ids
        {{ pql_clean_id('id') }} as person_id,
        {{ pql_clean_id(pql_json_text(properties, '$user_id')) }} as user_id
    from source
)

select *
from renamed
where person_id is not null
