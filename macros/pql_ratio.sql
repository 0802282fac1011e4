{#- numerator / denominator as a double on every engine (`x * 1.0 / y` is NUMERIC on PostgreSQL and
    DECIMAL on Spark), null when the denominator is 0 or null. -#}
{% macro pql_ratio(numerator, denominator) %}
    {{- return('cast(' ~ numerator ~ ' as ' ~ pql_type_float() ~ ') / nullif(' ~ denominator ~ ', 0)') -}}
{% endmacro %}
