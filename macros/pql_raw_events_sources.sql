{#- The raw events tables of the selected source, as a list of (source name, table name, is optional),
    for tests that count raw rows. -#}
{% macro pql_raw_events_sources() %}
    {%- set tables = {
        'stg_generic__events': ('generic', 'events', false),
        'stg_segment__tracks': ('segment', 'tracks', false),
        'stg_segment__pages': ('segment', 'pages', true),
        'stg_amplitude__events': ('amplitude', 'event', false),
        'stg_mixpanel__events': ('mixpanel', 'events', false),
        'stg_posthog__events': ('posthog', 'events', false),
    } -%}
    {%- set found = [] -%}
    {%- for model in pql_events_models() -%}
        {%- do found.append(tables[model]) -%}
    {%- endfor -%}
    {{- return(found) -}}
{% endmacro %}
