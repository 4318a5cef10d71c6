//! Capture: free text after a meeting ("met Anna from Acme, wants 20 seats, call her
//! friday 10am") becomes a card of proposed records. `prepare` renders the capture prompt
//! (the message text, today's date and the user's language: nothing else goes to the
//! model); `finish` reads the answer through our validators, matches an existing contact
//! or company (by phone, email or folded name: updated, not duplicated), stores the
//! proposal and answers with the card. Nothing is written before Confirm ([`confirm`]).

mod answer;
mod card;
mod confirm;

use std::sync::LazyLock;

use crate::ai::Prepared;
use crate::ai::{AnswerSchema, Feature, ModelAnswer};
use crate::crm::{CompanyId, duplicate};
use crate::handlers::{Ctx, Replies};
use crate::store::{self, ai_proposals, companies, contacts};
use crate::tr;
use answer::{Env, Existing, Proposal};
pub use confirm::pressed;

/// How long a card's buttons act.
pub const PROPOSAL_HOURS: i64 = 24;
/// The most tokens the answer may take (the JSON of five small records).
const MAX_TOKENS: u32 = 800;

static SCHEMA: LazyLock<serde_json::Value> = LazyLock::new(|| {
    // The schema file is compiled in and checked by this module's tests.
    serde_json::from_str(include_str!("../../../../prompts/capture.schema.json"))
        .unwrap_or(serde_json::Value::Null)
});

/// The capture prompt for `input`: the text, today's date in the user's zone and their
/// language.
pub async fn prepare(ctx: &mut Ctx<'_>, input: &str) -> store::Result<Prepared> {
    let context = minijinja::context! {
        today => super::record_data::today(ctx),
        language => super::record_data::language_name(ctx),
        text => input,
    };
    let schema = AnswerSchema {
        name: "capture",
        schema: SCHEMA.clone(),
    };
    Ok(super::model_call(
        ctx,
        Feature::Capture,
        context,
        Some(schema),
        MAX_TOKENS,
    ))
}

/// The card for the model's answer to `input`, or why there is none.
pub async fn finish(ctx: &mut Ctx<'_>, input: &str, answer: &ModelAnswer) -> Replies {
    let env = Env {
        input,
        region: ctx.region(),
        default_currency: ctx.settings.default_currency,
        now: ctx.now,
        tz: ctx.tz,
        language: ctx.actor.locale.code(),
    };
    let (mut proposal, warnings) = match answer::read(&answer.text, &env) {
        Ok(read) => read,
        Err(error) => {
            tracing::warn!(%error, "a capture answer could not be read");
            return ctx.say(tr!(ctx.actor.locale, "ai-failed", kind = "bad_answer"));
        }
    };
    if proposal.is_empty() {
        let mut lines = vec![ctx.t("capture-nothing")];
        lines.extend(card::warnings(ctx, &warnings));
        return ctx.say(lines.join("\n"));
    }
    match_existing(ctx, &mut proposal).await?;
    let body = match serde_json::to_string(&proposal) {
        Ok(body) => body,
        Err(error) => {
            tracing::error!(%error, "a capture proposal could not be encoded");
            return ctx.say(ctx.t("error-internal"));
        }
    };
    let expires_at = ctx.now_millis() + PROPOSAL_HOURS * 3_600_000;
    let (ws, user) = (ctx.actor.workspace_id, ctx.actor.user_id);
    let id = ai_proposals::insert(ctx.tx, ctx.ai_request, ws, user, &body, expires_at).await?;
    Ok(vec![card::card(ctx, id, &proposal, &warnings)])
}

/// Finds the contact and company the workspace already has (same phone, email or folded
/// name; same domain or folded name): the card updates them instead of duplicating.
async fn match_existing(ctx: &mut Ctx<'_>, proposal: &mut Proposal) -> store::Result<()> {
    let ws = ctx.actor.workspace_id;
    if let Some(draft) = &proposal.company {
        let candidates = companies::likely_duplicates(ctx.tx, ws, draft).await?;
        proposal.existing_company =
            duplicate::best_company(draft, &candidates).map(|(c, _)| Existing {
                id: c.id.get(),
                handle: c.handle().to_string(),
                name: c.name.clone(),
            });
    }
    let Some(draft) = &proposal.contact else {
        return Ok(());
    };
    let candidates = contacts::likely_duplicates(ctx.tx, ws, draft).await?;
    let Some((existing, _)) = duplicate::best(draft, &candidates) else {
        return Ok(());
    };
    let mut changes = Vec::new();
    if draft.phone.is_some() && draft.phone != existing.phone {
        changes.push("phone");
    }
    if draft.email.is_some() && draft.email != existing.email {
        changes.push("email");
    }
    if draft.position.is_some() && draft.position != existing.position {
        changes.push("position");
    }
    let company_id = proposal
        .existing_company
        .as_ref()
        .map(|c| CompanyId::new(c.id));
    if proposal.company.is_some() && (company_id.is_none() || existing.company_id != company_id) {
        changes.push("company");
    }
    proposal.contact_changes = changes.into_iter().map(String::from).collect();
    proposal.existing_contact = Some(Existing {
        id: existing.id.get(),
        handle: existing.handle().to_string(),
        name: existing.name.clone(),
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_schema_file_is_json() {
        assert!(super::SCHEMA.is_object());
        assert_eq!(super::SCHEMA["required"].as_array().map(Vec::len), Some(5));
    }
}
