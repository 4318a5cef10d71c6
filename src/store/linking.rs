//! Linking identities: a one-time code issued to a user, redeemed from another channel,
//! after which the redeeming identity belongs to the code's user. A user left without
//! identities is merged into the target: memberships, authorship and assignments move over,
//! then the empty user is removed. Failed redeem attempts are counted per identity
//! ([`record_failure`], [`failures_since`]); [`unlink`] undoes a link. Each identity
//! remembers when it was linked into its account (`linked_at`, NULL for the account's
//! original chat), which decides who may unlink whom ([`Identity::may_unlink`]).

use super::Tx;
use crate::crm::{IdentityId, UserId};
use crate::store::Result;

/// Stores a code for `user_id`, issued on `channel` (it is never redeemed from that channel
/// kind), valid until `expires_at`.
pub async fn create_code(
    tx: &mut Tx,
    code: &str,
    user_id: UserId,
    channel: &str,
    expires_at: i64,
) -> Result<()> {
    sqlx::query("DELETE FROM link_codes WHERE user_id = $1")
        .bind(user_id.get())
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "INSERT INTO link_codes (code, user_id, channel, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(code)
    .bind(user_id.get())
    .bind(channel)
    .bind(tx.now_millis())
    .bind(expires_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// What redeeming a link code found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Redeemed {
    /// The code joins the user with this id.
    User(UserId),
    /// The code was issued on the channel kind it is redeemed from; it is used up.
    SameChannel,
    /// No such code, or it expired.
    Invalid,
}

/// Uses a code redeemed from `channel`: the user it was issued to, if it exists, has not
/// expired at `now` and was issued on another channel kind. A code that exists is used up
/// either way, so a code seen by someone else cannot be tried again.
pub async fn redeem(tx: &mut Tx, code: &str, channel: &str, now: i64) -> Result<Redeemed> {
    let row: Option<(i64, String)> = sqlx::query_as(
        "DELETE FROM link_codes WHERE code = $1 AND expires_at > $2 RETURNING user_id, channel",
    )
    .bind(code)
    .bind(now)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(match row {
        None => Redeemed::Invalid,
        Some((_, issued_on)) if issued_on.is_empty() || issued_on == channel => {
            Redeemed::SameChannel
        }
        Some((user_id, _)) => Redeemed::User(UserId::new(user_id)),
    })
}

/// Counts a failed redeem attempt by `identity_id` at `at`, forgetting attempts before
/// `forget_before` (they no longer count).
pub async fn record_failure(
    tx: &mut Tx,
    identity_id: IdentityId,
    at: i64,
    forget_before: i64,
) -> Result<()> {
    sqlx::query("DELETE FROM link_attempts WHERE identity_id = $1 AND attempted_at < $2")
        .bind(identity_id.get())
        .bind(forget_before)
        .execute(&mut **tx)
        .await?;
    sqlx::query("INSERT INTO link_attempts (identity_id, attempted_at) VALUES ($1, $2)")
        .bind(identity_id.get())
        .bind(at)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The failed attempts of `identity_id` at or after `since`: how many, and the oldest's time.
pub async fn failures_since(
    tx: &mut Tx,
    identity_id: IdentityId,
    since: i64,
) -> Result<(i64, Option<i64>)> {
    Ok(sqlx::query_as(
        "SELECT COUNT(*), MIN(attempted_at) FROM link_attempts
         WHERE identity_id = $1 AND attempted_at >= $2",
    )
    .bind(identity_id.get())
    .bind(since)
    .fetch_one(&mut **tx)
    .await?)
}

/// One chat identity of a user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub id: IdentityId,
    pub channel: String,
    pub external_id: String,
    /// When `/link CODE` moved it into this account; `None` for the account's original chat.
    pub linked_at: Option<i64>,
}

impl Identity {
    /// Whether this chat may unlink `other` (of the same account): itself, or a chat linked
    /// after it; the original chat (never linked) may unlink any other. So a chat linked
    /// with a leaked code can never cut the account's owner off.
    pub fn may_unlink(&self, other: &Identity) -> bool {
        if self.id == other.id {
            return true;
        }
        match (self.linked_at, other.linked_at) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(mine), Some(theirs)) => (theirs, other.id) > (mine, self.id),
        }
    }
}

/// The identities of `user_id`, oldest first.
pub async fn identities(tx: &mut Tx, user_id: UserId) -> Result<Vec<Identity>> {
    let rows: Vec<(i64, String, String, Option<i64>)> = sqlx::query_as(
        "SELECT id, channel, external_id, linked_at FROM identities WHERE user_id = $1
         ORDER BY created_at, id",
    )
    .bind(user_id.get())
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, channel, external_id, linked_at)| Identity {
            id: IdentityId::new(id),
            channel,
            external_id,
            linked_at,
        })
        .collect())
}

/// What [`unlink`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unlinked {
    /// The unlinked identity's new user.
    pub new_user: UserId,
    /// Export files of `from_user`'s deleted links and of the identity's dropped messages,
    /// for the caller to delete once the transaction is committed.
    pub files: Vec<String>,
}

