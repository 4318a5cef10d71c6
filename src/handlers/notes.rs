//! /note C1 text: a note (`N` handle) on a contact, company, deal or task, also written to
//! that record's timeline.

use serde_json::json;

use super::handles::{leading_handle, not_found};
use super::parse_env::ParseEnv;
use super::records::find;
use super::{Ctx, Replies};
use crate::crm::{Handle, RecordKind};
use crate::store::notes;
use crate::tr;

const NOTE_TARGETS: [RecordKind; 4] = [
    RecordKind::Contact,
    RecordKind::Company,
    RecordKind::Deal,
    RecordKind::Task,
];

/// The arguments of `/note C1 text`: the record and the note's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteArgs {
    pub record: Handle,
    pub body: String,
}

impl NoteArgs {
    pub fn parse(args: &str, env: &ParseEnv) -> Result<NoteArgs, String> {
        let (handle, body) = leading_handle(args, &NOTE_TARGETS);
        let Some(record) = handle else {
            return Err(env.locale.text("usage-note"));
        };
        let body = env.body(body, "usage-note")?;
        Ok(NoteArgs { record, body })
    }
}

pub async fn note(ctx: &mut Ctx<'_>, args: NoteArgs) -> Replies {
    let (handle, body) = (args.record, args.body.as_str());
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
