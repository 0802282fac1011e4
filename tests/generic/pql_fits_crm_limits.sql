{#- Fails with the rows whose text in any column exceeds that column's `config.meta.max_length`
    (the CRM field's limit), for every column of the model that declares one. -#}
{% test pql_fits_crm_limits(model) %}
{%- set checks = [] -%}
{%- if execute -%}
    {%- set node = graph.nodes.values() | selectattr('resource_type', 'equalto', 'model')
        | selectattr('name', 'equalto', model.identifier) | first -%}
    {%- for column in node.columns.values() -%}
        {%- set meta = column.get('config', {}).get('meta', {}) or column.get('meta', {}) -%}
        {%- if meta.get('max_length') -%}
            {%- do checks.append((column.name, meta['max_length'])) -%}
        {%- endif -%}
    {%- endfor -%}
{%- endif %}
select *
from {{ model }}
where
    1 = 0
    {%- for name, limit in checks %}
    or {{ dbt.length(adapter.quote(name)) }} > {{ limit }}
    {%- endfor %}
{% endtest %}
