//! Deals: /new_deal (one-shot or step by step), /deals [stage], /stage D1 won (or stage
//! buttons), /pipeline (count and exact sum per stage and currency) and deal cards.

use std::collections::BTreeMap;

use iso_currency::Currency;
use serde_json::json;

use super::handles::{bad_handle_text, not_found};
use super::lists::{Fetched, Page, RecordList, Window};
use super::new_records::log_created;
use super::parse_env::ParseEnv;
use super::render::{company_line, contact_line, deal_line, money_text, shorten, stage_label};
use super::stages::{parse_stage, unknown_stage, unknown_stage_in};
use super::{Ctx, Replies, asking};
use crate::crm::when::{DateOrder, parse_when};
use crate::crm::{Deal, DealDraft, DealId, Handle, Money, RecordKind, Stage, StageChange};
use crate::message::{Choice, Reply};
use crate::router::button::ListKind;
use crate::router::dialogue::NewDealStep;
use crate::router::{Button, Dialogue};
use crate::store::search::Total;
use crate::store::{self, companies, contacts, deals};
use crate::tr;

pub async fn new_deal(ctx: &mut Ctx<'_>, args: &str) -> Replies {
    let args = args.trim();
    if args.is_empty() {
        return ask(ctx, NewDealStep::Title, DealDraft::default()).await;
    }
    let mut parts = crate::crm::split_parts(args).into_iter();
    let title = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    let mut draft = DealDraft::default();
    if let Err(message) = set_title(ctx, &mut draft, title) {
        return ctx.say(message);
    }
    if rest.is_empty() {
        // Only a title: ask for the rest step by step.
        return ask(ctx, NewDealStep::Amount, draft).await;
    }
    for part in rest {
        if let Part::Refused(message) = apply_part(ctx, &mut draft, part).await? {
            return ctx.say(format!("{message} {}", ctx.t("nothing-saved")));
        }
    }
    create(ctx, draft).await
}

fn set_title(ctx: &Ctx<'_>, draft: &mut DealDraft, title: &str) -> Result<(), String> {
    let title = title.trim();
    if title.is_empty() || title.chars().count() > crate::crm::contact::MAX_TEXT_CHARS {
        return Err(ctx.t("deal-bad-title"));
    }
    draft.title = title.to_string();
    Ok(())
}

/// What one part of a deal line did: taken into the draft, or refused with the message
/// that says why (and nothing is saved).
#[must_use]
enum Part {
    Taken,
    Refused(String),
}

/// Reads one part of a one-shot line: a C/O handle, an amount, or a close date.
async fn apply_part(ctx: &mut Ctx<'_>, draft: &mut DealDraft, part: &str) -> store::Result<Part> {
    let mut linked_any = false;
    for word in part.split_whitespace() {
        match Handle::parse(word) {
            Some(handle) if matches!(handle.kind, RecordKind::Contact | RecordKind::Company) => {
                if let refused @ Part::Refused(_) = link(ctx, draft, handle).await? {
                    return Ok(refused);
                }
                linked_any = true;
            }
            _ => {
                linked_any = false;
                break;
            }
        }
    }
    if linked_any {
        return Ok(Part::Taken);
    }
    let when = parse_when(part, ctx.now, ctx.tz, date_order(ctx));
    if looks_like_day_and_month(part) && when.is_ok() {
        // "31.12" is as much 31.12 EUR as 31 December: ask, never guess.
        return Ok(Part::Refused(tr!(
            ctx.actor.locale,
            "deal-amount-or-date",
            value = shorten(part, 40)
        )));
    }
    if let Ok(money) = Money::parse(part, ctx.settings.default_currency) {
        draft.amount_minor = Some(money.minor);
        draft.currency = Some(money.currency.code().to_string());
        return Ok(Part::Taken);
    }
    if let Ok(when) = when {
        draft.expected_close = Some(when.at.with_timezone(&ctx.tz).date_naive().to_string());
        return Ok(Part::Taken);
    }
    Ok(Part::Refused(tr!(
        ctx.actor.locale,
        "deal-bad-part",
        value = shorten(part, 40)
    )))
}

