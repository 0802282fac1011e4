{#- A date-valued run-level var as 'YYYY-MM-DD', validated (pql_checked_date). -#}
{% macro pql_var_date(name) %}
    {{- return(pql_checked_date(var(name) | string | trim, name)) -}}
{% endmacro %}
