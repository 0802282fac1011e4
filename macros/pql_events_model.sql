{#-
    The staging model that holds the events of the source selected by var pql__event_source
    (generic, segment, amplitude, posthog, mixpanel). Every one of them has the same columns (event_id, user_id,
    anonymous_id, account_id, event_name, properties, occurred_at, rejection_reason), so everything
    downstream is shared. Fails naming the var for an unknown source.
-#}
{% macro pql_events_model() %}
    {%- set models = {
        'generic': 'stg_generic__events',
        'segment': 'stg_segment__tracks',
        'amplitude': 'stg_amplitude__events',
        'posthog': 'stg_posthog__events',
        'mixpanel': 'stg_mixpanel__events',
    } -%}
    {%- set source_name = var('pql__event_source', 'generic') | string | trim | lower -%}
    {%- if source_name not in models -%}
        {{- exceptions.raise_compiler_error(
            "pql: var pql__event_source must be one of " ~ (models.keys() | list | join(', ')) ~ "; got '" ~ source_name ~ "'"
        ) -}}
    {%- endif -%}
    {{- return(models[source_name]) -}}
{% endmacro %}

{#- The raw events table of the selected source, as (source name, table name), for tests that count raw rows. -#}
{% macro pql_raw_events_source() %}
    {%- set tables = {
        'stg_generic__events': ('generic', 'events'),
        'stg_segment__tracks': ('segment', 'tracks'),
        'stg_amplitude__events': ('amplitude', 'event'),
        'stg_mixpanel__events': ('mixpanel', 'events'),
        'stg_posthog__events': ('posthog', 'events'),
    } -%}
    {{- return(tables[pql_events_model()]) -}}
{% endmacro %}

{#- The staging model with the selected source's own identity links (anonymous_id, user_id,
    identified_at), or none when its events carry them all (generic, Amplitude). -#}
{% macro pql_identities_model() %}
    {%- set models = {
        'segment': 'stg_segment__identifies',
        'mixpanel': 'stg_mixpanel__identity_mappings',
        'posthog': 'int_posthog_identities',
    } -%}
    {{- return(models.get(var('pql__event_source', 'generic') | string | trim | lower)) -}}
{% endmacro %}

{#- The staging model with the selected source's group memberships (user_id, account_id, joined_at),
    or none. -#}
{% macro pql_group_memberships_model() %}
    {{- return({'segment': 'stg_segment__groups'}.get(var('pql__event_source', 'generic') | string | trim | lower)) -}}
{% endmacro %}
