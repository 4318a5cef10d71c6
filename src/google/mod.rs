//! Google Calendar and Gmail, connected with OAuth. Only the pieces that stand on their own
//! are here so far: [`oauth`] (the consent link with PKCE, the code exchange, refresh,
//! revoke and who is connected). Tokens are sealed at rest with `crate::seal`. Nothing here
//! runs inside an update's transaction, and nothing here calls the model.

pub mod oauth;
pub mod calendar;
pub mod calendar_sync;
