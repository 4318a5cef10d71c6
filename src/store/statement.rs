//! How a store function runs one statement: its SQL, the values of `$1, $2, …` as one
//! [`Args`] list (built with [`args!`]), and what comes back — every row, at most one row,
//! exactly one row, one value (or the first value of every row), or the number of rows
//! changed. One call replaces sqlx's `.bind(…)` chain and fetch, so a store function says
//! only its SQL and its values.
//!
//! ```ignore
//! statement::optional(tx, BY_NAME, args![workspace_id.get(), name.trim()]).await
//! ```
//!
//! A statement runs on a connection: a store transaction (`tx`, which derefs to its
//! connection) or, for the few reads and writes that need none, a connection taken from
//! the pool (`&mut store.pool().acquire().await?`).

use sqlx::any::{AnyArguments, AnyRow};
use sqlx::error::BoxDynError;
use sqlx::{Any, AnyConnection, Arguments, Encode, FromRow, SqlSafeStr, Type};

use super::Result;

/// The values bound to a statement's `$1, $2, …`, in order. A value that cannot be
/// encoded is reported when the statement runs, as a bound value would be.
pub struct Args(std::result::Result<AnyArguments, BoxDynError>);

impl Args {
    /// An empty list (a statement without `$n`).
    pub fn none() -> Args {
        Args(Ok(AnyArguments::default()))
    }

    /// Adds the next value (`$n` where n is the count so far plus one).
    pub fn push<'q, T>(mut self, value: T) -> Args
    where
        T: Encode<'q, Any> + Type<Any> + 'q,
    {
        if let Ok(list) = &mut self.0
            && let Err(error) = list.add(value)
        {
            self.0 = Err(error);
        }
        self
    }

    /// The encoded values, or the first value that could not be encoded.
    fn list(self) -> Result<AnyArguments> {
        self.0.map_err(|error| sqlx::Error::Encode(error).into())
    }
}

/// An [`Args`] list of the given values, bound in order to `$1, $2, …`.
macro_rules! args {
    ($($value:expr),* $(,)?) => {
        $crate::store::statement::Args::none()$(.push($value))*
    };
}
pub(crate) use args;

/// Every row the query returns.
pub async fn all<T>(on: &mut AnyConnection, sql: impl SqlSafeStr, args: Args) -> Result<Vec<T>>
where
    T: for<'r> FromRow<'r, AnyRow> + Send + Unpin,
{
    Ok(sqlx::query_as_with(sql, args.list()?).fetch_all(on).await?)
}

/// The first row the query returns, if any.
pub async fn optional<T>(
    on: &mut AnyConnection,
    sql: impl SqlSafeStr,
    args: Args,
) -> Result<Option<T>>
where
    T: for<'r> FromRow<'r, AnyRow> + Send + Unpin,
{
    Ok(sqlx::query_as_with(sql, args.list()?)
        .fetch_optional(on)
        .await?)
}

/// The one row the query must return ([`super::Error::NotFound`] when there is none).
pub async fn one<T>(on: &mut AnyConnection, sql: impl SqlSafeStr, args: Args) -> Result<T>
where
    T: for<'r> FromRow<'r, AnyRow> + Send + Unpin,
{
    Ok(sqlx::query_as_with(sql, args.list()?).fetch_one(on).await?)
}

/// The first column of the one row the query must return (a count, an id).
pub async fn value<T>(on: &mut AnyConnection, sql: impl SqlSafeStr, args: Args) -> Result<T>
where
    (T,): for<'r> FromRow<'r, AnyRow> + Send + Unpin,
{
    let (value,): (T,) = one(on, sql, args).await?;
    Ok(value)
}

/// The first column of every row (the ids or file names a statement returns).
pub async fn values<T>(on: &mut AnyConnection, sql: impl SqlSafeStr, args: Args) -> Result<Vec<T>>
where
    (T,): for<'r> FromRow<'r, AnyRow> + Send + Unpin,
{
    let rows: Vec<(T,)> = all(on, sql, args).await?;
    Ok(rows.into_iter().map(|(value,)| value).collect())
}

/// The first column of the first row, if there is a row.
pub async fn value_opt<T>(
    on: &mut AnyConnection,
    sql: impl SqlSafeStr,
    args: Args,
) -> Result<Option<T>>
where
    (T,): for<'r> FromRow<'r, AnyRow> + Send + Unpin,
{
    let row: Option<(T,)> = optional(on, sql, args).await?;
    Ok(row.map(|(value,)| value))
}

/// Runs a statement that returns no rows; the number of rows it changed.
pub async fn run(on: &mut AnyConnection, sql: impl SqlSafeStr, args: Args) -> Result<u64> {
    let done = sqlx::query_with(sql, args.list()?).execute(on).await?;
    Ok(done.rows_affected())
}
