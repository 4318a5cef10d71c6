//! The store's own error type: every sqlx error is classified here, at the storage
//! boundary, so the engine, the handlers and the channels decide on a [`Error`] variant
//! (retry, give up, apologize) without knowing sqlx or the databases' error codes.

/// The result of a store call.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why a store call failed. Each variant keeps the database's own error as its source and
/// shows it as it is (logs read the same as before the classification).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A row the query expected is not there.
    #[error(transparent)]
    NotFound(sqlx::Error),
    /// A constraint refused the write: a unique key taken (often by a concurrent update)
    /// or a foreign key pointing nowhere.
    #[error("{source}")]
    Conflict {
        constraint: Constraint,
        source: sqlx::Error,
    },
    /// Another transaction holds the lock, or the database gave up one of two
    /// conflicting transactions (SQLite busy/locked, PostgreSQL serialization failure or
    /// deadlock): the same work, attempted again, can succeed.
    #[error(transparent)]
    Busy(sqlx::Error),
    /// The database cannot be reached or used right now (lost connection, no connection
    /// within the time-out, server shutting down, out of resources; SQLite out of memory,
    /// disk I/O error, disk full, cannot open).
    #[error(transparent)]
    Unavailable(sqlx::Error),
    /// A value the database refused for what it is (a check constraint, an empty
    /// required column) or that cannot be written or read (encoding, decoding).
    #[error(transparent)]
    Invalid(sqlx::Error),
    /// Anything else (a syntax error, an I/O error while streaming).
    #[error(transparent)]
    Other(sqlx::Error),
}

/// Which kind of constraint refused a write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Constraint {
    Unique,
    ForeignKey,
}

impl Error {
    /// A value that cannot be encoded for the database (a state that does not serialize).
    pub fn encode(error: impl std::error::Error + Send + Sync + 'static) -> Error {
        Error::from(sqlx::Error::Encode(Box::new(error)))
    }

    /// An I/O failure while the store streams data out (an export being written).
    pub fn io(error: impl std::error::Error + Send + Sync + 'static) -> Error {
        Error::from(sqlx::Error::Io(std::io::Error::other(error)))
    }

    /// Whether a second attempt of the same transaction can get past this error: the
    /// database was busy, or a unique key was taken by a concurrent transaction (two first
    /// messages of a new user at once) that the next attempt will see.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            Error::Busy(_)
                | Error::Conflict {
                    constraint: Constraint::Unique,
                    ..
                }
        )
    }

    /// Whether this error will come back the same on every attempt: a statement the
    /// database refused for what it is (a constraint, a trigger, bad data) or a value that
    /// cannot be read. Lost connections, time-outs, busy or locked databases,
    /// serialization failures and deadlocks are worth another attempt later.
    pub fn is_deterministic(&self) -> bool {
        match self {
            Error::Conflict { .. } | Error::Invalid(_) => true,
            // Transient codes were classified Busy or Unavailable already.
            Error::Other(sqlx::Error::Database(db)) => db.code().is_some(),
            Error::NotFound(_) | Error::Busy(_) | Error::Unavailable(_) | Error::Other(_) => false,
        }
    }
}

impl From<sqlx::Error> for Error {
    fn from(error: sqlx::Error) -> Error {
        match &error {
            sqlx::Error::RowNotFound => Error::NotFound(error),
            sqlx::Error::Database(db) => {
                if db.is_unique_violation() {
                    return Error::Conflict {
                        constraint: Constraint::Unique,
                        source: error,
                    };
                }
                if db.is_foreign_key_violation() {
                    return Error::Conflict {
                        constraint: Constraint::ForeignKey,
                        source: error,
                    };
                }
                if matches!(
                    db.kind(),
                    sqlx::error::ErrorKind::CheckViolation
                        | sqlx::error::ErrorKind::NotNullViolation
                ) {
                    return Error::Invalid(error);
                }
                let sqlite = is_sqlite(db.as_ref());
                match db.code().as_deref() {
                    Some(code) if is_busy(sqlite, code) => Error::Busy(error),
                    Some(code) if is_transient(sqlite, code) => Error::Unavailable(error),
                    // A value too long for its column (PostgreSQL).
                    Some("22001") => Error::Invalid(error),
                    _ => Error::Other(error),
                }
            }
            sqlx::Error::Io(_)
            | sqlx::Error::Tls(_)
            | sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::WorkerCrashed => Error::Unavailable(error),
            sqlx::Error::ColumnDecode { .. }
            | sqlx::Error::Decode(_)
            | sqlx::Error::Encode(_)
            | sqlx::Error::ColumnNotFound(_)
            | sqlx::Error::TypeNotFound { .. } => Error::Invalid(error),
            _ => Error::Other(error),
        }
    }
}

impl From<std::io::Error> for Error {
    /// A file the store writes next to the database (an export) could not be written.
    fn from(error: std::io::Error) -> Error {
        Error::from(sqlx::Error::Io(error))
    }
}

/// Whether SQLite raised `db` (its codes are numbers, and so are many of PostgreSQL's
/// SQLSTATEs such as 40001: the code alone cannot tell).
fn is_sqlite(db: &dyn sqlx::error::DatabaseError) -> bool {
    db.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some()
}

/// SQLite's primary result code is the low byte of the extended one.
fn sqlite_primary(code: &str) -> u32 {
    code.parse::<u32>().unwrap_or(0) & 0xff
}

/// 40001 serialization failure, 40P01 deadlock (PostgreSQL); BUSY (5, with its extended
/// codes such as 517 busy snapshot) and LOCKED (6) (SQLite).
fn is_busy(sqlite: bool, code: &str) -> bool {
    if sqlite {
        matches!(sqlite_primary(code), 5 | 6)
    } else {
        matches!(code, "40001" | "40P01")
    }
}

/// SQLite: NOMEM (7), IOERR (10), FULL (13), CANTOPEN (14), PROTOCOL (15). PostgreSQL:
/// connection (08), transaction rollback (40), resources (53), lock not available (55P03),
/// shutdown or cancel (57), system (58, XX).
fn is_transient(sqlite: bool, code: &str) -> bool {
    if sqlite {
        return matches!(sqlite_primary(code), 7 | 10 | 13 | 14 | 15);
    }
    code.starts_with("08")
        || code.starts_with("40")
        || code.starts_with("53")
        || code == "55P03"
        || code.starts_with("57")
        || code.starts_with("58")
        || code.starts_with("XX")
}
