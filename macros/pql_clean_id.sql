{#- An id as trimmed text, null when empty: how every staging model reads ids. -#}
{% macro pql_clean_id(expression) %}
    {{- return("nullif(" ~ pql_trim_spaces("cast(" ~ expression ~ " as " ~ dbt.type_string() ~ ")") ~ ", '')") -}}
{% endmacro %}
