{#-
    A loader's timestamp as a UTC timestamp without time zone: text with or without an offset
    ("2026-06-01T08:05:00.123+02:00", "2026-06-01 06:05:00"), a timestamp with time zone, or a naive
    timestamp already in UTC. Unparseable values become null (and are rejected downstream).
-#}
{% macro pql_to_utc_timestamp(expression) %}
    {{ return(adapter.dispatch('pql_to_utc_timestamp', 'pql')(expression)) }}
{% endmacro %}

{% macro default__pql_to_utc_timestamp(expression) %}
    cast(cast({{ expression }} as timestamp with time zone) at time zone 'UTC' as {{ dbt.type_timestamp() }})
{% endmacro %}

{#- PostgreSQL: text without an offset is UTC whatever the session's time zone, and text that is no
    timestamp is null instead of a failed cast (the function pql_create_functions installs). -#}
{% macro postgres__pql_to_utc_timestamp(expression) %}
    {{ pql_function('pql_try_utc_timestamp') }}(cast({{ expression }} as text))
{% endmacro %}

{% macro duckdb__pql_to_utc_timestamp(expression) %}
    case
        when regexp_matches(cast({{ expression }} as varchar), '{{ pql_iso_timestamp_pattern() }}')
            then cast(timezone('UTC', try_cast(cast({{ expression }} as varchar) as timestamptz)) as timestamp)
    end
{% endmacro %}

{% macro snowflake__pql_to_utc_timestamp(expression) %}
    convert_timezone('UTC', try_to_timestamp_tz(to_varchar({{ expression }})))::timestamp_ntz
{% endmacro %}

{% macro bigquery__pql_to_utc_timestamp(expression) %}
    datetime(safe_cast(cast({{ expression }} as string) as timestamp), 'UTC')
{% endmacro %}

{#- Spark's timestamp is an instant shown in the session's time zone (UTC in the spark target):
    text with an offset is converted, text without one is read as UTC; try_cast gives null. -#}
{% macro spark__pql_to_utc_timestamp(expression) %}
    case
        when cast({{ expression }} as string) rlike '{{ pql_iso_timestamp_pattern() }}'
            then try_cast(cast({{ expression }} as string) as timestamp)
    end
{% endmacro %}
