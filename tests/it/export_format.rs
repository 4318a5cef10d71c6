//! What the files of `/export` read like, on both backends: the CSV files show what the user
//! sees in the chat (handles, linked records by handle and name, people by name, times in
//! ISO 8601 with the user's offset, amounts in major units) under stable English headers,
//! without internal columns; the JSON files keep every value but the index columns, with
//! ISO times and each record's handle; and every column of every exported table is in the
//! JSON unless the registry says why not.

use crate::common;

use std::collections::HashMap;

use chatcrm::clock::Clock;
use chatcrm::engine::Engine;
use chatcrm::handlers::Settings;
use chatcrm::message::Channel;
use chatcrm::privacy::registry;
use chatcrm::store::Backend;
use chrono::{TimeZone, Utc};
use common::{Chat, TestDb};
use serde_json::Value;

use crate::export::unzip;

both_backends!(
    csv_files_read_like_the_chat,
    every_column_is_exported_or_explained
);

/// The header and the rows of a CSV file, each row by header.
fn csv_rows(text: &str) -> (Vec<String>, Vec<HashMap<String, String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader.deserialize().map(|r| r.unwrap()).collect();
    (headers, rows)
}

/// `2026-11-27T11:00:00+01:00` (with `.000` before the offset when `millis`).
fn iso_berlin(text: &str, millis: bool) -> bool {
    let Some(local) = text.strip_suffix("+01:00") else {
        return false;
    };
    let format = if millis {
        "%Y-%m-%dT%H:%M:%S%.3f"
    } else {
        "%Y-%m-%dT%H:%M:%S"
    };
    chrono::NaiveDateTime::parse_from_str(local, format).is_ok() && (local.len() == 19 || millis)
}

