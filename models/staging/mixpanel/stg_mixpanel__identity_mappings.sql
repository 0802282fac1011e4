{#- Mixpanel's identity mappings (original ID merge), an optional table: Fivetran's connector has none. -#}
{%- set columns = pql_optional_source_columns('mixpanel', 'identity_mappings') -%}
{%- if columns is not none -%}
    {%- do pql_require_columns(
        columns, ['distinct_id', 'resolved_distinct_id'], "source mixpanel.identity_mappings"
    ) -%}
{%- endif -%}
with

source as (
    {{ pql_optional_source('mixpanel', 'identity_mappings', columns, ['distinct_id', 'resolved_distinct_id']) }}
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
