{#- The predicate of the rows an incremental run of int_activity_attributed replaces: rows of a
    touched user (pql_attribution_touched_users; `touched_users` names a relation or CTE holding
    them, else they are computed here), and every row of a day whose activity may have changed:
    the as-of day and later, the last pql__lookback_days days before the newest day of the last
    run, and each day of int_activity_daily holding events loaded at or after the newest load
    the last run saw (the rule int_activity_daily re-reads days by). Given `anonymous_column`, a
    row of int_activity_daily with no user counts as its identified user's. The pre-hook deletes
    the table's rows where it holds; the model recomputes the rows where it holds. `true` on a
    full build, and when the state is missing (everything is recomputed). -#}
{% macro pql_attribution_corrected(day_column, user_column, anonymous_column=none, touched_users=none) %}
    {%- if not is_incremental() -%}
        {{- return('true') -}}
    {%- endif -%}
    {%- set state = pql_attribution_state(existing_only=true) -%}
    {%- if state is none -%}
        {{- return('true') -}}
    {%- endif -%}
    {%- set users = 'select user_id from ' ~ touched_users if touched_users else pql_attribution_touched_users() -%}
    (
        {{ day_column }} >= {{ pql_as_of_date() }}
        or {{ pql_days_reread(
            day_column,
            pql_lookback_start(state, 'activity_date', row_filter="link_kind = 'watermark'"),
            pql_days_loaded_since(
                ref('int_activity_daily'),
                "select max(loaded_at) from " ~ state ~ " where link_kind = 'watermark'",
                loaded_column='last_loaded_at',
                day_column='activity_date'
            )
        ) }}
        or {{ user_column }} in ({{ users }})
        {%- if anonymous_column %}
            or (
                {{ user_column }} is null
                and {{ anonymous_column }} in (
                    select anonymous_id
                    from {{ ref('int_anonymous_ids_stitched') }}
                    where user_id in ({{ users }})
                )
            )
        {%- endif %}
    )
{% endmacro %}
