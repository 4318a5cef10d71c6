//! `GET /oauth/google/callback`: where Google's consent screen sends the browser back
//! (`state` with `code`, or `error`). `google::connect` does the work; this answers a small
//! page in the user's language ("Connected — you can go back to the chat"), or a clear page
//! for a refusal, an unknown, used or expired link. The page is never cached and sends no
//! referrer (its address holds the code); the code and the state are never logged.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tracing::warn;

use super::HttpState;
use crate::config::Secret;
use crate::google::connect::{self, Callback, Outcome};
use crate::i18n::Locale;
use crate::tr;

pub async fn callback(
    State(state): State<Arc<HttpState>>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let browser = Locale::from_language_code(
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split([',', ';', '-']).next()),
    );
    let Some(google) = state.engine.google().cloned() else {
        return page(
            StatusCode::NOT_FOUND,
            browser,
            &browser.text("google-page-not-configured"),
        );
    };
    let given = Callback {
        state: query.get("state").map(Secret::new),
        code: query.get("code").map(Secret::new),
        error: query.get("error").cloned(),
    };
    match connect::finish(state.engine.store(), &google, given).await {
        Ok(Outcome::Connected { locale, email }) => page(
            StatusCode::OK,
            locale,
            &tr!(locale, "google-page-connected", email = email),
        ),
        Ok(Outcome::Denied { locale }) => {
            page(StatusCode::OK, locale, &locale.text("google-page-denied"))
        }
        Ok(Outcome::UnknownState) => page(
            StatusCode::BAD_REQUEST,
            browser,
            &browser.text("google-page-bad-state"),
        ),
        Ok(Outcome::Expired { locale }) => page(
            StatusCode::GONE,
            locale,
            &locale.text("google-page-expired"),
        ),
        Ok(Outcome::Failed { locale }) => page(
            StatusCode::BAD_GATEWAY,
            locale,
            &locale.text("google-page-failed"),
        ),
        Err(error) => {
            warn!(%error, "the Google callback failed");
            page(
                StatusCode::INTERNAL_SERVER_ERROR,
                browser,
                &browser.text("google-page-failed"),
            )
        }
    }
}

/// A minimal HTML page with `message`.
fn page(status: StatusCode, locale: Locale, message: &str) -> Response {
    let title = escape(&locale.text("google-page-title"));
    let body = format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title></head><body style=\"font-family: sans-serif; max-width: 32em; \
         margin: 3em auto; padding: 0 1em\"><h1>{title}</h1><p>{}</p></body></html>",
        locale.code(),
        escape(message)
    );
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
            (header::REFERRER_POLICY, "no-referrer"),
        ],
        body,
    )
        .into_response()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    #[test]
    fn page_text_is_escaped() {
        assert_eq!(
            super::escape("<a href=\"x\">&</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"
        );
    }
}