/// How this user's slashed dates read ("12/31" month-first only in English).
fn date_order(ctx: &Ctx<'_>) -> DateOrder {
    DateOrder::for_language(ctx.actor.locale.code())
}

/// Whether `part` is a bare day and month such as "31.12" or "31,12", which could as well be
/// an amount with cents ("31/12" is never money: it is a date).
fn looks_like_day_and_month(part: &str) -> bool {
    let Some((day, month)) = part.trim().split_once(['.', ',']) else {
        return false;
    };
    let short_digits =
        |s: &str| (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    short_digits(day) && short_digits(month)
}

/// Links the draft to contact or company `handle` of this workspace.
async fn link(ctx: &mut Ctx<'_>, draft: &mut DealDraft, handle: Handle) -> store::Result<Part> {
    let ws = ctx.actor.workspace_id;
    match handle.kind {
        RecordKind::Contact => match contacts::by_handle(ctx.tx, ws, handle.number).await? {
            Some(contact) => {
                draft.contact_id = Some(contact.id);
                if draft.company_id.is_none() {
                    draft.company_id = contact.company_id;
                }
            }
            None => return Ok(Part::Refused(not_found(ctx, handle))),
        },
        _ => match companies::by_handle(ctx.tx, ws, handle.number).await? {
            Some(company) => draft.company_id = Some(company.id),
            None => return Ok(Part::Refused(not_found(ctx, handle))),
        },
    }
    Ok(Part::Taken)
}

/// Applies the answer to the current step (`None` = skip) and asks the next one.
pub async fn next_step(
    ctx: &mut Ctx<'_>,
    step: NewDealStep,
    mut draft: DealDraft,
    input: Option<String>,
) -> Replies {
    let retry = |ctx: &Ctx<'_>, message: String| {
        Ok(vec![Reply::text(message), asking::step_question(ctx, step)])
    };
    match (step, input) {
        (NewDealStep::Title, None) => return retry(ctx, ctx.t("deal-bad-title")),
        (NewDealStep::Title, Some(text)) => {
            if let Err(message) = set_title(ctx, &mut draft, &text) {
                return retry(ctx, message);
            }
        }
        (NewDealStep::Amount, Some(text)) => {
            match Money::parse(&text, ctx.settings.default_currency) {
                Ok(money) => {
                    draft.amount_minor = Some(money.minor);
                    draft.currency = Some(money.currency.code().to_string());
                }
                Err(_) => {
                    return retry(
                        ctx,
                        tr!(
                            ctx.actor.locale,
                            "deal-bad-amount",
                            value = shorten(&text, 40)
                        ),
                    );
                }
            }
        }
        (NewDealStep::Link, Some(text)) => {
            for word in text.split_whitespace() {
                let handle = Handle::parse(word)
                    .filter(|h| matches!(h.kind, RecordKind::Contact | RecordKind::Company));
                let Some(handle) = handle else {
                    return retry(
                        ctx,
                        tr!(ctx.actor.locale, "not-a-handle", input = shorten(word, 20)),
                    );
                };
                if let Part::Refused(message) = link(ctx, &mut draft, handle).await? {
                    return retry(ctx, message);
                }
            }
        }
        (NewDealStep::Close, Some(text)) => {
            match parse_when(&text, ctx.now, ctx.tz, date_order(ctx)) {
                Ok(when) => {
                    draft.expected_close =
                        Some(when.at.with_timezone(&ctx.tz).date_naive().to_string())
                }
                Err(_) => {
                    return retry(
                        ctx,
                        tr!(ctx.actor.locale, "bad-date", value = shorten(&text, 40)),
                    );
                }
            }
        }
        (_, None) => {}
    }
    match step {
        NewDealStep::Title => ask(ctx, NewDealStep::Amount, draft).await,
        NewDealStep::Amount => ask(ctx, NewDealStep::Link, draft).await,
        NewDealStep::Link => ask(ctx, NewDealStep::Close, draft).await,
        NewDealStep::Close => create(ctx, draft).await,
    }
}

async fn ask(ctx: &mut Ctx<'_>, step: NewDealStep, draft: DealDraft) -> Replies {
    asking::ask_step(ctx, &Dialogue::NewDeal { step, draft }, step).await
}

