//! What public pages may keep between changes. Every change the application makes writes an
//! audit event in its write transaction, and write transactions are serialised (SQLite's
//! IMMEDIATE lock, PostgreSQL's advisory lock), so the newest audit event's id grows with every
//! committed change on any node. A cached value is keyed by that id, the search index's applied
//! position and the day: any change, an index step or midnight gives a new key, and the value
//! is computed again. Values also age out after a minute, whatever happens.
//!
//! The newest event's id is read again after every change this process commits, and otherwise
//! at most every [`VERSION_FOR`]: a change committed by another process (another node, a
//! command-line import) reaches this node's visitors within that time.

use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, QuerySelect};

/// When a cached value was computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Version {
    audit: i64,
    index: i64,
    day: NaiveDate,
}

/// Entries kept at most by default (public lists and figures: a few per filter).
const CAPACITY: usize = 4096;
/// A value is never older than this.
const MAX_AGE: Duration = Duration::from_secs(60);

/// How long the newest event's id read from the database is used when this process has
/// committed nothing since.
pub const VERSION_FOR: Duration = Duration::from_millis(250);

type Entry = (Version, Instant, Arc<dyn Any + Send + Sync>);

/// The cache, shared by the requests of one node.
pub struct PublicCache {
    entries: Mutex<HashMap<String, Entry>>,
    capacity: usize,
    /// The newest event's id as last read: (id, when the read began, this process's change
    /// count before it).
    seen: Mutex<Option<(i64, Instant, u64)>>,
}

impl Default for PublicCache {
    fn default() -> Self {
        Self::with_capacity(CAPACITY)
    }
}

/// A page rendered for visitors who are not logged in (it shows nobody's data and holds no
/// form token), kept with the version it was rendered at.
pub struct KeptPage {
    pub content_type: Option<axum::http::HeaderValue>,
    pub body: axum::body::Bytes,
    /// A moment after which the page is out of date though nothing was written (a 公示 window
    /// closing with the clock).
    pub until: Option<DateTime<Utc>>,
}

/// Put on a response by a handler whose page changes at a moment without any write: the kept
/// copy is used only before it.
#[derive(Clone, Copy, Debug)]
pub struct FreshUntil(pub DateTime<Utc>);

impl PublicCache {
    /// A cache that keeps at most `capacity` values.
    pub fn with_capacity(capacity: usize) -> Self {
        Self { entries: Mutex::new(HashMap::new()), capacity: capacity.max(1), seen: Mutex::new(None) }
    }

    /// The version now: the newest audit event, `index_applied` and `today`. The event's id is
    /// read (one indexed read) unless it was read less than [`VERSION_FOR`] ago and this process
    /// has committed no change since that read began.
    pub async fn version<C: ConnectionTrait>(
        &self,
        db: &C,
        index_applied: i64,
        today: NaiveDate,
    ) -> Result<Version, DbErr> {
        let changes = crate::db::changes();
        let recent = self
            .seen
            .lock()
            .ok()
            .and_then(|s| *s)
            .filter(|&(_, at, seen_changes)| seen_changes == changes && at.elapsed() < VERSION_FOR);
        let audit = match recent {
            Some((audit, _, _)) => audit,
            None => {
                let started = Instant::now();
                let audit = entity::audit_event::Entity::find()
                    .select_only()
                    .expr_as(
                        sea_orm::sea_query::Func::max(sea_orm::sea_query::Expr::col(entity::audit_event::Column::Id)),
                        "m",
                    )
                    .into_tuple::<Option<i64>>()
                    .one(db)
                    .await?
                    .flatten()
                    .unwrap_or(0);
                if let Ok(mut seen) = self.seen.lock() {
                    // A newer read that finished first is kept.
                    if seen.is_none_or(|(_, at, _)| at <= started) {
                        *seen = Some((audit, started, changes));
                    }
                }
                audit
            }
        };
        Ok(Version { audit, index: index_applied, day: today })
    }

    /// The value under `key` computed at `version`, if kept.
    pub fn get<T: Any + Send + Sync>(&self, key: &str, version: Version) -> Option<Arc<T>> {
        let entries = self.entries.lock().ok()?;
        let (v, at, value) = entries.get(key)?;
        if *v != version || at.elapsed() > MAX_AGE {
            return None;
        }
        Arc::clone(value).downcast::<T>().ok()
    }

    /// Keeps `value` under `key` as computed at `version`; returns it.
    pub fn put<T: Any + Send + Sync>(&self, key: &str, version: Version, value: T) -> Arc<T> {
        let value = Arc::new(value);
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= self.capacity && !entries.contains_key(key) {
                entries.retain(|_, (v, at, _)| *v == version && at.elapsed() <= MAX_AGE);
                if entries.len() >= self.capacity {
                    entries.clear();
                }
            }
            entries.insert(key.to_owned(), (version, Instant::now(), Arc::clone(&value) as Arc<dyn Any + Send + Sync>));
        }
        value
    }

    /// The value under `key` computed at `version`, or `compute` run (only then) and kept.
    pub async fn kept<T, E>(
        &self,
        key: &str,
        version: Version,
        compute: impl std::future::Future<Output = Result<T, E>>,
    ) -> Result<Arc<T>, E>
    where
        T: Any + Send + Sync,
    {
        match self.get(key, version) {
            Some(v) => Ok(v),
            None => Ok(self.put(key, version, compute.await?)),
        }
    }

    /// How many values are kept (for tests).
    pub fn len(&self) -> usize {
        self.entries.lock().map(|e| e.len()).unwrap_or(0)
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
