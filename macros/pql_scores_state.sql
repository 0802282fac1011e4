{#- The state int_entities_scored keeps beside itself (pql_state_table): one row with what its last
    run scored with besides the evaluations and the entities: the reference day, the settings the
    score is made with (settings: the scoring mode and the vars pql__score_cap,
    pql__top_reasons_count, pql__decay_grace_days and pql__decay_points_per_week) and a
    fingerprint of the bands in force (bands_fingerprint). `sql=true`: the select of that row for
    the run being built; else the relation, or none when `existing_only` and it is not there. -#}
{% macro pql_scores_state(existing_only=false, sql=false) %}
    {%- if not sql -%}
        {{- return(pql_state_table(existing_only)) -}}
    {%- endif -%}
    {%- set settings = [
        'mode=' ~ pql_scoring_mode(),
        'cap=' ~ pql_var_number('pql__score_cap', 1),
        'reasons=' ~ pql_var_number('pql__top_reasons_count', 1),
        'grace=' ~ pql_var_number('pql__decay_grace_days'),
        'per_week=' ~ pql_var_number('pql__decay_points_per_week'),
    ] -%}
    {%- set row -%}
        select
            {{ pql_as_of_date() }} as reference_date,
            cast('{{ settings | join(";") }}' as {{ pql_type_string() }}) as settings,
            bands.bands_fingerprint
        from (
            select coalesce({{ pql_hash_sum(['scoring_mode', 'band', 'min_score', 'max_score']) }}, 0)
                as bands_fingerprint
            from {{ ref('int_bands_in_force') }}
        ) as bands
    {%- endset -%}
    {{- return(row) -}}
{% endmacro %}
