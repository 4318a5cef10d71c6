//! Bench settings and scratch databases: knobs read from the environment, and a
//! PostgreSQL database on `TEST_DATABASE_URL` made for one run and dropped after it.

use sqlx::migrate::MigrateDatabase;

/// The number in environment variable `name`, else `default`.
pub fn knob(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A new database `<name>_<pid>` on the server of `TEST_DATABASE_URL`, or `None` when that
/// variable is not set.
pub async fn create_postgres(name: &str) -> Option<String> {
    let base = std::env::var("TEST_DATABASE_URL").ok()?;
    let mut url = url::Url::parse(&base).expect("TEST_DATABASE_URL is a URL");
    url.set_path(&format!("{name}_{}", std::process::id()));
    let url = url.to_string();
    sqlx::any::install_default_drivers();
    sqlx::Any::create_database(&url)
        .await
        .expect("create the bench database");
    Some(url)
}

/// Drops a database made by [`create_postgres`].
pub async fn drop_postgres(url: &str) {
    sqlx::Any::force_drop_database(url)
        .await
        .expect("drop the bench database");
}
