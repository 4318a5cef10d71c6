//! `/mail C1 [share|private]`: the last Gmail threads with a contact (subject,
//! participants, date, snippet) from the Gmail cache the Google worker keeps. A user sees
//! their own threads, and those teammates share for this contact; `share` lets the members
//! of the contact's workspace see the user's threads with this contact (on /mail and the
//! timeline), `private` stops it. Threads are never sent to the model from here.

use super::handles::{bad_handle_message, not_found};
use super::records::find;
use super::render::{minute_text, shorten};
use super::{Ctx, Replies};
use crate::crm::{ContactId, Handle, RecordKind};
use crate::google::oauth::GMAIL_SCOPE;
use crate::store::gmail_cache::{self, Thread};
use crate::store::google_connections;
use crate::tr;

/// Threads /mail shows.
const SHOWN: i64 = 5;

/// Whether the actor's Google connection reads Gmail: `Err(message)` names /connect_google.
async fn gmail_granted(ctx: &mut Ctx<'_>) -> crate::store::Result<Result<(), String>> {
    if ctx.settings.google.is_none() {
        return Ok(Err(ctx.t("google-not-configured")));
    }
    let connection = google_connections::of_user(ctx.tx, ctx.actor.user_id).await?;
    Ok(match connection {
        None => Err(ctx.t("mail-not-connected")),
        Some(c) if !c.granted(GMAIL_SCOPE) => Err(ctx.t("mail-gmail-not-granted")),
        Some(_) => Ok(()),
    })
}

pub async fn mail(ctx: &mut Ctx<'_>, input: &str) -> Replies {
    if !ctx.private_chat {
        return ctx.say(ctx.t("mail-private-chat"));
    }
    let input = input.trim();
    let (handle_text, action) = input.split_once(char::is_whitespace).unwrap_or((input, ""));
    let handle = match Handle::parse(handle_text) {
        Some(handle) if handle.kind == RecordKind::Contact => handle,
        Some(_) => return ctx.say(ctx.t("usage-mail")),
        None => return ctx.say(bad_handle_message(ctx, handle_text, "usage-mail")),
    };
    let Some(record) = find(ctx, handle).await? else {
        return ctx.say(not_found(ctx, handle));
    };
    let contact = ContactId::from(record.id);
    let user = ctx.actor.user_id;
    match action.trim().to_lowercase().as_str() {
        "" => {
            let threads = gmail_cache::threads_with(ctx.tx, user, contact, SHOWN).await?;
            if threads.is_empty() {
                if let Err(refusal) = gmail_granted(ctx).await? {
                    return ctx.say(refusal);
                }
                return ctx.say(tr!(
                    ctx.actor.locale,
                    "mail-none",
                    handle = handle.to_string()
                ));
            }
            let mut text = tr!(ctx.actor.locale, "mail-header", record = record.line);
            for thread in &threads {
                text.push('\n');
                text.push_str(&thread_line(ctx, thread));
            }
            let shared = gmail_cache::shared(ctx.tx, user, contact).await?;
            let key = if shared {
                "mail-footer-shared"
            } else {
                "mail-footer-private"
            };
            text.push_str("\n\n");
            text.push_str(&tr!(ctx.actor.locale, key, handle = handle.to_string()));
            ctx.say(text)
        }
        word @ ("share" | "private") => {
            if let Err(refusal) = gmail_granted(ctx).await? {
                return ctx.say(refusal);
            }
            let on = word == "share";
            gmail_cache::set_shared(ctx.tx, user, contact, on).await?;
            ctx.audit(
                if on { "gmail.shared" } else { "gmail.private" },
                &handle.to_string(),
            )
            .await?;
            let key = if on { "mail-shared" } else { "mail-private" };
            ctx.say(tr!(ctx.actor.locale, key, handle = handle.to_string()))
        }
        _ => ctx.say(ctx.t("usage-mail")),
    }
}

/// One thread: "2026-11-29 09:00 · ✉ Subject (a@x, b@y) — snippet".
pub fn thread_line(ctx: &Ctx<'_>, thread: &Thread) -> String {
    let when = minute_text(ctx, thread.last_at);
    let subject = if thread.subject.trim().is_empty() {
        ctx.t("mail-no-subject")
    } else {
        shorten(&thread.subject, 120)
    };
    tr!(
        ctx.actor.locale,
        "mail-thread",
        when = when,
        subject = subject,
        participants = shorten(&thread.participants, 160),
        snippet = shorten(&thread.snippet, 200)
    )
}

/// The Gmail lines of a contact's timeline (the threads the actor may see), only in the
/// actor's private chat: mail is not shown to a group.
pub async fn timeline_lines(
    ctx: &mut Ctx<'_>,
    contact: ContactId,
) -> crate::store::Result<Vec<String>> {
    if !ctx.private_chat {
        return Ok(Vec::new());
    }
    let threads = gmail_cache::threads_with(ctx.tx, ctx.actor.user_id, contact, SHOWN).await?;
    Ok(threads.iter().map(|t| thread_line(ctx, t)).collect())
}
