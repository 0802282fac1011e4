{#-
    The incremental config of a model whose runs replace whole days (the days of the new rows): the
    rows of those days in the table are removed and the new ones inserted, so a day re-read inside
    the lookback is counted once. `delete+insert` on a day key where the adapter has it; on Spark
    (Delta tables, as on Databricks) `insert_overwrite` of day partitions, which dbt-spark runs with
    dynamic partition overwrite: the same rows, replaced the same way.
-#}
{% macro pql_replace_days_config(day_column) %}
    {{- return(adapter.dispatch('pql_replace_days_config', 'pql')(day_column)) -}}
{% endmacro %}

{% macro default__pql_replace_days_config(day_column) %}
    {{- return({'incremental_strategy': 'delete+insert', 'unique_key': day_column}) -}}
{% endmacro %}

{% macro spark__pql_replace_days_config(day_column) %}
    {{- return({'incremental_strategy': 'insert_overwrite', 'partition_by': [day_column]}) -}}
{% endmacro %}
