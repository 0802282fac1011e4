{#- The leak-free training cohort: doc block int_cohort_accounts (models/intermediate/_intermediate__docs.md). -#}
{%- set as_of = pql_as_of_date() -%}
{%- set observation_days = pql_var_number('pql__observation_days', 1) | int -%}
{%- set conversion_days = pql_var_number('pql__conversion_window_days', 1) | int -%}
{%- set cohort_days = pql_var_number('pql__cohort_days', 1) | int -%}
{%- set test_share = pql_var_number('pql__backtest_test_share', 0) | float -%}
{%- if conversion_days < observation_days -%}
    {{ exceptions.raise_compiler_error(
        "pql: var pql__conversion_window_days (" ~ conversion_days ~ ") must be at least var pql__observation_days ("
        ~ observation_days ~ ")"
    ) }}
{%- endif -%}
{%- if test_share >= 1 -%}
    {{ exceptions.raise_compiler_error("pql: var pql__backtest_test_share must be below 1; got " ~ test_share) }}
{%- endif -%}
with

accounts as (
    select * from {{ ref('int_accounts_enriched') }}
    where not is_internal
),

cohort as (
    select
        account_id,
        created_at,
        cast(created_at as date) as signup_date,
        converted_at,
        coalesce(
            converted_at < {{ dbt.dateadd('day', conversion_days, 'created_at') }},
            false
        ) as is_converted
    from accounts
    where
        cast(created_at as date) > {{ dbt.dateadd('day', -1 * (conversion_days + cohort_days), as_of) }}
        and cast(created_at as date) <= {{ dbt.dateadd('day', -1 * conversion_days, as_of) }}
),

windows as (
    select
        cohort.*,
        cast({{ dbt.dateadd('day', observation_days - 1, 'cohort.signup_date') }} as date) as observation_end_date,
        case
            when
                cohort.converted_at is not null
                and cast(cohort.converted_at as date)
                <= cast({{ dbt.dateadd('day', observation_days - 1, 'cohort.signup_date') }} as date)
                then cast({{ dbt.dateadd('day', -1, 'cast(cohort.converted_at as date)') }} as date)
            else cast({{ dbt.dateadd('day', observation_days - 1, 'cohort.signup_date') }} as date)
        end as feature_end_date,
        row_number() over (order by cohort.created_at, cohort.account_id) as signup_rank,
        count(*) over () as cohort_size
    from cohort
),

final as (
    select
        account_id,
        signup_date,
        observation_end_date,
        feature_end_date,
        converted_at,
        is_converted,
        coalesce(cast(converted_at as date) <= observation_end_date, false) as is_converted_in_observation,
        case when signup_rank > cohort_size * (1 - {{ test_share }}) then 'test' else 'train' end as cohort_split
    from windows
)

select * from final
