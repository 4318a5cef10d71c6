//! Every message of every locale, rendered (issue 11, item 14): numeric arguments with 0,
//! 1, 2, 5, 21 (and 11, 22 for Russian), the others with plausible text. Nothing may be
//! missing or fall back to English, no `{$…}` may leak, no Fluent error may occur, and a
//! number printed next to a noun must go through the language's plural rules ("1
//! contact", "2 контакта", "5 контактов", "21 контакт") — checked by rendering, so a
//! message that prints a count without selecting on it is caught.

use std::collections::BTreeSet;

use fluent_templates::fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};

const LOCALES: [(&str, &str); 3] = [
    ("en", include_str!("../../locales/en/main.ftl")),
    ("ru", include_str!("../../locales/ru/main.ftl")),
    ("es", include_str!("../../locales/es/main.ftl")),
];

/// Arguments the code passes as numbers.
const NUMERIC: &[&str] = &[
    "activities",
    "allowed",
    "companies",
    "consents",
    "contacts",
    "count",
    "created",
    "deals",
    "errors",
    "files",
    "hours",
    "identities",
    "kb",
    "limit",
    "max",
    "mb",
    "members",
    "minutes",
    "notes",
    "number",
    "own",
    "page",
    "pages",
    "records",
    "rows",
    "size",
    "tasks",
    "updated",
    "used",
    "workspaces",
];

/// Numbers printed without a plural on purpose (for every locale, or one): after a unit
/// symbol or as a number without a noun ("12 MB", "page 2 of 5", "in 5 min.", "… and 5
/// more", "/unlink 2"). A value after a label ("files: 5", "файлов — 5") is found by
/// [`label_value`] and needs no entry.
const NOT_A_COUNT: &[(&str, &str, &str)] = &[
    ("*", "page-of", "page"),
    ("*", "page-of", "pages"),
    ("*", "import-too-large", "mb"),
    ("*", "import-too-many", "max"),
    ("*", "import-more-rows", "count"),
    ("*", "file-too-large", "mb"),
    ("*", "file-attached", "kb"),
    ("*", "file-quota-full", "used"),
    ("*", "file-quota-full", "allowed"),
    ("*", "file-quota-full", "size"),
    ("*", "file-user-quota-full", "used"),
    ("*", "file-user-quota-full", "allowed"),
    ("*", "file-user-quota-full", "size"),
    ("*", "invites-line", "number"),
    ("*", "choice-revoke", "number"),
    ("*", "unlink-not-allowed", "own"),
    ("*", "delete-account-limit", "minutes"),
    ("ru", "export-link", "hours"),
    ("es", "export-link", "hours"),
    ("ru", "more-matches", "max"),
];

/// Whether every `#` in `shape` is a value after a label: ": #" or "— #", then the end of
/// the text or of a clause.
fn label_value(shape: &str) -> bool {
    let mut rest = shape;
    let mut any = false;
    while let Some(at) = rest.find('#') {
        let before = &rest[..at];
        let after = rest[at + 1..].chars().next();
        let labelled = before.ends_with(": ") || before.ends_with("— ");
        let ends = matches!(after, None | Some('.' | ',' | ';' | ')' | '\n'));
        if !(labelled && ends) {
            return false;
        }
        any = true;
        rest = &rest[at + 1..];
    }
    any
}

/// Message ids of one Fluent file, in order, with the lines that make up each message.
fn messages(source: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in source.lines() {
        if line.starts_with(|c: char| c.is_ascii_lowercase())
            && let Some((id, _)) = line.split_once(" =")
        {
            out.push((id.trim().to_string(), line.to_string()));
            continue;
        }
        if line.starts_with(' ')
            && let Some((_, text)) = out.last_mut()
        {
            text.push('\n');
            text.push_str(line);
        }
    }
    out
}

/// The `$name` variables a message's text uses.
fn variables(text: &str) -> BTreeSet<String> {
    text.split('$')
        .skip(1)
        .map(|rest| {
            rest.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                .collect::<String>()
        })
        .filter(|name| !name.is_empty())
        .collect()
}

fn bundle(code: &str, source: &str) -> FluentBundle<FluentResource> {
    let resource = FluentResource::try_new(source.to_string()).expect("valid Fluent");
    let mut bundle = FluentBundle::new(vec![code.parse().unwrap()]);
    bundle.set_use_isolating(false);
    bundle.add_resource(resource).expect("no duplicate ids");
    bundle
}

