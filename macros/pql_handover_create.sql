{#- SQL that creates hand-over table `relation` unless it is there: the (entity_key, change_kind) rows
    one model's hooks append for the next model of the chain, which empties it after its run
    (`int_signals_measured__unevaluated`, `int_signals_evaluated__unscored`). -#}
{% macro pql_handover_create(relation) %}
    {%- set empty -%}
        select
            cast(null as {{ pql_type_string() }}) as entity_key,
            cast(null as {{ pql_type_string() }}) as change_kind
        where 1 = 0
    {%- endset -%}
    {{- return(pql_create_table_if_missing(relation, empty)) -}}
{% endmacro %}
