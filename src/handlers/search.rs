//! /search text: contacts, companies, deals and notes of the current workspace, ranked by
//! relevance, case and accents ignored, words matched as prefixes; paginated.

use super::lists::{clean_arg, page_reply, window};
use super::render::{shorten, stage_label};
use super::{Ctx, Replies};
use crate::crm::{Handle, RecordKind};
use crate::router::button::ListKind;
use crate::store::search::{self, Hit};
use crate::tr;

pub async fn search(ctx: &mut Ctx<'_>, query: &str, page: u32) -> Replies {
    let query = clean_arg(query);
    if query.is_empty() {
        return ctx.say(ctx.t("usage-search"));
    }
    let (size, offset) = window(ctx, page);
    let (hits, total) = search::everything(
        ctx.tx,
        ctx.backend,
        ctx.actor.workspace_id,
        &query,
        size,
        offset,
    )
    .await?;
    if total.count == 0 {
        return ctx.say(tr!(ctx.actor.locale, "search-none", query = query.clone()));
    }
    if hits.is_empty() {
        return Box::pin(search(ctx, &query, 0)).await;
    }
    let header = tr!(
        ctx.actor.locale,
        "search-header",
        count = total.count,
        query = query.clone()
    );
    let lines = hits.iter().map(|hit| hit_line(ctx, hit)).collect();
    Ok(vec![page_reply(
        ctx,
        ListKind::Search,
        &query,
        page,
        total,
        header,
        lines,
    )])
}

fn hit_line(ctx: &Ctx<'_>, hit: &Hit) -> String {
    let kind = hit.record_kind();
    let handle = Handle::new(kind, hit.handle_no);
    let icon = match kind {
        RecordKind::Contact => "👤",
        RecordKind::Company => "🏢",
        RecordKind::Deal => "💰",
        RecordKind::Task => "☐",
        RecordKind::Note => "📝",
    };
    let detail = match (kind, &hit.detail) {
        (RecordKind::Deal, Some(stage)) => format!(" · {}", stage_label(ctx, stage)),
        (_, Some(detail)) => format!(" · {detail}"),
        (_, None) => String::new(),
    };
    format!("{icon} {handle} · {}{detail}", shorten(&hit.title, 80))
}
