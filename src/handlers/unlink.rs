//! /unlink: undoes /link. Lists the account's chat identities (channel and masked id) with a
//! button each, or takes `/unlink whatsapp` or `/unlink 2`; after a confirmation the chosen
//! identity becomes a new account of its own with a fresh personal workspace, so it no
//! longer sees anything of this account. The only identity of an account is never unlinked.
//! A chat may unlink itself or chats linked after it, never an earlier one (the account's
//! original chat may unlink any other): a chat linked with a leaked code cannot take the
//! account from its owner. Unlinking revokes the account's link codes and export links.

use super::parse_env::ParseEnv;
use super::render::shorten;
use super::{Ctx, Replies, asking};
use crate::crm::IdentityId;
use crate::message::{Choice, Reply};
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

/// The arguments of `/unlink [telegram|whatsapp|console|N]`: which chat, matched against the
/// account's chats once they are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnlinkArgs {
    /// `/unlink`: the list with a button per chat.
    List,
    /// `/unlink 2`: the chat numbered so in the list.
    Number(usize),
    /// `/unlink whatsapp`: the chat of that channel (its code or its name in the user's
    /// language), lowercased.
    Channel(String),
}

impl UnlinkArgs {
    pub fn parse(args: &str, _env: &ParseEnv) -> Result<UnlinkArgs, String> {
        let wanted = args.trim().to_lowercase();
        if wanted.is_empty() {
            return Ok(UnlinkArgs::List);
        }
        Ok(match wanted.parse::<usize>() {
            Ok(n) => UnlinkArgs::Number(n),
            Err(_) => UnlinkArgs::Channel(wanted),
        })
    }
}

pub async fn unlink(ctx: &mut Ctx<'_>, args: UnlinkArgs) -> Replies {
    if !ctx.private_chat {
        return ctx.say(ctx.t("unlink-private-only"));
    }
    let identities = linking::identities(ctx.tx, ctx.actor.user_id).await?;
    if identities.len() < 2 {
        return ctx.say(ctx.t("unlink-only-one"));
    }
    let wanted = match args {
        UnlinkArgs::Number(n) => Ok(n),
        UnlinkArgs::Channel(name) => Err(name),
        UnlinkArgs::List => {
            let me = this_chat(ctx, &identities);
            let mut text = ctx.t("unlink-list");
            let mut choices = Vec::new();
            for (n, identity) in identities.iter().enumerate() {
                let line = format!("{}. {}", n + 1, describe(ctx, identity));
                text.push('\n');
                text.push_str(&line);
                if !me.is_some_and(|me| me.may_unlink(identity)) {
                    continue;
                }
                let button = Button::Unlink {
                    identity_id: identity.id,
                    confirmed: false,
                };
                choices.push(Choice::new(shorten(&line, 24), button.encode()));
            }
            if choices.len() < identities.len() {
                text.push_str("\n\n");
                text.push_str(&ctx.t("unlink-list-limited"));
            }
            choices.truncate(8);
            return Ok(vec![Reply::text(text).with_choices(choices)]);
        }
    };
    let matching: Vec<&Identity> = match wanted {
        Ok(n) => identities.get(n.wrapping_sub(1)).into_iter().collect(),
        Err(wanted) => identities
            .iter()
            .filter(|i| {
                i.channel == wanted || channel_name(ctx, &i.channel).to_lowercase() == wanted
            })
            .collect(),
    };
    match matching.as_slice() {
        [one] => match refusal(ctx, &identities, one) {
            Some(refused) => ctx.say(refused),
            None => ask(ctx, one),
        },
        [] => ctx.say(ctx.t("unlink-not-found")),
        _ => ctx.say(ctx.t("unlink-ambiguous")),
    }
}

/// The identity the actor writes from, among the account's `identities`.
fn this_chat<'i>(ctx: &Ctx<'_>, identities: &'i [Identity]) -> Option<&'i Identity> {
    identities.iter().find(|i| i.id == ctx.actor.identity_id)
}

/// Why the actor may not unlink `target`, naming the chats that may and how to unlink this
/// chat instead; `None` when the actor may.
fn refusal(ctx: &Ctx<'_>, identities: &[Identity], target: &Identity) -> Option<String> {
    let Some(me) = this_chat(ctx, identities) else {
        // Never so (the actor's chat is one of its account's), but never allowed either.
        return Some(ctx.t("unlink-not-found"));
    };
    if me.may_unlink(target) {
        return None;
    }
    let chats: Vec<String> = identities
        .iter()
        .filter(|i| i.may_unlink(target))
        .map(|i| describe(ctx, i))
        .collect();
    let own = identities.iter().position(|i| i.id == me.id).unwrap_or(0) + 1;
    Some(tr!(
        ctx.actor.locale,
        "unlink-not-allowed",
        identity = describe(ctx, target),
        chats = chats.join(", "),
        own = own as i64
    ))
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
    asking::confirm(ctx, text, "choice-yes-unlink", yes, "choice-no")
}

/// The unlink button: asks first, then moves the identity to an account of its own.
pub async fn pressed(ctx: &mut Ctx<'_>, identity_id: IdentityId, confirmed: bool) -> Replies {
    if !ctx.private_chat {
        return ctx.say(ctx.t("unlink-private-only"));
    }
    let identities = linking::identities(ctx.tx, ctx.actor.user_id).await?;
    let Some(identity) = identities.iter().find(|i| i.id == identity_id) else {
        return ctx.expired();
    };
    if identities.len() < 2 {
        return ctx.say(ctx.t("unlink-only-one"));
    }
    // Checked again on the confirmation: an older or forged button gets no further.
    if let Some(refused) = refusal(ctx, &identities, identity) {
        return ctx.say(refused);
    }
    if !confirmed {
        return ask(ctx, identity);
    }
    let described = describe(ctx, identity);
    let unlinked = linking::unlink(ctx.tx, identity.id, ctx.actor.user_id).await?;
    ctx.discard.extend(unlinked.files);
    let target = format!(
        "identity:{} {}",
        identity.id,
        crate::store::privacy::pseudonym(ctx.tx, unlinked.new_user).await?
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
        for (id, masked) in [
            ("+4915112345678", "+49…678"),
            ("123456789", "123…789"),
            ("5001", "5…1"),
            ("ab", "…"),
        ] {
            assert_eq!(mask(id), masked, "{id}");
        }
    }
}
