//! /contact C1: the card with the contact's company and deals. (/contacts is the contact
//! list of `directory`.)

use super::handles::{bad_handle_message, not_found};
use super::render::contact_card;
use super::{Ctx, Replies};
use crate::crm::{Contact, Handle, RecordKind};
use crate::store::{self, companies, contacts, deals};

pub async fn show(ctx: &mut Ctx<'_>, input: &str) -> Replies {
    let Some(handle) = contact_handle(input) else {
        return ctx.say(bad_handle_message(ctx, input, "usage-contact"));
    };
    show_handle(ctx, handle).await
}

/// The card of contact `handle`, or "not found".
pub async fn show_handle(ctx: &mut Ctx<'_>, handle: Handle) -> Replies {
    let workspace = ctx.actor.workspace_id;
    let Some(contact) = contacts::by_handle(ctx.tx, workspace, handle.number).await? else {
        return ctx.say(not_found(ctx, handle));
    };
    let card = card_text(ctx, &contact).await?;
    ctx.say(card)
}

/// The card of a contact with its company and deals.
pub async fn card_text(ctx: &mut Ctx<'_>, contact: &Contact) -> store::Result<String> {
    let workspace = ctx.actor.workspace_id;
    let company = match contact.company_id {
        Some(id) => companies::by_id(ctx.tx, workspace, id).await?,
        None => None,
    };
    let deals = deals::linked_to(ctx.tx, workspace, Some(contact.id), None).await?;
    Ok(contact_card(ctx, contact, company.as_ref(), &deals))
}

/// Parses a contact handle typed by the user.
pub fn contact_handle(input: &str) -> Option<Handle> {
    Handle::parse(input).filter(|h| h.kind == RecordKind::Contact)
}
