//! Languages (issue 11, items 1 and 8): `chat --lang` switches an existing console user,
//! amounts are written with the user's separators, stages are named and read in the
//! user's language, and dates are dates wherever one is accepted — read by the user's
//! language where the form is ambiguous ("12/31" month-first only in English).

use crate::common;

use chatcrm::clock::Clock;
use chatcrm::i18n::Locale;
use chatcrm::message::Channel;
use chrono::{TimeZone, Utc};
use common::{Chat, TestDb};

both_backends!(
    chat_lang_switches_an_existing_console_user,
    amounts_are_written_with_the_users_separators,
    stages_are_named_and_read_in_the_users_language,
    dates_are_dates_in_every_form_and_language,
    task_times_and_weekdays_read_the_same_in_every_language
);

/// Wednesday 25 November 2026, 10:00 UTC.
fn wednesday_morning() -> Clock {
    Clock::manual(Utc.with_ymd_and_hms(2026, 11, 25, 10, 0, 0).unwrap())
}

async fn text(engine: &chatcrm::engine::Engine, sql: &'static str) -> Vec<String> {
    sqlx::query_scalar(sql)
        .fetch_all(engine.store().pool())
        .await
        .unwrap()
}

async fn chat_lang_switches_an_existing_console_user(db: TestDb) {
    let engine = db.engine().await;
    let mut ada = Chat::new(&engine, "ada");
    ada.channel = Channel::Console;
    assert!(
        ada.send("/contacts")
            .await
            .contains("You have no contacts yet")
    );
    // A later `chatcrm chat --lang es`: the language given wins over the stored one.
    chatcrm::app::set_console_language(engine.store(), "ada", Locale::named("es").unwrap())
        .await
        .unwrap();
    let reply = ada.send("/contacts").await;
    assert!(reply.contains("Aún no tienes contactos"), "{reply}");
    // Another channel's user of the same name is not touched.
    let mut telegram_ada = Chat::new(&engine, "ada");
    let reply = telegram_ada.send("/contacts").await;
    assert!(reply.contains("You have no contacts yet"), "{reply}");
    // A console user who does not exist yet: nothing to change, no error.
    chatcrm::app::set_console_language(engine.store(), "nobody", Locale::named("ru").unwrap())
        .await
        .unwrap();
}

async fn amounts_are_written_with_the_users_separators(db: TestDb) {
    let engine = db.engine().await;
    for (lang, amount, four_digits, sum) in [
        (
            "en",
            "31,122,026.00 EUR",
            "1,234.50 EUR",
            "31,123,260.50 EUR",
        ),
        (
            "ru",
            "31\u{a0}122\u{a0}026,00 EUR",
            "1\u{a0}234,50 EUR",
            "31\u{a0}123\u{a0}260,50 EUR",
        ),
        (
            "es",
            "31.122.026,00 EUR",
            "1234,50 EUR",
            "31.123.260,50 EUR",
        ),
    ] {
        let mut user = Chat::new(&engine, &format!("money-{lang}")).language(lang);
        let reply = user.send("/new_deal Big, 31122026 EUR").await;
        assert!(
            reply.contains(&format!(" · {amount} · ")),
            "{lang}: {reply}"
        );
        let reply = user.send("/new_deal Small, 1234.50 EUR").await;
        assert!(
            reply.contains(&format!(" · {four_digits} · ")),
            "{lang}: {reply}"
        );
        let pipeline = user.send("/pipeline").await;
        assert!(pipeline.contains(sum), "{lang}: {pipeline}");
    }
}

async fn stages_are_named_and_read_in_the_users_language(db: TestDb) {
    let engine = db.engine().await;
    let mut eva = Chat::new(&engine, "eva").language("es");
    eva.send("/new_deal Venta, 500 EUR").await;
    let refused = eva.send("/stage D1 cerrada").await;
    assert_eq!(
        refused,
        "«cerrada» no es una etapa. Etapas: prospecto, calificada, propuesta, negociación, ganada, perdida."
    );
    let moved = eva.send("/stage D1 negociacion").await;
    assert_eq!(moved, "D1 está ahora en la etapa «negociación».");
    assert!(eva.send("/deals ganada").await.contains("ganada"));
    assert!(eva.send("/deals negoc").await.contains("D1 · Venta"));
    let stage: Vec<String> = text(&engine, "SELECT stage FROM deals").await;
    assert_eq!(stage, ["negotiation"]);
    // One typo away from one stage ("ganado" for "ganada") is that stage.
    assert_eq!(
        eva.send("/stage D1 ganado").await,
        "D1 está ahora en la etapa «ganada»."
    );
    eva.send("/stage D1 negociacion").await;

    let mut ivan = Chat::new(&engine, "ivan").language("ru");
    ivan.send("/new_deal Сделка, 500 EUR").await;
    let refused = ivan.send("/stage D1 closed").await;
    assert_eq!(
        refused,
        "Этапа «closed» нет. Этапы: лид, квалифицирована, предложение, переговоры, выиграна, проиграна."
    );
    assert_eq!(
        ivan.send("/stage D1 выиграна").await,
        "D1 теперь на этапе «выиграна»."
    );
}

