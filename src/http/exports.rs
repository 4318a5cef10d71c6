//! `GET /exports/{token}`: the one-time download of a user's export. The link works once
//! and only until it expires (410 otherwise); the file is removed from the server as the
//! download starts, and the download is audited.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use tokio_util::io::ReaderStream;
use tracing::warn;

use super::HttpState;
use crate::store;
use crate::store::export_links;
use crate::store::privacy::{audit, pseudonym};

pub async fn download(State(state): State<Arc<HttpState>>, Path(token): Path<String>) -> Response {
    let gone = (
        StatusCode::GONE,
        "This link has expired or was already used.",
    )
        .into_response();
    if token.is_empty() || token.len() > 64 || !token.chars().all(|c| c.is_ascii_alphanumeric()) {
        return gone;
    }
    let store = state.engine.store();
    let now = state.engine.clock().now().timestamp_millis();
    let redeemed: Result<Option<String>, store::Error> = async {
        let mut tx = store.begin().await?;
        let Some((file_name, user_id)) = export_links::redeem(&mut tx, &token, now).await? else {
            return Ok(None);
        };
        let who = pseudonym(&mut tx, user_id).await?;
        audit(&mut tx, &who, "export.downloaded", &file_name, now).await?;
        tx.commit().await?;
        Ok(Some(file_name))
    }
    .await;
    let file_name = match redeemed {
        Ok(Some(file_name)) if !file_name.contains(['/', '\\']) => file_name,
        Ok(_) => return gone,
        Err(error) => {
            warn!(%error, "export download failed");
            return (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response();
        }
    };
    let path = state.export_dir.join(&file_name);
    let file = match tokio::fs::File::open(&path).await {
        Ok(file) => file,
        Err(_) => return gone,
    };
    zip_download(file, &path, &file_name).await
}

/// Streams an export ZIP as an attachment, unlinking the file first: it is read from the
/// open handle, so nothing stays on disk after this.
pub async fn zip_download(
    file: tokio::fs::File,
    path: &std::path::Path,
    file_name: &str,
) -> Response {
    let _ = tokio::fs::remove_file(path).await;
    let disposition = format!("attachment; filename=\"{file_name}\"");
    (
        [
            (header::CONTENT_TYPE, "application/zip".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        Body::from_stream(ReaderStream::new(file)),
    )
        .into_response()
}
