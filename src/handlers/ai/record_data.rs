//! What `/summary` and `/draft` tell the model about one record: its card (the record's
//! own fields, the lines of its linked records) and the last entries of its timeline with
//! the notes quoted — read in the asking workspace only, bounded in size. The card and
//! the user's own request are where a reply's links may come from; the timeline is
//! anyone's words (`crate::ai::sanitize`).

use super::super::handles::{bad_handle_message, not_found};
use super::super::timeline::entry_line;
use super::super::{Ctx, company_view, contact_view, deals};
use crate::ai::ModelAnswer;
use crate::ai::sanitize::{Allowed, clean};
use crate::crm::{Contact, Handle, RecordId, RecordKind};
use crate::store::{self, activities, companies, contacts, deals as deal_rows, notes};

/// Timeline entries sent at most (the latest).
pub const TIMELINE_ENTRIES: i64 = 20;
/// Characters of one note sent at most.
pub const NOTE_CHARS: usize = 800;

/// One record as the prompt shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordData {
    pub handle: Handle,
    /// The card: the record's fields and linked records, one per line.
    pub card: String,
    /// The latest timeline entries, oldest first, one per line ("" for none).
    pub timeline: String,
    /// The person a follow-up goes to: the contact, or the deal's contact.
    pub contact: Option<Contact>,
}

/// Why there is no record to send: the reply says so, and the model is not called.
pub type Refusal = String;

/// The record `input` names, if it is one of `kinds` in this workspace; else the message
/// saying why not (`usage_key` for no handle at all, `kinds_key` for another kind).
pub async fn load(
    ctx: &mut Ctx<'_>,
    handle_text: &str,
    kinds: &[RecordKind],
    usage_key: &str,
    kinds_key: &str,
) -> store::Result<Result<RecordData, Refusal>> {
    let Some(handle) = Handle::parse(handle_text) else {
        return Ok(Err(bad_handle_message(ctx, handle_text, usage_key)));
    };
    if !kinds.contains(&handle.kind) {
        return Ok(Err(ctx.t(kinds_key)));
    }
    let ws = ctx.actor.workspace_id;
    let n = handle.number;
    let found = match handle.kind {
        RecordKind::Contact => match contacts::by_handle(ctx.tx, ws, n).await? {
            Some(contact) => {
                let card = contact_view::card_text(ctx, &contact).await?;
                Some((RecordId::from(contact.id), card, Some(contact)))
            }
            None => None,
        },
        RecordKind::Company => match companies::by_handle(ctx.tx, ws, n).await? {
            Some(company) => {
                let card = company_view::card_text(ctx, &company).await?;
                Some((RecordId::from(company.id), card, None))
            }
            None => None,
        },
        RecordKind::Deal => match deal_rows::by_handle(ctx.tx, ws, n).await? {
            Some(deal) => {
                let card = deals::card_text(ctx, &deal).await?;
                let contact = match deal.contact_id {
                    Some(id) => contacts::by_id(ctx.tx, ws, id).await?,
                    None => None,
                };
                Some((RecordId::from(deal.id), card, contact))
            }
            None => None,
        },
        RecordKind::Task | RecordKind::Note => None,
    };
    let Some((id, card, contact)) = found else {
        return Ok(Err(not_found(ctx, handle)));
    };
    let entries = activities::timeline(ctx.tx, ws, handle.kind, id, TIMELINE_ENTRIES).await?;
    let notes = notes::on_record(ctx.tx, ws, handle.kind, id).await?;
    let timeline: Vec<String> = entries
        .iter()
        .map(|entry| entry_line(ctx, entry, &notes, NOTE_CHARS))
        .collect();
    Ok(Ok(RecordData {
        handle,
        card,
        timeline: timeline.join("\n"),
        contact,
    }))
}

/// The model's answer cleaned (`crate::ai::sanitize`): links only when one of `sources`
/// (the record's card, the user's own words) holds them, at most `max_chars`; `None` when
/// nothing is left to show.
pub fn cleaned(
    ctx: &Ctx<'_>,
    answer: &ModelAnswer,
    sources: &[&str],
    max_chars: usize,
) -> Option<String> {
    let allowed = Allowed::from_texts(sources.iter().copied());
    let text = clean(&answer.text, &allowed, max_chars, &ctx.t("ai-link-removed"));
    (!text.is_empty()).then_some(text)
}

/// The language a reply is written in, named for the prompt (the locale's own
/// `language-name`, as capture names it).
pub fn language_name(ctx: &Ctx<'_>) -> String {
    ctx.t("language-name")
}

/// Today in the user's zone, as the prompts write it ("Monday 2026-11-30").
pub fn today(ctx: &Ctx<'_>) -> String {
    ctx.now
        .with_timezone(&ctx.tz)
        .format("%A %Y-%m-%d")
        .to_string()
}
