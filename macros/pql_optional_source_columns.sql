{#- The columns of an optional source table, or none when it is absent (logged once per model). -#}
{% macro pql_optional_source_columns(source_name, table_name) %}
    {%- if not pql_source_table_exists(source_name, table_name) -%}
        {%- do log("pql: optional table " ~ source_name ~ "." ~ table_name ~ " is absent: read as empty", info=true) -%}
        {{- return(none) -}}
    {%- endif -%}
    {{- return(pql_source_columns(source(source_name, table_name))) -}}
{% endmacro %}
