//! What happens to a message after the channel accepted it: delivery statuses reported by
//! the channel (WhatsApp: sent < delivered < read, or failed), which only move forward, and
//! re-engagement when a user is outside WhatsApp's 24-hour customer window (free-form sends
//! stop until they write again; a configured template is queued instead).

use serde::{Deserialize, Serialize};

use super::statement::{self, args};
use super::{Tx, outbox};
use crate::crm::{IdentityId, OutboxId};
use crate::store::Result;

/// The channel of these rows.
const CHANNEL: &str = "whatsapp";
/// At most one re-engagement template per chat in this long.
const REENGAGE_EVERY_MS: i64 = 24 * 3600 * 1000;

/// A delivery status, in the only order it may change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DeliveryStatus {
    Sent,
    Delivered,
    Read,
    Failed,
}

impl DeliveryStatus {
    /// The status a channel names; `None` for ones we do not track ("played", "deleted").
    pub fn parse(name: &str) -> Option<DeliveryStatus> {
        match name {
            "sent" => Some(DeliveryStatus::Sent),
            "delivered" => Some(DeliveryStatus::Delivered),
            "read" => Some(DeliveryStatus::Read),
            "failed" => Some(DeliveryStatus::Failed),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Sent => "sent",
            DeliveryStatus::Delivered => "delivered",
            DeliveryStatus::Read => "read",
            DeliveryStatus::Failed => "failed",
        }
    }

    fn rank(self) -> i64 {
        match self {
            DeliveryStatus::Sent => 1,
            DeliveryStatus::Delivered => 2,
            DeliveryStatus::Read => 3,
            DeliveryStatus::Failed => 4,
        }
    }
}

/// The outbox row a status moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    pub outbox_id: OutboxId,
    pub identity_id: Option<IdentityId>,
    pub chat_id: String,
}

/// Records `status` on the row sent as `provider_message_id`, unless the row already has
/// that status or a later one (a late "delivered" never overwrites "read"). A failure
/// keeps its error (code and title). `None` when no row moved.
pub async fn record_status(
    tx: &mut Tx,
    provider_message_id: &str,
    status: DeliveryStatus,
    error: Option<&str>,
) -> Result<Option<Moved>> {
    let (status, rank) = (status.as_str(), status.rank());
    let values = args![status, error, CHANNEL, provider_message_id, rank];
    let row: Option<(i64, Option<i64>, String)> =
        statement::optional(tx, RECORD_STATUS, values).await?;
    Ok(row.map(|(outbox_id, identity_id, chat_id)| Moved {
        outbox_id: OutboxId::new(outbox_id),
        identity_id: identity_id.map(IdentityId::new),
        chat_id,
    }))
}

const RECORD_STATUS: &str = "UPDATE outbox SET delivery_status = $1, error = COALESCE($2, error)
     WHERE channel = $3 AND provider_message_id = $4
       AND (CASE delivery_status WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2
            WHEN 'read' THEN 3 WHEN 'failed' THEN 4 ELSE 0 END) < $5
     RETURNING id, identity_id, chat_id";

/// How a queued template message is stored in `outbox.body` (with an empty `text`, so
/// other readers of the row see an empty reply).
#[derive(Debug, Serialize, Deserialize)]
pub struct TemplateBody {
    pub template: String,
    #[serde(default)]
    pub text: String,
}

impl TemplateBody {
    /// The template a row's body asks for, if it is a template row.
    pub fn of(body: &str) -> Option<String> {
        serde_json::from_str::<TemplateBody>(body)
            .ok()
            .map(|b| b.template)
    }
}

