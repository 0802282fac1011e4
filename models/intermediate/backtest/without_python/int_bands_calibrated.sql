{#- Stand-in of the Python model int_bands_calibrated where the adapter runs none (macro pql_python_stand_in). -#}
{{ pql_python_stand_in() }}
