{#-
    Read a numeric run-level var and fail the build, naming the var, when it is not a number or is
    below `min_value`.
-#}
{% macro pql_var_number(name, min_value=0) %}
    {%- set raw = var(name) -%}
    {%- set text = raw | string | trim -%}
    {%- if not modules.re.match('^-?\d+(\.\d+)?$', text) -%}
        {{- exceptions.raise_compiler_error("pql: var " ~ name ~ " must be a number; got '" ~ text ~ "'") -}}
    {%- endif -%}
    {%- if (text | float) < min_value -%}
        {{- exceptions.raise_compiler_error("pql: var " ~ name ~ " must be at least " ~ min_value ~ "; got " ~ text) -}}
    {%- endif -%}
    {{- return(text) -}}
{% endmacro %}
