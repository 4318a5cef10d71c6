//! The likely-duplicate check before a new contact or company is saved: when the workspace
//! already has a contact with the same phone, email or folded name, or a company with the
//! same domain or folded name (see [`crate::crm::duplicate`]), the new record is kept in
//! the dialogue store (a restart loses nothing) and the user chooses "Open C1" (nothing is
//! saved) or "Save anyway". One flow for both kinds; [`Checked`] is what differs.

use super::company_view::show_handle as show_company;
use super::contact_view::card_text;
use super::new_records::{save_and_show, save_company};
use super::{Ctx, Replies};
use crate::crm::duplicate::{self, Reason};
use crate::crm::{Company, CompanyDraft, CompanyId, Contact, ContactDraft, ContactId, Handle};
use crate::message::{Choice, Reply};
use crate::router::{Button, Dialogue};
use crate::store::{self, companies, contacts, dialogues};
use crate::tr;

/// A new record checked against the workspace's records of its kind before it is saved.
pub(crate) trait Checked: Sized {
    /// The kind's saved records.
    type Existing: Clone;
    /// Their ids.
    type Id: Copy;
    /// The Fluent key of the warning (`handle`, `name`, `reason`).
    const WARNING: &'static str;

    /// The records that may be the same as `self`.
    async fn candidates(&self, ctx: &mut Ctx<'_>) -> store::Result<Vec<Self::Existing>>;
    /// The likeliest of `candidates` and why, if any is likely.
    fn best<'c>(&self, candidates: &'c [Self::Existing]) -> Option<(&'c Self::Existing, Reason)>;
    /// Why `existing` looks like `self`, if it does.
    fn reason(&self, existing: &Self::Existing) -> Option<Reason>;
    /// The saved record with this id in the current workspace.
    async fn existing(ctx: &mut Ctx<'_>, id: Self::Id) -> store::Result<Option<Self::Existing>>;
    /// The handle, name and id of a saved record.
    fn describe(existing: &Self::Existing) -> (Handle, String, Self::Id);
    /// The pending choice between saving `self` and opening `existing_id`.
    fn pending(self, existing_id: Self::Id) -> Dialogue;
    /// Whether `dialogue` is such a pending choice for this kind.
    fn is_pending(dialogue: &Dialogue) -> bool;
    /// Saves `self` and answers with it (`notes` after the answer).
    async fn save(self, ctx: &mut Ctx<'_>, notes: Vec<String>) -> Replies;
    /// The "Open C1" button for a saved record.
    fn open_button(id: Self::Id) -> Button;
    /// The card of a saved record.
    async fn card(ctx: &mut Ctx<'_>, existing: Self::Existing) -> Replies;
}

impl Checked for ContactDraft {
    type Existing = Contact;
    type Id = ContactId;
    const WARNING: &'static str = "duplicate-contact";

    async fn candidates(&self, ctx: &mut Ctx<'_>) -> store::Result<Vec<Contact>> {
        contacts::likely_duplicates(ctx.tx, ctx.actor.workspace_id, self).await
    }
    fn best<'c>(&self, candidates: &'c [Contact]) -> Option<(&'c Contact, Reason)> {
        duplicate::best(self, candidates)
    }
    fn reason(&self, existing: &Contact) -> Option<Reason> {
        duplicate::reason(self, existing)
    }
    async fn existing(ctx: &mut Ctx<'_>, id: ContactId) -> store::Result<Option<Contact>> {
        contacts::by_id(ctx.tx, ctx.actor.workspace_id, id).await
    }
    fn describe(existing: &Contact) -> (Handle, String, ContactId) {
        (existing.handle(), existing.name.clone(), existing.id)
    }
    fn pending(self, existing_id: ContactId) -> Dialogue {
        Dialogue::DuplicateContact {
            draft: self,
            existing_id,
        }
    }
    fn is_pending(dialogue: &Dialogue) -> bool {
        matches!(dialogue, Dialogue::DuplicateContact { .. })
    }
    async fn save(self, ctx: &mut Ctx<'_>, notes: Vec<String>) -> Replies {
        save_and_show(ctx, self, notes).await
    }
    fn open_button(contact_id: ContactId) -> Button {
        Button::OpenContact { contact_id }
    }
    async fn card(ctx: &mut Ctx<'_>, existing: Contact) -> Replies {
        let card = card_text(ctx, &existing).await?;
        ctx.say(card)
    }
}

impl Checked for CompanyDraft {
    type Existing = Company;
    type Id = CompanyId;
    const WARNING: &'static str = "duplicate-company";

    async fn candidates(&self, ctx: &mut Ctx<'_>) -> store::Result<Vec<Company>> {
        companies::likely_duplicates(ctx.tx, ctx.actor.workspace_id, self).await
    }
    fn best<'c>(&self, candidates: &'c [Company]) -> Option<(&'c Company, Reason)> {
        duplicate::best_company(self, candidates)
    }
    fn reason(&self, existing: &Company) -> Option<Reason> {
        duplicate::company_reason(self, existing)
    }
    async fn existing(ctx: &mut Ctx<'_>, id: CompanyId) -> store::Result<Option<Company>> {
        companies::by_id(ctx.tx, ctx.actor.workspace_id, id).await
    }
    fn describe(existing: &Company) -> (Handle, String, CompanyId) {
        (existing.handle(), existing.name.clone(), existing.id)
    }
    fn pending(self, existing_id: CompanyId) -> Dialogue {
        Dialogue::DuplicateCompany {
            draft: self,
            existing_id,
        }
    }
    fn is_pending(dialogue: &Dialogue) -> bool {
        matches!(dialogue, Dialogue::DuplicateCompany { .. })
    }
    async fn save(self, ctx: &mut Ctx<'_>, _notes: Vec<String>) -> Replies {
        save_company(ctx, self).await
    }
    fn open_button(company_id: CompanyId) -> Button {
        Button::OpenCompany { company_id }
    }
    async fn card(ctx: &mut Ctx<'_>, existing: Company) -> Replies {
        show_company(ctx, existing.handle()).await
    }
}

/// Saves `draft`, or holds it back with a warning when it looks like an existing record.
/// `notes` (such as a phone that was not saved) follow the reply either way.
pub(crate) async fn check_and_save<D: Checked>(
    ctx: &mut Ctx<'_>,
    draft: D,
    notes: Vec<String>,
) -> Replies {
    let candidates = draft.candidates(ctx).await?;
    let Some((existing, reason)) = draft.best(&candidates) else {
        return draft.save(ctx, notes).await;
    };
    let existing = existing.clone();
    let (_, _, existing_id) = D::describe(&existing);
    dialogues::save(ctx.tx, ctx.actor.identity_id, &draft.pending(existing_id)).await?;
    warning::<D>(ctx, &existing, reason, notes)
}

/// Text typed while the choice is pending: the warning again, still pending.
pub(crate) async fn waiting<D: Checked>(
    ctx: &mut Ctx<'_>,
    draft: D,
    existing_id: D::Id,
) -> Replies {
    let Some(existing) = D::existing(ctx, existing_id).await? else {
        // The other record is gone meanwhile: nothing to warn about any more.
        ctx.end_dialogue().await?;
        return draft.save(ctx, Vec::new()).await;
    };
    let reason = draft.reason(&existing).unwrap_or(Reason::Name);
    warning::<D>(ctx, &existing, reason, Vec::new())
}

/// "Open C1" / "Open O1": the existing record's card; the pending new one is dropped.
pub(crate) async fn open<D: Checked>(ctx: &mut Ctx<'_>, id: D::Id) -> Replies {
    if pending(ctx)
        .await?
        .is_some_and(|dialogue| D::is_pending(&dialogue))
    {
        ctx.end_dialogue().await?;
    }
    match D::existing(ctx, id).await? {
        Some(existing) => D::card(ctx, existing).await,
        None => ctx.expired(),
    }
}

/// "Save anyway": the pending new contact or company is saved as it is.
pub async fn save_anyway(ctx: &mut Ctx<'_>) -> Replies {
    match pending(ctx).await? {
        Some(Dialogue::DuplicateContact { draft, .. }) => {
            ctx.end_dialogue().await?;
            draft.save(ctx, Vec::new()).await
        }
        Some(Dialogue::DuplicateCompany { draft, .. }) => {
            ctx.end_dialogue().await?;
            draft.save(ctx, Vec::new()).await
        }
        _ => ctx.expired(),
    }
}

async fn pending(ctx: &mut Ctx<'_>) -> store::Result<Option<Dialogue>> {
    if !ctx.actor.in_dialogue {
        return Ok(None);
    }
    dialogues::load(ctx.tx, ctx.actor.identity_id).await
}

/// The warning with "Open C1" and "Save anyway", `notes` after it.
fn warning<D: Checked>(
    ctx: &Ctx<'_>,
    existing: &D::Existing,
    reason: Reason,
    notes: Vec<String>,
) -> Replies {
    let (handle, name, id) = D::describe(existing);
    let handle = handle.to_string();
    let mut text = tr!(
        ctx.actor.locale,
        D::WARNING,
        handle = handle.clone(),
        name = name,
        reason = reason.as_str()
    );
    for note in notes {
        text.push_str("\n\n");
        text.push_str(&note);
    }
    let open = tr!(ctx.actor.locale, "choice-open", handle = handle);
    let choices = vec![
        Choice::new(open, D::open_button(id).encode()),
        Choice::new(ctx.t("choice-save-anyway"), Button::SaveAnyway.encode()),
    ];
    Ok(vec![Reply::text(text).with_choices(choices).picking()])
}
