//! The transactional outbox: replies and reminders are written in the same transaction as
//! the change that caused them, and channel senders deliver them afterwards. A crash between
//! commit and delivery loses nothing: pending rows are delivered after a restart. Senders
//! lease rows (a short claim, then the network call outside any transaction), so a sender
//! that dies mid-send releases its rows when the lease ends. A reply flagged
//! `scrub_after_send` (Google content) keeps its text only until it is sent, refused or
//! dropped: the statement that says so blanks it.

use serde::{Deserialize, Serialize};
use sqlx::any::AnyRow;
use sqlx::{FromRow, Row};

use super::lease::{self, Lease};
use super::statement::{self, args};
use super::{Backend, Tx};
use crate::crm::{IdentityId, OutboxId, UserId};
use crate::message::{Channel, Choice, OutgoingFile, Reply, split_text};
use crate::store::Result;

/// A message waiting to be delivered.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxRow {
    pub id: OutboxId,
    pub identity_id: Option<IdentityId>,
    pub channel: String,
    pub chat_id: String,
    pub body: String,
    pub attempts: i64,
    /// The message this reply replaces (a pressed button's message), if any.
    pub edit_message_id: Option<String>,
}

impl<'r> FromRow<'r, AnyRow> for OutboxRow {
    fn from_row(row: &'r AnyRow) -> sqlx::Result<Self> {
        Ok(OutboxRow {
            id: OutboxId::new(row.try_get("id")?),
            identity_id: row
                .try_get::<Option<i64>, _>("identity_id")?
                .map(IdentityId::new),
            channel: row.try_get("channel")?,
            chat_id: row.try_get("chat_id")?,
            body: row.try_get("body")?,
            attempts: row.try_get("attempts")?,
            edit_message_id: row.try_get("edit_message_id")?,
        })
    }
}

impl OutboxRow {
    /// The reply this row carries (an unreadable body becomes an empty reply).
    pub fn reply(&self) -> Reply {
        serde_json::from_str::<StoredReply>(&self.body)
            .map(Reply::from)
            .unwrap_or_default()
    }
}

/// How a reply is stored in `outbox.body`.
#[derive(Debug, Serialize, Deserialize)]
struct StoredReply {
    text: String,
    #[serde(default)]
    choices: Vec<StoredChoice>,
    /// The export file sent as a document with this message, by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    file: Option<String>,
}

/// A button as `[label, data]`, a link as `{"label": …, "url": …}`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(untagged)]
enum StoredChoice {
    Button(String, String),
    Link { label: String, url: String },
}

impl From<StoredChoice> for Choice {
    fn from(stored: StoredChoice) -> Self {
        match stored {
            StoredChoice::Button(label, data) => Choice::new(label, data),
            StoredChoice::Link { label, url } => Choice::link(label, url),
        }
    }
}

impl From<&Choice> for StoredChoice {
    fn from(choice: &Choice) -> Self {
        match &choice.url {
            Some(url) => StoredChoice::Link {
                label: choice.label.clone(),
                url: url.clone(),
            },
            None => StoredChoice::Button(choice.label.clone(), choice.data.clone()),
        }
    }
}

impl From<StoredReply> for Reply {
    fn from(stored: StoredReply) -> Self {
        Reply {
            text: stored.text,
            choices: stored.choices.into_iter().map(Choice::from).collect(),
            file: stored.file.map(|file_name| OutgoingFile { file_name }),
            question: Default::default(),
            // Stored already: the row's flag is on the row.
            scrub_after_send: false,
        }
    }
}

fn encode(text: &str, choices: &[Choice], file: Option<&OutgoingFile>) -> String {
    let stored = StoredReply {
        text: text.to_string(),
        choices: choices.iter().map(StoredChoice::from).collect(),
        file: file.map(|f| f.file_name.clone()),
    };
    serde_json::to_string(&stored).unwrap_or_default()
}

