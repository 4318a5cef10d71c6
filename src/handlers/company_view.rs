//! Company cards: the company with its contacts and deals (`O1`, the "Open O1" button).

use super::handles::not_found;
use super::render::{company_line, contact_line, deal_line};
use super::{Ctx, Replies};
use crate::crm::{Company, Handle};
use crate::store::{self, companies, contacts, deals};

/// The card of company `handle`: its details, contacts and deals.
pub async fn show_handle(ctx: &mut Ctx<'_>, handle: Handle) -> Replies {
    let ws = ctx.actor.workspace_id;
    let Some(company) = companies::by_handle(ctx.tx, ws, handle.number).await? else {
        return ctx.say(not_found(ctx, handle));
    };
    let card = card_text(ctx, &company).await?;
    ctx.say(card)
}

/// The card of a company with its contacts and deals.
pub async fn card_text(ctx: &mut Ctx<'_>, company: &Company) -> store::Result<String> {
    let ws = ctx.actor.workspace_id;
    let mut card = format!("🏢 {}", company_line(company));
    for contact in contacts::of_company(ctx.tx, ws, company.id).await? {
        card.push_str(&format!("\n👤 {}", contact_line(&contact)));
    }
    for deal in deals::linked_to(ctx.tx, ws, None, Some(company.id)).await? {
        card.push_str(&format!("\n💰 {}", deal_line(ctx, &deal)));
    }
    Ok(card)
}
