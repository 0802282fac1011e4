{#-
    The wall-clock moment this dbt invocation started, as a SQL timestamp literal (UTC). Rows stamped
    later than this are impossible (clock skew, bad defaults) and are rejected as future timestamps.
-#}
{% macro pql_run_started_at() %}
    {{- return("cast('" ~ run_started_at.strftime('%Y-%m-%d %H:%M:%S') ~ "' as " ~ dbt.type_timestamp() ~ ")") -}}
{% endmacro %}
