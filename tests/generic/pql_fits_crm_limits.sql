{#- Fails with the rows whose text in any column exceeds that column's `config.meta.max_length`
    (the CRM field's limit), for every column of the model that declares one. -#}
{% test pql_fits_crm_limits(model) %}
{%- set checks = [] -%}
{%- for column_name, meta in pql_column_metas(model) if meta.get('max_length') -%}
    {%- do checks.append((column_name, meta['max_length'])) -%}
{%- endfor %}
select *
from {{ model }}
where
    1 = 0
    {%- for name, limit in checks %}
    or {{ dbt.length(adapter.quote(name)) }} > {{ limit }}
    {%- endfor %}
{% endtest %}
