//! Phone numbers and likely duplicates on both backends (issue 11, items 6 and 7): `00` is
//! read as `+`; national numbers use the workspace's region (`/settings region`, changed
//! only by owners and admins) or `[crm] default_region`; a phone that cannot be read is
//! left out while the rest of the contact is saved, saying so; a contact that looks like
//! an existing one waits for "Open C1" or "Save anyway", across a restart; so does a
//! company with the same domain or name.

use crate::common;
use crate::common::join_command;

use chatcrm::engine::Engine;
use chatcrm::handlers::Settings;
use chatcrm::message::Payload;
use common::{Chat, TestDb, count};

both_backends!(
    double_zero_and_national_numbers_use_the_region,
    the_configured_default_region_reads_national_numbers,
    without_a_region_a_national_number_is_dropped_and_the_contact_saved,
    settings_region_is_changed_by_owners_and_admins_only,
    a_likely_duplicate_waits_for_open_or_save_anyway,
    a_company_with_the_same_domain_or_name_is_held_back_too,
);

async fn phones(engine: &Engine) -> Vec<(String, Option<String>)> {
    sqlx::query_as("SELECT name, phone FROM contacts ORDER BY id")
        .fetch_all(engine.store().pool())
        .await
        .unwrap()
}

async fn double_zero_and_national_numbers_use_the_region(db: TestDb) {
    let engine = db.engine().await;
    let mut otto = Chat::new(&engine, "otto");
    let reply = otto.send("/new_contact Otto, 0049-30-1234567").await;
    assert_eq!(
        reply,
        common::first_reply("Saved C1.\nC1 · Otto\n📞 +49 30 1234567")
    );

    let mut sam = Chat::new(&engine, "sam");
    let reply = sam.send("/settings region us").await;
    assert!(
        reply.starts_with("Phone region set to US: numbers typed without +country"),
        "{reply}"
    );
    sam.send("/new_contact Sam, (555) 123-4567").await;

    let mut dora = Chat::new(&engine, "dora");
    dora.send("/settings region DE").await;
    dora.send("/new_contact Dora, 030 1234567").await;

    let mut ivan = Chat::new(&engine, "ivan");
    ivan.send("/settings region RU").await;
    ivan.send("/new_contact Ivan, 8 (916) 123-45-67").await;
    // The step-by-step flow reads the same way.
    ivan.send("/new_contact Olga").await;
    assert!(
        ivan.send("8 916 765 43 21")
            .await
            .contains("Email address?")
    );

    let want = |name: &str, phone: &str| (name.to_string(), Some(phone.to_string()));
    assert_eq!(
        phones(&engine).await,
        [
            want("Otto", "+49301234567"),
            want("Sam", "+15551234567"),
            want("Dora", "+49301234567"),
            want("Ivan", "+79161234567"),
        ]
    );
    ivan.press("Skip").await;
    ivan.press("Skip").await;
    assert_eq!(phones(&engine).await[4], want("Olga", "+79167654321"));
}

async fn the_configured_default_region_reads_national_numbers(db: TestDb) {
    let engine = db.engine().await.with_settings(Settings {
        default_phone_region: Some("DE".into()),
        ..Settings::default()
    });
    let mut dora = Chat::new(&engine, "dora");
    let shown = dora.send("/settings").await;
    assert!(
        shown.contains("📞 Phone region: DE (the server default)"),
        "{shown}"
    );
    dora.send("/new_contact Dora, 030 1234567").await;
    // A workspace's own region wins over the server's.
    dora.send("/settings region ES").await;
    dora.send("/new_contact Eva, 612 34 56 78").await;
    let reply = dora.send("/settings region -").await;
    assert!(
        reply.starts_with("This workspace now uses the server's default phone region."),
        "{reply}"
    );
    dora.send("/new_contact Fritz, 0151 12345678").await;
    let got: Vec<Option<String>> = phones(&engine).await.into_iter().map(|(_, p)| p).collect();
    assert_eq!(
        got,
        [
            Some("+49301234567".to_string()),
            Some("+34612345678".to_string()),
            Some("+4915112345678".to_string()),
        ]
    );
}

