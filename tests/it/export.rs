//! /export on both backends: a ZIP with a manifest and a JSON and CSV file per record kind,
//! holding everything the user may see (their workspaces, not others'), audited without
//! content and limited to three a day; and the registry that accounts for every table.

use crate::common;
use crate::common::join_command;

use std::collections::BTreeSet;
use std::io::Read;

use chatcrm::clock::Clock;
use chatcrm::engine::Engine;
use chatcrm::handlers::Settings;
use chatcrm::message::Channel;
use chatcrm::privacy::registry::{self, Disposition};
use chatcrm::store::Backend;
use chrono::{Duration, TimeZone, Utc};
use common::{Chat, TestDb};
use serde_json::Value;

both_backends!(
    export_holds_what_the_user_sees,
    every_table_is_in_the_registry,
    csv_cells_never_become_formulas
);

/// Every entry of the ZIP at `path`, by name.
pub fn unzip(path: &str) -> std::collections::BTreeMap<String, String> {
    let file = std::fs::File::open(path).expect("the export exists");
    let mut archive = zip::ZipArchive::new(file).expect("a ZIP");
    let mut entries = std::collections::BTreeMap::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        assert_eq!(entry.compression(), zip::CompressionMethod::Deflated);
        // Stamped with the export's time (the test clock is in November 2026), not 1980.
        let stamp = entry.last_modified().expect("a time");
        assert_eq!((stamp.year(), stamp.month()), (2026, 11), "{stamp:?}");
        let mut text = String::new();
        entry.read_to_string(&mut text).unwrap();
        entries.insert(entry.name().unwrap().to_string(), text);
    }
    entries
}

