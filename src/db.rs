//! Opening the database: SQLite with WAL, `synchronous=FULL`, foreign keys and a busy timeout
//! (checked after connecting), or PostgreSQL; then migrations.

use std::time::Duration;

use anyhow::{Context, bail};
use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement};

/// Connects to `url`. SQLite files get the durability settings of the design; an in-memory
/// SQLite database is kept on a single connection (every connection would get its own).
pub async fn connect(url: &str) -> anyhow::Result<DatabaseConnection> {
    connect_with(url, 16).await
}

/// [`connect`] with at most `max_connections` PostgreSQL connections (tests keep it small).
pub async fn connect_with(url: &str, max_connections: u32) -> anyhow::Result<DatabaseConnection> {
    let memory = url.contains(":memory:") || url.contains("mode=memory");
    let mut opts = ConnectOptions::new(url.to_owned());
    opts.sqlx_logging(false).acquire_timeout(Duration::from_secs(30));
    if url.starts_with("sqlite:") {
        opts.map_sqlx_sqlite_opts(move |o| {
            let o = o.foreign_keys(true).busy_timeout(Duration::from_secs(10)).create_if_missing(true);
            if memory { o } else { o.journal_mode(SqliteJournalMode::Wal).synchronous(SqliteSynchronous::Full) }
        });
        if memory {
            opts.max_connections(1).min_connections(1).idle_timeout(None::<Duration>).max_lifetime(None::<Duration>);
        } else {
            opts.max_connections(8);
        }
    } else {
        opts.max_connections(max_connections);
    }
    let db = Database::connect(opts).await.with_context(|| format!("无法连接数据库 {}", redact(url)))?;
    if db.get_database_backend() == DbBackend::Sqlite {
        check_sqlite(&db, memory).await?;
    }
    Ok(db)
}

/// Connects and brings the schema up to date.
pub async fn connect_and_migrate(url: &str) -> anyhow::Result<DatabaseConnection> {
    let db = connect(url).await?;
    Migrator::up(&db, None).await.context("数据库迁移失败")?;
    Ok(db)
}

async fn pragma(db: &DatabaseConnection, name: &str) -> anyhow::Result<String> {
    let row = db
        .query_one_raw(Statement::from_string(DbBackend::Sqlite, format!("PRAGMA {name}")))
        .await?
        .with_context(|| format!("PRAGMA {name} returned nothing"))?;
    // PRAGMA answers are text for journal_mode and integers for the others.
    Ok(match row.try_get_by_index::<String>(0) {
        Ok(s) => s,
        Err(_) => row.try_get_by_index::<i64>(0)?.to_string(),
    })
}

/// Refuses to run on a SQLite connection without the settings the design relies on.
async fn check_sqlite(db: &DatabaseConnection, memory: bool) -> anyhow::Result<()> {
    let fk = pragma(db, "foreign_keys").await?;
    if fk != "1" {
        bail!("SQLite foreign_keys is {fk}, expected 1");
    }
    if !memory {
        let mode = pragma(db, "journal_mode").await?;
        if !mode.eq_ignore_ascii_case("wal") {
            bail!("SQLite journal_mode is {mode}, expected wal");
        }
        let sync = pragma(db, "synchronous").await?;
        if sync != "2" {
            bail!("SQLite synchronous is {sync}, expected 2 (FULL)");
        }
    }
    let busy = pragma(db, "busy_timeout").await?;
    if busy == "0" {
        bail!("SQLite busy_timeout is 0");
    }
    Ok(())
}

/// The URL with any password replaced, for messages and logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let creds = &url[scheme + 3..at];
            match creds.find(':') {
                Some(colon) => format!("{}{}:***{}", &url[..scheme + 3], &creds[..colon], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn redact_hides_the_password_only() {
        assert_eq!(redact("postgres://qicun:secret@localhost/qicun"), "postgres://qicun:***@localhost/qicun");
        assert_eq!(redact("sqlite://qicun.db?mode=rwc"), "sqlite://qicun.db?mode=rwc");
    }
}
