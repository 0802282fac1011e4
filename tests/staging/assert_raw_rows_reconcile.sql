-- Every raw row is accounted for: per source table, rows in = rows kept + rows rejected.
-- Kept events are those counted in int_activity_daily, of known users or anonymous (after a full
-- build; events that arrive later than the incremental lookback are only counted by a full refresh).
with

raw_rows_by_table as (
    select
        'accounts' as source_table,
        count(*) as row_count
    from {{ source('generic', 'accounts') }}
    union all
    select
        'users' as source_table,
        count(*) as row_count
    from {{ source('generic', 'users') }}
    union all
    {%- for source_name, table_name, is_optional in pql_raw_events_sources() %}
        {%- if is_optional and not pql_source_table_exists(source_name, table_name) %}
            {%- set _ = source(source_name, table_name) %}
        {%- else %}
            select
                'events' as source_table,
                count(*) as row_count
            from {{ source(source_name, table_name) }}
            union all
        {%- endif %}
    {%- endfor %}
    select
        'subscriptions' as source_table,
        count(*) as row_count
    from {{ source('generic', 'subscriptions') }}
),

raw_rows as (
    select
        source_table,
        sum(row_count) as row_count
    from raw_rows_by_table
    group by 1
),

kept_rows as (
    select
        'accounts' as source_table,
        count(*) as row_count
    from {{ ref('stg_generic__accounts') }}
    where rejection_reason is null
    union all
    select
        'users' as source_table,
        count(*) as row_count
    from {{ ref('stg_generic__users') }}
    where rejection_reason is null
    union all
    select
        'events' as source_table,
        coalesce(sum(activity.event_count), 0) as row_count
    from {{ ref('int_activity_daily') }} as activity
    left join {{ ref('stg_generic__users') }} as usable_users
        on activity.user_id = usable_users.user_id and usable_users.rejection_reason is null
    where activity.user_id is null or usable_users.user_id is not null
    union all
    select
        'subscriptions' as source_table,
        count(*) as row_count
    from {{ ref('int_subscriptions_validated') }}
    where rejection_reason is null
),

rejected_rows as (
    select
        source_table,
        count(*) as row_count
    from {{ ref('fct_rejected_rows') }}
    group by 1
),

compared as (
    select
        raw_rows.source_table,
        raw_rows.row_count as raw_row_count,
        kept_rows.row_count as kept_row_count,
        coalesce(rejected_rows.row_count, 0) as rejected_row_count
    from raw_rows
    inner join kept_rows
        on raw_rows.source_table = kept_rows.source_table
    left join rejected_rows
        on raw_rows.source_table = rejected_rows.source_table
)

select *
from compared
where raw_row_count <> kept_row_count + rejected_row_count
