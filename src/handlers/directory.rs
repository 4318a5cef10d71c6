//! /contacts [query] and /companies [query]: all records of the kind, or those a search text
//! matches (any field, case and accents ignored), as one paginated list (see `lists`).

use super::Ctx;
use super::lists::{Fetched, Page, RecordList, Window};
use super::render::{company_line, contact_line};
use crate::router::button::ListKind;
use crate::store::{companies, contacts};
use crate::tr;

/// The contact list or the company list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Directory {
    Contacts,
    Companies,
}

impl Directory {
    /// The start of the list's Fluent keys (`contacts-empty`, `companies-header`, …).
    fn keys(self) -> &'static str {
        match self {
            Directory::Contacts => "contacts",
            Directory::Companies => "companies",
        }
    }
}

impl RecordList for Directory {
    fn kind(&self) -> ListKind {
        match self {
            Directory::Contacts => ListKind::Contacts,
            Directory::Companies => ListKind::Companies,
        }
    }

    async fn page(&self, ctx: &mut Ctx<'_>, query: &str, at: Window) -> Fetched {
        let search = Some(query).filter(|q| !q.is_empty());
        let (ws, backend) = (ctx.actor.workspace_id, ctx.backend);
        let (lines, total) = match self {
            Directory::Contacts => {
                let (rows, total) =
                    contacts::page(ctx.tx, backend, ws, search, at.size, at.offset).await?;
                (rows.iter().map(contact_line).collect(), total)
            }
            Directory::Companies => {
                let (rows, total) =
                    companies::page(ctx.tx, backend, ws, search, at.size, at.offset).await?;
                (rows.iter().map(company_line).collect(), total)
            }
        };
        let keys = self.keys();
        if total.count == 0 {
            return Ok(Page::Say(match search {
                Some(q) => tr!(
                    ctx.actor.locale,
                    &format!("{keys}-none-match"),
                    query = q.to_string()
                ),
                None => ctx.t(&format!("{keys}-empty")),
            }));
        }
        let header = tr!(
            ctx.actor.locale,
            &format!("{keys}-header"),
            count = total.count
        );
        Ok(Page::Rows {
            total,
            header,
            lines,
            arg: query.to_string(),
        })
    }
}
