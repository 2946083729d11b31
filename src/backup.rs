//! `qicun backup` and `qicun restore`: one archive (zip) with a consistent copy of the database
//! — which holds the evidence files too — and a manifest of what it holds (rows per table, the
//! audit chain's length and head hash, the last outbox sequence, the ledger totals per year).
//!
//! SQLite: `VACUUM INTO` makes the copy online, in one read transaction, while the server goes
//! on writing. PostgreSQL: `pg_dump` in a snapshot exported by the transaction that counts the
//! manifest, so both describe the same moment.
//!
//! A restore goes into an empty database (a live one only with `--force`, and never while a
//! server holds the search index), checks the copy against the manifest and walks the audit
//! chain before anything is replaced, gives the installation a new identity (so no search index
//! built for another history is ever reused) and rebuilds the index from scratch.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail, ensure};
use chrono::{DateTime, Datelike, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement, TransactionTrait};
use serde::{Deserialize, Serialize};

const MANIFEST: &str = "manifest.json";
const SQLITE_FILE: &str = "qicun.db";
const PG_FILE: &str = "qicun.pgdump";

/// What an archive holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub made_at: DateTime<Utc>,
    pub qicun_version: String,
    /// `sqlite` or `postgres`.
    pub backend: String,
    /// The identity of the installation that was backed up.
    pub instance_id: String,
    /// Rows per table.
    pub tables: BTreeMap<String, i64>,
    /// Bytes of evidence files (originals and public copies).
    pub evidence_bytes: i64,
    /// The audit chain: its length and the hash of its last event.
    pub audit_events: i64,
    pub audit_head: String,
    /// The last outbox sequence.
    pub outbox_seq: i64,
    /// Per year of contribution: verified help in the 台账 (objected records excluded) —
    /// industry 分, charity 分, jobs, trainees.
    pub ledger: BTreeMap<i32, [i64; 4]>,
}

impl Manifest {
    /// What differs between what a manifest says and what a restored copy holds (the time,
    /// version and identity aside).
    fn differences(&self, found: &Manifest) -> Vec<String> {
        let mut out = Vec::new();
        let tables: std::collections::BTreeSet<&String> = self.tables.keys().chain(found.tables.keys()).collect();
        for t in tables {
            let (a, b) = (self.tables.get(t), found.tables.get(t));
            if a != b {
                out.push(format!("表 {t}：清单 {a:?} 行，副本 {b:?} 行"));
            }
        }
        if self.audit_events != found.audit_events || self.audit_head != found.audit_head {
            out.push(format!(
                "审计日志：清单 {} 条（末条 {}），副本 {} 条（末条 {}）",
                self.audit_events, self.audit_head, found.audit_events, found.audit_head
            ));
        }
        if self.outbox_seq != found.outbox_seq {
            out.push(format!("变更序号：清单 {}，副本 {}", self.outbox_seq, found.outbox_seq));
        }
        if self.evidence_bytes != found.evidence_bytes {
            out.push(format!("证明材料：清单 {} 字节，副本 {} 字节", self.evidence_bytes, found.evidence_bytes));
        }
        if self.ledger != found.ledger {
            out.push(format!("台账合计：清单 {:?}，副本 {:?}", self.ledger, found.ledger));
        }
        out
    }
}

fn backend_name(db: &impl ConnectionTrait) -> &'static str {
    if db.get_database_backend() == DbBackend::Postgres { "postgres" } else { "sqlite" }
}

async fn scalar<C: ConnectionTrait>(db: &C, sql: &str) -> anyhow::Result<Option<sea_orm::QueryResult>> {
    Ok(db.query_one_raw(Statement::from_string(db.get_database_backend(), sql.to_owned())).await?)
}

async fn count_of<C: ConnectionTrait>(db: &C, sql: &str) -> anyhow::Result<i64> {
    Ok(match scalar(db, sql).await? {
        Some(row) => row.try_get_by_index::<i64>(0)?,
        None => 0,
    })
}

