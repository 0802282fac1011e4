{#- One row per raw event delivery. Names are repaired (lower, trimmed); rows that cannot be used are
    flagged with a row-level reason here. Duplicates and unknown users need other rows and tables:
    int_events_validated and fct_rejected_rows add those. -#}
{#- a timestamp column is UTC as it is (the contract); anything else is parsed, offsets included -#}
{%- set time_type = pql_column_type(source('generic', 'events'), 'occurred_at') -%}
{%- set occurred_at = 'occurred_at' if time_type in ('timestamp', 'timestamp without time zone')
    else pql_to_utc_timestamp('occurred_at') -%}
{%- set columns = pql_source_columns(source('generic', 'events')) -%}
with

source as (
    select * from {{ source('generic', 'events') }}
),

renamed as (
    select
        ---------- ids
        {{ pql_clean_id('event_id') }} as event_id,
        {{ pql_clean_id('user_id') }} as user_id,
        {{ pql_clean_id('anonymous_id') }} as anonymous_id,
        {{ pql_clean_id('account_id') }} as account_id,
        ---------- strings
        nullif(lower({{ pql_trim_whitespace('cast(event_name as ' ~ dbt.type_string() ~ ')') }}), '') as event_name,
        cast(properties as {{ dbt.type_string() }}) as properties,
        ---------- timestamps
        cast({{ occurred_at }} as {{ dbt.type_timestamp() }}) as occurred_at,
        -- optional: when the row was loaded (late arrivals beyond the lookback are re-read by it)
        {{ pql_loaded_at(source('generic', 'events'), columns, ['loaded_at']) }} as loaded_at
    from source
)

{{ pql_select_events_shape('renamed') }}
