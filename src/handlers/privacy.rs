//! /privacy (what ChatCRM holds about you, where the policy is, which commands exercise your
//! rights) and /consent (AI processing and marketing messages, on or off, recorded with
//! time and policy version and audited), /export (the ZIP, delivered as the channel allows).
//! The terms are accepted at /start or with the first message (`handlers::first_message`).

use super::parse_env::ParseEnv;
use super::{Ctx, Replies};
use crate::i18n::{FluentValue, Locale, fold, is_word};
use crate::message::{Channel, Choice, Reply};
use crate::privacy::export::Exported;
use crate::router::Button;
use crate::store;
use crate::store::privacy::{self, ConsentKind};
use crate::tr;

pub async fn privacy(ctx: &mut Ctx<'_>) -> Replies {
    let held = privacy::holdings(ctx.tx, ctx.actor.user_id).await?;
    let mut text = tr!(
        ctx.actor.locale,
        "privacy-summary",
        identities = held.identities,
        workspaces = held.workspaces,
        contacts = held.contacts_created,
        companies = held.companies_created,
        deals = held.deals_created,
        notes = held.notes_written,
        tasks = held.tasks_assigned,
        activities = held.activities,
        consents = held.consents,
        url = ctx.settings.policy_url.clone()
    );
    // Which chats share this account (masked ids; not shown to a group).
    if ctx.private_chat {
        let identities = crate::store::linking::identities(ctx.tx, ctx.actor.user_id).await?;
        text.push_str("\n\n");
        text.push_str(&ctx.t("privacy-identities"));
        for identity in &identities {
            text.push_str(&format!("\n• {}", super::unlink::describe(ctx, identity)));
        }
        if identities.len() > 1 {
            text.push('\n');
            text.push_str(&ctx.t("privacy-unlink-hint"));
        }
    }
    ctx.say(text)
}

/// Records acceptance of the terms and the privacy policy (a first message, /start) unless
/// the actor row says it is recorded already; audited once, when it is recorded.
pub async fn accept_terms(ctx: &mut Ctx<'_>) -> store::Result<()> {
    if ctx.actor.terms_accepted {
        return Ok(());
    }
    let version = ctx.settings.policy_version.clone();
    let at = ctx.now_millis();
    if privacy::accept_terms_once(ctx.tx, ctx.actor.user_id, &version, at).await? {
        ctx.audit("consent.terms.accepted", &version).await?;
    }
    Ok(())
}

/// `/consent` shows the decisions; `/consent ai on` (or `marketing off`…) records one.
/// Anything else says how to write it and changes nothing.
/// The arguments of `/consent [ai|marketing on|off]` (the words of every shipped language:
/// `/consent IA desactivar`, `/consent ИИ вкл`; see `consent-words-*` in the locale files).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConsentArgs {
    /// `/consent`: the decisions so far, with buttons.
    Show,
    /// `/consent ai on`: a decision recorded directly.
    Set { kind: String, granted: bool },
}

impl ConsentArgs {
    pub fn parse(args: &str, env: &ParseEnv) -> Result<ConsentArgs, String> {
        if args.trim().is_empty() {
            return Ok(ConsentArgs::Show);
        }
        let words: Vec<String> = args.split_whitespace().map(fold).collect();
        let decision = match words.as_slice() {
            [kind, word] => {
                let kind = if is_word(kind, "consent-words-ai") {
                    Some("ai")
                } else if is_word(kind, "consent-words-marketing") {
                    Some("marketing")
                } else {
                    None
                };
                let granted = if is_word(word, "consent-words-on") {
                    Some(true)
                } else if is_word(word, "consent-words-off") {
                    Some(false)
                } else {
                    None
                };
                kind.map(str::to_string).zip(granted)
            }
            _ => None,
        };
        match decision {
            Some((kind, granted)) => Ok(ConsentArgs::Set { kind, granted }),
            None => Err(env.locale.text("consent-usage")),
        }
    }
}

pub async fn consent_command(ctx: &mut Ctx<'_>, args: ConsentArgs) -> Replies {
    match args {
        ConsentArgs::Show => consent(ctx).await,
        ConsentArgs::Set { kind, granted } => set(ctx, &kind, granted).await,
    }
}

