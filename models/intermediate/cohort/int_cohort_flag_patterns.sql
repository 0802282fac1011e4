{#- For the derived points: how many train-cohort accounts (and converters) show each pattern of the
    selected signals' tiers (flag = value at or above the tier's cutoff; the chosen cutoff is a tier).
    The pattern is a "1|0|..." string over the tiers ordered by feature name, then cutoff. At most as
    many rows as accounts (2^k for k single-tier signals). -#}
with

cohort as (
    select * from {{ ref('int_cohort_accounts') }}
    where cohort_split = 'train'
),

features as (
    select * from {{ ref('int_cohort_features') }}
),

selected as (
    select
        feature_name,
        cutoff
    from {{ ref('int_signal_thresholds_derived') }}
    where tier_rank is not null
),

flags as (
    select
        cohort.account_id,
        cohort.is_converted,
        selected.feature_name,
        selected.cutoff,
        case when coalesce(features.feature_value, 0) >= selected.cutoff then '1' else '0' end as flag
    from cohort
    cross join selected
    left join features
        on
            cohort.account_id = features.account_id
            and selected.feature_name = features.feature_name
),

account_patterns as (
    select
        account_id,
        is_converted,
        {{ pql_listagg('flag', "'|'", 'order by feature_name, cutoff') }} as pattern
    from flags
    group by 1, 2
),

patterns as (
    select
        pattern,
        count(*) as accounts,
        sum(case when is_converted then 1 else 0 end) as converters
    from account_patterns
    group by 1
)

select * from patterns
