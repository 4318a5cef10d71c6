use super::*;

fn env() -> PlanEnv {
    PlanEnv {
        user_id: UserId::new(7),
        tz: chrono_tz::Europe::Berlin,
        default_currency: None,
    }
}

fn plan(json: Value) -> Result<Query, PlanError> {
    validate(&json.to_string(), &env())
}

#[test]
fn a_full_deal_plan_becomes_a_typed_query() {
    let query = plan(json!({
        "kind": "deals",
        "filters": [
            {"field": "amount", "op": "at_least", "value": "5000 EUR"},
            {"field": "stage", "op": "is", "value": "Negotiation"},
            {"field": "company", "op": "contains", "value": "Ácme"},
            {"field": "owner", "op": "is", "value": "me"},
            {"field": "close_date", "op": "before", "value": "2026-12-31"}
        ],
        "sort": {"field": "amount", "order": "desc"},
        "limit": 5
    }))
    .unwrap();
    assert_eq!(query.kind, QueryKind::Deals);
    assert_eq!(
        query.filters,
        vec![
            Filter::AmountAtLeast(Money {
                minor: 500_000,
                currency: Currency::EUR
            }),
            Filter::Stage(Stage::Negotiation),
            Filter::CompanyWords("acme".into()),
            Filter::Mine(UserId::new(7)),
            Filter::CloseBefore("2026-12-31".into()),
        ]
    );
    assert_eq!(
        (query.sort, query.descending, query.limit),
        (SortField::Amount, true, 5)
    );
}

#[test]
fn days_are_read_in_the_users_zone() {
    let query = plan(json!({"kind": "tasks", "filters": [
        {"field": "due", "op": "before", "value": "2026-12-05"},
        {"field": "created", "op": "on_or_after", "value": "2026-11-01T10:00:00Z"}
    ], "sort": null, "limit": null}))
    .unwrap();
    // Midnight in Berlin is 23:00 UTC the day before (winter time).
    let dec5 = chrono::DateTime::parse_from_rfc3339("2026-12-04T23:00:00Z").unwrap();
    let nov1 = chrono::DateTime::parse_from_rfc3339("2026-10-31T23:00:00Z").unwrap();
    assert_eq!(
        query.filters,
        vec![
            Filter::DueBefore(dec5.timestamp_millis()),
            Filter::CreatedFrom(nov1.timestamp_millis())
        ]
    );
    assert_eq!(
        (query.sort, query.limit),
        (SortField::Handle, DEFAULT_LIMIT)
    );
}

#[test]
fn a_field_of_another_kind_is_refused() {
    assert_eq!(
        plan(
            json!({"kind": "contacts", "filters": [{"field": "amount", "op": "at_least", "value": "5 EUR"}]})
        ),
        Err(PlanError::UnknownField {
            kind: "contacts",
            field: "amount".into()
        })
    );
    assert_eq!(
        plan(
            json!({"kind": "contacts", "filters": [{"field": "password", "op": "is", "value": "x"}]})
        ),
        Err(PlanError::UnknownField {
            kind: "contacts",
            field: "password".into()
        })
    );
}

#[test]
fn unknown_operators_values_kinds_and_sorts_are_refused() {
    let one = |f: Value| plan(json!({"kind": "deals", "filters": [f]}));
    assert_eq!(
        one(json!({"field": "title", "op": "is", "value": "x"})),
        Err(PlanError::UnknownOp {
            field: "title".into(),
            op: "is".into()
        })
    );
    assert_eq!(
        one(json!({"field": "stage", "op": "is", "value": "dreaming"})),
        Err(PlanError::BadValue {
            field: "stage".into(),
            value: "dreaming".into()
        })
    );
    assert!(matches!(
        one(json!({"field": "close_date", "op": "before", "value": "next friday"})),
        Err(PlanError::BadValue { .. })
    ));
    assert!(matches!(
        one(json!({"field": "owner", "op": "is", "value": "bob"})),
        Err(PlanError::BadValue { .. })
    ));
    assert!(matches!(
        one(json!({"field": "title", "op": "contains", "value": " ; -- "})),
        Err(PlanError::BadValue { .. })
    ));
    assert_eq!(
        one(json!({"field": "amount", "op": "at_least", "value": "5000"})),
        Err(PlanError::NeedsCurrency)
    );
    assert_eq!(
        plan(json!({"kind": "users", "filters": []})),
        Err(PlanError::UnknownKind("users".into()))
    );
    assert_eq!(
        plan(json!({"kind": "notes", "sort": {"field": "amount", "order": "asc"}})),
        Err(PlanError::UnknownSort {
            kind: "notes",
            field: "amount".into()
        })
    );
    assert!(matches!(
        plan(json!({"kind": "notes", "limit": 0})),
        Err(PlanError::BadValue { .. })
    ));
}

#[test]
fn an_amount_without_currency_takes_the_default() {
    let env = PlanEnv {
        default_currency: Some(Currency::USD),
        ..env()
    };
    let query = validate(
        r#"{"kind":"deals","filters":[{"field":"amount","op":"at_most","value":1200}]}"#,
        &env,
    )
    .unwrap();
    assert_eq!(
        query.filters,
        vec![Filter::AmountAtMost(Money {
            minor: 120_000,
            currency: Currency::USD
        })]
    );
}

#[test]
fn anything_but_a_plan_is_refused() {
    for answer in [
        "SELECT * FROM contacts",
        "",
        r#"{"kind": "contacts", "sql": "DROP TABLE contacts"}"#,
        r#"{"kind": "contacts", "filters": [{"field": "name", "op": "contains", "value": "a", "raw": "1=1"}]}"#,
        r#"["contacts"]"#,
    ] {
        assert_eq!(
            validate(answer, &env()),
            Err(PlanError::NotAPlan),
            "{answer}"
        );
    }
    assert_eq!(plan(json!({"kind": null})), Err(PlanError::NoKind));
    let many: Vec<Value> = (0..=MAX_FILTERS)
        .map(|_| json!({"field": "name", "op": "contains", "value": "a"}))
        .collect();
    assert_eq!(
        plan(json!({"kind": "contacts", "filters": many})),
        Err(PlanError::TooManyFilters)
    );
}

#[test]
fn the_limit_is_capped_and_a_code_fence_is_read_through() {
    let query = validate(
        "```json\n{\"kind\": \"companies\", \"filters\": [], \"sort\": {\"field\": \"name\", \"order\": \"asc\"}, \"limit\": 500}\n```",
        &env(),
    )
    .unwrap();
    assert_eq!((query.limit, query.sort), (MAX_LIMIT, SortField::Name));
}

#[test]
fn the_schema_lists_exactly_what_the_validator_accepts() {
    let schema = schema().schema;
    let fields = schema["properties"]["filters"]["items"]["properties"]["field"]["enum"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(fields.len(), 14, "{fields:?}");
    for field in fields {
        let field = field.as_str().unwrap();
        assert!(FIELDS.iter().any(|f| f.field == field), "{field}");
    }
    for spec in FIELDS {
        for op in spec.ops {
            let ops = &schema["properties"]["filters"]["items"]["properties"]["op"]["enum"];
            assert!(ops.as_array().unwrap().contains(&json!(op)), "{op}");
        }
    }
    let lines = describe_fields();
    assert_eq!(lines.len(), QueryKind::ALL.len());
    assert!(
        lines[2].starts_with("deals: filters title (contains"),
        "{}",
        lines[2]
    );
}
