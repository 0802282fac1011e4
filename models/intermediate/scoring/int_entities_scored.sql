{#- Live scoring: the score and band of every account and user as of the as-of day (macro
    pql_entities_scored). -#}
{{ pql_entities_scored(ref('int_scoring_entities'), ref('int_signals_evaluated'), ref('int_bands_in_force')) }}
