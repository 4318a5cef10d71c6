//! Buttons bound to their user. Every button the bot offers is stamped with a short tag of
//! the user it was shown to (`~` + the user's tag + the button's own data); a press is
//! checked against the presser's tag before the data is decoded, so in a group one member
//! cannot press another's buttons. This wraps button data from outside: [`super::Button`]'s
//! encoding knows nothing of owners.
//!
//! The tag is random per user (stored on the user, `crate::store::button_tags`), so the
//! button carries no internal id. Menu entries whose data is a command (`/contacts`) are not
//! bound. Buttons sent before this version carry no tag: in a private chat they belong to the
//! one user there; in a group they are refused as expired, since their owner is unknown.

use crate::message::Reply;

use super::button::{MAX_DATA_BYTES, truncate_to_bytes};
use crate::store::button_tags::{TAG_LEN, is_tag};

/// Starts the data of a button bound to its user.
const MARK: char = '~';
/// Whether button data is a command (a menu entry), which anyone may send.
fn is_command(data: &str) -> bool {
    data.starts_with('/')
}

/// The data of a button bound to the user with `tag`, at most [`MAX_DATA_BYTES`] bytes: the
/// end of the data (a list's argument) is cut when needed, never the tag. Commands and data
/// already bound are returned unchanged.
pub fn stamp(data: &str, tag: &str) -> String {
    if is_command(data) || data.starts_with(MARK) {
        return data.to_string();
    }
    truncate_to_bytes(format!("{MARK}{tag}{data}"), MAX_DATA_BYTES)
}

/// Binds every button of `replies` to the user with `tag`.
pub fn stamp_replies(replies: &mut [Reply], tag: &str) {
    let buttons = replies.iter_mut().flat_map(|r| r.choices.iter_mut());
    for choice in buttons.filter(|c| !c.is_link()) {
        choice.data = stamp(&choice.data, tag);
    }
}

/// Why a pressed button is not acted on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The button was shown to another user (or its tag was tampered with).
    NotYours,
    /// A button from before buttons were bound, pressed in a group: its owner is unknown.
    Expired,
}

/// The button data to act on when the user with `tag` pressed a button carrying `data`, or
/// why not. `private_chat`: the press came from the user's own chat.
pub fn check<'a>(data: &'a str, tag: &str, private_chat: bool) -> Result<&'a str, Refusal> {
    if is_command(data) {
        return Ok(data);
    }
    let Some(bound) = data.strip_prefix(MARK) else {
        return if private_chat {
            Ok(data)
        } else {
            Err(Refusal::Expired)
        };
    };
    match (bound.get(..TAG_LEN), bound.get(TAG_LEN..)) {
        (Some(owner), Some(rest)) if is_tag(owner) && owner == tag => Ok(rest),
        _ => Err(Refusal::NotYours),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::Choice;
    use crate::router::Button;
    use crate::router::button::ListKind;

    const ANNA: &str = "abc234";
    const BORIS: &str = "zzz777";

    #[test]
    fn a_stamped_button_works_for_its_owner_only() {
        let data = stamp(&Button::DeleteAccount.encode(), ANNA);
        assert_eq!(check(&data, ANNA, false), Ok("account:delete"));
        assert_eq!(check(&data, ANNA, true), Ok("account:delete"));
        assert_eq!(check(&data, BORIS, false), Err(Refusal::NotYours));
        assert_eq!(check(&data, BORIS, true), Err(Refusal::NotYours));
    }

    #[test]
    fn tampered_data_is_refused() {
        let data = stamp("done:9", ANNA);
        // Another tag written in, a cut tag, a tag of the wrong alphabet, no tag at all.
        assert_eq!(check(&data.replace(ANNA, BORIS), BORIS, true), Ok("done:9"));
        assert_eq!(
            check(&data.replace(ANNA, BORIS), ANNA, true),
            Err(Refusal::NotYours)
        );
        assert_eq!(check("~abc", "abc", true), Err(Refusal::NotYours));
        assert_eq!(check("~", ANNA, true), Err(Refusal::NotYours));
        assert_eq!(
            check("~ABC234done:9", "ABC234", true),
            Err(Refusal::NotYours)
        );
        assert_eq!(check("~abc23ёdone:9", ANNA, true), Err(Refusal::NotYours));
        assert_eq!(check("~abc23", ANNA, false), Err(Refusal::NotYours));
    }

    #[test]
    fn untagged_buttons_count_in_private_chats_only_and_commands_always() {
        assert_eq!(check("done:9", ANNA, true), Ok("done:9"));
        assert_eq!(check("done:9", ANNA, false), Err(Refusal::Expired));
        assert_eq!(stamp("/contacts", ANNA), "/contacts");
        assert_eq!(check("/contacts", ANNA, false), Ok("/contacts"));
        // Stamping twice binds once.
        assert_eq!(stamp(&stamp("skip", ANNA), BORIS), stamp("skip", ANNA));
    }

    #[test]
    fn stamped_data_fits_64_bytes_cutting_the_argument_not_the_tag() {
        let page = Button::Page {
            list: ListKind::Search,
            page: 4_000_000_000,
            arg: "ё".repeat(100),
        }
        .encode();
        assert!(
            page.len() >= MAX_DATA_BYTES - 1,
            "the longest button fills its 64 bytes"
        );
        let data = stamp(&page, ANNA);
        assert!(data.len() <= MAX_DATA_BYTES, "{} bytes", data.len());
        let inner = check(&data, ANNA, false).unwrap();
        assert!(matches!(
            Button::decode(inner),
            Button::Page {
                list: ListKind::Search,
                page: 4_000_000_000,
                ..
            }
        ));
        assert!(check(&data, BORIS, false).is_err());
    }

    #[test]
    fn replies_are_stamped_choice_by_choice() {
        let mut replies = vec![Reply::text("x").with_choices(vec![
            Choice::new("Done", "done:1"),
            Choice::new("Contacts", "/contacts"),
            Choice::link("Connect Google", "https://accounts.example/auth"),
        ])];
        stamp_replies(&mut replies, ANNA);
        let data: Vec<&str> = replies[0].choices.iter().map(|c| c.data.as_str()).collect();
        // A link sends nothing back: it is left as it is.
        assert_eq!(data, ["~abc234done:1", "/contacts", ""]);
        assert_eq!(
            replies[0].choices[2],
            Choice::link("Connect Google", "https://accounts.example/auth")
        );
    }
}
