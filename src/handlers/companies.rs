//! /new_company [name, domain, phone], /companies [query] and company cards (with the
//! company's contacts and deals).

use serde_json::json;

use super::handles::not_found;
use super::render::{company_line, contact_line, deal_line, shorten};
use super::{Ctx, Replies};
use crate::channel::{Choice, Reply};
use crate::crm::company::CompanyField;
use crate::crm::{CompanyDraft, Handle, RecordKind};
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
