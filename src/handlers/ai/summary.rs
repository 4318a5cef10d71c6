//! `/summary H`: a contact's, company's or deal's card and the last entries of its
//! timeline (`record_data`), fenced as untrusted data, become a short summary. An unknown
//! handle or another kind of record is answered without the model. The answer is cleaned
//! (`ai::sanitize`): links not in the record's own fields are removed, length capped.

use crate::ai::Prepared;
use crate::ai::{Feature, ModelAnswer};
use crate::crm::RecordKind;
use crate::handlers::{Ctx, Replies};
use crate::message::Reply;
use crate::store;
use crate::tr;

use super::record_data::{self, RecordData, cleaned, language_name};

/// Sentences a summary has at most (the prompt asks for it).
const MAX_SENTENCES: u32 = 5;
/// The most tokens the summary may take.
const MAX_TOKENS: u32 = 400;
/// The longest summary shown, in characters.
pub const MAX_CHARS: usize = 1500;

const KINDS: &[RecordKind] = &[RecordKind::Contact, RecordKind::Company, RecordKind::Deal];

async fn load(ctx: &mut Ctx<'_>, input: &str) -> store::Result<Result<RecordData, String>> {
    record_data::load(ctx, input.trim(), KINDS, "usage-summary", "summary-kinds").await
}

/// Why there is nothing to summarise for `input` (no handle, another kind, not found).
pub async fn refusal_of(ctx: &mut Ctx<'_>, input: &str) -> store::Result<Option<String>> {
    Ok(load(ctx, input).await?.err())
}

/// The summary prompt for the record `input` names, or why there is none.
pub async fn prepare(ctx: &mut Ctx<'_>, input: &str) -> store::Result<Prepared> {
    let record = match load(ctx, input).await? {
        Ok(record) => record,
        Err(refusal) => return Ok(Prepared::Done(vec![Reply::text(refusal)])),
    };
    let context = minijinja::context! {
        language => language_name(ctx),
        max_sentences => MAX_SENTENCES,
        record => record.card,
        timeline => record.timeline,
    };
    Ok(super::model_call(
        ctx,
        Feature::Summary,
        context,
        None,
        MAX_TOKENS,
    ))
}

/// The summary, cleaned, under a header naming the record.
pub async fn finish(ctx: &mut Ctx<'_>, input: &str, answer: &ModelAnswer) -> Replies {
    // The record is read again: links may come only from its fields as they are now.
    let record = match load(ctx, input).await? {
        Ok(record) => record,
        Err(refusal) => return ctx.say(refusal),
    };
    let Some(text) = cleaned(ctx, answer, &[&record.card], MAX_CHARS) else {
        return ctx.say(ctx.t("ai-answer-empty"));
    };
    let header = tr!(
        ctx.actor.locale,
        "summary-header",
        handle = record.handle.to_string()
    );
    ctx.say(format!("{header}\n{text}"))
}
