{#-
    When the warehouse received a raw row (the loader's load time), as a UTC timestamp: of
    `candidates` (column names, best first), those `relation` has (`columns`, pql_source_columns), the
    first non-null (a timestamp column as it is, UTC by the sources' contract; anything else parsed); a null timestamp when the source has none. An
    incremental run re-reads every day that holds a row loaded since its last run (int_events_validated),
    so an event that arrives later than the lookback is still counted; without a load time only the
    lookback catches late events.
-#}
{% macro pql_loaded_at(relation, columns, candidates) %}
    {%- set present = [] -%}
    {%- for name in candidates if name | lower in columns -%}
        {%- set column = pql_column_or_null(columns, name, dbt.type_string()) -%}
        {%- if pql_column_type(relation, name) in ('timestamp', 'timestamp without time zone') -%}
            {%- do present.append('cast(' ~ column ~ ' as ' ~ dbt.type_timestamp() ~ ')') -%}
        {%- else -%}
            {%- do present.append(pql_to_utc_timestamp(column)) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if not present -%}
        {{- return('cast(null as ' ~ dbt.type_timestamp() ~ ')') -}}
    {%- elif present | length == 1 -%}
        {{- return(present[0]) -}}
    {%- else -%}
        {{- return('coalesce(' ~ present | join(', ') ~ ')') -}}
    {%- endif -%}
{% endmacro %}
