//! The daily sales routine through the engine, on SQLite and PostgreSQL: companies, deals
//! and the pipeline, notes, tasks with due times in the user's zone, the timeline, and
//! search across record kinds.

use crate::common;

use chatcrm::clock::Clock;
use chrono::{TimeZone, Utc};
use common::{Chat, TestDb, count};

both_backends!(
    companies_and_contacts_link_up,
    deals_move_through_the_pipeline,
    notes_tasks_and_the_timeline,
    search_finds_every_kind_ranked,
    broad_searches_are_capped_not_ranked,
    a_close_date_is_never_read_as_an_amount,
);

/// Friday 27 November 2026, 10:00 UTC (11:00 in Berlin).
fn friday_morning() -> Clock {
    Clock::manual(Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap())
}

async fn companies_and_contacts_link_up(db: TestDb) {
    let engine = db.engine().await;
    let mut kim = Chat::new(&engine, "kim");
    let saved = kim
        .send("/new_company Acme GmbH, https://www.acme.de/, +49 30 123456")
        .await;
    assert_eq!(
        saved,
        common::first_reply("Saved O1.\nO1 · Acme GmbH · acme.de · +49 30 123456")
    );
    assert!(
        kim.send("/new_company")
            .await
            .contains("What is the company's name?")
    );
    assert_eq!(kim.send("Globex").await, "Saved O2.\nO2 · Globex");
    let bad = kim.send("/new_company Initech, not a domain").await;
    assert!(bad.contains("“not a domain” is not a web domain"), "{bad}");
    assert_eq!(
        count(engine.store(), "SELECT COUNT(*) FROM companies").await,
        2
    );

    let list = kim.send("/companies").await;
    assert_eq!(
        list,
        "2 companies:\nO1 · Acme GmbH · acme.de · +49 30 123456\nO2 · Globex"
    );
    assert_eq!(
        kim.send("/companies acme").await,
        "1 company:\nO1 · Acme GmbH · acme.de · +49 30 123456"
    );

    kim.send("/new_contact Anna Petrova, anna@acme.de").await;
    let linked = kim.send("/edit C1 company O1").await;
    assert!(linked.contains("🏢 O1 · Acme GmbH"), "{linked}");
    // A company named by text is found, or created when new.
    kim.send("/new_contact Bob, bob@initech.com").await;
    let created = kim.send("/edit C2 company Initech").await;
    assert!(created.contains("🏢 O3 · Initech"), "{created}");
    let again = kim.send("/edit C2 company initech").await;
    assert!(again.contains("🏢 O3 · Initech"), "{again}");
    assert_eq!(
        count(engine.store(), "SELECT COUNT(*) FROM companies").await,
        3
    );
    assert!(
        kim.send("/edit C2 company O9")
            .await
            .contains("There is no O9 in this workspace.")
    );

    let card = kim.send("O1").await;
    assert!(card.starts_with("🏢 O1 · Acme GmbH"), "{card}");
    assert!(
        card.contains("👤 C1 · Anna Petrova · anna@acme.de"),
        "{card}"
    );
    assert!(!kim.send("/edit C1 company -").await.contains("🏢"));
}

