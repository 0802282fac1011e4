{#- SQL that replaces table `relation` with the rows of `sql` (one statement where the engine has
    `create or replace`): the state tables an incremental model keeps beside itself in a hook. -#}
{% macro pql_replace_table(relation, sql) %}
    {{- return(adapter.dispatch('pql_replace_table', 'pql')(relation, sql)) -}}
{% endmacro %}

{% macro default__pql_replace_table(relation, sql) %}
    drop table if exists {{ relation }};
    create table {{ relation }} as {{ sql }}
{% endmacro %}

{% macro duckdb__pql_replace_table(relation, sql) %}
    create or replace table {{ relation }} as {{ sql }}
{% endmacro %}

{% macro spark__pql_replace_table(relation, sql) %}
    create or replace table {{ relation }} using delta as {{ sql }}
{% endmacro %}
