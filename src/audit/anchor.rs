//! Checkpoints of the audit chain's head, kept outside the database: the chain shows any
//! edited or deleted event *before* the newest one, but deleting the newest events leaves a
//! shorter chain that still holds. So each node appends, every minute, a checkpoint of the head
//! (event id, its hash, the time) signed with HMAC-SHA256 under a key that is not in the
//! database, to a file beside the data; `qicun verify-audit` then insists that the event each
//! checkpoint names is still there with the same hash. Someone who can change the database but
//! not the node's files cannot truncate the trail unseen, nor forge a checkpoint.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use entity::audit_event;
use hmac::{Hmac, Mac};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

/// The secret that signs checkpoints (32 random bytes, hex in a file readable by the owner
/// only; never in the database).
#[derive(Clone)]
pub struct AnchorKey(Vec<u8>);

/// Where a node keeps its key and its checkpoints.
#[derive(Clone, Debug)]
pub struct AnchorFiles {
    pub key: PathBuf,
    pub checkpoints: PathBuf,
}

impl AnchorFiles {
    /// The default places under a node's data directory (the key may be put elsewhere).
    pub fn in_dir(data_dir: &Path, key: Option<PathBuf>) -> Self {
        Self {
            key: key.unwrap_or_else(|| data_dir.join("audit.key")),
            checkpoints: data_dir.join("audit-checkpoints.jsonl"),
        }
    }
}

impl AnchorKey {
    /// Reads the key at `path`, or makes one there (owner-only permissions) the first time.
    pub fn load_or_create(path: &Path) -> anyhow::Result<Self> {
        Ok(Self(crate::crypto::key_file(path, "审计密钥")?))
    }

    fn mac(&self, c: &Unsigned<'_>) -> String {
        // HMAC takes a key of any length.
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&self.0) else { return String::new() };
        mac.update(serde_json::to_string(c).unwrap_or_default().as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    fn verify(&self, c: &Checkpoint) -> bool {
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&self.0) else { return false };
        let Ok(expected) = hex::decode(&c.mac) else { return false };
        mac.update(serde_json::to_string(&c.unsigned()).unwrap_or_default().as_bytes());
        mac.verify_slice(&expected).is_ok()
    }
}

/// One line of the checkpoint file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    /// The newest event when the checkpoint was taken.
    pub event_id: i64,
    pub hash: String,
    pub at: DateTime<Utc>,
    /// A restore from a backup: events after this head were given up on purpose.
    #[serde(default)]
    pub restored: bool,
    pub mac: String,
}

#[derive(Serialize)]
struct Unsigned<'a> {
    event_id: i64,
    hash: &'a str,
    at: DateTime<Utc>,
    restored: bool,
}

impl Checkpoint {
    fn unsigned(&self) -> Unsigned<'_> {
        Unsigned { event_id: self.event_id, hash: &self.hash, at: self.at, restored: self.restored }
    }
}

/// The newest event's id and hash.
pub async fn head<C: ConnectionTrait>(db: &C) -> Result<Option<(i64, String)>, DbErr> {
    audit_event::Entity::find()
        .order_by_desc(audit_event::Column::Id)
        .select_only()
        .column(audit_event::Column::Id)
        .column(audit_event::Column::Hash)
        .into_tuple::<(i64, String)>()
        .one(db)
        .await
}

/// The checkpoints in `file`, oldest first (a missing file has none).
pub fn read(file: &Path) -> anyhow::Result<Vec<Checkpoint>> {
    let Ok(text) = std::fs::read_to_string(file) else { return Ok(Vec::new()) };
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| anyhow::anyhow!("检查点文件第 {} 行无法读取：{e}", i + 1)))
        .collect()
}

/// The newest checkpoint in `file`, read from its end (the file gains a line a minute; the
/// minute's checkpoint and the auditor's page need only its last).
pub fn last(file: &Path) -> anyhow::Result<Option<Checkpoint>> {
    use std::io::{Read, Seek, SeekFrom};
    let Ok(mut f) = std::fs::File::open(file) else { return Ok(None) };
    let len = f.metadata()?.len();
    // A line is a few hundred bytes: the last 8 KB hold the newest whole.
    f.seek(SeekFrom::Start(len.saturating_sub(8192)))?;
    let mut tail = String::new();
    f.read_to_string(&mut tail)?;
    match tail.lines().rev().find(|l| !l.trim().is_empty()) {
        Some(line) => {
            Ok(Some(serde_json::from_str(line).map_err(|e| anyhow::anyhow!("检查点文件最后一行无法读取：{e}"))?))
        }
        None => Ok(None),
    }
}