/// Moves `identity_id` away from `from_user` to a new user of its own (same name, language
/// and time zone) with a fresh personal workspace. Its dialogue ends; `from_user`'s
/// reminders go to another of their identities. Nothing issued while the chats were linked
/// outlives the unlink: `from_user`'s link codes and export links are deleted and the
/// identity's pending messages are dropped.
pub async fn unlink(tx: &mut Tx, identity_id: IdentityId, from_user: UserId) -> Result<Unlinked> {
    let (name, locale, zone): (String, String, String) =
        sqlx::query_as("SELECT display_name, locale, time_zone FROM users WHERE id = $1")
            .bind(from_user.get())
            .fetch_one(&mut **tx)
            .await?;
    let new_user = UserId::new(
        sqlx::query_scalar(
            "INSERT INTO users (display_name, locale, time_zone, created_at, audit_pseudonym)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(&name)
        .bind(&locale)
        .bind(&zone)
        .bind(tx.now_millis())
        .bind(super::privacy::new_pseudonym())
        .fetch_one(&mut **tx)
        .await?,
    );
    sqlx::query(
        "UPDATE identities SET user_id = $1, linked_at = NULL WHERE id = $2 AND user_id = $3",
    )
    .bind(new_user.get())
    .bind(identity_id.get())
    .bind(from_user.get())
    .execute(&mut **tx)
    .await?;
    sqlx::query("DELETE FROM dialogues WHERE identity_id = $1")
        .bind(identity_id.get())
        .execute(&mut **tx)
        .await?;
    super::users::create_personal_workspace(tx, new_user, &name).await?;
    for (sql, user) in [
        (
            "UPDATE users SET last_identity_id = $1 WHERE id = $2",
            new_user,
        ),
        (
            "UPDATE users SET last_identity_id =
                 (SELECT MAX(id) FROM identities WHERE user_id = $2 AND id <> $1)
             WHERE id = $2 AND last_identity_id = $1",
            from_user,
        ),
    ] {
        sqlx::query(sql)
            .bind(identity_id.get())
            .bind(user.get())
            .execute(&mut **tx)
            .await?;
    }
    let files = revoke_access(tx, identity_id, from_user).await?;
    Ok(Unlinked { new_user, files })
}

/// Deletes `from_user`'s link codes and export links and drops the pending messages of
/// `identity_id`: a code or link obtained by that chat while linked could bring it back to
/// the account, and a queued reply could still show it the account's data. Returns the
/// export files involved.
async fn revoke_access(
    tx: &mut Tx,
    identity_id: IdentityId,
    from_user: UserId,
) -> Result<Vec<String>> {
    sqlx::query("DELETE FROM link_codes WHERE user_id = $1")
        .bind(from_user.get())
        .execute(&mut **tx)
        .await?;
    let mut files: Vec<String> =
        sqlx::query_scalar("DELETE FROM export_links WHERE user_id = $1 RETURNING file_name")
            .bind(from_user.get())
            .fetch_all(&mut **tx)
            .await?;
    files.extend(
        super::outbox::drop_pending(tx, identity_id, "the chat was unlinked", i64::MAX).await?,
    );
    Ok(files)
}

/// Moves `identity_id` from `from_user` to `to_user`, linked at `now`; when `from_user` has no identity
/// left, everything of theirs moves to `to_user` and `from_user` is deleted.
pub async fn move_identity(
    tx: &mut Tx,
    identity_id: IdentityId,
    from_user: UserId,
    to_user: UserId,
    now: i64,
) -> Result<()> {
    sqlx::query("UPDATE identities SET user_id = $1, linked_at = $3 WHERE id = $2")
        .bind(to_user.get())
        .bind(identity_id.get())
        .bind(now)
        .execute(&mut **tx)
        .await?;
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM identities WHERE user_id = $1")
        .bind(from_user.get())
        .fetch_one(&mut **tx)
        .await?;
    if left > 0 {
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO memberships (workspace_id, user_id, role, created_at)
         SELECT workspace_id, $1, role, created_at FROM memberships WHERE user_id = $2
         ON CONFLICT (workspace_id, user_id) DO NOTHING",
    )
    .bind(to_user.get())
    .bind(from_user.get())
    .execute(&mut **tx)
    .await?;
    for sql in [
        "UPDATE contacts SET owner_user_id = $1 WHERE owner_user_id = $2",
        "UPDATE contacts SET created_by = $1 WHERE created_by = $2",
        "UPDATE companies SET created_by = $1 WHERE created_by = $2",
        "UPDATE deals SET owner_user_id = $1 WHERE owner_user_id = $2",
        "UPDATE deals SET created_by = $1 WHERE created_by = $2",
        "UPDATE notes SET author_user_id = $1 WHERE author_user_id = $2",
        "UPDATE tasks SET assignee_user_id = $1 WHERE assignee_user_id = $2",
        "UPDATE tasks SET created_by = $1 WHERE created_by = $2",
        "UPDATE activities SET actor_user_id = $1 WHERE actor_user_id = $2",
        "UPDATE files SET created_by = $1 WHERE created_by = $2",
        "UPDATE audit_log SET actor = (SELECT audit_pseudonym FROM users WHERE id = $1)
         WHERE actor = (SELECT audit_pseudonym FROM users WHERE id = $2)",
        "UPDATE invites SET created_by = $1 WHERE created_by = $2",
        "UPDATE invites SET used_by = $1 WHERE used_by = $2",
    ] {
        sqlx::query(sql)
            .bind(to_user.get())
            .bind(from_user.get())
            .execute(&mut **tx)
            .await?;
    }
    sqlx::query("DELETE FROM users WHERE id = $1")
        .bind(from_user.get())
        .execute(&mut **tx)
        .await?;
    Ok(())
}
