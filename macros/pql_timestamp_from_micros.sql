{#- The UTC timestamp `micros` microseconds after 1970-01-01 00:00 (an integer expression). -#}
{% macro pql_timestamp_from_micros(micros) %}
    {{ return(adapter.dispatch('pql_timestamp_from_micros', 'pql')(micros)) }}
{% endmacro %}

{% macro default__pql_timestamp_from_micros(micros) %}
    {{ dbt.dateadd('microsecond', micros, "cast('1970-01-01' as " ~ dbt.type_timestamp() ~ ")") }}
{% endmacro %}

{% macro duckdb__pql_timestamp_from_micros(micros) %}
    make_timestamp({{ micros }})
{% endmacro %}

{% macro postgres__pql_timestamp_from_micros(micros) %}
    cast('1970-01-01' as timestamp) + interval '1 microsecond' * {{ micros }}
{% endmacro %}

{% macro spark__pql_timestamp_from_micros(micros) %}
    timestamp_micros({{ micros }})
{% endmacro %}
