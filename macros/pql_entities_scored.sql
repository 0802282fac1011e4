{#-
    The body of the entity-scoring models, int_entities_scored (accounts and users as of the as-of
    day) and int_backtest_entities_scored (cohort accounts as of the end of their observation window):
    how a score is made is doc block int_entities_scored (models/intermediate/_intermediate__docs.md).

    entities    the scoring entities (int_scoring_entities or int_backtest_entities)
    evaluated   their evaluated signals (int_signals_evaluated or int_backtest_signals_evaluated)
    bands       the bands in force per scoring mode (int_bands_in_force), or none: no pql_band column
                (the back-test, whose derived bands are calibrated on its own scores, bands later)
-#}
{% macro pql_entities_scored(entities, evaluated, bands=none) %}
{%- set categories = pql_signal_categories() -%}
{%- set reasons_count = pql_var_number('pql__top_reasons_count', 1) | int -%}
with

entities as (
    select * from {{ entities }}
),

evaluated as (
    -- only counted signals add points and reasons
    select * from {{ evaluated }}
    where is_counted
),

{%- if bands is not none %}
bands as (
    select * from {{ bands }}
),
{%- endif %}

points as (
    select
        entity_key,
        {%- for category in categories %}
            cast(sum(case when category = '{{ category }}' then points_awarded else 0 end) as {{ dbt.type_int() }})
                as {{ category }}_points,
        {%- endfor %}
        cast(sum(points_awarded) as {{ dbt.type_int() }}) as behaviour_points,
        {{ pql_listagg(
            measure='case when is_counted then signal_id end',
            delimiter_text="', '",
            order_by_clause='order by signal_id'
        ) }} as counted_signals
    from evaluated
    group by 1
),

-- the reasons: the signals that added points, most points first, the first few joined in order. Ranked
-- and picked rather than an ordered list aggregation, which keeps every row of a group and sorts
-- each group apart (on DuckDB at 10M events 0.54 s against 0.31 s for the ranking and picking)
ranked_reasons as (
    select
        entity_key,
        description,
        row_number() over (partition by entity_key order by points_awarded desc, signal_id) as reason_rank
    -- read again rather than from the CTE evaluated: a CTE read twice is kept whole in memory by some
    -- warehouses (DuckDB)
    from {{ evaluated }}
    where is_counted and points_awarded > 0 and description is not null
),

reasons as (
    select
        entity_key,
        nullif(
            {%- for rank in range(1, reasons_count + 1) %}
                {%- if loop.first %}
                    max(case when reason_rank = {{ rank }} then description end)
                {%- else %}
                    || coalesce('; ' || max(case when reason_rank = {{ rank }} then description end), '')
                {%- endif %}
            {%- endfor %},
            ''
        ) as top_reasons
    from ranked_reasons
    where reason_rank <= {{ reasons_count }}
    group by 1
),

decayed as (
    select
        {%- for column in pql_scored_entity_columns() %}
            entities.{{ column }},
        {%- endfor %}
        {%- for category in categories %}
            coalesce(points.{{ category }}_points, 0) as {{ category }}_points,
        {%- endfor %}
        coalesce(points.behaviour_points, 0) as behaviour_points,
        reasons.top_reasons,
        points.counted_signals,
        cast({{ dbt.datediff(
            'cast(coalesce(entities.last_active_at, entities.signed_up_at) as date)', 'entities.reference_date', 'day'
        ) }} as {{ dbt.type_int() }}) as inactive_days
    from entities
    left join points
        on entities.entity_key = points.entity_key
    left join reasons
        on entities.entity_key = reasons.entity_key
),

scored as (
    select
        decayed.*,
        least(greatest(decayed.behaviour_points, 0), {{ pql_var_number('pql__score_cap', 1) }}) as capped_points,
        cast(
            floor(
                greatest(decayed.inactive_days - {{ pql_var_number('pql__decay_grace_days') }}, 0) / 7.0
            ) * {{ pql_var_number('pql__decay_points_per_week') }} as {{ dbt.type_int() }}
        ) as decay_points
    from decayed
),

banded as (
    select
        scored.entity_key,
        scored.entity_type,
        scored.entity_id,
        scored.scoring_mode,
        scored.reference_date,
        scored.signed_up_at,
        scored.last_active_at,
        scored.inactive_days,
        {%- for category in categories %}
            scored.{{ category }}_points,
        {%- endfor %}
        scored.behaviour_points,
        scored.capped_points,
        scored.decay_points,
        cast(greatest(scored.capped_points - scored.decay_points, 0) as {{ dbt.type_int() }}) as pql_score,
        {%- if bands is not none %}
        bands.band as pql_band,
        {%- endif %}
        scored.top_reasons,
        scored.counted_signals
    from scored
    {%- if bands is not none %}
    left join bands
        on
            scored.scoring_mode = bands.scoring_mode
            and greatest(scored.capped_points - scored.decay_points, 0) >= bands.min_score
            and greatest(scored.capped_points - scored.decay_points, 0) <= bands.max_score
    {%- endif %}
)

select * from banded
{% endmacro %}
