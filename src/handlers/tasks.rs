//! Tasks: /task [C1] text [when], /tasks [today|overdue|week|all], /done T1 and the Done
//! button on reminders. Due times are read and shown in the user's time zone.

use chrono::{Days, NaiveTime, TimeZone};
use serde_json::json;

use super::handles::{bad_handle_message, leading_handle, not_found};
use super::lists::{Fetched, Page, RecordList, Window};
use super::new_records::log_created;
use super::parse_env::ParseEnv;
use super::records::find;
use super::render::task_line;
use super::{Ctx, Replies};
use crate::crm::when::{When, split_trailing_when};
use crate::crm::{Handle, RecordKind, Task, TaskId};
use crate::i18n::{fold, is_word};
use crate::message::{Choice, Reply};
use crate::router::Button;
use crate::router::button::ListKind;
use crate::store::search::Total;
use crate::store::tasks::{self, NewTask};
use crate::tr;

const TASK_TARGETS: [RecordKind; 3] = [RecordKind::Contact, RecordKind::Company, RecordKind::Deal];

/// The arguments of `/task [C1] text [when]`: the record it is about, its text and when it
/// is due (read in the user's time zone and language).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskArgs {
    pub record: Option<Handle>,
    pub body: String,
    pub due: Option<When>,
}

impl TaskArgs {
    pub fn parse(args: &str, env: &ParseEnv) -> Result<TaskArgs, String> {
        let (record, rest) = leading_handle(args, &TASK_TARGETS);
        let (body, due) = split_trailing_when(rest, env.now, env.tz, env.date_order());
        let body = env.body(&body, "usage-task")?;
        Ok(TaskArgs { record, body, due })
    }
}

pub async fn task(ctx: &mut Ctx<'_>, args: TaskArgs) -> Replies {
    let (handle, body, when) = (args.record, args.body.as_str(), args.due);
    let record = match handle {
        Some(handle) => match find(ctx, handle).await? {
            Some(found) => Some((handle, found)),
            None => return ctx.say(not_found(ctx, handle)),
        },
        None => None,
    };
    let ws = ctx.actor.workspace_id;
    let new = NewTask {
        body,
        record: record.as_ref().map(|(h, f)| (h.kind, f.id)),
        due_at: when.map(|w| w.at.timestamp_millis()),
        assignee: ctx.actor.user_id,
    };
    let task = tasks::insert(ctx.tx, ws, &new, ctx.actor.user_id).await?;
    let handle_text = task.handle().to_string();
    log_created(ctx, RecordKind::Task, task.id, &handle_text).await?;
    if let Some((handle, found)) = &record {
        ctx.log(
            handle.kind,
            found.id,
            "task",
            json!({ "task": handle_text }),
        )
        .await?;
    }
    let mut text = tr!(
        ctx.actor.locale,
        "task-created",
        line = task_line(ctx, &task)
    );
    if let Some((_, found)) = &record {
        text.push_str(&format!("\n↳ {}", found.line));
    }
    if task.due_at.is_none() {
        text.push('\n');
        text.push_str(&ctx.t("task-no-due-hint"));
    }
    Ok(vec![
        Reply::text(text).with_choices(vec![done_choice(ctx, &task)]),
    ])
}

/// The "Done" button of a task.
pub fn done_choice(ctx: &Ctx<'_>, task: &Task) -> Choice {
    Choice::new(
        ctx.t("choice-done"),
        Button::DoneTask { task_id: task.id }.encode(),
    )
}

/// The time windows of /tasks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TaskWindow {
    All,
    Today,
    Overdue,
    Week,
}

impl TaskWindow {
    /// The window a word of any shipped language names (`words-task-*` in the locale
    /// files); nothing typed is every task.
    fn parse(input: &str) -> Option<TaskWindow> {
        let word = fold(input);
        if word.is_empty() {
            return Some(TaskWindow::All);
        }
        [
            TaskWindow::All,
            TaskWindow::Today,
            TaskWindow::Overdue,
            TaskWindow::Week,
        ]
        .into_iter()
        .find(|window| is_word(&word, &format!("words-task-{}", window.code())))
    }

    fn code(self) -> &'static str {
        match self {
            TaskWindow::All => "all",
            TaskWindow::Today => "today",
            TaskWindow::Overdue => "overdue",
            TaskWindow::Week => "week",
        }
    }
}

