{#- Fails with the rows whose value Attio would refuse for the column's attribute type
    (`config.meta.attio_type`, as Attio documents them): a domain is a bare host name (no scheme,
    path, port or space, at least one dot), an email address has one @ with a dotted domain and no
    space, a checkbox is never null (Attio's checkbox has no null), a select option is never empty. -#}
{% test pql_fits_attio_types(model) %}
{%- set checks = [] -%}
{%- for column_name, meta in pql_column_metas(model) -%}
    {%- set name = adapter.quote(column_name) -%}
    {%- set kind = meta.get('attio_type') -%}
    {%- if kind == 'domain' -%}
        {%- do checks.append(name ~ " is not null and (" ~ name ~ " not like '%_._%' or " ~ name ~ " like '%/%' or "
            ~ name ~ " like '%:%' or " ~ name ~ " like '% %')") -%}
    {%- elif kind == 'email-address' -%}
        {%- do checks.append(name ~ " is not null and (" ~ name ~ " not like '%_@_%._%' or " ~ name ~ " like '%@%@%' or "
            ~ name ~ " like '% %')") -%}
    {%- elif kind == 'checkbox' -%}
        {%- do checks.append(name ~ " is null") -%}
    {%- elif kind == 'select' -%}
        {%- do checks.append(name ~ " = ''") -%}
    {%- endif -%}
{%- endfor %}
select *
from {{ model }}
where
    1 = 0
    {%- for check in checks %}
    or ({{ check }})
    {%- endfor %}
{% endtest %}
