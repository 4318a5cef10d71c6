//! The data export (`/export`): one ZIP with a manifest and, for every exported table of
//! the [registry](super::registry), a JSON file (an array of objects: every value but the
//! index columns, ids included, times in ISO 8601 with the user's offset, and each record's
//! handle) and a CSV file to read ([`super::export_csv`]: handles, linked records by handle
//! and name, people by name, ISO times, amounts in major units). Rows are streamed from the
//! database and written as they arrive, so memory stays flat however much a user holds:
//! the JSON goes straight into its ZIP entry while the CSV is spooled to a scratch file and
//! copied into the next entry. CSV text cells are neutralized against formula injection
//! ([`csv_text`]); JSON keeps every value exactly.

use std::fs;
use std::io::{self, BufWriter, Seek, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, SecondsFormat, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use futures::TryStreamExt;
use serde_json::{Map, Value, json};
use sqlx::Row;
use sqlx::any::AnyRow;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::export_csv::{self, Kind};
use super::registry::{self, Bind};
use crate::crm::{FileId, UserId};
use crate::store;
use crate::store::Tx;

/// The manifest's format version.
pub const FORMAT_VERSION: u32 = 2;

/// What an export produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    /// Where the ZIP is.
    pub path: PathBuf,
    /// Its file name (what the audit log records).
    pub file_name: String,
    /// Files in the ZIP, the manifest included.
    pub files: usize,
    /// Rows exported, over all tables (each row once, though it is in a JSON and a CSV file).
    pub records: u64,
    /// The ZIP's size.
    pub bytes: u64,
}

/// The file name of an export for `user_id` at `now` (a random suffix keeps two exports in
/// the same millisecond apart).
pub fn file_name(user_id: UserId, now: DateTime<Utc>) -> String {
    format!(
        "chatcrm-export-{user_id}-{}-{:08x}.zip",
        now.format("%Y%m%dT%H%M%S%3fZ"),
        rand::random::<u32>()
    )
}

/// Whose export it is: the user, the name the manifest shows, and the time zone its
/// times are written in (the caller knows it already).
#[derive(Debug, Clone, Copy)]
pub struct Owner<'a> {
    pub user_id: UserId,
    pub display_name: &'a str,
    pub tz: Tz,
}

/// Writes the export of everything `owner` may see as `dir/file_name`, creating `dir`
/// when missing (0700). The ZIP (0600) appears under its name only once complete.
pub async fn write(
    tx: &mut Tx,
    owner: Owner<'_>,
    dir: &Path,
    file_name: &str,
    now: DateTime<Utc>,
) -> store::Result<Exported> {
    crate::private_fs::create_dir_all(dir)?;
    let path = dir.join(file_name);
    let partial = dir.join(format!(".{file_name}.part"));
    let spool = dir.join(format!(".{file_name}.csv.part"));
    let result = write_zip(tx, owner, &partial, &spool, now).await;
    let _ = fs::remove_file(&spool);
    match result {
        Ok((files, records)) => {
            fs::rename(&partial, &path)?;
            let bytes = fs::metadata(&path)?.len();
            Ok(Exported {
                path,
                file_name: file_name.to_string(),
                files,
                records,
                bytes,
            })
        }
        Err(error) => {
            let _ = fs::remove_file(&partial);
            Err(error)
        }
    }
}

