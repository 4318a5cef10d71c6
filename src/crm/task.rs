//! Tasks (`T` handles) and notes (`N` handles): follow-ups with a due time and an assignee,
//! and free text attached to any record.

use super::handle::{Handle, RecordKind};
use super::ids::{NoteId, RecordId, TaskId, UserId, WorkspaceId};

/// A stored task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    pub id: TaskId,
    pub workspace_id: WorkspaceId,
    pub handle_no: i64,
    pub body: String,
    pub record_kind: Option<String>,
    pub record_id: Option<RecordId>,
    /// UTC milliseconds.
    pub due_at: Option<i64>,
    pub assignee_user_id: Option<UserId>,
    pub done: bool,
}

impl Task {
    pub fn handle(&self) -> Handle {
        Handle::new(RecordKind::Task, self.handle_no)
    }
}

/// A stored note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub id: NoteId,
    pub workspace_id: WorkspaceId,
    pub handle_no: i64,
    pub record_kind: String,
    pub record_id: RecordId,
    pub body: String,
    pub author_user_id: Option<UserId>,
    pub created_at: i64,
}

impl Note {
    pub fn handle(&self) -> Handle {
        Handle::new(RecordKind::Note, self.handle_no)
    }
}

/// Longest note or task text we keep, in characters (a Telegram message is 4,096).
pub const MAX_BODY_CHARS: usize = 3000;
