//! The Gmail cache of a Google connection (migration 0023): message metadata
//! (`gmail_messages`, never a body), the threads built from them (`gmail_threads`: subject,
//! participants, last date, snippet), the contacts each thread involves
//! (`gmail_thread_contacts`), the contacts whose threads a user shares with the workspace
//! (`gmail_shares`), and the sync state (`gmail_sync`). A thread is seen by the user who
//! connected, and by the members of the contact's workspace only when that user shares it.

use sqlx::FromRow;

use super::Tx;
use super::statement::{self, args};
use crate::crm::{ContactId, UserId};
use crate::store::Result;

/// A message's metadata as cached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedMessage<'a> {
    pub message_id: &'a str,
    pub thread_id: &'a str,
    pub subject: &'a str,
    /// Lower-cased addresses, each once.
    pub participants: &'a [String],
    pub snippet: &'a str,
    pub sent_at: i64,
}

/// A thread as shown on a timeline and by /mail.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Thread {
    pub subject: String,
    /// Comma-separated addresses.
    pub participants: String,
    pub snippet: String,
    pub last_at: i64,
    pub messages: i64,
    /// Whose mailbox it is from, when not the viewer's: the teammate who shares it.
    pub shared_by: Option<String>,
}

/// The sync state of a connection.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncState {
    /// Where the next incremental sync starts; `None`: a full sync is due.
    pub history_id: Option<i64>,
    /// The addresses the last full sync searched, sorted, one per line.
    pub addresses: String,
}

/// The contacts with an email in the workspaces `user` is a member of: (contact, address
/// lower-cased).
pub async fn contact_addresses(tx: &mut Tx, user: UserId) -> Result<Vec<(ContactId, String)>> {
    let rows: Vec<(i64, String)> = statement::all(tx, CONTACT_ADDRESSES, args![user.get()]).await?;
    Ok(rows
        .into_iter()
        .map(|(id, email)| (ContactId::new(id), email.to_lowercase()))
        .collect())
}

const CONTACT_ADDRESSES: &str = "SELECT c.id, c.email FROM contacts c
     WHERE c.email IS NOT NULL AND c.email <> ''
       AND c.workspace_id IN (SELECT workspace_id FROM memberships WHERE user_id = $1)
     ORDER BY c.id";

pub async fn sync_state(tx: &mut Tx, connection_id: i64) -> Result<SyncState> {
    let row: Option<(Option<i64>, String)> =
        statement::optional(tx, SYNC_STATE, args![connection_id]).await?;
    Ok(row
        .map(|(history_id, addresses)| SyncState {
            history_id,
            addresses,
        })
        .unwrap_or_default())
}

const SYNC_STATE: &str = "SELECT history_id, addresses FROM gmail_sync WHERE connection_id = $1";

pub async fn save_state(
    tx: &mut Tx,
    connection_id: i64,
    user: UserId,
    state: &SyncState,
) -> Result<()> {
    let now = tx.now_millis();
    let values = args![
        connection_id,
        user.get(),
        state.history_id,
        &state.addresses,
        now
    ];
    statement::run(tx, SAVE_STATE, values).await?;
    Ok(())
}

const SAVE_STATE: &str =
    "INSERT INTO gmail_sync (connection_id, user_id, history_id, addresses, full_sync_at)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (connection_id) DO UPDATE
     SET history_id = excluded.history_id, addresses = excluded.addresses,
         full_sync_at = excluded.full_sync_at";

/// Caches a message (again: the same id replaces its row, so a resync adds no duplicate)
/// and rebuilds its thread.
pub async fn put_message(
    tx: &mut Tx,
    connection_id: i64,
    user: UserId,
    message: &CachedMessage<'_>,
) -> Result<()> {
    let values = args![
        connection_id,
        user.get(),
        message.message_id,
        message.thread_id,
        message.subject,
        message.participants.join(", "),
        message.snippet,
        message.sent_at
    ];
    statement::run(tx, PUT_MESSAGE, values).await?;
    rebuild_thread(tx, connection_id, user, message.thread_id).await
}

