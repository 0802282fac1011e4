{#- The identity links int_activity_attributed applies, as of the run's cutoff, one row per link:
    an anonymous id and the user it was identified as (link_kind 'anonymous_id'), a user and their
    resolved account ('user'), an account that exists ('account'). Kept beside the table after each
    run (pql_attribution_state) so the next run recomputes only the users whose links changed. -#}
{% macro pql_identity_links() %}
    select
        'anonymous_id' as link_kind,
        anonymous_id as link_key,
        user_id,
        cast(null as {{ pql_type_string() }}) as account_id
    from {{ ref('int_anonymous_ids_stitched') }}
    union all
    select
        'user' as link_kind,
        user_id as link_key,
        user_id,
        account_id
    from {{ ref('int_users_enriched') }}
    union all
    select
        'account' as link_kind,
        account_id as link_key,
        cast(null as {{ pql_type_string() }}) as user_id,
        account_id
    from {{ ref('int_accounts_enriched') }}
{% endmacro %}
