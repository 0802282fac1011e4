{#-
    Schema drift for the event-source staging models.
      pql_source_columns(relation)                      lowercase column names of a relation, read at run time
      pql_require_columns(columns, required, label)     fails the build naming every required column missing
      pql_column_or_null(columns, name, data_type)      the column if it exists, else a typed null
    Before a run can read the relation (parsing, or a missing table) the column list is empty.
-#}
{% macro pql_source_columns(relation) %}
    {%- if not execute -%}
        {{- return([]) -}}
    {%- endif -%}
    {%- set result = run_query('select * from ' ~ relation ~ ' limit 0') -%}
    {{- return(result.column_names | map('lower') | list) -}}
{% endmacro %}

{% macro pql_require_columns(columns, required, label) %}
    {%- if execute -%}
        {%- set missing = [] -%}
        {%- for name in required if name | lower not in columns -%}
            {%- do missing.append(name) -%}
        {%- endfor -%}
        {%- if missing -%}
            {{- exceptions.raise_compiler_error(
                "pql: " ~ label ~ " is missing required column(s) " ~ (missing | join(', '))
                ~ " (it has: " ~ (columns | join(', ')) ~ ")"
            ) -}}
        {%- endif -%}
    {%- endif -%}
{% endmacro %}

{% macro pql_column_or_null(columns, name, data_type) %}
    {%- if name | lower in columns or not execute -%}
        {#- quoted when it needs it: mixed case, a leading underscore, or an SQL keyword loaders use as a name -#}
        {%- set needs_quotes = name != name | lower or name.startswith('_')
            or name in ['time', 'timestamp', 'date', 'user', 'order', 'group', 'groups'] -%}
        {{- return(adapter.quote(name) if needs_quotes else name) -}}
    {%- else -%}
        {{- return('cast(null as ' ~ data_type ~ ')') -}}
    {%- endif -%}
{% endmacro %}
