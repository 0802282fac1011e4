{#- The model with the selected source's own identity links (anonymous_id, user_id, identified_at),
    or none when its events carry them all (generic, Amplitude). -#}
{% macro pql_identities_model() %}
    {%- set models = {
        'segment': 'stg_segment__identifies',
        'mixpanel': 'stg_mixpanel__identity_mappings',
        'posthog': 'int_posthog_identities',
    } -%}
    {{- return(models.get(pql_event_source())) -}}
{% endmacro %}