/// The user behind `identity_id` is outside the 24-hour window: free-form sends stop (the
/// identity goes inactive and its pending rows are dropped, until they write again) and,
/// when `template` is given and none was queued for this chat in the last 24 hours, the
/// template is queued.
pub async fn window_closed(
    tx: &mut Tx,
    outbox_id: OutboxId,
    identity_id: Option<IdentityId>,
    chat_id: &str,
    error: &str,
    template: Option<&str>,
) -> Result<WindowClosed> {
    let mut closed = WindowClosed::default();
    if let Some(identity_id) = identity_id {
        // As of when the refused message went out: a reply queued after it answers a newer
        // message of the user, which opened the window again.
        let sent: Option<i64> = statement::value_opt(tx, SENT_AT, args![outbox_id.get()]).await?;
        let since = sent.unwrap_or_else(|| tx.now_millis());
        closed.dropped_files = outbox::deactivate_identity(tx, identity_id, error, since).await?;
    }
    let Some(template) = template.filter(|t| !t.is_empty()) else {
        return Ok(closed);
    };
    let now = tx.now_millis();
    let values = args![CHANNEL, chat_id, now - REENGAGE_EVERY_MS];
    let recent: i64 = statement::value(tx, RECENT_TEMPLATES, values).await?;
    if recent > 0 {
        return Ok(closed);
    }
    let body = serde_json::to_string(&TemplateBody {
        template: template.to_string(),
        text: String::new(),
    })
    .unwrap_or_default();
    let identity_id = identity_id.map(IdentityId::get);
    let values = args![identity_id, CHANNEL, chat_id, body, now];
    statement::run(tx, QUEUE_TEMPLATE, values).await?;
    closed.template_queued = true;
    Ok(closed)
}

const SENT_AT: &str = "SELECT COALESCE(sent_at, created_at) FROM outbox WHERE id = $1";

const RECENT_TEMPLATES: &str = "SELECT COUNT(*) FROM outbox WHERE channel = $1 AND chat_id = $2
       AND body LIKE '{\"template\":%' AND created_at > $3 AND status IN ('pending', 'sent')";

const QUEUE_TEMPLATE: &str =
    "INSERT INTO outbox (identity_id, channel, chat_id, body, next_attempt_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $5)";

/// What closing a user's 24-hour window did.
#[derive(Debug, Default)]
pub struct WindowClosed {
    /// A re-engagement template was queued.
    pub template_queued: bool,
    /// Export files of the rows dropped, to delete once committed.
    pub dropped_files: Vec<String>,
}

/// The locale code of the user behind an identity (for the few words the channel itself
/// adds to a message, such as a list's button).
pub async fn identity_locale(
    pool: &sqlx::AnyPool,
    identity_id: IdentityId,
) -> Result<Option<String>> {
    let mut connection = pool.acquire().await?;
    statement::value_opt(&mut connection, IDENTITY_LOCALE, args![identity_id.get()]).await
}

const IDENTITY_LOCALE: &str =
    "SELECT u.locale FROM identities i JOIN users u ON u.id = i.user_id WHERE i.id = $1";

/// The active identity of `external_id` on `channel` and its user's locale code, when
/// there is one (a dead letter's senders are told in their language).
pub async fn active_identity_locale(
    tx: &mut Tx,
    channel: &str,
    external_id: &str,
) -> Result<Option<(IdentityId, Option<String>)>> {
    let values = args![channel, external_id];
    let row: Option<(i64, Option<String>)> =
        statement::optional(tx, ACTIVE_IDENTITY_LOCALE, values).await?;
    Ok(row.map(|(id, locale)| (IdentityId::new(id), locale)))
}

const ACTIVE_IDENTITY_LOCALE: &str = "SELECT i.id, u.locale
     FROM identities i JOIN users u ON u.id = i.user_id
     WHERE i.channel = $1 AND i.external_id = $2 AND i.active = 1";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_only_move_forward() {
        assert!(DeliveryStatus::Sent < DeliveryStatus::Delivered);
        assert!(DeliveryStatus::Delivered < DeliveryStatus::Read);
        assert_eq!(DeliveryStatus::parse("played"), None);
        assert_eq!(
            TemplateBody::of(r#"{"template":"hello_again","text":""}"#).as_deref(),
            Some("hello_again")
        );
        assert_eq!(TemplateBody::of(r#"{"text":"hi","choices":[]}"#), None);
    }
}
