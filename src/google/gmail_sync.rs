//! Gmail's sync step and purge hook. For a connection that granted Gmail: the addresses of
//! the contacts in the workspaces the user belongs to; with no history id yet (or a 404 for
//! one too old) a full sync of the bounded window ([`gmail::WINDOW_DAYS`]) that replaces
//! the cache, else the history since the last id (messages added and deleted) plus a search
//! for addresses added since the last full sync. Only messages that involve a contact's
//! address are kept (metadata and snippet, never a body); threads are relinked to their
//! contacts. Google is called outside any transaction; the writes are one short
//! transaction. Never calls the model, never logs a token, an address or a subject.

use futures::future::BoxFuture;

use super::Feature;
use super::gmail::{Gmail, GmailError, Message};
use super::sync::{SyncContext, SyncError, SyncStep};
use crate::store::gmail_cache::{self, CachedMessage, SyncState};
use crate::store::google_connections::Connection;
use crate::store::{self, Tx};

/// Message metadata fetched per run at most (the rest waits for the next run).
const MAX_FETCH: usize = 500;

/// The Gmail cache tables, for the scrub after a purge.
pub const TABLES: [&str; 5] = [
    "gmail_messages",
    "gmail_threads",
    "gmail_thread_contacts",
    "gmail_shares",
    "gmail_sync",
];

/// The Gmail step of the Google worker.
#[derive(Debug, Default)]
pub struct GmailStep;

impl SyncStep for GmailStep {
    fn feature(&self) -> Feature {
        Feature::Gmail
    }

    fn run<'a>(&'a self, cx: &'a SyncContext<'a>) -> BoxFuture<'a, Result<(), SyncError>> {
        Box::pin(sync(cx))
    }
}

/// The purge hook: deletes the connection's Gmail cache (disconnect, account deletion).
pub fn purge<'a>(tx: &'a mut Tx, connection: &'a Connection) -> BoxFuture<'a, store::Result<()>> {
    Box::pin(gmail_cache::purge(tx, connection.id, connection.user_id))
}

impl From<GmailError> for SyncError {
    fn from(error: GmailError) -> SyncError {
        match error {
            GmailError::RateLimited { retry_after } => SyncError::RateLimited { retry_after },
            GmailError::Unavailable(words) => SyncError::Unavailable(words),
            GmailError::Unauthorized => SyncError::Unauthorized,
            other => SyncError::Failed(other.to_string()),
        }
    }
}

async fn sync(cx: &SyncContext<'_>) -> Result<(), SyncError> {
    let connection = cx.connection;
    let user = connection.user_id;
    let mut tx = cx.store.begin().await?;
    let contacts = gmail_cache::contact_addresses(&mut tx, user).await?;
    let state = gmail_cache::sync_state(&mut tx, connection.id).await?;
    tx.commit().await?;

    let mut addresses: Vec<String> = contacts.iter().map(|(_, a)| a.clone()).collect();
    addresses.sort();
    addresses.dedup();
    let gmail = Gmail::new(cx.http, cx.api_url, cx.access_token);
    let involves = |m: &Message| m.participants.iter().any(|p| addresses.contains(p));

    let mut kept: Vec<Message> = Vec::new();
    let mut deleted: Vec<String> = Vec::new();
    let mut history_id = state.history_id;
    let mut full = true;
    if let Some(start) = state.history_id.and_then(|h| u64::try_from(h).ok()) {
        match gmail.history(start).await {
            Ok(changes) => {
                full = false;
                for added in changes.added.iter().take(MAX_FETCH) {
                    if let Some(message) = gmail.message(&added.id).await?
                        && involves(&message)
                    {
                        kept.push(message);
                    }
                }
                deleted = changes.deleted.into_iter().map(|m| m.id).collect();
                if let Some(id) = changes.history_id {
                    history_id = i64::try_from(id).ok();
                }
            }
            // The history id is too old: the window is read again in full.
            Err(GmailError::NotFound) => {}
            Err(error) => return Err(error.into()),
        }
    }
    let searched: Vec<&str> = state.addresses.lines().collect();
    let to_search: Vec<String> = if full {
        addresses.clone()
    } else {
        addresses
            .iter()
            .filter(|a| !searched.contains(&a.as_str()))
            .cloned()
            .collect()
    };
    if !to_search.is_empty() {
        let found = gmail.search(&to_search).await?;
        for reference in found.iter().take(MAX_FETCH) {
            if kept.iter().any(|m| m.id == reference.id) {
                continue;
            }
            if let Some(message) = gmail.message(&reference.id).await?
                && involves(&message)
            {
                kept.push(message);
            }
        }
    }
    if full {
        let newest = kept.iter().map(|m| m.history_id).max();
        history_id = newest.and_then(|h| i64::try_from(h).ok());
    }

    let mut tx = cx.store.begin().await?;
    if full {
        // A full sync replaces the cache: nothing deleted in the meantime stays, nothing twice.
        gmail_cache::clear(&mut tx, connection.id).await?;
    }
    for message in &kept {
        let cached = CachedMessage {
            message_id: &message.id,
            thread_id: &message.thread_id,
            subject: &message.subject,
            participants: &message.participants,
            snippet: &message.snippet,
            sent_at: message.sent_at,
        };
        gmail_cache::put_message(&mut tx, connection.id, user, &cached).await?;
    }
    for id in &deleted {
        gmail_cache::delete_message(&mut tx, connection.id, user, id).await?;
    }
    gmail_cache::relink(&mut tx, connection.id, &contacts).await?;
    let state = SyncState {
        history_id,
        addresses: addresses.join("\n"),
    };
    gmail_cache::save_state(&mut tx, connection.id, user, &state).await?;
    tx.commit().await?;
    Ok(())
}
