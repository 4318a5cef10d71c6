//! /edit C1 field value (also `company O2` or a company name); writes an activity.
//! (/delete lives in `delete`.)

use serde_json::json;

use super::contact_view::{card_text, contact_handle};
use super::handles::{bad_handle_text, not_found};
use super::new_records::log_created;
use super::parse_env::ParseEnv;
use super::render::{display_value, field_error, field_label, shorten};
use super::{Ctx, Replies};
use crate::crm::contact::validate;
use crate::crm::{Contact, ContactField, Handle, RecordKind};
use crate::i18n::{fold, is_word};
use crate::store::{self, companies, contacts};
use crate::tr;

/// What `/edit C1 …` changes: a field, or the company link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditTarget {
    Field(ContactField),
    Company,
}

/// The arguments of `/edit C1 field value`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditArgs {
    pub contact: Handle,
    pub target: EditTarget,
    /// The new value as typed (validated against the field by the handler).
    pub value: String,
}

impl EditArgs {
    pub fn parse(args: &str, env: &ParseEnv) -> Result<EditArgs, String> {
        let mut words = args.trim().splitn(3, char::is_whitespace);
        let (handle_text, field_text, value) = (
            words.next().unwrap_or(""),
            words.next().unwrap_or(""),
            words.next().unwrap_or("").trim(),
        );
        let Some(contact) = contact_handle(handle_text) else {
            return Err(bad_handle_text(env.locale, handle_text, "usage-edit"));
        };
        // Words that name the company link in `/edit C1 company …`, in any language.
        let is_company = is_word(&fold(field_text), "words-company-link");
        let target = match ContactField::parse(field_text) {
            Some(field) => EditTarget::Field(field),
            None if is_company => EditTarget::Company,
            None if field_text.is_empty() => return Err(env.locale.text("usage-edit")),
            None => {
                let field = shorten(field_text, 20);
                return Err(tr!(env.locale, "edit-unknown-field", field = field));
            }
        };
        let value = value.to_string();
        Ok(EditArgs {
            contact,
            target,
            value,
        })
    }
}

pub async fn edit(ctx: &mut Ctx<'_>, args: EditArgs) -> Replies {
    let handle = args.contact;
    let Some(contact) = contacts::by_handle(ctx.tx, ctx.actor.workspace_id, handle.number).await?
    else {
        return ctx.say(not_found(ctx, handle));
    };
    match args.target {
        EditTarget::Field(field) => edit_field(ctx, contact, field, &args.value).await,
        EditTarget::Company => link_company(ctx, contact, &args.value).await,
    }
}

async fn edit_field(
    ctx: &mut Ctx<'_>,
    mut contact: Contact,
    field: ContactField,
    value: &str,
) -> Replies {
    let new_value = match validate(field, value, ctx.region()) {
        Ok(new_value) => new_value,
        Err(error) => return ctx.say(field_error(ctx.actor.locale, &error, value)),
    };
    let old_value = contact.get(field).map(str::to_string);
    let new_text = new_value.as_ref().map(|v| v.as_str().to_string());
    if old_value != new_text {
        contact.set(field, new_value.clone());
        contacts::save(ctx.tx, &contact).await?;
        let detail = json!({ "field": field.as_str(), "from": old_value, "to": new_text });
        record_update(ctx, &contact, detail).await?;
    }
    let label = field_label(ctx.actor.locale, field);
    let handle = contact.handle().to_string();
    let headline = match &new_value {
        Some(value) => tr!(
            ctx.actor.locale,
            "contact-updated",
            handle = handle,
            field = label,
            value = display_value(value)
        ),
        None => tr!(
            ctx.actor.locale,
            "contact-field-cleared",
            handle = handle,
            field = label
        ),
    };
    let card = card_text(ctx, &contact).await?;
    ctx.say(format!("{headline}\n{card}"))
}

/// Links the contact to company `O2`, or to the company with that name (created if new);
/// `-` removes the link.
async fn link_company(ctx: &mut Ctx<'_>, mut contact: Contact, value: &str) -> Replies {
    let ws = ctx.actor.workspace_id;
    let mut created = false;
    let company = if value == "-" || value.is_empty() {
        None
    } else if let Some(handle) = Handle::parse(value).filter(|h| h.kind == RecordKind::Company) {
        match companies::by_handle(ctx.tx, ws, handle.number).await? {
            Some(company) => Some(company),
            None => return ctx.say(not_found(ctx, handle)),
        }
    } else if value.chars().count() > crate::crm::contact::MAX_TEXT_CHARS {
        let error = crate::crm::FieldError::new(ContactField::Name, crate::crm::Problem::TooLong);
        return ctx.say(field_error(ctx.actor.locale, &error, value));
    } else {
        let (company, is_new) =
            companies::find_or_create(ctx.tx, ws, value, Some(ctx.actor.user_id)).await?;
        if is_new {
            let handle = company.handle().to_string();
            log_created(ctx, RecordKind::Company, company.id, &handle).await?;
        }
        created = is_new;
        Some(company)
    };
    let new_id = company.as_ref().map(|c| c.id);
    if contact.company_id != new_id {
        let detail = json!({ "field": "company", "from": contact.company_id, "to": new_id });
        contact.company_id = new_id;
        contacts::save(ctx.tx, &contact).await?;
        record_update(ctx, &contact, detail).await?;
    }
    // Say what happened, and that a company was created when the name matched none.
    let locale = ctx.actor.locale;
    let handle = contact.handle().to_string();
    let headline = match &company {
        Some(company) if created => tr!(
            locale,
            "contact-company-created",
            name = company.name.clone(),
            company = company.handle().to_string(),
            handle = handle
        ),
        Some(company) => tr!(
            locale,
            "contact-updated",
            handle = handle,
            field = ctx.t("field-company"),
            value = format!("{} · {}", company.handle(), company.name)
        ),
        None => tr!(
            locale,
            "contact-field-cleared",
            handle = handle,
            field = ctx.t("field-company")
        ),
    };
    let card = card_text(ctx, &contact).await?;
    ctx.say(format!("{headline}\n{card}"))
}

async fn record_update(
    ctx: &mut Ctx<'_>,
    contact: &Contact,
    detail: serde_json::Value,
) -> store::Result<()> {
    ctx.log(RecordKind::Contact, contact.id, "updated", detail)
        .await
}
