{#-
    A loader's event time that is either epoch time (seconds, or milliseconds when it is too large to
    be seconds) or a timestamp / timestamp text, as a UTC timestamp: Mixpanel's export gives epoch
    seconds, Fivetran's Mixpanel connector a timestamp. Anything else is null (rejected downstream).
-#}
{% macro pql_epoch_or_timestamp(expression) %}
    {{ return(adapter.dispatch('pql_epoch_or_timestamp', 'pql')(expression)) }}
{% endmacro %}

{% macro default__pql_epoch_or_timestamp(expression) %}
    {%- set number = "try_cast(cast(" ~ expression ~ " as " ~ dbt.type_string() ~ ") as " ~ pql_type_float() ~ ")" -%}
    case
        when {{ number }} is null then {{ pql_to_utc_timestamp(expression) }}
        when abs({{ number }}) >= 100000000000
            then {{ dbt.dateadd('second', 'cast(' ~ number ~ ' / 1000 as ' ~ dbt.type_bigint() ~ ')', "cast('1970-01-01' as " ~ dbt.type_timestamp() ~ ")") }}
        else {{ dbt.dateadd('second', 'cast(' ~ number ~ ' as ' ~ dbt.type_bigint() ~ ')', "cast('1970-01-01' as " ~ dbt.type_timestamp() ~ ")") }}
    end
{% endmacro %}

{% macro duckdb__pql_epoch_or_timestamp(expression) %}
    {%- set number = "try_cast(cast(" ~ expression ~ " as varchar) as double)" -%}
    case
        when {{ number }} is null then {{ pql_to_utc_timestamp(expression) }}
        -- beyond 9999-12-31 in seconds (or before year 1): no time at all
        when abs({{ number }}) >= 253402300800000 then null
        when abs({{ number }}) >= 100000000000 then make_timestamp(cast({{ number }} * 1000 as bigint))
        else make_timestamp(cast({{ number }} * 1000000 as bigint))
    end
{% endmacro %}

{#- PostgreSQL: no try_cast (pql_safe_cast's function instead); beyond year 9999 is no time. -#}
{% macro postgres__pql_epoch_or_timestamp(expression) %}
    {%- set number = pql_safe_cast('cast(' ~ expression ~ ' as text)', 'double precision') | trim -%}
    case
        when {{ number }} is null then {{ pql_to_utc_timestamp(expression) }}
        when abs({{ number }}) >= 253402300800000 then null
        when abs({{ number }}) >= 100000000000
            then cast('1970-01-01' as timestamp) + interval '1 microsecond' * cast({{ number }} * 1000 as bigint)
        else cast('1970-01-01' as timestamp) + interval '1 microsecond' * cast({{ number }} * 1000000 as bigint)
    end
{% endmacro %}

{% macro spark__pql_epoch_or_timestamp(expression) %}
    {%- set number = "try_cast(cast(" ~ expression ~ " as string) as double)" -%}
    case
        when {{ number }} is null then {{ pql_to_utc_timestamp(expression) }}
        when abs({{ number }}) >= 253402300800000 then null
        when abs({{ number }}) >= 100000000000 then timestamp_micros(cast({{ number }} * 1000 as bigint))
        else timestamp_micros(cast({{ number }} * 1000000 as bigint))
    end
{% endmacro %}
