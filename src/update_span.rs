//! What the logs may know about one update: the `update` span (channel, update id, the
//! internal user and workspace ids, and what was asked — a command's or button's name, or
//! the kind of message). Never the message text, names, phone numbers or arguments.

use tracing::Span;
use tracing::field::Empty;

use crate::crm::{UserId, WorkspaceId};
use crate::message::Inbound;
use crate::router::Intent;

/// The span one update is handled in; `user`, `workspace` and `command` are recorded once
/// known (see [`record_actor`], [`record_intent`]).
pub fn of(update: &Inbound) -> Span {
    tracing::info_span!(
        "update",
        channel = update.channel.as_str(),
        update_id = update.update_id.as_deref().unwrap_or(""),
        user = Empty,
        workspace = Empty,
        command = Empty,
    )
}

/// Records who the update is from: internal ids only.
pub fn record_actor(span: &Span, user_id: UserId, workspace_id: WorkspaceId) {
    span.record("user", user_id.get());
    span.record("workspace", workspace_id.get());
}

/// Records what the update asks for.
pub fn record_intent(span: &Span, intent: &Intent) {
    span.record("command", label(intent).as_str());
}

/// `/new_contact …` → `new_contact` (an alias or another case gives the registered name;
/// a name we do not know is `unknown`, never the typed word), a button →
/// `button:done_task`, other messages their kind (`text`, `document`, …).
pub fn label(intent: &Intent) -> String {
    match intent {
        Intent::Command(line) => crate::handlers::commands::lookup(&line.name)
            .map_or("unknown", |spec| spec.name)
            .to_string(),
        Intent::Button(button) => format!("button:{}", variant_name(&format!("{button:?}"))),
        Intent::Text(_) => "text".into(),
        Intent::Document { .. } => "document".into(),
        Intent::FileTooLarge { .. } => "file_too_large".into(),
        Intent::SharedContact { .. } => "shared_contact".into(),
        Intent::Forwarded { .. } => "forwarded".into(),
        Intent::Unsupported { .. } => "unsupported".into(),
        Intent::Ignored => "ignored".into(),
    }
}

/// The variant name at the head of a `Debug` rendering (`NewContact { args: "…" }` →
/// `new_contact`); what follows it (the arguments) is dropped.
fn variant_name(debug: &str) -> String {
    let head = debug
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .next()
        .unwrap_or_default();
    let mut name = String::with_capacity(head.len() + 4);
    for (i, c) in head.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                name.push('_');
            }
            name.push(c.to_ascii_lowercase());
        } else {
            name.push(c);
        }
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::router::CommandLine;

    fn line(name: &str, args: &str) -> Intent {
        Intent::Command(CommandLine {
            name: name.into(),
            args: args.into(),
        })
    }

    #[test]
    fn a_label_names_the_command_without_its_arguments() {
        assert_eq!(
            label(&line("new_contact", "Anna Petrova, +49 151")),
            "new_contact"
        );
        assert_eq!(label(&line("NewContact", "")), "new_contact");
        assert_eq!(label(&line("help", "")), "help");
        // A word typed as a command that we do not know may be anything: it is not logged.
        assert_eq!(label(&line("anna_petrova", "")), "unknown");
        assert_eq!(label(&Intent::Text("Anna".into())), "text");
    }
}
