//! How a store function runs one statement: its SQL, the values of `$1, $2, …` as one
//! [`Args`] list (built with [`args!`]), and what comes back — every row, at most one row,
//! exactly one row, one value, or the number of rows changed. One call replaces sqlx's
//! `.bind(…)` chain and fetch, so a store function says only its SQL and its values.
//!
//! ```ignore
//! statement::optional(tx, BY_NAME, args![workspace_id.get(), name.trim()]).await
//! ```

use sqlx::any::{AnyArguments, AnyRow};
use sqlx::error::BoxDynError;
use sqlx::{Any, Arguments, Encode, FromRow, SqlSafeStr, Type};

use super::Result;
use super::tx::Tx;

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
pub async fn all<T>(tx: &mut Tx, sql: impl SqlSafeStr, args: Args) -> Result<Vec<T>>
where
    T: for<'r> FromRow<'r, AnyRow> + Send + Unpin,
{
    Ok(sqlx::query_as_with(sql, args.list()?)
        .fetch_all(&mut **tx)
        .await?)
}

/// The first row the query returns, if any.
pub async fn optional<T>(tx: &mut Tx, sql: impl SqlSafeStr, args: Args) -> Result<Option<T>>
where
    T: for<'r> FromRow<'r, AnyRow> + Send + Unpin,
{
    Ok(sqlx::query_as_with(sql, args.list()?)
        .fetch_optional(&mut **tx)
        .await?)
}

/// The one row the query must return ([`super::Error::NotFound`] when there is none).
pub async fn one<T>(tx: &mut Tx, sql: impl SqlSafeStr, args: Args) -> Result<T>
where
    T: for<'r> FromRow<'r, AnyRow> + Send + Unpin,
{
    Ok(sqlx::query_as_with(sql, args.list()?)
        .fetch_one(&mut **tx)
        .await?)
}

/// The first column of the one row the query must return (a count, an id).
pub async fn value<T>(tx: &mut Tx, sql: impl SqlSafeStr, args: Args) -> Result<T>
where
    (T,): for<'r> FromRow<'r, AnyRow> + Send + Unpin,
{
    let (value,): (T,) = one(tx, sql, args).await?;
    Ok(value)
}

/// The first column of the first row, if there is a row.
pub async fn value_opt<T>(tx: &mut Tx, sql: impl SqlSafeStr, args: Args) -> Result<Option<T>>
where
    (T,): for<'r> FromRow<'r, AnyRow> + Send + Unpin,
{
    let row: Option<(T,)> = optional(tx, sql, args).await?;
    Ok(row.map(|(value,)| value))
}

/// Runs a statement that returns no rows; the number of rows it changed.
pub async fn run(tx: &mut Tx, sql: impl SqlSafeStr, args: Args) -> Result<u64> {
    let done = sqlx::query_with(sql, args.list()?)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected())
}
