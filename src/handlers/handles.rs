//! Handles as typed in commands: the first word of the arguments read as a record handle,
//! and the messages for a missing, malformed or unknown one. A leaf of the handlers: it
//! knows no record handler.

use super::Ctx;
use crate::crm::{Handle, RecordKind};
use crate::i18n::Locale;
use crate::tr;

/// The message for a missing or malformed handle: the usage line, or what was wrong.
pub fn bad_handle_message(ctx: &Ctx<'_>, input: &str, usage_key: &str) -> String {
    bad_handle_text(ctx.actor.locale, input, usage_key)
}

/// [`bad_handle_message`] in `locale`, for argument parsers that have no context.
pub fn bad_handle_text(locale: Locale, input: &str, usage_key: &str) -> String {
    if input.trim().is_empty() {
        locale.text(usage_key)
    } else {
        let input = super::render::shorten(input.trim(), 20);
        tr!(locale, "not-a-handle", input = input)
    }
}

/// "There is no C9 in this workspace."
pub fn not_found(ctx: &Ctx<'_>, handle: Handle) -> String {
    tr!(ctx.actor.locale, "not-found", handle = handle.to_string())
}

/// Splits the first word off `args` and parses it as a handle of one of `kinds`.
pub fn leading_handle<'a>(args: &'a str, kinds: &[RecordKind]) -> (Option<Handle>, &'a str) {
    let args = args.trim();
    let (first, rest) = args.split_once(char::is_whitespace).unwrap_or((args, ""));
    match Handle::parse(first).filter(|h| kinds.contains(&h.kind)) {
        Some(handle) => (Some(handle), rest.trim()),
        None => (None, args),
    }
}
