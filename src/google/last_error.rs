//! The words the worker keeps as a connection's last error (`google_connections.last_error`,
//! English, for operators and logs) read back into what went wrong, so that `/google` can
//! say it in the user's language. The worker writes `<feature>: <SyncError>`,
//! `<REFRESHING>: <OAuthError>` or [`RECONNECT`]; words of another shape (older rows, a new
//! error) are kept as they are, to be shown after a localized prefix.

use super::Feature;
use super::oauth::OAuthError;
use super::sync::SyncError;

/// Stored when Google refuses the refresh token: the user must connect again.
pub const RECONNECT: &str = "Google no longer accepts the grant: connect again";
/// What a failed token refresh is stored after.
pub const REFRESHING: &str = "refreshing the access token";

/// What the worker was doing when it failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum During {
    /// Syncing this feature.
    Sync(Feature),
    /// Refreshing the access token.
    Refresh,
    /// Not said.
    Unknown,
}

/// What went wrong, read from the stored words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause<'a> {
    /// Google no longer accepts the grant.
    Reconnect,
    /// The access token was not accepted.
    Unauthorized,
    /// Google asked to slow down.
    RateLimited,
    /// Google could not be reached or failed; the details (an HTTP status, "timed out").
    Unavailable(&'a str),
    /// Anything else: the words as stored.
    Other(&'a str),
}

/// Reads stored last-error words.
pub fn read(words: &str) -> (During, Cause<'_>) {
    if words == RECONNECT {
        return (During::Unknown, Cause::Reconnect);
    }
    let (during, rest) = match words.split_once(": ") {
        Some((head, rest)) if head == REFRESHING => (During::Refresh, rest),
        Some((head, rest)) => match [Feature::Calendar, Feature::Gmail]
            .into_iter()
            .find(|f| f.name() == head)
        {
            Some(feature) => (During::Sync(feature), rest),
            None => (During::Unknown, words),
        },
        None => (During::Unknown, words),
    };
    (during, cause(rest))
}

fn cause(rest: &str) -> Cause<'_> {
    let unavailable = SyncError::Unavailable(String::new()).to_string();
    let oauth_unavailable = OAuthError::Unavailable(String::new()).to_string();
    if rest == SyncError::Unauthorized.to_string() {
        Cause::Unauthorized
    } else if rest == (SyncError::RateLimited { retry_after: None }).to_string() {
        Cause::RateLimited
    } else if rest == OAuthError::InvalidGrant.to_string() {
        Cause::Reconnect
    } else if let Some(detail) = rest
        .strip_prefix(unavailable.as_str())
        .or_else(|| rest.strip_prefix(oauth_unavailable.as_str()))
    {
        Cause::Unavailable(detail)
    } else {
        Cause::Other(rest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workers_words_read_back() {
        let words = |during: &str, error: &dyn std::fmt::Display| format!("{during}: {error}");
        assert_eq!(read(RECONNECT), (During::Unknown, Cause::Reconnect));
        assert_eq!(
            read(&words("calendar", &SyncError::Unauthorized)),
            (During::Sync(Feature::Calendar), Cause::Unauthorized)
        );
        assert_eq!(
            read(&words(
                "gmail",
                &SyncError::RateLimited { retry_after: None }
            )),
            (During::Sync(Feature::Gmail), Cause::RateLimited)
        );
        assert_eq!(
            read(&words(
                "calendar",
                &SyncError::Unavailable("HTTP 503 Service Unavailable".into())
            )),
            (
                During::Sync(Feature::Calendar),
                Cause::Unavailable("HTTP 503 Service Unavailable")
            )
        );
        assert_eq!(
            read(&words(
                REFRESHING,
                &OAuthError::Unavailable("timed out".into())
            )),
            (During::Refresh, Cause::Unavailable("timed out"))
        );
        assert_eq!(
            read(&words("gmail", &SyncError::Failed("HTTP 400: bad".into()))),
            (During::Sync(Feature::Gmail), Cause::Other("HTTP 400: bad"))
        );
        assert_eq!(
            read("something new: happened"),
            (During::Unknown, Cause::Other("something new: happened"))
        );
    }
}