/// Checks only the newest checkpoint: its signature, and that its event is still there with the
/// hash it had. Enough where every checkpoint is taken by [`take`], which signs no head that does
/// not follow the one before (what the auditor's page asks at every view); [`check`] reads them
/// all (the command line), which also catches a cut signed by a version before that rule.
pub async fn check_latest<C: ConnectionTrait>(db: &C, key: &AnchorKey, file: &Path) -> anyhow::Result<AnchorCheck> {
    let Some(c) = last(file)? else { return Ok(AnchorCheck::NoCheckpoint) };
    if !key.verify(&c) {
        return Ok(AnchorCheck::Forged { line: read(file)?.len() });
    }
    if !gone_or_changed(db, std::slice::from_ref(&c)).await?.is_empty() {
        return Ok(AnchorCheck::Missing { event_id: c.event_id, at: c.at });
    }
    // The one checked.
    Ok(AnchorCheck::Holds { checkpoints: 1, latest: c.event_id })
}

/// Appends a checkpoint of the current head to the file, unless the last one already names it.
/// `restored` marks the head a restore left behind.
pub async fn take<C: ConnectionTrait>(
    db: &C,
    key: &AnchorKey,
    file: &Path,
    now: DateTime<Utc>,
    restored: bool,
) -> anyhow::Result<Option<Checkpoint>> {
    let Some((event_id, hash)) = head(db).await? else { return Ok(None) };
    let last = last(file)?;
    if !restored && last.as_ref().is_some_and(|c| c.event_id == event_id && c.hash == hash) {
        return Ok(None);
    }
    // A head that does not follow the last checkpoint (its event gone or changed: events were
    // deleted, then new ones written) is not signed: a checkpoint of the cut trail would hide
    // the cut from every later check. Only a restore gives up events on purpose.
    if let Some(c) = last.filter(|_| !restored)
        && !gone_or_changed(db, std::slice::from_ref(&c)).await?.is_empty()
    {
        anyhow::bail!(
            "第 {} 条审计记录（{} 的检查点）已不在或已被改动：不再记录新的检查点，请运行 qicun verify-audit 并用备份核对",
            c.event_id,
            crate::clock::to_shanghai(c.at).format("%Y-%m-%d %H:%M")
        );
    }
    let unsigned = Unsigned { event_id, hash: &hash, at: now, restored };
    let c = Checkpoint { event_id, hash: hash.clone(), at: now, restored, mac: key.mac(&unsigned) };
    let mut f = std::fs::OpenOptions::new().create(true).append(true).open(file)?;
    writeln!(f, "{}", serde_json::to_string(&c)?)?;
    f.sync_data()?;
    Ok(Some(c))
}

/// What comparing the database with the checkpoints found.
#[derive(Debug, PartialEq, Eq)]
pub enum AnchorCheck {
    /// No checkpoint yet (a new node).
    NoCheckpoint,
    /// The newest checkpoint (since the last restore) names an event still there, unchanged.
    Holds { checkpoints: usize, latest: i64 },
    /// A checkpoint's signature does not verify: the file was edited.
    Forged { line: usize },
    /// The event a checkpoint names is gone or changed: the trail was cut or rewritten.
    Missing { event_id: i64, at: DateTime<Utc> },
}

/// Checks the checkpoints of `file` against the database (after the chain itself was walked):
/// every signature, and the newest checkpoint's event. Checkpoints before the last restore are
/// history: the restore gave up what followed them.
pub async fn check<C: ConnectionTrait>(db: &C, key: &AnchorKey, file: &Path) -> anyhow::Result<AnchorCheck> {
    let all = read(file)?;
    if all.is_empty() {
        return Ok(AnchorCheck::NoCheckpoint);
    }
    if let Some(i) = all.iter().position(|c| !key.verify(c)) {
        return Ok(AnchorCheck::Forged { line: i + 1 });
    }
    // Every checkpoint since the last restore must name an event still there with the hash it
    // had. The newest alone is not enough: events deleted from the end and new ones written
    // after them leave a chain that holds, and a later checkpoint of it.
    let from = all.iter().rposition(|c| c.restored).unwrap_or(0);
    let live = &all[from..];
    if let Some(c) = gone_or_changed(db, live).await?.first() {
        return Ok(AnchorCheck::Missing { event_id: c.event_id, at: c.at });
    }
    Ok(AnchorCheck::Holds { checkpoints: live.len(), latest: live.last().map_or(0, |c| c.event_id) })
}

/// The checkpoints of `these` whose event is gone or has another hash now, oldest first (the
/// database asked a few hundred at a time).
async fn gone_or_changed<'a, C: ConnectionTrait>(
    db: &C,
    these: &'a [Checkpoint],
) -> Result<Vec<&'a Checkpoint>, DbErr> {
    let mut wrong = Vec::new();
    for part in these.chunks(500) {
        let ids: Vec<i64> = part.iter().map(|c| c.event_id).collect();
        let stored: std::collections::HashMap<i64, String> = audit_event::Entity::find()
            .filter(audit_event::Column::Id.is_in(ids))
            .select_only()
            .column(audit_event::Column::Id)
            .column(audit_event::Column::Hash)
            .into_tuple::<(i64, String)>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        wrong.extend(part.iter().filter(|c| stored.get(&c.event_id) != Some(&c.hash)));
    }
    Ok(wrong)
}
