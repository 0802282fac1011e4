{{ config(severity='warn') }}
-- Loud when counting events would serve the sales team better: per scoring mode, the score ranks the
-- back-test's held-out cohort below the better of the two naive rankers (event count, active days),
-- by AUC (pql_backtest_baselines.is_score_below_baseline). Each failing mode's verdict, with its
-- figures, is also written to the log as a warning, so a plain `dbt build` shows them.
{%- if execute and flags.WHICH in ('build', 'test') -%}
    {%- set baselines = adapter.get_relation(
        database=ref('pql_backtest_baselines').database,
        schema=ref('pql_backtest_baselines').schema,
        identifier=ref('pql_backtest_baselines').identifier
    ) -%}
    {%- if baselines is not none -%}
        {%- set verdicts = run_query(
            "select distinct baseline_verdict from " ~ ref('pql_backtest_baselines')
            ~ " where is_score_below_baseline order by 1"
        ) -%}
        {%- for verdict in verdicts.columns[0].values() -%}
            {%- do exceptions.warn("pql: " ~ verdict) -%}
        {%- endfor -%}
    {%- endif -%}
{%- endif %}
with

baselines as (
    select * from {{ ref('pql_backtest_baselines') }}
)

select
    scoring_mode,
    best_baseline,
    score_margin,
    score_margin_low,
    score_margin_high,
    baseline_verdict
from baselines
where ranker = 'pql_score' and is_score_below_baseline
