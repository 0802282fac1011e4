{#- A cast that gives null instead of failing the build on a value that does not convert (a raw row
    with "" or "n/a" in a number or time column is rejected or left empty, never a crash). dbt's own
    safe_cast is a plain cast on DuckDB and PostgreSQL. -#}
{% macro pql_safe_cast(expression, data_type) %}
    {{ return(adapter.dispatch('pql_safe_cast', 'pql')(expression, data_type)) }}
{% endmacro %}

{% macro default__pql_safe_cast(expression, data_type) %}
    {{ dbt.safe_cast(expression, data_type) }}
{% endmacro %}

{% macro duckdb__pql_safe_cast(expression, data_type) %}
    try_cast({{ expression }} as {{ data_type }})
{% endmacro %}

{% macro spark__pql_safe_cast(expression, data_type) %}
    try_cast({{ expression }} as {{ pql_engine_type(data_type) }})
{% endmacro %}

{#- PostgreSQL has no try_cast: the function pql_create_functions installs catches the cast's error. -#}
{% macro postgres__pql_safe_cast(expression, data_type) %}
    {{ pql_function('pql_try_cast') }}(cast({{ expression }} as text), cast(null as {{ data_type }}))
{% endmacro %}
