{#- What a rep opens with: per account the top three counted signals in words with the day each fired,
    and the champions (the most active users of the last 30 days, with email and title). -#}
{{ config(**pql_changed_rows_config('account_id', run_stamps=['as_of_date'])) }}
{%- set as_of = pql_as_of_date() -%}
with

accounts as (
    select account_id from {{ ref('int_accounts_enriched') }}
),

evaluated as (
    select * from {{ ref('int_signals_evaluated') }}
    where entity_type = 'account' and is_counted and points_awarded > 0
),

users as (
    select * from {{ ref('int_users_enriched') }}
),

activity as (
    select * from {{ ref('int_activity_attributed') }}
    where account_id is not null and activity_date > {{ dbt.dateadd('day', -30, as_of) }}
),

ranked_reasons as (
    select
        entity_id as account_id,
        description,
        signal_date,
        row_number() over (partition by entity_id order by points_awarded desc, signal_id asc) as reason_rank
    from evaluated
),

reasons as (
    select
        account_id,
        max(case when reason_rank = 1 then description end) as reason_1,
        max(case when reason_rank = 1 then signal_date end) as reason_1_on,
        max(case when reason_rank = 2 then description end) as reason_2,
        max(case when reason_rank = 2 then signal_date end) as reason_2_on,
        max(case when reason_rank = 3 then description end) as reason_3,
        max(case when reason_rank = 3 then signal_date end) as reason_3_on,
        {{ pql_listagg(
            measure=dbt.concat([
                'description',
                "coalesce(" ~ dbt.concat(["' (on '", 'cast(signal_date as ' ~ dbt.type_string() ~ ')', "')'"]) ~ ", '')",
            ]),
            delimiter_text="'; '",
            order_by_clause='order by reason_rank',
            limit_num=3
        ) }} as contextual_reasons
    from ranked_reasons
    group by 1
),

user_activity as (
    select
        account_id,
        user_id,
        sum(event_count) as events_30d
    from activity
    group by 1, 2
),

ranked_champions as (
    select
        user_activity.account_id,
        user_activity.user_id,
        user_activity.events_30d,
        users.email,
        users.job_title,
        row_number() over (
            partition by user_activity.account_id
            order by user_activity.events_30d desc, user_activity.user_id asc
        ) as champion_rank
    from user_activity
    inner join users
        on user_activity.user_id = users.user_id
),

{%- set champion_columns = [] -%}
{%- for rank in [1, 2, 3] -%}
    {%- for field, source in [
        ('user_id', 'user_id'), ('email', 'email'), ('title', 'job_title'), ('events_30d', 'events_30d')
    ] -%}
        {%- do champion_columns.append(
            'max(case when champion_rank = ' ~ rank ~ ' then ' ~ source ~ ' end) as champion_' ~ rank ~ '_' ~ field
        ) -%}
    {%- endfor -%}
{%- endfor %}

champions as (
    select
        account_id,
        {{ champion_columns | join(',\n        ') }}
    from ranked_champions
    group by 1
),

final as (
    select
        accounts.account_id,
        reasons.reason_1,
        reasons.reason_1_on,
        reasons.reason_2,
        reasons.reason_2_on,
        reasons.reason_3,
        reasons.reason_3_on,
        reasons.contextual_reasons,
        {%- for rank in [1, 2, 3] %}
            champions.champion_{{ rank }}_user_id,
            champions.champion_{{ rank }}_email,
            champions.champion_{{ rank }}_title,
            cast(champions.champion_{{ rank }}_events_30d as {{ dbt.type_int() }}) as champion_{{ rank }}_events_30d,
        {%- endfor %}
        {{ pql_as_of_date() }} as as_of_date
    from accounts
    left join reasons
        on accounts.account_id = reasons.account_id
    left join champions
        on accounts.account_id = champions.account_id
)

select * from final
