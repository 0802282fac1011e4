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

{#- The selected event source's name, as var pql__event_source gives it (trimmed, lowercased). -#}
{% macro pql_event_source() %}
    {{- return(var('pql__event_source', 'generic') | string | trim | lower) -}}
{% endmacro %}

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

{#- The staging model with the selected source's group memberships (user_id, account_id, joined_at),
    or none. -#}
{% macro pql_group_memberships_model() %}
    {{- return({'segment': 'stg_segment__groups'}.get(pql_event_source())) -}}
{% endmacro %}
