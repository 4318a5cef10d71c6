//! /timeline C1: what happened to a record, newest last, with notes quoted and times in the
//! user's zone; a contact's timeline ends with its Gmail threads the user may see
//! (`mail::timeline_lines`).

use serde::Deserialize;
use serde_json::Value;

use super::handles::{bad_handle_message, not_found};
use super::records::find;
use super::render::{field_label, minute_text, shorten, stage_label};
use super::{Ctx, Replies};
use crate::crm::when::format_local;
use crate::crm::{ContactField, Handle, RecordKind, StageChange};
use crate::store::activities::{self, TimelineEntry};
use crate::store::notes;
use crate::tr;

/// Entries shown at most.
const MAX_ENTRIES: i64 = 30;
/// Characters of a note an entry quotes.
const NOTE_CHARS: usize = 200;
/// Characters of a meeting's title an entry shows.
const MEETING_TITLE_CHARS: usize = 80;

pub async fn timeline(ctx: &mut Ctx<'_>, input: &str) -> Replies {
    let Some(handle) = Handle::parse(input) else {
        return ctx.say(bad_handle_message(ctx, input, "usage-timeline"));
    };
    let Some(record) = find(ctx, handle).await? else {
        return ctx.say(not_found(ctx, handle));
    };
    let ws = ctx.actor.workspace_id;
    let entries = activities::timeline(ctx.tx, ws, handle.kind, record.id, MAX_ENTRIES).await?;
    let notes = notes::on_record(ctx.tx, ws, handle.kind, record.id).await?;
    let mut text = tr!(ctx.actor.locale, "timeline-header", record = record.line);
    for entry in &entries {
        text.push('\n');
        text.push_str(&entry_line(ctx, entry, &notes, NOTE_CHARS));
    }
    if handle.kind == RecordKind::Contact {
        let mail = super::mail::timeline_lines(ctx, record.id.into()).await?;
        if !mail.is_empty() {
            text.push_str("\n\n");
            text.push_str(&ctx.t("timeline-mail-header"));
        }
        for line in mail {
            text.push('\n');
            text.push_str(&line);
        }
    }
    ctx.say(text)
}

/// One timeline line: when, who, what (a note quoted up to `note_chars` characters).
pub(crate) fn entry_line(
    ctx: &Ctx<'_>,
    entry: &TimelineEntry,
    notes: &[crate::crm::Note],
    note_chars: usize,
) -> String {
    let when = minute_text(ctx, entry.created_at);
    let who = entry
        .actor_name
        .clone()
        .unwrap_or_else(|| ctx.t("deleted-user"));
    let field = |name: &str| {
        entry
            .detail
            .get(name)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let by_ai = entry.detail.get("source").and_then(Value::as_str) == Some("ai");
    let what = match entry.action.as_str() {
        "created" if by_ai => ctx.t("event-created-ai"),
        "created" => ctx.t("event-created"),
        "updated" if by_ai => ctx.t("event-updated-ai"),
        "updated" if entry.detail.get("source").and_then(Value::as_str) == Some("import") => {
            ctx.t("event-updated-import")
        }
        "updated" => tr!(
            ctx.actor.locale,
            "event-updated",
            field = field_name(ctx, &field("field"))
        ),
        "stage" => {
            let (from, to) = match StageChange::deserialize(&entry.detail) {
                Ok(change) => (stage_label(ctx, change.from), stage_label(ctx, change.to)),
                // Not stages of ours: the recorded names as they are.
                Err(_) => (field("from"), field("to")),
            };
            tr!(ctx.actor.locale, "event-stage", from = from, to = to)
        }
        "note" => {
            let handle = field("note");
            let body = notes
                .iter()
                .find(|n| n.handle().to_string() == handle)
                .map(|n| shorten(&n.body, note_chars))
                .unwrap_or_default();
            tr!(ctx.actor.locale, "event-note", note = handle, body = body)
        }
        "task" => tr!(ctx.actor.locale, "event-task", task = field("task")),
        "done" => ctx.t("event-done"),
        "file" => tr!(ctx.actor.locale, "event-file", file = field("file")),
        "deleted" => ctx.t("event-deleted"),
        "meeting" => {
            let at = entry.detail.get("start").and_then(Value::as_i64);
            let when = at
                .and_then(chrono::DateTime::from_timestamp_millis)
                .map(|at| format_local(at, ctx.tz, ctx.now, ctx.actor.locale.code()))
                .unwrap_or_default();
            // The title tells two meetings at the same hour apart (older entries have none).
            match entry.detail.get("summary").and_then(Value::as_str) {
                Some(title) if !title.trim().is_empty() => tr!(
                    ctx.actor.locale,
                    "event-meeting-titled",
                    title = shorten(title, MEETING_TITLE_CHARS),
                    when = when
                ),
                _ => tr!(ctx.actor.locale, "event-meeting", when = when),
            }
        }
        other => other.to_string(),
    };
    format!("{when} · {who}: {what}")
}

/// The localized name of a field an "updated" entry names ("position" → "должность").
fn field_name(ctx: &Ctx<'_>, name: &str) -> String {
    match ContactField::parse(name) {
        Some(field) => field_label(ctx.actor.locale, field),
        None if name == "company" => ctx.t("field-company"),
        None => name.to_string(),
    }
}
