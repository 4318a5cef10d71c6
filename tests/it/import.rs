//! Import of CSV and vCard files through chat on both backends: preview with counts and
//! problems, confirm, matching existing contacts by email or phone, a restart before the
//! confirmation, and refusals (other channels, unreadable files, cancel).

use crate::common;

use chatcrm::message::Channel;
use common::{Chat, TestDb, count};

both_backends!(
    google_export_is_previewed_then_imported,
    broken_rows_are_reported_and_skipped,
    vcards_update_matching_contacts,
    import_is_refused_or_cancelled_cleanly,
);

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn console(engine: &chatcrm::engine::Engine, user: &str) -> Chat {
    let mut chat = Chat::new(engine, user);
    chat.channel = Channel::Console;
    chat
}

async fn google_export_is_previewed_then_imported(db: TestDb) {
    let engine = db.engine().await;
    let mut yan = console(&engine, "yan");
    let preview = yan
        .send(&format!("/import {}", fixture("google.csv")))
        .await;
    assert!(
        preview.starts_with("google.csv: 4 contacts to import, 0 with problems."),
        "{preview}"
    );
    assert!(
        preview.contains(
            "• Anna Petrova · +49 1511 2345678 · anna@example.com · Head of Sales · Acme GmbH"
        ),
        "{preview}"
    );
    assert_eq!(yan.labels(), ["Import", "Cancel"]);
    assert_eq!(
        count(engine.store(), "SELECT COUNT(*) FROM contacts").await,
        0,
        "nothing before Confirm"
    );
    // Text while the import waits is answered with the two choices again.
    assert!(
        yan.send("hmm")
            .await
            .contains("Please answer the question above: 1) Import · 2) Cancel.")
    );
    assert_eq!(yan.labels(), ["Import", "Cancel"]);

    // A restart before the confirmation loses nothing.
    engine.store().close().await;
    let engine = db.engine().await;
    let mut yan = console(&engine, "yan");
    yan.send("hmm").await;
    let done = yan.press("Import").await;
    assert_eq!(
        done,
        "Import finished. Contacts created: 4, updated: 0. Companies created: 2."
    );
    let card = yan.send("/contact C1").await;
    assert!(
        card.contains("C1 · Anna Petrova") && card.contains("🏢 O1 · Acme GmbH"),
        "{card}"
    );
    assert!(card.contains("📞 +49 1511 2345678"), "{card}");
    // Imported records are searchable and have a timeline.
    assert!(
        yan.send("/search petrova")
            .await
            .contains("C1 · Anna Petrova")
    );
    assert!(yan.send("/timeline C1").await.contains("yan: created"));

    // Importing the same file again updates instead of duplicating.
    yan.send(&format!("/import {}", fixture("google.csv")))
        .await;
    assert_eq!(
        yan.press("Import").await,
        "Import finished. Contacts created: 0, updated: 4. Companies created: 0."
    );
    assert_eq!(
        count(engine.store(), "SELECT COUNT(*) FROM contacts").await,
        4
    );
}

async fn broken_rows_are_reported_and_skipped(db: TestDb) {
    let engine = db.engine().await;
    let mut zed = console(&engine, "zed");
    let preview = zed
        .send(&format!("/import {}", fixture("broken.csv")))
        .await;
    let lines: Vec<&str> = preview.lines().collect();
    assert!(
        lines[0].starts_with("broken.csv: 4 contacts to import, 3 with problems."),
        "{preview}"
    );
    // A bad phone alone does not drop its row: the contact is imported without it, and
    // the preview says so.
    assert!(
        preview.contains(
            "Imported without their phone (add it later with /edit):\n\
             📵 line 3: The phone “+1 23” is not a valid phone number."
        ),
        "{preview}"
    );
    assert!(
        preview.contains("⚠️ line 4: The email “not-an-email@” is not a valid email address."),
        "{preview}"
    );
    assert!(preview.contains("⚠️ line 5: no name"), "{preview}");
    assert!(
        preview.contains("⚠️ line 10: The name is too long"),
        "{preview}"
    );
    zed.press("Import").await;
    let names: Vec<String> = sqlx::query_scalar("SELECT name FROM contacts ORDER BY handle_no")
        .fetch_all(engine.store().pool())
        .await
        .unwrap();
    assert_eq!(
        names,
        ["Good Person", "Bad Phone", "Ragged Short", "Ragged Long"]
    );
    // Both Acme rows share one company.
    assert_eq!(
        count(engine.store(), "SELECT COUNT(*) FROM companies").await,
        1
    );
}

async fn vcards_update_matching_contacts(db: TestDb) {
    let engine = db.engine().await;
    let mut ada = console(&engine, "ada");
    ada.send("/new_contact Anna P., anna@example.com").await;
    ada.send("/new_contact Robert, +1 650 253 0000").await;
    let preview = ada
        .send(&format!("/import {}", fixture("contacts_v3.vcf")))
        .await;
    assert!(
        preview.starts_with("contacts_v3.vcf: 3 contacts to import"),
        "{preview}"
    );
    let done = ada.press("Import").await;
    assert!(
        done.starts_with("Import finished. Contacts created: 1, updated: 2."),
        "{done}"
    );
    let anna = ada.send("/contact C1").await;
    assert!(
        anna.starts_with("C1 · Anna Petrova\n💼 Head of Sales\n🏢 O1 · Acme GmbH"),
        "{anna}"
    );
    let bob = ada.send("/contact C2").await;
    assert!(bob.contains("bob@example.org"), "{bob}");
    assert!(
        ada.send("/timeline C1")
            .await
            .contains("ada: updated from an import")
    );
}

async fn import_is_refused_or_cancelled_cleanly(db: TestDb) {
    let engine = db.engine().await;
    // Chat channels never read files on the server.
    let mut remote = Chat::new(&engine, "remote");
    let reply = remote
        .send(&format!("/import {}", fixture("google.csv")))
        .await;
    assert_eq!(
        reply,
        common::first_reply("Send the CSV or vCard file itself to import its contacts.")
    );

    let mut bea = console(&engine, "bea");
    assert!(bea.send("/import").await.contains("Usage: /import PATH"));
    assert!(
        bea.send("/import /no/such/file.csv")
            .await
            .starts_with("I couldn't read /no/such/file.csv")
    );
    assert_eq!(
        bea.send(&format!("/import {}", fixture("nul_byte.csv")))
            .await,
        "That is neither a CSV nor a vCard file."
    );
    bea.send(&format!("/import {}", fixture("google.csv")))
        .await;
    assert_eq!(
        bea.press("Cancel").await,
        "Cancelled. Nothing more was saved."
    );
    assert_eq!(
        count(engine.store(), "SELECT COUNT(*) FROM contacts").await,
        0
    );
    assert!(bea.button("import:yes").await.contains("no longer valid"));
    assert_eq!(
        count(engine.store(), "SELECT COUNT(*) FROM contacts").await,
        0
    );
}