async fn dates_are_dates_in_every_form_and_language(db: TestDb) {
    let clock = wednesday_morning();
    let engine = db.engine_at(&clock).await;
    for lang in ["en", "ru", "es"] {
        let mut user = Chat::new(&engine, &format!("dates-{lang}")).language(lang);
        for close in ["31.12.2026", "31/12/2026", "31/12", "2026-12-31"] {
            let reply = user.send(&format!("/new_deal X, 500 EUR, {close}")).await;
            assert!(!reply.contains("31,122"), "{lang} {close}: {reply}");
        }
        // Step by step, a bare "31.12" is the answer to "close date?": a date.
        user.send("/new_deal Stepwise").await;
        user.send("500 EUR").await;
        user.send("/skip").await;
        user.send("31.12").await;
        // Tasks: the same forms after a marker.
        for due in ["31.12.2026", "due 31/12", "2026-12-31", "до 31/12/2026"] {
            user.send(&format!("/task call Anna {due}")).await;
        }
    }
    let closes = text(&engine, "SELECT expected_close FROM deals").await;
    assert_eq!(closes.len(), 15, "{closes:?}");
    assert!(closes.iter().all(|c| c == "2026-12-31"), "{closes:?}");
    let amounts: Vec<i64> = sqlx::query_scalar("SELECT amount_minor FROM deals")
        .fetch_all(engine.store().pool())
        .await
        .unwrap();
    assert!(amounts.iter().all(|a| *a == 50_000), "{amounts:?}");
    let due = Utc.with_ymd_and_hms(2026, 12, 31, 9, 0, 0).unwrap();
    let dues: Vec<Option<i64>> = sqlx::query_scalar("SELECT due_at FROM tasks")
        .fetch_all(engine.store().pool())
        .await
        .unwrap();
    assert_eq!(dues.len(), 12);
    assert!(
        dues.iter().all(|d| *d == Some(due.timestamp_millis())),
        "{dues:?}"
    );

    // "12/31" is month-first in English only; Russian and Spanish say what they could not read.
    let mut en = Chat::new(&engine, "us").language("en");
    en.send("/new_deal US, 500 USD, 12/31").await;
    en.send("/task call Bob due 12/31").await;
    let mut ru = Chat::new(&engine, "ru2").language("ru");
    let refused = ru.send("/new_deal RU, 500 EUR, 12/31").await;
    assert!(refused.contains("«12/31»"), "{refused}");
    let closes = text(
        &engine,
        "SELECT expected_close FROM deals WHERE title = 'US'",
    )
    .await;
    assert_eq!(closes, ["2026-12-31"]);
    let task_due: Vec<Option<i64>> =
        sqlx::query_scalar("SELECT due_at FROM tasks WHERE body = 'call Bob'")
            .fetch_all(engine.store().pool())
            .await
            .unwrap();
    assert_eq!(task_due, [Some(due.timestamp_millis())]);
}

async fn task_times_and_weekdays_read_the_same_in_every_language(db: TestDb) {
    let clock = wednesday_morning();
    let engine = db.engine_at(&clock).await;
    let tomorrow_ten = Utc.with_ymd_and_hms(2026, 11, 26, 10, 0, 0).unwrap();
    let friday = Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap();
    for (lang, tasks) in [
        (
            "en",
            ["tomorrow at 10", "tomorrow 10am", "fri", "next friday"],
        ),
        (
            "ru",
            [
                "завтра в 10",
                "завтра 10:00",
                "в пятницу",
                "в следующую пятницу",
            ],
        ),
        (
            "es",
            [
                "mañana a las 10",
                "mañana 10:00",
                "el viernes",
                "el próximo viernes",
            ],
        ),
    ] {
        let mut user = Chat::new(&engine, &format!("tasks-{lang}")).language(lang);
        for (i, when) in tasks.iter().enumerate() {
            user.send(&format!("/task item{i} {when}")).await;
        }
    }
    let rows: Vec<(String, Option<i64>)> = sqlx::query_as("SELECT body, due_at FROM tasks")
        .fetch_all(engine.store().pool())
        .await
        .unwrap();
    assert_eq!(rows.len(), 12, "{rows:?}");
    for (body, due) in rows {
        let expected = if body == "item0" || body == "item1" {
            tomorrow_ten
        } else {
            friday
        };
        assert_eq!(due, Some(expected.timestamp_millis()), "{body}");
    }
}

/// Runs the real binary in `dir` with piped input.
fn chatcrm(dir: &std::path::Path, args: &[&str], stdin: &str) -> std::process::Output {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_chatcrm"))
        .args(args)
        .current_dir(dir)
        .env_remove("RUST_LOG")
        .env("LANG", "C")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run chatcrm");
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().expect("chatcrm finishes")
}

#[test]
fn the_lang_flag_refuses_unknown_codes_and_switches_on_a_later_run() {
    let dir = tempfile::tempdir().unwrap();
    let out = |output: &std::process::Output| String::from_utf8_lossy(&output.stdout).into_owned();
    let first = chatcrm(dir.path(), &["chat", "--as", "ana"], "/contacts\n");
    assert!(
        out(&first).contains("You have no contacts yet"),
        "{}",
        out(&first)
    );
    let spanish = chatcrm(
        dir.path(),
        &["chat", "--as", "ana", "--lang", "es"],
        "/contacts\n",
    );
    assert!(spanish.status.success());
    assert!(
        out(&spanish).contains("Aún no tienes contactos"),
        "{}",
        out(&spanish)
    );
    // Without --lang the language chosen last stays.
    let again = chatcrm(dir.path(), &["chat", "--as", "ana"], "/contacts\n");
    assert!(
        out(&again).contains("Aún no tienes contactos"),
        "{}",
        out(&again)
    );

    let refused = chatcrm(
        dir.path(),
        &["chat", "--as", "ana", "--lang", "xx"],
        "/contacts\n",
    );
    assert!(!refused.status.success());
    assert_eq!(out(&refused), "");
    let error = String::from_utf8_lossy(&refused.stderr);
    assert!(
        error.contains("invalid value 'xx' for '--lang <CODE>'")
            && error.contains("[possible values: en, ru, es]"),
        "{error}"
    );
}
