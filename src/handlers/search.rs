//! /search text: contacts, companies, deals and notes of the current workspace, ranked by
//! relevance, case and accents ignored, words matched as prefixes; paginated.

use super::Ctx;
use super::lists::{Fetched, Page, RecordList, Window};
use super::render::{shorten, stage_label};
use crate::crm::{Handle, RecordKind};
use crate::router::button::ListKind;
use crate::store::search::{self, Hit, HitDetail};
use crate::tr;

/// /search: the records and notes a text matches, best first.
pub struct SearchList;

impl RecordList for SearchList {
    fn kind(&self) -> ListKind {
        ListKind::Search
    }

    async fn page(&self, ctx: &mut Ctx<'_>, query: &str, at: Window) -> Fetched {
        if query.is_empty() {
            return Ok(Page::Say(ctx.t("usage-search")));
        }
        let search = search::Search {
            backend: ctx.backend,
            workspace_id: ctx.actor.workspace_id,
            query,
            limit: at.size,
            offset: at.offset,
        };
        let (hits, total) = search::everything(ctx.tx, search).await?;
        let query = query.to_string();
        if total.count == 0 {
            return Ok(Page::Say(tr!(
                ctx.actor.locale,
                "search-none",
                query = query
            )));
        }
        let header = tr!(
            ctx.actor.locale,
            "search-header",
            count = total.count,
            query = query.clone()
        );
        let lines = hits.iter().map(|hit| hit_line(ctx, hit)).collect();
        Ok(Page::Rows {
            total,
            header,
            lines,
            arg: query,
        })
    }
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
    let detail = match &hit.detail {
        Some(HitDetail::Stage(stage)) => format!(" · {}", stage_label(ctx, *stage)),
        Some(HitDetail::Text(detail)) => format!(" · {detail}"),
        None => String::new(),
    };
    format!("{icon} {handle} · {}{detail}", shorten(&hit.title, 80))
}
