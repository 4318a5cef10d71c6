//! The real `chatcrm` binary: `chat` with piped input on SQLite and PostgreSQL, `migrate`,
//! `--help`/`--version`, and configuration errors that name the key and hide secrets.

use crate::common;

use std::io::Write;
use std::process::{Command, Output, Stdio};

use common::TestDb;

fn chatcrm(dir: &std::path::Path, args: &[&str], envs: &[(&str, &str)], stdin: &str) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_chatcrm"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("RUST_LOG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (key, value) in envs {
        command.env(key, value);
    }
    let mut child = command.spawn().expect("run chatcrm");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().expect("chatcrm finishes")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const SESSION: &str = "/new_contact Anna Petrova, +49 151 12345678, anna@example.com\n/contacts\n";

fn assert_session(output: &Output) {
    assert!(
        output.status.success(),
        "exit {:?}: {}",
        output.status,
        stderr(output)
    );
    let out = stdout(output);
    assert!(out.contains("Saved C1."), "{out}");
    assert!(
        out.contains("C1 · Anna Petrova · +49 1511 2345678 · anna@example.com"),
        "{out}"
    );
}

#[test]
fn chat_on_the_default_sqlite_file_in_a_fresh_folder() {
    let dir = tempfile::tempdir().unwrap();
    let output = chatcrm(
        dir.path(),
        &["chat", "--as", "anna"],
        &[("LANG", "C")],
        SESSION,
    );
    assert_session(&output);
    assert!(
        dir.path().join("data/chatcrm.db").exists(),
        "the default database file is created"
    );

    // Choices are numbered and picked by number; a second user has their own workspace.
    let flow = "/new_contact\nBob\n1\n1\n1\n/delete C2\n1\n/contacts\n";
    let output = chatcrm(
        dir.path(),
        &["chat", "--as", "anna", "--lang", "en"],
        &[],
        flow,
    );
    let out = stdout(&output);
    assert!(out.contains("  1) Skip\n  2) Cancel"), "{out}");
    assert!(
        out.contains("Saved C2.") && out.contains("C2 deleted."),
        "{out}"
    );
    assert!(
        out.ends_with("1 contact:\nC1 · Anna Petrova · +49 1511 2345678 · anna@example.com\n\n"),
        "{out}"
    );
    let output = chatcrm(
        dir.path(),
        &["chat", "--as", "boris", "--lang", "ru"],
        &[],
        "/contacts\n",
    );
    let out = stdout(&output);
    assert!(
        out.starts_with("Консоль ChatCRM. Список команд — /help; выход — Ctrl-D.\n\n"),
        "{out}"
    );
    assert!(
        out.contains("Контактов пока нет. Добавьте первый командой /new_contact."),
        "{out}"
    );
}

/// The console opens with one line naming /help, and a command addressed to another bot is
/// explained, not run.
#[test]
fn the_console_greets_and_explains_commands_for_other_bots() {
    let dir = tempfile::tempdir().unwrap();
    let output = chatcrm(
        dir.path(),
        &["chat", "--as", "anna", "--lang", "en"],
        &[],
        "/contacts@OtherBot\n/new_contact@SomeBot Anna Petrova, anna@example.com\n",
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let out = stdout(&output);
    assert!(
        out.starts_with("ChatCRM console. Type /help for the commands; Ctrl-D quits.\n\n"),
        "{out}"
    );
    assert!(
        out.contains(
            "That command is addressed to @OtherBot, not to ChatCRM, so nothing was done. \
             Type it without “@OtherBot”."
        ),
        "{out}"
    );
    assert!(out.contains("addressed to @SomeBot"), "{out}");
    assert!(!out.contains("Saved C1"), "{out}");
    assert!(!out.contains("No contacts yet"), "{out}");
}

#[tokio::test]
#[cfg_attr(
    not(postgres_tests),
    ignore = "needs TEST_DATABASE_URL (a PostgreSQL server)"
)]
async fn chat_on_postgres() {
    let db = TestDb::postgres_or_fail().await;
    let dir = tempfile::tempdir().unwrap();
    let url = db.url.clone();
    let output = tokio::task::spawn_blocking(move || {
        chatcrm(
            dir.path(),
            &["chat", "--as", "pg"],
            &[("CHATCRM_DATABASE__URL", &url)],
            SESSION,
        )
    })
    .await
    .unwrap();
    assert_session(&output);
}

