//! Paginated lists: every list shows one page and offers Previous/Next buttons that carry
//! the list's argument (query, stage, time window) so the next page is computed afresh.
//! [`show`] is the one list handler; each record list (contacts, companies, deals, tasks,
//! search) says what differs by implementing [`RecordList`] next to its records. This file
//! knows none of them.

use super::{Ctx, Replies};
use crate::message::{Choice, Reply};
use crate::router::Button;
use crate::router::button::ListKind;
use crate::store;
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

/// What a list found for one page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    /// A message instead of rows: why the argument does not read, or that nothing matches.
    Say(String),
    /// The rows of the page (none when the page is past the end), the line above them, and
    /// the argument the page buttons carry.
    Rows {
        total: Total,
        header: String,
        lines: Vec<String>,
        arg: String,
    },
}

/// Which rows a page shows: `size` of them from `offset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub size: i64,
    pub offset: i64,
}

/// A list's page, or a database error.
pub type Fetched = store::Result<Page>;

/// One record list: reads its argument and fetches the rows of a [`Window`].
pub trait RecordList: Sync {
    /// Which list this is; its page buttons carry it.
    fn kind(&self) -> ListKind;

    fn page<'a>(
        &'a self,
        ctx: &'a mut Ctx<'_>,
        arg: &'a str,
        at: Window,
    ) -> impl Future<Output = Fetched> + Send + 'a;
}

/// Page `page` of `list` for argument `arg`. A stale page button (after deletions) shows
/// the first page instead.
pub async fn show<L: RecordList>(ctx: &mut Ctx<'_>, list: &L, arg: &str, page: u32) -> Replies {
    let arg = clean_arg(arg);
    let (size, offset) = window(ctx, page);
    match list.page(ctx, &arg, Window { size, offset }).await? {
        Page::Say(message) => ctx.say(message),
        // Only a later page can be stale; an empty first page is the list's own to say.
        Page::Rows { lines, .. } if lines.is_empty() && page > 0 => {
            Box::pin(show(ctx, list, &arg, 0)).await
        }
        Page::Rows {
            total,
            header,
            lines,
            arg: button_arg,
        } => Ok(vec![page_reply(
            ctx,
            list.kind(),
            &button_arg,
            page,
            total,
            header,
            lines,
        )]),
    }
}