async fn without_a_region_a_national_number_is_dropped_and_the_contact_saved(db: TestDb) {
    let engine = db.engine().await;
    let mut ann = Chat::new(&engine, "ann");
    let reply = ann
        .send("/new_contact Anna, (555) 123-4567, anna@example.com")
        .await;
    assert_eq!(
        reply,
        common::first_reply(
            "Saved C1.\nC1 · Anna\n✉️ anna@example.com\n\n\
             The phone “(555) 123-4567” was not saved: it has no country code and this \
             workspace has no phone region. Add it with /edit and +country, or ask an admin \
             to set the region with /settings region DE."
        )
    );
    // A contact shared from the phone book keeps its name.
    let reply = ann
        .deliver(
            Payload::SharedContact {
                name: "Bob Booker".into(),
                phone: "030 1234567".into(),
            },
            None,
        )
        .await;
    assert!(
        reply.starts_with("Saved C2.") && reply.contains("“030 1234567” was not saved"),
        "{reply}"
    );
    // In the step-by-step flow the same question comes again, saying why; Skip saves the
    // contact without the phone.
    ann.send("/new_contact Cleo").await;
    let reply = ann.send("030 7654321").await;
    assert!(
        reply.starts_with(
            "The phone “030 7654321” has no country code and this workspace has no phone region"
        ) && reply.ends_with("(for example +49 151 12345678)?"),
        "{reply}"
    );
    ann.press("Skip").await;
    ann.press("Skip").await;
    assert!(ann.press("Skip").await.starts_with("Saved C3."));
    // An edit with a bad phone is refused and changes nothing.
    let reply = ann.send("/edit C1 phone 030 1234567").await;
    assert!(reply.contains("needs its country code"), "{reply}");
    assert!(reply.ends_with("Nothing was saved."), "{reply}");
    assert_eq!(
        phones(&engine).await,
        [
            ("Anna".to_string(), None),
            ("Bob Booker".to_string(), None),
            ("Cleo".to_string(), None)
        ]
    );
    let email: Option<String> =
        sqlx::query_scalar("SELECT email FROM contacts WHERE name = 'Anna'")
            .fetch_one(engine.store().pool())
            .await
            .unwrap();
    assert_eq!(email.as_deref(), Some("anna@example.com"));
    // With a region the same edit goes through.
    ann.send("/settings region DE").await;
    let reply = ann.send("/edit C1 phone 030 1234567").await;
    assert!(!reply.contains("Nothing was saved"), "{reply}");
    assert_eq!(phones(&engine).await[0].1.as_deref(), Some("+49301234567"));
}

async fn settings_region_is_changed_by_owners_and_admins_only(db: TestDb) {
    let engine = db.engine().await.with_bot_username("ChatCrmBot");
    let mut olga = Chat::new(&engine, "Olga");
    let mut pete = Chat::new(&engine, "Pete");
    let shown = olga.send("/settings").await;
    assert_eq!(
        shown,
        common::first_reply(
            "Settings of this workspace:\n\
             📞 Phone region: none — numbers must be typed with +country (or 00country).\n\
             Change the phone region with /settings region DE (a two-letter country code), \
             or go back to the server default with /settings region -."
        )
    );
    let reply = olga.send("/settings region Narnia").await;
    assert_eq!(
        reply,
        "“Narnia” is not a country code I know. Use two letters (ISO 3166), for example \
         /settings region DE, US, RU or ES."
    );
    assert!(
        olga.send("/settings region XX")
            .await
            .contains("is not a country code")
    );
    let invite = olga.send("/invite").await;
    pete.send(&join_command(&invite)).await;

    let refused = pete.send("/settings region US").await;
    assert_eq!(
        refused,
        "Only admins and owners of this workspace can change its settings."
    );
    let region: Option<String> =
        sqlx::query_scalar("SELECT phone_region FROM workspaces WHERE name = 'Olga'")
            .fetch_one(engine.store().pool())
            .await
            .unwrap();
    assert_eq!(region, None);

    let set = olga.send("/settings region de").await;
    assert!(set.starts_with("Phone region set to DE:"), "{set}");
    // The member sees it and it applies to what they type.
    assert!(
        pete.send("/settings")
            .await
            .contains("📞 Phone region: DE —")
    );
    pete.send("/new_contact Petra, 030 1234567").await;
    assert_eq!(phones(&engine).await[0].1.as_deref(), Some("+49301234567"));
    // The member's own personal workspace is untouched.
    let regions = count(
        engine.store(),
        "SELECT COUNT(*) FROM workspaces WHERE phone_region IS NOT NULL",
    )
    .await;
    assert_eq!(regions, 1);
}

