//! Reads a multipart upload the way the fake servers record it: text fields as JSON
//! (numbers as numbers), each file described by its field as `{file_name, size}` and
//! returned with its bytes.

use axum::extract::Multipart;
use serde_json::{Value, json};

/// The form's fields as JSON, and its files as (file name, bytes).
pub async fn read(mut form: Multipart) -> (Value, Vec<(String, Vec<u8>)>) {
    let mut body = json!({});
    let mut files = Vec::new();
    while let Some(field) = form.next_field().await.expect("a readable field") {
        let name = field.name().unwrap_or_default().to_string();
        match field.file_name().map(str::to_string) {
            Some(file_name) => {
                let bytes = field.bytes().await.expect("the file's bytes").to_vec();
                body[&name] = json!({ "file_name": file_name, "size": bytes.len() });
                files.push((file_name, bytes));
            }
            None => {
                let text = field.text().await.expect("a text field");
                body[&name] = text
                    .parse::<i64>()
                    .map_or_else(|_| json!(text), |n| json!(n));
            }
        }
    }
    (body, files)
}
