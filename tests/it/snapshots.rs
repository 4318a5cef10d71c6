//! Snapshot tests of the replies (insta): one scripted conversation that uses every
//! command, in English, Russian and Spanish, on both backends against the same snapshots.
//! Run `INSTA_UPDATE=always cargo test --test snapshots` after changing a reply on purpose,
//! then review the diff of `tests/snapshots/`.

use crate::common;

use chatcrm::clock::Clock;
use chrono::{TimeZone, Utc};
use common::{Chat, TestDb};

both_backends!(replies_in_english, replies_in_russian, replies_in_spanish);

/// A step of the script: type text, or press the button with this label (by position,
/// since labels are localized).
enum Step {
    Send(&'static str),
    Press(usize),
}
use Step::{Press, Send};

const SCRIPT: &[Step] = &[
    Send("/start"),
    Send("/help"),
    Send("/new_contact Anna Petrova, +49 151 12345678, anna@example.com"),
    Send("/new_contact"),
    Send("Bob"),
    Press(0),
    Send("bob@"),
    Send("bob@example.com"),
    Press(0),
    Send("/contacts"),
    Send("/contact C1"),
    Send("/edit C1 position Head of Sales"),
    Send("/edit C1 company Acme"),
    Send("/edit C1 email -"),
    Send("/edit C1 age 42"),
    Send("/new_company Globex, globex.com, +1 650 253 0000"),
    Send("/companies"),
    Send("O1"),
    Send("/new_deal Acme renewal, 12,500.50 EUR, C1, 2026-12-31"),
    Send("/new_deal"),
    Send("Pilot"),
    Send("99 USD"),
    Press(0),
    Press(0),
    Send("/deals"),
    Send("/stage D1 proposal"),
    Send("/stage D2"),
    Press(3),
    Send("/deals won"),
    Send("/stage D1 выиграна"),
    Send("/stage D1 proposal"),
    Send("/pipeline"),
    Send("/note C1 Wants 20 seats"),
    Send("/timezone Europe/Berlin"),
    Send("/timezone"),
    Send("/task C1 call Anna tomorrow 15:00"),
    Send("/task send the contract fri"),
    Send("/task fix the report yesterday 10:00"),
    Send("/tasks"),
    Send("/tasks overdue"),
    Send("/done T1"),
    Send("/done T1"),
    Send("/timeline C1"),
    Send("/search petrova"),
    Send("/search nothing-here"),
    Send("/workspace"),
    Send("/members"),
    Send("/invites"),
    Send("/leave"),
    Send("/unlink"),
    Send("/delete C2"),
    Press(1),
    Send("/delete C2"),
    Press(0),
    Send("/contact C2"),
    Send("/frobnicate"),
    Send("hello"),
    Send("/cancel"),
    Send("/language"),
];

async fn transcript(db: TestDb, language: &str) -> String {
    // Friday 27 November 2026, 15:00 UTC.
    let clock = Clock::manual(Utc.with_ymd_and_hms(2026, 11, 27, 15, 0, 0).unwrap());
    let engine = db.engine_at(&clock).await;
    let mut chat = Chat::new(&engine, "Sasha").language(language);
    let mut out = String::new();
    for step in SCRIPT {
        let (shown, reply) = match step {
            Send(text) => (text.to_string(), chat.send(text).await),
            Press(index) => {
                let label = chat
                    .labels()
                    .get(*index)
                    .cloned()
                    .expect("a button at that position");
                (format!("[{label}]"), chat.press(&label).await)
            }
        };
        out.push_str(&format!("> {shown}\n{reply}\n"));
        let labels = chat.labels();
        if !labels.is_empty() {
            out.push_str(&format!(
                "  {}\n",
                labels
                    .iter()
                    .map(|l| format!("[{l}]"))
                    .collect::<Vec<_>>()
                    .join(" ")
            ));
        }
        out.push('\n');
    }
    out
}

async fn replies_in_english(db: TestDb) {
    insta::assert_snapshot!("replies_en", transcript(db, "en").await);
}

async fn replies_in_russian(db: TestDb) {
    insta::assert_snapshot!("replies_ru", transcript(db, "ru").await);
}

async fn replies_in_spanish(db: TestDb) {
    insta::assert_snapshot!("replies_es", transcript(db, "es").await);
}
