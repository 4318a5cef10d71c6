//! Bench data: contacts with realistic names, phones, e-mails and roles, inserted straight
//! into one workspace in batches of 1,000 (the chat path is measured elsewhere).

use std::time::Instant;

use chatcrm::crm::search_key::search_key;
use chatcrm::store::{Backend, Store};

const FIRST: &[&str] = &[
    "Anna", "Ivan", "Zoë", "Jürgen", "María", "Li", "Olga", "Pierre", "Sven", "Aiko",
];
const LAST: &[&str] = &[
    "Petrova", "Müller", "Smith", "García", "Ivanov", "Dubois", "Tanaka", "Nowak", "Rossi", "Berg",
];
const ROLES: &[&str] = &["Buyer", "CTO", "Sales Lead", "Engineer", "Office Manager"];

/// Inserts `n` contacts into `workspace` (statistics refreshed on PostgreSQL).
pub async fn contacts(store: &Store, workspace: i64, n: usize) {
    let started = Instant::now();
    for batch in 0..n.div_ceil(1000) {
        let mut tx = store.begin().await.expect("begin");
        for i in batch * 1000..((batch + 1) * 1000).min(n) {
            let name = format!(
                "{} {} {i}",
                FIRST[i % FIRST.len()],
                LAST[(i / 10) % LAST.len()]
            );
            let phone = format!("+49151{:08}", i);
            let email = format!("c{i}@{}.example", ["acme", "globex", "initech"][i % 3]);
            let role = ROLES[i % ROLES.len()];
            sqlx::query(
                "INSERT INTO contacts (workspace_id, handle_no, name, phone, email, position, search_key, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, 0, 0)",
            )
            .bind(workspace)
            .bind(i as i64 + 1_000_000)
            .bind(&name)
            .bind(&phone)
            .bind(&email)
            .bind(role)
            .bind(search_key([name.as_str(), phone.as_str(), email.as_str(), role]))
            .execute(&mut *tx)
            .await
            .expect("insert");
        }
        tx.commit().await.expect("commit");
    }
    if store.backend() == Backend::Postgres {
        sqlx::query("ANALYZE")
            .execute(store.pool())
            .await
            .expect("analyze");
    }
    println!(
        "  seeded {n} contacts in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}
