//! Snapshot tests of the replies (insta): one scripted conversation that uses every
//! command, in English, Russian and Spanish, on both backends against the same snapshots.
//! Random codes and temporary paths are replaced by placeholders before snapshotting.
//! Run `INSTA_UPDATE=always cargo test --test it snapshots` after changing a reply on
//! purpose, then review the diff of `tests/it/snapshots/`.

use crate::common;

use chatcrm::clock::Clock;
use chatcrm::engine::Engine;
use chatcrm::handlers::COMMANDS;
use chatcrm::handlers::Settings;
use chatcrm::message::Channel;
use chrono::{TimeZone, Utc};
use common::{Chat, TestDb};

both_backends!(replies_in_english, replies_in_russian, replies_in_spanish);

/// Who types a step: Sasha on Telegram, Sasha's console once linked to the same account,
/// or Kim, a second user speaking the same language.
#[derive(Clone, Copy)]
enum Who {
    Sasha,
    Console,
    Kim,
}

/// A step of the script: type text, or press the button with this label (by position,
/// since labels are localized).
enum Step {
    Send(&'static str),
    Press(usize),
    /// Someone else types this.
    By(Who, &'static str),
    /// Someone else presses the button at this position.
    PressBy(Who, usize),
    /// Kim joins with the command of Sasha's last invite.
    KimJoins,
    /// The console sends `/link` with the code of Sasha's last offer.
    ConsoleLinks,
    /// The console imports a small CSV file written to a temporary folder.
    Import,
}
use Step::{By, ConsoleLinks, Import, KimJoins, Press, PressBy, Send};
use Who::{Console, Kim};

/// The CSV file the script imports: a new contact, one that updates C1 (same phone), and
/// a row with a problem.
const IMPORT_CSV: &str = "Name,Email,Phone,Company\n\
Carla Gómez,carla@example.com,+34 612 345 678,Globex\n\
Anna Petrova,anna@example.com,+49 151 12345678,Acme\n\
,nobody@example.com,,\n";

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
    Send("/edit C1 company o1"),
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
    // AI is not configured in the script: the AI commands say so.
    Send("/ask open deals over 5000 EUR"),
    Send("/summary C1"),
    Send("/draft C1 the offer"),
    Send("/search petrova"),
    Send("/search nothing-here"),
    Send("/settings"),
    Send("/settings region Narnia"),
    Send("/settings region DE"),
    Send("/new_contact anna PETROVA, 0151 12345678"),
    Send("hm"),
    Press(0),
    Send("/workspace"),
    Send("/members"),
    Send("/invites"),
    Send("/leave"),
    Send("/unlink"),
    Send("/link"),
    ConsoleLinks,
    Send("/unlink"),
    Press(1),
    Press(1),
    Send("/privacy"),
    Send("/consent"),
    Press(0),
    Send("/export"),
    By(Console, "/export"),
    // Google is not configured here: each says so (the Google stories cover the rest).
    Send("/connect_google"),
    Send("/google"),
    Send("/mail C1"),
    Send("/disconnect_google"),
    Send("/calendar"),
    Send("/meet C1 tomorrow 15:00"),
    By(Console, "/import"),
    Import,
    PressBy(Console, 0),
    Send("/timeline C1"),
    Send("/delete C2"),
    Press(1),
    Send("/delete C2"),
    Press(0),
    Send("/contact C2"),
    Send("/frobnicate"),
    Send("hello"),
    Send("/cancel"),
    Send("/language"),
    Send("/workspace new Acme Team"),
    Send("/invite"),
    KimJoins,
    Send("/members"),
    Send("/role Kim admin"),
    Send("/role Kim boss"),
    Send("/invite admin"),
    Send("/invites"),
    By(Kim, "/leave"),
    PressBy(Kim, 1),
    Send("/delete_account"),
    Send("/remove Kim"),
    Press(0),
    Send("/members"),
    Send("/delete_account"),
    Press(0),
    Send("/contacts"),
];

/// The command a step types, as far as the script fixes it.
fn typed(step: &Step) -> Option<&'static str> {
    match step {
        Send(text) | By(_, text) => Some(text),
        KimJoins => Some("/start join_"),
        ConsoleLinks => Some("/link"),
        Import => Some("/import"),
        Press(_) | PressBy(..) => None,
    }
}

/// Replaces each secret (a random code, a temporary path) by its placeholder.
fn redact(text: &str, secrets: &[(String, String)]) -> String {
    secrets
        .iter()
        .fold(text.to_string(), |text, (secret, placeholder)| {
            text.replace(secret.as_str(), placeholder)
        })
}

