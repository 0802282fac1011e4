{#- A number from a hash of the column expressions `fields` (a decimal(38, 0) of up to 64 bits), for
    order-free fingerprints of a set of rows: sum(pql_hash_number(...)) over a group changes when a
    row of the group is added, removed or changed (pql_measures_state). -#}
{% macro pql_hash_number(fields) %}
    {{- return(adapter.dispatch('pql_hash_number', 'pql')(fields)) -}}
{% endmacro %}

{% macro default__pql_hash_number(fields) %}
    cast(hash({{ fields | join(', ') }}) as decimal(38, 0))
{% endmacro %}

{% macro postgres__pql_hash_number(fields) %}
    cast(cast(cast('x' || substr({{ pql_surrogate_key(fields) }}, 1, 15) as bit(60)) as bigint) as numeric(38, 0))
{% endmacro %}

{% macro spark__pql_hash_number(fields) %}
    cast(xxhash64({{ fields | join(', ') }}) as decimal(38, 0))
{% endmacro %}
