//! /note C1 text: a note (`N` handle) on a contact, company, deal or task, also written to
//! that record's timeline.

use serde_json::json;

use super::records::{find, leading_handle, not_found};
use super::{Ctx, Replies};
use crate::crm::RecordKind;
use crate::crm::task::MAX_BODY_CHARS;
use crate::store::notes;
use crate::tr;

const NOTE_TARGETS: [RecordKind; 4] = [
    RecordKind::Contact,
    RecordKind::Company,
    RecordKind::Deal,
    RecordKind::Task,
];

pub async fn note(ctx: &mut Ctx<'_>, args: &str) -> Replies {
    let (handle, body) = leading_handle(args, &NOTE_TARGETS);
    let Some(handle) = handle else {
        return ctx.say(ctx.t("usage-note"));
    };
    let body = body.trim();
    if body.is_empty() {
        return ctx.say(ctx.t("usage-note"));
    }
    if body.chars().count() > MAX_BODY_CHARS {
        return ctx.say(tr!(ctx.actor.locale, "text-too-long", max = MAX_BODY_CHARS));
    }
    let Some(record) = find(ctx, handle).await? else {
        return ctx.say(not_found(ctx, handle));
    };
    let ws = ctx.actor.workspace_id;
    let note = notes::insert(ctx.tx, ws, handle.kind, record.id, body, ctx.actor.user_id).await?;
    let detail = json!({ "note": note.handle().to_string() });
    ctx.log(handle.kind, record.id, "note", detail).await?;
    ctx.say(tr!(
        ctx.actor.locale,
        "note-added",
        note = note.handle().to_string(),
        record = record.line
    ))
}
