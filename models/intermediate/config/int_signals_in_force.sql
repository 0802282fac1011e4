{#- The signals in force in each scoring mode: doc block int_signals_in_force
    (models/intermediate/_intermediate__docs.md). Derivable rule types: macro pql_rule_types. -#}
with

configured as (
    select * from {{ ref('int_signals_configured') }}
),

thresholds as (
    select * from {{ ref('int_signal_thresholds_derived') }}
),

points as (
    -- the tiers in the score; tier_from_top 1 is a feature's highest tier
    select
        *,
        row_number() over (partition by feature_name order by cutoff desc) as tier_from_top
    from {{ ref('int_signal_points_derived') }}
    where tier_rank is not null
),

analysed_features as (
    select distinct feature_name
    from thresholds
    where feature_name <> '__cohort__'
),

signal_features as (
    select
        configured.*,
        -- the cohort feature a signal measures, for the rule types the analysis derives (pql_rule_types)
        case configured.rule_type
            {%- for rule_type, rule in pql_rule_types().items() if rule.cohort_feature is not none %}
                when '{{ rule_type }}' then {{ rule.cohort_feature }}
            {%- endfor %}
        end as feature_name
    from configured
),

derivable as (
    select
        signal_features.*,
        row_number() over (
            partition by signal_features.tier_group, signal_features.feature_name
            order by signal_features.points desc, signal_features.signal_id asc
        ) as tier_rank,
        count(*) over (
            partition by signal_features.tier_group, signal_features.feature_name
        ) as group_signals
    from signal_features
    inner join analysed_features
        on signal_features.feature_name = analysed_features.feature_name
    where not signal_features.is_pinned
),

configured_mode as (
    select
        'configured' as scoring_mode,
        signal_id,
        category,
        tier_group,
        rule_type,
        event_name,
        threshold_min,
        threshold_max,
        window_days,
        points,
        description,
        is_enabled,
        case when is_pinned then 'pinned' else 'configured' end as threshold_origin,
        cast(null as {{ dbt.type_string() }}) as analysis_run_id
    from configured
),

derived_kept as (
    select
        'derived' as scoring_mode,
        signal_features.signal_id,
        signal_features.category,
        signal_features.tier_group,
        signal_features.rule_type,
        signal_features.event_name,
        signal_features.threshold_min,
        signal_features.threshold_max,
        signal_features.window_days,
        signal_features.points,
        signal_features.description,
        signal_features.is_enabled,
        case when signal_features.is_pinned then 'pinned' else 'configured' end as threshold_origin,
        cast(null as {{ dbt.type_string() }}) as analysis_run_id
    from signal_features
    left join derivable
        on signal_features.signal_id = derivable.signal_id
    where derivable.signal_id is null
),

derived_replaced as (
    -- a configured tier group's signals take the derived tiers, highest tier to the signal with the
    -- most points; a signal left without a tier is disabled (0 points)
    select
        'derived' as scoring_mode,
        derivable.signal_id,
        derivable.category,
        derivable.tier_group,
        derivable.rule_type,
        derivable.event_name,
        cast(coalesce(points.cutoff, derivable.threshold_min) as {{ pql_type_float() }}) as threshold_min,
        cast(null as {{ pql_type_float() }}) as threshold_max,
        derivable.window_days,
        coalesce(points.points, 0) as points,
        case
            when points.feature_name is null then derivable.description
            else {{ pql_derived_description('derivable.feature_name', 'points.cutoff', 'derivable.window_days') }}
        end as description,
        derivable.is_enabled and points.feature_name is not null as is_enabled,
        'derived' as threshold_origin,
        points.analysis_run_id
    from derivable
    left join points
        on
            derivable.feature_name = points.feature_name
            and derivable.tier_rank = points.tier_from_top
),

derived_extra_tiers as (
    -- more derived tiers than the group has signals: the lower ones join the group as new signals
    select
        'derived' as scoring_mode,
        {{ dbt.concat([
            "derivable.tier_group", "'__derived_'", "cast(points.cutoff as " ~ dbt.type_string() ~ ")", "'plus'",
        ]) }} as signal_id,
        derivable.category,
        derivable.tier_group,
        derivable.rule_type,
        derivable.event_name,
        cast(points.cutoff as {{ pql_type_float() }}) as threshold_min,
        cast(null as {{ pql_type_float() }}) as threshold_max,
        derivable.window_days,
        points.points,
        {{ pql_derived_description('derivable.feature_name', 'points.cutoff', 'derivable.window_days') }}
            as description,
        derivable.is_enabled,
        'derived' as threshold_origin,
        points.analysis_run_id
    from derivable
    inner join points
        on
            derivable.feature_name = points.feature_name
            and derivable.group_signals < points.tier_from_top
    where derivable.tier_rank = 1
),

derived_added as (
    -- a feature no configured signal measures: its tiers form a new tier group derived__<feature>
    -- (signal derived__<feature> for the lowest tier, derived__<feature>__<cutoff>plus above it)
    select
        'derived' as scoring_mode,
        case
            when points.tier_rank = 1 then {{ dbt.concat(["'derived__'", "points.feature_name"]) }}
            else {{ dbt.concat([
                "'derived__'", "points.feature_name", "'__'", "cast(points.cutoff as " ~ dbt.type_string() ~ ")",
                "'plus'",
            ]) }}
        end as signal_id,
        case when points.feature_name = 'active_users' then 'breadth' else 'depth' end as category,
        {{ dbt.concat(["'derived__'", "points.feature_name"]) }} as tier_group,
        case when points.feature_name = 'active_users' then 'active_users' else 'event_count' end as rule_type,
        -- breadth and overall activity (all_events) read events of any kind
        case when points.feature_name in ('active_users', 'all_events') then null else points.feature_name end
            as event_name,
        cast(points.cutoff as {{ pql_type_float() }}) as threshold_min,
        cast(null as {{ pql_type_float() }}) as threshold_max,
        {{ pql_var_number('pql__observation_days', 1) }} as window_days,
        points.points,
        {{ pql_derived_description(
            'points.feature_name', 'points.cutoff', pql_var_number('pql__observation_days', 1)
        ) }} as description,
        true as is_enabled,
        'derived' as threshold_origin,
        points.analysis_run_id
    from points
    left join signal_features
        on points.feature_name = signal_features.feature_name
    where signal_features.signal_id is null
),

in_force as (
    select * from configured_mode
    union all
    select * from derived_kept
    union all
    select * from derived_replaced
    union all
    select * from derived_extra_tiers
    union all
    select * from derived_added
),

keyed as (
    select
        {{ pql_surrogate_key(['scoring_mode', 'signal_id']) }} as signal_mode_key,
        *
    from in_force
)

select * from keyed
