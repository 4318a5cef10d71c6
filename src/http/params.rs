//! Query and path parameters of the admin API, read by hand so a bad or missing value is
//! a JSON 400 naming the field (`{"error": "`limit` must be a whole number", "field":
//! "limit"}`) instead of the extractor's parser message; checked after the token, so a
//! caller without it learns nothing about the parameters.

use std::collections::HashMap;

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// A parameter that is missing or not what the endpoint takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadParam {
    pub field: &'static str,
    pub error: String,
}

impl IntoResponse for BadParam {
    fn into_response(self) -> Response {
        let body = json!({ "error": self.error, "field": self.field });
        (StatusCode::BAD_REQUEST, Json(body)).into_response()
    }
}

/// The query string's parameters (the last value of a repeated one counts).
pub fn query(raw: Option<&str>) -> HashMap<String, String> {
    url::form_urlencoded::parse(raw.unwrap_or_default().as_bytes())
        .into_owned()
        .collect()
}

/// A whole number: `value` when given, else `default`.
pub fn integer(
    params: &HashMap<String, String>,
    field: &'static str,
    default: i64,
) -> Result<i64, BadParam> {
    match params.get(field) {
        None => Ok(default),
        Some(value) => whole_number(value, field),
    }
}

/// A text parameter that must be given and not be blank.
pub fn required<'a>(
    params: &'a HashMap<String, String>,
    field: &'static str,
) -> Result<&'a str, BadParam> {
    params
        .get(field)
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .ok_or_else(|| BadParam {
            field,
            error: format!("`{field}` is required"),
        })
}

/// `value` (a path segment or a query value) as a whole number.
pub fn whole_number(value: &str, field: &'static str) -> Result<i64, BadParam> {
    value.trim().parse().map_err(|_| BadParam {
        field,
        error: format!("`{field}` must be a whole number"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_read_or_named_in_the_error() {
        let params = query(Some("limit=abc&offset=5&channel=%20"));
        assert_eq!(integer(&params, "offset", 0), Ok(5));
        assert_eq!(integer(&params, "absent", 100), Ok(100));
        let bad = integer(&params, "limit", 100).unwrap_err();
        assert_eq!(bad.field, "limit");
        assert_eq!(bad.error, "`limit` must be a whole number");
        assert_eq!(required(&params, "channel").unwrap_err().field, "channel");
        assert_eq!(whole_number(" 42 ", "id"), Ok(42));
    }
}
