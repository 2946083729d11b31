//! Opening the database: SQLite with WAL, `synchronous=FULL`, foreign keys and a busy timeout
//! (checked after connecting), or PostgreSQL; then migrations. Write transactions begin here, and
//! database failures that are not the request's fault are told apart here.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use chrono::{DateTime, Utc};
use entity::setting;
use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, EntityTrait,
    RuntimeErr, Set, SqliteTransactionMode, Statement, TransactionOptions, TransactionTrait,
};

/// How long a request's write transaction waits for the one before it before giving up
/// ("系统繁忙").
pub const WRITE_WAIT: Duration = Duration::from_secs(10);

/// How long a command-line import waits for the server's writers (it must wait its turn, not
/// fail while the server is busy).
pub const IMPORT_WAIT: Duration = Duration::from_secs(600);

/// The PostgreSQL advisory lock every write transaction takes first. It orders the audit chain
/// and the outbox: sequences are numbered under it and commits become visible in that order.
const WRITE_LOCK: i64 = 7_351_001;

/// How a pool is opened.
#[derive(Clone, Copy, Debug)]
pub struct PoolOptions {
    /// PostgreSQL connections (SQLite files use 8; in-memory SQLite one).
    pub max_connections: u32,
    /// How long a statement waits for SQLite's write lock (and a write transaction for
    /// PostgreSQL's), before failing with "系统繁忙".
    pub busy_timeout: Duration,
}

impl Default for PoolOptions {
    fn default() -> Self {
        Self { max_connections: 16, busy_timeout: WRITE_WAIT }
    }
}

/// Connects to `url`. SQLite files get the durability settings of the design; an in-memory
/// SQLite database is kept on a single connection (every connection would get its own).
pub async fn connect(url: &str) -> anyhow::Result<DatabaseConnection> {
    Ok(open(url, PoolOptions::default()).await?.0)
}

/// [`connect`] with at most `max_connections` PostgreSQL connections (tests keep it small).
pub async fn connect_with(url: &str, max_connections: u32) -> anyhow::Result<DatabaseConnection> {
    Ok(open(url, PoolOptions { max_connections, ..PoolOptions::default() }).await?.0)
}

/// Opens a pool, with the [`Recycler`] that can retire its connections after a storage fault.
pub async fn open(url: &str, pool: PoolOptions) -> anyhow::Result<(DatabaseConnection, Recycler)> {
    let memory = url.contains(":memory:") || url.contains("mode=memory");
    let recycler = Recycler::default();
    let mut opts = ConnectOptions::new(url.to_owned());
    opts.sqlx_logging(false).acquire_timeout(Duration::from_secs(30));
    // A pooled connection is not pinged on every acquire (the pool's default): the ping was one
    // more round trip — to SQLite's worker thread, or to the PostgreSQL server — for every
    // query. A SQLite connection is a file handle that cannot hang up (storage faults retire
    // connections through the recycler below); a PostgreSQL one idle for a while is still
    // checked (below), as a server may have closed it meanwhile.
    if url.starts_with("sqlite:") {
        opts.test_before_acquire(false);
        let busy = pool.busy_timeout;
        opts.map_sqlx_sqlite_opts(move |o| {
            // Reads through a shared memory map of the file: one copy of the hot pages for
            // every connection, and no read system call per page (each connection's own page
            // cache is small, so random look-ups of a few hundred rows missed it at scale).
            let o = o.foreign_keys(true).busy_timeout(busy).create_if_missing(true).pragma("mmap_size", "1073741824");
            if memory { o } else { o.journal_mode(SqliteJournalMode::Wal).synchronous(SqliteSynchronous::Full) }
        });
        if memory {
            opts.max_connections(1).min_connections(1).idle_timeout(None::<Duration>).max_lifetime(None::<Duration>);
        } else {
            // A connection opened while the file was read-only stays read-only: after a storage
            // fault the recycler retires every connection opened before it.
            let r = recycler.clone();
            opts.max_connections(8).map_sqlx_sqlite_before_acquire(move |_, meta| {
                let keep = r.keeps(meta.age);
                Box::pin(async move { Ok(keep) })
            });
        }
        opts.map_sqlx_sqlite_pool_opts(move |p| {
            let p = p.after_connect(|conn, _| {
                Box::pin(async move {
                    let mut handle = conn.lock_handle().await?;
                    plan_from_text(handle.as_raw_handle()).map_err(|e| sea_orm::sqlx::Error::Configuration(e.into()))
                })
            });
            if memory {
                // Its only connection is the database: never closed.
                return p;
            }
            // A connection is pooled again only outside any transaction. When a COMMIT fails on a
            // full disk SQLite rolls the transaction back itself, sqlx's ROLLBACK then fails and
            // its transaction depth stays at 1: the next `begin` on that connection would open a
            // SAVEPOINT whose rollback leaves SQLite inside a transaction for good, holding the
            // write lock or reading an old snapshot (the index then skipped a change). The
            // handle is locked first, so the rollback queued by a dropped transaction has run.
            p.after_release(|conn, _| {
                Box::pin(async move {
                    let open = {
                        let mut handle = conn.lock_handle().await?;
                        in_transaction(handle.as_raw_handle())
                    };
                    let depth = sea_orm::sqlx::Connection::is_in_transaction(conn);
                    if open || depth {
                        tracing::warn!(open, depth, "a database connection left in a transaction is closed");
                    }
                    Ok(!open && !depth)
                })
            })
        });
    } else {
        opts.test_before_acquire_if_idle_for(Duration::from_secs(10));
        let r = recycler.clone();
        let ms = pool.busy_timeout.as_millis().to_string();
        opts.map_sqlx_postgres_opts(move |o| o.options([("lock_timeout", ms.as_str())]));
        opts.max_connections(pool.max_connections).map_sqlx_postgres_before_acquire(move |_, meta| {
            let keep = r.keeps(meta.age);
            Box::pin(async move { Ok(keep) })
        });
        // As on SQLite: never pool a connection that sqlx still counts inside a transaction.
        opts.map_sqlx_postgres_pool_opts(|p| {
            p.after_release(|conn, _| {
                let clean = !sea_orm::sqlx::Connection::is_in_transaction(conn);
                Box::pin(async move { Ok(clean) })
            })
        });
    }
    let db = Database::connect(opts).await.with_context(|| format!("无法连接数据库 {}", redact(url)))?;
    if db.get_database_backend() == DbBackend::Sqlite {
        check_sqlite(&db, memory).await?;
    }
    Ok((db, recycler))
}

