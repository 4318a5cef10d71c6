//! Company rows: create, find by handle, id or name, list and search, link to contacts.

use super::records;
use super::statement::{self, args};
use super::{Tx, handles, search};
use crate::crm::duplicate;
use crate::crm::search_key::search_key;
use crate::crm::{Company, CompanyDraft, Phone, RecordKind, UserId, WorkspaceId};
use crate::store::Result;

records::from_columns!(Company, |row| {
    name: row.get("name")?,
    domain: row.get("domain")?,
    phone: row.map_opt("phone", Phone::from_stored)?,
});

fn key_of(draft: &CompanyDraft) -> String {
    search_key([
        draft.name.as_str(),
        draft.domain.as_deref().unwrap_or(""),
        draft.phone.as_ref().map_or("", Phone::as_str),
    ])
}

/// Creates a company with the next `O` handle of the workspace.
pub async fn insert(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    draft: &CompanyDraft,
    actor: Option<UserId>,
) -> Result<Company> {
    let handle_no = handles::next_number(tx, workspace_id, RecordKind::Company).await?;
    let now = tx.now_millis();
    let phone = draft.phone.as_ref().map(Phone::as_str);
    let (name, domain, key) = (&draft.name, &draft.domain, key_of(draft));
    let actor = actor.map(UserId::get);
    let values = args![
        workspace_id.get(),
        handle_no,
        name,
        domain,
        phone,
        key,
        actor,
        now
    ];
    statement::one(tx, INSERT, values).await
}

const INSERT: &str = "INSERT INTO companies (workspace_id, handle_no, name, domain, phone,
        search_key, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
     RETURNING id, workspace_id, handle_no, name, domain, phone";

records::lookups!(Company, crate::crm::CompanyId);

/// The company named exactly `name` (case-insensitive on the folded key), if any.
pub async fn by_name(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    name: &str,
) -> Result<Option<Company>> {
    statement::optional(tx, BY_NAME, args![workspace_id.get(), name.trim()]).await
}

const BY_NAME: &str = records::select!(
    companies,
    " AND LOWER(o.name) = LOWER($2)
      ORDER BY o.handle_no LIMIT 1"
);

/// Companies that may be the same as `draft`: the same domain, or a name whose folded form
/// starts the search key (filtered exactly by [`duplicate::best_company`]).
pub async fn likely_duplicates(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    draft: &CompanyDraft,
) -> Result<Vec<Company>> {
    let pattern = duplicate::name_prefix_pattern(&draft.name);
    let values = args![workspace_id.get(), draft.domain.as_deref(), pattern];
    statement::all(tx, LIKELY_DUPLICATES, values).await
}

const LIKELY_DUPLICATES: &str = records::select!(
    companies,
    " AND (o.domain = $2 OR o.search_key LIKE $3)
      ORDER BY o.handle_no LIMIT 200"
);

/// The company named `name`, created when the workspace has none by that name.
pub async fn find_or_create(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    name: &str,
    actor: Option<UserId>,
) -> Result<(Company, bool)> {
    if let Some(company) = by_name(tx, workspace_id, name).await? {
        return Ok((company, false));
    }
    let draft = CompanyDraft {
        name: name.trim().to_string(),
        ..CompanyDraft::default()
    };
    Ok((insert(tx, workspace_id, &draft, actor).await?, true))
}

search::searchable_page!(Company);
