//! /new_contact: one-shot (`/new_contact Anna, +49 151 12345678, anna@example.com`) or a
//! step-by-step flow asking for name, phone, email and position, kept in the dialogue table.

use super::render::{field_error, field_problem};
use super::{Ctx, Replies, asking};
use crate::crm::contact::{FieldValue, validate, validate_phone, validate_text};
use crate::crm::{ContactDraft, ContactField, DroppedPhone, Problem};
use crate::message::Reply;
use crate::router::Dialogue;
use crate::router::dialogue::NewContactStep;
use crate::tr;

pub async fn new_contact(ctx: &mut Ctx<'_>, args: &str) -> Replies {
    let args = args.trim();
    if args.is_empty() {
        return ask(ctx, NewContactStep::Name, ContactDraft::default()).await;
    }
    if !args.contains([',', ';', '\n']) {
        // Only a name: ask for the rest step by step.
        return next_step(
            ctx,
            NewContactStep::Name,
            ContactDraft::default(),
            Some(args.into()),
        )
        .await;
    }
    match ContactDraft::parse_one_shot(args, ctx.region()) {
        Ok((draft, dropped)) => {
            let notes = dropped.iter().map(|d| dropped_note(ctx, d)).collect();
            create(ctx, draft, notes).await
        }
        Err((error, part)) => Ok(vec![Reply::text(field_error(
            ctx.actor.locale,
            &error,
            &part,
        ))]),
    }
}

/// Applies the user's answer (`None` = skip) to the current step and asks the next one.
pub async fn next_step(
    ctx: &mut Ctx<'_>,
    step: NewContactStep,
    mut draft: ContactDraft,
    input: Option<String>,
) -> Replies {
    let field = field_of(step);
    match input {
        None if step == NewContactStep::Name => {
            return Ok(vec![
                Reply::text(ctx.t("name-required")),
                asking::step_question(ctx, step),
            ]);
        }
        None => {}
        Some(text) => match validate(field, &text, ctx.region()) {
            Ok(value) => match field {
                ContactField::Name => {
                    draft.name = value.map(FieldValue::into_text).unwrap_or_default()
                }
                ContactField::Phone => draft.phone = value.and_then(FieldValue::into_phone),
                ContactField::Email => draft.email = value.and_then(FieldValue::into_email),
                ContactField::Position => draft.position = value.map(FieldValue::into_text),
            },
            Err(error) => {
                // The draft is kept: the same question again, with Skip to go on without it.
                let message = if error.problem == Problem::PhoneNeedsCountry {
                    let value = super::render::shorten(text.trim(), 40);
                    tr!(ctx.actor.locale, "phone-step-needs-country", value = value)
                } else {
                    field_problem(ctx.actor.locale, &error, &text)
                };
                return Ok(vec![Reply::text(message), asking::step_question(ctx, step)]);
            }
        },
    }
    match following(step) {
        Some(next) => ask(ctx, next, draft).await,
        None => create(ctx, draft, Vec::new()).await,
    }
}

async fn ask(ctx: &mut Ctx<'_>, step: NewContactStep, draft: ContactDraft) -> Replies {
    asking::ask_step(ctx, &Dialogue::NewContact { step, draft }, step).await
}

impl asking::Step for NewContactStep {
    const FIRST: NewContactStep = NewContactStep::Name;

    fn question_key(self) -> &'static str {
        match self {
            NewContactStep::Name => "ask-name",
            NewContactStep::Phone => "ask-phone",
            NewContactStep::Email => "ask-email",
            NewContactStep::Position => "ask-position",
        }
    }
}

/// Ends the flow and saves `draft`, unless it looks like an existing contact.
async fn create(ctx: &mut Ctx<'_>, draft: ContactDraft, notes: Vec<String>) -> Replies {
    ctx.end_dialogue().await?;
    super::duplicates::check_and_save(ctx, draft, notes).await
}

/// Says that a phone was not saved with the contact, why, and how to add it.
pub fn dropped_note(ctx: &Ctx<'_>, dropped: &DroppedPhone) -> String {
    let value = super::render::shorten(dropped.value.trim(), 40);
    let key = match dropped.error.problem {
        Problem::PhoneNeedsCountry => "phone-dropped-needs-country",
        _ => "phone-dropped-invalid",
    };
    tr!(ctx.actor.locale, key, value = value)
}

fn field_of(step: NewContactStep) -> ContactField {
    match step {
        NewContactStep::Name => ContactField::Name,
        NewContactStep::Phone => ContactField::Phone,
        NewContactStep::Email => ContactField::Email,
        NewContactStep::Position => ContactField::Position,
    }
}

fn following(step: NewContactStep) -> Option<NewContactStep> {
    match step {
        NewContactStep::Name => Some(NewContactStep::Phone),
        NewContactStep::Phone => Some(NewContactStep::Email),
        NewContactStep::Email => Some(NewContactStep::Position),
        NewContactStep::Position => None,
    }
}

/// A contact card shared from the phone book becomes a contact (name and phone validated
/// like typed ones).
pub async fn shared(ctx: &mut Ctx<'_>, name: &str, phone: &str) -> Replies {
    let name = match validate_text(ContactField::Name, name) {
        Ok(name) => name.unwrap_or_default(),
        Err(error) => {
            return Ok(vec![Reply::text(field_error(
                ctx.actor.locale,
                &error,
                name,
            ))]);
        }
    };
    // Phone books and WhatsApp often give international numbers without "+": try as
    // typed (with the workspace's region), then with a "+".
    let checked = validate_phone(phone, ctx.region()).or_else(|error| {
        let plus = format!("+{}", phone.trim().trim_start_matches('+'));
        validate_phone(&plus, None).map_err(|_| error)
    });
    let (phone, notes) = match checked {
        Ok(phone) => (phone, Vec::new()),
        // The name is saved; the phone that could not be read is named in the reply.
        Err(error) => {
            let dropped = DroppedPhone {
                value: phone.to_string(),
                error,
            };
            (None, vec![dropped_note(ctx, &dropped)])
        }
    };
    create(
        ctx,
        ContactDraft {
            name,
            phone,
            ..ContactDraft::default()
        },
        notes,
    )
    .await
}
