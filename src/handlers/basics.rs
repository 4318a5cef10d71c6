//! /start, /help, /cancel and the fallbacks for what we do not understand.

use super::commands::COMMANDS;
use super::{Ctx, Replies};
use crate::message::{Channel, Choice, Reply};
use crate::store::{dialogues, users};
use crate::tr;

pub async fn start(ctx: &mut Ctx<'_>, payload: &str) -> Replies {
    users::mark_started(ctx.tx, ctx.actor.user_id).await?;
    super::privacy::accept_terms(ctx).await?;
    if let Some(code) = payload.trim().strip_prefix("join_") {
        return super::team::join(ctx, code).await;
    }
    let welcome = tr!(
        ctx.actor.locale,
        "welcome",
        name = ctx.actor.display_name.clone()
    );
    let terms = tr!(
        ctx.actor.locale,
        "terms-accepted",
        url = ctx.settings.policy_url.clone()
    );
    let reply = Reply::text(format!("{welcome}\n{terms}\n\n{}", help_text(ctx)));
    Ok(vec![reply.with_choices(menu(ctx))])
}

pub fn help(ctx: &Ctx<'_>) -> Replies {
    Ok(vec![Reply::text(help_text(ctx)).with_choices(menu(ctx))])
}

/// The commands WhatsApp shows as a list under the help text (its users cannot pick from a
/// command menu as in Telegram); each entry sends the command itself. None elsewhere.
const MENU: [&str; 10] = [
    "new_contact",
    "contacts",
    "new_company",
    "companies",
    "new_deal",
    "deals",
    "pipeline",
    "tasks",
    "workspace",
    "language",
];

fn menu(ctx: &Ctx<'_>) -> Vec<Choice> {
    if ctx.channel != Channel::WhatsApp {
        return Vec::new();
    }
    MENU.iter()
        .filter_map(|name| COMMANDS.iter().find(|spec| spec.name == *name))
        .map(|spec| {
            let label = format!("/{} — {}", spec.name, ctx.t(spec.description));
            Choice::new(label, format!("/{}", spec.name))
        })
        .collect()
}

fn help_text(ctx: &Ctx<'_>) -> String {
    let mut text = ctx.t("help-header");
    for spec in COMMANDS {
        let (usage, description) = spec.shown_on(ctx.channel);
        // Placeholders ("[name, phone]", "PATH") are localized where the locale has them.
        let key = format!("help-usage-{}", spec.name.replace('_', "-"));
        let usage = match ctx.actor.locale.try_text(&key) {
            Some(localized) if usage == spec.usage => localized,
            _ => usage,
        };
        text.push_str(&format!("\n{usage} — {}", ctx.t(description)));
    }
    text
}

/// /cancel, or a Cancel / No button (`pressed`): ends the flow in progress. A button that
/// answers a question without a flow (leave? unlink?) is told that nothing changed.
pub async fn cancel(ctx: &mut Ctx<'_>, pressed: bool) -> Replies {
    let had_flow = ctx.actor.in_dialogue && dialogues::clear(ctx.tx, ctx.actor.identity_id).await?;
    let key = if had_flow {
        "cancelled"
    } else if pressed {
        "nothing-changed"
    } else {
        "nothing-to-cancel"
    };
    Ok(vec![Reply::text(ctx.t(key))])
}

/// A command the registry does not know: the closest commands when it looks like a typo
/// (`/sumary` → /summary), else the pointer to /help. Nothing is changed.
pub fn unknown_command(ctx: &Ctx<'_>, name: &str) -> Replies {
    let locale = ctx.actor.locale;
    let name = name.to_string();
    let text = match super::commands::closest(&name).as_slice() {
        [] => tr!(locale, "unknown-command", name = name),
        [one] => tr!(
            locale,
            "unknown-command-suggest",
            name = name,
            command = format!("/{}", one.name)
        ),
        [first, second, ..] => tr!(
            locale,
            "unknown-command-suggest-two",
            name = name,
            first = format!("/{}", first.name),
            second = format!("/{}", second.name)
        ),
    };
    Ok(vec![Reply::text(text)])
}

/// A kind of message we do not handle (stickers, voice notes, locations…).
pub fn unsupported(ctx: &Ctx<'_>, kind: &str) -> Replies {
    if kind == crate::message::UNREADABLE {
        return Ok(vec![Reply::text(ctx.t("file-download-failed"))]);
    }
    Ok(vec![Reply::text(tr!(
        ctx.actor.locale,
        "unsupported-kind",
        kind = kind.to_string()
    ))])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    /// A localized usage still starts with the command itself, and the placeholders of the
    /// Russian and Spanish ones are not left in English.
    #[test]
    fn localized_usages_name_their_command() {
        for &locale in Locale::all() {
            for spec in COMMANDS {
                let key = format!("help-usage-{}", spec.name.replace('_', "-"));
                let Some(usage) = locale.try_text(&key) else {
                    continue;
                };
                let command = format!("/{}", spec.name);
                assert!(
                    usage == command || usage.starts_with(&format!("{command} ")),
                    "{locale:?} {usage}"
                );
                if locale != Locale::EN {
                    assert_ne!(usage, spec.usage, "{locale:?} {key} is not translated");
                }
            }
        }
        assert_eq!(
            Locale::named("ru")
                .unwrap()
                .try_text("help-usage-no-such-command"),
            None
        );
    }
}
