//! Each user's button tag (the router checks it on every press): random, created on first use and
//! then kept, so buttons already sent stay valid. It goes with the user's row on deletion.

use super::Tx;
use super::statement::{self, args};
use crate::crm::UserId;
use crate::store::Result;

/// The length of a user's tag, in characters (each one byte: `a-z`, `2-7`).
pub const TAG_LEN: usize = 6;
/// The characters of a tag (RFC 4648 base32, lowercase).
pub const TAG_ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";

/// A new random tag for a user.
pub fn new_tag() -> String {
    use rand::Rng;
    let mut rng = rand::rng();
    (0..TAG_LEN)
        .map(|_| char::from(TAG_ALPHABET[rng.random_range(0..TAG_ALPHABET.len())]))
        .collect()
}

/// Whether `tag` has the shape of a tag.
pub fn is_tag(tag: &str) -> bool {
    tag.len() == TAG_LEN && tag.bytes().all(|b| TAG_ALPHABET.contains(&b))
}

/// The user's button tag, created when they have none yet; `known` is the tag read with
/// the actor, if any (then no statement runs).
pub async fn tag_of(tx: &mut Tx, user_id: UserId, known: Option<&str>) -> Result<String> {
    if let Some(tag) = known.filter(|t| is_tag(t)) {
        return Ok(tag.to_string());
    }
    if let Some(tag) = stored(tx, user_id).await? {
        return Ok(tag);
    }
    // A concurrent update of the same user may have set one meanwhile: keep theirs.
    statement::run(tx, SET_IF_NONE, args![new_tag(), user_id.get()]).await?;
    Ok(stored(tx, user_id).await?.unwrap_or_default())
}

const SET_IF_NONE: &str = "UPDATE users SET button_tag = $1 WHERE id = $2 AND button_tag IS NULL";

async fn stored(tx: &mut Tx, user_id: UserId) -> Result<Option<String>> {
    let tag: Option<Option<String>> =
        statement::value_opt(tx, STORED, args![user_id.get()]).await?;
    Ok(tag.flatten().filter(|t| is_tag(t)))
}

const STORED: &str = "SELECT button_tag FROM users WHERE id = $1";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_tag_has_the_shape_of_a_tag() {
        let tag = new_tag();
        assert!(is_tag(&tag), "{tag}");
        assert!(!is_tag("ABC234") && !is_tag("abc23") && !is_tag("abc2345"));
    }
}
