{#- Mixpanel events in the shared events shape, from either shape a warehouse holds them in:
    Fivetran's connector (`name`, `time` as a timestamp, `distinct_id`, `insert_id`, `properties`) or
    Mixpanel's own export (`event`, and `time`, `distinct_id`, `$insert_id` as columns or inside
    `properties`, time in epoch seconds). The event id is Mixpanel's deduplication key: insert id,
    distinct id, event name and calendar day (UTC) of the event, so only what Mixpanel itself would
    merge is a duplicate. -#}
{%- set columns = pql_source_columns(source('mixpanel', 'events')) -%}
{%- if execute and 'name' not in columns and 'event' not in columns -%}
    {%- do pql_require_columns(columns, ['name or event'], "source mixpanel.events") -%}
{%- endif -%}
{%- set text = dbt.type_string() -%}
{%- set properties = 'cast(' ~ pql_column_or_null(columns, 'properties', text) ~ ' as ' ~ text ~ ')' -%}
{%- set event_names = [] -%}
{%- for name in ['name', 'event'] if name in columns or not execute -%}
    {%- do event_names.append('cast(' ~ adapter.quote(name) ~ ' as ' ~ text ~ ')') -%}
{%- endfor -%}
with

source as (
    select * from {{ source('mixpanel', 'events') }}
),

typed as (
    select
        {{ pql_clean_id('coalesce(cast(' ~ pql_column_or_null(columns, 'insert_id', text) ~ ' as ' ~ text ~ '), '
            ~ pql_json_text(properties, '$insert_id') ~ ')') }} as mixpanel_insert_id,
        {{ pql_clean_id('coalesce(cast(' ~ pql_column_or_null(columns, 'distinct_id', text) ~ ' as ' ~ text ~ '), '
            ~ pql_json_text(properties, 'distinct_id') ~ ')') }} as distinct_id,
        {{ pql_clean_id(pql_json_text(properties, '$user_id')) }} as mixpanel_user_id,
        {{ pql_clean_id('coalesce(' ~ pql_json_text(properties, '$device_id') ~ ', cast('
            ~ pql_column_or_null(columns, 'device_id', text) ~ ' as ' ~ text ~ '))') }} as device_id,
        {{ pql_clean_id(pql_column_or_null(columns, '_fivetran_id', text)) }} as fivetran_row_id,
        nullif(lower({{ pql_trim_whitespace('coalesce(' ~ (event_names | join(', ')) ~ ')') }}), '') as event_name,
        {{ properties }} as properties,
        {{ pql_epoch_or_timestamp('coalesce(cast(' ~ pql_column_or_null(columns, 'time', text) ~ ' as ' ~ text ~ '), '
            ~ pql_json_text(properties, 'time') ~ ')') }} as occurred_at,
        -- Fivetran's sync time (Mixpanel's own export has no load time)
        {{ pql_loaded_at(source('mixpanel', 'events'), columns, ['_fivetran_synced']) }} as loaded_at
    from source
),

renamed as (
    select
        ---------- ids
        case
            when mixpanel_insert_id is not null
                then {{ pql_surrogate_key(
                    ['mixpanel_insert_id', 'distinct_id', 'event_name', 'cast(occurred_at as date)']
                ) }}
            -- no insert id: Mixpanel merges nothing; the loader's row id, else the whole event, is the id
            when fivetran_row_id is not null then fivetran_row_id
            else {{ pql_surrogate_key(['distinct_id', 'event_name', 'occurred_at', 'properties']) }}
        end as event_id,
        mixpanel_user_id as user_id,
        -- the device, else the distinct id of an event that names no user (an anonymous distinct id,
        -- or, with Mixpanel's original ID merge, the user's own id: int_anonymous_ids_stitched)
        coalesce(device_id, case when mixpanel_user_id is null then distinct_id end) as anonymous_id,
        cast(null as {{ text }}) as account_id,
        ---------- strings
        event_name,
        properties,
        ---------- timestamps
        occurred_at,
        loaded_at
    from typed
)

{{ pql_select_events_shape('renamed') }}
