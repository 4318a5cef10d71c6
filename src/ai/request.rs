//! The proof that the model is called only for what a user started (issue 13 item 5,
//! privacy policy §11.4). A request row is recorded only by [`record`], which takes a
//! [`FromUser`] — a value only the router makes, from an inbound user message. The worker
//! turns a leased row into a [`UserInitiated`] (private fields, made only by [`lease`]), and
//! the one path to the model (`ai::worker`, the only caller of `Model::complete`, which is
//! `pub(in crate::ai)`) takes a `&UserInitiated`. Reminders, digests, retention, imports,
//! the WhatsApp inbox and the admin API hold neither value, so they cannot reach the model.

use super::Feature;
use crate::crm::{Actor, IdentityId, UserId, WorkspaceId};
use crate::message::Channel;
use crate::router::FromUser;
use crate::store::ai_requests::{self, NewRequest, Outcome, RequestRow};
use crate::store::{self, Store, Tx};

/// The longest input kept on a request, in characters (a chat message is at most 4,096).
pub const MAX_INPUT_CHARS: usize = 4000;

/// How a recorded request starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// Waiting for the worker.
    Queued,
    /// Waiting for the user's answer to the AI consent question.
    AwaitingConsent,
}

/// Records a request of `feature` with `input`, sent by `actor` in the message `from`, in
/// the update's transaction; returns its id. The only caller of the store's insert.
pub async fn record(
    tx: &mut Tx,
    from: &FromUser,
    actor: &Actor,
    feature: Feature,
    input: &str,
    start: Start,
) -> store::Result<i64> {
    let input: String = input.chars().take(MAX_INPUT_CHARS).collect();
    let version = super::prompts::version(feature);
    let request = NewRequest {
        workspace_id: actor.workspace_id,
        user_id: actor.user_id,
        identity_id: actor.identity_id,
        channel: from.channel().as_str(),
        chat_id: from.chat_id(),
        feature: feature.as_str(),
        input: &input,
        prompt_version: &version,
        status: match start {
            Start::Queued => ai_requests::QUEUED,
            Start::AwaitingConsent => ai_requests::WAITING_CONSENT,
        },
    };
    ai_requests::insert(tx, &request).await
}

/// A request a user started, leased by the worker. Only [`lease`] makes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserInitiated {
    id: i64,
    workspace_id: WorkspaceId,
    user_id: UserId,
    identity_id: IdentityId,
    channel: Channel,
    chat_id: String,
    feature: Feature,
    input: String,
    attempts: i64,
}

impl UserInitiated {
    pub fn id(&self) -> i64 {
        self.id
    }

    /// The workspace the user was in when they sent it (the only one the feature reads).
    pub fn workspace_id(&self) -> WorkspaceId {
        self.workspace_id
    }

    pub fn user_id(&self) -> UserId {
        self.user_id
    }

    /// The channel identity that sent it (the answer goes back to it).
    pub fn identity_id(&self) -> IdentityId {
        self.identity_id
    }

    pub fn channel(&self) -> Channel {
        self.channel
    }

    pub fn chat_id(&self) -> &str {
        &self.chat_id
    }

    pub fn feature(&self) -> Feature {
        self.feature
    }

    /// What the user typed.
    pub fn input(&self) -> &str {
        &self.input
    }

    /// Leases taken so far, this one included.
    pub fn attempts(&self) -> i64 {
        self.attempts
    }
}

/// Leases up to `limit` queued requests until `lease_until`. A row this build cannot read
/// (an unknown feature or channel, from a newer version) is failed, not leased.
pub(in crate::ai) async fn lease(
    store: &Store,
    now: i64,
    lease_until: i64,
    limit: i64,
) -> store::Result<Vec<UserInitiated>> {
    let rows = ai_requests::lease_due(store, now, lease_until, limit).await?;
    let mut leased = Vec::with_capacity(rows.len());
    for row in rows {
        match from_row(&row) {
            Some(request) => leased.push(request),
            None => {
                tracing::warn!(
                    request = row.id,
                    "an AI request of an unknown kind was failed"
                );
                let mut tx = store.begin().await?;
                let outcome = Outcome {
                    status: ai_requests::FAILED,
                    tokens: 0,
                    error_kind: Some("unknown_kind"),
                };
                ai_requests::finish(&mut tx, row.id, outcome).await?;
                tx.commit().await?;
            }
        }
    }
    Ok(leased)
}

fn from_row(row: &RequestRow) -> Option<UserInitiated> {
    Some(UserInitiated {
        id: row.id,
        workspace_id: WorkspaceId::new(row.workspace_id),
        user_id: UserId::new(row.user_id),
        identity_id: IdentityId::new(row.identity_id),
        channel: Channel::from_name(&row.channel)?,
        chat_id: row.chat_id.clone(),
        feature: Feature::from_stored(&row.feature)?,
        input: row.input.clone(),
        attempts: row.attempts,
    })
}
