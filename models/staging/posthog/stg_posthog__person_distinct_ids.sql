{%- set columns = pql_source_columns(source('posthog', 'person_distinct_ids')) -%}
{%- do pql_require_columns(columns, ['distinct_id', 'person_id'], "source posthog.person_distinct_ids") -%}
with

source as (
    select * from {{ source('posthog', 'person_distinct_ids') }}
),

renamed as (
    select
        ---------- ids
        {{ pql_clean_id('distinct_id') }} as distinct_id,
        {{ pql_clean_id('person_id') }} as person_id
    from source
)

select *
from renamed
where distinct_id is not null and person_id is not null
