{#-
    The body of the signal-evaluation models: each entity x signal, did it fire (measure within
    [threshold_min, threshold_max]), and does it count? Within a tier group only one signal counts:
    the fired one with the most points (by absolute value, so the stronger negative wins among
    negatives; ties by signal_id). Live scoring (int_signals_evaluated) and the back-test
    (int_backtest_signals_evaluated) share it.

    measures    the signal measures (int_signals_measured or int_backtest_signals_measured)
-#}
{% macro pql_signals_evaluated(measures) %}
{%- set is_fired -%}
    coalesce(
        measures.measure_value is not null
        and (signals.threshold_min is null or measures.measure_value >= signals.threshold_min)
        and (signals.threshold_max is null or measures.measure_value <= signals.threshold_max),
        false
    )
{%- endset -%}
{%- set columns -%}
        measures.entity_signal_key,
        measures.entity_key,
        measures.entity_type,
        measures.entity_id,
        measures.account_id,
        measures.scoring_mode,
        measures.signal_id,
        signals.category,
        signals.tier_group,
        signals.description,
        signals.points,
        signals.threshold_min,
        signals.threshold_max,
        signals.window_days,
        signals.threshold_origin,
        measures.measure_value,
        measures.signal_date
{%- endset -%}
with

signals as (
    select * from {{ ref('int_signals_in_force') }}
),

-- fired and not fired are read separately (each reads the measures once): only fired signals compete
-- for their tier group, and a CTE read twice is kept whole in memory by some warehouses (DuckDB)
fired_ranked as (
    select
        {{ columns }},
        true as is_fired,
        row_number() over (
            partition by measures.entity_key, signals.tier_group
            order by abs(signals.points) desc, measures.signal_id
        ) as tier_rank
    from {{ measures }} as measures
    inner join signals
        on
            measures.scoring_mode = signals.scoring_mode
            and measures.signal_id = signals.signal_id
    where {{ is_fired }}
),

not_fired as (
    select
        {{ columns }},
        false as is_fired,
        0 as tier_rank
    from {{ measures }} as measures
    inner join signals
        on
            measures.scoring_mode = signals.scoring_mode
            and measures.signal_id = signals.signal_id
    where not {{ is_fired }}
),

ranked as (
    select * from fired_ranked
    union all
    select * from not_fired
),

evaluated as (
    select
        entity_signal_key,
        entity_key,
        entity_type,
        entity_id,
        account_id,
        scoring_mode,
        signal_id,
        category,
        tier_group,
        description,
        points,
        threshold_min,
        threshold_max,
        window_days,
        threshold_origin,
        measure_value,
        signal_date,
        is_fired,
        is_fired and tier_rank = 1 as is_counted,
        case when is_fired and tier_rank = 1 then points else 0 end as points_awarded
    from ranked
)

select * from evaluated
{% endmacro %}
