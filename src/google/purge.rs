//! What disconnecting deletes, in the caller's one transaction: every cached Google item
//! (the [`PURGE_HOOKS`] Calendar and Gmail register), the user's pending connect links, the
//! replies with Google content still waiting for the user's chats (dropped, their text
//! blanked: sent ones were blanked when sent) and the connection with its sealed tokens.
//! Account erasure does the same after handing the refresh token to the revocation queue
//! ([`for_erasure`]), so the grant is still revoked at Google although the user is gone; a
//! disconnect whose revoke Google did not answer hands it there too ([`queue_revocation`]).

use futures::future::BoxFuture;

use super::Google;
use super::tokens;
use crate::config::Secret;
use crate::store::google_connections::{self, Connection};
use crate::store::{self, Tx, google_states, outbox};

/// Deletes what one feature cached for a connection (its events, its threads).
pub type PurgeHook = for<'a> fn(&'a mut Tx, &'a Connection) -> BoxFuture<'a, store::Result<()>>;

/// Every feature's cache purge; Calendar and Gmail add theirs here.
pub static PURGE_HOOKS: &[PurgeHook] = &[super::calendar_step::purge, super::gmail_sync::purge];

/// Deletes the connection, its cached items and the user's pending connect links.
pub async fn connection(tx: &mut Tx, connection: &Connection) -> store::Result<()> {
    for hook in PURGE_HOOKS {
        hook(tx, connection).await?;
    }
    google_states::delete_for_user(tx, connection.user_id).await?;
    let dropped = "Google was disconnected: its content is not kept";
    outbox::scrub_for_user(tx, connection.user_id, dropped).await?;
    google_connections::delete(tx, connection.id).await
}

/// Hands `refresh` to the revocation queue, sealed again for the queue row and tied to no
/// user, for the worker to revoke (retried while Google is unavailable).
pub async fn queue_revocation(tx: &mut Tx, google: &Google, refresh: &Secret) -> store::Result<()> {
    let id = google_connections::insert_revocation(tx).await?;
    let sealed = tokens::seal_revocation(&google.sealer, id, refresh);
    google_connections::set_revocation_token(tx, id, &sealed).await
}

/// Before an account is erased: its refresh token goes to the revocation queue (sealed
/// again, bound to the queue row and to no user) when it can be opened, and the
/// connection, its cache and its links are deleted. Returns whether there was a connection.
pub async fn for_erasure(
    tx: &mut Tx,
    google: Option<&Google>,
    user_id: crate::crm::UserId,
) -> store::Result<bool> {
    google_states::delete_for_user(tx, user_id).await?;
    let Some(existing) = google_connections::of_user(tx, user_id).await? else {
        return Ok(false);
    };
    if let Some(google) = google
        && let Ok(refresh) = tokens::refresh_token(&google.sealer, &existing)
    {
        queue_revocation(tx, google, &refresh).await?;
    }
    connection(tx, &existing).await?;
    Ok(true)
}