/// The tables of the schema (migrations bookkeeping included).
async fn table_names<C: ConnectionTrait>(db: &C) -> anyhow::Result<Vec<String>> {
    let sql = match db.get_database_backend() {
        DbBackend::Postgres => "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename",
        _ => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    };
    let rows = db.query_all_raw(Statement::from_string(db.get_database_backend(), sql.to_owned())).await?;
    rows.iter().map(|r| Ok(r.try_get_by_index::<String>(0)?)).collect()
}

/// The manifest of what `db` holds now (inside a transaction: of that snapshot).
pub async fn manifest<C: ConnectionTrait>(db: &C) -> anyhow::Result<Manifest> {
    let mut tables = BTreeMap::new();
    for t in table_names(db).await? {
        let n = count_of(db, &format!("SELECT CAST(COUNT(*) AS BIGINT) FROM \"{t}\"")).await?;
        tables.insert(t, n);
    }
    let has = |t: &str| tables.contains_key(t);
    let evidence_bytes = if has("evidence_blob") {
        count_of(db, "SELECT CAST(COALESCE(SUM(size_bytes), 0) AS BIGINT) FROM evidence_blob").await?
    } else {
        0
    };
    let (audit_events, audit_head) = if has("audit_event") {
        let head = match scalar(db, "SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1").await? {
            Some(r) => r.try_get_by_index::<String>(0)?,
            None => crate::audit::GENESIS.to_owned(),
        };
        (tables.get("audit_event").copied().unwrap_or(0), head)
    } else {
        (0, crate::audit::GENESIS.to_owned())
    };
    let outbox_seq =
        if has("change") { count_of(db, "SELECT CAST(COALESCE(MAX(seq), 0) AS BIGINT) FROM change").await? } else { 0 };
    let instance_id = if has("setting") {
        crate::db::setting(db, crate::db::INSTANCE).await?.unwrap_or_default()
    } else {
        String::new()
    };
    let mut ledger = BTreeMap::new();
    if has("contribution") {
        let years = db
            .query_all_raw(Statement::from_string(
                db.get_database_backend(),
                "SELECT DISTINCT contributed_on FROM contribution WHERE status = 'verified'".to_owned(),
            ))
            .await?;
        let mut ys = std::collections::BTreeSet::new();
        for r in years {
            if let Ok(d) = r.try_get_by_index::<chrono::NaiveDate>(0) {
                ys.insert(d.year());
            }
        }
        for y in ys {
            let rows = crate::export::rows(db, y, None, None).await?;
            let sum = rows.iter().fold([0i64; 4], |mut a, r| {
                a[0] += r.industry_fen;
                a[1] += r.charity_fen;
                a[2] += r.jobs;
                a[3] += r.trainees;
                a
            });
            ledger.insert(y, sum);
        }
    }
    Ok(Manifest {
        format: 1,
        made_at: Utc::now(),
        qicun_version: env!("CARGO_PKG_VERSION").to_owned(),
        backend: backend_name(db).to_owned(),
        instance_id,
        tables,
        evidence_bytes,
        audit_events,
        audit_head,
        outbox_seq,
        ledger,
    })
}

/// The path of a SQLite URL's file.
fn sqlite_path(url: &str) -> anyhow::Result<PathBuf> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")).context("not a SQLite URL")?;
    let path = rest.split('?').next().unwrap_or_default();
    ensure!(!path.is_empty() && !path.contains(":memory:"), "一个内存数据库无法备份或恢复");
    Ok(PathBuf::from(path))
}

fn sql_string(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// What a backup wrote.
#[derive(Debug)]
pub struct BackupReport {
    pub manifest: Manifest,
    pub bytes: u64,
}

/// Backs the database at `url` up into the archive `output` (written whole, then renamed).
pub async fn backup(url: &str, output: &Path) -> anyhow::Result<BackupReport> {
    let parent = output.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).with_context(|| format!("无法创建目录 {}", parent.display()))?;
    let work = tempfile::tempdir_in(parent).with_context(|| format!("无法在 {} 写入", parent.display()))?;
    let (manifest, payload, name) = if url.starts_with("postgres") {
        backup_postgres(url, work.path()).await?
    } else {
        backup_sqlite(url, work.path()).await?
    };
    let tmp = work.path().join("archive.zip");
    {
        let file = std::fs::File::create(&tmp)?;
        let mut zip = zip::ZipWriter::new(file);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        zip.start_file(MANIFEST, opts)?;
        zip.write_all(serde_json::to_string_pretty(&manifest)?.as_bytes())?;
        zip.start_file(name, opts)?;
        let mut src = std::fs::File::open(&payload)?;
        std::io::copy(&mut src, &mut zip)?;
        let file = zip.finish()?;
        file.sync_all()?;
    }
    std::fs::rename(&tmp, output).with_context(|| format!("无法写入 {}", output.display()))?;
    let bytes = std::fs::metadata(output)?.len();
    Ok(BackupReport { manifest, bytes })
}

