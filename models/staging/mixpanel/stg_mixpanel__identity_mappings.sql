{%- set columns = pql_source_columns(source('mixpanel', 'identity_mappings')) -%}
{%- do pql_require_columns(columns, ['distinct_id', 'resolved_distinct_id'], "source mixpanel.identity_mappings") -%}
with

source as (
    select * from {{ source('mixpanel', 'identity_mappings') }}
),

renamed as (
    select
        ---------- ids
        {{ pql_clean_id('distinct_id') }} as anonymous_id,
        {{ pql_clean_id('resolved_distinct_id') }} as user_id,
        ---------- timestamps
        cast(null as {{ dbt.type_timestamp() }}) as identified_at
    from source
)

select *
from renamed
where anonymous_id is not null and user_id is not null and anonymous_id <> user_id
