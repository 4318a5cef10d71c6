//! Saving a new contact or company: the row, the first timeline entry, and the reply that
//! shows it. Called once a draft is complete and the duplicate check let it through.

use serde_json::json;

use super::render::{company_line, contact_card};
use super::{Ctx, Replies};
use crate::crm::{CompanyDraft, CompanyId, Contact, ContactDraft, RecordId, RecordKind};
use crate::message::Reply;
use crate::store::{self, companies, contacts};
use crate::tr;

/// Creates a contact in the actor's workspace and starts its timeline.
pub async fn save_new(
    ctx: &mut Ctx<'_>,
    draft: &ContactDraft,
    company_id: Option<CompanyId>,
) -> store::Result<Contact> {
    let contact = contacts::insert(
        ctx.tx,
        ctx.actor.workspace_id,
        draft,
        company_id,
        Some(ctx.actor.user_id),
    )
    .await?;
    let handle = contact.handle().to_string();
    log_created(ctx, RecordKind::Contact, contact.id, &handle).await?;
    Ok(contact)
}

/// Saves `draft` and answers with its card, followed by `notes`.
pub async fn save_and_show(ctx: &mut Ctx<'_>, draft: ContactDraft, notes: Vec<String>) -> Replies {
    let contact = save_new(ctx, &draft, None).await?;
    let saved = tr!(
        ctx.actor.locale,
        "contact-created",
        handle = contact.handle().to_string()
    );
    // A new contact has no company or deals yet.
    let card = contact_card(ctx, &contact, None, &[]);
    let mut text = format!("{saved}\n{card}");
    for note in notes {
        text.push_str("\n\n");
        text.push_str(&note);
    }
    Ok(vec![Reply::text(text)])
}

/// Saves a new company and answers with its line.
pub async fn save_company(ctx: &mut Ctx<'_>, draft: CompanyDraft) -> Replies {
    let ws = ctx.actor.workspace_id;
    let company = companies::insert(ctx.tx, ws, &draft, Some(ctx.actor.user_id)).await?;
    let handle = company.handle().to_string();
    log_created(ctx, RecordKind::Company, company.id, &handle).await?;
    let saved = tr!(ctx.actor.locale, "company-created", handle = handle);
    ctx.say(format!("{saved}\n{}", company_line(&company)))
}

/// The "created" entry that starts a new record's timeline.
pub async fn log_created(
    ctx: &mut Ctx<'_>,
    kind: RecordKind,
    record_id: impl Into<RecordId>,
    handle: &str,
) -> store::Result<()> {
    ctx.log(kind, record_id, "created", json!({ "handle": handle }))
        .await
}
