{#- The as-of hour (0-23) when var pql__as_of names one, else none. -#}
{% macro pql_as_of_hour() %}
    {{- return(pql_as_of_parts()[1]) -}}
{% endmacro %}
