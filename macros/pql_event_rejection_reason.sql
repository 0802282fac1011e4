{#-
    The row-level rejection reason of an event in the shared events shape (null = usable), used by
    every event-source staging model so that all sources reject alike: no event id, no name, neither
    a user nor an anonymous id, no usable time (absent, unparseable, or before 1970: text such as
    "0-01-01" parses as the year 1 BC, which no loader's clock stamps), or a time later than the start
    of the run.
-#}
{% macro pql_event_rejection_reason() %}
    case
        when event_id is null then 'missing_event_id'
        when event_name is null then 'missing_event_name'
        when user_id is null and anonymous_id is null then 'missing_identity'
        when occurred_at is null or occurred_at < cast('1970-01-01 00:00:00' as {{ dbt.type_timestamp() }})
            then 'missing_occurred_at'
        when occurred_at > {{ pql_run_started_at() }} then 'future_timestamp'
    end
{% endmacro %}
