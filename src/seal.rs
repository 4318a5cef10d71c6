//! Sealing secrets at rest (OAuth access and refresh tokens): XChaCha20-Poly1305 with a
//! random 24-byte nonce per value, and associated data naming the table, the row and the
//! user, so a sealed value copied to another row or user does not open. A sealed value is
//! text — `v1.<key id>.<hex of nonce and ciphertext>` — where the key id (8 hex digits of
//! the key's SHA-256) says which key sealed it: after a rotation the previous keys still
//! open old values while new ones are sealed with the current key.
//!
//! The key comes from `[security] encryption_key` (64 hex digits) or, when that is unset, a
//! key file made once with mode 0600 ([`Sealer::from_key_file`]). Neither the key nor a
//! plaintext ever appears in `Debug` output or an error.

use std::fmt;
use std::path::Path;

use chacha20poly1305::aead::{Aead, Payload};
use chacha20poly1305::{Key, KeyInit, XChaCha20Poly1305, XNonce};
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::crm::UserId;

/// The format version written in front of every sealed value.
const VERSION: &str = "v1";

/// What a sealed value belongs to: its table, its row and its user. The same binding must
/// be given to open it.
#[derive(Debug, Clone, Copy)]
pub struct Binding<'a> {
    pub table: &'a str,
    pub row: &'a str,
    pub user_id: UserId,
}

impl Binding<'_> {
    fn associated_data(&self) -> Vec<u8> {
        format!("chatcrm\0{}\0{}\0{}", self.table, self.row, self.user_id).into_bytes()
    }
}

/// Why a value could not be sealed or opened. Holds no key and no plaintext.
#[derive(Debug, thiserror::Error)]
pub enum SealError {
    #[error("the encryption key must be 64 hex digits (32 bytes)")]
    BadKey,
    #[error("the key file {path}: {source}")]
    KeyFile {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "set security.encryption_key (64 hex digits, the same on every instance): with \
         PostgreSQL there is no local folder to keep a key file in"
    )]
    NeedsKey,
    #[error("a sealed value was made with key {0}, which is not configured")]
    UnknownKey(String),
    #[error("a sealed value is not in the sealed format")]
    Malformed,
    #[error("a sealed value does not open: it was changed, or it belongs to another row")]
    Tampered,
}

struct SealKey {
    id: String,
    cipher: XChaCha20Poly1305,
}

impl SealKey {
    fn new(bytes: [u8; 32]) -> SealKey {
        let id = hex::encode(&Sha256::digest(bytes)[..4]);
        SealKey {
            id,
            cipher: XChaCha20Poly1305::new(&Key::from(bytes)),
        }
    }
}

/// Seals and opens values with the current key; opens with previous keys too.
pub struct Sealer {
    current: SealKey,
    previous: Vec<SealKey>,
}

impl fmt::Debug for Sealer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sealer")
            .field("key_id", &self.current.id)
            .field(
                "previous_key_ids",
                &self.previous.iter().map(|k| &k.id).collect::<Vec<_>>(),
            )
            .finish()
    }
}

fn parse_key(hex_key: &str) -> Result<[u8; 32], SealError> {
    let bytes = hex::decode(hex_key.trim()).map_err(|_| SealError::BadKey)?;
    bytes.try_into().map_err(|_| SealError::BadKey)
}

impl Sealer {
    /// A sealer with `current` (64 hex digits) and older keys that still open old values.
    pub fn from_hex(current: &str, previous: &[&str]) -> Result<Sealer, SealError> {
        Ok(Sealer {
            current: SealKey::new(parse_key(current)?),
            previous: previous
                .iter()
                .map(|k| parse_key(k).map(SealKey::new))
                .collect::<Result<_, _>>()?,
        })
    }