async fn a_likely_duplicate_waits_for_open_or_save_anyway(db: TestDb) {
    let engine = db.engine().await;
    let mut ada = Chat::new(&engine, "ada");
    ada.send("/new_contact Anna Petrova, +49 151 12345678, anna@example.com")
        .await;
    let warning = ada
        .send("/new_contact Anna Petrova, +49 151 12345678")
        .await;
    assert_eq!(
        warning,
        "C1 Anna Petrova already has this phone number. Is it the same person? Nothing is \
         saved until you choose."
    );
    assert_eq!(ada.labels(), ["Open C1", "Save anyway"]);
    assert!(ada.last[0].choices.iter().all(|c| c.data.len() <= 64));
    assert_eq!(
        count(engine.store(), "SELECT COUNT(*) FROM contacts").await,
        1
    );

    // A restart before the choice loses nothing.
    let save = ada.data_of("Save anyway");
    let restarted = db.engine().await;
    let mut ada = Chat::new(&restarted, "ada");
    let saved = ada.button(&save).await;
    assert!(saved.starts_with("Saved C2.\nC2 · Anna Petrova"), "{saved}");
    assert_eq!(
        count(engine.store(), "SELECT COUNT(*) FROM contacts").await,
        2
    );
    // The choice is gone once made.
    assert_eq!(
        ada.button(&save).await,
        "That button is no longer valid. Send /help to start again."
    );

    // The same email, or the same name folded (case, accents, spacing), warns too.
    let warning = ada.send("/new_contact Ann P, ANNA@example.com").await;
    assert!(
        warning.contains("already has this email address"),
        "{warning}"
    );
    let warning = ada.send("/new_contact anna   PETROVÁ, Sales").await;
    assert!(
        warning.starts_with("C1 Anna Petrova already has this name."),
        "{warning}"
    );
    // Typing something else keeps the choice pending with a reminder of the options; yes
    // or no is no answer to "Open C1 / Save anyway".
    for other in ["hm", "yes", "no"] {
        let again = ada.send(other).await;
        assert_eq!(
            again,
            "Please answer the question above: 1) Open C1 · 2) Save anyway. \
             Or send a command to do something else.",
            "{other}"
        );
    }
    let card = ada.press("Open C1").await;
    assert!(
        card.starts_with("C1 · Anna Petrova\n📞 +49 1511 2345678"),
        "{card}"
    );
    assert_eq!(
        count(engine.store(), "SELECT COUNT(*) FROM contacts").await,
        2
    );
    assert_eq!(
        count(engine.store(), "SELECT COUNT(*) FROM dialogues").await,
        0
    );

    // A different person is saved at once.
    let saved = ada
        .send("/new_contact Anna Schmidt, anna.s@example.com")
        .await;
    assert!(saved.starts_with("Saved C3."), "{saved}");
}

async fn a_company_with_the_same_domain_or_name_is_held_back_too(db: TestDb) {
    let engine = db.engine().await;
    let mut ada = Chat::new(&engine, "ada");
    assert!(
        ada.send("/new_company Acme, acme.com")
            .await
            .starts_with("Saved O1.")
    );
    let warning = ada.send("/new_company ACME Corp., www.acme.com").await;
    assert_eq!(
        warning,
        "O1 Acme already has this domain. Is it the same company? Nothing is saved until you \
         choose."
    );
    assert_eq!(ada.labels(), ["Open O1", "Save anyway"]);
    let saved = ada.press("Save anyway").await;
    assert!(saved.starts_with("Saved O2.\nO2 · ACME Corp."), "{saved}");
    let warning = ada.send("/new_company  acme ").await;
    assert!(
        warning.starts_with("O1 Acme already has this name."),
        "{warning}"
    );
    let card = ada.press("Open O1").await;
    assert!(card.starts_with("🏢 O1 · Acme"), "{card}");
    assert_eq!(
        count(engine.store(), "SELECT COUNT(*) FROM companies").await,
        2
    );
    assert_eq!(
        count(engine.store(), "SELECT COUNT(*) FROM dialogues").await,
        0
    );
    assert!(
        ada.send("/new_company Globex")
            .await
            .starts_with("Saved O3.")
    );
}
