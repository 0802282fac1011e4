{#- The public table of
    int_signal_thresholds_derived (a Python model), with the types its contract promises whatever the
    cohort gave pandas (an empty analysis has no rows to type its columns by). -#}
with

analysis as (
    select * from {{ ref('int_signal_thresholds_derived') }}
),

typed as (
    select
        cast(analysis_run_id as varchar) as analysis_run_id,
        cast(threshold_key as varchar) as threshold_key,
        cast(feature_name as varchar) as feature_name,
        cast(cutoff as bigint) as cutoff,
        cast(accounts_at_or_above as bigint) as accounts_at_or_above,
        cast(converters_at_or_above as bigint) as converters_at_or_above,
        cast(conversion_rate_at_or_above as double) as conversion_rate_at_or_above,
        cast(conversion_rate_below as double) as conversion_rate_below,
        cast(converter_share_reached as double) as converter_share_reached,
        cast(non_converter_share_excluded as double) as non_converter_share_excluded,
        cast(lift as double) as lift,
        cast(youden_j as double) as youden_j,
        cast(meets_support as boolean) as meets_support,
        cast(is_chosen as boolean) as is_chosen,
        cast(cutoff_ci_low as double) as cutoff_ci_low,
        cast(cutoff_ci_high as double) as cutoff_ci_high,
        cast(p_value as double) as p_value,
        cast(q_value as double) as q_value,
        cast(is_selected as boolean) as is_selected,
        cast(selection_reason as varchar) as selection_reason
    from analysis
)

select * from typed
