{#-
    The text a loader's time may be, on every engine (a regular expression without backslashes, so
    that it reads the same in every engine's string literals): ISO 8601, a date
    (year 0001-9999), or a date and a time to the minute, second or fraction (up to 9 digits), then
    no zone, Z, " UTC"/"UTC" or an offset (+05, +0530, +05:30). Engines' own parsers also read much
    else, each differently: PostgreSQL "1//1A0" (2000-01-01), "today" or "epoch"; DuckDB "0/1/1T0:"
    (1 BC); so text outside this is no time anywhere.
-#}
{% macro pql_iso_timestamp_pattern() %}
    {{- return("^([1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])-[0-9]{2}-[0-9]{2}"
        ~ "([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,9})?)?( ?UTC|Z|[+-][0-9]{2}(:?[0-9]{2})?)?)?$") -}}
{% endmacro %}
