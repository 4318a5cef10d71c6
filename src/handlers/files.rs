//! Files and photos sent to the bot: with a record's handle in the caption (`C12`, `O3`,
//! `D7`) the file is attached to that record and noted on its timeline, within the size
//! limit per file, the quota per workspace and the quota per uploading user across all
//! their workspaces (so more workspaces do not mean more room); a CSV or vCard file without one is imported;
//! anything else gets a hint to add the handle (worded for a photo when it is one). A file
//! the channel could not download arrives as [`crate::message::UNREADABLE`] and is said to
//! be so.

use serde_json::json;

use super::handles::not_found;
use super::records::find;
use super::render::shorten;
use super::{Ctx, Replies, import};
use crate::crm::files::{FileUse, MB};
use crate::crm::import::MAX_IMPORT_BYTES;
use crate::crm::money::NumberStyle;
use crate::i18n::Locale;
use crate::store::files;
use crate::tr;

/// The file name both channels give a photo (which has none of its own).
pub const PHOTO: &str = "photo.jpg";

pub async fn received(ctx: &mut Ctx<'_>, file_name: &str, bytes: &[u8], caption: &str) -> Replies {
    let handle = match FileUse::of(file_name, caption) {
        FileUse::Attach(handle) => handle,
        FileUse::Import => return import::import_file(ctx, file_name, bytes).await,
        FileUse::Nothing => return needs_handle(ctx, file_name),
    };
    if bytes.len() > ctx.settings.max_file_bytes {
        return ctx.say(too_large_text(ctx));
    }
    let Some(record) = find(ctx, handle).await? else {
        return ctx.say(not_found(ctx, handle));
    };
    let size = bytes.len() as u64;
    let (in_workspace, mine) = files::quota_use(
        ctx.tx,
        ctx.backend,
        ctx.actor.workspace_id,
        ctx.actor.user_id,
    )
    .await?;
    let quotas = [
        (
            "file-quota-full",
            in_workspace,
            ctx.settings.workspace_files_bytes,
        ),
        ("file-user-quota-full", mine, ctx.settings.user_files_bytes),
    ];
    if let Some((key, used, allowed)) = quotas
        .into_iter()
        .find(|(_, used, allowed)| used + size > *allowed)
    {
        let locale = ctx.actor.locale;
        return ctx.say(tr!(
            locale,
            key,
            used = megabytes(used, locale),
            allowed = megabytes(allowed, locale),
            size = megabytes(size, locale)
        ));
    }
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

/// A file the channel did not download because it is larger than its use allows.
pub fn too_large(ctx: &mut Ctx<'_>, file_name: &str, caption: &str) -> Replies {
    match FileUse::of(file_name, caption) {
        FileUse::Attach(_) => ctx.say(too_large_text(ctx)),
        FileUse::Import => ctx.say(tr!(
            ctx.actor.locale,
            "import-too-large",
            mb = (MAX_IMPORT_BYTES as u64 / MB) as i64
        )),
        FileUse::Nothing => needs_handle(ctx, file_name),
    }
}

/// The hint to send the file again with a record's handle as its caption.
fn needs_handle(ctx: &mut Ctx<'_>, file_name: &str) -> Replies {
    let key = if file_name == PHOTO {
        "photo-needs-handle"
    } else {
        "file-needs-handle"
    };
    ctx.say(ctx.t(key))
}

fn too_large_text(ctx: &Ctx<'_>) -> String {
    let locale = ctx.actor.locale;
    tr!(
        locale,
        "file-too-large",
        mb = megabytes(ctx.settings.max_file_bytes as u64, locale)
    )
}

/// `bytes` in MB with at most one decimal, written the locale's way ("1.5", "1,5").
fn megabytes(bytes: u64, locale: Locale) -> String {
    let tenths = (bytes * 10).div_ceil(MB);
    let text = if tenths.is_multiple_of(10) {
        (tenths / 10).to_string()
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    };
    let style = NumberStyle::for_language(locale.code());
    text.replace('.', &style.decimal.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_written_in_megabytes_the_locale_way() {
        assert_eq!(megabytes(10 * MB, Locale::EN), "10");
        assert_eq!(megabytes(MB * 3 / 2, Locale::EN), "1.5");
        assert_eq!(megabytes(MB * 3 / 2, Locale::named("ru").unwrap()), "1,5");
        assert_eq!(megabytes(1, Locale::named("es").unwrap()), "0,1");
        assert_eq!(megabytes(0, Locale::EN), "0");
    }
}