async fn export_holds_what_the_user_sees(db: TestDb) {
    let clock = Clock::manual(Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap());
    let exports = tempfile::tempdir().unwrap();
    let export_dir = exports.path().join("nested").join("exports");
    let settings = Settings {
        export_dir: export_dir.clone(),
        ..Settings::default()
    };
    let engine = Engine::new(db.store().await, settings).with_clock(clock.clone());
    let store = engine.store().clone();

    // Another user with a workspace Pat never joins.
    let mut olga = Chat::new(&engine, "Olga");
    olga.send("/start").await;
    olga.send("/new_contact Olga-secret-6602, secret@example.com")
        .await;
    olga.send("/note C1 Olga-note-secret").await;
    let attached = olga
        .deliver(
            chatcrm::message::Payload::Document {
                file_name: "olga-file-secret.txt".into(),
                bytes: b"Olga-file-content-secret".to_vec(),
                caption: "C1".into(),
            },
            None,
        )
        .await;
    assert!(
        attached.starts_with("Attached olga-file-secret.txt"),
        "{attached}"
    );

    // Sam's team workspace, which Pat joins.
    let mut sam = Chat::new(&engine, "Sam");
    sam.send("/start").await;
    sam.send("/new_contact Sam-shared-3301, shared@example.com")
        .await;
    let invite = sam.send("/invite").await;

    let mut pat = Chat::new(&engine, "pat");
    pat.channel = Channel::Console;
    pat.send("/start").await;
    pat.send("/new_contact Zoë-marker-7731, zoe@example.com, Buyer")
        .await;
    pat.send("/new_company Company-marker-4412, marker.example")
        .await;
    pat.send("/new_deal Deal-marker-5519, 1200 EUR, C1").await;
    pat.send("/note C1 Note-marker-8824 with \"quotes\", commas\nand a line")
        .await;
    pat.send("/task C1 Task-marker-9935 tomorrow 10:00").await;
    pat.send("/consent").await;
    pat.press("Marketing on").await;
    pat.send("/invite").await;
    let joined = pat.send(&join_command(&invite)).await;
    assert!(joined.contains("You joined “Sam”"), "{joined}");

    let reply = pat.send("/export").await;
    assert!(reply.starts_with("Your export is ready: "), "{reply}");
    assert!(reply.contains("(41 files, "), "{reply}");
    let path = reply["Your export is ready: ".len()..]
        .split(" (")
        .next()
        .unwrap()
        .to_string();
    assert!(
        path.starts_with(&export_dir.display().to_string()),
        "{path}"
    );
    let entries = unzip(&path);

    // The manifest lists every file with its row count, which the file bears out.
    let manifest: Value = serde_json::from_str(&entries["manifest.json"]).unwrap();
    assert_eq!(manifest["format_version"], 2);
    assert_eq!(manifest["user"]["display_name"], "pat");
    assert!(
        manifest["generated_at"]
            .as_str()
            .unwrap()
            .starts_with("2026-11-27T10:00:00")
    );
    let listed = manifest["files"].as_array().unwrap();
    assert_eq!(listed.len() + 1, entries.len());
    let mut records = 0;
    for file in listed {
        let name = file["name"].as_str().unwrap();
        let rows = file["rows"].as_u64().unwrap();
        let text = &entries[name];
        let found = if name.ends_with(".json") {
            records += rows;
            serde_json::from_str::<Vec<Value>>(text)
                .unwrap_or_else(|e| panic!("{name}: {e}"))
                .len()
        } else {
            csv::Reader::from_reader(text.as_bytes())
                .records()
                .collect::<Result<Vec<_>, _>>()
                .unwrap_or_else(|e| panic!("{name}: {e}"))
                .len()
        };
        assert_eq!(found as u64, rows, "{name}");
    }
    assert!(reply.contains(&format!(", {records} records)")), "{reply}");
    let names: BTreeSet<&str> = entries.keys().map(String::as_str).collect();
    for kind in [
        "profile",
        "identities",
        "workspaces",
        "memberships",
        "contacts",
        "companies",
        "deals",
        "notes",
        "tasks",
        "activities",
        "consents",
        "audit_log",
    ] {
        assert!(names.contains(format!("{kind}.json").as_str()), "{kind}");
        assert!(names.contains(format!("{kind}.csv").as_str()), "{kind}");
    }

    // Everything Pat created, and what Pat sees in Sam's workspace, is there.
    let rows = |name: &str| -> Vec<Value> { serde_json::from_str(&entries[name]).unwrap() };
    for (file, marker) in [
        ("contacts", "Zoë-marker-7731"),
        ("contacts", "Sam-shared-3301"),
        ("companies", "Company-marker-4412"),
        ("deals", "Deal-marker-5519"),
        ("notes", "Note-marker-8824"),
        ("tasks", "Task-marker-9935"),
    ] {
        assert!(
            entries[&format!("{file}.json")].contains(marker),
            "{file}.json {marker}"
        );
        assert!(
            entries[&format!("{file}.csv")].contains(marker),
            "{file}.csv {marker}"
        );
    }
    let note = rows("notes.json")
        .into_iter()
        .find(|n| n["body"].as_str().unwrap().contains("Note-marker-8824"))
        .unwrap();
    assert_eq!(
        note["body"],
        "Note-marker-8824 with \"quotes\", commas\nand a line"
    );
    let csv_bodies: Vec<String> = csv::Reader::from_reader(entries["notes.csv"].as_bytes())
        .deserialize::<std::collections::HashMap<String, String>>()
        .map(|r| r.unwrap()["body"].clone())
        .collect();
    assert!(
        csv_bodies.contains(&"Note-marker-8824 with \"quotes\", commas\nand a line".to_string())
    );
    let deal = &rows("deals.json")[0];
    assert_eq!(deal["amount_minor"], 120000);
    assert_eq!(deal["currency"], "EUR");
    let profile = rows("profile.json");
    assert_eq!(profile.len(), 1);
    assert_eq!(profile[0]["display_name"], "pat");
    let pat_id = profile[0]["id"].as_i64().unwrap();
    assert_eq!(rows("identities.json")[0]["channel"], "console");
    assert_eq!(rows("workspaces.json").len(), 2);
    assert_eq!(
        rows("memberships.json").len(),
        3,
        "Pat, and Sam in Sam's workspace"
    );
    let consents: Vec<String> = rows("consents.json")
        .iter()
        .map(|c| c["kind"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(consents, ["marketing", "terms"]);
    let audit = rows("audit_log.json");
    // Named by Pat's random pseudonym, never by the id.
    let pseudonym = profile[0]["audit_pseudonym"].as_str().unwrap();
    assert!(
        pseudonym.starts_with("user:") && pseudonym.len() == 37,
        "{pseudonym}"
    );
    assert!(audit.iter().all(|a| a["actor"] == pseudonym));
    assert!(!audit.iter().any(|a| a["actor"] == format!("user:{pat_id}")));
    assert!(audit.iter().any(|a| a["action"] == "invite.created"));
    assert!(audit.iter().any(|a| a["action"] == "export.requested"));

    // Olga's workspace does not leak.
    let everything: String = entries.values().cloned().collect();
    assert!(!everything.contains("Olga-secret-6602"));
    assert!(!everything.contains("Olga-note-secret"));
    assert!(!everything.contains("secret@example.com"));
    assert!(
        rows("files.json").is_empty(),
        "the files of Olga's workspace are not listed"
    );
    assert!(!everything.contains("olga-file-secret"));
    assert!(!everything.contains("Olga-file-content-secret"));
    assert!(!entries.keys().any(|k| k.contains("olga-file")));

    // Audited by file name, without content.
    let file_name = std::path::Path::new(&path)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .to_string();
    let audited: Vec<(String, String)> = sqlx::query_as(
        "SELECT action, target FROM audit_log WHERE action LIKE 'export.%' ORDER BY id",
    )
    .fetch_all(store.pool())
    .await
    .unwrap();
    assert_eq!(
        audited,
        [
            ("export.requested".to_string(), file_name.clone()),
            ("export.delivered".to_string(), file_name)
        ]
    );
    // No partial or scratch file is left behind.
    assert_eq!(std::fs::read_dir(&export_dir).unwrap().count(), 1);

    // Three a day.
    assert!(
        pat.send("/export")
            .await
            .starts_with("Your export is ready: ")
    );
    assert!(
        pat.send("/export")
            .await
            .starts_with("Your export is ready: ")
    );
    assert_eq!(
        pat.send("/export").await,
        "You can export your data at most 3 times a day. Please try again tomorrow."
    );
    assert_eq!(std::fs::read_dir(&export_dir).unwrap().count(), 3);
    clock.advance(Duration::days(1));
    assert!(
        pat.send("/export")
            .await
            .starts_with("Your export is ready: ")
    );

    // On a chat channel the server path is not shown; the file comes as a document.
    let mut sam_ru = Chat::new(&engine, "Sam").language("ru");
    let attached = sam.send("/export").await;
    assert!(
        attached.starts_with("Your export is attached (41 files, "),
        "{attached}"
    );
    assert!(!attached.contains(&export_dir.display().to_string()));
    let file = sam.last[0]
        .file
        .clone()
        .expect("the ZIP rides on the reply");
    assert!(
        export_dir.join(&file.file_name).is_file(),
        "{file:?} waits for its delivery"
    );
    sam_ru.send("/language ru").await;
    let limit = {
        sam_ru.send("/export").await;
        sam_ru.send("/export").await;
        sam_ru.send("/export").await
    };
    assert_eq!(
        limit,
        "Выгружать данные можно не больше 3 раз в день. Попробуйте завтра."
    );
}

async fn every_table_is_in_the_registry(db: TestDb) {
    let store = db.store().await;
    let sql = match db.backend {
        Backend::Sqlite => "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
        Backend::Postgres => {
            "SELECT CAST(tablename AS TEXT) FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        }
    };
    let tables: Vec<String> = sqlx::query_scalar(sql)
        .fetch_all(store.pool())
        .await
        .unwrap();
    assert!(tables.iter().any(|t| t == "contacts"), "{tables:?}");
    let unaccounted: Vec<&String> = tables
        .iter()
        .filter(|t| match registry::disposition(t) {
            Some(Disposition::Excluded(reason)) => reason.trim().is_empty(),
            Some(Disposition::Export { .. }) => false,
            None => true,
        })
        .collect();
    assert!(
        unaccounted.is_empty(),
        "tables neither exported nor excluded with a reason in src/privacy/registry/: {unaccounted:?}"
    );
    // And the registry names no table that does not exist.
    for entry in registry::tables() {
        assert!(
            tables.iter().any(|t| t == entry.name),
            "{} is not a table",
            entry.name
        );
    }
}

/// A contact named like a formula and a note starting with `@`: in the CSV files their cells
/// start with `'` (a spreadsheet shows them as text); the JSON files keep them exactly.
async fn csv_cells_never_become_formulas(db: TestDb) {
    let exports = tempfile::tempdir().unwrap();
    let settings = Settings {
        export_dir: exports.path().to_path_buf(),
        ..Settings::default()
    };
    let clock = Clock::manual(Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap());
    let engine = Engine::new(db.store().await, settings).with_clock(clock);
    let mut pat = Chat::new(&engine, "pat");
    pat.channel = Channel::Console;
    pat.send("/start").await;
    let saved = pat.send("/new_contact Anna, anna@example.com").await;
    assert!(saved.contains("C1"), "{saved}");
    let formula = "=HYPERLINK(\"http://x\",\"y\")";
    let edited = pat.send(&format!("/edit C1 name {formula}")).await;
    assert!(edited.contains(formula), "{edited}");
    let noted = pat.send("/note C1 @SUM(1)").await;
    assert!(noted.contains("N1"), "{noted}");
    let reply = pat.send("/export").await;
    let path = reply["Your export is ready: ".len()..]
        .split(" (")
        .next()
        .unwrap()
        .to_string();
    let entries = unzip(&path);
    let csv_column = |file: &str, column: &str| -> Vec<String> {
        csv::Reader::from_reader(entries[file].as_bytes())
            .deserialize::<std::collections::HashMap<String, String>>()
            .map(|r| r.unwrap()[column].clone())
            .collect()
    };
    assert_eq!(csv_column("contacts.csv", "name"), [format!("'{formula}")]);
    assert_eq!(csv_column("notes.csv", "body"), ["'@SUM(1)"]);
    // The record is named by its handle, as in the chat.
    assert_eq!(csv_column("contacts.csv", "handle"), ["C1"]);
    let json = |file: &str| -> Vec<Value> { serde_json::from_str(&entries[file]).unwrap() };
    assert_eq!(json("contacts.json")[0]["name"], formula);
    assert_eq!(json("notes.json")[0]["body"], "@SUM(1)");
}
