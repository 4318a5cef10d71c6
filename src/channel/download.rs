//! Files users send, downloaded with a cap: a size the channel declares (the message, the
//! file lookup, `Content-Length`) over the cap refuses the file unread, and the body is read
//! chunk by chunk and dropped as soon as it passes the cap, so a file that lies about its
//! size never fills memory. Shared by the Telegram and WhatsApp adapters; a file that could
//! not be downloaded goes on as [`crate::message::UNREADABLE`].

/// What a capped download got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Download {
    /// The whole file, at most the cap.
    Complete(Vec<u8>),
    /// The file is larger than the cap; nothing of it is kept.
    TooLarge,
}

/// Whether a size the channel declared (if it told one) is over `max` bytes.
pub fn declared_too_large(size: Option<u64>, max: usize) -> bool {
    size.is_some_and(|size| size > max as u64)
}

/// Reads `response`'s body, at most `max` bytes: a longer one (declared or actual) is
/// abandoned at the first chunk past the cap.
pub async fn read_capped(
    mut response: reqwest::Response,
    max: usize,
) -> Result<Download, reqwest::Error> {
    if declared_too_large(response.content_length(), max) {
        return Ok(Download::TooLarge);
    }
    let mut bytes = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        if bytes.len() + chunk.len() > max {
            return Ok(Download::TooLarge);
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(Download::Complete(bytes))
}