async fn backup_sqlite(url: &str, work: &Path) -> anyhow::Result<(Manifest, PathBuf, &'static str)> {
    let live = crate::db::connect(url).await?;
    let copy = work.join(SQLITE_FILE);
    // One statement, one read transaction: a consistent copy while writers go on.
    live.execute_raw(Statement::from_string(
        DbBackend::Sqlite,
        format!("VACUUM INTO {}", sql_string(&copy.display().to_string())),
    ))
    .await
    .context("VACUUM INTO 失败")?;
    live.close().await?;
    let copy_url = format!("sqlite://{}", copy.display());
    let db = crate::db::connect(&copy_url).await?;
    let manifest = manifest(&db).await?;
    db.execute_raw(Statement::from_string(DbBackend::Sqlite, "PRAGMA wal_checkpoint(TRUNCATE)".to_owned())).await?;
    db.close().await?;
    Ok((manifest, copy, SQLITE_FILE))
}

async fn backup_postgres(url: &str, work: &Path) -> anyhow::Result<(Manifest, PathBuf, &'static str)> {
    let db = crate::db::connect_with(url, 2).await?;
    // The manifest is counted in the very snapshot pg_dump reads.
    let txn = db
        .begin_with_config(Some(sea_orm::IsolationLevel::RepeatableRead), Some(sea_orm::AccessMode::ReadOnly))
        .await?;
    let snapshot =
        scalar(&txn, "SELECT pg_export_snapshot()").await?.context("no snapshot")?.try_get_by_index::<String>(0)?;
    let manifest = manifest(&txn).await?;
    let dump = work.join(PG_FILE);
    let (url_no_pw, password) = split_password(url);
    let out = tokio::process::Command::new("pg_dump")
        .args(["--format=custom", "--no-owner", "--no-acl", "--snapshot", &snapshot, "--file"])
        .arg(&dump)
        .arg(format!("--dbname={url_no_pw}"))
        .envs(password.map(|p| ("PGPASSWORD", p)))
        .output()
        .await
        .context("pg_dump 无法运行（请安装与服务器同版本的 PostgreSQL 客户端）")?;
    txn.rollback().await?;
    db.close().await?;
    ensure!(out.status.success(), "pg_dump 失败：{}", String::from_utf8_lossy(&out.stderr).trim());
    Ok((manifest, dump, PG_FILE))
}

/// Where a restore puts things.
#[derive(Clone, Debug)]
pub struct RestoreTarget {
    pub database_url: String,
    /// The search index folder to rebuild (`None`: none on this machine).
    pub index_dir: Option<PathBuf>,
    /// Replace a database that already holds data.
    pub force: bool,
}

/// What a restore did.
#[derive(Debug)]
pub struct RestoreReport {
    pub manifest: Manifest,
    pub audit_events: u64,
    pub indexed: u64,
}

fn read_archive(file: &Path) -> anyhow::Result<(Manifest, zip::ZipArchive<std::fs::File>)> {
    let f = std::fs::File::open(file).with_context(|| format!("无法读取 {}", file.display()))?;
    let mut zip = zip::ZipArchive::new(f).context("不是 qicun 备份文件（zip）")?;
    let mut text = String::new();
    zip.by_name(MANIFEST).context("备份文件缺少 manifest.json")?.read_to_string(&mut text)?;
    let manifest: Manifest = serde_json::from_str(&text).context("manifest.json 无法解析")?;
    ensure!(manifest.format == 1, "不支持的备份格式 {}", manifest.format);
    Ok((manifest, zip))
}

