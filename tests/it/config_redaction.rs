//! Secrets never appear in `Debug` output of the configuration, nor in its errors; digits
//! given for a text setting are that exact text.

use chatcrm::config::{Config, DatabaseConfig, Secret};

#[test]
fn debug_output_hides_the_database_password() {
    let config = Config {
        database: DatabaseConfig {
            url: Secret::new("postgres://crm:hunter2@db.internal/crm"),
            ..DatabaseConfig::default()
        },
        ..Config::default()
    };
    let shown = format!("{config:?}");
    assert!(!shown.contains("hunter2"), "{shown}");
    assert!(shown.contains("db.internal"), "{shown}");
    assert_eq!(format!("{:?}", Secret::new("token")), "[redacted]");
    assert_eq!(Secret::new("token").to_string(), "[redacted]");
}

/// Loads `toml` as bot.toml, with no environment.
fn load(toml: &str) -> Result<Config, String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bot.toml");
    std::fs::write(&path, toml).unwrap();
    Config::load_from(
        Some(&path),
        figment::providers::Env::prefixed("CHATCRM_TEST_UNSET_"),
    )
    .map_err(|e| e.to_string())
}

#[test]
fn secrets_of_the_wrong_kind_are_refused_without_their_value() {
    let cases = [
        (
            "[http]\nadmin_token = { value = \"hunter2-table\" }\n",
            "http.admin_token",
            "hunter2",
        ),
        (
            "[telegram]\nwebhook_secret = [\"hunter2-array\"]\n",
            "telegram.webhook_secret",
            "hunter2",
        ),
        (
            "[whatsapp]\napp_secret = 31415.92653\n",
            "whatsapp.app_secret",
            "31415",
        ),
        ("[telegram]\ntoken = true\n", "telegram.token", "true"),
        (
            "[database]\nurl = { password = \"hunter2\" }\n",
            "database.url",
            "hunter2",
        ),
    ];
    for (toml, key, secret) in cases {
        let error = load(toml).expect_err(toml);
        assert!(error.contains(key), "{error}");
        assert!(!error.contains(secret), "{error}");
    }
    // Other settings still show the value that was wrong.
    let error = load("[crm]\npage_size = \"ten\"\n").unwrap_err();
    assert!(
        error.contains("crm.page_size") && error.contains("ten"),
        "{error}"
    );
}

#[test]
fn integers_for_text_settings_in_the_file_are_their_digits() {
    let config = load(
        "[http]\nadmin_token = 98765432101234\n[whatsapp]\naccess_token = \"t\"\n\
         phone_number_id = 106540352242922\napp_secret = 12345\nverify_token = \"v\"\n",
    )
    .unwrap();
    assert_eq!(config.http.admin_token.expose(), "98765432101234");
    assert_eq!(config.whatsapp.phone_number_id, "106540352242922");
    assert_eq!(config.whatsapp.app_secret.expose(), "12345");
}

/// The repository's bot.toml loads and says exactly the built-in defaults, `[llm]` included.
#[test]
fn the_shipped_bot_toml_is_the_defaults() {
    let shipped = load(include_str!("../../bot.toml")).unwrap();
    let shown = |c: &Config| serde_json::to_value(c).unwrap();
    assert_eq!(shown(&shipped), shown(&Config::default()));
    assert!(
        !shipped.llm.is_configured(),
        "AI is off until a model is named"
    );
}
