//! `/mail C1 [share|private]`: the last Gmail threads with a contact (subject,
//! participants, date, snippet) from the Gmail cache the Google worker keeps. A user sees
//! their own threads, and those teammates share for this contact (each marked with whose
//! it is); `share` lets the members of the contact's workspace see the user's threads with
//! this contact (on /mail and the timeline), `private` stops it — the words of any shipped
//! language (`words-mail-*`). While the connection needs reconnecting, the cache is shown
//! with a note that sync has stopped. Threads are never sent to the model from here.

use super::handles::{bad_handle_message, not_found};
use super::records::find;
use super::render::{minute_text, shorten};
use super::{Ctx, Replies};
use crate::crm::{ContactId, Handle, RecordKind};
use crate::google::oauth::GMAIL_SCOPE;
use crate::i18n::{fold, is_word};
use crate::store::gmail_cache::{self, Thread};
use crate::store::google_connections::{self, Status};
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

/// Adds a paragraph saying sync has stopped when the connection needs reconnecting: what
/// /mail shows is then the cache as it was.
async fn note_stopped_sync(ctx: &mut Ctx<'_>, text: &mut String) -> crate::store::Result<()> {
    let connection = google_connections::of_user(ctx.tx, ctx.actor.user_id).await?;
    if connection.is_some_and(|c| c.status == Status::ReconnectNeeded) {
        text.push_str("\n\n");
        text.push_str(&ctx.t("google-sync-stopped"));
    }
    Ok(())
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
    let word = fold(action);
    let share = is_word(&word, "words-mail-share");
    let private = is_word(&word, "words-mail-private");
    match (word.is_empty(), share, private) {
        (true, _, _) => {
            let threads = gmail_cache::threads_with(ctx.tx, user, contact, SHOWN).await?;
            if threads.is_empty() {
                if let Err(refusal) = gmail_granted(ctx).await? {
                    return ctx.say(refusal);
                }
                let mut text = tr!(ctx.actor.locale, "mail-none", handle = handle.to_string());
                note_stopped_sync(ctx, &mut text).await?;
                return ctx.say(text);
            }
            let mut text = tr!(ctx.actor.locale, "mail-header", record = record.line);
            for thread in &threads {
                text.push('\n');
                text.push_str(&thread_line(ctx, thread));
            }
            // The footer is about sharing the viewer's own threads: only when some are shown.
            if threads.iter().any(|t| t.shared_by.is_none()) {
                let shared = gmail_cache::shared(ctx.tx, user, contact).await?;
                let key = if shared {
                    "mail-footer-shared"
                } else {
                    "mail-footer-private"
                };
                text.push_str("\n\n");
                text.push_str(&tr!(ctx.actor.locale, key, handle = handle.to_string()));
            }
            note_stopped_sync(ctx, &mut text).await?;
            ctx.say(text)
        }
        (false, true, _) | (false, _, true) => {
            if let Err(refusal) = gmail_granted(ctx).await? {
                return ctx.say(refusal);
            }
            let on = share;
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

/// One thread: "2026-11-29 09:00 · ✉ Subject (a@x, b@y) — snippet", and "· shared by
/// Ada" when it is from a teammate's mailbox.
pub fn thread_line(ctx: &Ctx<'_>, thread: &Thread) -> String {
    let when = minute_text(ctx, thread.last_at);
    let subject = if thread.subject.trim().is_empty() {
        ctx.t("mail-no-subject")
    } else {
        shorten(&thread.subject, 120)
    };
    let line = tr!(
        ctx.actor.locale,
        "mail-thread",
        when = when,
        subject = subject,
        participants = shorten(&thread.participants, 160),
        snippet = shorten(&thread.snippet, 200)
    );
    match &thread.shared_by {
        Some(owner) => tr!(
            ctx.actor.locale,
            "mail-thread-shared",
            thread = line,
            owner = owner.clone()
        ),
        None => line,
    }
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
