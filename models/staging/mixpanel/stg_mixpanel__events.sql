{%- set columns = pql_source_columns(source('mixpanel', 'events')) -%}
{%- do pql_require_columns(columns, ['insert_id', 'event', 'time'], "source mixpanel.events") -%}
{%- set properties = 'cast(' ~ pql_column_or_null(columns, 'properties', dbt.type_string())
    ~ ' as ' ~ dbt.type_string() ~ ')' -%}
with

source as (
    select * from {{ source('mixpanel', 'events') }}
),

renamed as (
    select
        ---------- ids
        {{ pql_clean_id('insert_id') }} as event_id,
        {{ pql_clean_id(pql_json_text(properties, '$user_id')) }} as user_id,
        coalesce(
            {{ pql_clean_id(pql_json_text(properties, '$device_id')) }},
            case
                when {{ pql_clean_id(pql_json_text(properties, '$user_id')) }} is null
                    then {{ pql_clean_id(pql_column_or_null(columns, 'distinct_id', dbt.type_string())) }}
            end
        ) as anonymous_id,
        cast(null as {{ dbt.type_string() }}) as account_id,
        ---------- strings
        nullif(lower({{ pql_trim_whitespace('cast(event as ' ~ dbt.type_string() ~ ')') }}), '') as event_name,
        {{ properties }} as properties,
        ---------- timestamps
        {{ dbt.dateadd('second', adapter.quote('time'), "cast('1970-01-01' as " ~ dbt.type_timestamp() ~ ")") }}
            as occurred_at
    from source
)

{{ pql_select_events_shape('renamed') }}