async fn write_zip(
    tx: &mut Tx,
    owner: Owner<'_>,
    partial: &Path,
    spool: &Path,
    now: DateTime<Utc>,
) -> store::Result<(usize, u64)> {
    let mut zip = ZipWriter::new(BufWriter::new(crate::private_fs::create_file(partial)?));
    let mut options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    // Entries carry the export's time (UTC) instead of the format's 1980 default.
    if let Ok(stamp) = zip::DateTime::from_date_and_time(
        u16::try_from(now.year()).unwrap_or(1980),
        now.month() as u8,
        now.day() as u8,
        now.hour() as u8,
        now.minute() as u8,
        now.second() as u8,
    ) {
        options = options.last_modified_time(stamp);
    }
    let Owner {
        user_id,
        display_name,
        tz,
    } = owner;
    let pseudonym = crate::store::privacy::pseudonym(tx, user_id).await?;
    let mut listed = Vec::new();
    let mut records = 0;
    for (table, file, columns, filter, bind) in registry::exported() {
        let mut fields: Vec<&str> = columns.to_vec();
        let mut select = columns.join(", ");
        if let Some(prefix) = registry::handle_prefix(table) {
            select.push_str(&format!(
                ", '{prefix}' || CAST(handle_no AS TEXT) AS handle"
            ));
            fields.push("handle");
        }
        let sql = format!("SELECT {select} FROM {table} WHERE {filter}");
        let json_name = format!("{file}.json");
        let csv_name = format!("{file}.csv");
        zip.start_file(json_name.as_str(), options)
            .map_err(io_error)?;
        // Built only from the registry's constants; the user id is bound.
        let query = bound(
            sqlx::query(sqlx::AssertSqlSafe(sql)),
            bind,
            user_id,
            &pseudonym,
        );
        let rows = write_json(query.fetch(&mut **tx), &fields, tz, &mut zip).await?;
        let view = export_csv::view(file)
            .ok_or_else(|| io::Error::other(format!("no CSV view of {file}")))?;
        let scratch = crate::private_fs::create_file(spool)?;
        let mut csv = csv::Writer::from_writer(BufWriter::new(scratch));
        csv.write_record(view.columns().map(|c| c.header))
            .map_err(csv_error)?;
        let query = bound(
            sqlx::query(sqlx::AssertSqlSafe(export_csv::sql(view))),
            bind,
            user_id,
            &pseudonym,
        );
        write_csv(query.fetch(&mut **tx), view, tz, &mut csv).await?;
        let mut spooled = csv
            .into_inner()
            .map_err(|e| io::Error::other(e.to_string()))?
            .into_inner()
            .map_err(|e| e.into_error())?;
        spooled.flush()?;
        spooled.rewind()?;
        zip.start_file(csv_name.as_str(), options)
            .map_err(io_error)?;
        io::copy(&mut spooled, &mut zip)?;
        listed.push(json!({ "name": json_name, "table": table, "rows": rows }));
        listed.push(json!({ "name": csv_name, "table": table, "rows": rows }));
        records += rows;
    }
    // The attached files themselves, one entry each, one file in memory at a time.
    let mut attachments = sqlx::query(
        "SELECT id, file_name, content FROM files
         WHERE workspace_id IN (SELECT workspace_id FROM memberships WHERE user_id = $1) ORDER BY id",
    )
    .bind(user_id.get())
    .fetch(&mut **tx);
    while let Some(row) = futures::TryStreamExt::try_next(&mut attachments).await? {
        let id = FileId::new(row.try_get("id")?);
        let name: String = row.try_get("file_name")?;
        let content: Vec<u8> = row.try_get("content")?;
        let entry = attachment_entry(id, &name);
        zip.start_file(entry.as_str(), options).map_err(io_error)?;
        zip.write_all(&content)?;
        listed.push(json!({ "name": entry, "table": "files", "bytes": content.len() }));
    }
    drop(attachments);
    let manifest = json!({
        "format_version": FORMAT_VERSION,
        "generated_at": now.to_rfc3339_opts(SecondsFormat::Millis, true),
        "user": { "id": user_id, "display_name": display_name },
        "files": listed,
    });
    zip.start_file("manifest.json", options).map_err(io_error)?;
    serde_json::to_writer_pretty(&mut zip, &manifest)
        .map_err(|e| io::Error::other(e.to_string()))?;
    let files = listed.len() + 1;
    let mut out = zip.finish().map_err(io_error)?;
    out.flush()?;
    out.get_ref().sync_all()?;
    Ok((files, records))
}

/// The ZIP entry of the attached file `id` named `name` (a `/` or `\` in it becomes `_`);
/// the CSV's `attachment` column names it the same way.
pub fn attachment_entry(id: FileId, name: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| if c == '/' || c == '\\' { '_' } else { c })
        .collect();
    format!("attachments/{id}-{safe}")
}

/// The query's one parameter, as the registry says.
fn bound<'q>(
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    bind: Bind,
    user_id: UserId,
    pseudonym: &str,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    match bind {
        Bind::UserId => query.bind(user_id.get()),
        Bind::Pseudonym => query.bind(pseudonym.to_string()),
    }
}

/// Epoch milliseconds as ISO 8601 with the offset of `tz` (`2026-11-27T11:00:00+01:00`;
/// with `.000` milliseconds when `millis`).
pub fn iso_time(ms: i64, tz: Tz, millis: bool) -> Option<String> {
    let format = if millis {
        SecondsFormat::Millis
    } else {
        SecondsFormat::Secs
    };
    tz.timestamp_millis_opt(ms)
        .single()
        .map(|t| t.to_rfc3339_opts(format, false))
}

/// Whether the JSON column `column` holds a time (epoch milliseconds): every `…_at`.
fn is_time(column: &str) -> bool {
    column.ends_with("_at")
}

/// Writes each row of `rows` as it arrives, as a JSON object into `json` (an array), times
/// in ISO 8601. Returns how many rows there were.
async fn write_json<'e, W: Write>(
    mut rows: futures::stream::BoxStream<'e, sqlx::Result<AnyRow>>,
    columns: &[&str],
    tz: Tz,
    json: &mut W,
) -> store::Result<u64> {
    json.write_all(b"[")?;
    let mut count = 0u64;
    while let Some(row) = rows.try_next().await? {
        if count > 0 {
            json.write_all(b",")?;
        }
        json.write_all(b"\n")?;
        let mut object = Map::with_capacity(columns.len());
        for column in columns {
            let mut value = cell(&row, column)?;
            if is_time(column)
                && let Some(ms) = value.as_i64()
                && let Some(time) = iso_time(ms, tz, true)
            {
                value = Value::String(time);
            }
            object.insert((*column).to_string(), value);
        }
        serde_json::to_writer(&mut *json, &object).map_err(|e| io::Error::other(e.to_string()))?;
        count += 1;
    }
    json.write_all(if count > 0 { b"\n]" } else { b"]" })?;
    Ok(count)
}

