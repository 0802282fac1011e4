with

source as (
    select * from {{ source('generic', 'users') }}
),

renamed as (
    select
        ---------- ids
        {{ pql_clean_id('user_id') }} as user_id,
        {{ pql_clean_id('account_id') }} as account_id,
        ---------- strings
        nullif(lower({{ pql_trim_spaces('cast(email as ' ~ dbt.type_string() ~ ')') }}), '') as email,
        nullif({{ pql_trim_spaces('cast(job_title as ' ~ dbt.type_string() ~ ')') }}, '') as job_title,
        ---------- timestamps
        {{ pql_safe_cast('created_at', dbt.type_timestamp()) }} as created_at
    from source
),

flagged as (
    select
        renamed.*,
        row_number() over (
            partition by renamed.user_id
            order by renamed.created_at, renamed.email
        ) as delivery_rank
    from renamed
)

select
    user_id,
    account_id,
    email,
    job_title,
    created_at,
    case
        when user_id is null then 'missing_user_id'
        when created_at is null then 'missing_created_at'
        when created_at > {{ pql_run_started_at() }} then 'future_timestamp'
        when delivery_rank > 1 then 'duplicate_user_id'
    end as rejection_reason
from flagged
