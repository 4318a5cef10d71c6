//! Import of contacts from a CSV or vCard file: a preview (counts, first rows, problems),
//! then Confirm creates or updates contacts (matched by email or phone) and their companies.
//! The parsed rows wait in the dialogue table, so a restart before Confirm loses nothing.
//! In the console, `/import PATH` reads a local file; chat channels send the file itself.

use serde_json::json;

use super::render::{field_problem, shorten};
use super::{Ctx, Replies, asking};
use crate::crm::import::{
    ImportError, ImportRow, MAX_IMPORT_BYTES, RowError, RowProblem, parse_import, preview_lines,
};
use crate::crm::{CompanyId, Contact, ContactDraft, RecordKind};
use crate::message::Channel;
use crate::router::{Button, Dialogue};
use crate::store::{self, companies, contacts, dialogues};
use crate::tr;

/// Rows and problems shown in a preview.
const PREVIEW_ROWS: usize = 5;

/// `/import PATH`: the console reads a local file; elsewhere the user sends the file.
pub async fn import_path(ctx: &mut Ctx<'_>, path: &str) -> Replies {
    if ctx.channel != Channel::Console {
        return ctx.say(ctx.t("import-send-file"));
    }
    let path = path.trim();
    if path.is_empty() {
        return ctx.say(ctx.t("usage-import"));
    }
    let bytes = match read_limited(path) {
        Ok(bytes) => bytes,
        Err(ReadError::TooLarge) => {
            return ctx.say(import_error(
                ctx,
                &ImportError::TooLarge {
                    max_bytes: MAX_IMPORT_BYTES,
                },
            ));
        }
        Err(ReadError::Io(error)) => {
            return ctx.say(tr!(
                ctx.actor.locale,
                "import-cannot-read",
                path = shorten(path, 80),
                error = error
            ));
        }
    };
    let name = std::path::Path::new(path)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(path)
        .to_string();
    import_file(ctx, &name, &bytes).await
}

enum ReadError {
    TooLarge,
    Io(String),
}

fn read_limited(path: &str) -> Result<Vec<u8>, ReadError> {
    let metadata = std::fs::metadata(path).map_err(|e| ReadError::Io(e.kind().to_string()))?;
    if metadata.len() > MAX_IMPORT_BYTES as u64 {
        return Err(ReadError::TooLarge);
    }
    std::fs::read(path).map_err(|e| ReadError::Io(e.kind().to_string()))
}

/// Parses a received file and shows the preview with Confirm / Cancel.
pub async fn import_file(ctx: &mut Ctx<'_>, file_name: &str, bytes: &[u8]) -> Replies {
    let parsed = match parse_import(file_name, bytes, ctx.region()) {
        Ok(parsed) => parsed,
        Err(error) => return ctx.say(import_error(ctx, &error)),
    };
    let mut text = tr!(
        ctx.actor.locale,
        "import-preview",
        file = shorten(file_name, 60),
        rows = parsed.rows.len(),
        errors = parsed.errors.len()
    );
    for line in preview_lines(&parsed, PREVIEW_ROWS) {
        text.push_str(&format!("\n• {line}"));
    }
    push_more(ctx, &mut text, "import-more-rows", parsed.rows.len());
    push_problems(ctx, &mut text, "import-problems", "⚠️", &parsed.errors);
    let dropped = &parsed.dropped_phones;
    push_problems(ctx, &mut text, "import-phones-dropped", "📵", dropped);
    if parsed.rows.is_empty() {
        text.push_str(&format!("\n{}", ctx.t("import-nothing")));
        return ctx.say(text);
    }
    let dialogue = Dialogue::Import {
        file_name: file_name.to_string(),
        rows: parsed.rows,
    };
    dialogues::save(ctx.tx, ctx.actor.identity_id, &dialogue).await?;
    confirm_or_cancel(ctx, text)
}

/// Under the heading `key`, the first rows of `problems`, each marked `mark`, and how many
/// more there are; nothing when there are none.
fn push_problems(ctx: &Ctx<'_>, text: &mut String, key: &str, mark: &str, problems: &[RowError]) {
    if problems.is_empty() {
        return;
    }
    text.push_str(&format!("\n{}", ctx.t(key)));
    for problem in problems.iter().take(PREVIEW_ROWS) {
        text.push_str(&format!("\n{mark} {}", row_error(ctx, problem)));
    }
    push_more(ctx, text, "import-more-problems", problems.len());
}

/// The line `key` saying how many of `total` items the preview leaves out, if it leaves
/// out any.
fn push_more(ctx: &Ctx<'_>, text: &mut String, key: &str, total: usize) {
    if total > PREVIEW_ROWS {
        let more = tr!(ctx.actor.locale, key, count = total - PREVIEW_ROWS);
        text.push_str(&format!("\n{more}"));
    }
}

