//! /new_company [name, domain, phone], /companies [query] and company cards (with the
//! company's contacts and deals).

use serde_json::json;

use super::lists::{clean_arg, page_reply, window};
use super::records::not_found;
use super::render::{company_line, contact_line, deal_line, shorten};
use super::{Ctx, Replies};
use crate::crm::company::CompanyField;
use crate::crm::{CompanyDraft, Handle, RecordKind};
use crate::message::{Choice, Reply};
use crate::router::button::ListKind;
use crate::router::{Button, Dialogue};
use crate::store::{companies, contacts, deals, dialogues};
use crate::tr;

pub async fn new_company(ctx: &mut Ctx<'_>, args: &str) -> Replies {
    if args.trim().is_empty() {
        dialogues::save(ctx.tx, ctx.actor.identity_id, &Dialogue::NewCompany).await?;
        let cancel = Choice::new(ctx.t("choice-cancel"), Button::Cancel.encode());
        return Ok(vec![
            Reply::text(ctx.t("ask-company-name")).with_choices(vec![cancel]),
        ]);
    }
    create(ctx, args).await
}

/// The answer to "What is the company's name?".
pub async fn name_given(ctx: &mut Ctx<'_>, input: Option<String>) -> Replies {
    match input {
        Some(name) => {
            dialogues::clear(ctx.tx, ctx.actor.identity_id).await?;
            create(ctx, &name).await
        }
        None => ctx.say(ctx.t("ask-company-name")),
    }
}

async fn create(ctx: &mut Ctx<'_>, args: &str) -> Replies {
    let draft = match CompanyDraft::parse(args, ctx.region()) {
        Ok(draft) => draft,
        Err((field, value)) => {
            let key = match field {
                CompanyField::Name => "company-bad-name",
                CompanyField::Domain => "company-bad-domain",
                CompanyField::Phone => "company-bad-phone",
            };
            return ctx.say(tr!(ctx.actor.locale, key, value = shorten(&value, 40)));
        }
    };
    super::duplicates::check_company_and_save(ctx, draft).await
}

/// Saves a new company and answers with its line.
pub async fn save_company(ctx: &mut Ctx<'_>, draft: CompanyDraft) -> Replies {
    let ws = ctx.actor.workspace_id;
    let company = companies::insert(ctx.tx, ws, &draft, Some(ctx.actor.user_id)).await?;
    let handle = company.handle().to_string();
    ctx.log(
        RecordKind::Company,
        company.id,
        "created",
        json!({ "handle": handle }),
    )
    .await?;
    let saved = tr!(ctx.actor.locale, "company-created", handle = handle);
    ctx.say(format!("{saved}\n{}", company_line(&company)))
}

pub async fn list(ctx: &mut Ctx<'_>, query: &str, page: u32) -> Replies {
    let query = clean_arg(query);
    let (size, offset) = window(ctx, page);
    let search = Some(query.as_str()).filter(|q| !q.is_empty());
    let (rows, total) = companies::page(
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
                "companies-none-match",
                query = q.to_string()
            )),
            None => ctx.say(ctx.t("companies-empty")),
        };
    }
    if rows.is_empty() {
        return Box::pin(list(ctx, &query, 0)).await;
    }
    let header = tr!(ctx.actor.locale, "companies-header", count = total.count);
    let lines = rows.iter().map(company_line).collect();
    Ok(vec![page_reply(
        ctx,
        ListKind::Companies,
        &query,
        page,
        total,
        header,
        lines,
    )])
}

/// The card of company `handle`: its details, contacts and deals.
pub async fn show_handle(ctx: &mut Ctx<'_>, handle: Handle) -> Replies {
    let ws = ctx.actor.workspace_id;
    let Some(company) = companies::by_handle(ctx.tx, ws, handle.number).await? else {
        return ctx.say(not_found(ctx, handle));
    };
    let mut card = format!("🏢 {}", company_line(&company));
    for contact in contacts::of_company(ctx.tx, ws, company.id).await? {
        card.push_str(&format!("\n👤 {}", contact_line(&contact)));
    }
    for deal in deals::linked_to(ctx.tx, ws, None, Some(company.id)).await? {
        card.push_str(&format!("\n💰 {}", deal_line(ctx, &deal)));
    }
    ctx.say(card)
}
