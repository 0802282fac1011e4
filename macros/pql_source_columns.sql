{#-
    Schema drift for the event-source staging models: the lowercase column names of a relation, read
    at run time. Before a run can read the relation (parsing, or a missing table) the list is empty.
-#}
{% macro pql_source_columns(relation) %}
    {%- if not execute -%}
        {{- return([]) -}}
    {%- endif -%}
    {%- set result = run_query('select * from ' ~ relation ~ ' limit 0') -%}
    {{- return(result.column_names | map('lower') | list) -}}
{% endmacro %}