impl asking::Step for NewDealStep {
    const FIRST: NewDealStep = NewDealStep::Title;

    fn question_key(self) -> &'static str {
        match self {
            NewDealStep::Title => "ask-deal-title",
            NewDealStep::Amount => "ask-deal-amount",
            NewDealStep::Link => "ask-deal-link",
            NewDealStep::Close => "ask-deal-close",
        }
    }
}

async fn create(ctx: &mut Ctx<'_>, draft: DealDraft) -> Replies {
    ctx.end_dialogue().await?;
    let deal = deals::insert(ctx.tx, ctx.actor.workspace_id, &draft, ctx.actor.user_id).await?;
    let handle = deal.handle().to_string();
    log_created(ctx, RecordKind::Deal, deal.id, &handle).await?;
    let saved = tr!(ctx.actor.locale, "deal-created", handle = handle);
    let card = card_text(ctx, &deal).await?;
    ctx.say(format!("{saved}\n{card}"))
}

/// /deals: the open deals, or the deals in one stage.
pub struct DealList;

impl RecordList for DealList {
    fn kind(&self) -> ListKind {
        ListKind::Deals
    }

    async fn page(&self, ctx: &mut Ctx<'_>, stage_text: &str, at: Window) -> Fetched {
        // The argument is a stage's stored name (`/deals` read the typed one, a page button
        // carries the name) or empty for the open deals.
        let stage = match stage_text {
            "" => None,
            text => match Stage::from_stored(text) {
                Some(stage) => Some(stage),
                None => return Ok(Page::Say(unknown_stage(ctx, text))),
            },
        };
        let ws = ctx.actor.workspace_id;
        let (rows, count) = deals::page(ctx.tx, ws, stage, at.size, at.offset).await?;
        if count == 0 {
            return Ok(Page::Say(match stage {
                Some(stage) => tr!(
                    ctx.actor.locale,
                    "deals-none-in-stage",
                    stage = stage_label(ctx, stage)
                ),
                None => ctx.t("deals-empty"),
            }));
        }
        let header = tr!(ctx.actor.locale, "deals-header", count = count);
        Ok(Page::Rows {
            total: Total::exact(count),
            header,
            lines: rows.iter().map(|d| deal_line(ctx, d)).collect(),
            arg: stage.map(|s| s.as_str()).unwrap_or("").to_string(),
        })
    }
}

/// The argument of `/deals [stage]`: no stage (the open deals) or a stage as typed, read
/// in the user's language.
pub fn parse_deals_stage(args: &str, env: &ParseEnv) -> Result<Option<Stage>, String> {
    match args.trim() {
        "" => Ok(None),
        text => match parse_stage(env.locale, text) {
            Some(stage) => Ok(Some(stage)),
            None => Err(unknown_stage_in(env.locale, text)),
        },
    }
}

/// The arguments of `/stage D1 [stage]`: the deal and the stage as typed, if any (read in
/// the user's language once the deal is found).
/// The arguments of `/stage D1 [stage]`: the deal and the stage it names, if any (read in
/// any language, see [`parse_stage`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageArgs {
    pub deal: Handle,
    /// The stage named, read in any language; `None` asks with buttons.
    pub stage: Option<Stage>,
}

impl StageArgs {
    pub fn parse(args: &str, env: &ParseEnv) -> Result<StageArgs, String> {
        let mut words = args.split_whitespace();
        let handle_text = words.next().unwrap_or("");
        let Some(deal) = Handle::parse(handle_text).filter(|h| h.kind == RecordKind::Deal) else {
            return Err(bad_handle_text(env.locale, handle_text, "usage-stage"));
        };
        let stage = match words.next() {
            Some(text) => match parse_stage(env.locale, text) {
                Some(stage) => Some(stage),
                None => return Err(unknown_stage_in(env.locale, text)),
            },
            None => None,
        };
        Ok(StageArgs { deal, stage })
    }
}

