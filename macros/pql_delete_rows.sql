{#- SQL that deletes the rows of table `relation` where `predicate` holds (it may hold subqueries).
    Delta Lake's DELETE takes no subquery, so on Spark the rows are found first and removed by a
    MERGE on `key_column`, the table's unique key. -#}
{% macro pql_delete_rows(relation, predicate, key_column) %}
    {{- return(adapter.dispatch('pql_delete_rows', 'pql')(relation, predicate, key_column)) -}}
{% endmacro %}

{% macro default__pql_delete_rows(relation, predicate, key_column) %}
    delete from {{ relation }} where {{ predicate }}
{% endmacro %}

{% macro spark__pql_delete_rows(relation, predicate, key_column) %}
    merge into {{ relation }} as target
    using (
        select {{ key_column }} from {{ relation }} where {{ predicate }}
    ) as doomed
        on target.{{ key_column }} = doomed.{{ key_column }}
    when matched then delete
{% endmacro %}
