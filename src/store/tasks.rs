//! Task rows: create, list by due window, complete, and claim the ones whose reminder is due
//! (on PostgreSQL with `FOR UPDATE SKIP LOCKED`, so several instances never remind twice).

use sqlx::any::AnyRow;
use sqlx::{FromRow, Row};

use super::records::{self, task_columns as columns};
use super::{Backend, Tx, handles};
use crate::crm::{RecordId, RecordKind, Task, TaskId, UserId, WorkspaceId};
use crate::store::Result;

impl<'r> FromRow<'r, AnyRow> for Task {
    fn from_row(row: &'r AnyRow) -> sqlx::Result<Self> {
        let done: i64 = row.try_get("done")?;
        Ok(Task {
            id: TaskId::new(row.try_get("id")?),
            workspace_id: WorkspaceId::new(row.try_get("workspace_id")?),
            handle_no: row.try_get("handle_no")?,
            body: row.try_get("body")?,
            record_kind: row.try_get("record_kind")?,
            record_id: row
                .try_get::<Option<i64>, _>("record_id")?
                .map(RecordId::new),
            due_at: row.try_get("due_at")?,
            assignee_user_id: row
                .try_get::<Option<i64>, _>("assignee_user_id")?
                .map(UserId::new),
            done: done != 0,
        })
    }
}

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
    Ok(sqlx::query_as(concat!(
        "INSERT INTO tasks (workspace_id, handle_no, body, record_kind, record_id, due_at,
                            assignee_user_id, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
         RETURNING ",
        columns!()
    ))
    .bind(workspace_id.get())
    .bind(handle_no)
    .bind(task.body)
    .bind(task.record.map(|(kind, _)| kind.as_str()))
    .bind(task.record.map(|(_, id)| id.get()))
    .bind(task.due_at)
    .bind(task.assignee.get())
    .bind(actor.get())
    .bind(now)
    .fetch_one(&mut **tx)
    .await?)
}

records::lookups!(Task, crate::crm::TaskId);

/// The task with id `id` in any workspace `user_id` belongs to (a reminder's Done button
/// works whichever workspace is current).
pub async fn by_id_for_member(tx: &mut Tx, user_id: UserId, id: TaskId) -> Result<Option<Task>> {
    Ok(sqlx::query_as(
        "SELECT t.id, t.workspace_id, t.handle_no, t.body, t.record_kind, t.record_id, t.due_at,
                t.assignee_user_id, t.done
         FROM tasks t JOIN memberships m ON m.workspace_id = t.workspace_id AND m.user_id = $1
         WHERE t.id = $2",
    )
    .bind(user_id.get())
    .bind(id.get())
    .fetch_optional(&mut **tx)
    .await?)
}

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
    let total: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM tasks WHERE workspace_id = $1 AND assignee_user_id = $2 AND done = 0
           AND ($3 IS NULL OR due_at >= $3) AND ($4 IS NULL OR due_at < $4)",
    )
    .bind(workspace_id.get())
    .bind(assignee.get())
    .bind(from)
    .bind(to)
    .fetch_one(&mut **tx)
    .await?;
    let rows = sqlx::query_as(concat!(
        "SELECT ",
        columns!(),
        " FROM tasks WHERE workspace_id = $1 AND assignee_user_id = $2 AND done = 0
            AND ($3 IS NULL OR due_at >= $3) AND ($4 IS NULL OR due_at < $4)
          ORDER BY CASE WHEN due_at IS NULL THEN 1 ELSE 0 END, due_at, handle_no
          LIMIT $5 OFFSET $6"
    ))
    .bind(workspace_id.get())
    .bind(assignee.get())
    .bind(from)
    .bind(to)
    .bind(limit)
    .bind(offset)
    .fetch_all(&mut **tx)
    .await?;
    Ok((rows, total))
}

/// Marks a task done; `false` when it already was.
pub async fn complete(tx: &mut Tx, task: &Task) -> Result<bool> {
    let result = sqlx::query(
        "UPDATE tasks SET done = 1, done_at = $1, updated_at = $1 WHERE id = $2 AND workspace_id = $3 AND done = 0",
    )
    .bind(tx.now_millis())
    .bind(task.id.get())
    .bind(task.workspace_id.get())
    .execute(&mut **tx)
    .await?;
    Ok(result.rows_affected() == 1)
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
        Backend::Sqlite => concat!(
            "UPDATE tasks SET reminded_at = $1
             WHERE id IN (SELECT id FROM tasks
                          WHERE done = 0 AND reminded_at IS NULL AND due_at IS NOT NULL AND due_at <= $1
                          ORDER BY due_at LIMIT $2)
             RETURNING ",
            columns!()
        ),
        Backend::Postgres => concat!(
            "UPDATE tasks SET reminded_at = $1
             WHERE id IN (SELECT id FROM tasks
                          WHERE done = 0 AND reminded_at IS NULL AND due_at IS NOT NULL AND due_at <= $1
                          ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED)
             RETURNING ",
            columns!()
        ),
    };
    Ok(sqlx::query_as(sql)
        .bind(now)
        .bind(limit)
        .fetch_all(&mut **tx)
        .await?)
}

/// Users with open dated tasks due before `before` (digest candidates):
/// (user id, time zone, locale, the local date of their last digest).
pub async fn digest_candidates(
    tx: &mut Tx,
    before: i64,
) -> Result<Vec<(UserId, String, String, Option<String>)>> {
    let rows: Vec<(i64, String, String, Option<String>)> = sqlx::query_as(
        "SELECT u.id, u.time_zone, u.locale, u.digest_sent_on FROM users u
         WHERE EXISTS (SELECT 1 FROM tasks t WHERE t.assignee_user_id = u.id AND t.done = 0
                       AND t.due_at IS NOT NULL AND t.due_at < $1)
         ORDER BY u.id",
    )
    .bind(before)
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, zone, locale, sent_on)| (UserId::new(id), zone, locale, sent_on))
        .collect())
}

/// Open tasks of `assignee` in any workspace due before `before`, soonest first.
pub async fn open_due_before(tx: &mut Tx, assignee: UserId, before: i64) -> Result<Vec<Task>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        columns!(),
        " FROM tasks WHERE assignee_user_id = $1 AND done = 0 AND due_at IS NOT NULL AND due_at < $2
          ORDER BY due_at, handle_no LIMIT 30"
    ))
    .bind(assignee.get())
    .bind(before)
    .fetch_all(&mut **tx)
    .await?)
}
