{#- A select of the signals int_band_changes_detected writes its reasons gained and lost with: each
    signal of the configured mode with its description (signal_id, description), once. What the
    model reads and what its state fingerprints (pql_band_changes_descriptions). -#}
{% macro pql_band_changes_signals() %}
    select distinct
        signal_id,
        description
    from {{ ref('int_signals_in_force') }}
    where scoring_mode = 'configured'
{% endmacro %}
