//! The admin API under `/admin/`: bearer-token protected (constant-time compare; 401 on a
//! missing or wrong token; 404 for everything when no `[http] admin_token` is set).
//! Workspaces, usage figures, user lookup by channel identity, the audit log and deletion
//! requests; no message content. Every call is itself audited. A bad or missing parameter
//! is a JSON 400 naming the field (see `params`).

use std::sync::Arc;

use axum::Json;
use axum::extract::{FromRequestParts, Path, RawQuery, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use subtle::ConstantTimeEq;
use tracing::warn;

use super::HttpState;
use super::params::{self, BadParam};
use crate::crm::UserId;
use crate::store::privacy::pseudonym;
use crate::store::{self, admin, erasure};

/// `None` when the request carries the admin token; the refusal otherwise.
fn denied(state: &HttpState, headers: &HeaderMap) -> Option<Response> {
    let expected = state.admin_token.expose().as_bytes();
    if expected.is_empty() {
        return Some(StatusCode::NOT_FOUND.into_response());
    }
    let given = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default()
        .as_bytes();
    if bool::from(given.ct_eq(expected)) {
        None
    } else {
        Some((StatusCode::UNAUTHORIZED, [("WWW-Authenticate", "Bearer")]).into_response())
    }
}

/// Writes an audit entry for an admin call (what was asked, never an answer).
async fn audit(state: &HttpState, action: &str, target: &str) -> Result<(), store::Error> {
    let store = state.engine.store();
    let mut tx = store.begin().await?;
    let now = state.engine.clock().now().timestamp_millis();
    crate::store::privacy::audit(&mut tx, "admin", action, target, now).await?;
    tx.commit().await
}

fn internal(error: store::Error) -> Response {
    warn!(%error, "admin API query failed");
    (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
}

/// The page asked for (`limit`, 100 by default, and `offset`), within 1..=1000 rows.
fn paging(raw: Option<&str>) -> Result<(i64, i64), BadParam> {
    let query = params::query(raw);
    let limit = params::integer(&query, "limit", 100)?;
    let offset = params::integer(&query, "offset", 0)?;
    Ok((limit.clamp(1, 1000), offset.max(0)))
}

/// The prologue of every admin call: the token check, then the audit entry. `Some` is the
/// response to return instead of going on.
async fn admit(
    state: &HttpState,
    headers: &HeaderMap,
    action: &str,
    target: &str,
) -> Option<Response> {
    if let Some(refused) = denied(state, headers) {
        return Some(refused);
    }
    audit(state, action, target).await.err().map(internal)
}

/// Admits the caller to a paged list (audited as `action`) and reads `limit` and `offset`;
/// the refusal or the bad parameter's response otherwise.
async fn admit_paged(
    state: &HttpState,
    headers: &HeaderMap,
    action: &str,
    raw: Option<&str>,
) -> Result<(i64, i64), Response> {
    if let Some(response) = admit(state, headers, action, "").await {
        return Err(response);
    }
    paging(raw).map_err(IntoResponse::into_response)
}

/// The user id of a `/admin/users/{id}/…` path, read once the admin token is accepted;
/// the refusal or the bad id's response otherwise.
pub struct UserInPath(pub UserId);

impl FromRequestParts<Arc<HttpState>> for UserInPath {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<HttpState>,
    ) -> Result<Self, Response> {
        if let Some(refused) = denied(state, &parts.headers) {
            return Err(refused);
        }
        let Path(id) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        params::whole_number(&id, "id")
            .map(|id| UserInPath(UserId::new(id)))
            .map_err(IntoResponse::into_response)
    }
}

/// A query's result as JSON, or the internal-error response.
fn json_or_internal<T: serde::Serialize>(result: store::Result<T>) -> Response {
    match result {
        Ok(value) => Json(value).into_response(),
        Err(error) => internal(error),
    }
}

/// `GET /admin/workspaces?limit=&offset=`.
pub async fn workspaces(
    State(state): State<Arc<HttpState>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let (limit, offset) =
        match admit_paged(&state, &headers, "admin.workspaces", query.as_deref()).await {
            Ok(page) => page,
            Err(refused) => return refused,
        };
    json_or_internal(admin::workspaces(state.engine.store().pool(), limit, offset).await)
}

/// `GET /admin/usage`.
pub async fn usage(State(state): State<Arc<HttpState>>, headers: HeaderMap) -> Response {
    if let Some(response) = admit(&state, &headers, "admin.usage", "").await {
        return response;
    }
    json_or_internal(admin::usage(state.engine.store().pool()).await)
}

/// `GET /admin/users?channel=telegram&external_id=123`.
pub async fn user(
    State(state): State<Arc<HttpState>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    if let Some(refused) = denied(&state, &headers) {
        return refused;
    }
    let query = params::query(query.as_deref());
    let (channel, external_id) = match params::required(&query, "channel")
        .and_then(|c| Ok((c, params::required(&query, "external_id")?)))
    {
        Ok(found) => found,
        Err(bad) => return bad.into_response(),
    };
    let target = format!("{channel}:{external_id}");
    if let Some(response) = admit(&state, &headers, "admin.user_lookup", &target).await {
        return response;
    }
    match admin::user_by_identity(state.engine.store().pool(), channel, external_id).await {
        Ok(None) => (StatusCode::NOT_FOUND, "no such identity").into_response(),
        found => json_or_internal(found),
    }
}

/// `GET /admin/audit?limit=&offset=`: the audit log, newest first.
pub async fn audit_log(
    State(state): State<Arc<HttpState>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let (limit, offset) = match admit_paged(&state, &headers, "admin.audit", query.as_deref()).await
    {
        Ok(page) => page,
        Err(refused) => return refused,
    };
    json_or_internal(admin::audit_log(state.engine.store().pool(), limit, offset).await)
}

/// `POST /admin/users/{id}/delete`: a deletion request that arrived another way (e-mail),
/// carried out like /delete_account, including the owner rule (409 while the user owns a
/// team workspace with other members).
pub async fn delete_user(
    State(state): State<Arc<HttpState>>,
    UserInPath(user_id): UserInPath,
) -> Response {
    let store = state.engine.store();
    let result: Result<Response, store::Error> = async {
        let mut tx = store.begin().await?;
        let name = admin::display_name(&mut tx, user_id).await?;
        let Some(name) = name else {
            return Ok((StatusCode::NOT_FOUND, "no such user").into_response());
        };
        if let Some(workspace) = erasure::owned_team_with_others(&mut tx, user_id).await? {
            let body = format!("the user owns the team workspace {workspace:?} with other members");
            return Ok((StatusCode::CONFLICT, body).into_response());
        }
        let now = state.engine.clock().now().timestamp_millis();
        let who = pseudonym(&mut tx, user_id).await?;
        crate::store::privacy::audit(&mut tx, "admin", "account.deleted", &who, now).await?;
        erasure::delete_user(&mut tx, user_id, &name).await?;
        tx.commit().await?;
        crate::privacy::export::remove_files_of(&state.export_dir, user_id);
        crate::privacy::scrub::scrub(store).await?;
        Ok(StatusCode::NO_CONTENT.into_response())
    }
    .await;
    result.unwrap_or_else(internal)
}

/// `GET /admin/users/{id}/export`: an access request that arrived another way (e-mail):
/// the same ZIP as /export, streamed back and removed from the server; audited.
pub async fn export_user(
    State(state): State<Arc<HttpState>>,
    UserInPath(user_id): UserInPath,
) -> Response {
    let store = state.engine.store();
    let now = state.engine.clock().now();
    let written: Result<Option<crate::privacy::export::Exported>, store::Error> = async {
        let mut tx = store.begin().await?;
        let name = admin::display_name(&mut tx, user_id).await?;
        let Some(name) = name else {
            return Ok(None);
        };
        let file_name = crate::privacy::export::file_name(user_id, now);
        let who = pseudonym(&mut tx, user_id).await?;
        crate::store::privacy::audit(
            &mut tx,
            "admin",
            "export.requested",
            &who,
            now.timestamp_millis(),
        )
        .await?;
        let tz = crate::store::users::locale_and_zone(&mut tx, user_id)
            .await?
            .map_or(chrono_tz::Tz::UTC, |(_, tz)| tz);
        let exported = crate::privacy::export::write(
            &mut tx,
            crate::privacy::export::Owner {
                user_id,
                display_name: &name,
                tz,
            },
            &state.export_dir,
            &file_name,
            now,
        )
        .await?;
        crate::store::privacy::audit(
            &mut tx,
            "admin",
            "export.delivered",
            &exported.file_name,
            now.timestamp_millis(),
        )
        .await?;
        tx.commit().await?;
        Ok(Some(exported))
    }
    .await;
    let exported = match written {
        Ok(Some(exported)) => exported,
        Ok(None) => return (StatusCode::NOT_FOUND, "no such user").into_response(),
        Err(error) => return internal(error),
    };
    let Ok(file) = tokio::fs::File::open(&exported.path).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response();
    };
    super::exports::zip_download(file, &exported.path, &exported.file_name).await
}
