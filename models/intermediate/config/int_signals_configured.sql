{#- The signal definitions in force (seed pql_signals), validated: a bad value fails the build with a
    message naming the signal and the column. Rule types and what they need: macro pql_rule_types. -#}
{%- set signals = ref('pql_signals') -%}
{%- set categories = pql_signal_categories() -%}
{%- set registry = pql_rule_types() -%}
{%- set rule_types = registry.keys() | list -%}
{%- set event_rule_types = [] -%}
{%- for rule_type, rule in registry.items() if rule.event_name == 'required' -%}
    {%- do event_rule_types.append(rule_type) -%}
{%- endfor -%}

{%- set errors_sql -%}
    select error_message from (
        select 'signal ' || coalesce(signal_id, '<null>') || ': signal_id is missing or repeated' as error_message
        from {{ signals }}
        where signal_id is null or signal_id in (
            select signal_id from {{ signals }} group by signal_id having count(*) > 1
        )
        union all
        select 'signal ' || signal_id || ': unknown category ''' || coalesce(category, '<null>')
            || ''' (expected one of {{ categories | join(', ') }})'
        from {{ signals }}
        where category is null or category not in ('{{ categories | join("', '") }}')
        union all
        select 'signal ' || signal_id || ': unknown rule_type ''' || coalesce(rule_type, '<null>')
            || ''' (expected one of {{ rule_types | join(', ') }})'
        from {{ signals }}
        where rule_type is null or rule_type not in ('{{ rule_types | join("', '") }}')
        union all
        select 'signal ' || signal_id || ': rule_type ' || rule_type || ' needs an event_name'
        from {{ signals }}
        where rule_type in ('{{ event_rule_types | join("', '") }}') and (event_name is null or trim(event_name) = '')
        union all
        select 'signal ' || signal_id || ': points is missing'
        from {{ signals }}
        where points is null
        union all
        select 'signal ' || signal_id || ': negative points (' || cast(points as {{ dbt.type_string() }}) || ') are only allowed in category negative'
        from {{ signals }}
        where points < 0 and category <> 'negative'
        union all
        select 'signal ' || signal_id || ': a negative signal must have points <= 0, got ' || cast(points as {{ dbt.type_string() }})
        from {{ signals }}
        where points > 0 and category = 'negative'
        union all
        select 'signal ' || signal_id || ': points must be between -100 and 100, got ' || cast(points as {{ dbt.type_string() }})
        from {{ signals }}
        where points > 100 or points < -100
        union all
        select 'signal ' || signal_id || ': tier_group is missing'
        from {{ signals }}
        where tier_group is null or trim(tier_group) = ''
        union all
        select 'signal ' || signal_id || ': window_days must be positive, got ' || cast(window_days as {{ dbt.type_string() }})
        from {{ signals }}
        where window_days <= 0
        union all
        select 'signal ' || signal_id || ': threshold_min is greater than threshold_max'
        from {{ signals }}
        where threshold_min > threshold_max
        union all
        select 'signal ' || signal_id || ': give threshold_min or threshold_max'
        from {{ signals }}
        where threshold_min is null and threshold_max is null
        union all
        select 'tier_group ' || tier_group || ': its signals belong to different categories'
        from {{ signals }}
        group by tier_group
        having count(distinct category) > 1
    ) as problems
{%- endset -%}
{%- do pql_raise_on_config_errors(errors_sql, 'seed pql_signals', signals) -%}

with

signals as (
    select * from {{ signals }}
),

configured as (
    select
        signal_id,
        category,
        tier_group,
        rule_type,
        nullif(lower(trim(event_name)), '') as event_name,
        threshold_min,
        threshold_max,
        window_days,
        points,
        description,
        coalesce(is_enabled, true) as is_enabled,
        coalesce(is_pinned, false) as is_pinned,
        'configured' as threshold_origin
    from signals
)

select * from configured