/// Renders `id` with every numeric variable 7 except `var` = `n`, text elsewhere.
fn render(
    bundle: &FluentBundle<FluentResource>,
    id: &str,
    vars: &BTreeSet<String>,
    var: Option<&str>,
    n: i64,
) -> String {
    let mut args = FluentArgs::new();
    for name in vars {
        let value = if Some(name.as_str()) == var {
            FluentValue::from(n)
        } else if NUMERIC.contains(&name.as_str()) {
            FluentValue::from(7)
        } else {
            FluentValue::from("Anna Petrova")
        };
        args.set(name.clone(), value);
    }
    let message = bundle
        .get_message(id)
        .unwrap_or_else(|| panic!("{id} is missing"));
    let pattern = message
        .value()
        .unwrap_or_else(|| panic!("{id} has no value"));
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
    assert!(errors.is_empty(), "{id}: {errors:?}");
    text.into_owned()
}

/// The text with the rendered number `n` replaced by `#`, so that only words differ.
fn shape(text: &str, n: i64) -> String {
    text.replace(&n.to_string(), "#")
}

#[test]
fn every_message_renders_in_every_locale_with_plural_forms() {
    let english = messages(LOCALES[0].1);
    assert!(english.len() > 300, "{}", english.len());
    let mut problems = Vec::new();
    for (code, source) in LOCALES {
        let bundle = bundle(code, source);
        let own: BTreeSet<String> = messages(source).into_iter().map(|(id, _)| id).collect();
        for (id, english_text) in &english {
            if !own.contains(id) {
                problems.push(format!("{code}: {id} is missing (English would be shown)"));
                continue;
            }
            let text = messages(source)
                .into_iter()
                .find(|(other, _)| other == id)
                .map(|(_, text)| text)
                .unwrap_or_default();
            let vars: BTreeSet<String> = variables(&text)
                .union(&variables(english_text))
                .cloned()
                .collect();
            for n in [0, 1, 2, 5, 11, 21, 22] {
                let rendered = render(&bundle, id, &vars, None, n);
                if rendered.contains("{$") || rendered.contains("{ $") || rendered.contains('$') {
                    problems.push(format!("{code}: {id} leaks a variable: {rendered}"));
                }
            }
            for var in vars.iter().filter(|v| NUMERIC.contains(&v.as_str())) {
                let out = |n: i64| render(&bundle, id, &vars, Some(var), n);
                let allowed = NOT_A_COUNT
                    .iter()
                    .any(|(l, m, v)| (*l == "*" || *l == code) && m == id && v == var);
                if !out(5).contains('5') || allowed || label_value(&shape(&out(5), 5)) {
                    continue;
                }
                let [zero, one, two, five, eleven, twenty_one, twenty_two] =
                    [0, 1, 2, 5, 11, 21, 22].map(|n| shape(&out(n), n));
                let right = match code {
                    // one: 1, 21; few: 2, 22; many: 0, 5, 11 (few and many may share a
                    // form: "не больше 2 / 5 символов").
                    "ru" => {
                        one != five
                            && twenty_one == one
                            && twenty_two == two
                            && eleven == five
                            && zero == five
                    }
                    // one: 1; other: 0, 2, 5, 11, 21.
                    _ => one != five && zero == five && two == five && twenty_one == five,
                };
                if !right {
                    problems.push(format!(
                        "{code}: {id} prints ${var} without its plural forms:\n   1: {}\n   2: {}\n   5: {}",
                        out(1),
                        out(2),
                        out(5)
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn counts_read_naturally() {
    let bundles: Vec<_> = LOCALES.iter().map(|(c, s)| (*c, bundle(c, s))).collect();
    let count = |code: &str, id: &str, var: &str, n: i64| {
        let (_, bundle) = bundles.iter().find(|(c, _)| *c == code).unwrap();
        let vars: BTreeSet<String> = messages(LOCALES.iter().find(|(c, _)| *c == code).unwrap().1)
            .into_iter()
            .find(|(other, _)| other == id)
            .map(|(_, text)| variables(&text))
            .unwrap_or_default();
        render(bundle, id, &vars, Some(var), n)
    };
    for (n, form) in [
        (1, "1 контакт"),
        (2, "2 контакта"),
        (5, "5 контактов"),
        (21, "21 контакт"),
    ] {
        let header = count("ru", "contacts-header", "count", n);
        assert!(header.starts_with(form), "{header}");
        let preview = count("ru", "import-preview", "rows", n);
        assert!(preview.contains(&format!("к импорту {form},")), "{preview}");
    }
    assert!(count("en", "import-preview", "rows", 1).contains(": 1 contact to import"));
    assert!(count("en", "import-preview", "rows", 21).contains(": 21 contacts to import"));
    assert!(count("es", "import-preview", "rows", 1).contains(": 1 contacto "));
    assert!(count("en", "text-too-long", "max", 1).contains("at most 1 character)"));
}
