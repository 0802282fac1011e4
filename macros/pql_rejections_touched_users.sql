{#- The users whose events an incremental run of int_rows_rejected judges again on every day, as
    a select of user_id: the users usable now and not at the last run, or the other way round (the
    symmetric difference with pql_rejections_state, which must exist). `users`: where the users are
    read from (a relation, or the name of a CTE of stg_generic__users' columns), by default
    stg_generic__users. -#}
{% macro pql_rejections_touched_users(users=none) %}
    select coalesce(usable_now.user_id, judged.user_id) as user_id
    from (
        select user_id from {{ users or ref('stg_generic__users') }}
        where rejection_reason is null
    ) as usable_now
    full outer join (
        select user_id from {{ pql_rejections_state() }}
        where state_kind = 'usable_user'
    ) as judged
        on usable_now.user_id = judged.user_id
    where usable_now.user_id is null or judged.user_id is null
{% endmacro %}
