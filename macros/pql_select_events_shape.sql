{#-
    The closing select of every event-source staging model: the shared events shape (event_id, user_id,
    anonymous_id, account_id, event_name, properties, occurred_at, loaded_at) read from `cte`, with
    the row-level rejection reason that every source shares (pql_event_rejection_reason). `extra_columns` are a
    source's own columns that its identity model reads (PostHog's person_id); downstream ignores them.
-#}
{% macro pql_select_events_shape(cte, extra_columns=[]) %}
select
    {%- for column in extra_columns %}
    {{ column }},
    {%- endfor %}
    event_id,
    user_id,
    anonymous_id,
    account_id,
    event_name,
    properties,
    occurred_at,
    loaded_at,
    {{ pql_event_rejection_reason() }} as rejection_reason
from {{ cte }}
{% endmacro %}
