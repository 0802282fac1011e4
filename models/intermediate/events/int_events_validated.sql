{{
    config(
        materialized='incremental',
        on_schema_change='fail',
        post_hook="{{ pql_replace_table(pql_state_table(), pql_event_source_state()) }}",
        **pql_replace_days_config('occurred_on')
    )
}}
{{- pql_event_source_unchanged() }}
{#- Every raw event delivery, loaded once, with its rejection_reason (null = usable): staging's row-level
    reasons, then redeliveries of an event_id already seen (the earliest delivery wins). Whether the
    user exists is judged at read time downstream (fct_daily_activity, fct_rejected_rows), against
    the users table of that run.
    Incremental: a run re-reads the raw events of the last var pql__lookback_days days before the
    newest usable day loaded (and anything newer or undated), and every day that holds a row loaded
    (loaded_at) at or after the newest load time already here, so an event later than the lookback
    is counted too; it replaces those days whole, and looks up only the ids of the batch among the
    events loaded before it. A full build reads everything. The event source it was built from is
    kept in `<this>__state`; an incremental run from another source fails (pql_event_source_unchanged). -#}
{%- if is_incremental() %}
    {%- set days_loaded = [] %}
    {%- for model in pql_events_models() %}
        {%- do days_loaded.append(pql_days_loaded_since(ref(model), 'select max(loaded_at) from ' ~ this)) %}
    {%- endfor %}
    {%- set in_batch = pql_days_reread(
        'occurred_at',
        pql_lookback_start(this, 'occurred_at', 'pql__lookback_days', 'rejection_reason is null'),
        days_loaded | join(' union ')
    ) %}
{%- else %}
    {%- set in_batch = '1 = 1' %}
{%- endif %}
with

staged_events as (
    {%- for model in pql_events_models() %}
        {% if not loop.first %}union all{% endif %}
        select * from {{ ref(model) }}
    {%- endfor %}
),

events as (
    select * from staged_events
    where {{ in_batch }} or occurred_at is null
),

usable_rows as (
    select
        event_id,
        user_id,
        anonymous_id,
        account_id,
        event_name,
        occurred_at,
        loaded_at
    from events
    where rejection_reason is null
),

-- ids delivered more than once: only their rows need ranking (a hash aggregate instead of sorting
-- every event by id)
redelivered_ids as (
    select event_id
    from usable_rows
    group by event_id
    having count(*) > 1
),

usable_rows_ranked as (
    select
        usable_rows.*,
        1 as delivery_rank
    from usable_rows
    left join redelivered_ids
        on usable_rows.event_id = redelivered_ids.event_id
    where redelivered_ids.event_id is null
    union all
    select
        usable_rows.*,
        row_number() over (
            partition by usable_rows.event_id
            order by usable_rows.occurred_at, usable_rows.user_id, usable_rows.anonymous_id, usable_rows.event_name
        ) as delivery_rank
    from usable_rows
    inner join redelivered_ids
        on usable_rows.event_id = redelivered_ids.event_id
),

-- usable deliveries already loaded from before the batch: a later delivery of their id is a duplicate
ids_loaded_before as (
    {%- if is_incremental() %}
        select distinct event_id
        from {{ this }}
        where
            event_id in (select usable_rows_ranked.event_id from usable_rows_ranked)
            and (rejection_reason is null or rejection_reason = 'duplicate_event_id')
            and not {{ in_batch }}
    {%- else %}
        select cast(null as {{ dbt.type_string() }}) as event_id
        where 1 = 0
    {%- endif %}
),

usable_rows_judged as (
    select
        usable_rows_ranked.event_id,
        usable_rows_ranked.user_id,
        usable_rows_ranked.anonymous_id,
        usable_rows_ranked.account_id,
        usable_rows_ranked.event_name,
        usable_rows_ranked.occurred_at,
        usable_rows_ranked.loaded_at,
        case
            when usable_rows_ranked.delivery_rank > 1 then 'duplicate_event_id'
            when ids_loaded_before.event_id is not null then 'duplicate_event_id'
        end as rejection_reason
    from usable_rows_ranked
    left join ids_loaded_before
        on usable_rows_ranked.event_id = ids_loaded_before.event_id
),

row_level_rejects as (
    select
        event_id,
        user_id,
        anonymous_id,
        account_id,
        event_name,
        occurred_at,
        loaded_at,
        rejection_reason
    from events
    where rejection_reason is not null
),

all_rows as (
    select * from usable_rows_judged
    union all
    select * from row_level_rejects
),

partitioned as (
    select
        coalesce({{ dbt.cast('cast(occurred_at as date)', dbt.type_string()) }}, 'undated') as occurred_on,
        event_id,
        user_id,
        anonymous_id,
        account_id,
        event_name,
        occurred_at,
        loaded_at,
        rejection_reason
    from all_rows
)

select * from partitioned
