{#- The public table of
    int_signal_deltas_measured (a Python model), with the types its contract promises whatever the
    cohort gave pandas (an empty analysis has no rows to type its columns by). -#}
with

analysis as (
    select * from {{ ref('int_signal_deltas_measured') }}
),

typed as (
    select
        cast(analysis_run_id as {{ pql_type_string() }}) as analysis_run_id,
        cast(feature_name as {{ pql_type_string() }}) as feature_name,
        cast(cohort_converters as bigint) as cohort_converters,
        cast(cohort_non_converters as bigint) as cohort_non_converters,
        cast(converters_with as bigint) as converters_with,
        cast(non_converters_with as bigint) as non_converters_with,
        cast(converter_rate as {{ pql_type_float() }}) as converter_rate,
        cast(non_converter_rate as {{ pql_type_float() }}) as non_converter_rate,
        cast(converter_rate_low as {{ pql_type_float() }}) as converter_rate_low,
        cast(converter_rate_high as {{ pql_type_float() }}) as converter_rate_high,
        cast(non_converter_rate_low as {{ pql_type_float() }}) as non_converter_rate_low,
        cast(non_converter_rate_high as {{ pql_type_float() }}) as non_converter_rate_high,
        cast(delta as {{ pql_type_float() }}) as delta,
        cast(lift as {{ pql_type_float() }}) as lift,
        cast(z_statistic as {{ pql_type_float() }}) as z_statistic,
        cast(p_value as {{ pql_type_float() }}) as p_value,
        cast(q_value as {{ pql_type_float() }}) as q_value,
        cast(is_significant as boolean) as is_significant,
        cast(note as {{ pql_type_string() }}) as note
    from analysis
)

select * from typed
