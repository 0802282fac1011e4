with

source as (
    select * from {{ source('generic', 'accounts') }}
),

renamed as (
    select
        ---------- ids
        {{ pql_clean_id('account_id') }} as account_id,
        ---------- strings
        {{ pql_trim_spaces('cast(account_name as ' ~ dbt.type_string() ~ ')') }} as account_name,
        nullif(lower({{ pql_trim_spaces('cast(domain as ' ~ dbt.type_string() ~ ')') }}), '') as domain,
        nullif(lower({{ pql_trim_spaces('cast(industry as ' ~ dbt.type_string() ~ ')') }}), '') as industry,
        nullif(upper({{ pql_trim_spaces('cast(country as ' ~ dbt.type_string() ~ ')') }}), '') as country,
        ---------- numerics
        {{ pql_safe_cast('employee_count', dbt.type_int()) }} as employee_count,
        ---------- timestamps
        {{ pql_safe_cast('created_at', dbt.type_timestamp()) }} as created_at
    from source
),

flagged as (
    select
        renamed.*,
        row_number() over (
            partition by renamed.account_id
            order by renamed.created_at, renamed.account_name
        ) as delivery_rank
    from renamed
)

select
    account_id,
    account_name,
    domain,
    industry,
    country,
    employee_count,
    created_at,
    case
        when account_id is null then 'missing_account_id'
        when created_at is null then 'missing_created_at'
        when created_at > {{ pql_run_started_at() }} then 'future_timestamp'
        when delivery_rank > 1 then 'duplicate_account_id'
    end as rejection_reason
from flagged
