//! The capture card: exactly what Confirm would create or update, then the warnings about
//! what was left out, with Confirm / Edit / Cancel bound to the proposal.

use super::answer::{Proposal, Warning};
use crate::crm::{Email, Phone};
use crate::handlers::Ctx;
use crate::handlers::render::{due_text, money_text};
use crate::message::{Choice, Reply};
use crate::router::Button;
use crate::router::button::CaptureAction;
use crate::tr;

/// The card of the stored proposal `id`.
pub fn card(ctx: &Ctx<'_>, id: i64, proposal: &Proposal, warnings: &[Warning]) -> Reply {
    let mut lines = vec![ctx.t("capture-card-header")];
    lines.extend(record_lines(ctx, proposal));
    lines.extend(warnings.iter().map(|w| warning(ctx, w)));
    let choice = |key: &str, action| {
        let button = Button::Capture {
            proposal_id: id,
            action,
        };
        Choice::new(ctx.t(key), button.encode())
    };
    Reply::text(lines.join("\n"))
        .with_choices(vec![
            choice("capture-confirm", CaptureAction::Confirm),
            choice("capture-edit", CaptureAction::Edit),
            choice("capture-cancel", CaptureAction::Cancel),
        ])
        .asking()
}

/// The warnings alone (an answer with nothing to save).
pub fn warnings(ctx: &Ctx<'_>, warnings: &[Warning]) -> Vec<String> {
    warnings.iter().map(|w| warning(ctx, w)).collect()
}

fn record_lines(ctx: &Ctx<'_>, p: &Proposal) -> Vec<String> {
    let locale = ctx.actor.locale;
    let mut lines = Vec::new();
    if let Some(contact) = &p.contact {
        let line = match &p.existing_contact {
            Some(existing) => {
                let changes = contact_changes(p);
                if changes.is_empty() {
                    tr!(
                        locale,
                        "capture-same-contact",
                        handle = existing.handle.clone(),
                        name = existing.name.clone()
                    )
                } else {
                    tr!(
                        locale,
                        "capture-update-contact",
                        handle = existing.handle.clone(),
                        name = existing.name.clone(),
                        changes = changes.join(" · ")
                    )
                }
            }
            None => {
                let mut parts = vec![contact.name.clone()];
                parts.extend(contact.phone.as_ref().map(Phone::display));
                parts.extend(contact.email.as_ref().map(|e| e.as_str().to_string()));
                parts.extend(contact.position.clone());
                tr!(locale, "capture-new-contact", line = parts.join(" · "))
            }
        };
        lines.push(line);
    }
    if let Some(company) = &p.company {
        lines.push(match &p.existing_company {
            Some(existing) => tr!(
                locale,
                "capture-existing-company",
                handle = existing.handle.clone(),
                name = existing.name.clone()
            ),
            None => {
                let mut parts = vec![company.name.clone()];
                parts.extend(company.domain.clone());
                tr!(locale, "capture-new-company", line = parts.join(" · "))
            }
        });
    }
    if let Some(deal) = &p.deal {
        let mut parts = vec![deal.title.clone()];
        let amount = deal.amount.as_ref().and_then(|(minor, code)| {
            iso_currency::Currency::from_code(code).map(|c| money_text(ctx, *minor, c))
        });
        parts.extend(amount);
        lines.push(tr!(locale, "capture-new-deal", line = parts.join(" · ")));
    }
    if let Some(task) = &p.task {
        let due = match task.due_at {
            Some(at) => due_text(ctx, at),
            None => ctx.t("capture-no-due"),
        };
        let line = format!("{} · {due}", task.title);
        lines.push(tr!(locale, "capture-new-task", line = line));
    }
    if let Some(note) = &p.note {
        lines.push(tr!(locale, "capture-note", body = note.clone()));
    }
    lines
}

/// The fields an update of the existing contact sets: "phone +49…", "email …".
pub fn contact_changes(p: &Proposal) -> Vec<String> {
    let Some(contact) = &p.contact else {
        return Vec::new();
    };
    let mut changes = Vec::new();
    changes.extend(
        contact
            .phone
            .as_ref()
            .filter(|_| p.updates("phone"))
            .map(Phone::display),
    );
    changes.extend(
        contact
            .email
            .as_ref()
            .filter(|_| p.updates("email"))
            .map(|e: &Email| e.as_str().to_string()),
    );
    changes.extend(contact.position.clone().filter(|_| p.updates("position")));
    if p.updates("company") {
        changes.extend(p.company.as_ref().map(|c| c.name.clone()));
    }
    changes
}

fn warning(ctx: &Ctx<'_>, warning: &Warning) -> String {
    let locale = ctx.actor.locale;
    match warning {
        Warning::Phone(value) => tr!(locale, "capture-warning-phone", value = value.clone()),
        Warning::Email(value) => tr!(locale, "capture-warning-email", value = value.clone()),
        Warning::Amount(value) => tr!(locale, "capture-warning-amount", value = value.clone()),
        Warning::Due(value) => tr!(locale, "capture-warning-due", value = value.clone()),
        Warning::Domain => ctx.t("capture-warning-domain"),
        Warning::Unnamed(kind) => tr!(locale, "capture-warning-unnamed", kind = kind.to_string()),
        Warning::Links => ctx.t("capture-warning-links"),
        Warning::NoteAlone => ctx.t("capture-warning-note-alone"),
    }
}