/// The code after `marker` in `text`, or "".
fn code_after(text: &str, marker: &str) -> String {
    text.split(marker)
        .nth(1)
        .unwrap_or("")
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect()
}

async fn transcript(db: TestDb, language: &str) -> String {
    // Friday 27 November 2026, 15:00 UTC.
    let clock = Clock::manual(Utc.with_ymd_and_hms(2026, 11, 27, 15, 0, 0).unwrap());
    let temp = tempfile::tempdir().expect("temp dir");
    let settings = Settings {
        export_dir: temp.path().join("exports"),
        ..Settings::default()
    };
    let engine = Engine::new(db.store().await, settings).with_clock(clock.clone());
    let csv = temp.path().join("contacts.csv");
    std::fs::write(&csv, IMPORT_CSV).expect("write the CSV");
    let mut console = Chat::new(&engine, "sasha").language(language);
    console.channel = Channel::Console;
    let mut chats = [
        Chat::new(&engine, "Sasha").language(language),
        console,
        Chat::new(&engine, "Kim").language(language),
    ];
    let mut secrets = vec![(temp.path().display().to_string(), "<TMP>".to_string())];
    let mut out = String::new();
    for step in SCRIPT {
        let (who, text) = match step {
            Send(text) => (Who::Sasha, Some(text.to_string())),
            By(who, text) => (*who, Some(text.to_string())),
            Press(_) => (Who::Sasha, None),
            PressBy(who, _) => (*who, None),
            KimJoins => {
                let code = code_after(&chats[Who::Sasha as usize].texts(), "/start join_");
                assert!(!code.is_empty(), "no invite after:\n{out}");
                (Kim, Some(format!("/start join_{code}")))
            }
            ConsoleLinks => {
                let code = code_after(&chats[Who::Sasha as usize].texts(), "/link ");
                assert!(!code.is_empty(), "no link code after:\n{out}");
                (Console, Some(format!("/link {code}")))
            }
            Import => (Console, Some(format!("/import {}", csv.display()))),
        };
        let chat = &mut chats[who as usize];
        let (shown, reply) = match (step, text) {
            (Press(index) | PressBy(_, index), _) => {
                let label = chat
                    .labels()
                    .get(*index)
                    .cloned()
                    .unwrap_or_else(|| panic!("no button {index} after:\n{out}"));
                (format!("[{label}]"), chat.press(&label).await)
            }
            (_, Some(text)) => (text.clone(), chat.send(&text).await),
            (_, None) => unreachable!("every other step types text"),
        };
        // Codes are random: each one is replaced wherever it shows.
        for (marker, placeholder) in [("/start join_", "<INVITE>"), ("/link ", "<LINK>")] {
            let code = code_after(&reply, marker);
            if code.len() >= 6 {
                // Lists show an invite by the end of its code ("…S8x").
                let tail: String = code.chars().skip(code.len() - 3).collect();
                secrets.push((format!("…{tail}"), format!("…{placeholder}")));
                secrets.push((code, placeholder.to_string()));
            }
        }
        // Export files end in a random suffix ("…-4572c7c8.zip").
        let files = chat.last.iter().filter_map(|r| r.file.as_ref());
        for name in files.map(|f| f.file_name.clone()).chain(
            reply
                .split_whitespace()
                .filter(|word| word.ends_with(".zip"))
                .map(str::to_string),
        ) {
            if let Some(suffix) = name
                .strip_suffix(".zip")
                .and_then(|stem| stem.rsplit('-').next())
            {
                secrets.push((suffix.to_string(), "<RANDOM>".to_string()));
            }
        }
        let speaker = match who {
            Who::Sasha => "",
            Console => "Console: ",
            Kim => "Kim: ",
        };
        out.push_str(&format!("> {speaker}{shown}\n{reply}\n"));
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
        // A document (the export) rides on the reply: its name is shown.
        for file in chat.last.iter().filter_map(|r| r.file.as_ref()) {
            out.push_str(&format!("  📎 {}\n", file.file_name));
        }
        out.push('\n');
    }
    redact(&out, &secrets)
}

/// Every command of /help is typed somewhere in the script, so none is left out of the
/// snapshots.
#[test]
fn the_script_types_every_command() {
    let missing: Vec<&str> = COMMANDS
        .iter()
        .map(|spec| spec.name)
        .filter(|name| {
            let command = format!("/{name}");
            !SCRIPT.iter().filter_map(typed).any(|text| {
                text.strip_prefix(command.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
            })
        })
        .collect();
    assert!(
        missing.is_empty(),
        "commands missing from the snapshot script: {missing:?}"
    );
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
