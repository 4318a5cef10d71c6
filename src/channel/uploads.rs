//! Document uploads in flight, by chat. An upload (an export of up to 100 MB) can take
//! minutes, so a sender runs it in a task of its own: every other chat is served as usual,
//! while the uploading chat's later messages wait so they never overtake the document.
//! The document's outbox row stays leased for as long as an upload may take
//! ([`UPLOAD_LEASE_MS`]), so another instance does not send it twice. The set of busy
//! chats is this process's own: with several instances, another one may deliver the chat's
//! later messages before the document arrives.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use tracing::warn;

use crate::store::{Store, now_millis, outbox};

/// How long a row with a document stays leased to the sender uploading it: the upload
/// timeout of both channels (10 minutes) plus a margin.
pub const UPLOAD_LEASE_MS: i64 = 11 * 60 * 1000;

/// How soon a message behind an upload is looked at again.
pub const BEHIND_UPLOAD_MS: i64 = 1000;

/// Keeps outbox row `row_id` leased for as long as an upload may take; `false` when it
/// could not (the row is no longer pending, or the database failed: the row is then tried
/// again after its short lease).
pub async fn keep_leased(store: &Store, row_id: i64) -> bool {
    let kept = async {
        let mut tx = store.begin().await?;
        let kept = outbox::postpone(&mut tx, row_id, now_millis() + UPLOAD_LEASE_MS).await?;
        tx.commit().await?;
        Ok::<_, sqlx::Error>(kept)
    }
    .await;
    kept.unwrap_or_else(|error| {
        warn!(%error, "could not keep a document row leased; it is tried again later");
        false
    })
}

/// The chats with an upload in progress in this process.
#[derive(Debug, Clone, Default)]
pub struct Uploads(Arc<Mutex<HashSet<String>>>);

impl Uploads {
    fn chats(&self) -> std::sync::MutexGuard<'_, HashSet<String>> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Whether `chat` has an upload in progress.
    pub fn busy(&self, chat: &str) -> bool {
        self.chats().contains(chat)
    }

    /// Marks an upload to `chat` as started; the guard ends it when dropped, however the
    /// upload task ends.
    pub fn start(&self, chat: &str) -> UploadGuard {
        self.chats().insert(chat.to_string());
        UploadGuard {
            uploads: self.clone(),
            chat: chat.to_string(),
        }
    }
}

/// An upload in progress; dropping it frees the chat.
#[derive(Debug)]
pub struct UploadGuard {
    uploads: Uploads,
    chat: String,
}

impl Drop for UploadGuard {
    fn drop(&mut self) {
        self.uploads.chats().remove(&self.chat);
    }
}

#[cfg(test)]
mod tests {
    use super::Uploads;

    #[test]
    fn a_chat_is_busy_while_its_guard_lives() {
        let uploads = Uploads::default();
        let guard = uploads.start("42");
        assert!(uploads.busy("42"));
        assert!(!uploads.busy("43"));
        drop(guard);
        assert!(!uploads.busy("42"));
    }
}
