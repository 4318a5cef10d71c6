//! Task rows: create, list by due window, complete, and claim the ones whose reminder is due
//! (on PostgreSQL with `FOR UPDATE SKIP LOCKED`, so several instances never remind twice).

use super::records::{self, task_columns as columns};
use super::statement::{self, args};
use super::{Backend, Tx, handles};
use crate::crm::{RecordId, RecordKind, Task, TaskId, UserId, WorkspaceId};
use crate::store::Result;

records::from_columns!(Task, |row| {
    body: row.get("body")?,
    record_kind: row.get("record_kind")?,
    record_id: row.map_opt("record_id", RecordId::new)?,
    due_at: row.get("due_at")?,
    assignee_user_id: row.map_opt("assignee_user_id", UserId::new)?,
    done: row.get::<i64>("done")? != 0,
});

/// What a new task is about and when it is due.
#[derive(Debug, Clone)]
pub struct NewTask<'a> {
    pub body: &'a str,
    pub record: Option<(RecordKind, RecordId)>,
    pub due_at: Option<i64>,
    pub assignee: UserId,
}

pub async fn insert(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    task: &NewTask<'_>,
    actor: UserId,
) -> Result<Task> {
    let handle_no = handles::next_number(tx, workspace_id, RecordKind::Task).await?;
    let now = tx.now_millis();
    let kind = task.record.map(|(kind, _)| kind.as_str());
    let record_id = task.record.map(|(_, id)| id.get());
    let values = args![
        workspace_id.get(),
        handle_no,
        task.body,
        kind,
        record_id,
        task.due_at,
        task.assignee.get(),
        actor.get(),
        now
    ];
    statement::one(tx, INSERT, values).await
}

const INSERT: &str = concat!(
    "INSERT INTO tasks (workspace_id, handle_no, body, record_kind, record_id, due_at,
        assignee_user_id, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
     RETURNING ",
    columns!()
);

records::lookups!(Task, crate::crm::TaskId);

/// The task with id `id` in any workspace `user_id` belongs to (a reminder's Done button
/// works whichever workspace is current).
pub async fn by_id_for_member(tx: &mut Tx, user_id: UserId, id: TaskId) -> Result<Option<Task>> {
    statement::optional(tx, BY_ID_FOR_MEMBER, args![user_id.get(), id.get()]).await
}

const BY_ID_FOR_MEMBER: &str = "SELECT t.id, t.workspace_id, t.handle_no, t.body, t.record_kind,
        t.record_id, t.due_at, t.assignee_user_id, t.done
     FROM tasks t JOIN memberships m ON m.workspace_id = t.workspace_id AND m.user_id = $1
     WHERE t.id = $2";

/// Open tasks of `assignee` in the workspace due in `[from, to)` (either bound optional),
/// soonest first, undated last; one page with the total.
pub async fn open_page(
    tx: &mut Tx,
    workspace_id: WorkspaceId,
    assignee: UserId,
    from: Option<i64>,
    to: Option<i64>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Task>, i64)> {
    let open_in_window = || args![workspace_id.get(), assignee.get(), from, to];
    let total = statement::value(tx, OPEN_COUNT, open_in_window()).await?;
    let values = open_in_window().push(limit).push(offset);
    let rows = statement::all(tx, OPEN_PAGE, values).await?;
    Ok((rows, total))
}

/// The open tasks of `$2` in workspace `$1` due in `[$3, $4)`.
macro_rules! open_in_window {
    () => {
        " FROM tasks WHERE workspace_id = $1 AND assignee_user_id = $2 AND done = 0
            AND ($3 IS NULL OR due_at >= $3) AND ($4 IS NULL OR due_at < $4)"
    };
}

const OPEN_COUNT: &str = concat!("SELECT COUNT(*)", open_in_window!());

const OPEN_PAGE: &str = concat!(
    "SELECT ",
    columns!(),
    open_in_window!(),
    " ORDER BY CASE WHEN due_at IS NULL THEN 1 ELSE 0 END, due_at, handle_no
      LIMIT $5 OFFSET $6"
);

/// Marks a task done; `false` when it already was.
pub async fn complete(tx: &mut Tx, task: &Task) -> Result<bool> {
    let (now, id, workspace_id) = (tx.now_millis(), task.id.get(), task.workspace_id.get());
    Ok(statement::run(tx, COMPLETE, args![now, id, workspace_id]).await? == 1)
}

const COMPLETE: &str = "UPDATE tasks SET done = 1, done_at = $1, updated_at = $1
     WHERE id = $2 AND workspace_id = $3 AND done = 0";

/// Marks reminded (`$1` the time) up to `$2` open tasks due by then and not reminded yet,
/// returning them; `$lock` ends the choosing subquery.
macro_rules! claim_due {
    ($lock:literal) => {
        concat!(
            "UPDATE tasks SET reminded_at = $1
             WHERE id IN (SELECT id FROM tasks
                          WHERE done = 0 AND reminded_at IS NULL AND due_at IS NOT NULL AND due_at <= $1
                          ORDER BY due_at LIMIT $2",
            $lock,
            ") RETURNING ",
            columns!()
        )
    };
}

/// Claims up to `limit` open tasks due at or before `now` that were not reminded yet, and
/// marks them reminded in the same statement.
pub async fn claim_due_reminders(
    tx: &mut Tx,
    backend: Backend,
    now: i64,
    limit: i64,
) -> Result<Vec<Task>> {
    let sql = match backend {
        Backend::Sqlite => claim_due!(""),
        Backend::Postgres => claim_due!(" FOR UPDATE SKIP LOCKED"),
    };
    statement::all(tx, sql, args![now, limit]).await
}

/// Users with open dated tasks due before `before` (digest candidates):
/// (user id, time zone, locale, the local date of their last digest).
pub async fn digest_candidates(
    tx: &mut Tx,
    before: i64,
) -> Result<Vec<(UserId, String, String, Option<String>)>> {
    let rows: Vec<(i64, String, String, Option<String>)> =
        statement::all(tx, DIGEST_CANDIDATES, args![before]).await?;
    Ok(rows
        .into_iter()
        .map(|(id, zone, locale, sent_on)| (UserId::new(id), zone, locale, sent_on))
        .collect())
}

const DIGEST_CANDIDATES: &str = "SELECT u.id, u.time_zone, u.locale, u.digest_sent_on FROM users u
     WHERE EXISTS (SELECT 1 FROM tasks t WHERE t.assignee_user_id = u.id AND t.done = 0
                   AND t.due_at IS NOT NULL AND t.due_at < $1)
     ORDER BY u.id";

/// Open tasks of `assignee` in any workspace due before `before`, soonest first.
pub async fn open_due_before(tx: &mut Tx, assignee: UserId, before: i64) -> Result<Vec<Task>> {
    statement::all(tx, OPEN_DUE_BEFORE, args![assignee.get(), before]).await
}

const OPEN_DUE_BEFORE: &str = concat!(
    "SELECT ",
    columns!(),
    " FROM tasks WHERE assignee_user_id = $1 AND done = 0 AND due_at IS NOT NULL AND due_at < $2
      ORDER BY due_at, handle_no LIMIT 30"
);
