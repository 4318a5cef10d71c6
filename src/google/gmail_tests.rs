//! The Gmail client: header parsing, the search query, error classes, and the calls
//! against the fake Google the story tests use.

use crate::google::fake_google;

use fake_google::FakeGoogle;

use super::*;

#[test]
fn address_lists_are_read_with_display_names_and_quotes() {
    assert_eq!(
        addresses(r#"Bob Stone <Bob@Acme.example>, "Doe, Jo" <jo@y.example>; plain@z.example"#),
        ["bob@acme.example", "jo@y.example", "plain@z.example"]
    );
    assert_eq!(addresses("undisclosed-recipients:;"), Vec::<String>::new());
    assert_eq!(addresses(""), Vec::<String>::new());
}

#[test]
fn the_query_covers_from_to_and_cc_in_a_bounded_window() {
    let q = query(&["a@x.example".into(), "b@y.example".into()]);
    assert_eq!(
        q,
        "(from:a@x.example OR to:a@x.example OR cc:a@x.example OR from:b@y.example OR to:b@y.example OR cc:b@y.example) newer_than:90d"
    );
}

#[test]
fn the_reference_message_is_read() {
    let text = include_str!("../../tests/fixtures/google/gmail_message_full.json");
    let raw: RawMessage = serde_json::from_str(text).unwrap();
    let m = message(raw);
    assert_eq!(m.thread_id, "18c1f3a9b2e4d5f6");
    assert_eq!(m.history_id, 912734);
    assert_eq!(m.sent_at, 1764403200000);
    assert_eq!(m.subject, "Re: Demo follow-up");
    assert_eq!(
        m.participants,
        ["bob@acme.example", "anna.petrova@example.com"]
    );
    assert!(m.snippet.starts_with("Hi Anna"));
}

#[test]
fn statuses_are_classified() {
    let limited = GmailError::from_response(429, Some(Duration::from_secs(3)), "");
    assert_eq!(
        limited,
        GmailError::RateLimited {
            retry_after: Some(Duration::from_secs(3))
        }
    );
    assert!(matches!(
        GmailError::from_response(
            403,
            None,
            r#"{"errors":[{"reason":"userRateLimitExceeded"}]}"#
        ),
        GmailError::RateLimited { .. }
    ));
    assert_eq!(
        GmailError::from_response(401, None, ""),
        GmailError::Unauthorized
    );
    assert_eq!(
        GmailError::from_response(404, None, ""),
        GmailError::NotFound
    );
    assert!(matches!(
        GmailError::from_response(503, None, ""),
        GmailError::Unavailable(_)
    ));
    assert!(matches!(
        GmailError::from_response(400, None, ""),
        GmailError::Failed(_)
    ));
}

#[test]
fn snippets_are_unescaped() {
    assert_eq!(
        unescape("it&#39;s &lt;b&gt; &amp; &quot;x&quot;"),
        "it's <b> & \"x\""
    );
}

#[tokio::test]
async fn search_get_and_history_against_the_fake() {
    let fake = FakeGoogle::start().await;
    let token = Secret::new(fake.issue_access_token());
    let http = reqwest::Client::new();
    let gmail = Gmail::new(&http, &fake.api_url(), &token);
    let first = fake.add_mail(
        "t1",
        "Bob <bob@acme.example>",
        "me@example.com",
        "Quote",
        "Hi &amp; hello",
    );
    let other = fake.add_mail("t2", "other@else.example", "me@example.com", "Other", "no");
    let found = gmail.search(&["bob@acme.example".into()]).await.unwrap();
    assert_eq!(
        found,
        [MessageRef {
            id: first.clone(),
            thread_id: "t1".into()
        }]
    );
    let got = gmail.message(&first).await.unwrap().unwrap();
    assert_eq!(got.subject, "Quote");
    assert_eq!(got.snippet, "Hi & hello");
    assert_eq!(got.participants, ["bob@acme.example", "me@example.com"]);
    assert_eq!(gmail.message("nope").await.unwrap(), None);

    let second = fake.add_mail(
        "t1",
        "me@example.com",
        "bob@acme.example",
        "Re: Quote",
        "Sure",
    );
    fake.delete_mail(&first);
    let changes = gmail.history(got.history_id).await.unwrap();
    let added: Vec<&str> = changes.added.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(added, [other.as_str(), second.as_str()]);
    assert_eq!(
        changes
            .deleted
            .iter()
            .map(|m| m.id.as_str())
            .collect::<Vec<_>>(),
        [first.as_str()]
    );
    assert!(changes.history_id.unwrap() > got.history_id);

    fake.expire_gmail_history();
    assert_eq!(
        gmail.history(got.history_id).await,
        Err(GmailError::NotFound)
    );
    let bad = Secret::new("ya29.unknown");
    let refused = Gmail::new(&http, &fake.api_url(), &bad);
    assert_eq!(
        refused.search(&["bob@acme.example".into()]).await,
        Err(GmailError::Unauthorized)
    );
    fake.fail_gmail(Some(429));
    assert_eq!(
        gmail.history(1).await,
        Err(GmailError::RateLimited {
            retry_after: Some(Duration::from_secs(7))
        })
    );
}
