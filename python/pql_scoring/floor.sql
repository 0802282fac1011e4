-- The hand-written floor of the benchmark (python -m pql_scoring.bench): pql_accounts' score and band
-- in configured mode for the generic raw contract, computed by one DuckDB script straight from the
-- Parquet files and the seed CSVs. No staging, no materialised steps, no tests: the least work that
-- gives the same scores, to hold the dbt build against. Placeholders ({raw}, {seeds}, {as_of},
-- {cutoff}, {run_started_at}, {grace_days}, {points_per_week}, {score_cap}) are filled by
-- pql_scoring.baselines, the knobs from dbt_project.yml's var defaults.
with

signals as (
    select
        signal_id,
        tier_group,
        rule_type,
        nullif(lower(trim(event_name)), '') as event_name,
        try_cast(threshold_min as double) as threshold_min,
        try_cast(threshold_max as double) as threshold_max,
        try_cast(window_days as integer) as window_days,
        cast(points as integer) as points
    from read_csv('{seeds}/pql_signals.csv', header = true, all_varchar = true)
    where lower(trim(is_enabled)) = 'true'
),

bands as (
    select band, cast(min_score as integer) as min_score, cast(max_score as integer) as max_score
    from read_csv('{seeds}/pql_bands.csv', header = true, all_varchar = true)
),

personal_domains as (
    select distinct lower(trim(domain)) as domain
    from read_csv('{seeds}/pql_personal_email_domains.csv', header = true, all_varchar = true)
),

buyer_titles as (
    select distinct lower(trim(title_keyword)) as keyword
    from read_csv('{seeds}/pql_economic_buyer_titles.csv', header = true, all_varchar = true)
),

-- accounts and users: usable rows, first delivery of an id wins
accounts_all as (
    select
        nullif(trim(account_id), '') as account_id,
        trim(account_name) as account_name,
        nullif(lower(trim(domain)), '') as domain,
        try_cast(employee_count as integer) as employee_count,
        try_cast(created_at as timestamp) as created_at
    from read_parquet('{raw}/accounts.parquet')
),

accounts_usable as (
    select * exclude (delivery_rank)
    from (
        select *, row_number() over (partition by account_id order by created_at, account_name) as delivery_rank
        from accounts_all
    )
    where account_id is not null and created_at is not null and created_at <= {run_started_at} and delivery_rank = 1
),

accounts as (
    select * from accounts_usable where created_at < {cutoff}
),

users_all as (
    select
        nullif(trim(user_id), '') as user_id,
        nullif(trim(account_id), '') as account_id,
        nullif(lower(trim(email)), '') as email,
        lower(trim(job_title)) as job_title,
        try_cast(created_at as timestamp) as created_at
    from read_parquet('{raw}/users.parquet')
),

users_usable as (
    select * exclude (delivery_rank)
    from (
        select *, row_number() over (partition by user_id order by created_at, email) as delivery_rank
        from users_all
    )
    where user_id is not null and created_at is not null and created_at <= {run_started_at} and delivery_rank = 1
),

domain_owners as (
    select domain, account_id
    from accounts_usable
    where domain is not null and domain not in (select domain from personal_domains)
    qualify row_number() over (partition by domain order by created_at, account_id) = 1
),

users as (
    select
        u.user_id,
        scored_accounts.account_id,
        u.created_at,
        exists (select 1 from buyer_titles where u.job_title like '%' || buyer_titles.keyword || '%') as is_buyer
    from users_usable as u
    left join accounts_usable as own on u.account_id = own.account_id
    left join domain_owners
        on split_part(u.email, '@', 2) = domain_owners.domain
    left join accounts as scored_accounts
        on coalesce(own.account_id, domain_owners.account_id) = scored_accounts.account_id
    where u.created_at < {cutoff}
),

-- events: usable, first delivery of an event id wins, known users or anonymous
events as (
    select
        nullif(trim(event_id), '') as event_id,
        nullif(trim(user_id), '') as user_id,
        nullif(trim(anonymous_id), '') as anonymous_id,
        nullif(trim(account_id), '') as account_id,
        nullif(lower(trim(replace(replace(replace(event_name, chr(9), ' '), chr(10), ' '), chr(13), ' '))), '')
            as event_name,
        try_cast(occurred_at as timestamp) as occurred_at
    from read_parquet('{raw}/events.parquet')
),

events_usable as (
    select *
    from events
    where
        event_id is not null and event_name is not null and (user_id is not null or anonymous_id is not null)
        and occurred_at is not null and occurred_at <= {run_started_at}
    qualify row_number() over (
        partition by event_id order by occurred_at, user_id, anonymous_id, event_name
    ) = 1
),