async fn holds_data(db: &DatabaseConnection) -> anyhow::Result<bool> {
    let tables = table_names(db).await?;
    for t in tables.iter().filter(|t| *t != "seaql_migrations") {
        if count_of(db, &format!("SELECT CAST(COUNT(*) AS BIGINT) FROM \"{t}\"")).await? > 0 {
            return Ok(true);
        }
    }
    Ok(false)
}

async fn check_copy(db: &DatabaseConnection, manifest: &Manifest) -> anyhow::Result<u64> {
    let found = self::manifest(db).await?;
    let diff = manifest.differences(&found);
    ensure!(diff.is_empty(), "副本与备份清单不符，未恢复：\n  {}", diff.join("\n  "));
    match crate::audit::verify(db).await? {
        crate::audit::Verification::Intact { events } => Ok(events),
        crate::audit::Verification::Broken { event_id, reason } => {
            bail!("副本的审计日志在第 {event_id} 条处断裂（{reason}），未恢复")
        }
    }
}

/// Restores the archive `file` into `target`.
pub async fn restore(file: &Path, target: &RestoreTarget) -> anyhow::Result<RestoreReport> {
    let (manifest, mut zip) = read_archive(file)?;
    let to_pg = target.database_url.starts_with("postgres");
    ensure!(
        (manifest.backend == "postgres") == to_pg,
        "这是 {} 的备份，只能恢复到同类数据库",
        if manifest.backend == "postgres" { "PostgreSQL" } else { "SQLite" }
    );
    // A running server holds its index: restoring under it would leave it serving the old data.
    let index = match &target.index_dir {
        Some(dir) => Some(
            crate::search::SearchIndex::open(Some(dir))
                .map_err(|e| anyhow::anyhow!("{e:#}（恢复前请停止使用该数据的服务）"))?
                .0,
        ),
        None => None,
    };
    let audit_events = if to_pg {
        restore_postgres(&mut zip, &manifest, target).await?
    } else {
        restore_sqlite(&mut zip, &manifest, target).await?
    };
    // A new identity: the restored history is a branch of its own.
    let db = crate::db::connect_and_migrate(&target.database_url).await?;
    let id = uuid::Uuid::new_v4().simple().to_string();
    let txn = crate::db::write(&db).await?;
    crate::db::put_setting(&txn, crate::db::INSTANCE, &id, Utc::now()).await?;
    crate::db::commit(txn).await?;
    let mut indexed = 0;
    if let (Some(index), Some(dir)) = (index, &target.index_dir) {
        drop(index);
        // Nothing of the old index is kept.
        if dir.exists() {
            std::fs::remove_dir_all(dir).with_context(|| format!("无法清空索引目录 {}", dir.display()))?;
        }
        let (index, _) = crate::search::SearchIndex::open(Some(dir))?;
        indexed = index.rebuild(&db, &indicatif::ProgressBar::hidden()).await?;
    }
    db.close().await?;
    Ok(RestoreReport { manifest, audit_events, indexed })
}

