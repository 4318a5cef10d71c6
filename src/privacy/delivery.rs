//! What becomes of an export sent as a chat document once the channel has answered: when
//! it was delivered the audit log says so (for the identity's user, pseudonymously); either
//! way — delivered, refused or undeliverable — the file leaves the server, so an export
//! never outlives its one delivery; when the channel refused it, the user is told to ask
//! again and that export does not count against the day's quota.

use std::path::{Path, PathBuf};

use crate::crm::{IdentityId, UserId};
use crate::i18n::Locale;
use crate::message::{Channel, Reply};
use crate::store;
use crate::store::Tx;
use crate::store::outbox::{self, Destination, OutboxRow};
use crate::store::privacy::{audit, pseudonym};

/// Marks `row` sent (see `outbox::mark_sent`); when it carried an export and this is the
/// "sent" that counted, the delivery is audited.
pub async fn mark_sent(
    tx: &mut Tx,
    row: &OutboxRow,
    message_id: Option<&str>,
) -> store::Result<()> {
    let counted = outbox::mark_sent(tx, row.id, message_id).await?;
    if let Some(file) = row.reply().file.filter(|_| counted) {
        let now = tx.now_millis();
        record_delivered(tx, row.identity_id, &file.file_name, now).await?;
    }
    Ok(())
}

/// Gives up on `row` (see `outbox::mark_failed`); when it carried an export and this is the
/// outcome that counted, the user is told (see [`record_undeliverable`]).
pub async fn mark_failed(tx: &mut Tx, row: &OutboxRow, error: &str) -> store::Result<()> {
    let counted = outbox::mark_failed(tx, row.id, error).await?;
    if let Some(file) = row.reply().file.filter(|_| counted) {
        let now = tx.now_millis();
        record_undeliverable(tx, row, &file.file_name, now).await?;
    }
    Ok(())
}

/// Records in the audit log that the export `file_name` reached the user behind
/// `identity_id` (nothing when the identity is gone).
pub async fn record_delivered(
    tx: &mut Tx,
    identity_id: Option<IdentityId>,
    file_name: &str,
    now: i64,
) -> store::Result<()> {
    match user_of(tx, identity_id).await? {
        Some((user_id, _)) => {
            let who = pseudonym(tx, user_id).await?;
            audit(tx, &who, "export.delivered", file_name, now).await
        }
        None => Ok(()),
    }
}

/// The channel refused the export `file_name` for good (row `row`): the audit log says so —
/// that export does not count against the day's quota — and the user is told, in their
/// language, to ask again.
pub async fn record_undeliverable(
    tx: &mut Tx,
    row: &OutboxRow,
    file_name: &str,
    now: i64,
) -> store::Result<()> {
    let Some((user_id, locale)) = user_of(tx, row.identity_id).await? else {
        return Ok(());
    };
    let who = pseudonym(tx, user_id).await?;
    audit(tx, &who, "export.failed", file_name, now).await?;
    let text = Locale::from_language_code(locale.as_deref()).text("export-undeliverable");
    let Some(channel) = Channel::from_name(&row.channel) else {
        return Ok(());
    };
    let to = Destination {
        identity_id: row.identity_id,
        channel,
        chat_id: &row.chat_id,
        edit_message_id: None,
    };
    outbox::enqueue(tx, to, &Reply::text(text)).await
}

/// The user behind an identity and their locale code, while both exist.
async fn user_of(
    tx: &mut Tx,
    identity_id: Option<IdentityId>,
) -> store::Result<Option<(UserId, Option<String>)>> {
    let Some(identity_id) = identity_id else {
        return Ok(None);
    };
    let row: Option<(i64, Option<String>)> = sqlx::query_as(
        "SELECT u.id, u.locale FROM identities i JOIN users u ON u.id = i.user_id WHERE i.id = $1",
    )
    .bind(identity_id.get())
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.map(|(id, locale)| (UserId::new(id), locale)))
}

/// Deletes the export `file_name` from `export_dir`. A file already gone is fine.
pub fn discard(export_dir: &Path, file_name: &str) {
    if let Some(path) = path_of(export_dir, file_name) {
        let _ = std::fs::remove_file(path);
    }
}

/// The path of the export `file_name` under `export_dir`, or `None` for a name that would
/// leave the folder (a path separator) or name a hidden, half-written file.
pub fn path_of(export_dir: &Path, file_name: &str) -> Option<PathBuf> {
    let safe =
        !file_name.is_empty() && !file_name.contains(['/', '\\']) && !file_name.starts_with('.');
    safe.then(|| export_dir.join(file_name))
}
