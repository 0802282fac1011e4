{#- The table an incremental model keeps its state in, beside itself: `<its name>__state`. With
    `existing_only`, none when that table is not in the warehouse (an incremental run then
    recomputes everything, as a full build does). `suffix` names another table kept beside the
    model (`<its name>__<suffix>`), e.g. one a run's hooks hand to each other; `model`, another
    model's relation than this one's. -#}
{% macro pql_state_table(existing_only=false, suffix='state', model=none) %}
    {%- set owner = model if model is not none else this -%}
    {%- set relation = owner.incorporate(path={'identifier': owner.identifier ~ '__' ~ suffix}) -%}
    {%- if existing_only and execute -%}
        {{- return(adapter.get_relation(database=relation.database, schema=relation.schema, identifier=relation.identifier)) -}}
    {%- endif -%}
    {{- return(relation) -}}
{% endmacro %}
