{#- A select of one column, descriptions_fingerprint: the sum of a hash of each signal of the
    configured mode with its description, the words int_band_changes_detected writes its reasons
    gained and lost in. -#}
{% macro pql_band_changes_descriptions() %}
    select sum({{ pql_hash_number(['signal_id', 'description']) }}) as descriptions_fingerprint
    from (
        select distinct
            signal_id,
            description
        from {{ ref('int_signals_in_force') }}
        where scoring_mode = 'configured'
    ) as signals
{% endmacro %}
