//! A capture card's buttons. Confirm writes every proposed record in the update's one
//! transaction (an existing contact is updated, not duplicated), each marked on its
//! timeline as created or updated from the user's message via AI, and lists the handles.
//! Edit offers the note back to be sent again with changes (the simplest useful edit: the
//! model reads the corrected note anew; the card is closed). Cancel writes nothing. A card
//! acts once, only in its workspace, and not after it expired.

use serde_json::json;

use super::answer::Proposal;
use crate::crm::{
    CompanyId, Contact, ContactDraft, ContactId, DealDraft, Handle, RecordId, RecordKind,
};
use crate::handlers::{Ctx, Replies};
use crate::router::button::CaptureAction;
use crate::store::ai_proposals::{self, CANCELLED, CONFIRMED, OPEN};
use crate::store::tasks::NewTask;
use crate::store::{self, companies, contacts, deals, notes, tasks};
use crate::tr;

/// A press of Confirm, Edit or Cancel on the card of proposal `id`.
pub async fn pressed(ctx: &mut Ctx<'_>, id: i64, action: CaptureAction) -> Replies {
    let Some(row) = ai_proposals::of_user(ctx.tx, id, ctx.actor.user_id).await? else {
        return ctx.expired();
    };
    if row.status != OPEN {
        return ctx.say(ctx.t("capture-settled"));
    }
    if row.expires_at <= ctx.now_millis() {
        ai_proposals::settle(ctx.tx, id, CANCELLED).await?;
        return ctx.say(ctx.t("capture-expired"));
    }
    if row.workspace_id != ctx.actor.workspace_id.get() {
        return ctx.say(ctx.t("capture-other-workspace"));
    }
    let Ok(proposal) = serde_json::from_str::<Proposal>(&row.body) else {
        tracing::warn!(proposal = id, "a stored capture proposal could not be read");
        return ctx.expired();
    };
    let status = match action {
        CaptureAction::Confirm => CONFIRMED,
        CaptureAction::Edit | CaptureAction::Cancel => CANCELLED,
    };
    // Settled first: a second press of the same card finds it settled.
    if !ai_proposals::settle(ctx.tx, id, status).await? {
        return ctx.say(ctx.t("capture-settled"));
    }
    match action {
        CaptureAction::Confirm => {
            let saved = write(ctx, &proposal).await?;
            ctx.say(tr!(
                ctx.actor.locale,
                "capture-saved",
                handles = saved.join("\n")
            ))
        }
        CaptureAction::Edit => ctx.say(format!(
            "{}\n\n{}",
            ctx.t("capture-edit-prompt"),
            proposal.input
        )),
        CaptureAction::Cancel => ctx.say(ctx.t("capture-cancelled")),
    }
}

/// Writes the proposal's records; returns a line per record ("C4 · Anna Petrova").
async fn write(ctx: &mut Ctx<'_>, p: &Proposal) -> store::Result<Vec<String>> {
    let ws = ctx.actor.workspace_id;
    let me = ctx.actor.user_id;
    let mut saved = Vec::new();
    let mut company_id = None;
    if let Some(draft) = &p.company {
        let existing = match &p.existing_company {
            Some(e) => companies::by_id(ctx.tx, ws, CompanyId::new(e.id)).await?,
            None => None,
        };
        let company = match existing {
            Some(company) => company,
            None => {
                let company = companies::insert(ctx.tx, ws, draft, Some(me)).await?;
                created(ctx, company.handle(), company.id).await?;
                company
            }
        };
        saved.push(format!("{} · {}", company.handle(), company.name));
        company_id = Some(company.id);
    }
    let mut contact_id = None;
    if let Some(draft) = &p.contact {
        let existing = match &p.existing_contact {
            Some(e) => contacts::by_id(ctx.tx, ws, ContactId::new(e.id)).await?,
            None => None,
        };
        let contact = match existing {
            Some(contact) => update(ctx, p, draft, contact, company_id).await?,
            None => {
                let contact = contacts::insert(ctx.tx, ws, draft, company_id, Some(me)).await?;
                created(ctx, contact.handle(), contact.id).await?;
                contact
            }
        };
        saved.push(format!("{} · {}", contact.handle(), contact.name));
        contact_id = Some(contact.id);
    }
    let mut deal_id = None;
    if let Some(plan) = &p.deal {
        let draft = DealDraft {
            title: plan.title.clone(),
            amount_minor: plan.amount.as_ref().map(|(minor, _)| *minor),
            currency: plan.amount.as_ref().map(|(_, code)| code.clone()),
            expected_close: None,
            contact_id,
            company_id,
        };
        let deal = deals::insert(ctx.tx, ws, &draft, me).await?;
        created(ctx, deal.handle(), deal.id).await?;
        saved.push(format!("{} · {}", deal.handle(), deal.title));
        deal_id = Some(deal.id);
    }
    // The record a task or note goes on: the deal, else the contact, else the company.
    let record: Option<(RecordKind, RecordId)> = deal_id
        .map(|id| (RecordKind::Deal, id.into()))
        .or(contact_id.map(|id| (RecordKind::Contact, id.into())))
        .or(company_id.map(|id| (RecordKind::Company, id.into())));
    if let Some(plan) = &p.task {
        let new = NewTask {
            body: &plan.title,
            record,
            due_at: plan.due_at,
            assignee: me,
        };
        let task = tasks::insert(ctx.tx, ws, &new, me).await?;
        created(ctx, task.handle(), task.id).await?;
        let handle = task.handle().to_string();
        if let Some((kind, id)) = record {
            ctx.log(kind, id, "task", json!({ "task": handle })).await?;
        }
        saved.push(format!("{handle} · {}", task.body));
    }
    if let (Some(body), Some((kind, id))) = (&p.note, record) {
        let note = notes::insert(ctx.tx, ws, kind, id, body, me).await?;
        let handle = note.handle().to_string();
        ctx.log(kind, id, "note", json!({ "note": handle, "source": "ai" }))
            .await?;
        saved.push(handle);
    }
    Ok(saved)
}

/// The existing `contact` with the fields the proposal updates taken from `draft` (and
/// `company_id` for its company), saved and marked on its timeline when there are any.
async fn update(
    ctx: &mut Ctx<'_>,
    p: &Proposal,
    draft: &ContactDraft,
    mut contact: Contact,
    company_id: Option<CompanyId>,
) -> store::Result<Contact> {
    if p.contact_changes.is_empty() {
        return Ok(contact);
    }
    if p.updates("phone") {
        contact.phone = draft.phone.clone();
    }
    if p.updates("email") {
        contact.email = draft.email.clone();
    }
    if p.updates("position") {
        contact.position = draft.position.clone();
    }
    if p.updates("company") {
        contact.company_id = company_id;
    }
    contacts::save(ctx.tx, &contact).await?;
    let detail = json!({ "source": "ai", "fields": p.contact_changes });
    ctx.log(RecordKind::Contact, contact.id, "updated", detail)
        .await?;
    Ok(contact)
}

/// The first timeline entry of a record the AI proposed: created from the user's message
/// via AI.
async fn created(ctx: &mut Ctx<'_>, handle: Handle, id: impl Into<RecordId>) -> store::Result<()> {
    let detail = json!({ "handle": handle.to_string(), "source": "ai" });
    ctx.log(handle.kind, id, "created", detail).await
}