const PUT_MESSAGE: &str = "INSERT INTO gmail_messages
         (connection_id, user_id, message_id, thread_id, subject, participants, snippet, sent_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (connection_id, message_id) DO UPDATE
     SET thread_id = excluded.thread_id, subject = excluded.subject,
         participants = excluded.participants, snippet = excluded.snippet,
         sent_at = excluded.sent_at";

/// Forgets a deleted message and rebuilds its thread (gone with its last message).
pub async fn delete_message(tx: &mut Tx, connection_id: i64, user: UserId, id: &str) -> Result<()> {
    let thread: Option<String> =
        statement::value_opt(tx, DELETE_MESSAGE, args![connection_id, id]).await?;
    match thread {
        Some(thread) => rebuild_thread(tx, connection_id, user, &thread).await,
        None => Ok(()),
    }
}

const DELETE_MESSAGE: &str =
    "DELETE FROM gmail_messages WHERE connection_id = $1 AND message_id = $2 RETURNING thread_id";

/// The thread row from its cached messages: the newest message's subject and snippet,
/// every participant once, the last date and the count.
async fn rebuild_thread(tx: &mut Tx, connection_id: i64, user: UserId, thread: &str) -> Result<()> {
    let messages: Vec<(String, String, String, i64)> =
        statement::all(tx, THREAD_MESSAGES, args![connection_id, thread]).await?;
    let Some((subject, _, snippet, last_at)) = messages.first().cloned() else {
        statement::run(tx, DELETE_THREAD, args![connection_id, thread]).await?;
        return Ok(());
    };
    let mut participants: Vec<&str> = Vec::new();
    for (_, list, _, _) in messages.iter().rev() {
        for address in list.split(", ").filter(|a| !a.is_empty()) {
            if !participants.contains(&address) {
                participants.push(address);
            }
        }
    }
    let values = args![
        connection_id,
        user.get(),
        thread,
        subject,
        participants.join(", "),
        snippet,
        last_at,
        messages.len() as i64
    ];
    statement::run(tx, PUT_THREAD, values).await?;
    Ok(())
}

const THREAD_MESSAGES: &str = "SELECT subject, participants, snippet, sent_at FROM gmail_messages
     WHERE connection_id = $1 AND thread_id = $2 ORDER BY sent_at DESC, id DESC";

const DELETE_THREAD: &str = "DELETE FROM gmail_threads WHERE connection_id = $1 AND thread_id = $2";

const PUT_THREAD: &str = "INSERT INTO gmail_threads
         (connection_id, user_id, thread_id, subject, participants, snippet, last_at, messages)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (connection_id, thread_id) DO UPDATE
     SET subject = excluded.subject, participants = excluded.participants,
         snippet = excluded.snippet, last_at = excluded.last_at, messages = excluded.messages";

/// Links every cached thread of the connection to the contacts whose address takes part
/// in it (replacing the links before).
pub async fn relink(
    tx: &mut Tx,
    connection_id: i64,
    contacts: &[(ContactId, String)],
) -> Result<()> {
    statement::run(tx, DELETE_LINKS, args![connection_id]).await?;
    let threads: Vec<(i64, String)> =
        statement::all(tx, THREAD_PARTICIPANTS, args![connection_id]).await?;
    for (row, participants) in threads {
        let addresses: Vec<&str> = participants.split(", ").collect();
        for (contact, _) in contacts
            .iter()
            .filter(|(_, a)| addresses.contains(&a.as_str()))
        {
            statement::run(tx, LINK, args![row, contact.get()]).await?;
        }
    }
    Ok(())
}

const DELETE_LINKS: &str = "DELETE FROM gmail_thread_contacts
     WHERE thread_row_id IN (SELECT id FROM gmail_threads WHERE connection_id = $1)";

const THREAD_PARTICIPANTS: &str =
    "SELECT id, participants FROM gmail_threads WHERE connection_id = $1";

const LINK: &str = "INSERT INTO gmail_thread_contacts (thread_row_id, contact_id) VALUES ($1, $2)
     ON CONFLICT DO NOTHING";

/// The last `limit` threads with `contact` that `viewer` may see: their own, and those of
/// members of the contact's workspace who share their mail with this contact.
pub async fn threads_with(
    tx: &mut Tx,
    viewer: UserId,
    contact: ContactId,
    limit: i64,
) -> Result<Vec<Thread>> {
    statement::all(tx, THREADS_WITH, args![viewer.get(), contact.get(), limit]).await
}

const THREADS_WITH: &str = "SELECT t.subject, t.participants, t.snippet, t.last_at, t.messages,
            CASE WHEN t.user_id = $1 THEN NULL ELSE u.display_name END AS shared_by
     FROM gmail_threads t
     JOIN gmail_thread_contacts l ON l.thread_row_id = t.id
     JOIN contacts c ON c.id = l.contact_id
     JOIN users u ON u.id = t.user_id
     WHERE l.contact_id = $2
       AND (t.user_id = $1
            OR (EXISTS (SELECT 1 FROM gmail_shares s
                        WHERE s.user_id = t.user_id AND s.contact_id = l.contact_id)
                AND EXISTS (SELECT 1 FROM memberships m
                            WHERE m.user_id = t.user_id AND m.workspace_id = c.workspace_id)))
     ORDER BY t.last_at DESC, t.id DESC
     LIMIT $3";

/// The newest thread of `user`'s own mail with `contact` (for /draft).
pub async fn last_own_thread(
    tx: &mut Tx,
    user: UserId,
    contact: ContactId,
) -> Result<Option<Thread>> {
    statement::optional(tx, LAST_OWN_THREAD, args![user.get(), contact.get()]).await
}

const LAST_OWN_THREAD: &str = "SELECT t.subject, t.participants, t.snippet, t.last_at, t.messages,
            CAST(NULL AS TEXT) AS shared_by
     FROM gmail_threads t JOIN gmail_thread_contacts l ON l.thread_row_id = t.id
     WHERE t.user_id = $1 AND l.contact_id = $2
     ORDER BY t.last_at DESC, t.id DESC LIMIT 1";

/// Whether `user` shares their threads with `contact`.
pub async fn shared(tx: &mut Tx, user: UserId, contact: ContactId) -> Result<bool> {
    let found: Option<i64> =
        statement::value_opt(tx, SHARED, args![user.get(), contact.get()]).await?;
    Ok(found.is_some())
}

const SHARED: &str = "SELECT 1 FROM gmail_shares WHERE user_id = $1 AND contact_id = $2";

/// Shares (or stops sharing) `user`'s threads with `contact` in the contact's workspace.
pub async fn set_shared(tx: &mut Tx, user: UserId, contact: ContactId, on: bool) -> Result<()> {
    let (user, contact) = (user.get(), contact.get());
    if on {
        let now = tx.now_millis();
        statement::run(tx, SHARE, args![user, contact, now]).await?;
    } else {
        statement::run(tx, UNSHARE, args![user, contact]).await?;
    }
    Ok(())
}

const SHARE: &str = "INSERT INTO gmail_shares (user_id, contact_id, created_at) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING";

const UNSHARE: &str = "DELETE FROM gmail_shares WHERE user_id = $1 AND contact_id = $2";

/// Deletes the connection's cached messages, threads and links (a full sync starts over).
pub async fn clear(tx: &mut Tx, connection_id: i64) -> Result<()> {
    for sql in [DELETE_LINKS, DELETE_THREADS, DELETE_MESSAGES] {
        statement::run(tx, sql, args![connection_id]).await?;
    }
    Ok(())
}

const DELETE_THREADS: &str = "DELETE FROM gmail_threads WHERE connection_id = $1";
const DELETE_MESSAGES: &str = "DELETE FROM gmail_messages WHERE connection_id = $1";

/// Deletes everything Gmail cached for a connection, its sync state and its owner's shares.
pub async fn purge(tx: &mut Tx, connection_id: i64, user: UserId) -> Result<()> {
    clear(tx, connection_id).await?;
    statement::run(tx, DELETE_SYNC, args![connection_id]).await?;
    statement::run(tx, DELETE_SHARES, args![user.get()]).await?;
    Ok(())
}

const DELETE_SYNC: &str = "DELETE FROM gmail_sync WHERE connection_id = $1";
const DELETE_SHARES: &str = "DELETE FROM gmail_shares WHERE user_id = $1";