/// Where a queued reply goes.
#[derive(Debug, Clone, Copy)]
pub struct Destination<'a> {
    /// `None` only for a farewell to an identity deleted in the same transaction.
    pub identity_id: Option<IdentityId>,
    pub channel: Channel,
    pub chat_id: &'a str,
    /// The message the first piece replaces, if any.
    pub edit_message_id: Option<&'a str>,
}

/// Queues `reply`, split into messages of at most the channel's
/// [`Channel::max_message_chars`] characters (the choices ride on the last one). A file goes
/// with the last piece as its caption when that piece is within
/// [`Channel::max_caption_chars`] and has no choices, else in a message of its own after them.
/// A reply [`Reply::scrub_after_send`] flags every text piece (see `blank_if_flagged!`); its
/// file, if any, always goes in a message of its own, unflagged, so blanking a flagged row
/// never loses the name of a file still to be deleted.
pub async fn enqueue(tx: &mut Tx, to: Destination<'_>, reply: &Reply) -> Result<()> {
    let now = tx.now_millis();
    let pieces = split_text(&reply.text, to.channel.max_message_chars());
    let last = pieces.len() - 1;
    let file = reply.file.as_ref();
    let caption_fits = reply.choices.is_empty()
        && !reply.scrub_after_send
        && pieces[last].chars().count() <= to.channel.max_caption_chars();
    let flag = i64::from(reply.scrub_after_send);
    let mut bodies: Vec<(String, i64)> = pieces
        .iter()
        .enumerate()
        .map(|(i, piece)| {
            let choices: &[Choice] = if i == last { &reply.choices } else { &[] };
            let file = file.filter(|_| i == last && caption_fits);
            (encode(piece, choices, file), flag)
        })
        .collect();
    if file.is_some() && !caption_fits {
        bodies.push((encode("", &[], file), 0));
    }
    let (identity_id, channel) = (to.identity_id.map(IdentityId::get), to.channel.as_str());
    for (i, (body, flag)) in bodies.iter().enumerate() {
        let edit_message_id = if i == 0 { to.edit_message_id } else { None };
        let values = args![
            identity_id,
            channel,
            to.chat_id,
            body,
            now,
            edit_message_id,
            *flag
        ];
        statement::run(tx, ENQUEUE, values).await?;
    }
    Ok(())
}

const ENQUEUE: &str = "INSERT INTO outbox
         (identity_id, channel, chat_id, body, next_attempt_at, created_at, edit_message_id,
          scrub_after_send)
     VALUES ($1, $2, $3, $4, $5, $5, $6, $7)";

/// Queues `reply` to the chat the user wrote from last (or any active identity of theirs);
/// `false` when the user has no active identity (one on a channel this build does not know
/// counts as none).
pub async fn enqueue_for_user(tx: &mut Tx, user_id: UserId, reply: &Reply) -> Result<bool> {
    let identity: Option<(i64, String, String)> =
        statement::optional(tx, LAST_IDENTITY, args![user_id.get()]).await?;
    let Some((identity_id, channel, chat_id)) = identity else {
        return Ok(false);
    };
    let Some(channel) = Channel::from_name(&channel) else {
        return Ok(false);
    };
    let to = Destination {
        identity_id: Some(IdentityId::new(identity_id)),
        channel,
        chat_id: &chat_id,
        edit_message_id: None,
    };
    enqueue(tx, to, reply).await?;
    Ok(true)
}

const LAST_IDENTITY: &str = "SELECT i.id, i.channel, i.chat_id
     FROM identities i JOIN users u ON u.id = i.user_id
     WHERE i.user_id = $1 AND i.active = 1
     ORDER BY CASE WHEN i.id = u.last_identity_id THEN 0 ELSE 1 END, i.id LIMIT 1";

/// The body a flagged row keeps once it was sent, refused or dropped: an empty reply.
pub const BLANK_BODY: &str = r#"{"text":""}"#;