    /// A sealer with the key kept in `path`, made (32 random bytes as hex, mode 0600, its
    /// folder 0700) when the file does not exist yet.
    pub fn from_key_file(path: &Path) -> Result<Sealer, SealError> {
        let failed = |source| SealError::KeyFile {
            path: path.display().to_string(),
            source,
        };
        if !path.exists() {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                crate::private_fs::create_dir_all(dir).map_err(failed)?;
            }
            let mut key = [0u8; 32];
            rand::rng().fill_bytes(&mut key);
            let mut file = crate::private_fs::create_file(path).map_err(failed)?;
            std::io::Write::write_all(&mut file, hex::encode(key).as_bytes()).map_err(failed)?;
            file.sync_all().map_err(failed)?;
        }
        crate::private_fs::restrict(path).map_err(failed)?;
        let text = std::fs::read_to_string(path).map_err(failed)?;
        Sealer::from_hex(&text, &[])
    }

    /// The sealer the settings ask for: `[security] encryption_key` (and the previous keys)
    /// when set; else a key file `chatcrm.key` next to the SQLite database; else, for an
    /// in-memory database whose sealed values die with the process, a key of this process.
    pub fn from_settings(
        security: &crate::config::SecurityConfig,
        database_url: &str,
    ) -> Result<Sealer, SealError> {
        if !security.encryption_key.is_empty() {
            let previous: Vec<&str> = security
                .previous_encryption_keys
                .iter()
                .map(|k| k.expose())
                .collect();
            return Sealer::from_hex(security.encryption_key.expose(), &previous);
        }
        if let Some(file) = crate::config::sqlite_file(database_url) {
            let dir = file.parent().map(Path::to_path_buf).unwrap_or_default();
            return Sealer::from_key_file(&dir.join("chatcrm.key"));
        }
        if database_url.starts_with("sqlite:") {
            let mut key = [0u8; 32];
            rand::rng().fill_bytes(&mut key);
            return Ok(Sealer {
                current: SealKey::new(key),
                previous: Vec::new(),
            });
        }
        Err(SealError::NeedsKey)
    }

    /// The id of the key new values are sealed with.
    pub fn key_id(&self) -> &str {
        &self.current.id
    }

    /// `plaintext` sealed for `binding`.
    pub fn seal(&self, plaintext: &[u8], binding: Binding<'_>) -> String {
        let mut nonce = [0u8; 24];
        rand::rng().fill_bytes(&mut nonce);
        let aad = binding.associated_data();
        let sealed = self
            .current
            .cipher
            .encrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: plaintext,
                    aad: &aad,
                },
            )
            .expect("XChaCha20-Poly1305 encrypts any message that fits in memory");
        format!(
            "{VERSION}.{}.{}{}",
            self.current.id,
            hex::encode(nonce),
            hex::encode(sealed)
        )
    }

    /// The plaintext of a value sealed for `binding`, with whichever configured key made it.
    pub fn open(&self, sealed: &str, binding: Binding<'_>) -> Result<Vec<u8>, SealError> {
        let mut parts = sealed.splitn(3, '.');
        let (Some(VERSION), Some(key_id), Some(body)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(SealError::Malformed);
        };
        let key = std::iter::once(&self.current)
            .chain(&self.previous)
            .find(|k| k.id == key_id)
            .ok_or_else(|| SealError::UnknownKey(key_id.to_string()))?;
        let bytes = hex::decode(body).map_err(|_| SealError::Malformed)?;
        if bytes.len() < 24 + 16 {
            return Err(SealError::Malformed);
        }
        let (nonce, ciphertext) = bytes.split_at(24);
        let nonce: [u8; 24] = nonce.try_into().map_err(|_| SealError::Malformed)?;
        let aad = binding.associated_data();
        key.cipher
            .decrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: ciphertext,
                    aad: &aad,
                },
            )
            .map_err(|_| SealError::Tampered)
    }

    /// Whether `sealed` was made with a previous key (to re-seal it with the current one).
    pub fn needs_reseal(&self, sealed: &str) -> bool {
        sealed.split('.').nth(1) != Some(self.current.id.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY_A: &str = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    const KEY_B: &str = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";

    fn row(row: &str, user_id: i64) -> Binding<'_> {
        Binding {
            table: "google_connections",
            row,
            user_id: UserId::new(user_id),
        }
    }

    #[test]
    fn a_sealed_token_opens_only_for_its_row_and_user_and_hides_its_text() {
        let sealer = Sealer::from_hex(KEY_A, &[]).unwrap();
        let sealed = sealer.seal(b"1//refresh-token-secret", row("7", 3));
        assert!(sealed.starts_with(&format!("v1.{}.", sealer.key_id())));
        assert!(!sealed.contains("refresh"));
        assert!(!sealed.contains(&hex::encode("refresh-token")));
        assert_eq!(
            sealer.open(&sealed, row("7", 3)).unwrap(),
            b"1//refresh-token-secret"
        );
        assert!(matches!(
            sealer.open(&sealed, row("8", 3)),
            Err(SealError::Tampered)
        ));
        assert!(matches!(
            sealer.open(&sealed, row("7", 4)),
            Err(SealError::Tampered)
        ));
        // A fresh nonce every time: the same token seals differently.
        assert_ne!(sealed, sealer.seal(b"1//refresh-token-secret", row("7", 3)));
    }

    #[test]
    fn a_changed_byte_or_a_bad_shape_does_not_open() {
        let sealer = Sealer::from_hex(KEY_A, &[]).unwrap();
        let sealed = sealer.seal(b"token", row("1", 1));
        let mut flipped = sealed.clone().into_bytes();
        let last = flipped.len() - 1;
        flipped[last] = if flipped[last] == b'0' { b'1' } else { b'0' };
        let flipped = String::from_utf8(flipped).unwrap();
        assert!(matches!(
            sealer.open(&flipped, row("1", 1)),
            Err(SealError::Tampered)
        ));
        for bad in [
            "",
            "v1",
            "v2.abc.00",
            "v1.x",
            &format!("v1.{}.zz", sealer.key_id()),
        ] {
            assert!(sealer.open(bad, row("1", 1)).is_err(), "{bad}");
        }
    }

    #[test]
    fn after_a_rotation_old_values_open_and_ask_to_be_resealed() {
        let old = Sealer::from_hex(KEY_A, &[]).unwrap();
        let sealed = old.seal(b"token", row("1", 1));
        let rotated = Sealer::from_hex(KEY_B, &[KEY_A]).unwrap();
        assert_eq!(rotated.open(&sealed, row("1", 1)).unwrap(), b"token");
        assert!(rotated.needs_reseal(&sealed));
        assert!(!rotated.needs_reseal(&rotated.seal(b"token", row("1", 1))));
        let forgotten = Sealer::from_hex(KEY_B, &[]).unwrap();
        assert!(matches!(
            forgotten.open(&sealed, row("1", 1)),
            Err(SealError::UnknownKey(_))
        ));
    }

    #[test]
    fn keys_are_checked_and_never_shown() {
        assert!(matches!(
            Sealer::from_hex("abc", &[]),
            Err(SealError::BadKey)
        ));
        assert!(matches!(
            Sealer::from_hex(&KEY_A[..62], &[]),
            Err(SealError::BadKey)
        ));
        let sealer = Sealer::from_hex(KEY_A, &[KEY_B]).unwrap();
        let shown = format!("{sealer:?}");
        assert!(!shown.contains(KEY_A) && !shown.contains(KEY_B), "{shown}");
    }

    #[test]
    fn settings_choose_the_configured_key_then_a_file_by_the_database() {
        use crate::config::{Secret, SecurityConfig};
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/crm.db", dir.path().display());
        let by_file = Sealer::from_settings(&SecurityConfig::default(), &url).unwrap();
        assert!(dir.path().join("chatcrm.key").is_file());
        let configured = SecurityConfig {
            encryption_key: Secret::new(KEY_A),
            ..SecurityConfig::default()
        };
        let by_key = Sealer::from_settings(&configured, &url).unwrap();
        assert_eq!(
            by_key.key_id(),
            Sealer::from_hex(KEY_A, &[]).unwrap().key_id()
        );
        assert_ne!(by_key.key_id(), by_file.key_id());
        assert!(Sealer::from_settings(&SecurityConfig::default(), "sqlite::memory:").is_ok());
        let postgres = Sealer::from_settings(&SecurityConfig::default(), "postgres://u@h/db");
        assert!(matches!(postgres, Err(SealError::NeedsKey)));
        assert!(Sealer::from_settings(&configured, "postgres://u@h/db").is_ok());
    }

    #[test]
    fn the_key_file_is_made_once_private_and_then_reused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data").join("chatcrm.key");
        let first = Sealer::from_key_file(&path).unwrap();
        let sealed = first.seal(b"token", row("1", 1));
        let again = Sealer::from_key_file(&path).unwrap();
        assert_eq!(again.key_id(), first.key_id());
        assert_eq!(again.open(&sealed, row("1", 1)).unwrap(), b"token");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.len(), 64);
    }
}
