{%- set columns = pql_optional_source_columns('segment', 'groups') -%}
{%- if columns is not none -%}
    {%- do pql_require_columns(columns, ['user_id', 'group_id', 'timestamp'], "source segment.groups") -%}
{%- endif -%}
with

source as (
    {{ pql_optional_source('segment', 'groups', columns, ['user_id', 'group_id', 'timestamp']) }}
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
