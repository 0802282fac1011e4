{#-
    The scoring modes: `configured` scores with the seed's thresholds and points, `derived` with those
    of the cohort analysis (pinned signals keep the seed's). The back-test scores every mode.
-#}
{% macro pql_scoring_modes() %}
    {{ return(['configured', 'derived']) }}
{% endmacro %}
