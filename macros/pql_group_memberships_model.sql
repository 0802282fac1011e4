{#- The staging model with the selected source's group memberships (user_id, account_id, joined_at),
    or none. -#}
{% macro pql_group_memberships_model() %}
    {{- return({'segment': 'stg_segment__groups'}.get(pql_event_source())) -}}
{% endmacro %}