pub async fn consent(ctx: &mut Ctx<'_>) -> Replies {
    // Both are opt-in: off until the user turns them on, so what is shown is what the
    // recorded decisions say (and what /privacy counts).
    let ai = privacy::consent(ctx.tx, ctx.actor.user_id, ConsentKind::Ai)
        .await?
        .is_some_and(|(on, _)| on);
    let marketing = privacy::consent(ctx.tx, ctx.actor.user_id, ConsentKind::Marketing)
        .await?
        .is_some_and(|(on, _)| on);
    let state = |on: bool| ctx.t(if on { "consent-on" } else { "consent-off" });
    let text = tr!(
        ctx.actor.locale,
        "consent-status",
        ai = state(ai),
        marketing = state(marketing)
    );
    let toggle = |kind: &str, on: bool, key: &str| {
        Choice::new(
            ctx.t(key),
            Button::Consent {
                kind: kind.into(),
                granted: !on,
            }
            .encode(),
        )
    };
    let choices = vec![
        toggle("ai", ai, if ai { "choice-ai-off" } else { "choice-ai-on" }),
        toggle(
            "marketing",
            marketing,
            if marketing {
                "choice-marketing-off"
            } else {
                "choice-marketing-on"
            },
        ),
    ];
    Ok(vec![Reply::text(text).with_choices(choices)])
}

/// A consent button: records the decision and shows the new state.
pub async fn set(ctx: &mut Ctx<'_>, kind: &str, granted: bool) -> Replies {
    let kind = match kind {
        "ai" => ConsentKind::Ai,
        "marketing" => ConsentKind::Marketing,
        _ => return ctx.expired(),
    };
    record(ctx, kind, granted).await?;
    consent(ctx).await
}

/// Records a consent decision with the policy version, and audits it.
pub async fn record(ctx: &mut Ctx<'_>, kind: ConsentKind, granted: bool) -> store::Result<()> {
    let version = ctx.settings.policy_version.clone();
    privacy::set_consent(
        ctx.tx,
        ctx.actor.user_id,
        kind,
        granted,
        &version,
        ctx.now_millis(),
    )
    .await?;
    let action = format!(
        "consent.{}.{}",
        kind.as_str(),
        if granted { "granted" } else { "withdrawn" }
    );
    ctx.audit(&action, &version).await
}

/// Exports a day at most this many times per user.
pub const EXPORTS_PER_DAY: i64 = 3;

/// /export: a ZIP of everything the user may see, written under `[privacy] export_dir`.
/// At most [`EXPORTS_PER_DAY`] a day (in the user's time zone), counted from the audit log
/// so the limit survives restarts and holds across instances; an export the channel
/// refused to deliver does not count. The console prints the path;
/// a chat gets the ZIP as a document when it fits the channel (the sender audits its
/// delivery and deletes the file), else — or with `export_via_link` — a one-time link.
/// Never in a group: there it only says to ask in a private chat.
pub async fn export(ctx: &mut Ctx<'_>) -> Replies {
    if !ctx.private_chat {
        // A document or link posted in a group would hand the user's data to every member.
        return ctx.say(ctx.t("export-private-only"));
    }
    let local = ctx.now.with_timezone(&ctx.tz).date_naive();
    let day_start = local
        .and_hms_opt(0, 0, 0)
        .and_then(|midnight| midnight.and_local_timezone(ctx.tz).earliest())
        .map_or(ctx.now_millis() - 86_400_000, |start| {
            start.timestamp_millis()
        });
    let actor = privacy::pseudonym(ctx.tx, ctx.actor.user_id).await?;
    let requested = privacy::count_actions(ctx.tx, &actor, "export.requested", day_start).await?;
    let refused = privacy::count_actions(ctx.tx, &actor, "export.failed", day_start).await?;
    let done_today = requested - refused;
    if done_today >= EXPORTS_PER_DAY {
        let text = tr!(ctx.actor.locale, "export-limit", limit = EXPORTS_PER_DAY);
        return ctx.say(text);
    }
    let file_name = crate::privacy::export::file_name(ctx.actor.user_id, ctx.now);
    ctx.audit("export.requested", &file_name).await?;
    let dir = ctx.settings.export_dir.clone();
    let exported = crate::privacy::export::write(
        ctx.tx,
        crate::privacy::export::Owner {
            user_id: ctx.actor.user_id,
            display_name: &ctx.actor.display_name,
            tz: ctx.tz,
        },
        &dir,
        &file_name,
        ctx.now,
    )
    .await?;
    let delivery = delivery_of(ctx, exported.bytes);
    // A document is audited by the sender, once the channel took it; a held file is not
    // delivered yet.
    if matches!(delivery, ExportDelivery::Path | ExportDelivery::Link) {
        ctx.audit("export.delivered", &exported.file_name).await?;
    }
    let locale = ctx.actor.locale;
    let text = |key: &str, more: &[(&'static str, FluentValue<'static>)]| {
        export_text(locale, &exported, key, more)
    };
    match delivery {
        ExportDelivery::Path => {
            let path = exported.path.display().to_string();
            ctx.say(text("export-ready", &[("path", path.into())]))
        }
        ExportDelivery::Document => {
            let reply = Reply::text(text("export-attached", &[]));
            Ok(vec![reply.with_file(exported.file_name)])
        }
        ExportDelivery::Link => {
            let url = one_time_link(ctx, &exported.file_name).await?;
            let hours = ctx.settings.export_link_hours;
            let more = [("url", url.into()), ("hours", hours.into())];
            ctx.say(text("export-link", &more))
        }
        ExportDelivery::Held => ctx.say(text("export-prepared", &[])),
    }
}

