{#- SQL that makes table `to_relation` the table `relation` was, and leaves no `relation`: a rename
    where the engine has one that is cheap (DuckDB and PostgreSQL rename in the catalogue; the rows
    are not copied). Spark copies the rows into a Delta table and drops the old one. -#}
{% macro pql_table_moved(relation, to_relation) %}
    {{- return(adapter.dispatch('pql_table_moved', 'pql')(relation, to_relation)) -}}
{% endmacro %}

{% macro default__pql_table_moved(relation, to_relation) %}
    drop table if exists {{ to_relation }};
    alter table {{ relation }} rename to {{ adapter.quote(to_relation.identifier) }}
{% endmacro %}

{% macro spark__pql_table_moved(relation, to_relation) %}
    create or replace table {{ to_relation }} using delta as select * from {{ relation }};
    drop table if exists {{ relation }}
{% endmacro %}