fn import_error(ctx: &Ctx<'_>, error: &ImportError) -> String {
    let locale = ctx.actor.locale;
    match error {
        ImportError::TooLarge { max_bytes } => tr!(
            locale,
            "import-too-large",
            mb = (*max_bytes / (1024 * 1024)) as i64
        ),
        ImportError::TooManyRows { max_rows } => {
            tr!(locale, "import-too-many", max = *max_rows as i64)
        }
        ImportError::NotText | ImportError::UnknownFormat => ctx.t("import-unknown-format"),
        ImportError::NoNameColumn { headers } => tr!(
            locale,
            "import-no-name-column",
            headers = shorten(&headers.join(", "), 200)
        ),
        ImportError::Empty => ctx.t("import-empty"),
    }
}

fn row_error(ctx: &Ctx<'_>, error: &RowError) -> String {
    let problem = match &error.kind {
        RowProblem::MissingName => ctx.t("import-missing-name"),
        RowProblem::Field { error, value } => field_problem(ctx.actor.locale, error, value),
        RowProblem::CompanyTooLong { .. } => ctx.t("import-company-too-long"),
    };
    tr!(
        ctx.actor.locale,
        "import-row-problem",
        line = error.line as i64,
        problem = problem
    )
}

/// Text while an import waits for its confirmation.
pub fn waiting(ctx: &Ctx<'_>) -> Replies {
    confirm_or_cancel(ctx, ctx.t("import-waiting"))
}

/// `text` with Import / Cancel, the answer awaited.
fn confirm_or_cancel(ctx: &Ctx<'_>, text: String) -> Replies {
    asking::confirm(
        ctx,
        text,
        "choice-import",
        Button::ConfirmImport,
        "choice-cancel",
    )
}

/// Confirm: creates or updates every previewed row in this one transaction.
pub async fn confirm(ctx: &mut Ctx<'_>) -> Replies {
    let Some(Dialogue::Import { rows, .. }) =
        dialogues::load::<Dialogue>(ctx.tx, ctx.actor.identity_id).await?
    else {
        return ctx.expired();
    };
    dialogues::clear(ctx.tx, ctx.actor.identity_id).await?;
    let (mut created, mut updated, mut companies_created) = (0_i64, 0_i64, 0_i64);
    for row in &rows {
        let company_id = match &row.company {
            Some(name) => {
                let (company, new) = companies::find_or_create(
                    ctx.tx,
                    ctx.actor.workspace_id,
                    name,
                    Some(ctx.actor.user_id),
                )
                .await?;
                if new {
                    companies_created += 1;
                    ctx.log(
                        RecordKind::Company,
                        company.id,
                        "created",
                        json!({ "handle": company.handle().to_string(), "source": "import" }),
                    )
                    .await?;
                }
                Some(company.id)
            }
            None => None,
        };
        if upsert(ctx, row, company_id).await? {
            created += 1;
        } else {
            updated += 1;
        }
    }
    ctx.say(tr!(
        ctx.actor.locale,
        "import-done",
        created = created,
        updated = updated,
        companies = companies_created
    ))
}

/// Creates the row's contact, or fills in the contact with the same email or phone;
/// `true` when a contact was created.
async fn upsert(
    ctx: &mut Ctx<'_>,
    row: &ImportRow,
    company_id: Option<CompanyId>,
) -> store::Result<bool> {
    let ws = ctx.actor.workspace_id;
    let existing =
        contacts::by_email_or_phone(ctx.tx, ws, row.email.as_ref(), row.phone.as_ref()).await?;
    let Some(mut contact) = existing else {
        let draft = ContactDraft {
            name: row.name.clone(),
            phone: row.phone.clone(),
            email: row.email.clone(),
            position: row.position.clone(),
        };
        super::new_records::save_new(ctx, &draft, company_id).await?;
        return Ok(true);
    };
    let before = contact.clone();
    merge(&mut contact, row, company_id);
    if contact != before {
        contacts::save(ctx.tx, &contact).await?;
        ctx.log(
            RecordKind::Contact,
            contact.id,
            "updated",
            json!({ "source": "import" }),
        )
        .await?;
    }
    Ok(false)
}

/// The file's values win; fields the file leaves empty keep what the contact had.
fn merge(contact: &mut Contact, row: &ImportRow, company_id: Option<CompanyId>) {
    contact.name = row.name.clone();
    if row.phone.is_some() {
        contact.phone = row.phone.clone();
    }
    if row.email.is_some() {
        contact.email = row.email.clone();
    }
    if row.position.is_some() {
        contact.position = row.position.clone();
    }
    if company_id.is_some() {
        contact.company_id = company_id;
    }
}
