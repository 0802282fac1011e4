{#-
    The config of a table that is written whole by its SQL but whose rows mostly stay the same from
    one run to the next (the chain after the scores: an hourly run scores again a few entities and
    carries the rest). The model stays a full select; an incremental run computes it into dbt's
    temporary table and then writes only the rows that differ from the stored table (strategy
    `pql_changed_rows`, macro get_incremental_pql_changed_rows_sql), or writes the table anew when
    more than var pql__changed_rows_max_share of its rows changed. The stored table equals what a
    full build would write, row for row.
    `run_stamps` are the columns that hold one value per run (the as-of day, the scoring cutoff):
    they are set on every stored row by one update, so a new stamp alone does not rewrite a row.
    On Spark (Delta tables) an update of every row rewrites every file, so the run overwrites the
    whole table (`insert_overwrite` without partitions), as the plain table did.
    `contracted`: the model enforces a contract. dbt then asserts its columns and types on every run,
    and takes `on_schema_change: append_new_columns` (PostgreSQL's temporary table has text where
    the contract says varchar, which `fail` would call a change); other models fail on any change of
    columns, to be rebuilt with --full-refresh.
-#}
{% macro pql_changed_rows_config(key_column, run_stamps=[], contracted=false) %}
    {{- return(adapter.dispatch('pql_changed_rows_config', 'pql')(key_column, run_stamps, contracted)) -}}
{% endmacro %}

{% macro default__pql_changed_rows_config(key_column, run_stamps, contracted) %}
    {#- checked here, at parse, so that a bad value fails before any model runs -#}
    {%- do pql_var_number('pql__changed_rows_max_share') -%}
    {{- return({
        'materialized': 'incremental',
        'incremental_strategy': 'pql_changed_rows',
        'unique_key': key_column,
        'on_schema_change': 'append_new_columns' if contracted else 'fail',
        'meta': {'pql_run_stamps': run_stamps},
    }) -}}
{% endmacro %}

{% macro spark__pql_changed_rows_config(key_column, run_stamps, contracted) %}
    {%- do pql_var_number('pql__changed_rows_max_share') -%}
    {{- return({
        'materialized': 'incremental',
        'incremental_strategy': 'insert_overwrite',
        'on_schema_change': 'append_new_columns' if contracted else 'fail',
        'meta': {'pql_run_stamps': run_stamps},
    }) -}}
{% endmacro %}
