{#- The as-of day (pql_as_of_string) as a SQL date literal. -#}
{% macro pql_as_of_date() %}
    {{- return("cast('" ~ pql_as_of_string() ~ "' as date)") -}}
{% endmacro %}
