{#- What the Python analysis reads: per feature, cohort split and value (above 100, to two significant digits), how many
    converters and non-converters have it. Accounts with a zero value are counted too, so each
    feature x split adds up to the whole split. A few thousand rows whatever the event volume. -#}
with

cohort as (
    select * from {{ ref('int_cohort_accounts') }}
),

features as (
    select * from {{ ref('int_cohort_features') }}
),

feature_names as (
    select distinct feature_name from features
),

split_totals as (
    select
        cohort_split,
        sum(case when is_converted then 1 else 0 end) as converters,
        sum(case when is_converted then 0 else 1 end) as non_converters
    from cohort
    group by 1
),

nonzero as (
    select
        features.feature_name,
        cohort.cohort_split,
        -- exact up to 100, above it rounded down to two significant digits (110, 120, ..., 1000,
        -- 1100, ...): volumes keep their order at a few rows per feature. An integer before the key
        -- hashes it (floor gives a double on DuckDB, a bigint on Spark: '120.0' and '120')
        cast(case
            when features.feature_value <= 100 then features.feature_value
            when features.feature_value < 1000 then floor(features.feature_value / 10) * 10
            when features.feature_value < 10000 then floor(features.feature_value / 100) * 100
            else floor(features.feature_value / 1000) * 1000
        end as {{ dbt.type_int() }}) as feature_value,
        sum(case when cohort.is_converted then 1 else 0 end) as converters,
        sum(case when cohort.is_converted then 0 else 1 end) as non_converters
    from features
    inner join cohort
        on features.account_id = cohort.account_id
    where features.feature_value > 0
    group by 1, 2, 3
),

nonzero_totals as (
    select
        feature_name,
        cohort_split,
        sum(converters) as converters,
        sum(non_converters) as non_converters
    from nonzero
    group by 1, 2
),

zeros as (
    select
        feature_names.feature_name,
        split_totals.cohort_split,
        0 as feature_value,
        split_totals.converters - coalesce(nonzero_totals.converters, 0) as converters,
        split_totals.non_converters - coalesce(nonzero_totals.non_converters, 0) as non_converters
    from feature_names
    cross join split_totals
    left join nonzero_totals
        on
            feature_names.feature_name = nonzero_totals.feature_name
            and split_totals.cohort_split = nonzero_totals.cohort_split
),

histogram as (
    select * from nonzero
    union all
    select * from zeros
),

keyed as (
    select
        {{ pql_surrogate_key(['feature_name', 'cohort_split', 'feature_value']) }} as histogram_key,
        feature_name,
        cohort_split,
        cast(feature_value as {{ dbt.type_int() }}) as feature_value,
        cast(converters as {{ dbt.type_int() }}) as converters,
        cast(non_converters as {{ dbt.type_int() }}) as non_converters
    from histogram
)

select * from keyed
