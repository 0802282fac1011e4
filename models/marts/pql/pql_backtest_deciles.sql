{#- Conversion by score decile on the held-out cohort, per scoring mode: doc block pql_backtest_deciles. -#}
with

ranked as (
    select * from {{ ref('int_backtest_accounts_ranked') }}
    where cohort_split = 'test'
),

deciled as (
    select
        scoring_mode,
        account_id,
        pql_score,
        is_converted,
        -- ties broken by account, so every engine puts each account in the same decile
        ntile(10) over (partition by scoring_mode order by pql_score, account_id) as score_decile
    from ranked
),

modes as (
    select
        scoring_mode,
        count(*) as mode_accounts,
        sum(case when is_converted then 1 else 0 end) as mode_converters
    from deciled
    group by 1
),

deciles as (
    select
        scoring_mode,
        score_decile,
        count(*) as test_accounts,
        sum(case when is_converted then 1 else 0 end) as test_converters,
        min(pql_score) as min_score,
        max(pql_score) as max_score
    from deciled
    group by 1, 2
),

final as (
    select
        {{ dbt.concat(['deciles.scoring_mode', "':'", 'cast(deciles.score_decile as ' ~ pql_type_string() ~ ')']) }}
            as backtest_decile_key,
        deciles.scoring_mode,
        cast(deciles.score_decile as {{ dbt.type_bigint() }}) as score_decile,
        cast(deciles.test_accounts as {{ dbt.type_bigint() }}) as test_accounts,
        cast(deciles.test_converters as {{ dbt.type_bigint() }}) as test_converters,
        {{ pql_ratio('deciles.test_converters', 'deciles.test_accounts') }} as test_conversion_rate,
        {{ pql_ratio('modes.mode_converters', 'modes.mode_accounts') }} as cohort_conversion_rate,
        {{ pql_ratio(
            'deciles.test_converters * modes.mode_accounts',
            'deciles.test_accounts * modes.mode_converters'
        ) }} as lift,
        cast(deciles.min_score as {{ dbt.type_int() }}) as min_score,
        cast(deciles.max_score as {{ dbt.type_int() }}) as max_score
    from deciles
    inner join modes
        on deciles.scoring_mode = modes.scoring_mode
)

select * from final
