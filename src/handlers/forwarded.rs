//! Forwarded messages: logged as a note on the timeline of the contact with the sender's
//! name, or, when there is none, offered as a new contact ("Add as contact").

use serde_json::json;

use super::render::shorten;
use super::{Ctx, Replies, asking};
use crate::crm::contact::validate_text;
use crate::crm::duplicate;
use crate::crm::task::MAX_BODY_CHARS;
use crate::crm::{Contact, ContactDraft, ContactField, RecordKind};
use crate::router::{Button, Dialogue};
use crate::store::{self, contacts, dialogues, notes};
use crate::tr;

pub async fn forwarded(ctx: &mut Ctx<'_>, from_name: &str, text: &str) -> Replies {
    let from_name = from_name.trim();
    let text: String = text.chars().take(MAX_BODY_CHARS).collect();
    if let Some(contact) = by_name(ctx, from_name).await? {
        return log_on(ctx, &contact, &text).await;
    }
    let dialogue = Dialogue::Forwarded {
        from_name: from_name.to_string(),
        text,
    };
    dialogues::save(ctx.tx, ctx.actor.identity_id, &dialogue).await?;
    let question = tr!(
        ctx.actor.locale,
        "forwarded-unknown",
        name = shorten(from_name, 60)
    );
    let yes = "choice-add-contact";
    asking::confirm(ctx, question, yes, Button::AddForwarded, "choice-cancel")
}

/// "Add as contact": creates the sender and logs the waiting message on them.
pub async fn add_sender(ctx: &mut Ctx<'_>) -> Replies {
    let Some(Dialogue::Forwarded { from_name, text }) =
        dialogues::load::<Dialogue>(ctx.tx, ctx.actor.identity_id).await?
    else {
        return ctx.expired();
    };
    dialogues::clear(ctx.tx, ctx.actor.identity_id).await?;
    let name = match validate_text(ContactField::Name, &from_name) {
        Ok(name) => name.unwrap_or_default(),
        Err(_) => return ctx.say(ctx.t("name-required")),
    };
    let draft = ContactDraft {
        name,
        ..ContactDraft::default()
    };
    let contact = super::new_records::save_new(ctx, &draft, None).await?;
    log_on(ctx, &contact, &text).await
}

/// The contact whose name is the sender's name (case and accents ignored): the oldest
/// contact the duplicate check would flag for its name.
async fn by_name(ctx: &mut Ctx<'_>, name: &str) -> store::Result<Option<Contact>> {
    let draft = ContactDraft {
        name: name.to_string(),
        ..ContactDraft::default()
    };
    let candidates = contacts::likely_duplicates(ctx.tx, ctx.actor.workspace_id, &draft).await?;
    Ok(candidates
        .into_iter()
        .find(|c| duplicate::same_name(&c.name, name)))
}

async fn log_on(ctx: &mut Ctx<'_>, contact: &Contact, text: &str) -> Replies {
    let body = tr!(ctx.actor.locale, "forwarded-note", text = text.to_string());
    let note = notes::insert(
        ctx.tx,
        ctx.actor.workspace_id,
        RecordKind::Contact,
        contact.id.into(),
        &body,
        ctx.actor.user_id,
    )
    .await?;
    ctx.log(
        RecordKind::Contact,
        contact.id,
        "note",
        json!({ "note": note.handle().to_string() }),
    )
    .await?;
    ctx.say(tr!(
        ctx.actor.locale,
        "forwarded-logged",
        handle = contact.handle().to_string(),
        name = contact.name.clone()
    ))
}