events_kept as (
    select * from events_usable
    where user_id is null or user_id in (select user_id from users_usable)
),

identifications as (
    select anonymous_id, user_id
    from (
        select anonymous_id, user_id, min(occurred_at) as identified_at
        from events_kept
        where anonymous_id is not null and user_id is not null and occurred_at < {cutoff}
        group by 1, 2
    )
    qualify row_number() over (partition by anonymous_id order by identified_at, user_id) = 1
),

activity as (
    select
        cast(e.occurred_at as date) as activity_date,
        users.user_id,
        coalesce(users.account_id, event_accounts.account_id) as account_id,
        e.event_name,
        e.occurred_at
    from events_kept as e
    left join identifications on e.user_id is null and e.anonymous_id = identifications.anonymous_id
    inner join users on coalesce(e.user_id, identifications.user_id) = users.user_id
    left join accounts as event_accounts on e.account_id = event_accounts.account_id
    where e.occurred_at < {cutoff}
),

-- per account: one pass over its activity for every signal on an event, one for any-event signals
account_events as (
    select
        activity.account_id,
        activity.signal_id,
        count(*) filter (
            where activity.window_days is null or activity.activity_date > {as_of} - activity.window_days
        ) as events_in_window,
        count(distinct activity.user_id) filter (
            where activity.window_days is null or activity.activity_date > {as_of} - activity.window_days
        ) as users_in_window,
        count(*) filter (
            where activity.activity_date > {as_of} - 2 * activity.window_days
            and activity.activity_date <= {as_of} - activity.window_days
        ) as events_in_previous_window,
        min(activity.activity_date) as first_date,
        max(activity.activity_date) as last_date
    from (
        select activity.*, signals.signal_id, signals.window_days
        from activity inner join signals on activity.event_name = signals.event_name
        union all
        select activity.*, signals.signal_id, signals.window_days
        from activity cross join signals
        where signals.event_name is null and signals.rule_type in (
            'event_count', 'active_users', 'days_since_last_event', 'days_to_first_event', 'engagement_decline'
        )
    ) as activity
    where activity.account_id is not null
    group by 1, 2
),

buyers as (
    select account_id, count(*) as buyer_count
    from users
    where is_buyer and cast(created_at as date) <= {as_of} and account_id is not null
    group by 1
),

last_active as (
    select account_id, max(occurred_at) as last_active_at
    from activity
    where account_id is not null
    group by 1
),

measures as (
    select
        accounts.account_id,
        signals.signal_id,
        signals.tier_group,
        signals.points,
        case signals.rule_type
            when 'event_count' then coalesce(ae.events_in_window, 0)
            when 'active_users' then coalesce(ae.users_in_window, 0)
            when 'days_since_last_event' then {as_of} - ae.last_date
            when 'days_to_first_event' then ae.first_date - cast(accounts.created_at as date)
            when 'engagement_decline' then
                case
                    when ae.events_in_previous_window > 0
                        then (ae.events_in_previous_window - ae.events_in_window) * 1.0 / ae.events_in_previous_window
                end
            when 'employee_count' then accounts.employee_count
            when 'economic_buyer' then coalesce(buyers.buyer_count, 0)
        end as measure_value,
        signals.threshold_min,
        signals.threshold_max
    from accounts
    cross join signals
    left join account_events as ae
        on accounts.account_id = ae.account_id and signals.signal_id = ae.signal_id
    left join buyers on accounts.account_id = buyers.account_id
),

counted as (
    select account_id, tier_group, points
    from measures
    where
        measure_value is not null
        and (threshold_min is null or measure_value >= threshold_min)
        and (threshold_max is null or measure_value <= threshold_max)
    qualify row_number() over (partition by account_id, tier_group order by abs(points) desc, signal_id) = 1
),

scores as (
    select
        accounts.account_id,
        greatest(
            least(greatest(coalesce(sum(counted.points), 0), 0), {score_cap})
            - cast(floor(greatest(
                {as_of} - cast(coalesce(any_value(last_active.last_active_at), accounts.created_at) as date)
                - {grace_days}, 0
            ) / 7.0) * {points_per_week} as integer),
            0
        ) as pql_score
    from accounts
    left join counted on accounts.account_id = counted.account_id
    left join last_active on accounts.account_id = last_active.account_id
    group by accounts.account_id, accounts.created_at
)

select scores.account_id, cast(scores.pql_score as integer) as pql_score, bands.band as pql_band
from scores
left join bands on scores.pql_score between bands.min_score and bands.max_score
order by scores.account_id
