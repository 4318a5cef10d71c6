//! Paginated lists: every list shows one page and offers Previous/Next buttons that carry
//! the list's argument (query, stage, time window) so the next page is computed afresh.
//! [`show`] is the one list handler; each record list (contacts, companies, deals, tasks,
//! search) says what differs by implementing [`RecordList`] next to its records. This file
//! knows none of them.

use super::{Ctx, Replies};
use crate::channel::{Choice, Reply};
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

/// What one record list adds to [`show`]: how its argument reads, how a page of rows is
/// fetched, and the words around them.
pub trait RecordList {
    /// Which list this is; its page buttons carry it.
    const KIND: ListKind;
    /// The list's argument as read (a search text, a stage, a time window).
    type Filter: Send + Sync;
    /// One row of the list.
    type Row: Send + Sync;

    /// Reads the (cleaned) argument, or says why it cannot be read.
    fn filter(ctx: &Ctx<'_>, arg: &str) -> Result<Self::Filter, String>;

    /// The argument the page buttons carry.
    fn button_arg(filter: &Self::Filter, arg: &str) -> String;

    /// One page of rows and how many there are in all.
    fn fetch<'a>(
        ctx: &'a mut Ctx<'_>,
        filter: &'a Self::Filter,
        size: i64,
        offset: i64,
    ) -> impl Future<Output = sqlx::Result<(Vec<Self::Row>, Total)>> + Send + 'a;

    /// What is said when there is nothing to list.
    fn empty(ctx: &Ctx<'_>, filter: &Self::Filter) -> String;

    /// The line above the rows.
    fn header(ctx: &Ctx<'_>, filter: &Self::Filter, total: &Total) -> String;

    /// One row as a line.
    fn line(ctx: &Ctx<'_>, row: &Self::Row) -> String;
}

/// Page `page` of list `L` for argument `arg`. A stale page button (after deletions) shows
/// the first page instead.
pub async fn show<L: RecordList>(ctx: &mut Ctx<'_>, arg: &str, page: u32) -> Replies {
    let arg = clean_arg(arg);
    let filter = match L::filter(ctx, &arg) {
        Ok(filter) => filter,
        Err(message) => return ctx.say(message),
    };
    let (size, offset) = window(ctx, page);
    let (rows, total) = L::fetch(ctx, &filter, size, offset).await?;
    if total.count == 0 {
        return ctx.say(L::empty(ctx, &filter));
    }
    if rows.is_empty() {
        return Box::pin(show::<L>(ctx, &arg, 0)).await;
    }
    let header = L::header(ctx, &filter, &total);
    let lines = rows.iter().map(|row| L::line(ctx, row)).collect();
    let button_arg = L::button_arg(&filter, &arg);
    Ok(vec![page_reply(
        ctx,
        L::KIND,
        &button_arg,
        page,
        total,
        header,
        lines,
    )])
}
