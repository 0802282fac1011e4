{#- The users whose events an incremental run of int_rows_rejected judges again on every day, as
    a select of user_id: the users usable now and not at the last run, or the other way round (the
    symmetric difference with pql_rejections_state, which must exist). -#}
{% macro pql_rejections_touched_users() %}
    select coalesce(usable_now.user_id, judged.user_id) as user_id
    from (
        select user_id from {{ ref('stg_generic__users') }}
        where rejection_reason is null
    ) as usable_now
    full outer join (
        select user_id from {{ pql_rejections_state() }}
        where state_kind = 'usable_user'
    ) as judged
        on usable_now.user_id = judged.user_id
    where usable_now.user_id is null or judged.user_id is null
{% endmacro %}