/// Writes each row of `rows` as a CSV record of `view`'s columns.
async fn write_csv<'e, C: Write>(
    mut rows: futures::stream::BoxStream<'e, sqlx::Result<AnyRow>>,
    view: &export_csv::View,
    tz: Tz,
    csv: &mut csv::Writer<C>,
) -> store::Result<()> {
    let currency_at = view.columns().position(|c| c.header == "currency");
    while let Some(row) = rows.try_next().await? {
        let values = (0..view.columns().count())
            .map(|i| cell(&row, &format!("c{i}")))
            .collect::<sqlx::Result<Vec<Value>>>()?;
        let mut record = csv::StringRecord::with_capacity(64, values.len());
        for (column, value) in view.columns().zip(&values) {
            let currency = currency_at.and_then(|i| values[i].as_str());
            record.push_field(&csv_cell(column.kind, value, tz, currency));
        }
        csv.write_record(&record).map_err(csv_error)?;
    }
    Ok(())
}

/// One CSV cell: text neutralized against formulas, times in ISO 8601 with the user's
/// offset, flags as `yes`/`no`, amounts in major units of `currency`.
fn csv_cell(kind: Kind, value: &Value, tz: Tz, currency: Option<&str>) -> String {
    match (kind, value) {
        (_, Value::Null) => String::new(),
        (Kind::Time, Value::Number(n)) => n
            .as_i64()
            .and_then(|ms| iso_time(ms, tz, false))
            .unwrap_or_default(),
        (Kind::Flag, Value::Number(n)) => {
            if n.as_i64() == Some(0) { "no" } else { "yes" }.to_string()
        }
        (Kind::Amount, Value::Number(n)) => {
            let exponent = currency
                .and_then(iso_currency::Currency::from_code)
                .and_then(|c| c.exponent())
                .unwrap_or(0);
            let minor = n.as_i64().unwrap_or_default();
            let amount = rust_decimal::Decimal::new(minor, u32::from(exponent));
            format!("{:.*}", usize::from(exponent), amount)
        }
        (_, Value::String(text)) => csv_text(text).into_owned(),
        // Numbers the export writes itself stay numbers a spreadsheet can sum.
        (_, other) => other.to_string(),
    }
}

/// A text cell as a CSV file shows it: text a spreadsheet would run as a formula (it starts
/// with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, as OWASP
/// advises for untrusted text ("CSV injection"). This also applies to text that merely looks
/// like a number (a phone "+49…"), which a spreadsheet would otherwise mangle.
pub fn csv_text(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// One column of a row, read by name: an integer, a float, text, or null — whichever the
/// Any driver decodes first, in that order.
fn cell(row: &AnyRow, column: &str) -> sqlx::Result<Value> {
    if let Ok(value) = row.try_get::<Option<i64>, _>(column) {
        return Ok(value.map_or(Value::Null, Value::from));
    }
    if let Ok(value) = row.try_get::<Option<f64>, _>(column) {
        return Ok(value
            .and_then(serde_json::Number::from_f64)
            .map_or(Value::Null, Value::Number));
    }
    if let Ok(value) = row.try_get::<Option<String>, _>(column) {
        return Ok(value.map_or(Value::Null, Value::String));
    }
    // A column the Any driver cannot decode (it reports a missing column as an error).
    row.try_get_raw(column)?;
    Ok(Value::Null)
}

fn io_error(error: zip::result::ZipError) -> store::Error {
    store::Error::io(error)
}

fn csv_error(error: csv::Error) -> store::Error {
    store::Error::io(error)
}

/// Removes every export file of `user_id` from `dir` (account deletion); returns how many.
pub fn remove_files_of(dir: &std::path::Path, user_id: UserId) -> usize {
    let prefix = format!("chatcrm-export-{user_id}-");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
}

#[cfg(test)]
mod tests {
    use super::csv_text;

    #[test]
    fn formula_starts_are_neutralized_and_other_text_is_kept() {
        for formula in [
            "=HYPERLINK(\"http://x\",\"y\")",
            "+1+1",
            "-2+3",
            "@SUM(1)",
            "\t=1",
            "\r=1",
        ] {
            assert_eq!(csv_text(formula), format!("'{formula}"));
        }
        for plain in ["Anna", "", " =1", "a=b", "'quoted", "1200", "ü@x"] {
            assert_eq!(csv_text(plain), plain);
        }
    }
}
