{#- SQL that creates table `relation` from the select `sql` unless it is already there (a table one
    model's hooks append to and another model's empty). -#}
{% macro pql_create_table_if_missing(relation, sql) %}
    {{- return(adapter.dispatch('pql_create_table_if_missing', 'pql')(relation, sql)) -}}
{% endmacro %}

{% macro default__pql_create_table_if_missing(relation, sql) %}
    create table if not exists {{ relation }} as {{ sql }}
{% endmacro %}

{% macro spark__pql_create_table_if_missing(relation, sql) %}
    create table if not exists {{ relation }} using delta as {{ sql }}
{% endmacro %}
