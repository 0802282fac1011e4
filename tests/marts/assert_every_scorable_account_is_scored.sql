-- Nothing is lost between the facts and the mart: every account in dim_accounts has a pql_accounts row.
select dim_accounts.account_id
from {{ ref('dim_accounts') }} as dim_accounts
left join {{ ref('pql_accounts') }} as pql_accounts
    on dim_accounts.account_id = pql_accounts.account_id
where pql_accounts.account_id is null
