//! Per-workspace handle numbers (`C1`, `C2`, …), handed out by one upsert per record.

use super::Tx;
use super::statement::{self, args};
use crate::crm::{RecordKind, WorkspaceId};
use crate::store::Result;

/// The next unused handle number of `kind` in `workspace_id`. Numbers are never reused,
/// even after a record is deleted, so an old `C3` in a chat never points at a new record.
pub async fn next_number(tx: &mut Tx, workspace_id: WorkspaceId, kind: RecordKind) -> Result<i64> {
    statement::value(tx, NEXT_NUMBER, args![workspace_id.get(), kind.as_str()]).await
}

const NEXT_NUMBER: &str =
    "INSERT INTO handle_counters (workspace_id, kind, last_no) VALUES ($1, $2, 1)
     ON CONFLICT (workspace_id, kind) DO UPDATE SET last_no = handle_counters.last_no + 1
     RETURNING last_no";
