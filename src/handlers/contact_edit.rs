//! /edit C1 field value and /delete C1 (with a confirmation button). Both write an activity.

use serde_json::json;

use super::contact_view::{bad_handle_message, contact_handle, not_found};
use super::render::{contact_card, display_value, field_error, field_label, shorten};
use super::{Ctx, Replies};
use crate::channel::{Choice, Reply};
use crate::crm::contact::validate;
use crate::crm::{ContactField, RecordKind};
use crate::router::Button;
use crate::store::{activities, contacts};
use crate::tr;

pub async fn edit(ctx: &mut Ctx<'_>, args: &str) -> Replies {
    let mut words = args.trim().splitn(3, char::is_whitespace);
    let (handle_text, field_text, value) = (
        words.next().unwrap_or(""),
        words.next().unwrap_or(""),
        words.next().unwrap_or("").trim(),
    );
    let Some(handle) = contact_handle(handle_text) else {
        return Ok(vec![Reply::text(bad_handle_message(
            ctx,
            handle_text,
            "usage-edit",
        ))]);
    };
    let Some(field) = ContactField::parse(field_text) else {
        let text = if field_text.is_empty() {
            ctx.t("usage-edit")
        } else {
            tr!(
                ctx.actor.locale,
                "edit-unknown-field",
                field = shorten(field_text, 20)
            )
        };
        return Ok(vec![Reply::text(text)]);
    };
    let new_value = match validate(field, value, ctx.region()) {
        Ok(new_value) => new_value,
        Err(error) => {
            return Ok(vec![Reply::text(field_error(
                ctx.actor.locale,
                &error,
                value,
            ))]);
        }
    };
    let Some(mut contact) =
        contacts::by_handle(ctx.tx, ctx.actor.workspace_id, handle.number).await?
    else {
        return Ok(vec![Reply::text(not_found(ctx, handle))]);
    };
    let old_value = contact.get(field).map(str::to_string);
    if old_value == new_value {
        return Ok(vec![Reply::text(contact_card(&contact))]);
    }
    contact.set(field, new_value.clone());
    contacts::save(ctx.tx, &contact).await?;
    activities::record(
        ctx.tx,
        contact.workspace_id,
        RecordKind::Contact,
        contact.id,
        Some(ctx.actor.user_id),
        "updated",
        json!({ "field": field.as_str(), "from": old_value, "to": new_value }),
    )
    .await?;
    let label = field_label(ctx.actor.locale, field);
    let handle = contact.handle().to_string();
    let headline = match &new_value {
        Some(value) => tr!(
            ctx.actor.locale,
            "contact-updated",
            handle = handle,
            field = label,
            value = display_value(field, value)
        ),
        None => tr!(
            ctx.actor.locale,
            "contact-field-cleared",
            handle = handle,
            field = label
        ),
    };
    Ok(vec![Reply::text(format!(
        "{headline}\n{}",
        contact_card(&contact)
    ))])
}

pub async fn ask_delete(ctx: &mut Ctx<'_>, input: &str) -> Replies {
    let Some(handle) = contact_handle(input) else {
        return Ok(vec![Reply::text(bad_handle_message(
            ctx,
            input,
            "usage-delete",
        ))]);
    };
    if !ctx.actor.role.can_delete() {
        return Ok(vec![Reply::text(ctx.t("delete-not-allowed"))]);
    }
    let Some(contact) = contacts::by_handle(ctx.tx, ctx.actor.workspace_id, handle.number).await?
    else {
        return Ok(vec![Reply::text(not_found(ctx, handle))]);
    };
    let question = tr!(
        ctx.actor.locale,
        "delete-confirm",
        handle = handle.to_string(),
        name = contact.name.clone()
    );
    let choices = vec![
        Choice::new(
            ctx.t("choice-yes-delete"),
            Button::DeleteContact {
                contact_id: contact.id,
                confirmed: true,
            }
            .encode(),
        ),
        Choice::new(
            ctx.t("choice-no"),
            Button::DeleteContact {
                contact_id: contact.id,
                confirmed: false,
            }
            .encode(),
        ),
    ];
    Ok(vec![Reply::text(question).with_choices(choices)])
}

pub async fn confirm_delete(ctx: &mut Ctx<'_>, contact_id: i64, confirmed: bool) -> Replies {
    // The button carries a database id; it only acts inside the current workspace.
    let Some(contact) = contacts::by_id(ctx.tx, ctx.actor.workspace_id, contact_id).await? else {
        return Ok(vec![Reply::text(ctx.t("button-expired"))]);
    };
    let handle = contact.handle().to_string();
    if !confirmed {
        return Ok(vec![Reply::text(tr!(
            ctx.actor.locale,
            "delete-kept",
            handle = handle
        ))]);
    }
    if !ctx.actor.role.can_delete() {
        return Ok(vec![Reply::text(ctx.t("delete-not-allowed"))]);
    }
    // The old timeline holds the contact's data; it goes with the contact. One entry
    // without personal data records the deletion.
    activities::delete_for_record(
        ctx.tx,
        contact.workspace_id,
        RecordKind::Contact,
        contact.id,
    )
    .await?;
    contacts::delete(ctx.tx, contact.workspace_id, contact.id).await?;
    activities::record(
        ctx.tx,
        contact.workspace_id,
        RecordKind::Contact,
        contact.id,
        Some(ctx.actor.user_id),
        "deleted",
        json!({ "handle": handle }),
    )
    .await?;
    Ok(vec![Reply::text(tr!(
        ctx.actor.locale,
        "contact-deleted",
        handle = handle
    ))])
}
