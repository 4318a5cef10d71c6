//! Tokens at rest: every token is sealed (`crate::seal`) with a binding naming its table,
//! its row and column, and its user, so a sealed token copied to another row, column or
//! user does not open. Plain tokens live only in memory, as `config::Secret`.

use crate::config::Secret;
use crate::crm::UserId;
use crate::seal::{Binding, SealError, Sealer};
use crate::store::google_connections::{Connection, Revocation};

const CONNECTIONS: &str = "google_connections";
const STATES: &str = "google_oauth_states";
const REVOCATIONS: &str = "google_revocations";
/// The user a revocation's token is bound to: none (the account is erased).
const NO_USER: UserId = UserId::new(0);

fn row(id: i64, column: &str) -> String {
    format!("{id}:{column}")
}

/// Seals a token of connection `id` of `user_id` for `column` (`access_token`, `refresh_token`).
pub fn seal_connection(
    sealer: &Sealer,
    id: i64,
    user_id: UserId,
    column: &str,
    token: &Secret,
) -> String {
    let row = row(id, column);
    sealer.seal(
        token.expose().as_bytes(),
        Binding {
            table: CONNECTIONS,
            row: &row,
            user_id,
        },
    )
}

fn open_connection(
    sealer: &Sealer,
    connection: &Connection,
    column: &str,
    sealed: &str,
) -> Result<Secret, SealError> {
    let row = row(connection.id, column);
    let bytes = sealer.open(
        sealed,
        Binding {
            table: CONNECTIONS,
            row: &row,
            user_id: connection.user_id,
        },
    )?;
    Ok(Secret::new(String::from_utf8_lossy(&bytes)))
}

/// The connection's access token.
pub fn access_token(sealer: &Sealer, connection: &Connection) -> Result<Secret, SealError> {
    open_connection(
        sealer,
        connection,
        "access_token",
        &connection.sealed_access_token,
    )
}

/// The connection's refresh token.
pub fn refresh_token(sealer: &Sealer, connection: &Connection) -> Result<Secret, SealError> {
    open_connection(
        sealer,
        connection,
        "refresh_token",
        &connection.sealed_refresh_token,
    )
}

/// Seals a PKCE verifier for the state row `digest` of `user_id`.
pub fn seal_verifier(sealer: &Sealer, digest: &str, user_id: UserId, verifier: &Secret) -> String {
    sealer.seal(
        verifier.expose().as_bytes(),
        Binding {
            table: STATES,
            row: digest,
            user_id,
        },
    )
}

/// Opens the verifier sealed for the state row `digest` of `user_id`.
pub fn open_verifier(
    sealer: &Sealer,
    digest: &str,
    user_id: UserId,
    sealed: &str,
) -> Result<Secret, SealError> {
    let bytes = sealer.open(
        sealed,
        Binding {
            table: STATES,
            row: digest,
            user_id,
        },
    )?;
    Ok(Secret::new(String::from_utf8_lossy(&bytes)))
}

/// Seals an erased account's refresh token for revocation row `id` (no user: 0).
pub fn seal_revocation(sealer: &Sealer, id: i64, token: &Secret) -> String {
    let row = row(id, "refresh_token");
    sealer.seal(
        token.expose().as_bytes(),
        Binding {
            table: REVOCATIONS,
            row: &row,
            user_id: NO_USER,
        },
    )
}

pub fn open_revocation(sealer: &Sealer, revocation: &Revocation) -> Result<Secret, SealError> {
    let row = row(revocation.id, "refresh_token");
    let bytes = sealer.open(
        &revocation.refresh_token,
        Binding {
            table: REVOCATIONS,
            row: &row,
            user_id: NO_USER,
        },
    )?;
    Ok(Secret::new(String::from_utf8_lossy(&bytes)))
}
