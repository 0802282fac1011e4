{#- The qualified name of a function pql_create_functions installs (in the target schema). -#}
{% macro pql_function(name) %}
    {{- return(adapter.quote(target.schema) ~ '.' ~ name) -}}
{% endmacro %}