async fn deals_move_through_the_pipeline(db: TestDb) {
    let clock = friday_morning();
    let engine = db.engine_at(&clock).await;
    let mut lea = Chat::new(&engine, "lea");
    lea.send("/new_company Acme").await;
    lea.send("/new_contact Anna, anna@acme.de").await;

    let deal = lea
        .send("/new_deal Acme renewal, 12,500.50 EUR, C1 O1, 2026-12-31")
        .await;
    assert!(
        deal.starts_with("Saved D1.\n💰 D1 · Acme renewal · 12,500.50 EUR · lead"),
        "{deal}"
    );
    assert!(deal.contains("Expected to close on 2026-12-31"), "{deal}");
    assert!(
        deal.contains("👤 C1 · Anna") && deal.contains("🏢 O1 · Acme"),
        "{deal}"
    );

    // Step by step, with a bad amount retried and the link skipped.
    assert!(
        lea.send("/new_deal")
            .await
            .contains("What is the deal called?")
    );
    assert!(lea.send("Pilot").await.contains("Amount and currency"));
    let bad = lea.send("lots of money").await;
    assert!(
        bad.contains("“lots of money” is not an amount") && bad.contains("Amount and currency"),
        "{bad}"
    );
    assert!(
        lea.send("0.10 USD")
            .await
            .contains("Which contact or company")
    );
    assert!(lea.press("Skip").await.contains("Expected close date"));
    let saved = lea.send("next week").await;
    assert!(
        saved.contains("Saved D2.") && saved.contains("Expected to close on 2026-11-30"),
        "{saved}"
    );
    lea.send("/new_deal Upsell, 0.20 USD").await;
    lea.send("/new_deal Side project, 99 EUR").await;
    assert!(
        lea.send("/new_deal Broken, 12 XYZ")
            .await
            .contains("I couldn't read “12 XYZ”")
    );

    assert!(
        lea.send("/stage D1 won")
            .await
            .contains("D1 is now in the “won” stage.")
    );
    assert!(
        lea.send("/stage D4 closed")
            .await
            .contains("“closed” is not a stage.")
    );
    let ask = lea.send("/stage D4").await;
    assert!(
        ask.contains("Move D4 · Side project · 99.00 EUR · lead to which stage?"),
        "{ask}"
    );
    assert_eq!(
        lea.labels(),
        ["qualified", "proposal", "negotiation", "won", "lost"]
    );
    assert!(
        lea.press("lost")
            .await
            .contains("D4 is now in the “lost” stage.")
    );
    lea.send("/stage D2 proposal").await;

    let statuses: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT handle_no, stage, status FROM deals ORDER BY handle_no")
            .fetch_all(engine.store().pool())
            .await
            .unwrap();
    assert_eq!(
        statuses,
        [
            (1, "won".into(), "won".into()),
            (2, "proposal".into(), "open".into()),
            (3, "lead".into(), "open".into()),
            (4, "lost".into(), "lost".into())
        ]
    );
    // Open deals only, then one stage.
    assert_eq!(
        lea.send("/deals").await,
        "2 deals:\nD2 · Pilot · 0.10 USD · proposal\nD3 · Upsell · 0.20 USD · lead"
    );
    assert_eq!(
        lea.send("/deals won").await,
        "1 deal:\nD1 · Acme renewal · 12,500.50 EUR · won"
    );
    assert_eq!(
        lea.send("/deals negotiation").await,
        "There are no deals in negotiation."
    );

    lea.send("/stage D3 proposal").await;
    let pipeline = lea.send("/pipeline").await;
    assert_eq!(
        pipeline,
        "Pipeline:\nproposal — 2 deals · 0.30 USD\nwon — 1 deal · 12,500.50 EUR\nlost — 1 deal · 99.00 EUR"
    );
    // The stage moves are on the deal's timeline.
    let timeline = lea.send("/timeline D4").await;
    assert!(
        timeline.contains("lea: moved from lead to lost"),
        "{timeline}"
    );
}

