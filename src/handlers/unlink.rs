//! /unlink: undoes /link. Lists the account's chat identities (channel and masked id) with a
//! button each, or takes `/unlink whatsapp` or `/unlink 2`; after a confirmation the chosen
//! identity becomes a new account of its own with a fresh personal workspace, so it no
//! longer sees anything of this account. The only identity of an account is never unlinked.

use super::render::shorten;
use super::{Ctx, Replies};
use crate::channel::{Choice, Reply};
use crate::router::Button;
use crate::store::linking::{self, Identity};
use crate::tr;

/// A channel's name as the user knows it.
fn channel_name(ctx: &Ctx<'_>, channel: &str) -> String {
    match channel {
        "telegram" | "whatsapp" | "console" => ctx.t(&format!("channel-{channel}")),
        other => other.to_string(),
    }
}

/// An external id with its middle hidden: `+4915112345678` → `+49…678`.
pub fn mask(external_id: &str) -> String {
    let chars: Vec<char> = external_id.chars().collect();
    let keep = match chars.len() {
        0..=2 => return "…".to_string(),
        3..=6 => 1,
        _ => 3,
    };
    let head: String = chars[..keep].iter().collect();
    let tail: String = chars[chars.len() - keep..].iter().collect();
    format!("{head}…{tail}")
}

/// "WhatsApp +49…678", marked when it is the chat the actor writes from.
pub fn describe(ctx: &Ctx<'_>, identity: &Identity) -> String {
    let mut text = format!(
        "{} {}",
        channel_name(ctx, &identity.channel),
        mask(&identity.external_id)
    );
    if identity.id == ctx.actor.identity_id {
        text.push(' ');
        text.push_str(&ctx.t("identity-this-chat"));
    }
    text
}

pub async fn unlink(ctx: &mut Ctx<'_>, args: &str) -> Replies {
    if !ctx.private_chat {
        return ctx.say(ctx.t("unlink-private-only"));
    }
    let identities = linking::identities(ctx.tx, ctx.actor.user_id).await?;
    if identities.len() < 2 {
        return ctx.say(ctx.t("unlink-only-one"));
    }
    let wanted = args.trim().to_lowercase();
    if wanted.is_empty() {
        let mut text = ctx.t("unlink-list");
        let mut choices = Vec::new();
        for (n, identity) in identities.iter().enumerate() {
            let line = format!("{}. {}", n + 1, describe(ctx, identity));
            text.push('\n');
            text.push_str(&line);
            let button = Button::Unlink {
                identity_id: identity.id,
                confirmed: false,
            };
            choices.push(Choice::new(shorten(&line, 24), button.encode()));
        }
        choices.truncate(8);
        return Ok(vec![Reply::text(text).with_choices(choices)]);
    }
    let matching: Vec<&Identity> = match wanted.parse::<usize>() {
        Ok(n) => identities.get(n.wrapping_sub(1)).into_iter().collect(),
        Err(_) => identities
            .iter()
            .filter(|i| {
                i.channel == wanted || channel_name(ctx, &i.channel).to_lowercase() == wanted
            })
            .collect(),
    };
    match matching.as_slice() {
        [one] => ask(ctx, one),
        [] => ctx.say(ctx.t("unlink-not-found")),
        _ => ctx.say(ctx.t("unlink-ambiguous")),
    }
}

/// The confirmation card for unlinking `identity`.
fn ask(ctx: &Ctx<'_>, identity: &Identity) -> Replies {
    let text = tr!(
        ctx.actor.locale,
        "unlink-confirm",
        identity = describe(ctx, identity)
    );
    let yes = Button::Unlink {
        identity_id: identity.id,
        confirmed: true,
    };
    let choices = vec![
        Choice::new(ctx.t("choice-yes-unlink"), yes.encode()),
        Choice::new(ctx.t("choice-no"), Button::Cancel.encode()),
    ];
    Ok(vec![Reply::text(text).with_choices(choices)])
}

/// The unlink button: asks first, then moves the identity to an account of its own.
pub async fn pressed(ctx: &mut Ctx<'_>, identity_id: i64, confirmed: bool) -> Replies {
    if !ctx.private_chat {
        return ctx.say(ctx.t("unlink-private-only"));
    }
    let identities = linking::identities(ctx.tx, ctx.actor.user_id).await?;
    let Some(identity) = identities.iter().find(|i| i.id == identity_id) else {
        return ctx.say(ctx.t("button-expired"));
    };
    if identities.len() < 2 {
        return ctx.say(ctx.t("unlink-only-one"));
    }
    if !confirmed {
        return ask(ctx, identity);
    }
    let described = describe(ctx, identity);
    let new_user = linking::unlink(ctx.tx, identity.id, ctx.actor.user_id).await?;
    let target = format!(
        "identity:{} {}",
        identity.id,
        crate::store::privacy::pseudonym(ctx.tx, new_user).await?
    );
    ctx.audit("identity.unlinked", &target).await?;
    if identity.id == ctx.actor.identity_id {
        return ctx.say(ctx.t("unlink-done-this-chat"));
    }
    ctx.say(tr!(ctx.actor.locale, "unlink-done", identity = described))
}

#[cfg(test)]
mod tests {
    use super::mask;

    #[test]
    fn masks_the_middle_of_an_id() {
        assert_eq!(mask("+4915112345678"), "+49…678");
        assert_eq!(mask("123456789"), "123…789");
        assert_eq!(mask("5001"), "5…1");
        assert_eq!(mask("ab"), "…");
    }
}
