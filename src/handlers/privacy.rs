//! /privacy (what ChatCRM holds about you, where the policy is, which commands exercise your
//! rights) and /consent (AI processing and marketing messages, on or off, recorded with
//! time and policy version and audited). The terms are accepted at /start.

use super::{Ctx, Replies};
use crate::channel::{Channel, Choice, Reply};
use crate::router::Button;
use crate::store::privacy::{self, ConsentKind};
use crate::tr;

pub async fn privacy(ctx: &mut Ctx<'_>) -> Replies {
    let held = privacy::holdings(ctx.tx, ctx.actor.user_id).await?;
    let text = tr!(
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
    ctx.say(text)
}

/// Records acceptance of the terms and the privacy policy (at /start).
pub async fn accept_terms(ctx: &mut Ctx<'_>) -> sqlx::Result<()> {
    if privacy::consent(ctx.tx, ctx.actor.user_id, ConsentKind::Terms)
        .await?
        .is_some()
    {
        return Ok(());
    }
    let version = ctx.settings.policy_version.clone();
    privacy::set_consent(
        ctx.tx,
        ctx.actor.user_id,
        ConsentKind::Terms,
        true,
        &version,
        ctx.now_millis(),
    )
    .await?;
    ctx.audit("consent.terms.accepted", &version).await
}

pub async fn consent(ctx: &mut Ctx<'_>) -> Replies {
    // AI processing is on unless turned off; marketing is off unless turned on.
    let ai = privacy::consent(ctx.tx, ctx.actor.user_id, ConsentKind::Ai)
        .await?
        .is_none_or(|(on, _)| on);
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
        _ => return ctx.say(ctx.t("button-expired")),
    };
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
    ctx.audit(&action, &version).await?;
    consent(ctx).await
}

/// Exports a day at most this many times per user.
pub const EXPORTS_PER_DAY: i64 = 3;

/// /export: a ZIP of everything the user may see, written under `[privacy] export_dir`.
/// At most [`EXPORTS_PER_DAY`] a day (in the user's time zone), counted from the audit log
/// so the limit survives restarts.
pub async fn export(ctx: &mut Ctx<'_>) -> Replies {
    let local = ctx.now.with_timezone(&ctx.tz).date_naive();
    let day_start = local
        .and_hms_opt(0, 0, 0)
        .and_then(|midnight| midnight.and_local_timezone(ctx.tz).earliest())
        .map_or(ctx.now_millis() - 86_400_000, |start| {
            start.timestamp_millis()
        });
    let actor = privacy::pseudonym(ctx.actor.user_id);
    let done_today = privacy::count_actions(ctx.tx, &actor, "export.requested", day_start).await?;
    if done_today >= EXPORTS_PER_DAY {
        let text = tr!(ctx.actor.locale, "export-limit", limit = EXPORTS_PER_DAY);
        return ctx.say(text);
    }
    let file_name = crate::privacy::export::file_name(ctx.actor.user_id, ctx.now);
    ctx.audit("export.requested", &file_name).await?;
    let dir = ctx.settings.export_dir.clone();
    let exported = crate::privacy::export::write(
        ctx.tx,
        ctx.actor.user_id,
        &ctx.actor.display_name,
        &dir,
        &file_name,
        ctx.now,
    )
    .await?;
    ctx.audit("export.delivered", &exported.file_name).await?;
    let files = exported.files as i64;
    let records = exported.records as i64;
    let text = if ctx.channel == Channel::Console {
        tr!(
            ctx.actor.locale,
            "export-ready",
            path = exported.path.display().to_string(),
            files = files,
            records = records
        )
    } else if ctx.settings.public_url.is_empty() {
        tr!(
            ctx.actor.locale,
            "export-prepared",
            files = files,
            records = records
        )
    } else {
        let token: String = rand::Rng::sample_iter(rand::rng(), &rand::distr::Alphanumeric)
            .take(40)
            .map(char::from)
            .collect();
        let hours = ctx.settings.export_link_hours;
        let expires = ctx.now + chrono::Duration::hours(hours);
        let now = ctx.now_millis();
        crate::store::export_links::create(
            ctx.tx,
            &token,
            ctx.actor.user_id,
            &exported.file_name,
            now,
            expires.timestamp_millis(),
        )
        .await?;
        let url = format!("{}/exports/{token}", ctx.settings.public_url);
        tr!(
            ctx.actor.locale,
            "export-link",
            url = url,
            hours = hours,
            files = files,
            records = records
        )
    };
    ctx.say(text)
}
