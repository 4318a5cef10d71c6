//! The timeline: one row per change to a record, written in the same transaction as the
//! change itself.

use serde_json::Value;
use sqlx::any::AnyRow;
use sqlx::{FromRow, Row};

use super::{Tx, now_millis};
use crate::crm::RecordKind;

/// One timeline entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Activity {
    pub id: i64,
    pub record_kind: String,
    pub record_id: i64,
    pub actor_user_id: Option<i64>,
    pub action: String,
    pub detail: Value,
    pub created_at: i64,
}

impl<'r> FromRow<'r, AnyRow> for Activity {
    fn from_row(row: &'r AnyRow) -> sqlx::Result<Self> {
        let detail: String = row.try_get("detail")?;
        Ok(Activity {
            id: row.try_get("id")?,
            record_kind: row.try_get("record_kind")?,
            record_id: row.try_get("record_id")?,
            actor_user_id: row.try_get("actor_user_id")?,
            action: row.try_get("action")?,
            detail: serde_json::from_str(&detail).unwrap_or(Value::Null),
            created_at: row.try_get("created_at")?,
        })
    }
}

/// Records that `actor` did `action` to a record; `detail` says what changed.
pub async fn record(
    tx: &mut Tx,
    workspace_id: i64,
    kind: RecordKind,
    record_id: i64,
    actor: Option<i64>,
    action: &str,
    detail: Value,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO activities (workspace_id, record_kind, record_id, actor_user_id, action, detail, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(workspace_id)
    .bind(kind.as_str())
    .bind(record_id)
    .bind(actor)
    .bind(action)
    .bind(detail.to_string())
    .bind(now_millis())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The timeline of one record, oldest first.
pub async fn for_record(
    tx: &mut Tx,
    workspace_id: i64,
    kind: RecordKind,
    record_id: i64,
) -> sqlx::Result<Vec<Activity>> {
    sqlx::query_as(
        "SELECT id, record_kind, record_id, actor_user_id, action, detail, created_at
         FROM activities WHERE workspace_id = $1 AND record_kind = $2 AND record_id = $3
         ORDER BY created_at, id",
    )
    .bind(workspace_id)
    .bind(kind.as_str())
    .bind(record_id)
    .fetch_all(&mut **tx)
    .await
}

/// Removes the timeline of a record that is being deleted (it holds the record's data).
pub async fn delete_for_record(
    tx: &mut Tx,
    workspace_id: i64,
    kind: RecordKind,
    record_id: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "DELETE FROM activities WHERE workspace_id = $1 AND record_kind = $2 AND record_id = $3",
    )
    .bind(workspace_id)
    .bind(kind.as_str())
    .bind(record_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
