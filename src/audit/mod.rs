//! The tamper-evident audit trail: every event's hash covers the previous event's hash and the
//! event itself, so editing or deleting any row breaks every link after it. Checkpoints kept
//! outside the database (`anchor`) show the newest events were not cut off; refused requests
//! are counted and written a minute at a time (`refusals`).

pub mod anchor;
pub mod archive;
pub mod labels;
pub mod refusals;

use chrono::{DateTime, SecondsFormat, Utc};
use entity::audit_event;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryOrder, QuerySelect, Set};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// The hash that precedes the first event.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Who did something: a user, or the system acting for a named command.
#[derive(Clone, Debug)]
pub struct Actor {
    pub user_id: Option<i32>,
    pub label: String,
}

impl Actor {
    /// The system itself (command line, demo loader, background work).
    pub fn system(label: &str) -> Self {
        Self { user_id: None, label: format!("system:{label}") }
    }

    /// A logged-in user.
    pub fn user(id: i32, login: &str) -> Self {
        Self { user_id: Some(id), label: login.to_owned() }
    }
}

/// One event to append.
pub struct Event<'a> {
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// Appends `event` after the current last event. Call it inside the write transaction
/// ([`crate::db::write`]) of the change it records: that holds the one write lock, so appenders
/// form a single chain.
pub async fn record<C: ConnectionTrait>(
    db: &C,
    at: DateTime<Utc>,
    actor: &Actor,
    event: Event<'_>,
) -> Result<audit_event::Model, DbErr> {
    crate::db::serialise(db).await?;
    let prev_hash = last_hash(db).await?;
    row(prev_hash, at, actor, event).0.insert(db).await
}

/// The newest event's hash (the genesis value before the first).
async fn last_hash<C: ConnectionTrait>(db: &C) -> Result<String, DbErr> {
    Ok(audit_event::Entity::find()
        .order_by_desc(audit_event::Column::Id)
        .select_only()
        .column(audit_event::Column::Hash)
        .into_tuple::<String>()
        .one(db)
        .await?
        .unwrap_or_else(|| GENESIS.to_owned()))
}

/// The row of `event` chained after `prev_hash`, and its own hash.
fn row(prev_hash: String, at: DateTime<Utc>, actor: &Actor, event: Event<'_>) -> (audit_event::ActiveModel, String) {
    // Stored times keep microseconds on every backend; hash what will be read back.
    let at = truncate_micros(at);
    let before = event.before.map(|v| v.to_string());
    let after = event.after.map(|v| v.to_string());
    let hash = chain_hash(
        &prev_hash,
        &Canonical {
            occurred_at: at,
            actor_user_id: actor.user_id,
            actor: &actor.label,
            action: event.action,
            entity: event.entity,
            entity_id: &event.entity_id,
            before: before.as_deref(),
            after: after.as_deref(),
        },
    );
    let model = audit_event::ActiveModel {
        occurred_at: Set(at),
        actor_user_id: Set(actor.user_id),
        actor: Set(actor.label.clone()),
        action: Set(event.action.to_owned()),
        entity: Set(event.entity.to_owned()),
        entity_id: Set(event.entity_id),
        before: Set(before),
        after: Set(after),
        prev_hash: Set(prev_hash),
        hash: Set(hash.clone()),
        ..Default::default()
    };
    (model, hash)
}

/// Appends `events`, in order, after the current last event — the same chain `record` makes
/// one at a time, written a few hundred rows per statement (bulk loads). Inside the write
/// transaction of the change, like `record`: the rows get ascending ids in their order.
pub async fn record_many<C: ConnectionTrait>(
    db: &C,
    at: DateTime<Utc>,
    actor: &Actor,
    events: Vec<Event<'_>>,
) -> Result<(), DbErr> {
    if events.is_empty() {
        return Ok(());
    }
    crate::db::serialise(db).await?;
    let mut prev = last_hash(db).await?;
    let mut rows = Vec::with_capacity(events.len());
    for event in events {
        let (model, hash) = row(prev, at, actor, event);
        rows.push(model);
        prev = hash;
        if rows.len() == 300 {
            audit_event::Entity::insert_many(std::mem::take(&mut rows)).exec_without_returning(db).await?;
        }
    }
    if !rows.is_empty() {
        audit_event::Entity::insert_many(rows).exec_without_returning(db).await?;
    }
    Ok(())
}

struct Canonical<'a> {
    occurred_at: DateTime<Utc>,
    actor_user_id: Option<i32>,
    actor: &'a str,
    action: &'a str,
    entity: &'a str,
    entity_id: &'a str,
    before: Option<&'a str>,
    after: Option<&'a str>,
}

fn chain_hash(prev: &str, e: &Canonical<'_>) -> String {
    // A JSON array has one unambiguous encoding for these scalar fields.
    let canonical = serde_json::json!([
        e.occurred_at.to_rfc3339_opts(SecondsFormat::Micros, true),
        e.actor_user_id,
        e.actor,
        e.action,
        e.entity,
        e.entity_id,
        e.before,
        e.after,
    ])
    .to_string();
    let mut hasher = Sha256::new();
    hasher.update(prev.as_bytes());
    hasher.update(canonical.as_bytes());
    hex::encode(hasher.finalize())
}

fn truncate_micros(t: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(t.timestamp_micros()).unwrap_or(t)
}

/// The outcome of walking the chain.
#[derive(Debug, PartialEq, Eq)]
pub enum Verification {
    /// Every link holds.
    Intact { events: u64 },
    /// The first event whose stored hashes do not match.
    Broken { event_id: i64, reason: String },
}

/// Walks the whole chain in id order, page by page, and names the first broken link.
pub async fn verify<C: ConnectionTrait>(db: &C) -> Result<Verification, DbErr> {
    let mut pages = audit_event::Entity::find().order_by_asc(audit_event::Column::Id).paginate(db, 1000);
    let mut prev = GENESIS.to_owned();
    let mut count = 0u64;
    while let Some(page) = pages.fetch_and_next().await? {
        for e in page {
            if e.prev_hash != prev {
                return Ok(Verification::Broken {
                    event_id: e.id,
                    reason: "与前一条记录的哈希不衔接，前面的记录被删除或改动过".into(),
                });
            }
            let expected = chain_hash(
                &prev,
                &Canonical {
                    occurred_at: e.occurred_at,
                    actor_user_id: e.actor_user_id,
                    actor: &e.actor,
                    action: &e.action,
                    entity: &e.entity,
                    entity_id: &e.entity_id,
                    before: e.before.as_deref(),
                    after: e.after.as_deref(),
                },
            );
            if expected != e.hash {
                return Ok(Verification::Broken {
                    event_id: e.id,
                    reason: "内容与它的哈希不符，这条记录被改动过".into(),
                });
            }
            prev = e.hash;
            count += 1;
        }
    }
    Ok(Verification::Intact { events: count })
}
