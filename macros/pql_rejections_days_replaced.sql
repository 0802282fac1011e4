{#- The predicate, on the timestamp `at_column` of an event, of the days int_events_validated may
    have replaced since the last run of int_rows_rejected, by the marks that run saved
    (pql_rejections_state): the undated events, the days from pql__lookback_days before the newest
    usable day, and each day holding an event loaded at or after the newest load time (the rules
    int_events_validated re-reads days by, applied to the marks it started from). `true` on a full
    build and when the state is missing. -#}
{% macro pql_rejections_days_replaced(at_column) %}
    {%- set state = pql_rejections_state(existing_only=true) if is_incremental() else none -%}
    {%- if state is none -%}
        {{- return('true') -}}
    {%- endif -%}
    (
        {{ at_column }} is null
        or {{ pql_days_reread(
            at_column,
            pql_lookback_start(state, 'occurred_at', row_filter="state_kind = 'watermark'"),
            pql_days_loaded_since(
                ref('int_events_validated'),
                "select max(loaded_at) from " ~ state ~ " where state_kind = 'watermark'"
            )
        ) }}
    )
{% endmacro %}