/// Retires pooled connections opened before a storage fault, so the pool reopens them (a
/// SQLite connection opened on a read-only file never writes again, even once it is writable).
#[derive(Clone, Debug)]
pub struct Recycler {
    base: Instant,
    /// Nanoseconds after `base` before which connections were opened that must go (0: none).
    retire_before: Arc<AtomicU64>,
}

impl Default for Recycler {
    fn default() -> Self {
        Self { base: Instant::now(), retire_before: Arc::default() }
    }
}

impl Recycler {
    /// Every connection open now is retired when it is next taken from the pool.
    pub fn retire_all(&self) {
        let now = u64::try_from(self.base.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.retire_before.store(now, Ordering::SeqCst);
    }

    /// Whether a connection of this age may be used.
    fn keeps(&self, age: Duration) -> bool {
        let cutoff = self.retire_before.load(Ordering::SeqCst);
        if cutoff == 0 {
            return true;
        }
        let opened = self.base.elapsed().saturating_sub(age);
        u64::try_from(opened.as_nanos()).unwrap_or(u64::MAX) > cutoff
    }
}

/// Begins a write transaction that holds the database's write lock from its first statement:
/// `BEGIN IMMEDIATE` on SQLite (a busy database makes it wait, up to the busy timeout, instead
/// of failing when a read turns into a write), and on PostgreSQL the advisory lock that orders
/// the audit chain and the outbox. Every read inside therefore sees the rows as the previous
/// writer left them, so a state change cannot be made from a stale status; and outbox rows
/// become visible in the order of their sequence, so a follower never passes over one.
///
/// How long it waits for the lock is the pool's [`PoolOptions::busy_timeout`] (SQLite's busy
/// timeout, PostgreSQL's `lock_timeout`): requests give up after [`WRITE_WAIT`] with "系统繁忙";
/// a command-line import waits its turn much longer.
pub async fn write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    begin_immediate(db).await
}

/// Write transactions this process has finished (committed or tried to): public pages kept
/// between changes read the database's version again after each (see `cache::PublicCache`).
static COMMITS: AtomicU64 = AtomicU64::new(0);

/// Commits a write transaction (from [`write`]) and notes that this process changed the data.
pub async fn commit(txn: DatabaseTransaction) -> Result<(), DbErr> {
    #[expect(clippy::disallowed_methods, reason = "the one place write transactions commit")]
    let done = txn.commit().await;
    note_change();
    done
}

/// Notes a change made without [`commit`] (an audit event written outside a transaction).
pub fn note_change() {
    COMMITS.fetch_add(1, Ordering::SeqCst);
}

/// How many changes this process has noted.
pub fn changes() -> u64 {
    COMMITS.load(Ordering::SeqCst)
}

async fn begin_immediate(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    #[expect(clippy::disallowed_methods, reason = "the one place write transactions begin")]
    let txn = db
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        })
        .await?;
    serialise(&txn).await?;
    Ok(txn)
}

