//! /search text: contacts, companies, deals and notes of the current workspace, ranked by
//! relevance, case and accents ignored, words matched as prefixes; paginated.

use super::Ctx;
use super::lists::RecordList;
use super::render::{shorten, stage_label};
use crate::crm::{Handle, RecordKind};
use crate::router::button::ListKind;
use crate::store::search::{self, Hit, Total};
use crate::tr;

/// /search: the records and notes a text matches, best first.
pub struct SearchList;

impl RecordList for SearchList {
    const KIND: ListKind = ListKind::Search;
    type Filter = String;
    type Row = Hit;

    fn filter(ctx: &Ctx<'_>, arg: &str) -> Result<String, String> {
        if arg.is_empty() {
            return Err(ctx.t("usage-search"));
        }
        Ok(arg.to_string())
    }

    fn button_arg(query: &String, _arg: &str) -> String {
        query.clone()
    }

    async fn fetch(
        ctx: &mut Ctx<'_>,
        query: &String,
        size: i64,
        offset: i64,
    ) -> sqlx::Result<(Vec<Hit>, Total)> {
        let ws = ctx.actor.workspace_id;
        search::everything(ctx.tx, ctx.backend, ws, query, size, offset).await
    }

    fn empty(ctx: &Ctx<'_>, query: &String) -> String {
        tr!(ctx.actor.locale, "search-none", query = query.clone())
    }

    fn header(ctx: &Ctx<'_>, query: &String, total: &Total) -> String {
        tr!(
            ctx.actor.locale,
            "search-header",
            count = total.count,
            query = query.clone()
        )
    }

    fn line(ctx: &Ctx<'_>, hit: &Hit) -> String {
        hit_line(ctx, hit)
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
    let detail = match (kind, &hit.detail) {
        (RecordKind::Deal, Some(stage)) => format!(" · {}", stage_label(ctx, stage)),
        (_, Some(detail)) => format!(" · {detail}"),
        (_, None) => String::new(),
    };
    format!("{icon} {handle} · {}{detail}", shorten(&hit.title, 80))
}
