{#-
    The scoring mode of the run (var pql__scoring_mode), one of pql_scoring_modes(). Any other value
    fails the build naming the var.
-#}
{% macro pql_scoring_mode() %}
    {%- set mode = var('pql__scoring_mode') | string | trim | lower -%}
    {%- if mode not in pql_scoring_modes() -%}
        {{- exceptions.raise_compiler_error(
            "pql: var pql__scoring_mode must be " ~ pql_scoring_modes() | join(' or ') ~ "; got '" ~ mode ~ "'"
        ) -}}
    {%- endif -%}
    {%- if mode == 'derived' and not pql_python_models_supported() -%}
        {{- exceptions.raise_compiler_error(
            "pql: var pql__scoring_mode is derived, but adapter " ~ target.type ~ " runs no Python models, which"
            ~ " derive the thresholds and points (the cohort analysis); use configured here, or derive on an"
            ~ " adapter that runs them (duckdb, databricks, snowflake, bigquery)"
        ) -}}
    {%- endif -%}
    {{- return(mode) -}}
{% endmacro %}
