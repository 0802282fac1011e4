{#-
    Whether this dbt invocation builds the back-test (model int_backtest_scores is selected). The
    scoring engine adds the back-test accounts to what it scores only then: the daily job
    (selector pql_daily) leaves the recalibration models (tag pql_recalibration) as the last
    recalibration built them and scores only accounts and users; a plain `dbt build` scores all.
    True while parsing, so that the model's SQL and refs are always complete.
-#}
{% macro pql_backtest_is_built() %}
    {%- if not execute -%}
        {{- return(true) -}}
    {%- endif -%}
    {%- set backtest = 'model.' ~ project_name ~ '.int_backtest_scores' -%}
    {{- return(backtest in selected_resources) -}}
{% endmacro %}
