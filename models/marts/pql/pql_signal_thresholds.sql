{#- The public table of
    int_signal_thresholds_derived (a Python model), with the types its contract promises whatever the
    cohort gave pandas (an empty analysis has no rows to type its columns by). -#}
with

analysis as (
    select * from {{ ref('int_signal_thresholds_derived') }}
),

typed as (
    select
        cast(analysis_run_id as {{ pql_type_string() }}) as analysis_run_id,
        cast(threshold_key as {{ pql_type_string() }}) as threshold_key,
        cast(feature_name as {{ pql_type_string() }}) as feature_name,
        cast(cutoff as bigint) as cutoff,
        cast(accounts_at_or_above as bigint) as accounts_at_or_above,
        cast(converters_at_or_above as bigint) as converters_at_or_above,
        cast(conversion_rate_at_or_above as {{ pql_type_float() }}) as conversion_rate_at_or_above,
        cast(conversion_rate_below as {{ pql_type_float() }}) as conversion_rate_below,
        cast(converter_share_reached as {{ pql_type_float() }}) as converter_share_reached,
        cast(non_converter_share_excluded as {{ pql_type_float() }}) as non_converter_share_excluded,
        cast(lift as {{ pql_type_float() }}) as lift,
        cast(youden_j as {{ pql_type_float() }}) as youden_j,
        cast(meets_support as boolean) as meets_support,
        cast(is_chosen as boolean) as is_chosen,
        cast(cutoff_ci_low as {{ pql_type_float() }}) as cutoff_ci_low,
        cast(cutoff_ci_high as {{ pql_type_float() }}) as cutoff_ci_high,
        cast(p_value as {{ pql_type_float() }}) as p_value,
        cast(q_value as {{ pql_type_float() }}) as q_value,
        cast(is_selected as boolean) as is_selected,
        cast(tier_rank as bigint) as tier_rank,
        cast(tier_lift as {{ pql_type_float() }}) as tier_lift,
        cast(tier_q_value as {{ pql_type_float() }}) as tier_q_value,
        cast(selection_reason as {{ pql_type_string() }}) as selection_reason
    from analysis
)

select * from typed
