//! Deal rows: create, find, list by stage, move between stages, and the pipeline totals.

use super::records;
use super::statement::{self, args};
use super::{Tx, handles};
use crate::crm::search_key::search_key;
use crate::crm::{
    CompanyId, ContactId, Deal, DealDraft, RecordKind, Stage, Status, UserId, WorkspaceId,
};
use crate::store::Result;

records::from_columns!(Deal, |row| {
    title: row.get("title")?,
    amount_minor: row.get("amount_minor")?,
    currency: row.get("currency")?,
    stage: row.named("stage", "deal stage", Stage::from_stored)?,
    status: row.named("status", "deal status", Status::from_stored)?,
    expected_close: row.get("expected_close")?,
    contact_id: row.map_opt("contact_id", ContactId::new)?,
    company_id: row.map_opt("company_id", CompanyId::new)?,
});

/// Creates a deal in the first stage with the next `D` handle.
pub async fn insert(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    draft: &DealDraft,
    actor: UserId,
) -> Result<Deal> {
    let handle_no = handles::next_number(tx, workspace_id, RecordKind::Deal).await?;
    let now = tx.now_millis();
    let stage = Stage::Lead;
    let (stage, status) = (stage.as_str(), stage.status().as_str());
    let contact_id = draft.contact_id.map(ContactId::get);
    let company_id = draft.company_id.map(CompanyId::get);
    let key = search_key([draft.title.as_str()]);
    let values = args![
        workspace_id.get(),
        handle_no,
        &draft.title,
        draft.amount_minor,
        &draft.currency,
        stage,
        status,
        &draft.expected_close,
        contact_id,
        company_id,
        actor.get(),
        key,
        now
    ];
    statement::one(tx, INSERT, values).await
}

const INSERT: &str = "INSERT INTO deals (workspace_id, handle_no, title, amount_minor, currency,
        stage, status, expected_close, contact_id, company_id, owner_user_id, created_by,
        search_key, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12, $13, $13)
     RETURNING id, workspace_id, handle_no, title, amount_minor, currency, stage, status,
               expected_close, contact_id, company_id";

records::lookups!(Deal, crate::crm::DealId);

/// One page of deals: in `stage` when given, else all open deals; newest handle last.
pub async fn page(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    stage: Option<Stage>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Deal>, i64)> {
    // With no stage: open deals ('open' status); with a stage: that stage only.
    let stage = stage.map(|s| s.as_str());
    let total = statement::value(tx, COUNT, args![workspace_id.get(), stage]).await?;
    let values = args![workspace_id.get(), stage, limit, offset];
    let rows = statement::all(tx, PAGE, values).await?;
    Ok((rows, total))
}

const COUNT: &str = "SELECT COUNT(*) FROM deals WHERE workspace_id = $1
       AND (($2 IS NULL AND status = 'open') OR stage = $2)";

const PAGE: &str = records::select!(
    deals,
    " AND (($2 IS NULL AND d.status = 'open') OR d.stage = $2)
      ORDER BY d.handle_no LIMIT $3 OFFSET $4"
);

/// Deals linked to a contact or a company (for their cards and timelines).
pub async fn linked_to(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    contact_id: Option<ContactId>,
    company_id: Option<CompanyId>,
) -> Result<Vec<Deal>> {
    let contact_id = contact_id.map(ContactId::get);
    let company_id = company_id.map(CompanyId::get);
    let values = args![workspace_id.get(), contact_id, company_id];
    statement::all(tx, LINKED_TO, values).await
}

const LINKED_TO: &str = records::select!(
    deals,
    " AND (d.contact_id = $2 OR d.company_id = $3)
      ORDER BY d.handle_no LIMIT 20"
);

/// Moves a deal to `stage`; its status follows (won and lost close it).
pub async fn set_stage(tx: &mut Tx, deal: &Deal, stage: Stage) -> Result<()> {
    let (stage, status) = (stage.as_str(), stage.status().as_str());
    let (now, id, workspace_id) = (tx.now_millis(), deal.id.get(), deal.workspace_id.get());
    let values = args![stage, status, now, id, workspace_id];
    statement::run(tx, SET_STAGE, values).await?;
    Ok(())
}

const SET_STAGE: &str = "UPDATE deals SET stage = $1, status = $2, updated_at = $3
     WHERE id = $4 AND workspace_id = $5";

/// One line of the pipeline: deals in a stage with one currency (or none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageTotal {
    pub stage: Stage,
    pub currency: Option<String>,
    pub count: i64,
    pub amount_minor: i64,
}

/// Count and exact sum per stage and currency.
pub async fn pipeline(tx: &mut Tx, workspace_id: WorkspaceId) -> Result<Vec<StageTotal>> {
    let rows: Vec<(String, Option<String>, i64, i64)> =
        statement::all(tx, PIPELINE, args![workspace_id.get()]).await?;
    rows.into_iter()
        .map(|(stage, currency, count, amount_minor)| {
            Ok(StageTotal {
                stage: Stage::from_stored(&stage)
                    .ok_or_else(|| records::unknown("stage", "deal stage", &stage))?,
                currency,
                count,
                amount_minor,
            })
        })
        .collect()
}

const PIPELINE: &str =
    "SELECT stage, currency, COUNT(*), CAST(COALESCE(SUM(amount_minor), 0) AS BIGINT)
     FROM deals WHERE workspace_id = $1 GROUP BY stage, currency ORDER BY stage, currency";
