{#-
    The body of the scoring-entity models: what the scoring engine scores, each at its own reference
    day, with what the signals need besides activity: signup, company size, economic buyers known by
    the reference day, and the last activity up to it.

    backtest    false (int_scoring_entities): every account and user as of the as-of day, in the run's
                scoring mode; true (int_backtest_entities): every cohort account not converted by the
                end of its observation window, as of that day, once per scoring mode (entity type
                backtest_account)
-#}
{% macro pql_scoring_entities(backtest=false) %}
with

accounts as (
    select * from {{ ref('int_accounts_enriched') }}
),

users as (
    select * from {{ ref('int_users_enriched') }}
),

{%- if backtest %}

    cohort as (
        select * from {{ ref('int_cohort_accounts') }}
        where not is_converted_in_observation
    ),

    modes as (
        {%- for scoring_mode in pql_scoring_modes() %}
            select '{{ scoring_mode }}' as scoring_mode
            {%- if not loop.last %}
                union all
            {%- endif %}
        {%- endfor %}
    ),
{%- endif %}

account_like as (
    {%- if backtest %}
        select
            'backtest_account' as entity_type,
            cohort.account_id as entity_id,
            cohort.account_id,
            modes.scoring_mode,
            cohort.observation_end_date as reference_date,
            accounts.created_at as signed_up_at,
            accounts.employee_count
        from cohort
        inner join accounts
            on cohort.account_id = accounts.account_id
        cross join modes
    {%- else %}
        select
            'account' as entity_type,
            account_id as entity_id,
            account_id,
            '{{ pql_scoring_mode() }}' as scoring_mode,
            {{ pql_as_of_date() }} as reference_date,
            created_at as signed_up_at,
            employee_count
        from accounts
    {%- endif %}
),

{%- if backtest %}

    -- daily activity is read twice (per account and day here, per user below) rather than through
    -- one CTE: a CTE read twice is kept whole in memory by some warehouses (DuckDB)
    account_days as (
        select
            account_id,
            activity_date,
            max(last_occurred_at) as last_occurred_at
        from {{ ref('int_activity_attributed') }}
        where account_id is not null
        group by 1, 2
    ),

    account_like_activity as (
        select
            account_like.entity_type,
            account_like.entity_id,
            account_like.scoring_mode,
            max(account_days.last_occurred_at) as last_active_at
        from account_like
        inner join account_days
            on
                account_like.account_id = account_days.account_id
                and account_like.reference_date >= account_days.activity_date
        group by 1, 2, 3
    ),
{%- else %}

    -- every account shares the as-of day: its last activity up to that day is one group-by, not the
    -- per-day grouping and range join the back-test needs for its per-account observation ends
    account_like_activity as (
        select
            'account' as entity_type,
            account_id as entity_id,
            '{{ pql_scoring_mode() }}' as scoring_mode,
            last_active_at
        from (
            select
                account_id,
                max(last_occurred_at) as last_active_at
            from {{ ref('int_activity_attributed') }}
            where
                account_id is not null
                and activity_date <= {{ pql_as_of_date() }}
            group by account_id
        ) as account_activity
    ),
{%- endif %}

account_like_buyers as (
    select
        account_like.entity_type,
        account_like.entity_id,
        account_like.scoring_mode,
        count(*) as economic_buyer_count
    from account_like
    inner join users
        on
            account_like.account_id = users.account_id
            and users.is_economic_buyer
            and cast(users.created_at as date) <= account_like.reference_date
    group by 1, 2, 3
),

account_entities as (
    select
        account_like.*,
        coalesce(account_like_buyers.economic_buyer_count, 0) as economic_buyer_count,
        account_like_activity.last_active_at
    from account_like
    left join account_like_buyers
        on
            account_like.entity_type = account_like_buyers.entity_type
            and account_like.entity_id = account_like_buyers.entity_id
            and account_like.scoring_mode = account_like_buyers.scoring_mode
    left join account_like_activity
        on
            account_like.entity_type = account_like_activity.entity_type
            and account_like.entity_id = account_like_activity.entity_id
            and account_like.scoring_mode = account_like_activity.scoring_mode
),

{%- if not backtest %}

    user_activity as (
        select
            user_id,
            max(last_occurred_at) as last_active_at
        from {{ ref('int_activity_attributed') }}
        group by 1
    ),

    user_entities as (
        select
            'user' as entity_type,
            users.user_id as entity_id,
            users.account_id,
            '{{ pql_scoring_mode() }}' as scoring_mode,
            {{ pql_as_of_date() }} as reference_date,
            users.created_at as signed_up_at,
            accounts.employee_count,
            case when users.is_economic_buyer then 1 else 0 end as economic_buyer_count,
            user_activity.last_active_at
        from users
        left join accounts
            on users.account_id = accounts.account_id
        left join user_activity
            on users.user_id = user_activity.user_id
    ),
{%- endif %}

entities as (
    select * from account_entities
    {%- if not backtest %}
        union all
        select * from user_entities
    {%- endif %}
),

keyed as (
    select
        {{ pql_surrogate_key(['entity_type', 'entity_id', 'scoring_mode']) }} as entity_key,
        entity_type,
        entity_id,
        account_id,
        scoring_mode,
        cast(reference_date as date) as reference_date,
        signed_up_at,
        employee_count,
        economic_buyer_count,
        last_active_at
    from entities
)

select * from keyed
{% endmacro %}