/// Takes the write lock on PostgreSQL (held to the end of the transaction; taking it again is
/// harmless). SQLite's write transactions already exclude each other.
pub async fn serialise<C: ConnectionTrait>(db: &C) -> Result<(), DbErr> {
    if db.get_database_backend() == DbBackend::Postgres {
        db.execute_raw(Statement::from_string(
            DbBackend::Postgres,
            format!("SELECT pg_advisory_xact_lock({WRITE_LOCK})"),
        ))
        .await?;
    }
    Ok(())
}

/// A failure of the database that is not the request's fault.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Another writer held the lock longer than we wait, or the pool is exhausted.
    Busy,
    /// The disk (or the database's size limit) is full.
    Full,
    /// The database or its folder cannot be written.
    ReadOnly,
    /// Reading or writing the storage failed, or the database cannot be reached.
    Io,
    /// A row this change relies on changed at the same time (unique key taken, serialisation
    /// failure, deadlock): the user should look again.
    Conflict,
}

impl Fault {
    /// What the user is told.
    pub fn message(self) -> &'static str {
        match self {
            Self::Busy => "系统繁忙，本次操作未保存，请稍后重试。",
            Self::Full => "服务器存储空间已满，本次操作未保存。请稍后再试，管理员已收到告警。",
            Self::ReadOnly => "服务器存储暂时只读，本次操作未保存。请稍后再试，管理员已收到告警。",
            Self::Io => "服务器存储暂时不可用，本次操作未保存。请稍后再试。",
            Self::Conflict => "该记录刚被他人改动或已经存在，本次操作未保存。请刷新页面查看当前状态。",
        }
    }

    /// Whether the storage itself is at fault (the pool's connections should be renewed).
    pub fn is_storage(self) -> bool {
        matches!(self, Self::Full | Self::ReadOnly | Self::Io)
    }
}

/// Which [`Fault`] `e` is, if any (`None`: a bug or bad data — a plain 500).
pub fn fault(e: &DbErr) -> Option<Fault> {
    use sea_orm::sqlx;
    if matches!(e.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_))) {
        return Some(Fault::Conflict);
    }
    let inner = match e {
        DbErr::ConnectionAcquire(_) => return Some(Fault::Busy),
        DbErr::Conn(RuntimeErr::SqlxError(x))
        | DbErr::Exec(RuntimeErr::SqlxError(x))
        | DbErr::Query(RuntimeErr::SqlxError(x)) => x,
        DbErr::Conn(_) => return Some(Fault::Io),
        _ => return by_message(&e.to_string()),
    };
    match &**inner {
        sqlx::Error::PoolTimedOut => Some(Fault::Busy),
        sqlx::Error::PoolClosed | sqlx::Error::WorkerCrashed => Some(Fault::Io),
        sqlx::Error::Io(io) => Some(match io.kind() {
            std::io::ErrorKind::StorageFull => Fault::Full,
            std::io::ErrorKind::ReadOnlyFilesystem | std::io::ErrorKind::PermissionDenied => Fault::ReadOnly,
            _ => Fault::Io,
        }),
        sqlx::Error::Database(d) => {
            let code = d.code().map(|c| c.into_owned()).unwrap_or_default();
            // Told apart by the driver, not by the shape of the code: most SQLSTATEs are digits.
            let by_code = if d.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some() {
                // SQLite: the primary result code is the low byte of the extended one.
                match code.parse::<i32>().unwrap_or(0) & 0xff {
                    5 | 6 => Some(Fault::Busy),
                    13 => Some(Fault::Full),
                    8 => Some(Fault::ReadOnly),
                    10 | 14 | 11 | 26 => Some(Fault::Io),
                    _ => None,
                }
            } else {
                // PostgreSQL SQLSTATEs.
                match code.as_str() {
                    "53100" => Some(Fault::Full),
                    "53200" | "53300" | "53400" => Some(Fault::Busy),
                    "25006" => Some(Fault::ReadOnly),
                    "40001" | "40P01" => Some(Fault::Conflict),
                    "55P03" | "57014" => Some(Fault::Busy),
                    c if c.starts_with("08") || c.starts_with("57P") || c.starts_with("58") => Some(Fault::Io),
                    _ => None,
                }
            };
            by_code.or_else(|| by_message(d.message()))
        }
        other => by_message(&other.to_string()),
    }
}

fn by_message(m: &str) -> Option<Fault> {
    let m = m.to_ascii_lowercase();
    if m.contains("no space left") || m.contains("disk is full") || m.contains("disk full") {
        Some(Fault::Full)
    } else if m.contains("read-only") || m.contains("readonly") {
        Some(Fault::ReadOnly)
    } else if m.contains("database is locked") {
        Some(Fault::Busy)
    } else if m.contains("disk i/o error") {
        Some(Fault::Io)
    } else {
        None
    }
}

