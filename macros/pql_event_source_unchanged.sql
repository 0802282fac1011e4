{#- Fails an incremental run of int_events_validated whose var pql__event_source is not the source
    the table was built from (kept in its state table, pql_state_table, by pql_event_source_state):
    the incremental tables hold the old source's events, and appending another source's would mix
    the two. A full build (`--full-refresh`), or a table from before the state existed, passes. -#}
{% macro pql_event_source_unchanged() %}
    {%- if execute and is_incremental() -%}
        {%- set state = pql_state_table(existing_only=true) -%}
        {%- if state is not none -%}
            {%- set built_from = run_query('select event_source from ' ~ state).columns[0].values() -%}
            {%- if built_from | length > 0 and built_from[0] != pql_event_source() -%}
                {{- exceptions.raise_compiler_error(
                    "pql: var pql__event_source is '" ~ pql_event_source() ~ "', but " ~ this.identifier
                    ~ " was built from '" ~ built_from[0] ~ "': its incremental tables hold that source's events."
                    ~ " Changing the event source of an existing build needs `dbt build --full-refresh`."
                ) -}}
            {%- endif -%}
        {%- endif -%}
    {%- endif -%}
    {{- return('') -}}
{% endmacro %}