#[test]
fn config_file_and_environment_layers() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("custom.toml"),
        "[database]\nurl = \"sqlite://from-file/crm.db\"\n[crm]\ndefault_phone_region = \"DE\"\n",
    )
    .unwrap();
    // The file names the database; a number without +country uses the region.
    let output = chatcrm(
        dir.path(),
        &["--config", "custom.toml", "chat", "--as", "x"],
        &[],
        "/new_contact Anna, 0151 12345678\n",
    );
    assert!(
        stdout(&output).contains("📞 +49 1511 2345678"),
        "{}",
        stdout(&output)
    );
    assert!(dir.path().join("from-file/crm.db").exists());
    // `[crm] default_region` may come from the environment too.
    let output = chatcrm(
        dir.path(),
        &["--config", "custom.toml", "chat", "--as", "y"],
        &[("CHATCRM_CRM__DEFAULT_REGION", "ru")],
        "/new_contact Ivan, 8 (916) 123-45-67\n",
    );
    assert!(
        stdout(&output).contains("📞 +7 916 123-45-67"),
        "{}",
        stdout(&output)
    );
    // The environment overrides the file.
    let output = chatcrm(
        dir.path(),
        &["--config", "custom.toml", "migrate"],
        &[("CHATCRM_DATABASE__URL", "sqlite://from-env/crm.db")],
        "",
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("from-env/crm.db"),
        "{}",
        stdout(&output)
    );
    let shipped = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/sqlite"))
        .unwrap()
        .count();
    assert!(
        stdout(&output).contains(&format!("{shipped} of {shipped} migrations applied")),
        "{}",
        stdout(&output)
    );
}

/// A syntax error in bot.toml is located (line and column) without quoting the line, which
/// may hold a secret.
#[test]
fn a_toml_syntax_error_never_quotes_the_line() {
    let dir = tempfile::tempdir().unwrap();
    for line in [
        "token = \"123456:SUPERSECRETTOKEN",
        "admin_token = 0x1F_SUPERSECRETTOKEN",
    ] {
        std::fs::write(dir.path().join("bot.toml"), format!("[telegram]\n{line}\n")).unwrap();
        let output = chatcrm(dir.path(), &["migrate"], &[], "");
        assert!(!output.status.success());
        let error = stderr(&output);
        assert!(!error.contains("SUPERSECRET"), "{error}");
        assert!(error.contains("line 2"), "{error}");
    }
}

