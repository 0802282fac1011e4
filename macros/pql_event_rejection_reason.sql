{#-
    The row-level rejection reason of an event in the shared events shape (null = usable), used by
    every event-source staging model so that all sources reject alike: no event id, no name, neither
    a user nor an anonymous id, no time, or a time later than the start of the run.
-#}
{% macro pql_event_rejection_reason() %}
    case
        when event_id is null then 'missing_event_id'
        when event_name is null then 'missing_event_name'
        when user_id is null and anonymous_id is null then 'missing_identity'
        when occurred_at is null then 'missing_occurred_at'
        when occurred_at > {{ pql_run_started_at() }} then 'future_timestamp'
    end
{% endmacro %}
