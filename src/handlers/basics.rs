//! /start, /help, /cancel and the fallbacks for what we do not understand.

use super::{Ctx, Replies};
use crate::channel::{Channel, Choice, Reply};
use crate::router::COMMANDS;
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
        text.push_str(&format!("\n{} — {}", spec.usage, ctx.t(spec.description)));
    }
    text
}

pub async fn cancel(ctx: &mut Ctx<'_>) -> Replies {
    let had_flow = ctx.actor.in_dialogue && dialogues::clear(ctx.tx, ctx.actor.identity_id).await?;
    let key = if had_flow {
        "cancelled"
    } else {
        "nothing-to-cancel"
    };
    Ok(vec![Reply::text(ctx.t(key))])
}

pub fn unknown_command(ctx: &Ctx<'_>, name: &str) -> Replies {
    Ok(vec![Reply::text(tr!(
        ctx.actor.locale,
        "unknown-command",
        name = name.to_string()
    ))])
}

pub fn not_understood(ctx: &Ctx<'_>) -> Replies {
    Ok(vec![Reply::text(ctx.t("not-understood"))])
}

/// A kind of message we do not handle (stickers, voice notes, locations…).
pub fn unsupported(ctx: &Ctx<'_>, kind: &str) -> Replies {
    Ok(vec![Reply::text(tr!(
        ctx.actor.locale,
        "unsupported-kind",
        kind = kind.to_string()
    ))])
}
