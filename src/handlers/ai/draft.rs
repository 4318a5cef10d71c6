//! `/draft H [what about]`: a follow-up email to a contact (or a deal's contact) drafted
//! from the record's card and the last entries of its timeline (`record_data`), the
//! user's "what about" text and — when the user's own Gmail cache holds one — the last
//! email thread with that contact (subject, participants, date, snippet; read for this
//! request only, never stored with it), all fenced as untrusted data. An unknown handle, another kind
//! of record or a deal without a contact is answered without the model. The draft is
//! cleaned (`ai::sanitize`): links not in the record's fields or the user's own words are
//! removed, length capped.

use crate::ai::Prepared;
use crate::ai::{Feature, ModelAnswer};
use crate::crm::{Contact, RecordKind};
use crate::handlers::mail::thread_line;
use crate::handlers::{Ctx, Replies};
use crate::message::Reply;
use crate::store::{self, gmail_cache};
use crate::tr;

use super::record_data::{self, RecordData, cleaned, language_name};

/// The most tokens the draft may take.
const MAX_TOKENS: u32 = 900;
/// The longest draft shown, in characters.
pub const MAX_CHARS: usize = 3000;
/// The longest "what about" text, in characters.
pub const MAX_ABOUT_CHARS: usize = 500;

const KINDS: &[RecordKind] = &[RecordKind::Contact, RecordKind::Deal];

/// The record, its contact and the "what about" text, or why there is no draft to write.
async fn load(
    ctx: &mut Ctx<'_>,
    input: &str,
) -> store::Result<Result<(RecordData, Contact, String), String>> {
    let input = input.trim();
    let (handle, about) = input.split_once(char::is_whitespace).unwrap_or((input, ""));
    let about = about.trim();
    if about.chars().count() > MAX_ABOUT_CHARS {
        return Ok(Err(tr!(
            ctx.actor.locale,
            "draft-about-too-long",
            max = MAX_ABOUT_CHARS
        )));
    }
    let record = match record_data::load(ctx, handle, KINDS, "usage-draft", "draft-kinds").await? {
        Ok(record) => record,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let Some(contact) = record.contact.clone() else {
        return Ok(Err(tr!(
            ctx.actor.locale,
            "draft-no-contact",
            handle = record.handle.to_string()
        )));
    };
    Ok(Ok((record, contact, about.to_string())))
}

/// Why there is no draft to write for `input` (no handle, another kind, not found, no
/// contact, "what about" too long).
pub async fn refusal_of(ctx: &mut Ctx<'_>, input: &str) -> store::Result<Option<String>> {
    Ok(load(ctx, input).await?.err())
}

/// The draft prompt for `input` ("C1 about the offer"), or why there is none.
pub async fn prepare(ctx: &mut Ctx<'_>, input: &str) -> store::Result<Prepared> {
    let (record, contact, about) = match load(ctx, input).await? {
        Ok(found) => found,
        Err(refusal) => return Ok(Prepared::Done(vec![Reply::text(refusal)])),
    };
    let thread = gmail_cache::last_own_thread(ctx.tx, ctx.actor.user_id, contact.id).await?;
    let last_email_thread = thread.map_or_else(String::new, |t| thread_line(ctx, &t));
    let context = minijinja::context! {
        language => language_name(ctx),
        about => about,
        record => record.card,
        timeline => record.timeline,
        last_email_thread => last_email_thread,
    };
    Ok(super::model_call(
        ctx,
        Feature::Draft,
        context,
        None,
        MAX_TOKENS,
    ))
}

/// The draft, cleaned, under a header naming its recipient (its stored copy blanked once
/// delivered: it may quote the user's last Gmail thread).
pub async fn finish(ctx: &mut Ctx<'_>, input: &str, answer: &ModelAnswer) -> Replies {
    let (record, contact, about) = match load(ctx, input).await? {
        Ok(found) => found,
        Err(refusal) => return ctx.say(refusal),
    };
    let Some(text) = cleaned(ctx, answer, &[&record.card, &about], MAX_CHARS) else {
        return ctx.say(ctx.t("ai-answer-empty"));
    };
    let header = tr!(
        ctx.actor.locale,
        "draft-header",
        name = contact.name.clone(),
        handle = contact.handle().to_string()
    );
    // It may quote the user's Gmail: like every reply with Google content, its stored copy
    // is blanked once delivered.
    Ok(vec![
        Reply::text(format!("{header}\n\n{text}")).scrubbed_after_send(),
    ])
}
