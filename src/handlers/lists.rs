//! Paginated lists: every list shows one page and offers Previous/Next buttons that carry
//! the list's argument (query, stage, time window) so the next page is computed afresh.

use super::{Ctx, Replies, companies, contact_view, deals, search, tasks};
use crate::message::{Choice, Reply};
use crate::router::Button;
use crate::router::button::ListKind;
use crate::store::search::Total;
use crate::tr;

/// Longest list argument kept in a page button.
pub const MAX_ARG_CHARS: usize = 40;

/// The list argument as it is kept: trimmed and cut to [`MAX_ARG_CHARS`].
pub fn clean_arg(arg: &str) -> String {
    arg.trim().chars().take(MAX_ARG_CHARS).collect()
}

/// Rows per page and the offset of `page`.
pub fn window(ctx: &Ctx<'_>, page: u32) -> (i64, i64) {
    let size = i64::from(ctx.settings.page_size);
    (size, i64::from(page) * size)
}

/// A page of a list: a header line, the rows, and Previous/Next buttons as needed.
pub fn page_reply(
    ctx: &Ctx<'_>,
    list: ListKind,
    arg: &str,
    page: u32,
    total: Total,
    header: String,
    lines: Vec<String>,
) -> Reply {
    let (size, offset) = window(ctx, page);
    let capped = total.capped;
    let total = total.count;
    let pages = ((total + size - 1) / size).max(1);
    let mut text = header;
    if pages > 1 {
        text.push(' ');
        text.push_str(&tr!(
            ctx.actor.locale,
            "page-of",
            page = i64::from(page) + 1,
            pages = pages
        ));
    }
    text.push(':');
    if capped {
        text.push('\n');
        text.push_str(&tr!(ctx.actor.locale, "more-matches", max = total));
    }
    for line in lines {
        text.push('\n');
        text.push_str(&line);
    }
    let mut choices = Vec::new();
    if page > 0 {
        let button = Button::Page {
            list,
            page: page - 1,
            arg: arg.to_string(),
        };
        choices.push(Choice::new(ctx.t("choice-previous"), button.encode()));
    }
    if offset + size < total {
        let button = Button::Page {
            list,
            page: page + 1,
            arg: arg.to_string(),
        };
        choices.push(Choice::new(ctx.t("choice-next"), button.encode()));
    }
    Reply::text(text).with_choices(choices)
}

/// Shows another page of a list.
pub async fn turn_page(ctx: &mut Ctx<'_>, list: ListKind, page: u32, arg: &str) -> Replies {
    match list {
        ListKind::Contacts => contact_view::list(ctx, arg, page).await,
        ListKind::Companies => companies::list(ctx, arg, page).await,
        ListKind::Deals => deals::list(ctx, arg, page).await,
        ListKind::Tasks => tasks::list(ctx, arg, page).await,
        ListKind::Search => search::search(ctx, arg, page).await,
    }
}
