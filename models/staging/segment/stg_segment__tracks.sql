{%- set columns = pql_source_columns(source('segment', 'tracks')) -%}
{%- do pql_require_columns(columns, ['id', 'event', 'timestamp'], "source segment.tracks") -%}
with

source as (
    select * from {{ source('segment', 'tracks') }}
),

renamed as (
    select
        ---------- ids
        {{ pql_clean_id('id') }} as event_id,
        {{ pql_clean_id(pql_column_or_null(columns, 'user_id', dbt.type_string())) }} as user_id,
        {{ pql_clean_id(pql_column_or_null(columns, 'anonymous_id', dbt.type_string())) }} as anonymous_id,
        -- context.groupId, which analytics.js sends with every call once group() was called
        {{ pql_clean_id(pql_column_or_null(columns, 'context_group_id', dbt.type_string())) }} as account_id,
        ---------- strings
        nullif(lower({{ pql_trim_whitespace('cast(event as ' ~ dbt.type_string() ~ ')') }}), '') as event_name,
        cast(null as {{ dbt.type_string() }}) as properties,
        ---------- timestamps
        {{ pql_to_utc_timestamp(adapter.quote('timestamp')) }} as occurred_at,
        -- uuid_ts: when the warehouse loader wrote the row; received_at: when Segment received it
        {{ pql_loaded_at(source('segment', 'tracks'), columns, ['uuid_ts', 'received_at']) }} as loaded_at
    from source
)

{{ pql_select_events_shape('renamed') }}
