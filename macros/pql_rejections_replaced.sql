{#- The predicate of the rows of int_rows_rejected an incremental run deletes (its pre-hook), and
    so recomputes: every row of the small tables (users, accounts, subscriptions: judged whole each
    run), every event row of a day int_events_validated may have replaced
    (pql_rejections_days_replaced), and the unknown_user rows of the users whose usability changed
    (pql_rejections_touched_users), on any day. `true` when the state is missing. -#}
{% macro pql_rejections_replaced() %}
    {%- if pql_rejections_state(existing_only=true) is none -%}
        {{- return('true') -}}
    {%- endif -%}
    (
        source_table <> 'events'
        or {{ pql_rejections_days_replaced('row_recorded_at') }}
        or (
            rejection_reason = 'unknown_user'
            and source_row_id in (
                select event_id from {{ ref('int_events_validated') }}
                where
                    rejection_reason is null
                    and user_id in ({{ pql_rejections_touched_users() }})
            )
        )
    )
{% endmacro %}
