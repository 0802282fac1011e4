{%- set columns = pql_optional_source_columns('segment', 'identifies') -%}
{%- if columns is not none -%}
    {%- do pql_require_columns(columns, ['anonymous_id', 'user_id', 'timestamp'], "source segment.identifies") -%}
{%- endif -%}
with

source as (
    {{ pql_optional_source('segment', 'identifies', columns, ['anonymous_id', 'user_id', 'timestamp']) }}
),

renamed as (
    select
        ---------- ids
        {{ pql_clean_id('anonymous_id') }} as anonymous_id,
        {{ pql_clean_id('user_id') }} as user_id,
        ---------- timestamps
        {{ pql_to_utc_timestamp(adapter.quote('timestamp')) }} as identified_at
    from source
)

select *
from renamed
where anonymous_id is not null and user_id is not null