async fn restore_sqlite(
    zip: &mut zip::ZipArchive<std::fs::File>,
    manifest: &Manifest,
    target: &RestoreTarget,
) -> anyhow::Result<u64> {
    let path = sqlite_path(&target.database_url)?;
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf();
    std::fs::create_dir_all(&dir).with_context(|| format!("无法创建 {}", dir.display()))?;
    if path.exists() && std::fs::metadata(&path)?.len() > 0 {
        let live = crate::db::connect(&target.database_url).await?;
        let busy = holds_data(&live).await?;
        // Everything of the old file into the file itself, so its -wal can go before the swap.
        live.execute_raw(Statement::from_string(DbBackend::Sqlite, "PRAGMA wal_checkpoint(TRUNCATE)".to_owned()))
            .await?;
        live.close().await?;
        ensure!(!busy || target.force, "{} 已有数据：确需覆盖请加 --force（先停止服务）", path.display());
    }
    let tmp = dir.join(format!(".restore-{}.db", uuid::Uuid::new_v4().simple()));
    {
        let mut entry = zip.by_name(SQLITE_FILE).context("备份文件缺少 qicun.db")?;
        let mut out = std::fs::File::create(&tmp)?;
        std::io::copy(&mut entry, &mut out)?;
        out.sync_all()?;
    }
    let checked = async {
        let db = crate::db::connect(&format!("sqlite://{}", tmp.display())).await?;
        let n = check_copy(&db, manifest).await;
        db.execute_raw(Statement::from_string(DbBackend::Sqlite, "PRAGMA wal_checkpoint(TRUNCATE)".to_owned())).await?;
        db.close().await?;
        n
    }
    .await;
    let events = match checked {
        Ok(n) => n,
        Err(e) => {
            for p in [tmp.clone(), with_suffix(&tmp, "-wal"), with_suffix(&tmp, "-shm")] {
                let _ = std::fs::remove_file(p);
            }
            return Err(e);
        }
    };
    for p in
        [with_suffix(&path, "-wal"), with_suffix(&path, "-shm"), with_suffix(&tmp, "-wal"), with_suffix(&tmp, "-shm")]
    {
        let _ = std::fs::remove_file(p);
    }
    std::fs::rename(&tmp, &path).with_context(|| format!("无法写入 {}", path.display()))?;
    Ok(events)
}

/// The URL without its password, and the password: passed to pg_dump and pg_restore in their
/// environment, where `ps` does not show it.
fn split_password(url: &str) -> (String, Option<String>) {
    if let (Some(scheme), Some(at)) = (url.find("://"), url.rfind('@'))
        && at > scheme
    {
        let creds = &url[scheme + 3..at];
        if let Some((user, pw)) = creds.split_once(':') {
            let pw = pw.replace("%40", "@").replace("%3A", ":").replace("%2F", "/").replace("%25", "%");
            return (format!("{}{user}{}", &url[..scheme + 3], &url[at..]), Some(pw));
        }
    }
    (url.to_owned(), None)
}

fn with_suffix(p: &Path, suffix: &str) -> PathBuf {
    let mut s = p.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

async fn restore_postgres(
    zip: &mut zip::ZipArchive<std::fs::File>,
    manifest: &Manifest,
    target: &RestoreTarget,
) -> anyhow::Result<u64> {
    let url = &target.database_url;
    let db = crate::db::connect_with(url, 2).await?;
    // A database with data is never dropped here, --force or not: restore into a new empty one
    // (createdb), check it, then point DATABASE_URL at it and keep the old one until sure.
    ensure!(
        !holds_data(&db).await?,
        "目标 PostgreSQL 数据库已有数据，未恢复：请新建一个空库（createdb）恢复到那里，核对无误后再把 DATABASE_URL 指向它。"
    );
    if !table_names(&db).await?.is_empty() {
        // Only empty tables (a migrated database): start from an empty schema.
        for sql in ["DROP SCHEMA public CASCADE", "CREATE SCHEMA public"] {
            db.execute_raw(Statement::from_string(DbBackend::Postgres, sql.to_owned())).await?;
        }
    }
    let work = tempfile::tempdir()?;
    let dump = work.path().join(PG_FILE);
    {
        let mut entry = zip.by_name(PG_FILE).context("备份文件缺少 qicun.pgdump")?;
        let mut out = std::fs::File::create(&dump)?;
        std::io::copy(&mut entry, &mut out)?;
    }
    let (url_no_pw, password) = split_password(url);
    let out = tokio::process::Command::new("pg_restore")
        .args(["--no-owner", "--no-acl", "--exit-on-error"])
        .arg(format!("--dbname={url_no_pw}"))
        .envs(password.map(|p| ("PGPASSWORD", p)))
        .arg(&dump)
        .output()
        .await
        .context("pg_restore 无法运行（请安装与服务器同版本的 PostgreSQL 客户端）")?;
    ensure!(out.status.success(), "pg_restore 失败：{}", String::from_utf8_lossy(&out.stderr).trim());
    let events =
        check_copy(&db, manifest).await.context("恢复后的数据库与清单不符（目标库保持恢复后的状态，请检查后重试）")?;
    db.close().await?;
    Ok(events)
}
