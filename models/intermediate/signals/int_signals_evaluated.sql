{#- Live scoring: each account and user x signal, fired and counted (macro pql_signals_evaluated). -#}
{{ pql_signals_evaluated(ref('int_signals_measured')) }}
