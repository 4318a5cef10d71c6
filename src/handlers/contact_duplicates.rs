//! The likely-duplicate check before a new contact is saved: when the workspace already has
//! a contact with the same phone, email or folded name (see [`crate::crm::duplicate`]), the
//! new one is kept in the dialogue store (a restart loses nothing) and the user chooses
//! "Open C1" (nothing is saved) or "Save anyway".

use super::contact_create::save_and_show;
use super::contact_view::card_text;
use super::{Ctx, Replies};
use crate::channel::{Choice, Reply};
use crate::crm::duplicate::{self, Reason};
use crate::crm::{Contact, ContactDraft};
use crate::router::{Button, Dialogue};
use crate::store::{contacts, dialogues};
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
        Reply::text(text).with_choices(choices(ctx, &existing)),
    ])
}

/// Text typed while the choice is pending: the warning again, still pending.
pub async fn waiting(ctx: &mut Ctx<'_>, draft: ContactDraft, existing_id: i64) -> Replies {
    let workspace = ctx.actor.workspace_id;
    let Some(existing) = contacts::by_id(ctx.tx, workspace, existing_id).await? else {
        // The other contact is gone meanwhile: nothing to warn about any more.
        ctx.end_dialogue().await?;
        return save_and_show(ctx, draft, Vec::new()).await;
    };
    let reason = duplicate::reason(&draft, &existing).unwrap_or(Reason::Name);
    let text = warning(ctx, &existing, reason);
    Ok(vec![
        Reply::text(text).with_choices(choices(ctx, &existing)),
    ])
}

/// "Open C1": the existing contact's card; the pending new one is dropped.
pub async fn open(ctx: &mut Ctx<'_>, contact_id: i64) -> Replies {
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

/// "Save anyway": the pending new contact is saved as it is.
pub async fn save_anyway(ctx: &mut Ctx<'_>) -> Replies {
    let Some(Dialogue::DuplicateContact { draft, .. }) = pending(ctx).await? else {
        return ctx.say(ctx.t("button-expired"));
    };
    ctx.end_dialogue().await?;
    save_and_show(ctx, draft, Vec::new()).await
}

async fn pending(ctx: &mut Ctx<'_>) -> sqlx::Result<Option<Dialogue>> {
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
