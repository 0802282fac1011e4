{#- The rule types of the registry (macro pql_rule_types) as a table: what the docs, the cohort
    analysis (which types it may derive) and a reader asking "which rule types exist?" read. -#}
{%- set rule_types = pql_rule_types() -%}
with

registered as (
    {%- for rule_type, rule in rule_types.items() %}
        select
            '{{ rule_type }}' as rule_type,
            '{{ rule.description | replace("'", "''") }}' as description,
            '{{ rule.event_name }}' as event_name_use,
            {{ rule.reads_activity }} as is_activity_measure,
            {{ rule.is_account_wide }} as is_account_wide,
            {{ rule.cohort_feature is not none }} as is_derivable
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
)

select * from registered
