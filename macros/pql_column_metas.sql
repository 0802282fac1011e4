{#- The YAML columns of the model a generic test runs on, as (column name, config.meta) pairs, in
    YAML order; empty while dbt parses (the graph is not there yet). -#}
{% macro pql_column_metas(model) %}
    {%- set pairs = [] -%}
    {%- if execute -%}
        {%- set node = graph.nodes.values() | selectattr('resource_type', 'equalto', 'model')
            | selectattr('name', 'equalto', model.identifier) | first -%}
        {%- for column in node.columns.values() -%}
            {%- do pairs.append((column.name, column.get('config', {}).get('meta', {}) or column.get('meta', {}))) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(pairs) }}
{% endmacro %}
