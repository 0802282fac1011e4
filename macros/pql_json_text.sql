{#- The text value of a top-level key of a JSON text column (null when absent or not JSON). -#}
{% macro pql_json_text(json_expression, key) %}
    {{ return(adapter.dispatch('pql_json_text', 'pql')(json_expression, key)) }}
{% endmacro %}

{% macro default__pql_json_text(json_expression, key) %}
    (cast({{ json_expression }} as json) ->> '{{ key }}')
{% endmacro %}

{#- PostgreSQL: text that is not JSON, or a value with an escaped NUL, is null, not a failed
    statement (the function pql_create_functions installs). -#}
{% macro postgres__pql_json_text(json_expression, key) %}
    {{ pql_function('pql_try_json_text') }}(cast({{ json_expression }} as text), '{{ key }}')
{% endmacro %}

{% macro duckdb__pql_json_text(json_expression, key) %}
    json_extract_string(try_cast({{ json_expression }} as json), '$."{{ key }}"')
{% endmacro %}

{% macro snowflake__pql_json_text(json_expression, key) %}
    try_parse_json({{ json_expression }}):"{{ key }}"::string
{% endmacro %}

{% macro bigquery__pql_json_text(json_expression, key) %}
    json_value(safe.parse_json({{ json_expression }}), '$."{{ key }}"')
{% endmacro %}

{% macro spark__pql_json_text(json_expression, key) %}
    get_json_object({{ json_expression }}, '$.{{ key }}')
{% endmacro %}
