with

source as (
    select * from {{ source('generic', 'subscriptions') }}
),

renamed as (
    select
        ---------- ids
        {{ pql_clean_id('subscription_id') }} as subscription_id,
        {{ pql_clean_id('account_id') }} as account_id,
        ---------- strings
        lower({{ pql_trim_spaces('cast(plan as ' ~ dbt.type_string() ~ ')') }}) as plan_name,
        lower({{ pql_trim_spaces('cast(status as ' ~ dbt.type_string() ~ ')') }}) as subscription_status,
        ---------- numerics
        {{ pql_safe_cast('arr', dbt.type_numeric()) }} as arr,
        ---------- timestamps
        {{ pql_safe_cast('started_at', dbt.type_timestamp()) }} as started_at,
        {{ pql_safe_cast('ended_at', dbt.type_timestamp()) }} as ended_at
    from source
),

flagged as (
    select
        renamed.*,
        row_number() over (
            partition by renamed.subscription_id
            order by renamed.started_at
        ) as delivery_rank
    from renamed
)

select
    subscription_id,
    account_id,
    plan_name,
    subscription_status,
    arr,
    started_at,
    ended_at,
    case
        when subscription_id is null then 'missing_subscription_id'
        when account_id is null then 'missing_account_id'
        when started_at is null then 'missing_started_at'
        when started_at > {{ pql_run_started_at() }} then 'future_timestamp'
        when ended_at < started_at then 'ends_before_start'
        when delivery_rank > 1 then 'duplicate_subscription_id'
    end as rejection_reason
from flagged
