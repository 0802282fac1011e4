{%- set columns = pql_source_columns(source('segment', 'groups')) -%}
{%- do pql_require_columns(columns, ['user_id', 'group_id', 'timestamp'], "source segment.groups") -%}
with

source as (
    select * from {{ source('segment', 'groups') }}
),

renamed as (
    select
        ---------- ids
        {{ pql_clean_id('user_id') }} as user_id,
        {{ pql_clean_id('group_id') }} as account_id,
        ---------- timestamps
        {{ pql_to_utc_timestamp(adapter.quote('timestamp')) }} as joined_at
    from source
)

select *
from renamed
where user_id is not null and account_id is not null
