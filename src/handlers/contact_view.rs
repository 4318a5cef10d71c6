//! /contacts [query] (paginated, searched by any field) and /contact C1 (the card with the
//! contact's company and deals).

use super::lists::{clean_arg, page_reply, window};
use super::records::{bad_handle_message, not_found};
use super::render::{contact_card, contact_line};
use super::{Ctx, Replies};
use crate::crm::{Contact, Handle, RecordKind};
use crate::router::button::ListKind;
use crate::store::{companies, contacts, deals};
use crate::tr;

pub async fn list(ctx: &mut Ctx<'_>, query: &str, page: u32) -> Replies {
    let query = clean_arg(query);
    let (size, offset) = window(ctx, page);
    let search = Some(query.as_str()).filter(|q| !q.is_empty());
    let (rows, total) = contacts::page(
        ctx.tx,
        ctx.backend,
        ctx.actor.workspace_id,
        search,
        size,
        offset,
    )
    .await?;
    if total.count == 0 {
        return match search {
            Some(q) => ctx.say(tr!(
                ctx.actor.locale,
                "contacts-none-match",
                query = q.to_string()
            )),
            None => ctx.say(ctx.t("contacts-empty")),
        };
    }
    if rows.is_empty() {
        // A stale page button after deletions: show the first page instead.
        return Box::pin(list(ctx, &query, 0)).await;
    }
    let header = tr!(ctx.actor.locale, "contacts-header", count = total.count);
    let lines = rows.iter().map(contact_line).collect();
    Ok(vec![page_reply(
        ctx,
        ListKind::Contacts,
        &query,
        page,
        total,
        header,
        lines,
    )])
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
