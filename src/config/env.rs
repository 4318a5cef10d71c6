//! Reading settings as text: the environment provider that keeps text settings exact
//! strings, and lenient text that takes a TOML integer as its digits.

use std::fmt;

use figment::providers::{Env, Serialized};
use figment::value::{Dict, Map, Value};
use figment::{Figment, Metadata, Profile, Provider};
use serde::Deserializer;

use super::Config;

/// A text setting that also takes an integer as its digits (a TOML `phone_number_id =
/// 106540352242922`). The error for any other kind of value names only its kind.
pub(super) fn lenient_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    struct Text;
    impl serde::de::Visitor<'_> for Text {
        type Value = String;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<String, E> {
            Ok(value.to_string())
        }
        fn visit_string<E: serde::de::Error>(self, value: String) -> Result<String, E> {
            Ok(value)
        }
        fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<String, E> {
            Ok(value.to_string())
        }
        fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<String, E> {
            Ok(value.to_string())
        }
        fn visit_u128<E: serde::de::Error>(self, value: u128) -> Result<String, E> {
            Ok(value.to_string())
        }
        fn visit_i128<E: serde::de::Error>(self, value: i128) -> Result<String, E> {
            Ok(value.to_string())
        }
    }
    deserializer.deserialize_any(Text)
}

/// The environment provider, with every value of a text setting (a string in the defaults)
/// kept as the exact string: figment alone reads `0123456789` as the number 123456789 and
/// `98765432101234` as a number a string setting refuses.
pub(super) struct TextEnv(pub(super) Env);

impl TextEnv {
    /// The value of `key` (a dotted path) read from the environment's `raw` text.
    fn value(defaults: &Figment, key: &str, raw: &str) -> Value {
        let parsed: Value = raw.parse().unwrap_or_else(|e| match e {});
        let text_setting = matches!(defaults.find_value(key), Ok(Value::String(..)));
        if text_setting && !matches!(parsed, Value::String(..)) {
            Value::from(raw.trim().to_string())
        } else {
            parsed
        }
    }
}

impl Provider for TextEnv {
    fn metadata(&self) -> Metadata {
        self.0.metadata()
    }

    fn data(&self) -> Result<Map<Profile, Dict>, figment::Error> {
        let defaults = Figment::from(Serialized::defaults(Config::default()));
        let mut dict = Dict::new();
        for (key, raw) in self.0.iter() {
            let value = Self::value(&defaults, key.as_str(), &raw);
            insert_path(&mut dict, key.as_str(), value);
        }
        Ok(self.0.profile.collect(dict))
    }
}

/// Puts `value` at the dotted `path` in `dict`, creating tables on the way.
fn insert_path(dict: &mut Dict, path: &str, value: Value) {
    match path.split_once('.') {
        None => {
            dict.insert(path.to_string(), value);
        }
        Some((head, rest)) => {
            let entry = dict
                .entry(head.to_string())
                .or_insert_with(|| Value::from(Dict::new()));
            if !matches!(entry, Value::Dict(..)) {
                *entry = Value::from(Dict::new());
            }
            if let Value::Dict(_, inner) = entry {
                insert_path(inner, rest, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_values_of_text_settings_stay_exact_strings() {
        let defaults = Figment::from(Serialized::defaults(Config::default()));
        let value = |key: &str, raw: &str| TextEnv::value(&defaults, key, raw);
        for (key, raw) in [
            ("http.admin_token", "0123456789"),
            ("telegram.webhook_secret", "98765432101234"),
            ("whatsapp.phone_number_id", "106540352242922"),
            ("crm.default_currency", "true"),
        ] {
            assert_eq!(value(key, raw), Value::from(raw.to_string()), "{key}");
        }
        // Numbers and switches are still read as such.
        assert_eq!(value("crm.page_size", "20").to_u128(), Some(20));
        assert_eq!(value("telegram.shaping", "false").to_bool(), Some(false));
    }
}
