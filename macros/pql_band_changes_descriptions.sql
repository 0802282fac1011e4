{#- A select of one column, descriptions_fingerprint: the sum of a hash of each signal
    int_band_changes_detected writes its reasons with (pql_band_changes_signals) and its
    description. -#}
{% macro pql_band_changes_descriptions() %}
    select {{ pql_hash_sum(['signal_id', 'description']) }} as descriptions_fingerprint
    from ({{ pql_band_changes_signals() }}) as signals
{% endmacro %}
