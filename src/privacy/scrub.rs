//! The scrub after an account deletion: the database files keep no trace of the deleted
//! rows. Which tables can hold personal data is the privacy registry's to say; how to
//! scrub them is the store's (`store::erasure::vacuum`).

use super::registry;
use crate::store::{Result, Store, erasure};

/// Scrubs every table the registry marks personal.
pub async fn scrub(store: &Store) -> Result<()> {
    erasure::vacuum(store, registry::personal()).await
}

#[cfg(test)]
mod tests {
    use super::registry;

    #[test]
    fn the_tables_that_hold_personal_data_are_scrubbed() {
        let personal: Vec<&str> = registry::personal().collect();
        for table in [
            "files",
            "users",
            "contacts",
            "audit_log",
            "outbox",
            "link_codes",
            "pending_choices",
        ] {
            assert!(personal.contains(&table), "{table}");
        }
    }
}
