{#- Live scoring: each account and user x signal in force, the signal's measure as of the as-of day
    (macro pql_signals_measured; what each rule type measures: macro pql_rule_types). -#}
{{ pql_signals_measured(ref('int_scoring_entities'), backtest=false) }}
