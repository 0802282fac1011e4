{#- The SQL of the entities an incremental int_signals_measured run measures again (column
    entity_key; the run's pql_measures_plan says it is incremental), from the state the last run
    kept (`<this>__state`) and the one this run found (`<this>__state_next`, pre-hook):
      - an entity that is new, or whose attributes changed (row_hash), and one that is gone (its
        rows are deleted, none are inserted);
      - an entity whose own activity changed (its holder's fingerprint: a row of
        int_activity_attributed added, removed or changed), and a user whose account's did (a
        user is given their account's breadth);
      - on a later reference day, an entity with activity inside the last two windows of the
        previous one (or whose account has), as windows slide (registry: moves_with_calendar
        'window'); measures that move with every day are carried, not measured (pql_measures_hook).
    Any other entity's measures equal the last run's. -#}
{% macro pql_measures_changes(plan) %}
    {%- set state = pql_measures_state() -%}
    {%- set next_state = pql_state_table(suffix='state_next') -%}
    with

    holders_now as (
        select holder_type, holder_id, fingerprint, last_activity_date
        from {{ next_state }}
        where state_kind = 'holder'
    ),

    holders_before as (
        select holder_type, holder_id, fingerprint
        from {{ state }}
        where state_kind = 'holder'
    ),

    changed_holders as (
        select distinct holder_type, holder_id
        from (
            select
                coalesce(holders_now.holder_type, holders_before.holder_type) as holder_type,
                coalesce(holders_now.holder_id, holders_before.holder_id) as holder_id
            from holders_now
            full outer join holders_before
                on
                    holders_now.holder_type = holders_before.holder_type
                    and holders_now.holder_id = holders_before.holder_id
            where
                holders_now.holder_id is null
                or holders_before.holder_id is null
                or holders_now.fingerprint <> holders_before.fingerprint
            {%- if plan.calendar and plan.max_window_days > 0 %}
                union all
                select
                    holder_type,
                    holder_id
                from holders_now
                where last_activity_date > {{ dbt.dateadd(
                    'day',
                    -2 * plan.max_window_days,
                    "(select max(reference_date) from " ~ state ~ " where state_kind = 'run')"
                ) }}
            {%- endif %}
        ) as changed
    ),

    entities_now as (
        select entity_key, holder_type as entity_type, holder_id as entity_id, account_id, row_hash
        from {{ next_state }}
        where state_kind = 'entity'
    ),

    entities_before as (
        select entity_key, row_hash
        from {{ state }}
        where state_kind = 'entity'
    )

    select entities_now.entity_key
    from entities_now
    left join entities_before
        on entities_now.entity_key = entities_before.entity_key
    left join changed_holders as own_activity
        on
            entities_now.entity_type = own_activity.holder_type
            and entities_now.entity_id = own_activity.holder_id
    left join changed_holders as account_activity
        on
            entities_now.entity_type = 'user'
            and account_activity.holder_type = 'account'
            and entities_now.account_id = account_activity.holder_id
    where
        entities_before.entity_key is null
        or entities_now.row_hash <> entities_before.row_hash
        or own_activity.holder_id is not null
        or account_activity.holder_id is not null
    union all
    select entities_before.entity_key
    from entities_before
    left join entities_now
        on entities_before.entity_key = entities_now.entity_key
    where entities_now.entity_key is null
{% endmacro %}