/// The `SET` clause that blanks a row flagged `scrub_after_send` (its text and buttons go;
/// a flagged row carries no file, see [`enqueue`]); an unflagged row keeps its body. Every
/// statement below that ends a row's delivery (sent, failed, dropped) includes it, so a
/// flagged row's content never outlives its delivery by a single commit.
macro_rules! blank_if_flagged {
    () => {
        "body = CASE WHEN scrub_after_send = 1 THEN '{\"text\":\"\"}' ELSE body END"
    };
}

/// No earlier pending row of the same chat (`o`) is waiting past `$1` (now).
macro_rules! nothing_earlier_waiting {
    () => {
        "NOT EXISTS (SELECT 1 FROM outbox e WHERE e.channel = o.channel AND e.chat_id = o.chat_id
                     AND e.status = 'pending' AND e.id < o.id AND e.next_attempt_at > $1)"
    };
}

macro_rules! row_columns {
    () => {
        "id, identity_id, channel, chat_id, body, attempts, edit_message_id"
    };
}

/// Pending rows of `channel` (optionally one chat) whose next attempt is due, oldest first.
/// On PostgreSQL the rows are locked with `SKIP LOCKED` until the transaction ends.
pub async fn pending(
    tx: &mut Tx,
    backend: Backend,
    channel: &str,
    chat_id: Option<&str>,
    now: i64,
    limit: i64,
) -> Result<Vec<OutboxRow>> {
    let values = args![channel, now, chat_id, limit];
    PENDING.take(tx, backend, values).await
}

const PENDING: Lease = lease::skip_locked!(
    concat!(
        "SELECT ",
        row_columns!(),
        " FROM outbox
         WHERE channel = $1 AND status = 'pending' AND next_attempt_at <= $2
           AND ($3 IS NULL OR chat_id = $3)
         ORDER BY id LIMIT $4"
    ),
    "",
);

/// Leases up to `limit` due rows of `channel` until `lease_until`: they are not handed out
/// again before then, so the network calls happen outside any transaction. A row whose chat
/// has an earlier pending row that is not due (in back-off, or leased — for example a
/// document being uploaded) waits for it, so a chat's messages never overtake each other,
/// whichever sender or instance holds the earlier one.
pub async fn lease(
    tx: &mut Tx,
    backend: Backend,
    channel: &str,
    now: i64,
    lease_until: i64,
    limit: i64,
) -> Result<Vec<OutboxRow>> {
    let key = format!("chatcrm-outbox-lease:{channel}");
    lease::one_at_a_time(tx, backend, &key).await?;
    let values = args![now, lease_until, limit, channel];
    let mut rows: Vec<OutboxRow> = LEASE.take(tx, backend, values).await?;
    rows.sort_by_key(|r| r.id);
    Ok(rows)
}

const LEASE: Lease = lease::sql!(
    table: outbox o,
    set: "next_attempt_at = $2",
    due: concat!(
        "o.channel = $4 AND o.status = 'pending' AND o.next_attempt_at <= $1 AND ",
        nothing_earlier_waiting!()
    ),
    order: "o.id",
    returning: row_columns!(),
);

/// Marks a row delivered, with the channel's message id when it gave one; `false` when the
/// row was no longer pending (another sender or a deletion got there first). Every outcome
/// below changes only a pending row, so a late sender never overwrites a final state.
pub async fn mark_sent(
    tx: &mut Tx,
    id: OutboxId,
    provider_message_id: Option<&str>,
) -> Result<bool> {
    let now = tx.now_millis();
    let values = args![now, provider_message_id, id.get()];
    Ok(statement::run(tx, MARK_SENT, values).await? == 1)
}

const MARK_SENT: &str = concat!(
    "UPDATE outbox SET status = 'sent', sent_at = $1, attempts = attempts + 1,
        provider_message_id = $2, error = NULL, ",
    blank_if_flagged!(),
    " WHERE id = $3 AND status = 'pending'"
);

/// Schedules another attempt at `next_attempt_at` after a temporary failure.
pub async fn retry_later(
    tx: &mut Tx,
    id: OutboxId,
    next_attempt_at: i64,
    error: &str,
) -> Result<()> {
    statement::run(tx, RETRY_LATER, args![next_attempt_at, error, id.get()]).await?;
    Ok(())
}

