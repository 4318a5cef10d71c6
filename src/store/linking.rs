//! Linking identities: a one-time code issued to a user, redeemed from another channel,
//! after which the redeeming identity belongs to the code's user. A user left without
//! identities is merged into the target: memberships, authorship and assignments move over,
//! then the empty user is removed.

use super::{Tx, now_millis};

/// Stores a code for `user_id`, valid until `expires_at`.
pub async fn create_code(
    tx: &mut Tx,
    code: &str,
    user_id: i64,
    expires_at: i64,
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM link_codes WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "INSERT INTO link_codes (code, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(code)
    .bind(user_id)
    .bind(now_millis())
    .bind(expires_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Uses a code: the user it was issued to, if it exists and has not expired at `now`.
pub async fn redeem(tx: &mut Tx, code: &str, now: i64) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "DELETE FROM link_codes WHERE code = $1 AND expires_at > $2 RETURNING user_id",
    )
    .bind(code)
    .bind(now)
    .fetch_optional(&mut **tx)
    .await
}

/// Moves `identity_id` from `from_user` to `to_user`; when `from_user` has no identity
/// left, everything of theirs moves to `to_user` and `from_user` is deleted.
pub async fn move_identity(
    tx: &mut Tx,
    identity_id: i64,
    from_user: i64,
    to_user: i64,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE identities SET user_id = $1 WHERE id = $2")
        .bind(to_user)
        .bind(identity_id)
        .execute(&mut **tx)
        .await?;
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM identities WHERE user_id = $1")
        .bind(from_user)
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
    .bind(to_user)
    .bind(from_user)
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
            .bind(to_user)
            .bind(from_user)
            .execute(&mut **tx)
            .await?;
    }
    sqlx::query("DELETE FROM users WHERE id = $1")
        .bind(from_user)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