/// Writes a row and commits, as every change would: `Ok` when the database takes writes now.
pub async fn probe_write(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<(), DbErr> {
    let txn = write(db).await?;
    put_setting(&txn, "write_probe", &now.to_rfc3339(), now).await?;
    commit(txn).await
}

/// Sets the named value.
pub async fn put_setting<C: ConnectionTrait>(db: &C, key: &str, value: &str, now: DateTime<Utc>) -> Result<(), DbErr> {
    use sea_orm::sea_query::OnConflict;
    setting::Entity::insert(setting::ActiveModel {
        key: Set(key.to_owned()),
        value: Set(value.to_owned()),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(setting::Column::Key)
            .update_columns([setting::Column::Value, setting::Column::UpdatedAt])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// The named value, if set.
pub async fn setting<C: ConnectionTrait>(db: &C, key: &str) -> Result<Option<String>, DbErr> {
    Ok(setting::Entity::find_by_id(key.to_owned()).one(db).await?.map(|s| s.value))
}

/// This installation's identity: made once, and anew by every restore. Derived state (the
/// search index) remembers it and is rebuilt when it finds another.
pub async fn instance_id(db: &DatabaseConnection) -> Result<String, DbErr> {
    if let Some(id) = setting(db, INSTANCE).await? {
        return Ok(id);
    }
    let txn = write(db).await?;
    let id = match setting(&txn, INSTANCE).await? {
        Some(id) => id,
        None => {
            let id = uuid::Uuid::new_v4().simple().to_string();
            put_setting(&txn, INSTANCE, &id, Utc::now()).await?;
            id
        }
    };
    commit(txn).await?;
    Ok(id)
}

/// The setting that holds [`instance_id`].
pub const INSTANCE: &str = "instance_id";

/// Connects and brings the schema up to date.
pub async fn connect_and_migrate(url: &str) -> anyhow::Result<DatabaseConnection> {
    let db = connect(url).await?;
    migrate(&db).await?;
    Ok(db)
}

/// Brings the schema up to date.
pub async fn migrate(db: &DatabaseConnection) -> anyhow::Result<()> {
    Migrator::up(db, None).await.context("数据库迁移失败")
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

/// Makes SQLite plan each statement from its text alone (the query planner stability
/// guarantee). Without it SQLite 3.51 looks at the value bound to a `LIMIT ?` (and `LIKE ?`)
/// while planning, and then prepares the statement again whenever another value is bound:
/// every `.one()` binds its `LIMIT`, so nearly every cached statement was parsed and planned
/// anew on each use (13 % of the match API's time in a profile). The query-plan tests check
/// that the plans stay indexed. Read back, so no connection without it enters the pool.
#[allow(unsafe_code, reason = "sqlx has no option for sqlite3_db_config; one call on a live handle")]
fn plan_from_text(db: std::ptr::NonNull<libsqlite3_sys::sqlite3>) -> Result<(), String> {
    use libsqlite3_sys::{SQLITE_DBCONFIG_ENABLE_QPSG, SQLITE_OK, sqlite3_db_config};
    let mut on: std::ffi::c_int = 0;
    // SAFETY: `db` is the open connection's handle, held locked by the caller for the call;
    // SQLITE_DBCONFIG_ENABLE_QPSG takes an int (1 = on) and an int* that receives the setting.
    let rc = unsafe { sqlite3_db_config(db.as_ptr(), SQLITE_DBCONFIG_ENABLE_QPSG, 1 as std::ffi::c_int, &mut on) };
    if rc != SQLITE_OK || on != 1 {
        return Err(format!("SQLite would not plan statements from their text (code {rc}, setting {on})"));
    }
    Ok(())
}

/// Whether the SQLite connection `db` is inside a transaction (not in autocommit mode).
#[allow(unsafe_code, reason = "sqlx does not say whether SQLite itself is in a transaction")]
fn in_transaction(db: std::ptr::NonNull<libsqlite3_sys::sqlite3>) -> bool {
    // SAFETY: `db` is the open connection's handle, held locked by the caller for the call.
    unsafe { libsqlite3_sys::sqlite3_get_autocommit(db.as_ptr()) == 0 }
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

/// Adds every column of `E` to the select `q` as `{prefix}{column}`, read back with
/// `E::Model::from_query_result_optional(row, prefix)`: a third table in one query (sea-orm's own
/// pairs use the prefixes `A_` and `B_`).
pub fn also_select<E: EntityTrait>(q: &mut sea_orm::sea_query::SelectStatement, prefix: &str) {
    use sea_orm::sea_query::{IntoIden, SelectExpr};
    use sea_orm::{ColumnTrait, IdenStatic, Iterable};
    for col in E::Column::iter() {
        q.expr(SelectExpr {
            expr: col.select_as(col.into_expr()),
            alias: Some(format!("{prefix}{}", col.as_str()).into_iden()),
            window: None,
        });
    }
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
