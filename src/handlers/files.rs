//! Files and photos sent to the bot: with a record's handle in the caption (`C12`, `O3`,
//! `D7`) the file is attached to that record and noted on its timeline; a CSV or vCard file
//! without one is imported; anything else gets a hint to add the handle.

use serde_json::json;

use super::records::{find, not_found};
use super::render::shorten;
use super::{Ctx, Replies, import};
use crate::crm::files::{MAX_FILE_BYTES, is_contact_list};
use crate::crm::{Handle, RecordKind};
use crate::store::files;
use crate::tr;

const TARGETS: [RecordKind; 3] = [RecordKind::Contact, RecordKind::Company, RecordKind::Deal];

pub async fn received(ctx: &mut Ctx<'_>, file_name: &str, bytes: &[u8], caption: &str) -> Replies {
    let handle = caption
        .split_whitespace()
        .filter_map(Handle::parse)
        .find(|h| TARGETS.contains(&h.kind));
    let Some(handle) = handle else {
        if is_contact_list(file_name) {
            return import::import_file(ctx, file_name, bytes).await;
        }
        return ctx.say(ctx.t("file-needs-handle"));
    };
    if bytes.len() > MAX_FILE_BYTES {
        return ctx.say(tr!(
            ctx.actor.locale,
            "file-too-large",
            mb = (MAX_FILE_BYTES / (1024 * 1024)) as i64
        ));
    }
    let Some(record) = find(ctx, handle).await? else {
        return ctx.say(not_found(ctx, handle));
    };
    let name: String = shorten(file_name.trim(), 120);
    let record_ref = (handle.kind, record.id);
    let at = ctx.now_millis();
    files::attach(
        ctx.tx,
        ctx.actor.workspace_id,
        record_ref,
        &name,
        bytes,
        ctx.actor.user_id,
        at,
    )
    .await?;
    ctx.log(handle.kind, record.id, "file", json!({ "file": name }))
        .await?;
    let kb = (bytes.len() as i64 + 1023) / 1024;
    ctx.say(tr!(
        ctx.actor.locale,
        "file-attached",
        file = name,
        kb = kb,
        record = record.line
    ))
}
