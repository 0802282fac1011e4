{#- What the back-test reads: per scoring mode, cohort split and score, how many cohort accounts
    (not converted by the end of their observation window, scored as of that day) and how many of
    them converted within the conversion window. At most 2 x 2 x 101 rows. -#}
with

scores as (
    select * from {{ ref('int_backtest_entities_scored') }}
),

cohort as (
    select * from {{ ref('int_cohort_accounts') }}
),

counted as (
    select
        scores.scoring_mode,
        cohort.cohort_split,
        scores.pql_score,
        count(*) as accounts,
        sum(case when cohort.is_converted then 1 else 0 end) as converters
    from scores
    inner join cohort
        on scores.entity_id = cohort.account_id
    group by 1, 2, 3
),

keyed as (
    select
        {{ pql_surrogate_key(['scoring_mode', 'cohort_split', 'pql_score']) }} as backtest_score_key,
        scoring_mode,
        cohort_split,
        pql_score,
        cast(accounts as {{ dbt.type_int() }}) as accounts,
        cast(converters as {{ dbt.type_int() }}) as converters
    from counted
)

select * from keyed
