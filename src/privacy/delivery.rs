//! What becomes of an export sent as a chat document once the channel has answered: when
//! it was delivered the audit log says so (for the identity's user, pseudonymously); either
//! way — delivered, refused or undeliverable — the file leaves the server, so an export
//! never outlives its one delivery.

use std::path::{Path, PathBuf};

use crate::store::Tx;
use crate::store::privacy::{audit, pseudonym};

/// Records in the audit log that the export `file_name` reached the user behind
/// `identity_id` (nothing when the identity is gone).
pub async fn record_delivered(
    tx: &mut Tx,
    identity_id: Option<i64>,
    file_name: &str,
    now: i64,
) -> sqlx::Result<()> {
    let Some(identity_id) = identity_id else {
        return Ok(());
    };
    let user: Option<i64> = sqlx::query_scalar("SELECT user_id FROM identities WHERE id = $1")
        .bind(identity_id)
        .fetch_optional(&mut **tx)
        .await?;
    match user {
        Some(user_id) => audit(tx, &pseudonym(user_id), "export.delivered", file_name, now).await,
        None => Ok(()),
    }
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