async fn notes_tasks_and_the_timeline(db: TestDb) {
    let clock = friday_morning();
    let engine = db.engine_at(&clock).await;
    let mut max = Chat::new(&engine, "max");
    assert!(
        max.send("/timezone Europe/Berlin")
            .await
            .contains("Time zone set to Europe/Berlin (it is 11:00 there).")
    );
    assert!(
        max.send("/timezone Mars/Olympus")
            .await
            .contains("I don't know the time zone")
    );
    max.send("/new_contact Anna Petrova, anna@example.com")
        .await;

    let note = max
        .send("/note C1 Wants 20 seats, call after the budget meeting")
        .await;
    assert_eq!(
        note,
        "Note N1 added to C1 · Anna Petrova · anna@example.com."
    );
    assert!(max.send("/note C9 hello").await.contains("There is no C9"));
    assert!(
        max.send("/note hello")
            .await
            .contains("Usage: /note C1 text")
    );

    let task = max.send("/task C1 call Anna tomorrow 15:00").await;
    assert!(
        task.starts_with("Task saved: ☐ T1 · call Anna · tomorrow at 15:00"),
        "{task}"
    );
    let due: i64 = sqlx::query_scalar("SELECT due_at FROM tasks WHERE handle_no = 1")
        .fetch_one(engine.store().pool())
        .await
        .unwrap();
    // 15:00 in Berlin (UTC+1 in winter) is 14:00 UTC.
    assert_eq!(
        due,
        Utc.with_ymd_and_hms(2026, 11, 28, 14, 0, 0)
            .unwrap()
            .timestamp_millis()
    );
    max.send("/task send the offer today 17:00").await;
    max.send("/task renew the domain in 3 days").await;
    max.send("/task think about pricing").await;
    max.send("/task fix the report yesterday 10:00").await;

    assert_eq!(
        max.send("/tasks today").await,
        "1 open task:\n☐ T2 · send the offer · today at 17:00"
    );
    let overdue = max.send("/tasks overdue").await;
    assert_eq!(
        overdue,
        "1 open task:\n☐ T5 · fix the report · overdue since yesterday at 10:00"
    );
    let week = max.send("/tasks week").await;
    assert!(week.starts_with("4 open tasks:\n☐ T5"), "{week}");
    let all = max.send("/tasks").await;
    assert!(
        all.starts_with("5 open tasks:") && all.ends_with("☐ T4 · think about pricing"),
        "{all}"
    );
    assert!(max.send("/tasks someday").await.contains("Usage: /tasks"));

    assert_eq!(max.send("/done T2").await, "✅ T2 done: send the offer");
    assert_eq!(max.send("/done T2").await, "T2 was already done.");
    max.send("/task C1 send contract fri").await;
    assert!(
        max.press("✅ Done")
            .await
            .contains("✅ T6 done: send contract")
    );
    assert_eq!(max.send("/tasks today").await, "Nothing is due today.");

    let timeline = max.send("/timeline c1").await;
    let lines: Vec<&str> = timeline.lines().collect();
    assert_eq!(
        lines[0],
        "Timeline of C1 · Anna Petrova · anna@example.com:"
    );
    assert_eq!(lines[1], "2026-11-27 11:00 · max: created");
    assert_eq!(
        lines[2],
        "2026-11-27 11:00 · max: note N1: Wants 20 seats, call after the budget meeting"
    );
    assert_eq!(lines[3], "2026-11-27 11:00 · max: task T1 added");
    assert_eq!(lines[4], "2026-11-27 11:00 · max: task T6 added");
    assert!(max.send("/timeline T1").await.contains("max: created"));
    assert!(max.send("/timeline").await.contains("Usage: /timeline C1"));
}

async fn search_finds_every_kind_ranked(db: TestDb) {
    let engine = db.engine().await;
    let mut noa = Chat::new(&engine, "noa");
    noa.send("/new_contact Zoë Ångström, zoe@nordic.se").await;
    noa.send("/new_company Nordic Trading, nordic.se").await;
    noa.send("/new_deal Nordic expansion, 5000 EUR").await;
    noa.send("/note C1 Met at the Nordic fair in Malmö").await;
    noa.send("/new_contact Björn Nordqvist, +46 8 123 456 78")
        .await;
    noa.send("/new_contact Someone Else, else@example.com")
        .await;

    let results = noa.send("/search nordic").await;
    let lines: Vec<&str> = results.lines().collect();
    assert_eq!(lines[0], "4 results for “nordic”:", "{results}");
    for expected in [
        "👤 C1 · Zoë Ångström · zoe@nordic.se",
        "🏢 O1 · Nordic Trading · nordic.se",
        "💰 D1 · Nordic expansion · lead",
        "📝 N1 · Met at the Nordic fair in Malmö",
    ] {
        assert!(lines.contains(&expected), "{expected} in {results}");
    }
    // Accents and case do not matter; words are prefixes and must all match.
    assert!(
        noa.send("/search ZOE angstr")
            .await
            .contains("C1 · Zoë Ångström")
    );
    assert!(
        noa.send("/search malmo")
            .await
            .contains("N1 · Met at the Nordic fair")
    );
    let nord = noa.send("/search nord").await;
    assert!(nord.starts_with("5 results"), "{nord}");
    assert_eq!(
        noa.send("/search nordic fair").await,
        "1 result for “nordic fair”:\n📝 N1 · Met at the Nordic fair in Malmö"
    );
    assert_eq!(
        noa.send("/search qwerty").await,
        "Nothing matches “qwerty”."
    );
    assert_eq!(
        noa.send("/search \"*\" OR").await,
        "Nothing matches “\"*\" OR”."
    );
    assert!(noa.send("/search").await.contains("Usage: /search text"));

    // A better match ranks first, ahead of handle order: the note that is all "quantum"
    // (N3, written second) beats a long note mentioning it once (N2).
    noa.send("/note C1 a long note about the fair that mentions quantum once among many other ordinary words")
        .await;
    noa.send("/note C1 quantum quantum quantum").await;
    let ranked = noa.send("/search quantum").await;
    let lines: Vec<&str> = ranked.lines().collect();
    assert_eq!(lines[0], "2 results for “quantum”:", "{ranked}");
    assert!(lines[1].starts_with("📝 N3 · "), "{ranked}");
    assert!(lines[2].starts_with("📝 N2 · "), "{ranked}");

    for i in 0..12 {
        noa.send(&format!("/new_contact Nordic Person {i}, p{i}@example.com"))
            .await;
    }
    let first = noa.send("/search nordic").await;
    assert!(
        first.starts_with("16 results for “nordic” (page 1 of 2):"),
        "{first}"
    );
    let second = noa.press("Next ▶").await;
    assert!(
        second.starts_with("16 results for “nordic” (page 2 of 2):"),
        "{second}"
    );
    assert_eq!(second.lines().count(), 7);
}

