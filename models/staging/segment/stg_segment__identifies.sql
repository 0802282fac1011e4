{%- set columns = pql_source_columns(source('segment', 'identifies')) -%}
{%- do pql_require_columns(columns, ['anonymous_id', 'user_id', 'timestamp'], "source segment.identifies") -%}
with

source as (
    select * from {{ source('segment', 'identifies') }}
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
