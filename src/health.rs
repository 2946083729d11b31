//! Whether this node can do its work: the database takes writes (checked by a real write, not a
//! ping — a read-only file or a full disk pass a ping), the search index keeps up with the
//! outbox, and the node is not shutting down. `/healthz` reports it; a background monitor keeps
//! probing so that connections opened during a storage fault are renewed once it is over.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sea_orm::{DatabaseConnection, DbBackend};
use serde::Serialize;

use crate::db::Recycler;
use crate::search::SearchIndex;

/// A probe result is reused for this long (a load balancer may poll often).
const PROBE_TTL: Duration = Duration::from_secs(1);
/// An index further behind than this many outbox rows is reported as degraded.
const BEHIND_WARN: i64 = 1000;

/// When the database was last probed and what it answered.
type Probe = Option<(Instant, Result<(), ProbeError>)>;

/// Why the write probe failed.
#[derive(Clone, Debug)]
pub struct ProbeError {
    /// Busy only: another writer held the lock (an import, say) — the node still works.
    pub busy: bool,
    pub message: String,
}

/// Shared health state of a node; cheap to clone.
#[derive(Clone, Debug, Default)]
pub struct Health {
    last: Arc<Mutex<Probe>>,
    draining: Arc<AtomicBool>,
}

/// What `/healthz` answers.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// `ok`, `degraded` (works, but the index is behind or rebuilding) or `unavailable`.
    pub status: &'static str,
    pub database: &'static str,
    /// Whether the database took a write just now.
    pub writable: bool,
    /// Each problem, in words for the operator.
    pub problems: Vec<String>,
    pub index: IndexReport,
    pub draining: bool,
}

/// The search index part of the report.
#[derive(Clone, Debug, Serialize)]
pub struct IndexReport {
    pub applied: i64,
    pub latest: i64,
    pub behind: i64,
    pub documents: u64,
    pub rebuilding: bool,
    pub verifying: bool,
    /// Documents found differing from the database and rewritten since start-up.
    pub repaired: u64,
    pub error: Option<String>,
}

impl Report {
    /// Unavailable: take the node out of rotation.
    pub fn is_unavailable(&self) -> bool {
        self.status == "unavailable"
    }
}

impl Health {
    /// Marks the node as stopping: `/healthz` answers 503 so a load balancer stops sending.
    pub fn start_draining(&self) {
        self.draining.store(true, Ordering::SeqCst);
    }

    /// Whether the node is stopping.
    pub fn draining(&self) -> bool {
        self.draining.load(Ordering::SeqCst)
    }

    /// Probes the database with a write unless a probe ran within the last second. A storage
    /// fault retires the pool's connections, so that they are reopened when it ends (a SQLite
    /// connection opened on a read-only file never writes again).
    pub async fn database_writable(&self, db: &DatabaseConnection, recycler: &Recycler) -> Result<(), ProbeError> {
        if let Ok(last) = self.last.lock()
            && let Some((at, result)) = last.as_ref()
            && at.elapsed() < PROBE_TTL
        {
            return result.clone();
        }
        let result = match crate::db::probe_write(db, chrono::Utc::now()).await {
            Ok(()) => Ok(()),
            Err(e) => {
                let fault = crate::db::fault(&e);
                if fault.is_none_or(crate::db::Fault::is_storage) {
                    recycler.retire_all();
                }
                tracing::error!(error = %e, fault = ?fault, "health: the database does not take writes");
                Err(ProbeError {
                    busy: fault == Some(crate::db::Fault::Busy),
                    message: match fault {
                        Some(crate::db::Fault::Busy) => {
                            format!("数据库写锁被长时间占用（如正在导入），写入在排队：{e}")
                        }
                        Some(f) => format!("数据库不能写入：{}（{e}）", f.message()),
                        None => format!("数据库不能写入：{e}"),
                    },
                })
            }
        };
        if let Ok(mut last) = self.last.lock() {
            *last = Some((Instant::now(), result.clone()));
        }
        result
    }

    /// The whole report.
    pub async fn report(&self, db: &DatabaseConnection, recycler: &Recycler, search: &SearchIndex) -> Report {
        let database = match db.get_database_backend() {
            DbBackend::Postgres => "postgres",
            DbBackend::Sqlite => "sqlite",
            _ => "other",
        };
        let mut problems = Vec::new();
        let (writable, busy) = match self.database_writable(db, recycler).await {
            Ok(()) => (true, false),
            Err(p) => {
                problems.push(p.message);
                (false, p.busy)
            }
        };
        let s = search.status();
        let latest = match crate::search::max_seq(db).await {
            Ok(n) => n,
            Err(e) => {
                problems.push(format!("无法读取变更日志：{e}"));
                s.applied
            }
        };
        let behind = (latest - s.applied).max(0);
        if let Some(e) = &s.error {
            problems.push(format!("搜索索引写入失败，落后 {behind} 条变更：{e}"));
        } else if s.rebuilding {
            problems.push("搜索索引正在重建".to_owned());
        } else if s.verifying {
            problems.push("上次未正常停止：搜索索引正在逐条核对".to_owned());
        } else if behind > BEHIND_WARN {
            problems.push(format!("搜索索引落后 {behind} 条变更，正在追赶"));
        }
        let draining = self.draining();
        if draining {
            problems.push("本节点正在停止".to_owned());
        }
        // A database that is only busy (one long import holds the write lock) makes every node
        // wait alike: taking them all out of rotation would not help anyone.
        let status = if (!writable && !busy) || s.error.is_some() || draining {
            "unavailable"
        } else if busy || s.rebuilding || s.verifying || behind > BEHIND_WARN {
            "degraded"
        } else {
            "ok"
        };
        Report {
            status,
            database,
            writable,
            problems,
            index: IndexReport {
                applied: s.applied,
                latest,
                behind,
                documents: s.documents,
                rebuilding: s.rebuilding,
                verifying: s.verifying,
                repaired: s.repaired,
                error: s.error,
            },
            draining,
        }
    }

    /// Probes every `period` in the background (so a fault is noticed, and recovered from,
    /// without anyone asking).
    pub fn monitor(&self, db: DatabaseConnection, recycler: Recycler, period: Duration) -> tokio::task::JoinHandle<()> {
        let me = self.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(period);
            let mut was_ok = true;
            loop {
                tick.tick().await;
                let ok = me.database_writable(&db, &recycler).await.is_ok();
                if ok && !was_ok {
                    tracing::info!("health: the database takes writes again");
                }
                was_ok = ok;
            }
        })
    }
}