/// Start of the user's local day `days` from today, in UTC milliseconds.
fn local_day_start(ctx: &Ctx<'_>, days: u64) -> i64 {
    let today = ctx.now.with_timezone(&ctx.tz).date_naive();
    let day = today.checked_add_days(Days::new(days)).unwrap_or(today);
    ctx.tz
        .from_local_datetime(&day.and_time(NaiveTime::MIN))
        .earliest()
        .map_or(ctx.now_millis(), |at| at.timestamp_millis())
}

/// /tasks: the actor's open tasks due in a time window.
pub struct TaskList;

impl RecordList for TaskList {
    fn kind(&self) -> ListKind {
        ListKind::Tasks
    }

    async fn page(&self, ctx: &mut Ctx<'_>, window_text: &str, at: Window) -> Fetched {
        let Some(which) = TaskWindow::parse(window_text) else {
            return Ok(Page::Say(ctx.t("usage-tasks")));
        };
        let (from, to) = match which {
            TaskWindow::All => (None, None),
            TaskWindow::Today => (Some(local_day_start(ctx, 0)), Some(local_day_start(ctx, 1))),
            TaskWindow::Overdue => (None, Some(ctx.now_millis())),
            TaskWindow::Week => (None, Some(local_day_start(ctx, 7))),
        };
        let (ws, me) = (ctx.actor.workspace_id, ctx.actor.user_id);
        let (rows, count) = tasks::open_page(ctx.tx, ws, me, from, to, at.size, at.offset).await?;
        if count == 0 {
            return Ok(Page::Say(ctx.t(&format!("tasks-none-{}", which.code()))));
        }
        Ok(Page::Rows {
            total: Total::exact(count),
            header: tr!(ctx.actor.locale, "tasks-header", count = count),
            lines: rows.iter().map(|t| task_line(ctx, t)).collect(),
            arg: which.code().to_string(),
        })
    }
}

pub async fn done(ctx: &mut Ctx<'_>, input: &str) -> Replies {
    let Some(handle) = Handle::parse(input).filter(|h| h.kind == RecordKind::Task) else {
        return ctx.say(bad_handle_message(ctx, input, "usage-done"));
    };
    match tasks::by_handle(ctx.tx, ctx.actor.workspace_id, handle.number).await? {
        Some(task) => complete(ctx, task).await,
        None => ctx.say(not_found(ctx, handle)),
    }
}

/// The Done button (on a task reply or a reminder).
pub async fn done_by_id(ctx: &mut Ctx<'_>, task_id: TaskId) -> Replies {
    match tasks::by_id_for_member(ctx.tx, ctx.actor.user_id, task_id).await? {
        Some(task) => complete(ctx, task).await,
        None => ctx.expired(),
    }
}

async fn complete(ctx: &mut Ctx<'_>, task: Task) -> Replies {
    let handle = task.handle().to_string();
    if !tasks::complete(ctx.tx, &task).await? {
        return ctx.say(tr!(ctx.actor.locale, "task-already-done", handle = handle));
    }
    // The Done button works from any workspace the actor belongs to: the entry goes on the
    // task's timeline, in the task's workspace.
    ctx.log_in(
        task.workspace_id,
        RecordKind::Task,
        task.id,
        "done",
        json!({ "handle": handle }),
    )
    .await?;
    ctx.say(tr!(
        ctx.actor.locale,
        "task-done",
        handle = handle,
        body = task.body.clone()
    ))
}

#[cfg(test)]
mod tests {
    use super::TaskWindow;

    #[test]
    fn task_windows_are_read_in_every_language() {
        let cases = [
            ("", TaskWindow::All),
            ("all", TaskWindow::All),
            ("Все", TaskWindow::All),
            ("todas", TaskWindow::All),
            ("todo", TaskWindow::All),
            ("today", TaskWindow::Today),
            ("сегодня", TaskWindow::Today),
            ("HOY", TaskWindow::Today),
            ("overdue", TaskWindow::Overdue),
            ("просрочено", TaskWindow::Overdue),
            ("просроченные", TaskWindow::Overdue),
            ("vencidas", TaskWindow::Overdue),
            ("atrasadas", TaskWindow::Overdue),
            ("week", TaskWindow::Week),
            ("неделя", TaskWindow::Week),
            ("semana", TaskWindow::Week),
        ];
        for (typed, window) in cases {
            assert_eq!(TaskWindow::parse(typed), Some(window), "{typed:?}");
        }
        assert_eq!(TaskWindow::parse("tomorrow"), None);
        assert_eq!(TaskWindow::parse("all week"), None);
    }
}
