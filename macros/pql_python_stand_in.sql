{#-
    The body of a Python model's SQL stand-in, for adapters that run no Python models (dbt-postgres;
    dbt-spark outside Databricks): no rows, with the columns and types the Python model's YAML
    declares, so every model downstream builds and nothing is derived (derived mode is refused, see
    pql_scoring_mode). Logs that it stands in.
-#}
{% macro pql_python_stand_in() %}
    {%- if execute -%}
        {%- do log(
            "pql: " ~ model.name ~ " is a Python model and adapter " ~ target.type ~ " runs no Python models:"
            ~ " built empty (no cohort analysis; configured mode only)", info=true
        ) -%}
    {%- endif %}
    select
    {%- for column in model.columns.values() %}
        cast(null as {{ pql_engine_type(column.data_type) }}) as {{ column.name }}{{ ',' if not loop.last }}
    {%- endfor %}
    where 1 = 0
{% endmacro %}
