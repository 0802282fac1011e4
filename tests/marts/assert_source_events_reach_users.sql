{{ config(severity='warn') }}
-- Loud when attribution fails: the share of kept events (up to the as-of day) that reach a user is
-- below var pql__min_attributed_share (default 0.5). A loader whose identity mapping attaches nothing
-- would otherwise be scored quietly on firmographics alone.
{%- set min_share = pql_var_number('pql__min_attributed_share') | float -%}
{%- if min_share > 1 -%}
    {{ exceptions.raise_compiler_error("pql: var pql__min_attributed_share must be a share between 0 and 1; got " ~ min_share) }}
{%- endif %}
with

health as (
    select * from {{ ref('pql_source_health') }}
    where user_event_count is not null
),

totals as (
    select
        event_source,
        sum(kept_event_count) as kept_event_count,
        sum(user_event_count) as user_event_count
    from health
    group by 1
)

select
    event_source,
    kept_event_count,
    user_event_count,
    cast(user_event_count as {{ dbt.type_float() }}) / kept_event_count as attributed_share,
    {{ min_share }} as min_attributed_share
from totals
where kept_event_count > 0 and cast(user_event_count as {{ dbt.type_float() }}) / kept_event_count < {{ min_share }}
