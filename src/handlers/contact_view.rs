//! /contacts [query] (paginated, searched by any field) and /contact C1 (the card).

use super::render::{contact_card, contact_line};
use super::{Ctx, Replies};
use crate::channel::{Choice, Reply};
use crate::crm::{Handle, RecordKind};
use crate::router::Button;
use crate::store::contacts;
use crate::tr;

/// Longest search text kept in a page button.
const MAX_QUERY_CHARS: usize = 40;

pub async fn list(ctx: &mut Ctx<'_>, query: &str, page: u32) -> Replies {
    let query: String = query.trim().chars().take(MAX_QUERY_CHARS).collect();
    let size = i64::from(ctx.settings.page_size);
    let offset = i64::from(page) * size;
    let search = Some(query.as_str()).filter(|q| !q.is_empty());
    let (rows, total) =
        contacts::page(ctx.tx, ctx.actor.workspace_id, search, size, offset).await?;
    if total == 0 {
        let text = match search {
            Some(q) => tr!(
                ctx.actor.locale,
                "contacts-none-match",
                query = q.to_string()
            ),
            None => ctx.t("contacts-empty"),
        };
        return Ok(vec![Reply::text(text)]);
    }
    if rows.is_empty() {
        // A stale page button after deletions: show the first page instead.
        return Box::pin(list(ctx, &query, 0)).await;
    }
    let pages = (total + size - 1) / size;
    let mut text = tr!(
        ctx.actor.locale,
        "contacts-header",
        count = total,
        page = i64::from(page) + 1,
        pages = pages
    );
    for contact in &rows {
        text.push('\n');
        text.push_str(&contact_line(contact));
    }
    let mut choices = Vec::new();
    if page > 0 {
        let button = Button::ContactsPage {
            page: page - 1,
            query: query.clone(),
        };
        choices.push(Choice::new(ctx.t("choice-previous"), button.encode()));
    }
    if offset + size < total {
        let button = Button::ContactsPage {
            page: page + 1,
            query,
        };
        choices.push(Choice::new(ctx.t("choice-next"), button.encode()));
    }
    Ok(vec![Reply::text(text).with_choices(choices)])
}

pub async fn show(ctx: &mut Ctx<'_>, input: &str) -> Replies {
    let Some(handle) = contact_handle(input) else {
        return Ok(vec![Reply::text(bad_handle_message(
            ctx,
            input,
            "usage-contact",
        ))]);
    };
    match contacts::by_handle(ctx.tx, ctx.actor.workspace_id, handle.number).await? {
        Some(contact) => Ok(vec![Reply::text(contact_card(&contact))]),
        None => Ok(vec![Reply::text(not_found(ctx, handle))]),
    }
}

/// Parses a contact handle typed by the user.
pub fn contact_handle(input: &str) -> Option<Handle> {
    Handle::parse(input).filter(|h| h.kind == RecordKind::Contact)
}

/// The message for a missing or malformed handle: the usage line, or what was wrong.
pub fn bad_handle_message(ctx: &Ctx<'_>, input: &str, usage_key: &str) -> String {
    if input.trim().is_empty() {
        ctx.t(usage_key)
    } else {
        let input = super::render::shorten(input.trim(), 20);
        tr!(ctx.actor.locale, "not-a-contact-handle", input = input)
    }
}

/// "There is no contact C9 in this workspace."
pub fn not_found(ctx: &Ctx<'_>, handle: Handle) -> String {
    tr!(
        ctx.actor.locale,
        "contact-not-found",
        handle = handle.to_string()
    )
}
