{#- Segment's page calls (optional table) as events named `page:<page name>` (else `page:<path>`, else
    `page`), so a page view such as the pricing page can be a signal (event name `page:pricing`). -#}
{%- set columns = pql_optional_source_columns('segment', 'pages') -%}
{%- if columns is not none -%}
    {%- do pql_require_columns(columns, ['id', 'timestamp'], "source segment.pages") -%}
{%- endif -%}
{%- set present = columns or [] -%}
{%- set text = dbt.type_string() -%}
{%- set page_name = 'cast(' ~ pql_column_or_null(present, 'name', text) ~ ' as ' ~ text ~ ')' -%}
{%- set page_path = 'cast(' ~ pql_column_or_null(present, 'path', text) ~ ' as ' ~ text ~ ')' -%}
with

source as (
    {{ pql_optional_source('segment', 'pages', columns, ['id', 'user_id', 'anonymous_id', 'name', 'path', 'timestamp'])
    }}
),

typed as (
    select
        {{ pql_clean_id('id') }} as event_id,
        {{ pql_clean_id(pql_column_or_null(present, 'user_id', text)) }} as user_id,
        {{ pql_clean_id(pql_column_or_null(present, 'anonymous_id', text)) }} as anonymous_id,
        {{ pql_clean_id(pql_column_or_null(present, 'context_group_id', text)) }} as account_id,
        nullif(lower({{ pql_trim_whitespace(page_name) }}), '') as page_name,
        nullif(lower({{ pql_trim_whitespace(page_path) }}), '') as page_path,
        {{ adapter.quote('timestamp') }} as page_timestamp,
        -- uuid_ts: when the warehouse loader wrote the row; received_at: when Segment received it
        {{ pql_loaded_at(source('segment', 'pages'), present, ['uuid_ts', 'received_at']) }} as loaded_at
    from source
),

renamed as (
    select
        ---------- ids
        event_id,
        user_id,
        anonymous_id,
        account_id,
        ---------- strings
        case
            when page_name is not null then {{ dbt.concat(["'page:'", 'page_name']) }}
            when page_path is not null then {{ dbt.concat(["'page:'", 'page_path']) }}
            else 'page'
        end as event_name,
        cast(null as {{ dbt.type_string() }}) as properties,
        ---------- timestamps
        {{ pql_to_utc_timestamp('page_timestamp') }} as occurred_at,
        loaded_at
    from typed
)

{{ pql_select_events_shape('renamed') }}
