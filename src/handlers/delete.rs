//! /delete for every record kind (C, O, D, T, N): a confirmation card that says what goes
//! with the record and what stays without its link, then the deletion after "Yes" (admins
//! and owners only, checked again when the button is pressed), leaving one timeline entry
//! without personal data. The rule itself lives in `store::record_deletion`.

use serde_json::json;

use super::handles::{bad_handle_text, not_found};
use super::parse_env::ParseEnv;
use super::render::shorten;
use super::{Ctx, Replies};
use crate::crm::{Handle, RecordId, RecordKind};
use crate::i18n::Locale;
use crate::message::{Choice, Reply};
use crate::router::Button;
use crate::store::record_deletion::{self, Key, Linked};
use crate::tr;

/// The record `/delete C1` names (any kind), or the usage / "not a handle" message.
pub fn parse_args(input: &str, env: &ParseEnv) -> Result<Handle, String> {
    Handle::parse(input.trim()).ok_or_else(|| bad_handle_text(env.locale, input, "usage-delete"))
}

/// `/delete C1`, `/delete O2`, `/delete D3`, `/delete T4`, `/delete N5`: the card (the
/// registry lets only admins and owners through).
pub async fn ask(ctx: &mut Ctx<'_>, handle: Handle) -> Replies {
    let ws = ctx.actor.workspace_id;
    let Some(target) =
        record_deletion::find(ctx.tx, ws, handle.kind, Key::Handle(handle.number)).await?
    else {
        return ctx.say(not_found(ctx, handle));
    };
    let linked = record_deletion::linked(ctx.tx, ws, handle.kind, target.id).await?;
    let mut text = tr!(
        ctx.actor.locale,
        "delete-confirm",
        handle = handle.to_string(),
        name = shorten(&target.name, 60)
    );
    for line in consequences(ctx.actor.locale, handle, &linked) {
        text.push('\n');
        text.push_str(&line);
    }
    let button = |confirmed| {
        Button::Delete {
            kind: handle.kind,
            id: target.id,
            confirmed,
        }
        .encode()
    };
    let choices = vec![
        Choice::new(ctx.t("choice-yes-delete"), button(true)),
        Choice::new(ctx.t("choice-no"), button(false)),
    ];
    Ok(vec![Reply::text(text).with_choices(choices).asking()])
}

/// The lines of the card saying what goes with the record and what stays, by kind. Only
/// what exists is counted: a record without notes, files or links gets no such line.
pub fn consequences(locale: Locale, handle: Handle, linked: &Linked) -> Vec<String> {
    let count = |key: &str, n: i64| (n > 0).then(|| tr!(locale, key, count = n));
    let mut takes = Vec::new();
    if handle.kind != RecordKind::Note {
        takes.push(count("count-notes", linked.notes));
    }
    takes.push(count("count-files", linked.files));
    let keeps = match handle.kind {
        RecordKind::Contact => vec![
            count("count-deals", linked.deals),
            count("count-tasks", linked.tasks),
        ],
        RecordKind::Company => vec![
            count("count-contacts", linked.contacts),
            count("count-deals", linked.deals),
            count("count-tasks", linked.tasks),
        ],
        RecordKind::Deal => vec![count("count-tasks", linked.tasks)],
        RecordKind::Task | RecordKind::Note => Vec::new(),
    };
    let takes: Vec<String> = takes.into_iter().flatten().collect();
    let keeps: Vec<String> = keeps.into_iter().flatten().collect();
    let mut lines = Vec::new();
    if !takes.is_empty() {
        lines.push(tr!(locale, "delete-takes", items = takes.join(", ")));
    }
    if !keeps.is_empty() {
        lines.push(tr!(
            locale,
            "delete-keeps",
            handle = handle.to_string(),
            items = keeps.join(", ")
        ));
    }
    lines
}

/// The card's buttons: "No" keeps the record; "Yes" deletes it when the presser may.
pub async fn pressed(
    ctx: &mut Ctx<'_>,
    kind: RecordKind,
    id: RecordId,
    confirmed: bool,
) -> Replies {
    // The button carries a database id; it only acts inside the current workspace.
    let ws = ctx.actor.workspace_id;
    let Some(target) = record_deletion::find(ctx.tx, ws, kind, Key::Id(id)).await? else {
        return ctx.expired();
    };
    let handle = Handle {
        kind,
        number: target.handle_no,
    }
    .to_string();
    if !confirmed {
        return ctx.say(tr!(ctx.actor.locale, "delete-kept", handle = handle));
    }
    if !ctx.actor.role.can_delete() {
        return ctx.say(ctx.t("delete-not-allowed"));
    }
    let now = ctx.now_millis();
    record_deletion::delete(ctx.tx, ws, kind, id, now).await?;
    // One entry without personal data records the deletion.
    ctx.log(kind, id, "deleted", json!({ "handle": handle }))
        .await?;
    let key = if kind == RecordKind::Contact {
        "contact-deleted"
    } else {
        "record-deleted"
    };
    ctx.say(tr!(ctx.actor.locale, key, handle = handle))
}
