{#-
    The body of both PostHog identity staging models (person_distinct_ids and a batch export's persons
    model), after their `source` CTE: each distinct id's current person. A distinct id is re-sent when
    it moves to another person (persons merge): the highest version is the current mapping (a tie
    keeps the first person id).
      version_column   the column (or typed null) with the mapping's version
      deleted_column   the column (or typed null) saying the mapping was deleted
-#}
{% macro pql_posthog_current_mappings(version_column, deleted_column) %}
renamed as (
    select
        ---------- ids
        {{ pql_clean_id('distinct_id') }} as distinct_id,
        {{ pql_clean_id('person_id') }} as person_id,
        ---------- numerics
        {{ pql_safe_cast(version_column, dbt.type_bigint()) }} as mapping_version,
        ---------- booleans
        coalesce(
            lower(cast({{ deleted_column }} as {{ dbt.type_string() }}))
            in ('true', '1', 't'),
            false
        ) as is_deleted
    from source
),

ranked as (
    select
        renamed.*,
        row_number() over (
            partition by renamed.distinct_id
            order by coalesce(renamed.mapping_version, -1) desc, renamed.person_id
        ) as version_rank
    from renamed
    where renamed.distinct_id is not null and renamed.person_id is not null
)

select
    distinct_id,
    person_id,
    mapping_version,
    is_deleted
from ranked
where version_rank = 1
{% endmacro %}
