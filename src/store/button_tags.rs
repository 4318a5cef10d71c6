//! Each user's button tag (see `crate::router::owner`): random, created on first use and
//! then kept, so buttons already sent stay valid. It goes with the user's row on deletion.

use super::Tx;
use crate::router::owner;
use crate::store::Result;

/// The user's button tag, created when they have none yet; `known` is the tag read with
/// the actor, if any (then no statement runs).
pub async fn tag_of(tx: &mut Tx, user_id: i64, known: Option<&str>) -> Result<String> {
    if let Some(tag) = known.filter(|t| owner::is_tag(t)) {
        return Ok(tag.to_string());
    }
    if let Some(tag) = stored(tx, user_id).await? {
        return Ok(tag);
    }
    // A concurrent update of the same user may have set one meanwhile: keep theirs.
    sqlx::query("UPDATE users SET button_tag = $1 WHERE id = $2 AND button_tag IS NULL")
        .bind(owner::new_tag())
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    Ok(stored(tx, user_id).await?.unwrap_or_default())
}

async fn stored(tx: &mut Tx, user_id: i64) -> Result<Option<String>> {
    let tag: Option<Option<String>> =
        sqlx::query_scalar("SELECT button_tag FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(&mut **tx)
            .await?;
    Ok(tag.flatten().filter(|t| owner::is_tag(t)))
}