const RETRY_LATER: &str =
    "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $1, error = $2
     WHERE id = $3 AND status = 'pending'";

/// Puts a leased row back without counting an attempt (shaping said "not yet"), or keeps
/// it leased until `next_attempt_at` (an upload that takes long); `false` when the row is
/// no longer pending.
pub async fn postpone(tx: &mut Tx, id: OutboxId, next_attempt_at: i64) -> Result<bool> {
    Ok(statement::run(tx, POSTPONE, args![next_attempt_at, id.get()]).await? == 1)
}

const POSTPONE: &str =
    "UPDATE outbox SET next_attempt_at = $1 WHERE id = $2 AND status = 'pending'";

/// Makes a row this process leased until `leased_until` due at `now` again; nothing when
/// its lease has changed since (another sender took it after the lease ended) or it is no
/// longer pending.
pub async fn hand_back(tx: &mut Tx, id: OutboxId, leased_until: i64, now: i64) -> Result<()> {
    statement::run(tx, HAND_BACK, args![now, id.get(), leased_until]).await?;
    Ok(())
}

const HAND_BACK: &str = "UPDATE outbox SET next_attempt_at = $1
     WHERE id = $2 AND status = 'pending' AND next_attempt_at = $3";

/// Gives up on a row (permanent failure); it stays for inspection. `false` when the row
/// was no longer pending.
pub async fn mark_failed(tx: &mut Tx, id: OutboxId, error: &str) -> Result<bool> {
    Ok(statement::run(tx, MARK_FAILED, args![error, id.get()]).await? == 1)
}

const MARK_FAILED: &str = concat!(
    "UPDATE outbox SET status = 'failed', attempts = attempts + 1, error = $1, ",
    blank_if_flagged!(),
    " WHERE id = $2 AND status = 'pending'"
);

/// Drops one pending row (its chat can no longer be written to); returns the file it
/// carried, if any, for the caller to delete after commit.
pub async fn drop_row(tx: &mut Tx, id: OutboxId, error: &str) -> Result<Option<String>> {
    let body: Option<String> = statement::value_opt(tx, DROP_ROW, args![error, id.get()]).await?;
    Ok(body.as_deref().and_then(file_of))
}

const DROP_ROW: &str = concat!(
    "UPDATE outbox SET status = 'dropped', error = $1, ",
    blank_if_flagged!(),
    " WHERE id = $2 AND status = 'pending'
     RETURNING body"
);

/// Stops sending to an identity that blocked us (or whose window closed) as of `since`, when
/// the refused message was sent: its pending rows queued until then are dropped, and it is
/// marked inactive — unless it has written since (a row queued after `since` answers that
/// newer message: it stays pending and the identity active, so a user who unblocks and
/// writes at once is answered). Returns the files the dropped rows carried, for the caller
/// to delete after commit.
pub async fn deactivate_identity(
    tx: &mut Tx,
    identity_id: IdentityId,
    error: &str,
    since: i64,
) -> Result<Vec<String>> {
    let files = drop_pending(tx, identity_id, error, since).await?;
    statement::run(tx, DEACTIVATE_IDENTITY, args![identity_id.get(), since]).await?;
    Ok(files)
}

const DEACTIVATE_IDENTITY: &str = "UPDATE identities SET active = 0 WHERE id = $1 AND NOT EXISTS (
         SELECT 1 FROM outbox WHERE identity_id = $1 AND status = 'pending' AND created_at > $2)";

/// Drops the pending rows of an identity (an unlinked chat, or one that blocked us) queued
/// until `queued_until` (`i64::MAX`: all of them); returns the files they carried, for the
/// caller to delete after commit.
pub async fn drop_pending(
    tx: &mut Tx,
    identity_id: IdentityId,
    error: &str,
    queued_until: i64,
) -> Result<Vec<String>> {
    let values = args![error, identity_id.get(), queued_until];
    let bodies = statement::values(tx, DROP_PENDING, values).await?;
    Ok(files_of(&bodies))
}

