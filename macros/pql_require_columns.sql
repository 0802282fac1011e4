{#- Fails the build naming every required column missing from `columns` (pql_source_columns), with
    the columns the table has. -#}
{% macro pql_require_columns(columns, required, label) %}
    {%- if execute -%}
        {%- set missing = [] -%}
        {%- for name in required if name | lower not in columns -%}
            {%- do missing.append(name) -%}
        {%- endfor -%}
        {%- if missing -%}
            {{- exceptions.raise_compiler_error(
                "pql: " ~ label ~ " is missing required column(s) " ~ (missing | join(', '))
                ~ " (it has: " ~ (columns | join(', ')) ~ ")"
            ) -}}
        {%- endif -%}
    {%- endif -%}
{% endmacro %}
