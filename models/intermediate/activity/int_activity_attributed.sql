{#- user x day x event name, up to and including the as-of day (up to the as-of hour when var
    pql__as_of names one: that day is counted again from int_events_validated, events before the
    hour only). Anonymous activity is attributed to the user its anonymous_id was identified as
    (before the as-of cutoff); the account is the user's resolved account, else the account the
    event itself named. Anonymous activity never identified stays in int_activity_daily only.
    Incremental: a run replaces only the rows whose attribution may have changed (macro
    pql_attribution_corrected): the users an identity change touched, whole, and the days that
    may hold new activity; the identity links it applied are kept in `<this>__state` for the
    next run (pql_attribution_state). -#}
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{% if is_incremental() %}{{ pql_delete_rows(this, pql_attribution_corrected('activity_date', 'user_id'), 'daily_activity_id') }}{% endif %}",
        post_hook="{{ pql_replace_table(pql_attribution_state(), pql_attribution_state(sql=true)) }}"
    )
}}
{%- set is_hourly = pql_as_of_hour() is not none %}
{%- set is_corrected = is_incremental() and pql_attribution_state(existing_only=true) is not none %}
with

{#- a run as of an hour only: the as-of day up to the hour, at int_activity_daily's grain #}
as_of_day_until_hour as (
    select
        cast(null as {{ pql_type_string() }}) as activity_key,
        *
    from (
        {{ pql_events_by_day(
            ('true' if is_hourly else 'false')
            ~ ' and occurred_at >= cast(' ~ pql_as_of_date() ~ ' as ' ~ dbt.type_timestamp() ~ ')'
            ~ ' and occurred_at < ' ~ pql_as_of_cutoff()
        ) }}
    ) as events_by_day
),

{%- if is_corrected %}

    touched_users as (
        {{ pql_attribution_touched_users() }}
    ),
{%- endif %}

activity as (
    select *
    from (
        -- int_activity_daily's columns, in its order
        select * from {{ ref('int_activity_daily') }}
        where
            activity_date < {{ pql_as_of_date() }}
            -- the as-of day whole, unless the run is as of an hour
            or (activity_date = {{ pql_as_of_date() }} and {{ 'false' if is_hourly else 'true' }})
        union all
        select * from as_of_day_until_hour
    ) as activity
    -- an incremental run: only the rows it replaces
    where {{ pql_attribution_corrected(
        'activity_date', 'user_id', 'anonymous_id', 'touched_users' if is_corrected else none
    ) }}
),

stitches as (
    select * from {{ ref('int_anonymous_ids_stitched') }}
),

users as (
    select * from {{ ref('int_users_enriched') }}
),

accounts as (
    select account_id from {{ ref('int_accounts_enriched') }}
),

attributed as (
    select
        activity.activity_date,
        coalesce(activity.user_id, stitches.user_id) as user_id,
        activity.account_id as event_account_id,
        activity.event_name,
        activity.event_count,
        activity.first_occurred_at,
        activity.last_occurred_at
    from activity
    left join stitches
        on
            activity.user_id is null
            and activity.anonymous_id = stitches.anonymous_id
),

daily as (
    select
        attributed.activity_date,
        attributed.user_id,
        coalesce(users.account_id, event_accounts.account_id) as account_id,
        attributed.event_name,
        sum(attributed.event_count) as event_count,
        min(attributed.first_occurred_at) as first_occurred_at,
        max(attributed.last_occurred_at) as last_occurred_at
    from attributed
    inner join users
        on attributed.user_id = users.user_id
    left join accounts as event_accounts
        on attributed.event_account_id = event_accounts.account_id
    group by 1, 2, 3, 4
),

keyed as (
    select
        {{ pql_surrogate_key(['activity_date', 'user_id', 'account_id', 'event_name']) }} as daily_activity_id,
        activity_date,
        user_id,
        account_id,
        event_name,
        event_count,
        first_occurred_at,
        last_occurred_at
    from daily
)

select * from keyed
-- stored by week, then user, where that makes reads of the last days and group-bys by user cheap
-- (macro pql_stored_in_order)
{{ pql_stored_in_order('activity_date', 'user_id') }}
