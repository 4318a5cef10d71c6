//! Rebuilds the crate when a migration is added or changed: `sqlx::migrate!` embeds the
//! migration folders at compile time, and cargo does not watch them by itself.
//!
//! Also sets the `postgres_tests` cfg when `TEST_DATABASE_URL` is set at build time: the
//! PostgreSQL variants of the tests are then compiled to run; without it they are marked
//! ignored ("needs TEST_DATABASE_URL"), so a run without a server never counts them as
//! passed.

fn main() {
    println!("cargo:rerun-if-changed=migrations");
    // The Fluent loader embeds every folder under locales/: a new language is a new folder.
    println!("cargo:rerun-if-changed=locales");
    println!("cargo:rerun-if-env-changed=TEST_DATABASE_URL");
    println!("cargo::rustc-check-cfg=cfg(postgres_tests)");
    if std::env::var("TEST_DATABASE_URL").is_ok_and(|url| !url.trim().is_empty()) {
        println!("cargo:rustc-cfg=postgres_tests");
    }
}
