{#- The public table of
    int_signal_points_derived (a Python model), with the types its contract promises whatever the
    cohort gave pandas (an empty analysis has no rows to type its columns by). -#}
with

analysis as (
    select * from {{ ref('int_signal_points_derived') }}
),

typed as (
    select
        cast(analysis_run_id as {{ pql_type_string() }}) as analysis_run_id,
        cast(points_key as {{ pql_type_string() }}) as points_key,
        cast(feature_name as {{ pql_type_string() }}) as feature_name,
        cast(cutoff as bigint) as cutoff,
        cast(tier_rank as bigint) as tier_rank,
        cast(coefficient as {{ pql_type_float() }}) as coefficient,
        cast(std_error as {{ pql_type_float() }}) as std_error,
        cast(odds_ratio as {{ pql_type_float() }}) as odds_ratio,
        cast(points as bigint) as points,
        cast(points_budget as bigint) as points_budget,
        cast(penalty as {{ pql_type_float() }}) as penalty,
        cast(points_reason as {{ pql_type_string() }}) as points_reason
    from analysis
)

select * from typed
