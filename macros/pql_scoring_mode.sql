{#-
    The scoring mode of the run (var pql__scoring_mode): `configured` scores with the seed's thresholds
    and points, `derived` with those of the cohort analysis (pinned signals keep the seed's). Any other
    value fails the build naming the var.
-#}
{% macro pql_scoring_mode() %}
    {%- set mode = var('pql__scoring_mode') | string | trim | lower -%}
    {%- if mode not in ('configured', 'derived') -%}
        {{- exceptions.raise_compiler_error("pql: var pql__scoring_mode must be configured or derived; got '" ~ mode ~ "'") -}}
    {%- endif -%}
    {{- return(mode) -}}
{% endmacro %}