#[test]
fn bad_configuration_stops_start_up_naming_the_key() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bot.toml"),
        "[database]\nurll = \"sqlite://x.db\"\n",
    )
    .unwrap();
    let output = chatcrm(dir.path(), &["migrate"], &[], "");
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("`database.urll`"),
        "{}",
        stderr(&output)
    );

    std::fs::write(dir.path().join("bot.toml"), "[crm]\npage_size = \"ten\"\n").unwrap();
    let output = chatcrm(dir.path(), &["migrate"], &[], "");
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("`crm.page_size`"),
        "{}",
        stderr(&output)
    );

    std::fs::remove_file(dir.path().join("bot.toml")).unwrap();
    let output = chatcrm(
        dir.path(),
        &["migrate"],
        &[("CHATCRM_CRM__DEFAULT_PHONE_REGION", "Narnia")],
        "",
    );
    assert!(
        stderr(&output).contains("`crm.default_phone_region`"),
        "{}",
        stderr(&output)
    );
    for bad in ["Narnia", "DEU", "XX"] {
        let output = chatcrm(
            dir.path(),
            &["migrate"],
            &[("CHATCRM_CRM__DEFAULT_REGION", bad)],
            "",
        );
        assert!(!output.status.success());
        let error = stderr(&output);
        assert!(
            error.contains("`crm.default_region`") && error.contains("ISO 3166 alpha-2"),
            "{error}"
        );
    }
    let output = chatcrm(
        dir.path(),
        &["migrate"],
        &[("CHATCRM_TELEGRAMM__TOKEN", "x")],
        "",
    );
    assert!(stderr(&output).contains("telegramm"), "{}", stderr(&output));
    let output = chatcrm(
        dir.path(),
        &["migrate"],
        &[("CHATCRM_PRIVACY__EXPORT_LINK_HOURS", "0")],
        "",
    );
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("`privacy.export_link_hours`"),
        "{}",
        stderr(&output)
    );

    // A database URL with a password is never printed with it.
    let output = chatcrm(
        dir.path(),
        &["migrate"],
        &[("CHATCRM_DATABASE__URL", "mysql://root:hunter2@localhost/db")],
        "",
    );
    assert!(
        stderr(&output).contains("`database.url`"),
        "{}",
        stderr(&output)
    );
    assert!(!stderr(&output).contains("hunter2"), "{}", stderr(&output));
    let output = chatcrm(
        dir.path(),
        &["migrate"],
        &[
            (
                "CHATCRM_DATABASE__URL",
                "postgres://nobody:hunter2@127.0.0.1:1/db",
            ),
            ("CHATCRM_DATABASE__BUSY_TIMEOUT_SECS", "1"),
        ],
        "",
    );
    assert!(!output.status.success());
    assert!(!stderr(&output).contains("hunter2"), "{}", stderr(&output));

    let output = chatcrm(dir.path(), &["--config", "missing.toml", "chat"], &[], "");
    assert!(
        stderr(&output).contains("missing.toml does not exist"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn digits_only_secrets_from_the_environment_are_accepted_and_never_echoed() {
    let dir = tempfile::tempdir().unwrap();
    let secrets = [
        ("CHATCRM_HTTP__ADMIN_TOKEN", "98765432101234"),
        ("CHATCRM_TELEGRAM__WEBHOOK_SECRET", "0012345678901"),
        ("CHATCRM_WHATSAPP__ACCESS_TOKEN", "0055501234567"),
        ("CHATCRM_WHATSAPP__APP_SECRET", "4242424242424242"),
        ("CHATCRM_WHATSAPP__VERIFY_TOKEN", "0777777777"),
    ];
    let mut envs = secrets.to_vec();
    envs.extend([
        ("CHATCRM_TELEGRAM__TOKEN", "123456:TEST-TOKEN"),
        ("CHATCRM_TELEGRAM__MODE", "webhook"),
        ("CHATCRM_HTTP__PUBLIC_URL", "https://crm.example.com"),
        ("CHATCRM_WHATSAPP__PHONE_NUMBER_ID", "106540352242922"),
    ]);
    let output = chatcrm(dir.path(), &["migrate"], &envs, "");
    assert!(output.status.success(), "{}", stderr(&output));
    for (_, secret) in secrets {
        assert!(!stderr(&output).contains(secret), "{}", stderr(&output));
        assert!(!stdout(&output).contains(secret), "{}", stdout(&output));
    }

    // A secret of the wrong kind is refused, naming the key but not the value.
    std::fs::write(
        dir.path().join("bot.toml"),
        "[http]\nadmin_token = { token = \"hunter2-in-a-table\" }\n",
    )
    .unwrap();
    let output = chatcrm(dir.path(), &["migrate"], &[], "");
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("`http.admin_token`"),
        "{}",
        stderr(&output)
    );
    assert!(!stderr(&output).contains("hunter2"), "{}", stderr(&output));
    std::fs::write(
        dir.path().join("bot.toml"),
        "[telegram]\nwebhook_secret = 98765.4321\n",
    )
    .unwrap();
    let output = chatcrm(dir.path(), &["migrate"], &[], "");
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("`telegram.webhook_secret`"),
        "{}",
        stderr(&output)
    );
    assert!(!stderr(&output).contains("98765"), "{}", stderr(&output));
}

#[test]
fn help_and_version() {
    let dir = tempfile::tempdir().unwrap();
    let output = chatcrm(dir.path(), &["--help"], &[], "");
    let out = stdout(&output);
    // Each subcommand is listed on a line of its own, with the global option.
    for command in ["chat", "serve", "migrate"] {
        assert!(
            out.lines()
                .any(|line| line.split_whitespace().next() == Some(command)),
            "{command}: {out}"
        );
    }
    assert!(out.contains("--config <"), "{out}");
    let output = chatcrm(dir.path(), &["--version"], &[], "");
    assert_eq!(
        stdout(&output).trim(),
        format!("chatcrm {}", env!("CARGO_PKG_VERSION"))
    );
}

/// `CHATCRM_LLM__*` configure the model; a plain-http model server off this machine stops
/// start-up naming `llm.base_url`, and the key never shows.
#[test]
fn llm_settings_from_the_environment_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let refused = chatcrm(
        dir.path(),
        &["migrate"],
        &[
            ("CHATCRM_LLM__BASE_URL", "http://models.example.com/v1"),
            ("CHATCRM_LLM__MODEL", "llama3.1"),
            ("CHATCRM_LLM__API_KEY", "sk-env-secret-2"),
        ],
        "",
    );
    assert!(!refused.status.success());
    let error = stderr(&refused);
    assert!(
        error.contains("`llm.base_url`") && error.contains("https://"),
        "{error}"
    );
    assert!(!error.contains("sk-env-secret-2"), "{error}");

    let loopback = chatcrm(
        dir.path(),
        &["migrate"],
        &[
            ("CHATCRM_LLM__BASE_URL", "http://127.0.0.1:11434/v1"),
            ("CHATCRM_LLM__MODEL", "llama3.1"),
            ("CHATCRM_LLM__API_KEY", "sk-env-secret-2"),
        ],
        "",
    );
    assert!(loopback.status.success(), "{}", stderr(&loopback));
    assert!(!stderr(&loopback).contains("sk-env-secret-2"));
}
