{#- SQL that makes table `to_relation` the table `relation` was: a rename where the engine has one
    that is cheap (DuckDB and PostgreSQL rename in the catalogue; the rows are not copied, and no
    `relation` is left). Spark takes one statement per hook: it copies the rows into a Delta table
    (pql_replace_table) and leaves `relation`, which the caller drops (`drop table if exists`, a
    no-op after a rename). -#}
{% macro pql_table_moved(relation, to_relation) %}
    {{- return(adapter.dispatch('pql_table_moved', 'pql')(relation, to_relation)) -}}
{% endmacro %}

{% macro default__pql_table_moved(relation, to_relation) %}
    drop table if exists {{ to_relation }};
    alter table {{ relation }} rename to {{ adapter.quote(to_relation.identifier) }}
{% endmacro %}

{% macro spark__pql_table_moved(relation, to_relation) %}
    {{- return(pql_replace_table(to_relation, 'select * from ' ~ relation)) -}}
{% endmacro %}
