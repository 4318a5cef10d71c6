//! The webhook signature: `X-Hub-Signature-256: sha256=<hex>`, an HMAC-SHA256 of the raw
//! body with the app secret, checked over the bytes exactly as received and compared in
//! constant time.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// The header Meta signs deliveries in.
pub const SIGNATURE_HEADER: &str = "x-hub-signature-256";

/// Whether `header` (the header's value, if any) is the signature of `body` with `secret`.
/// A missing, malformed or truncated signature is simply not valid.
pub fn is_valid(secret: &[u8], body: &[u8], header: Option<&[u8]>) -> bool {
    let Some(hex_digest) = header.and_then(|h| h.strip_prefix(b"sha256=")) else {
        return false;
    };
    let Ok(given) = hex::decode(hex_digest) else {
        return false;
    };
    if secret.is_empty() {
        return false;
    }
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret) else {
        return false;
    };
    mac.update(body);
    // Checks the length, then compares in constant time.
    mac.verify_slice(&given).is_ok()
}

/// The header value for `body` signed with `secret` (tests and tools).
pub fn sign(secret: &[u8], body: &[u8]) -> String {
    let mut mac = match Hmac::<Sha256>::new_from_slice(secret) {
        Ok(mac) => mac,
        Err(_) => return String::new(),
    };
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_only_the_exact_signature_of_the_raw_bytes() {
        let body = "{\"text\":\"Zoë Ångström ☕\"}".as_bytes();
        let header = sign(b"app-secret", body);
        assert!(is_valid(b"app-secret", body, Some(header.as_bytes())));
        // Upper-case hex is the same signature.
        let upper = format!("sha256={}", header[7..].to_uppercase());
        assert!(is_valid(b"app-secret", body, Some(upper.as_bytes())));
        assert!(!is_valid(b"other-secret", body, Some(header.as_bytes())));
        assert!(!is_valid(b"app-secret", b"{}", Some(header.as_bytes())));
        assert!(!is_valid(b"app-secret", body, None));
        assert!(!is_valid(
            b"app-secret",
            body,
            Some(&header.as_bytes()[..40])
        ));
        assert!(!is_valid(
            b"app-secret",
            body,
            Some(&header.as_bytes()[7..])
        ));
        assert!(!is_valid(b"app-secret", body, Some(b"sha256=zz")));
        assert!(!is_valid(b"", body, Some(header.as_bytes())));
        // The escaped form Meta may send is a different body with its own signature.
        let escaped = br#"{"text":"Zo\u00eb \u00c5ngstr\u00f6m \u2615"}"#;
        assert!(!is_valid(b"app-secret", escaped, Some(header.as_bytes())));
    }

    /// RFC 4231 test case 2 pins the algorithm, the hex form and the argument order: with
    /// key and body swapped (in `sign`, in `is_valid` or in both) the digest differs.
    #[test]
    fn rfc_4231_vector_pins_key_and_body() {
        let (key, data) = (
            b"Jefe".as_slice(),
            b"what do ya want for nothing?".as_slice(),
        );
        let expected = "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
        assert_eq!(sign(key, data), expected);
        assert!(is_valid(key, data, Some(expected.as_bytes())));
        assert!(!is_valid(data, key, Some(expected.as_bytes())));
        assert!(!is_valid(key, data, Some(sign(data, key).as_bytes())));
        // Only the `sha256=` prefix names the algorithm.
        let bare = &expected["sha256=".len()..];
        assert!(!is_valid(
            key,
            data,
            Some(format!("sha1={bare}").as_bytes())
        ));
    }
}
