//! The timeline: one row per change to a record, written in the same transaction as the
//! change itself.

use serde_json::Value;

use super::Tx;
use super::statement::{self, args};
use crate::crm::{RecordId, RecordKind, UserId, WorkspaceId};
use crate::store::Result;

/// One change to record on a timeline.
#[derive(Debug, Clone)]
pub struct Event<'a> {
    pub workspace_id: WorkspaceId,
    pub kind: RecordKind,
    pub record_id: RecordId,
    /// Who did it; `None` for the system.
    pub actor: Option<UserId>,
    pub action: &'a str,
    /// What changed, without message content beyond the record's own fields.
    pub detail: Value,
    /// When, in UTC milliseconds.
    pub at: i64,
}

/// Writes one timeline entry.
pub async fn record(tx: &mut Tx, event: &Event<'_>) -> Result<()> {
    let (kind, record_id) = (event.kind.as_str(), event.record_id.get());
    let (actor, detail) = (event.actor.map(UserId::get), event.detail.to_string());
    let values = args![
        event.workspace_id.get(),
        kind,
        record_id,
        actor,
        event.action,
        detail,
        event.at
    ];
    statement::run(tx, RECORD, values).await?;
    Ok(())
}

const RECORD: &str = "INSERT INTO activities (workspace_id, record_kind, record_id, actor_user_id,
        action, detail, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)";

/// Removes the timeline of a record that is being deleted (it holds the record's data).
pub async fn delete_for_record(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    kind: RecordKind,
    record_id: RecordId,
) -> Result<()> {
    super::records::on_record(tx, DELETE, workspace_id, kind, record_id).await?;
    Ok(())
}

const DELETE: &str =
    "DELETE FROM activities WHERE workspace_id = $1 AND record_kind = $2 AND record_id = $3";

/// One timeline line: what happened, who did it and when.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineEntry {
    pub action: String,
    pub detail: Value,
    pub actor_name: Option<String>,
    pub created_at: i64,
}

/// The latest `limit` entries of a record's timeline, oldest first, with actors' names.
pub async fn timeline(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    kind: RecordKind,
    record_id: RecordId,
    limit: i64,
) -> Result<Vec<TimelineEntry>> {
    let values = args![workspace_id.get(), kind.as_str(), record_id.get(), limit];
    let rows: Vec<(String, String, Option<String>, i64)> =
        statement::all(tx, TIMELINE, values).await?;
    Ok(rows
        .into_iter()
        .map(|(action, detail, actor_name, created_at)| TimelineEntry {
            action,
            detail: serde_json::from_str(&detail).unwrap_or(Value::Null),
            actor_name,
            created_at,
        })
        .collect())
}

const TIMELINE: &str = "SELECT action, detail, display_name, created_at FROM (
         SELECT a.id, a.action, a.detail, u.display_name, a.created_at
         FROM activities a LEFT JOIN users u ON u.id = a.actor_user_id
         WHERE a.workspace_id = $1 AND a.record_kind = $2 AND a.record_id = $3
         ORDER BY a.created_at DESC, a.id DESC LIMIT $4) latest
     ORDER BY created_at, id";
