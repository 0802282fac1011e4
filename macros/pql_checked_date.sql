{#- `text` if it is a calendar date as YYYY-MM-DD, else the build fails naming the var it came from
    (`hint` says what else the var accepts). -#}
{% macro pql_checked_date(text, var_name, hint='') %}
    {%- if not modules.re.match('^\d{4}-\d{2}-\d{2}$', text) -%}
        {{- exceptions.raise_compiler_error("pql: var " ~ var_name ~ " must be a date as YYYY-MM-DD" ~ hint ~ "; got '" ~ text ~ "'") -}}
    {%- endif -%}
    {%- set parts = text.split('-') | map('int') | list -%}
    {%- set year, month, day = parts[0], parts[1], parts[2] -%}
    {%- set days_in_month = 31 -%}
    {%- if 1 <= month <= 12 and year >= 1 -%}
        {%- set next_month = modules.datetime.date(year + (month // 12), month % 12 + 1, 1) -%}
        {%- set days_in_month = (next_month - modules.datetime.timedelta(days=1)).day -%}
    {%- endif -%}
    {%- if year < 1 or month < 1 or month > 12 or day < 1 or day > days_in_month -%}
        {{- exceptions.raise_compiler_error("pql: var " ~ var_name ~ " is not a calendar date: '" ~ text ~ "'") -}}
    {%- endif -%}
    {{- return(text) -}}
{% endmacro %}
