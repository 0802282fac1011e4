{#- The table an incremental model keeps its state in, beside itself: `<its name>__state`. With
    `existing_only`, none when that table is not in the warehouse (an incremental run then
    recomputes everything, as a full build does). -#}
{% macro pql_state_table(existing_only=false) %}
    {%- set relation = this.incorporate(path={'identifier': this.identifier ~ '__state'}) -%}
    {%- if existing_only and execute -%}
        {{- return(adapter.get_relation(database=relation.database, schema=relation.schema, identifier=relation.identifier)) -}}
    {%- endif -%}
    {{- return(relation) -}}
{% endmacro %}
