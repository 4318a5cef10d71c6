//! /contacts [query] (paginated, searched by any field) and /contact C1 (the card with the
//! contact's company and deals).

use super::handles::{bad_handle_message, not_found};
use super::lists::RecordList;
use super::render::{contact_card, contact_line};
use super::{Ctx, Replies};
use crate::crm::{Contact, Handle, RecordKind};
use crate::router::button::ListKind;
use crate::store::search::Total;
use crate::store::{companies, contacts, deals};
use crate::tr;

/// The contact list: all contacts, or those a search text matches.
pub struct ContactList;

impl RecordList for ContactList {
    const KIND: ListKind = ListKind::Contacts;
    type Filter = Option<String>;
    type Row = Contact;

    fn filter(_ctx: &Ctx<'_>, arg: &str) -> Result<Option<String>, String> {
        Ok(Some(arg.to_string()).filter(|q| !q.is_empty()))
    }

    fn button_arg(_filter: &Option<String>, arg: &str) -> String {
        arg.to_string()
    }

    async fn fetch(
        ctx: &mut Ctx<'_>,
        search: &Option<String>,
        size: i64,
        offset: i64,
    ) -> sqlx::Result<(Vec<Contact>, Total)> {
        let ws = ctx.actor.workspace_id;
        contacts::page(ctx.tx, ctx.backend, ws, search.as_deref(), size, offset).await
    }

    fn empty(ctx: &Ctx<'_>, search: &Option<String>) -> String {
        match search {
            Some(q) => tr!(ctx.actor.locale, "contacts-none-match", query = q.clone()),
            None => ctx.t("contacts-empty"),
        }
    }

    fn header(ctx: &Ctx<'_>, _search: &Option<String>, total: &Total) -> String {
        tr!(ctx.actor.locale, "contacts-header", count = total.count)
    }

    fn line(_ctx: &Ctx<'_>, row: &Contact) -> String {
        contact_line(row)
    }
}

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
pub async fn card_text(ctx: &mut Ctx<'_>, contact: &Contact) -> sqlx::Result<String> {
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
