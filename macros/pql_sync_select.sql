{#-
    The body of a sync_ model, generated from the model's YAML so that a team renames a CRM field by
    editing YAML only (the enforced contract and the SQL stay in step). Each column of the model's YAML
    says in `config.meta`:
      pql_source   SQL expression over `prepared_cte` (the internal column it maps)
      pql_role     field (default), key (the External ID), change_hash, or changed_at
      max_length   text fields: truncated to the CRM limit (and tested, see test pql_fits_crm_limits)
      format       iso_datetime / iso_date: rendered as text in that format (HubSpot)
    change_hash is a hash of every field; changed_at is the `scored_at` of the run that last changed a
    field (kept from the previous run when the hash is unchanged), so unchanged rows stay byte-identical
    and a sync can select only what changed. The model is a table that reads its own previous version
    (when there is one and the run is not --full-refresh): on an embedded warehouse, rewriting every
    row is cheaper than deleting and re-inserting the third to half of them that change each day.
-#}
{% macro pql_sync_select(prepared_cte, scored_at_expression='scored_at') %}
    {#- At parse time the model's YAML columns are not attached yet: nothing to generate. -#}
    {%- if not execute -%}
        {{ return('parsing as (select 1 as parsing) select * from parsing') }}
    {%- endif -%}
    {%- set ns = namespace(key=none, hash=none, changed=none, fields=[]) -%}
    {%- for column in model.columns.values() -%}
        {%- set meta = column.get('config', {}).get('meta', {}) or column.get('meta', {}) -%}
        {%- set role = meta.get('pql_role', 'field') -%}
        {%- if role == 'tracking' -%}
            {#- pql_changed_at_ts: written by this macro itself -#}
        {%- elif role == 'change_hash' -%}
            {%- set ns.hash = column -%}
        {%- elif role == 'changed_at' -%}
            {%- set ns.changed = column -%}
        {%- else -%}
            {%- if role == 'key' -%}{%- set ns.key = column -%}{%- endif -%}
            {%- if 'pql_source' not in meta -%}
                {{ exceptions.raise_compiler_error("pql: column " ~ column.name ~ " of " ~ model.name ~ " needs config.meta.pql_source") }}
            {%- endif -%}
            {%- do ns.fields.append(column) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if ns.key is none or ns.hash is none or ns.changed is none -%}
        {{ exceptions.raise_compiler_error("pql: " ~ model.name ~ " needs one column each with pql_role key, change_hash and changed_at") }}
    {%- endif -%}
    {%- set field_names = [] -%}
    {%- for column in ns.fields %}{% do field_names.append(adapter.quote(column.name)) %}{% endfor -%}
    {%- set changed_meta = ns.changed.get('config', {}).get('meta', {}) or ns.changed.get('meta', {}) -%}
    {%- set key = adapter.quote(ns.key.name) %}
    {%- set previous_relation = none if flags.FULL_REFRESH else load_relation(this) %}

shaped as (
    select
        {%- for column in ns.fields %}
        {%- set meta = column.get('config', {}).get('meta', {}) or column.get('meta', {}) %}
        {{ pql_sync_value(meta['pql_source'], column.data_type, meta) }} as {{ adapter.quote(column.name) }},
        {%- endfor %}
        {{ scored_at_expression }} as pql_run_scored_at
    from {{ prepared_cte }}
),

hashed as (
    select
        shaped.*,
        {{ pql_surrogate_key(field_names) }} as pql_current_hash
    from shaped
),

{% if previous_relation is not none -%}
previous as (
    select
        {{ key }} as previous_key,
        {{ adapter.quote(ns.hash.name) }} as previous_hash,
        pql_changed_at_ts as previous_changed_at
    from {{ previous_relation }}
),
{%- endif %}

tracked as (
    select
        hashed.*,
        {% if previous_relation is not none -%}
        case
            when previous.previous_hash = hashed.pql_current_hash then previous.previous_changed_at
            else hashed.pql_run_scored_at
        end
        {%- else -%}
        hashed.pql_run_scored_at
        {%- endif %} as pql_changed_at_ts
    from hashed
    {%- if previous_relation is not none %}
    left join previous
        on hashed.{{ key }} = previous.previous_key
    {%- endif %}
),

final as (
    select
        {%- for name in field_names %}
        {{ name }},
        {%- endfor %}
        cast(pql_current_hash as {{ pql_engine_type(ns.hash.data_type) }}) as {{ adapter.quote(ns.hash.name) }},
        {{ pql_sync_value('pql_changed_at_ts', ns.changed.data_type, changed_meta) }} as {{ adapter.quote(ns.changed.name) }},
        pql_changed_at_ts
    from tracked
)

select * from final
{% endmacro %}
