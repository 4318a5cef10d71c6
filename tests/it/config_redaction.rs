//! Secrets never appear in `Debug` output of the configuration.

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
