//! Linking identities: a one-time code issued to a user, redeemed from another channel,
//! after which the redeeming identity belongs to the code's user. A user left without
//! identities is merged into the target: memberships, authorship and assignments move over,
//! then the empty user is removed. Failed redeem attempts are counted per identity
//! ([`record_failure`], [`failures_since`]); [`unlink`] undoes a link. Each identity
//! remembers when it was linked into its account (`linked_at`, NULL for the account's
//! original chat), which decides who may unlink whom ([`Identity::may_unlink`]).

use super::statement::{self, args};
use super::{Tx, dialogues, users, workspaces};
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
    statement::run(tx, DELETE_CODES, args![user_id.get()]).await?;
    let now = tx.now_millis();
    let values = args![code, user_id.get(), channel, now, expires_at];
    statement::run(tx, INSERT_CODE, values).await?;
    Ok(())
}

const DELETE_CODES: &str = "DELETE FROM link_codes WHERE user_id = $1";

const INSERT_CODE: &str = "INSERT INTO link_codes (code, user_id, channel, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5)";

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
    let row: Option<(i64, String)> = statement::optional(tx, TAKE_CODE, args![code, now]).await?;
    Ok(match row {
        None => Redeemed::Invalid,
        Some((_, issued_on)) if issued_on.is_empty() || issued_on == channel => {
            Redeemed::SameChannel
        }
        Some((user_id, _)) => Redeemed::User(UserId::new(user_id)),
    })
}

const TAKE_CODE: &str =
    "DELETE FROM link_codes WHERE code = $1 AND expires_at > $2 RETURNING user_id, channel";

/// Counts a failed redeem attempt by `identity_id` at `at`, forgetting attempts before
/// `forget_before` (they no longer count).
pub async fn record_failure(
    tx: &mut Tx,
    identity_id: IdentityId,
    at: i64,
    forget_before: i64,
) -> Result<()> {
    statement::run(tx, FORGET_ATTEMPTS, args![identity_id.get(), forget_before]).await?;
    statement::run(tx, INSERT_ATTEMPT, args![identity_id.get(), at]).await?;
    Ok(())
}

const FORGET_ATTEMPTS: &str =
    "DELETE FROM link_attempts WHERE identity_id = $1 AND attempted_at < $2";

const INSERT_ATTEMPT: &str =
    "INSERT INTO link_attempts (identity_id, attempted_at) VALUES ($1, $2)";

/// The failed attempts of `identity_id` at or after `since`: how many, and the oldest's time.
pub async fn failures_since(
    tx: &mut Tx,
    identity_id: IdentityId,
    since: i64,
) -> Result<(i64, Option<i64>)> {
    statement::one(tx, FAILURES_SINCE, args![identity_id.get(), since]).await
}

const FAILURES_SINCE: &str = "SELECT COUNT(*), MIN(attempted_at) FROM link_attempts
     WHERE identity_id = $1 AND attempted_at >= $2";

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
    let rows: Vec<(i64, String, String, Option<i64>)> =
        statement::all(tx, IDENTITIES, args![user_id.get()]).await?;
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

const IDENTITIES: &str = "SELECT id, channel, external_id, linked_at FROM identities
     WHERE user_id = $1 ORDER BY created_at, id";

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
        statement::one(tx, PROFILE, args![from_user.get()]).await?;
    let (now, pseudonym) = (tx.now_millis(), super::privacy::new_pseudonym());
    let values = args![&name, locale, zone, now, pseudonym];
    let new_user = UserId::new(statement::value(tx, INSERT_USER, values).await?);
    let values = args![new_user.get(), identity_id.get(), from_user.get()];
    statement::run(tx, MOVE_AWAY, values).await?;
    dialogues::clear(tx, identity_id).await?;
    workspaces::create_personal(tx, new_user, &name).await?;
    users::set_last_identity(tx, new_user, identity_id).await?;
    let values = args![identity_id.get(), from_user.get()];
    statement::run(tx, LAST_IDENTITY_ELSEWHERE, values).await?;
    let files = revoke_access(tx, identity_id, from_user).await?;
    Ok(Unlinked { new_user, files })
}

const PROFILE: &str = "SELECT display_name, locale, time_zone FROM users WHERE id = $1";

const INSERT_USER: &str =
    "INSERT INTO users (display_name, locale, time_zone, created_at, audit_pseudonym)
     VALUES ($1, $2, $3, $4, $5) RETURNING id";

const MOVE_AWAY: &str =
    "UPDATE identities SET user_id = $1, linked_at = NULL WHERE id = $2 AND user_id = $3";

/// User `$2`, when last reached at the unlinked identity `$1`, is reached at another one.
const LAST_IDENTITY_ELSEWHERE: &str = "UPDATE users SET last_identity_id =
         (SELECT MAX(id) FROM identities WHERE user_id = $2 AND id <> $1)
     WHERE id = $2 AND last_identity_id = $1";

/// Deletes `from_user`'s link codes and export links and drops the pending messages of
/// `identity_id`: a code or link obtained by that chat while linked could bring it back to
/// the account, and a queued reply could still show it the account's data. Returns the
/// export files involved.
async fn revoke_access(
    tx: &mut Tx,
    identity_id: IdentityId,
    from_user: UserId,
) -> Result<Vec<String>> {
    statement::run(tx, DELETE_CODES, args![from_user.get()]).await?;
    let mut files: Vec<String> =
        statement::values(tx, DELETE_EXPORT_LINKS, args![from_user.get()]).await?;
    files.extend(
        super::outbox::drop_pending(tx, identity_id, "the chat was unlinked", i64::MAX).await?,
    );
    Ok(files)
}

const DELETE_EXPORT_LINKS: &str = "DELETE FROM export_links WHERE user_id = $1 RETURNING file_name";

/// Moves `identity_id` from `from_user` to `to_user`, linked at `now`; when `from_user` has no identity
/// left, everything of theirs moves to `to_user` and `from_user` is deleted.
pub async fn move_identity(
    tx: &mut Tx,
    identity_id: IdentityId,
    from_user: UserId,
    to_user: UserId,
    now: i64,
) -> Result<()> {
    let values = args![to_user.get(), identity_id.get(), now];
    statement::run(tx, MOVE_TO, values).await?;
    let left: i64 = statement::value(tx, COUNT_IDENTITIES, args![from_user.get()]).await?;
    if left > 0 {
        return Ok(());
    }
    for sql in MERGE_USER {
        statement::run(tx, sql, args![to_user.get(), from_user.get()]).await?;
    }
    statement::run(tx, DELETE_USER, args![from_user.get()]).await?;
    Ok(())
}

const MOVE_TO: &str = "UPDATE identities SET user_id = $1, linked_at = $3 WHERE id = $2";

const COUNT_IDENTITIES: &str = "SELECT COUNT(*) FROM identities WHERE user_id = $1";

/// What merging user `$2` into user `$1` moves over: memberships first, then authorship,
/// assignments and invites.
const MERGE_USER: [&str; 14] = [
    "INSERT INTO memberships (workspace_id, user_id, role, created_at)
     SELECT workspace_id, $1, role, created_at FROM memberships WHERE user_id = $2
     ON CONFLICT (workspace_id, user_id) DO NOTHING",
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
];

const DELETE_USER: &str = "DELETE FROM users WHERE id = $1";
