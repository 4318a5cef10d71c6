//! Any record by its handle: resolving `C1`, `O2`, `D3`, `T4`, `N5` inside the current
//! workspace, showing its card, and the messages for a bad or unknown handle. Free text that
//! is just a handle shows that record. The messages for bad handles are in `handles`.

use super::handles::not_found;
use super::render::{company_line, contact_line, deal_line, task_line};
use super::{Ctx, Replies, company_view, contact_view, deals};
use crate::crm::{Handle, RecordId, RecordKind};
use crate::store::{self, companies as company_rows, contacts, deals as deal_rows, notes, tasks};

/// A record found by handle in the current workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub handle: Handle,
    /// The record's row id (of the kind of `handle`).
    pub id: RecordId,
    /// A one-line description ("C1 · Anna Petrova · …").
    pub line: String,
}

/// The record `handle` names in the current workspace, if it exists there.
pub async fn find(ctx: &mut Ctx<'_>, handle: Handle) -> store::Result<Option<Found>> {
    let ws = ctx.actor.workspace_id;
    let n = handle.number;
    let found = match handle.kind {
        RecordKind::Contact => contacts::by_handle(ctx.tx, ws, n)
            .await?
            .map(|c| (c.id.into(), contact_line(&c))),
        RecordKind::Company => company_rows::by_handle(ctx.tx, ws, n)
            .await?
            .map(|o| (o.id.into(), company_line(&o))),
        RecordKind::Deal => deal_rows::by_handle(ctx.tx, ws, n)
            .await?
            .map(|d| (d.id.into(), deal_line(ctx, &d))),
        RecordKind::Task => tasks::by_handle(ctx.tx, ws, n)
            .await?
            .map(|t| (t.id.into(), task_line(ctx, &t))),
        RecordKind::Note => notes::by_handle(ctx.tx, ws, n)
            .await?
            .map(|note| (note.id.into(), format!("{} · {}", note.handle(), note.body))),
    };
    Ok(found.map(|(id, line)| Found { handle, id, line }))
}

/// The card of any record.
pub async fn show(ctx: &mut Ctx<'_>, handle: Handle) -> Replies {
    match handle.kind {
        RecordKind::Contact => contact_view::show_handle(ctx, handle).await,
        RecordKind::Company => company_view::show_handle(ctx, handle).await,
        RecordKind::Deal => deals::show_handle(ctx, handle).await,
        RecordKind::Task | RecordKind::Note => match find(ctx, handle).await? {
            Some(found) => ctx.say(found.line),
            None => ctx.say(not_found(ctx, handle)),
        },
    }
}

/// Text that is not a command: a bare handle shows the record; other text is a note to
/// capture when AI is configured (`ai::start`), else it is explained.
pub async fn free_text(ctx: &mut Ctx<'_>, text: &str) -> Replies {
    match Handle::parse(text) {
        Some(handle) => show(ctx, handle).await,
        None if ctx.settings.ai.configured && !text.trim().is_empty() => {
            crate::handlers::ai::start::start(ctx, crate::ai::Feature::Capture, text).await
        }
        None => ctx.say(ctx.t("not-understood")),
    }
}
