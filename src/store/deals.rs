//! Deal rows: create, find, list by stage, move between stages, and the pipeline totals.

use sqlx::any::AnyRow;
use sqlx::{FromRow, Row};

use super::records::{self, deal_columns as columns};
use super::{Tx, handles};
use crate::crm::search_key::search_key;
use crate::crm::{
    CompanyId, ContactId, Deal, DealDraft, DealId, RecordKind, Stage, Status, UserId, WorkspaceId,
};
use crate::store::Result;

impl<'r> FromRow<'r, AnyRow> for Deal {
    fn from_row(row: &'r AnyRow) -> sqlx::Result<Self> {
        Ok(Deal {
            id: DealId::new(row.try_get("id")?),
            workspace_id: WorkspaceId::new(row.try_get("workspace_id")?),
            handle_no: row.try_get("handle_no")?,
            title: row.try_get("title")?,
            amount_minor: row.try_get("amount_minor")?,
            currency: row.try_get("currency")?,
            stage: stored(row, "stage", Stage::from_stored)?,
            status: stored(row, "status", Status::from_stored)?,
            expected_close: row.try_get("expected_close")?,
            contact_id: row
                .try_get::<Option<i64>, _>("contact_id")?
                .map(ContactId::new),
            company_id: row
                .try_get::<Option<i64>, _>("company_id")?
                .map(CompanyId::new),
        })
    }
}

/// Reads text column `column` through `decode`; a name that is not one of ours is a
/// decoding error naming the column and the value (the row is not guessed at).
fn stored<T>(row: &AnyRow, column: &str, decode: fn(&str) -> Option<T>) -> sqlx::Result<T> {
    let text: String = row.try_get(column)?;
    decode(&text).ok_or_else(|| unknown(column, &text))
}

fn unknown(column: &str, text: &str) -> sqlx::Error {
    sqlx::Error::ColumnDecode {
        index: column.to_string(),
        source: format!("unknown deal {column} {text:?}").into(),
    }
}

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
    Ok(sqlx::query_as(
        "INSERT INTO deals (workspace_id, handle_no, title, amount_minor, currency, stage, status,
                            expected_close, contact_id, company_id, owner_user_id, created_by,
                            search_key, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12, $13, $13)
         RETURNING id, workspace_id, handle_no, title, amount_minor, currency, stage, status,
                   expected_close, contact_id, company_id",
    )
    .bind(workspace_id.get())
    .bind(handle_no)
    .bind(&draft.title)
    .bind(draft.amount_minor)
    .bind(&draft.currency)
    .bind(stage.as_str())
    .bind(stage.status().as_str())
    .bind(&draft.expected_close)
    .bind(draft.contact_id.map(ContactId::get))
    .bind(draft.company_id.map(CompanyId::get))
    .bind(actor.get())
    .bind(search_key([draft.title.as_str()]))
    .bind(now)
    .fetch_one(&mut **tx)
    .await?)
}

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
    let stage_filter = stage.map(|s| s.as_str());
    let total: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM deals WHERE workspace_id = $1
           AND (($2 IS NULL AND status = 'open') OR stage = $2)",
    )
    .bind(workspace_id.get())
    .bind(stage_filter)
    .fetch_one(&mut **tx)
    .await?;
    let rows = sqlx::query_as(concat!(
        "SELECT ",
        columns!(),
        " FROM deals d WHERE d.workspace_id = $1
            AND (($2 IS NULL AND d.status = 'open') OR d.stage = $2)
          ORDER BY d.handle_no LIMIT $3 OFFSET $4"
    ))
    .bind(workspace_id.get())
    .bind(stage_filter)
    .bind(limit)
    .bind(offset)
    .fetch_all(&mut **tx)
    .await?;
    Ok((rows, total))
}

/// Deals linked to a contact or a company (for their cards and timelines).
pub async fn linked_to(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    contact_id: Option<ContactId>,
    company_id: Option<CompanyId>,
) -> Result<Vec<Deal>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        columns!(),
        " FROM deals d WHERE d.workspace_id = $1 AND (d.contact_id = $2 OR d.company_id = $3)
          ORDER BY d.handle_no LIMIT 20"
    ))
    .bind(workspace_id.get())
    .bind(contact_id.map(ContactId::get))
    .bind(company_id.map(CompanyId::get))
    .fetch_all(&mut **tx)
    .await?)
}

/// Moves a deal to `stage`; its status follows (won and lost close it).
pub async fn set_stage(tx: &mut Tx, deal: &Deal, stage: Stage) -> Result<()> {
    sqlx::query("UPDATE deals SET stage = $1, status = $2, updated_at = $3 WHERE id = $4 AND workspace_id = $5")
        .bind(stage.as_str())
        .bind(stage.status().as_str())
        .bind(tx.now_millis())
        .bind(deal.id.get())
        .bind(deal.workspace_id.get())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

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
    let rows: Vec<(String, Option<String>, i64, i64)> = sqlx::query_as(
        "SELECT stage, currency, COUNT(*), CAST(COALESCE(SUM(amount_minor), 0) AS BIGINT)
         FROM deals WHERE workspace_id = $1 GROUP BY stage, currency ORDER BY stage, currency",
    )
    .bind(workspace_id.get())
    .fetch_all(&mut **tx)
    .await?;
    rows.into_iter()
        .map(|(stage, currency, count, amount_minor)| {
            Ok(StageTotal {
                stage: Stage::from_stored(&stage).ok_or_else(|| unknown("stage", &stage))?,
                currency,
                count,
                amount_minor,
            })
        })
        .collect()
}