/// `/stage D1 won`, or `/stage D1` to get the stages as buttons.
pub async fn stage(ctx: &mut Ctx<'_>, args: StageArgs) -> Replies {
    let handle = args.deal;
    let Some(deal) = deals::by_handle(ctx.tx, ctx.actor.workspace_id, handle.number).await? else {
        return ctx.say(not_found(ctx, handle));
    };
    match args.stage {
        Some(stage) => move_to(ctx, deal, stage).await,
        None => {
            let choices = Stage::ALL
                .iter()
                .filter(|&&s| s != deal.stage)
                .map(|s| {
                    Choice::new(
                        stage_label(ctx, *s),
                        Button::SetStage {
                            deal_id: deal.id,
                            stage: *s,
                        }
                        .encode(),
                    )
                })
                .collect();
            let question = tr!(ctx.actor.locale, "ask-stage", deal = deal_line(ctx, &deal));
            Ok(vec![Reply::text(question).with_choices(choices)])
        }
    }
}

/// A stage button: the deal must still be in the current workspace.
pub async fn stage_by_id(ctx: &mut Ctx<'_>, deal_id: DealId, stage: Stage) -> Replies {
    match deals::by_id(ctx.tx, ctx.actor.workspace_id, deal_id).await? {
        Some(deal) => move_to(ctx, deal, stage).await,
        None => ctx.expired(),
    }
}

async fn move_to(ctx: &mut Ctx<'_>, deal: Deal, stage: Stage) -> Replies {
    let from = deal.stage;
    if from != stage {
        deals::set_stage(ctx.tx, &deal, stage).await?;
        ctx.log(
            RecordKind::Deal,
            deal.id,
            "stage",
            json!(StageChange { from, to: stage }),
        )
        .await?;
    }
    let moved = tr!(
        ctx.actor.locale,
        "deal-moved",
        handle = deal.handle().to_string(),
        stage = stage_label(ctx, stage)
    );
    ctx.say(moved)
}

/// Count and sum per stage and currency, stages in pipeline order.
pub async fn pipeline(ctx: &mut Ctx<'_>) -> Replies {
    let rows = deals::pipeline(ctx.tx, ctx.actor.workspace_id).await?;
    if rows.is_empty() {
        return ctx.say(ctx.t("deals-empty"));
    }
    let mut by_stage: BTreeMap<Stage, (i64, Vec<String>)> = BTreeMap::new();
    for row in rows {
        let entry = by_stage.entry(row.stage).or_default();
        entry.0 += row.count;
        if let Some(currency) = row.currency.as_deref().and_then(Currency::from_code) {
            entry.1.push(money_text(ctx, row.amount_minor, currency));
        }
    }
    let mut text = ctx.t("pipeline-header");
    for (stage, (count, sums)) in by_stage {
        let deals = tr!(ctx.actor.locale, "deal-count", count = count);
        let sums = if sums.is_empty() {
            String::new()
        } else {
            format!(" · {}", sums.join(" + "))
        };
        text.push_str(&format!("\n{} — {deals}{sums}", stage_label(ctx, stage)));
    }
    ctx.say(text)
}

/// The card of deal `handle`.
pub async fn show_handle(ctx: &mut Ctx<'_>, handle: Handle) -> Replies {
    let Some(deal) = deals::by_handle(ctx.tx, ctx.actor.workspace_id, handle.number).await? else {
        return ctx.say(not_found(ctx, handle));
    };
    let card = card_text(ctx, &deal).await?;
    ctx.say(card)
}

/// The card of a deal with its contact and company.
pub async fn card_text(ctx: &mut Ctx<'_>, deal: &Deal) -> store::Result<String> {
    let ws = ctx.actor.workspace_id;
    let mut card = format!("💰 {}", deal_line(ctx, deal));
    if let Some(close) = &deal.expected_close {
        card.push_str(&format!(
            "\n{}",
            tr!(
                ctx.actor.locale,
                "deal-expected-close",
                date = close.clone()
            )
        ));
    }
    if let Some(contact) = match deal.contact_id {
        Some(id) => contacts::by_id(ctx.tx, ws, id).await?,
        None => None,
    } {
        card.push_str(&format!("\n👤 {}", contact_line(&contact)));
    }
    if let Some(company) = match deal.company_id {
        Some(id) => companies::by_id(ctx.tx, ws, id).await?,
        None => None,
    } {
        card.push_str(&format!("\n🏢 {}", company_line(&company)));
    }
    Ok(card)
}