async fn csv_files_read_like_the_chat(db: TestDb) {
    let exports = tempfile::tempdir().unwrap();
    let settings = Settings {
        export_dir: exports.path().to_path_buf(),
        ..Settings::default()
    };
    let clock = Clock::manual(Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap());
    let engine = Engine::new(db.store().await, settings).with_clock(clock);
    let mut pat = Chat::new(&engine, "pat");
    pat.channel = Channel::Console;
    pat.send("/timezone Europe/Berlin").await;
    pat.send("/new_company Acme, acme.example").await;
    pat.send("/new_contact Anna Petrova, anna@example.com, Buyer")
        .await;
    let linked = pat.send("/edit C1 company O1").await;
    assert!(linked.contains("Acme"), "{linked}");
    pat.send("/new_deal Big order, 1200 EUR, C1").await;
    pat.send("/note C1 called her").await;
    let attached = pat
        .deliver(
            chatcrm::message::Payload::Document {
                file_name: "offer/v2.txt".into(),
                bytes: b"offer text".to_vec(),
                caption: "C1".into(),
            },
            None,
        )
        .await;
    assert!(attached.starts_with("Attached"), "{attached}");
    let reply = pat.send("/export").await;
    let path = reply["Your export is ready: ".len()..]
        .split(" (")
        .next()
        .unwrap()
        .to_string();
    let entries = unzip(&path);

    let (headers, contacts) = csv_rows(&entries["contacts.csv"]);
    assert_eq!(
        headers,
        [
            "workspace",
            "handle",
            "name",
            "phone",
            "email",
            "position",
            "company",
            "company_name",
            "owner",
            "created_by",
            "created",
            "updated"
        ]
    );
    let anna = &contacts[0];
    assert_eq!(anna["handle"], "C1");
    assert_eq!(anna["name"], "Anna Petrova");
    assert_eq!((&*anna["company"], &*anna["company_name"]), ("O1", "Acme"));
    assert_eq!(anna["created_by"], "pat");
    // In Berlin's winter offset, to the second.
    assert!(iso_berlin(&anna["created"], false), "{}", anna["created"]);

    let (_, deals) = csv_rows(&entries["deals.csv"]);
    let deal = &deals[0];
    assert_eq!(deal["handle"], "D1");
    assert_eq!((&*deal["amount"], &*deal["currency"]), ("1200.00", "EUR"));
    assert_eq!(
        (&*deal["contact"], &*deal["contact_name"]),
        ("C1", "Anna Petrova")
    );
    let (_, notes) = csv_rows(&entries["notes.csv"]);
    assert_eq!(
        (
            &*notes[0]["handle"],
            &*notes[0]["record"],
            &*notes[0]["record_name"]
        ),
        ("N1", "C1", "Anna Petrova")
    );
    let (_, files) = csv_rows(&entries["files.csv"]);
    let file = &files[0];
    assert_eq!(
        (&*file["record"], &*file["record_name"]),
        ("C1", "Anna Petrova")
    );
    assert_eq!(file["size_bytes"], "10");
    // The attachment column names the file's entry in the ZIP.
    assert!(file["attachment"].ends_with("-offer_v2.txt"), "{file:?}");
    assert_eq!(entries[&file["attachment"]], "offer text");
    let (_, activities) = csv_rows(&entries["activities.csv"]);
    assert!(
        activities
            .iter()
            .any(|a| a["record"] == "C1" && a["by"] == "pat"),
        "{activities:?}"
    );

    // No CSV shows an internal column or an epoch time.
    for (name, text) in &entries {
        if !name.ends_with(".csv") {
            continue;
        }
        let (headers, rows) = csv_rows(text);
        for header in &headers {
            for internal in [
                "search_key",
                "handle_no",
                "_id",
                "id",
                "pseudonym",
                "button_tag",
            ] {
                assert!(
                    header != internal && !header.ends_with(internal),
                    "{name}: {header}"
                );
            }
        }
        for row in rows {
            for (header, value) in row {
                assert!(
                    !(value.len() == 13 && value.chars().all(|c| c.is_ascii_digit())),
                    "{name} {header}: {value}"
                );
            }
        }
    }

    // The JSON keeps ids and every value, with ISO times and the handle, without indexes.
    let contacts: Vec<Value> = serde_json::from_str(&entries["contacts.json"]).unwrap();
    let anna = &contacts[0];
    assert_eq!(anna["handle"], "C1");
    assert!(
        iso_berlin(anna["created_at"].as_str().unwrap(), true),
        "{}",
        anna["created_at"]
    );
    assert!(anna["id"].is_i64() && anna["company_id"].is_i64(), "{anna}");
    assert!(
        anna.get("search_key").is_none() && anna.get("handle_no").is_none(),
        "{anna}"
    );
    let manifest: Value = serde_json::from_str(&entries["manifest.json"]).unwrap();
    assert_eq!(manifest["format_version"], 2);
}

/// Every column of every exported table is in its JSON file, except the index columns the
/// registry names with a reason.
async fn every_column_is_exported_or_explained(db: TestDb) {
    let store = db.store().await;
    for (table, file, columns, ..) in registry::exported() {
        let names: Vec<String> = match db.backend {
            Backend::Sqlite => sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                "SELECT name FROM pragma_table_info('{table}')"
            )))
            .fetch_all(store.pool())
            .await
            .unwrap(),
            Backend::Postgres => sqlx::query_scalar(
                "SELECT CAST(column_name AS TEXT) FROM information_schema.columns
                 WHERE table_schema = 'public' AND table_name = $1",
            )
            .bind(table)
            .fetch_all(store.pool())
            .await
            .unwrap(),
        };
        assert!(!names.is_empty(), "{table}");
        for name in names {
            let explained = registry::INDEX_COLUMNS.iter().any(|(c, _)| *c == name);
            assert!(
                columns.contains(&name.as_str()) || explained,
                "{table}.{name} is neither in {file}.json nor explained in registry::INDEX_COLUMNS"
            );
        }
        for column in columns.iter() {
            assert!(
                registry::INDEX_COLUMNS.iter().all(|(c, _)| c != column),
                "{table}.{column} is an index column"
            );
        }
    }
}
