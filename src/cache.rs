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

impl Version {
    /// Whether this version is later than `other`: no part of it earlier, and not the same.
    pub fn supersedes(&self, other: &Version) -> bool {
        self != other && self.audit >= other.audit && self.index >= other.index && self.day >= other.day
    }
}

/// Entries kept at most by default (public lists and figures: a few per filter).
const CAPACITY: usize = 4096;
/// A value is never older than this.
pub const MAX_AGE: Duration = Duration::from_secs(60);

/// How long the newest event's id read from the database is used when this process has
/// committed nothing since.
pub const VERSION_FOR: Duration = Duration::from_millis(250);

type Entry = (Version, Instant, Arc<dyn Any + Send + Sync>);

/// A slow value: its version, when it was computed, how long that took, the value.
type SlowEntry = (Version, Instant, Duration, Arc<dyn Any + Send + Sync>);

/// A computation slower than this may be served after a change, for [`STALE_FACTOR`] times as
/// long as it took (at most [`MAX_STALE`]).
pub const SLOW: Duration = Duration::from_secs(1);
/// See [`SLOW`].
pub const STALE_FACTOR: u32 = 20;
/// See [`SLOW`].
pub const MAX_STALE: Duration = Duration::from_secs(15 * 60);

/// The cache, shared by the requests of one node.
pub struct PublicCache {
    entries: Mutex<HashMap<String, Entry>>,
    /// Values of [`PublicCache::kept_slow`], and one gate per key so one computes at a time.
    slow: Mutex<HashMap<String, SlowEntry>>,
    gates: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
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
        Self {
            entries: Mutex::new(HashMap::new()),
            slow: Mutex::new(HashMap::new()),
            gates: Mutex::new(HashMap::new()),
            capacity: capacity.max(1),
            seen: Mutex::new(None),
        }
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

    /// Like [`PublicCache::kept`] for a computation that may take seconds at scale (the yearly
    /// assessment of a whole country): one request computes while the others for the same key
    /// wait for its result, and a value that took longer than [`SLOW`] to compute is served
    /// after changes for [`STALE_FACTOR`] times as long as it took (at most [`MAX_STALE`]), so
    /// a busy system does not recompute it on every visit. Returns the value and its age.
    pub async fn kept_slow<T, E>(
        &self,
        key: &str,
        version: Version,
        compute: impl std::future::Future<Output = Result<T, E>>,
    ) -> Result<(Arc<T>, Duration), E>
    where
        T: Any + Send + Sync,
    {
        let gate = {
            let mut gates = self.gates.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            Arc::clone(gates.entry(key.to_owned()).or_default())
        };
        let _one_at_a_time = gate.lock().await;
        let usable = |(v, at, took, _): &SlowEntry| {
            *v == version || (*took >= SLOW && at.elapsed() < Ord::min(*took * STALE_FACTOR, MAX_STALE))
        };
        if let Ok(slow) = self.slow.lock()
            && let Some(entry) = slow.get(key).filter(|e| usable(e))
            && let Ok(value) = Arc::clone(&entry.3).downcast::<T>()
        {
            return Ok((value, entry.1.elapsed()));
        }
        let started = Instant::now();
        let value = Arc::new(compute.await?);
        if let Ok(mut slow) = self.slow.lock() {
            if slow.len() >= 64 {
                slow.clear();
            }
            let kept = Arc::clone(&value) as Arc<dyn Any + Send + Sync>;
            slow.insert(key.to_owned(), (version, started, started.elapsed(), kept));
        }
        Ok((value, Duration::ZERO))
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn version(audit: i64) -> Version {
        Version { audit, index: 0, day: NaiveDate::MIN }
    }

    #[test]
    fn a_version_supersedes_only_an_earlier_one() {
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 12, d).expect("day");
        let v = |audit: i64, index: i64, d: u32| Version { audit, index, day: day(d) };
        assert!(v(2, 5, 6).supersedes(&v(1, 5, 6)), "a later change");
        assert!(v(2, 6, 6).supersedes(&v(2, 5, 6)), "an index step");
        assert!(v(2, 5, 7).supersedes(&v(2, 5, 6)), "the next day");
        assert!(!v(1, 5, 6).supersedes(&v(2, 5, 6)), "an earlier change");
        assert!(!v(2, 5, 6).supersedes(&v(2, 5, 6)), "the same");
        assert!(!v(3, 4, 6).supersedes(&v(2, 5, 6)), "neither is later");
    }

    #[tokio::test]
    async fn a_slow_value_is_computed_once_at_a_time_and_kept_a_while_after_changes() {
        let cache = PublicCache::default();
        let runs = AtomicUsize::new(0);
        let work = |n: usize, pause: u64| {
            let runs = &runs;
            async move {
                runs.fetch_add(1, Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(pause)).await;
                Ok::<usize, ()>(n)
            }
        };
        // Quick: two visitors at once, one computation; a change recomputes at once.
        let (a, b) =
            tokio::join!(cache.kept_slow("k", version(1), work(1, 50)), cache.kept_slow("k", version(1), work(2, 50)),);
        assert_eq!((*a.expect("a").0, *b.expect("b").0), (1, 1));
        assert_eq!(runs.load(Ordering::SeqCst), 1, "the second waited for the first");
        assert_eq!(*cache.kept_slow("k", version(2), work(3, 0)).await.expect("c").0, 3, "quick: fresh after a change");
        // Slow (over a second): served after a change, while young.
        assert_eq!(*cache.kept_slow("s", version(1), work(4, 1_050)).await.expect("d").0, 4);
        let (value, _) = cache.kept_slow("s", version(2), work(5, 0)).await.expect("e");
        assert_eq!(*value, 4, "slow: the kept value stands after a change");
        assert_eq!(runs.load(Ordering::SeqCst), 3);
    }
}
