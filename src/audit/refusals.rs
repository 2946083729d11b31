//! Refused requests (a role that may not, a missing CSRF token, a dead API token) as audit
//! events, aggregated: each node counts them in memory by kind, caller and path and writes one
//! `security.refusals` event a minute with the counts, so a flood of refusals costs one row a
//! minute and a bounded map, never a row per request.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

use super::{Actor, Event};

/// Distinct (kind, caller, path) kept between flushes; more are only counted.
const MAX_KEYS: usize = 1000;
/// Items written into one event (the most frequent first); the rest are summed.
const MAX_ITEMS: usize = 100;

#[derive(Default)]
struct Counts {
    by_key: HashMap<(&'static str, String, String), u64>,
    /// Refusals that found the map full.
    overflow: u64,
}

/// This node's refusals since the last flush.
#[derive(Clone, Default)]
pub struct Refusals(Arc<Mutex<Counts>>);

impl Refusals {
    /// Counts one refusal of `kind` (`forbidden`, `csrf`, `token`) for `who` on `path`.
    pub fn note(&self, kind: &'static str, who: &str, path: &str) {
        let Ok(mut c) = self.0.lock() else { return };
        let key = (kind, who.chars().take(80).collect(), path.chars().take(120).collect());
        if let Some(n) = c.by_key.get_mut(&key) {
            *n += 1;
        } else if c.by_key.len() < MAX_KEYS {
            c.by_key.insert(key, 1);
        } else {
            c.overflow += 1;
        }
    }

    /// Writes what was counted as one audit event and starts counting afresh; returns how many
    /// refusals it covered (0: nothing written).
    pub async fn flush(&self, db: &DatabaseConnection, now: DateTime<Utc>) -> crate::error::Result<u64> {
        let taken = match self.0.lock() {
            Ok(mut c) => std::mem::take(&mut *c),
            Err(_) => return Ok(0),
        };
        let mut items: Vec<_> = taken.by_key.into_iter().collect();
        let total: u64 = items.iter().map(|(_, n)| n).sum::<u64>() + taken.overflow;
        if total == 0 {
            return Ok(0);
        }
        items.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let others: u64 = items.iter().skip(MAX_ITEMS).map(|(_, n)| n).sum::<u64>() + taken.overflow;
        let listed: Vec<serde_json::Value> = items
            .iter()
            .take(MAX_ITEMS)
            .map(|((kind, who, path), n)| serde_json::json!({ "kind": kind, "who": who, "path": path, "count": n }))
            .collect();
        let txn = crate::db::write(db).await?;
        super::record(
            &txn,
            now,
            &Actor::system("refusals"),
            Event {
                action: "security.refusals",
                entity: "request",
                entity_id: String::new(),
                before: None,
                after: Some(serde_json::json!({ "total": total, "items": listed, "others": others })),
            },
        )
        .await?;
        crate::db::commit(txn).await?;
        Ok(total)
    }
}
