{#- Usable events (int_events_validated rows where `where` holds) counted per day x user x anonymous
    id x account x event name, with the first and last event of each group: the grain of
    int_activity_daily, which a run as of an hour also uses for the part of its as-of day it sees. -#}
{% macro pql_events_by_day(where='true') %}
    select
        cast(occurred_at as date) as activity_date,
        user_id,
        anonymous_id,
        account_id,
        event_name,
        count(*) as event_count,
        min(occurred_at) as first_occurred_at,
        max(occurred_at) as last_occurred_at,
        max(loaded_at) as last_loaded_at
    from {{ ref('int_events_validated') }}
    where rejection_reason is null and ({{ where }})
    group by 1, 2, 3, 4, 5
{% endmacro %}
