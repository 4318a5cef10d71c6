//! The likely-duplicate check before a new contact or company is saved: when the workspace
//! already has a contact with the same phone, email or folded name, or a company with the
//! same domain or folded name (see [`crate::crm::duplicate`]), the new record is kept in
//! the dialogue store (a restart loses nothing) and the user chooses "Open C1" (nothing is
//! saved) or "Save anyway".

use super::company_view::show_handle as show_company;
use super::contact_view::card_text;
use super::new_records::{save_and_show, save_company};
use super::{Ctx, Replies};
use crate::crm::duplicate::{self, Reason};
use crate::crm::{Company, CompanyDraft, CompanyId, Contact, ContactDraft, ContactId};
use crate::message::{Choice, Reply};
use crate::router::{Button, Dialogue};
use crate::store::{self, companies, contacts, dialogues};
use crate::tr;

/// Saves `draft`, or holds it back with a warning when it looks like an existing contact.
/// `notes` (such as a phone that was not saved) follow the reply either way.
pub async fn check_and_save(ctx: &mut Ctx<'_>, draft: ContactDraft, notes: Vec<String>) -> Replies {
    let candidates = contacts::likely_duplicates(ctx.tx, ctx.actor.workspace_id, &draft).await?;
    let Some((existing, reason)) = duplicate::best(&draft, &candidates) else {
        return save_and_show(ctx, draft, notes).await;
    };
    let existing = existing.clone();
    dialogues::save(
        ctx.tx,
        ctx.actor.identity_id,
        &Dialogue::DuplicateContact {
            draft,
            existing_id: existing.id,
        },
    )
    .await?;
    let mut text = warning(ctx, &existing, reason);
    for note in notes {
        text.push_str("\n\n");
        text.push_str(&note);
    }
    Ok(vec![
        Reply::text(text)
            .with_choices(choices(ctx, &existing))
            .picking(),
    ])
}

/// Text typed while the choice is pending: the warning again, still pending.
pub async fn waiting(ctx: &mut Ctx<'_>, draft: ContactDraft, existing_id: ContactId) -> Replies {
    let workspace = ctx.actor.workspace_id;
    let Some(existing) = contacts::by_id(ctx.tx, workspace, existing_id).await? else {
        // The other contact is gone meanwhile: nothing to warn about any more.
        ctx.end_dialogue().await?;
        return save_and_show(ctx, draft, Vec::new()).await;
    };
    let reason = duplicate::reason(&draft, &existing).unwrap_or(Reason::Name);
    let text = warning(ctx, &existing, reason);
    Ok(vec![
        Reply::text(text)
            .with_choices(choices(ctx, &existing))
            .picking(),
    ])
}

/// "Open C1": the existing contact's card; the pending new one is dropped.
pub async fn open(ctx: &mut Ctx<'_>, contact_id: ContactId) -> Replies {
    if let Some(Dialogue::DuplicateContact { .. }) = pending(ctx).await? {
        ctx.end_dialogue().await?;
    }
    let workspace = ctx.actor.workspace_id;
    let Some(contact) = contacts::by_id(ctx.tx, workspace, contact_id).await? else {
        return ctx.say(ctx.t("button-expired"));
    };
    let card = card_text(ctx, &contact).await?;
    ctx.say(card)
}

/// "Save anyway": the pending new contact or company is saved as it is.
pub async fn save_anyway(ctx: &mut Ctx<'_>) -> Replies {
    match pending(ctx).await? {
        Some(Dialogue::DuplicateContact { draft, .. }) => {
            ctx.end_dialogue().await?;
            save_and_show(ctx, draft, Vec::new()).await
        }
        Some(Dialogue::DuplicateCompany { draft, .. }) => {
            ctx.end_dialogue().await?;
            save_company(ctx, draft).await
        }
        _ => ctx.say(ctx.t("button-expired")),
    }
}

/// Saves the company `draft`, or holds it back with a warning when it looks like an
/// existing company.
pub async fn check_company_and_save(ctx: &mut Ctx<'_>, draft: CompanyDraft) -> Replies {
    let candidates = companies::likely_duplicates(ctx.tx, ctx.actor.workspace_id, &draft).await?;
    let Some((existing, reason)) = duplicate::best_company(&draft, &candidates) else {
        return save_company(ctx, draft).await;
    };
    let existing = existing.clone();
    dialogues::save(
        ctx.tx,
        ctx.actor.identity_id,
        &Dialogue::DuplicateCompany {
            draft,
            existing_id: existing.id,
        },
    )
    .await?;
    company_warning(ctx, &existing, reason)
}

/// Text typed while the company choice is pending: the warning again.
pub async fn company_waiting(
    ctx: &mut Ctx<'_>,
    draft: CompanyDraft,
    existing_id: CompanyId,
) -> Replies {
    let workspace = ctx.actor.workspace_id;
    let Some(existing) = companies::by_id(ctx.tx, workspace, existing_id).await? else {
        ctx.end_dialogue().await?;
        return save_company(ctx, draft).await;
    };
    let reason = duplicate::company_reason(&draft, &existing).unwrap_or(Reason::Name);
    company_warning(ctx, &existing, reason)
}

/// "Open O1": the existing company's card; the pending new one is dropped.
pub async fn open_company(ctx: &mut Ctx<'_>, company_id: CompanyId) -> Replies {
    if let Some(Dialogue::DuplicateCompany { .. }) = pending(ctx).await? {
        ctx.end_dialogue().await?;
    }
    let workspace = ctx.actor.workspace_id;
    let Some(company) = companies::by_id(ctx.tx, workspace, company_id).await? else {
        return ctx.say(ctx.t("button-expired"));
    };
    show_company(ctx, company.handle()).await
}

fn company_warning(ctx: &Ctx<'_>, existing: &Company, reason: Reason) -> Replies {
    let handle = existing.handle().to_string();
    let text = tr!(
        ctx.actor.locale,
        "duplicate-company",
        handle = handle.clone(),
        name = existing.name.clone(),
        reason = reason.as_str()
    );
    let open = tr!(ctx.actor.locale, "choice-open", handle = handle);
    let choices = vec![
        Choice::new(
            open,
            Button::OpenCompany {
                company_id: existing.id,
            }
            .encode(),
        ),
        Choice::new(ctx.t("choice-save-anyway"), Button::SaveAnyway.encode()),
    ];
    Ok(vec![Reply::text(text).with_choices(choices).picking()])
}

async fn pending(ctx: &mut Ctx<'_>) -> store::Result<Option<Dialogue>> {
    if !ctx.actor.in_dialogue {
        return Ok(None);
    }
    dialogues::load(ctx.tx, ctx.actor.identity_id).await
}

fn warning(ctx: &Ctx<'_>, existing: &Contact, reason: Reason) -> String {
    tr!(
        ctx.actor.locale,
        "duplicate-contact",
        handle = existing.handle().to_string(),
        name = existing.name.clone(),
        reason = reason.as_str()
    )
}

fn choices(ctx: &Ctx<'_>, existing: &Contact) -> Vec<Choice> {
    let open = tr!(
        ctx.actor.locale,
        "choice-open",
        handle = existing.handle().to_string()
    );
    vec![
        Choice::new(
            open,
            Button::OpenContact {
                contact_id: existing.id,
            }
            .encode(),
        ),
        Choice::new(ctx.t("choice-save-anyway"), Button::SaveAnyway.encode()),
    ]
}
