{#- The score of every account and user as of the as-of day:
      behaviour points  sum of counted signal points (one per tier group), negatives included
      capped points     behaviour points clamped to 0..100
      decay             var pql__decay_points_per_week per full week of inactivity past
                        var pql__decay_grace_days (inactivity counts from signup when never active)
      pql_score         capped points minus decay, never below 0
      pql_band          the band of seed pql_bands whose [min_score, max_score] holds the score -#}
{%- set as_of = pql_as_of_date() -%}
{%- set categories = pql_signal_categories() -%}
with

evaluated as (
    select * from {{ ref('int_signals_evaluated') }}
),

activity as (
    select * from {{ ref('fct_daily_activity') }}
),

accounts as (
    select * from {{ ref('dim_accounts') }}
),

users as (
    select * from {{ ref('dim_users') }}
),

bands as (
    select * from {{ ref('int_bands_configured') }}
),

entities as (
    select
        'account' as entity_type,
        account_id as entity_id,
        created_at as signed_up_at
    from accounts
    union all
    select
        'user' as entity_type,
        user_id as entity_id,
        created_at as signed_up_at
    from users
),

last_activity as (
    select
        'account' as entity_type,
        account_id as entity_id,
        max(last_occurred_at) as last_active_at
    from activity
    where account_id is not null
    group by 1, 2
    union all
    select
        'user' as entity_type,
        user_id as entity_id,
        max(last_occurred_at) as last_active_at
    from activity
    group by 1, 2
),

points as (
    select
        entity_type,
        entity_id,
        {%- for category in categories %}
            cast(sum(case when category = '{{ category }}' then points_awarded else 0 end) as {{ dbt.type_int() }})
                as {{ category }}_points,
        {%- endfor %}
        cast(sum(points_awarded) as {{ dbt.type_int() }}) as behaviour_points,
        {{ dbt.listagg(
            measure='case when is_counted and points_awarded > 0 then description end',
            delimiter_text="'; '",
            order_by_clause='order by points_awarded desc, signal_id',
            limit_num=3
        ) }} as top_reasons,
        {{ dbt.listagg(
            measure='case when is_counted then signal_id end',
            delimiter_text="', '",
            order_by_clause='order by signal_id'
        ) }} as counted_signals
    from evaluated
    group by 1, 2
),

decayed as (
    select
        entities.entity_type,
        entities.entity_id,
        entities.signed_up_at,
        last_activity.last_active_at,
        {%- for category in categories %}
            coalesce(points.{{ category }}_points, 0) as {{ category }}_points,
        {%- endfor %}
        coalesce(points.behaviour_points, 0) as behaviour_points,
        points.top_reasons,
        points.counted_signals,
        cast({{ dbt.datediff(
            'cast(coalesce(last_activity.last_active_at, entities.signed_up_at) as date)', as_of, 'day'
        ) }} as {{ dbt.type_int() }}) as inactive_days
    from entities
    left join last_activity
        on
            entities.entity_type = last_activity.entity_type
            and entities.entity_id = last_activity.entity_id
    left join points
        on
            entities.entity_type = points.entity_type
            and entities.entity_id = points.entity_id
),

scored as (
    select
        decayed.*,
        least(greatest(decayed.behaviour_points, 0), 100) as capped_points,
        cast(
            floor(
                greatest(decayed.inactive_days - {{ pql_var_number('pql__decay_grace_days') }}, 0) / 7.0
            ) * {{ pql_var_number('pql__decay_points_per_week') }} as {{ dbt.type_int() }}
        ) as decay_points
    from decayed
),

banded as (
    select
        {{ pql_surrogate_key(['scored.entity_type', 'scored.entity_id']) }} as entity_key,
        scored.entity_type,
        scored.entity_id,
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
        bands.band as pql_band,
        scored.top_reasons,
        scored.counted_signals
    from scored
    left join bands
        on
            greatest(scored.capped_points - scored.decay_points, 0) >= bands.min_score
            and greatest(scored.capped_points - scored.decay_points, 0) <= bands.max_score
)

select * from banded
