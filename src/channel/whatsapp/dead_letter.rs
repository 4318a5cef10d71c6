//! Dead letters: a webhook delivery that fails the same way every time (a deterministic
//! error such as a refused statement or an unreadable value), or keeps failing after the
//! bounded number of attempts, is given up on for good. In one transaction the inbox row
//! is settled with its error, its unhandled messages are marked handled (a redelivery is a
//! duplicate), each of their senders gets one localized apology through the outbox, and
//! an audit entry is written; then the metric and a warn line tell
//! the operator (`/readyz` also counts the last hour's dead letters).

use tracing::warn;

use super::{CHANNEL, WhatsApp, inbound};
use crate::crm::InboxId;
use crate::i18n::Locale;
use crate::message::{Channel, Reply};
use crate::store::inbound as claimed;
use crate::store::outbox::{self, Destination};
use crate::store::{self, delivery, privacy, webhook_inbox};

/// Settles delivery `id` as a dead letter and apologizes to its senders, once (a row
/// another processor already settled changes nothing).
pub async fn give_up(
    whatsapp: &WhatsApp,
    id: InboxId,
    body: &str,
    error: &store::Error,
) -> store::Result<()> {
    let store = whatsapp.engine.store();
    let now = store.now_millis();
    let mut tx = store.begin().await?;
    if !webhook_inbox::dead_letter(&mut tx, id, now, &error.to_string()).await? {
        tx.rollback().await?;
        return Ok(());
    }
    // Its messages not handled yet are claimed as handled, so a redelivery of the same
    // message is a duplicate; each of their senders is told once.
    let messages = inbound::parse(body, &whatsapp.phone_number_id)
        .map(|delivery| delivery.messages)
        .unwrap_or_default();
    let mut senders = Vec::new();
    for message in messages {
        let inbound = message.inbound;
        let fresh = match &inbound.update_id {
            Some(wamid) => claimed::claim(&mut tx, CHANNEL, wamid).await?,
            None => true,
        };
        if fresh {
            senders.push((inbound.user_id, inbound.chat_id));
        }
    }
    senders.sort();
    senders.dedup();
    for (user_id, chat_id) in &senders {
        let identity = delivery::active_identity_locale(&mut tx, CHANNEL, user_id).await?;
        let locale = Locale::from_language_code(identity.as_ref().and_then(|i| i.1.as_deref()));
        let to = Destination {
            identity_id: identity.map(|i| i.0),
            channel: Channel::WhatsApp,
            chat_id,
            edit_message_id: None,
        };
        outbox::enqueue(
            &mut tx,
            to,
            &Reply::text(locale.text("delivery-dead-letter")),
        )
        .await?;
    }
    privacy::audit(
        &mut tx,
        "system",
        "webhook.dead_letter",
        &format!("{CHANNEL}:{id}"),
        now,
    )
    .await?;
    tx.commit().await?;
    crate::metrics::webhook_dead_letter(CHANNEL);
    warn!(
        %error,
        delivery = %id,
        "a WhatsApp delivery was dead-lettered: it will not be processed again; its sender was told"
    );
    if !senders.is_empty() {
        whatsapp.wake.notify_one();
    }
    Ok(())
}
