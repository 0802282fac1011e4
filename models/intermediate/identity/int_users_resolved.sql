{#- Every usable user with their account: doc block int_users_resolved (models/intermediate/_intermediate__docs.md). -#}
with

users as (
    select * from {{ ref('stg_generic__users') }}
    where rejection_reason is null
),

accounts as (
    select * from {{ ref('stg_generic__accounts') }}
    where rejection_reason is null
),

personal_domains as (
    select lower(trim(domain)) as domain from {{ ref('pql_personal_email_domains') }}
),

buyer_titles as (
    select lower(trim(title_keyword)) as title_keyword from {{ ref('pql_economic_buyer_titles') }}
),

domain_owners_ranked as (
    select
        accounts.account_id,
        accounts.domain,
        row_number() over (
            partition by accounts.domain
            order by accounts.created_at, accounts.account_id
        ) as owner_rank
    from accounts
    left join personal_domains
        on accounts.domain = personal_domains.domain
    where accounts.domain is not null and personal_domains.domain is null
),

domain_owners as (
    select
        account_id,
        domain
    from domain_owners_ranked
    where owner_rank = 1
),

{%- if pql_group_memberships_model() %}

    memberships_ranked as (
        select
            memberships.user_id,
            memberships.account_id,
            row_number() over (
                partition by memberships.user_id
                order by memberships.joined_at, memberships.account_id
            ) as membership_rank
        from {{ ref(pql_group_memberships_model()) }} as memberships
        inner join accounts
            on memberships.account_id = accounts.account_id
    ),

    group_accounts as (
        select
            user_id,
            account_id
        from memberships_ranked
        where membership_rank = 1
    ),
{%- endif %}

users_with_domain as (
    select
        users.*,
        {{ dbt.split_part('users.email', "'@'", 2) }} as email_domain
    from users
),

buyers as (
    select distinct users_with_domain.user_id
    from users_with_domain
    inner join buyer_titles
        on lower(users_with_domain.job_title) like {{ dbt.concat(["'%'", 'buyer_titles.title_keyword', "'%'"]) }}
),

resolved as (
    select
        users_with_domain.user_id,
        coalesce(
            own_account.account_id,
            {%- if pql_group_memberships_model() %} group_accounts.account_id,{% endif %}
            domain_owners.account_id
        ) as account_id,
        case
            when own_account.account_id is not null then 'account_id'
            {%- if pql_group_memberships_model() %}
                when group_accounts.account_id is not null then 'group'
            {%- endif %}
            when domain_owners.account_id is not null then 'email_domain'
            else 'unmatched'
        end as account_match_method,
        users_with_domain.email,
        users_with_domain.email_domain,
        personal_domains.domain is not null as is_personal_email,
        users_with_domain.job_title,
        buyers.user_id is not null as is_economic_buyer,
        users_with_domain.created_at
    from users_with_domain
    left join accounts as own_account
        on users_with_domain.account_id = own_account.account_id
    left join personal_domains
        on users_with_domain.email_domain = personal_domains.domain
    left join domain_owners
        on
            users_with_domain.email_domain = domain_owners.domain
            and personal_domains.domain is null
    {%- if pql_group_memberships_model() %}
        left join group_accounts
            on users_with_domain.user_id = group_accounts.user_id
    {%- endif %}
    left join buyers
        on users_with_domain.user_id = buyers.user_id
)

select * from resolved
