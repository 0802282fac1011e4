{#- The users an incremental run of int_activity_attributed recomputes whole, as a select of
    user_id: every user on either side of an identity link that differs from the state the last
    run left (pql_attribution_state): an anonymous id identified, re-identified or no longer
    identified, a user new, gone or resolved to another account; and, when an account appeared
    or went, every user with no resolved account (their activity takes the account their events
    name, when it exists). Reads the state, which must exist. -#}
{% macro pql_attribution_touched_users() %}
    {%- set changed -%}
        select
            coalesce(current_links.link_kind, applied.link_kind) as link_kind,
            current_links.user_id as new_user_id,
            applied.user_id as old_user_id
        from ({{ pql_identity_links() }}) as current_links
        full outer join (
            select link_kind, link_key, user_id, account_id
            from {{ pql_attribution_state() }}
            where link_kind <> 'watermark'
        ) as applied
            on
                current_links.link_kind = applied.link_kind
                and current_links.link_key = applied.link_key
        where
            current_links.link_kind is null
            or applied.link_kind is null
            or current_links.user_id is distinct from applied.user_id
            or current_links.account_id is distinct from applied.account_id
    {%- endset -%}
    select distinct user_id
    from (
        select case when sides.side = 1 then changed.new_user_id else changed.old_user_id end as user_id
        from ({{ changed }}) as changed
        cross join (select 1 as side union all select 2 as side) as sides
        where changed.link_kind <> 'account'
        union all
        select users.user_id
        from {{ ref('int_users_enriched') }} as users
        where
            users.account_id is null
            and (select count(*) from ({{ changed }}) as changed where changed.link_kind = 'account') > 0
    ) as touched
    where user_id is not null
{% endmacro %}
