{#-
    A column type written in the project's YAML (seeds' column_types, contracts' data_type) as this
    engine spells it. The YAML uses the names DuckDB and PostgreSQL share (`varchar`, `double
    precision`, `integer`, `boolean`, `date`, `timestamp`); engines that spell them otherwise map them
    here, and the overrides in macros/overrides apply the map where dbt turns YAML types into SQL.
-#}
{% macro pql_engine_type(data_type) %}
    {{- return(adapter.dispatch('pql_engine_type', 'pql')(data_type)) -}}
{% endmacro %}

{% macro default__pql_engine_type(data_type) %}
    {{- return(data_type) -}}
{% endmacro %}

{% macro spark__pql_engine_type(data_type) %}
    {%- set spelled = {'varchar': pql_type_string(), 'text': pql_type_string(), 'double precision': pql_type_float()} -%}
    {{- return(spelled.get(data_type | trim | lower, data_type)) -}}
{% endmacro %}
