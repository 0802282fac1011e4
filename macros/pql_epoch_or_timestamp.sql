{#-
    A loader's event time that is either epoch time (seconds, or milliseconds when it is too large to
    be seconds) or a timestamp / timestamp text, as a UTC timestamp: Mixpanel's export gives epoch
    seconds, Fivetran's Mixpanel connector a timestamp. Beyond 9999-12-31 in seconds (or before year 1)
    is no time; anything else that is no time is null (rejected downstream). The engines differ only
    in how a timestamp is made from microseconds (pql_timestamp_from_micros) and in how a failed cast
    gives null (pql_safe_cast).
-#}
{% macro pql_epoch_or_timestamp(expression) %}
    {%- set number = pql_safe_cast(
        'cast(' ~ expression ~ ' as ' ~ dbt.type_string() ~ ')', pql_type_float()
    ) | trim -%}
    case
        when {{ number }} is null then {{ pql_to_utc_timestamp(expression) }}
        when abs({{ number }}) >= 253402300800000 then null
        when abs({{ number }}) >= 100000000000
            then {{ pql_timestamp_from_micros('cast(' ~ number ~ ' * 1000 as ' ~ dbt.type_bigint() ~ ')') }}
        else {{ pql_timestamp_from_micros('cast(' ~ number ~ ' * 1000000 as ' ~ dbt.type_bigint() ~ ')') }}
    end
{% endmacro %}
