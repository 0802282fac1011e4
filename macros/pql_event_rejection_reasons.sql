{#- Every reason an event can be rejected for, in the order staging, de-duplication and the users
    table judge them (pql_event_rejection_reason, int_events_validated, fct_rejected_rows). -#}
{% macro pql_event_rejection_reasons() %}
    {{- return([
        'missing_event_id', 'missing_event_name', 'missing_identity', 'missing_occurred_at',
        'future_timestamp', 'duplicate_event_id', 'unknown_user',
    ]) -}}
{% endmacro %}
