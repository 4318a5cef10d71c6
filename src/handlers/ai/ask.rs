//! `/ask <question>`: the model turns the question into a read-only query plan
//! (`ai::query_plan`); our code checks it and runs it in the asking workspace
//! (`store::ask`) and lists the real records with their handles. The prompt holds the
//! question, today's date and the list of allowed filters — never a record; the model never
//! writes SQL, and its words are never shown (only field names of a refused plan, cleaned).

use crate::ai::Prepared;
use crate::ai::query_plan::{self, PlanEnv, PlanError};
use crate::ai::sanitize::{Allowed, clean};
use crate::ai::{Feature, ModelAnswer};
use crate::handlers::render::{company_line, contact_line, deal_line, shorten, task_line};
use crate::handlers::{Ctx, Replies};
use crate::message::Reply;
use crate::store::{self, ask};
use crate::tr;

use super::record_data::today;

/// The longest question, in characters.
pub const MAX_QUESTION_CHARS: usize = 500;
/// The most tokens a plan may take.
const MAX_TOKENS: u32 = 400;
/// Characters of a note's text a result line shows.
const NOTE_LINE_CHARS: usize = 120;
/// Characters of the model's words a refusal quotes.
const QUOTE_CHARS: usize = 40;

/// Why `input` is no question to send (none, or too long), if so.
pub fn refusal_of(ctx: &Ctx<'_>, input: &str) -> Option<String> {
    let question = input.trim();
    if question.is_empty() {
        return Some(ctx.t("usage-ask"));
    }
    (question.chars().count() > MAX_QUESTION_CHARS)
        .then(|| tr!(ctx.actor.locale, "ask-too-long", max = MAX_QUESTION_CHARS))
}

/// The plan prompt for the question, or the usage / "too long" reply without the model.
pub async fn prepare(ctx: &mut Ctx<'_>, input: &str) -> store::Result<Prepared> {
    if let Some(refusal) = refusal_of(ctx, input) {
        return Ok(done(refusal));
    }
    let question = input.trim();
    let context = minijinja::context! {
        today => today(ctx),
        fields => query_plan::describe_fields(),
        question => question,
    };
    Ok(super::model_call(
        ctx,
        Feature::Ask,
        context,
        Some(query_plan::schema()),
        MAX_TOKENS,
    ))
}

fn done(text: String) -> Prepared {
    Prepared::Done(vec![Reply::text(text)])
}

/// The records the model's plan names, or why the plan was refused (nothing run).
pub async fn finish(ctx: &mut Ctx<'_>, _input: &str, answer: &ModelAnswer) -> Replies {
    let env = PlanEnv {
        user_id: ctx.actor.user_id,
        tz: ctx.tz,
        default_currency: ctx.settings.default_currency,
    };
    let query = match query_plan::validate(&answer.text, &env) {
        Ok(query) => query,
        Err(error) => {
            tracing::info!(%error, "an /ask plan was refused");
            return ctx.say(refusal(ctx, &error));
        }
    };
    let ws = ctx.actor.workspace_id;
    let found = ask::run(ctx.tx, ctx.backend, ws, &query).await?;
    if found.rows.is_empty() {
        return ctx.say(ctx.t("ask-no-match"));
    }
    let lines = match &found.rows {
        ask::Rows::Contacts(rows) => rows.iter().map(contact_line).collect::<Vec<_>>(),
        ask::Rows::Companies(rows) => rows.iter().map(company_line).collect(),
        ask::Rows::Deals(rows) => rows.iter().map(|d| deal_line(ctx, d)).collect(),
        ask::Rows::Tasks(rows) => rows.iter().map(|t| task_line(ctx, t)).collect(),
        ask::Rows::Notes(rows) => rows
            .iter()
            .map(|n| format!("{} · {}", n.handle(), shorten(&n.body, NOTE_LINE_CHARS)))
            .collect(),
    };
    let mut text = tr!(ctx.actor.locale, "ask-found", count = found.total);
    for line in &lines {
        text.push('\n');
        text.push_str(line);
    }
    let more = found.total - lines.len() as i64;
    if more > 0 {
        text.push('\n');
        text.push_str(&tr!(ctx.actor.locale, "ask-more", count = more));
    }
    ctx.say(text)
}

/// The localized reason a plan was refused, quoting the model's words cleaned and short.
fn refusal(ctx: &Ctx<'_>, error: &PlanError) -> String {
    let quote = |text: &str| {
        let cleaned = clean(
            text,
            &Allowed::none(),
            QUOTE_CHARS,
            &ctx.t("ai-link-removed"),
        );
        cleaned.replace('\n', " ")
    };
    let locale = ctx.actor.locale;
    match error {
        PlanError::NotAPlan => ctx.t("ask-plan-unreadable"),
        PlanError::NoKind => ctx.t("ask-not-a-query"),
        PlanError::UnknownKind(kind) => tr!(locale, "ask-plan-unknown-kind", kind = quote(kind)),
        PlanError::UnknownField { field, .. } => {
            tr!(locale, "ask-plan-unknown-field", field = quote(field))
        }
        PlanError::UnknownOp { field, op } => tr!(
            locale,
            "ask-plan-unknown-op",
            field = quote(field),
            op = quote(op)
        ),
        PlanError::BadValue { field, value } => tr!(
            locale,
            "ask-plan-bad-value",
            field = quote(field),
            value = quote(value)
        ),
        PlanError::NeedsCurrency => ctx.t("ask-plan-needs-currency"),
        PlanError::UnknownSort { field, .. } => {
            tr!(locale, "ask-plan-unknown-sort", field = quote(field))
        }
        PlanError::TooManyFilters => ctx.t("ask-plan-too-many-filters"),
    }
}
