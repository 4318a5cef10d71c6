//! /new_company [name, domain, phone]: one-shot or asking for the name. The list is in
//! `directory`, the card in `company_view`, the saving in `new_records`.

use super::render::shorten;
use super::{Ctx, Replies, asking};
use crate::crm::CompanyDraft;
use crate::crm::company::CompanyField;
use crate::router::Dialogue;
use crate::tr;

pub async fn new_company(ctx: &mut Ctx<'_>, args: &str) -> Replies {
    if args.trim().is_empty() {
        return asking::ask(ctx, &Dialogue::NewCompany, "ask-company-name", false).await;
    }
    create(ctx, args).await
}

/// The answer to "What is the company's name?".
pub async fn name_given(ctx: &mut Ctx<'_>, input: Option<String>) -> Replies {
    match asking::answer(ctx, input).await? {
        Some(name) => create(ctx, &name).await,
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
    super::duplicates::check_and_save(ctx, draft, Vec::new()).await
}
