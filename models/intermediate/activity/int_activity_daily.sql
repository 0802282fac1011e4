{{
    config(
        materialized='incremental',
        on_schema_change='fail',
        **pql_replace_days_config('activity_date')
    )
}}
{#- Usable events (int_events_validated) counted per day x user x anonymous id x account x event name;
    events of user ids unknown to the users table are kept here and dropped (or rejected) at read
    time downstream. Incremental: a run re-reads the last var pql__lookback_days days (and anything newer)
    and every day holding events loaded since its last run, and replaces those days whole, so late
    arrivals are counted exactly once.
    Identity stitching happens downstream on this small table, so an identification learned today
    re-attributes old anonymous activity without re-reading events. -#}
{%- if is_incremental() %}
    {#- the lookback, and the days holding events loaded since the last run, however old (late arrivals) -#}
    {%- set since = pql_days_reread(
        'occurred_at',
        pql_lookback_start(this, 'activity_date', 'pql__lookback_days'),
        pql_days_loaded_since(ref('int_events_validated'), "select max(last_loaded_at) from " ~ this)
    ) %}
{%- else %}
    {%- set since = '1 = 1' %}
{%- endif %}
with

daily as (
    {{ pql_events_by_day(since) }}
),

keyed as (
    select
        {{ pql_surrogate_key(['activity_date', 'user_id', 'anonymous_id', 'account_id', 'event_name']) }}
            as activity_key,
        activity_date,
        user_id,
        anonymous_id,
        account_id,
        event_name,
        event_count,
        first_occurred_at,
        last_occurred_at,
        last_loaded_at
    from daily
)

select * from keyed
-- stored by week, then user, where that makes reads of the last days and group-bys by user cheap
-- (macro pql_stored_in_order)
{{ pql_stored_in_order('activity_date', 'user_id') }}
