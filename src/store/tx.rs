//! The transaction every store function runs in: sqlx's transaction together with the
//! application's [`Clock`], so the timestamps the store writes (`created_at`, `sent_at`,
//! expiries) follow the injected clock instead of the wall clock.

use std::ops::{Deref, DerefMut};

use sqlx::{Any, AnyConnection};

use crate::clock::Clock;

/// A transaction on either backend; every handler runs inside exactly one. Queries run on
/// `&mut **tx` as on a plain sqlx transaction.
pub struct Tx {
    inner: sqlx::Transaction<'static, Any>,
    clock: Clock,
}

impl Tx {
    pub(super) fn new(inner: sqlx::Transaction<'static, Any>, clock: Clock) -> Tx {
        Tx { inner, clock }
    }

    /// "Now" in milliseconds since the Unix epoch, from the store's clock.
    pub fn now_millis(&self) -> i64 {
        self.clock.now_millis()
    }

    /// The clock this transaction reads "now" from.
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    pub async fn commit(self) -> super::Result<()> {
        Ok(self.inner.commit().await?)
    }

    pub async fn rollback(self) -> super::Result<()> {
        Ok(self.inner.rollback().await?)
    }
}

impl Deref for Tx {
    type Target = AnyConnection;

    fn deref(&self) -> &AnyConnection {
        &self.inner
    }
}

impl DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        &mut self.inner
    }
}

impl std::fmt::Debug for Tx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tx").field("clock", &self.clock).finish()
    }
}