const DROP_PENDING: &str = concat!(
    "UPDATE outbox SET status = 'dropped', error = $1, ",
    blank_if_flagged!(),
    " WHERE identity_id = $2 AND status = 'pending' AND created_at <= $3
     RETURNING body"
);

/// Drops the pending rows to a chat without an identity (a Telegram group that removed the
/// bot) queued until `queued_until`; returns the files they carried.
pub async fn drop_chat_pending(
    tx: &mut Tx,
    channel: &str,
    chat_id: &str,
    error: &str,
    queued_until: i64,
) -> Result<Vec<String>> {
    let values = args![error, channel, chat_id, queued_until];
    let bodies = statement::values(tx, DROP_CHAT_PENDING, values).await?;
    Ok(files_of(&bodies))
}

const DROP_CHAT_PENDING: &str = concat!(
    "UPDATE outbox SET status = 'dropped', error = $1, ",
    blank_if_flagged!(),
    " WHERE channel = $2 AND chat_id = $3 AND identity_id IS NULL AND status = 'pending'
       AND created_at <= $4
     RETURNING body"
);

/// Drops and blanks every row flagged `scrub_after_send` still waiting for `user_id`'s chats
/// (the user disconnected Google: what it carries was just deleted). Only pending rows can
/// still hold a flagged row's content: sent, failed and dropped ones were blanked when they
/// got there. Returns how many rows were blanked.
pub async fn scrub_for_user(tx: &mut Tx, user_id: UserId, error: &str) -> Result<u64> {
    statement::run(tx, SCRUB_FOR_USER, args![error, user_id.get()]).await
}

const SCRUB_FOR_USER: &str = concat!(
    "UPDATE outbox SET status = 'dropped', error = $1, ",
    blank_if_flagged!(),
    " WHERE scrub_after_send = 1 AND status = 'pending'
       AND identity_id IN (SELECT id FROM identities WHERE user_id = $2)"
);

/// The export file a stored reply carries, if any.
fn file_of(body: &str) -> Option<String> {
    serde_json::from_str::<StoredReply>(body).ok()?.file
}

/// The export files the dropped rows' bodies carried.
fn files_of(bodies: &[String]) -> Vec<String> {
    bodies.iter().filter_map(|body| file_of(body)).collect()
}

/// Rows of `channel` still waiting (for /readyz and metrics).
pub async fn depth(pool: &sqlx::AnyPool, channel: &str) -> Result<i64> {
    let mut connection = pool.acquire().await?;
    statement::value(&mut connection, DEPTH, args![channel]).await
}

const DEPTH: &str = "SELECT COUNT(*) FROM outbox WHERE channel = $1 AND status = 'pending'";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_reply_keeps_its_links_and_reads_old_bodies() {
        let reply = Reply::text("Connect:").with_choices(vec![
            Choice::link("Open Google", "https://accounts.example/auth"),
            Choice::new("Cancel", "cancel"),
        ]);
        let body = encode(&reply.text, &reply.choices, None);
        let row = OutboxRow {
            id: crate::crm::ids::OutboxId::new(1),
            identity_id: None,
            channel: "telegram".into(),
            chat_id: "1".into(),
            body,
            attempts: 0,
            edit_message_id: None,
        };
        assert_eq!(row.reply(), reply);
        let old = OutboxRow {
            body: r#"{"text":"x","choices":[["Yes","y"]]}"#.into(),
            ..row
        };
        assert_eq!(old.reply().choices, [Choice::new("Yes", "y")]);
    }

    #[test]
    fn a_blanked_body_is_an_empty_reply() {
        assert!(blank_if_flagged!().contains(&format!("'{BLANK_BODY}'")));
        let row = OutboxRow {
            id: crate::crm::ids::OutboxId::new(1),
            identity_id: None,
            channel: "telegram".into(),
            chat_id: "1".into(),
            body: BLANK_BODY.into(),
            attempts: 1,
            edit_message_id: None,
        };
        assert_eq!(row.reply(), Reply::default());
    }
}
