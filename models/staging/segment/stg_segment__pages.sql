{#- Segment's page calls (optional table) as events named `page:<page name>` (else `page:<path>`, else
    `page`), so a page view such as the pricing page can be a signal (event name `page:pricing`). -#}
{%- set columns = pql_optional_source_columns('segment', 'pages') -%}
{%- if columns is not none -%}
    {%- do pql_require_columns(columns, ['id', 'timestamp'], "source segment.pages") -%}
{%- endif -%}
with

source as (
    {{ pql_optional_source('segment', 'pages', columns, ['id', 'user_id', 'anonymous_id', 'name', 'path', 'timestamp']) }}
),

typed as (
    select
        {{ pql_clean_id('id') }} as event_id,
        {{ pql_clean_id(pql_column_or_null(columns or [], 'user_id', dbt.type_string())) }} as user_id,
        {{ pql_clean_id(pql_column_or_null(columns or [], 'anonymous_id', dbt.type_string())) }} as anonymous_id,
        {{ pql_clean_id(pql_column_or_null(columns or [], 'context_group_id', dbt.type_string())) }} as account_id,
        nullif(lower({{ pql_trim_whitespace('cast(' ~ pql_column_or_null(columns or [], 'name', dbt.type_string()) ~ ' as ' ~ dbt.type_string() ~ ')') }}), '') as page_name,
        nullif(lower({{ pql_trim_whitespace('cast(' ~ pql_column_or_null(columns or [], 'path', dbt.type_string()) ~ ' as ' ~ dbt.type_string() ~ ')') }}), '') as page_path,
        {{ adapter.quote('timestamp') }} as page_timestamp
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
        {{ pql_to_utc_timestamp('page_timestamp') }} as occurred_at
    from typed
)

{{ pql_select_events_shape('renamed') }}
