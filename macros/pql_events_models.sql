{#-
    The staging models that hold the events of the source selected by var pql__event_source
    (generic, segment, amplitude, posthog, mixpanel), as a list: Segment's track and page calls are
    two tables. Every one of them has the same columns (event_id, user_id, anonymous_id, account_id,
    event_name, properties, occurred_at, rejection_reason), so everything downstream is shared.
    Fails naming the var for an unknown source.
-#}
{% macro pql_events_models() %}
    {%- set models = {
        'generic': ['stg_generic__events'],
        'segment': ['stg_segment__tracks', 'stg_segment__pages'],
        'amplitude': ['stg_amplitude__events'],
        'posthog': ['stg_posthog__events'],
        'mixpanel': ['stg_mixpanel__events'],
    } -%}
    {%- set source_name = pql_event_source() -%}
    {%- if source_name not in models -%}
        {{- exceptions.raise_compiler_error(
            "pql: var pql__event_source must be one of " ~ (models.keys() | list | join(', ')) ~ "; got '" ~ source_name ~ "'"
        ) -}}
    {%- endif -%}
    {{- return(models[source_name]) -}}
{% endmacro %}