/// The export message `key` with `more` arguments and, as every one of them has, how many
/// files and records the export holds.
fn export_text(
    locale: Locale,
    exported: &Exported,
    key: &str,
    more: &[(&'static str, FluentValue<'static>)],
) -> String {
    let counts = [
        ("files", FluentValue::from(exported.files as i64)),
        ("records", FluentValue::from(exported.records as i64)),
    ];
    locale.text_with(key, &[more, &counts].concat())
}

/// A new one-time download link to the export `file_name`, valid `export_link_hours`.
async fn one_time_link(ctx: &mut Ctx<'_>, file_name: &str) -> store::Result<String> {
    let token: String = rand::Rng::sample_iter(rand::rng(), &rand::distr::Alphanumeric)
        .take(40)
        .map(char::from)
        .collect();
    let expires = ctx.now + chrono::Duration::hours(ctx.settings.export_link_hours);
    let now = ctx.now_millis();
    crate::store::export_links::create(
        ctx.tx,
        &token,
        ctx.actor.user_id,
        file_name,
        now,
        expires.timestamp_millis(),
    )
    .await?;
    Ok(format!("{}/exports/{token}", ctx.settings.public_url))
}

/// How an export of `bytes` reaches the user on this channel.
enum ExportDelivery {
    /// The console: the file's path.
    Path,
    /// A chat document.
    Document,
    /// A one-time download link.
    Link,
    /// Too large for the chat and no public address for a link: an administrator hands it
    /// over (the file waits until retention removes it).
    Held,
}

fn delivery_of(ctx: &Ctx<'_>, bytes: u64) -> ExportDelivery {
    choose_delivery(
        ctx.channel,
        bytes,
        ctx.settings.export_via_link,
        !ctx.settings.public_url.is_empty(),
    )
}

/// A document when it fits the channel, unless links are preferred and possible; a link
/// when it does not fit and one can be made; else the file is held.
fn choose_delivery(
    channel: Channel,
    bytes: u64,
    via_link: bool,
    has_public_url: bool,
) -> ExportDelivery {
    let Some(max_document) = channel.max_document_bytes() else {
        return ExportDelivery::Path;
    };
    let fits = bytes <= max_document;
    if has_public_url && (via_link || !fits) {
        ExportDelivery::Link
    } else if fits {
        ExportDelivery::Document
    } else {
        ExportDelivery::Held
    }
}

#[cfg(test)]
mod tests {
    use super::{ExportDelivery, choose_delivery};
    use crate::message::Channel::{Console, Telegram, WhatsApp};

    const MB: u64 = 1000 * 1000;

    #[test]
    fn an_export_goes_as_a_document_when_it_fits_the_channel() {
        use ExportDelivery::*;
        let cases = [
            // channel, bytes, via_link, public url → delivery
            (Console, 500 * MB, true, true, Path),
            (Telegram, 50 * MB, false, true, Document),
            (Telegram, 50 * MB + 1, false, true, Link),
            (Telegram, 50 * MB + 1, false, false, Held),
            (WhatsApp, 100 * MB, false, false, Document),
            (WhatsApp, 100 * MB + 1, false, true, Link),
            (Telegram, 1, true, true, Link),
            // Links asked for but impossible: the document still goes.
            (Telegram, 1, true, false, Document),
        ];
        for (channel, bytes, via_link, public, expected) in cases {
            let chosen = choose_delivery(channel, bytes, via_link, public);
            assert_eq!(
                std::mem::discriminant(&chosen),
                std::mem::discriminant(&expected),
                "{channel} {bytes} via_link={via_link} public={public}"
            );
        }
    }
}