async fn broad_searches_are_capped_not_ranked(db: TestDb) {
    let engine = db.engine().await;
    let mut ola = Chat::new(&engine, "ola");
    ola.channel = chatcrm::message::Channel::Console;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.csv");
    let mut csv = String::from("Name,Email\n");
    for i in 0..1100 {
        csv.push_str(&format!("Acme Person {i},p{i}@acme.example\n"));
    }
    std::fs::write(&path, csv).unwrap();
    ola.send(&format!("/import {}", path.display())).await;
    assert!(ola.press("Import").await.contains("Contacts created: 1100"));

    let found = ola.send("/search acme").await;
    let lines: Vec<&str> = found.lines().collect();
    assert_eq!(
        lines[0], "1000 results for “acme” (page 1 of 100):",
        "{found}"
    );
    assert!(
        lines[1].starts_with("More than 1000 records match"),
        "{found}"
    );
    assert_eq!(lines[2], "👤 C1 · Acme Person 0 · p0@acme.example");
    assert_eq!(lines.len(), 12);
    let next = ola.press("Next ▶").await;
    assert!(next.contains("👤 C11 · Acme Person 10"), "{next}");
    let listed = ola.send("/contacts acme person").await;
    assert!(
        listed.starts_with("1000 contacts (page 1 of 100):\nMore than 1000"),
        "{listed}"
    );
    // A narrower query is ranked and exact again.
    assert_eq!(
        ola.send("/search person 1099")
            .await
            .lines()
            .next()
            .unwrap(),
        "1 result for “person 1099”:"
    );
}

/// `/new_deal X, 500 EUR, 31.12.2026` once saved 31,122,026.00 EUR and no close date: a date
/// with its year is never money, and a bare "31.12" (an amount? 31 December?) is asked
/// about instead of guessed.
async fn a_close_date_is_never_read_as_an_amount(db: TestDb) {
    let clock = friday_morning();
    let engine = db.engine_at(&clock).await;
    let mut eva = Chat::new(&engine, "eva");
    for (line, amount, close) in [
        (
            "/new_deal X, 500 EUR, 31.12.2026",
            "500.00 EUR",
            "2026-12-31",
        ),
        (
            "/new_deal Y, 1 200 000 руб, 31/12/2026",
            "1,200,000.00 RUB",
            "2026-12-31",
        ),
        ("/new_deal Z, 700, 2026-12-31", "700.00 EUR", "2026-12-31"),
        (
            "/new_deal W, 1.234.567 EUR, 15.01.2027",
            "1,234,567.00 EUR",
            "2027-01-15",
        ),
    ] {
        let reply = eva.send(line).await;
        assert!(
            reply.contains(&format!(" · {amount} · ")),
            "{line}: {reply}"
        );
        assert!(
            reply.contains(&format!("Expected to close on {close}")),
            "{line}: {reply}"
        );
    }
    assert_eq!(
        eva.send("/new_deal V, 31.12").await,
        "“31.12” could be an amount or a date. Write it with a currency for an amount (31.12 EUR) or with the year for the close date (31.12.2026). Nothing was saved."
    );
    assert_eq!(count(engine.store(), "SELECT COUNT(*) FROM deals").await, 4);
    let reply = eva.send("/new_deal V, 31.12 EUR").await;
    assert!(reply.contains(" · 31.12 EUR · "), "{reply}");
    assert!(!reply.contains("Expected to close"), "{reply}");
}
