//! Keeping the index in step with the database: rebuilding it from the tables, following the
//! `change` outbox in bounded steps, re-reading single listings on demand. Every write re-reads
//! the rows from the database, so applying a change twice or late is harmless; the applied
//! sequence moves only after a batch is committed and checked, so a failed write (a full disk)
//! is retried, never skipped.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use entity::{change, need, offer, organisation};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use tantivy::TantivyDocument;

use super::store::{Generation, Mark};
use super::{SearchIndex, ix, key};
use crate::domain::{ListingStatus, OrgStatus};
use crate::listings::{self, Listing, Side};

/// Outbox rows applied in one step.
pub const STEP_ROWS: u64 = 1000;
/// Outbox rows a search applies before it runs, at most (and only when no one else is).
const NUDGE_ROWS: u64 = 200;
/// Listings read from the database at a time by a rebuild.
const REBUILD_PAGE: u64 = 2000;
/// Listings checked per slice of a scrub.
const SCRUB_SLICE: u64 = 500;
/// The follower checks one slice every this many passes.
const SCRUB_EVERY: u32 = 10;
/// A backlog longer than this is cheaper to rebuild than to replay.
pub const REBUILD_BACKLOG: i64 = 50_000;

/// What an index is built from: the database (its instance id) and what this program derives
/// from a listing's text beside the words — the lexicon (built in and the deployment's own
/// entries) and the readers of places and ages
/// ([`DERIVED`]). An index built by a program that derived otherwise is rebuilt, so a listing
/// is never found by an old lexicon while its neighbours are found by the new one.
fn derived_from(instance: &str) -> String {
    use sha2::Digest;
    let mut h = sha2::Sha256::new();
    h.update(DERIVED.to_le_bytes());
    let lexicon = crate::matching::lexicon::Lexicon::builtin();
    h.update(crate::matching::lexicon::BUILTIN);
    h.update(crate::matching::lexicon::LOOKALIKES);
    h.update(lexicon.local_text());
    let d = h.finalize();
    format!("{instance}#{:02x}{:02x}{:02x}{:02x}{:02x}{:02x}", d[0], d[1], d[2], d[3], d[4], d[5])
}

/// Raise when what is derived from a listing's text into the index changes in code.
const DERIVED: u32 = 13;

/// The last sequence in the outbox.
pub async fn max_seq<C: ConnectionTrait>(db: &C) -> Result<i64, DbErr> {
    Ok(change::Entity::find()
        .select_only()
        .column(change::Column::Seq)
        .order_by_desc(change::Column::Seq)
        .into_tuple::<i64>()
        .one(db)
        .await?
        .unwrap_or(0))
}

/// Up to `n` ids of `E` above `after`, in order.
async fn ids_after<E: EntityTrait, C: ConnectionTrait>(
    db: &C,
    id: E::Column,
    after: i32,
    n: u64,
) -> Result<Vec<i32>, DbErr> {
    E::find().filter(id.gt(after)).order_by_asc(id).limit(n).select_only().column(id).into_tuple().all(db).await
}

/// What must happen before the index reflects the database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plan {
    /// Build it anew: it is empty or damaged, was built from another database (a restore, a
    /// copied folder), is ahead of the outbox, or far behind it.
    Rebuild,
    /// Apply the outbox rows after the applied sequence.
    CatchUp,
}

impl SearchIndex {
    /// Decides between a rebuild and a catch-up.
    pub async fn plan(&self, db: &DatabaseConnection) -> anyhow::Result<Plan> {
        let instance = derived_from(&crate::db::instance_id(db).await?);
        let mine = self.instance.lock().map(|i| i.clone()).unwrap_or_default();
        let latest = max_seq(db).await?;
        let applied = self.applied();
        Ok(if mine != instance || applied > latest || latest - applied > REBUILD_BACKLOG {
            Plan::Rebuild
        } else {
            Plan::CatchUp
        })
    }

    /// Rebuilds (when the plan says so) or catches up, and waits for it: for commands and
    /// tests that need the index current before they go on.
    pub async fn prepare(&self, db: &DatabaseConnection) -> anyhow::Result<()> {
        if self.plan(db).await? == Plan::Rebuild {
            let n = self.rebuild(db, &indicatif::ProgressBar::hidden()).await?;
            tracing::info!(listings = n, "search index built");
        }
        self.catch_up(db).await?;
        Ok(())
    }

    /// The documents of those of `items` that belong in the index: published, of a verified
    /// organisation (dates are filtered at query time). Organisations are read in one query.
    async fn documents_for<C: ConnectionTrait>(
        &self,
        db: &C,
        items: &[Listing],
    ) -> Result<Vec<(String, TantivyDocument)>, DbErr> {
        let ids: Vec<i32> = items.iter().map(|l| l.organisation_id).collect::<BTreeSet<_>>().into_iter().collect();
        let mut orgs: HashMap<i32, organisation::Model> = HashMap::new();
        for chunk in ids.chunks(500) {
            for o in organisation::Entity::find().filter(organisation::Column::Id.is_in(chunk.to_vec())).all(db).await?
            {
                orgs.insert(o.id, o);
            }
        }
        let mut out = Vec::with_capacity(items.len());
        for l in items {
            let Some(o) = orgs.get(&l.organisation_id) else { continue };
            if l.status != ListingStatus::Published || o.status != OrgStatus::Verified.code() {
                continue;
            }
            let terms = match l.side {
                Side::Offer => l.regions.clone(),
                // Needs carry their village, county, city and province (an offer may serve
                // any of them).
                Side::Need if o.region_code.len() == 12 => vec![
                    o.region_code.clone(),
                    format!("{:0<12}", &o.region_code[..6]),
                    format!("{:0<12}", &o.region_code[..4]),
                    format!("{:0<12}", &o.region_code[..2]),
                ],
                Side::Need => Vec::new(),
            };
            out.push(self.document(l, Some(o), &terms));
        }
        Ok(out)
    }

    /// Deletes and re-adds `keys` from what the database holds now.
    async fn rewrite<C: ConnectionTrait>(
        &self,
        db: &C,
        keys: &BTreeSet<(Side, i32)>,
        mark: Option<Mark>,
    ) -> anyhow::Result<()> {
        let mut loaded = Vec::new();
        for side in [Side::Offer, Side::Need] {
            let ids: Vec<i32> = keys.iter().filter(|(s, _)| *s == side).map(|(_, id)| *id).collect();
            loaded.extend(listings::find_many(db, side, &ids).await?);
        }
        let adds = self.documents_for(db, &loaded).await?;
        let deletes = keys.iter().map(|(s, id)| key(*s, *id)).collect();
        let instance = self.instance.lock().map(|i| i.clone()).unwrap_or_default();
        let previous = Mark { instance, seq: self.applied() };
        self.write(deletes, adds, false, mark, Some(previous)).await
    }

    /// Rebuilds the whole index from the database into a new generation, then switches to it;
    /// searches use the old one until then. `progress` is told each listing.
    pub async fn rebuild(&self, db: &DatabaseConnection, progress: &indicatif::ProgressBar) -> anyhow::Result<u64> {
        let _guard = self.catching_up.lock().await;
        self.set_rebuilding(true);
        let result = self.rebuild_locked(db, progress).await;
        self.set_rebuilding(false);
        match &result {
            Ok(_) => self.note_success(),
            Err(e) => {
                self.note_failure(e);
            }
        }
        result
    }

    fn set_rebuilding(&self, on: bool) {
        if let Ok(mut h) = self.health.lock() {
            h.rebuilding = on;
        }
    }

    async fn rebuild_locked(&self, db: &DatabaseConnection, progress: &indicatif::ProgressBar) -> anyhow::Result<u64> {
        let instance = derived_from(&crate::db::instance_id(db).await?);
        // Every row up to this sequence is committed (writers commit in sequence order), and
        // the tables read below reflect at least that much; later rows are replayed after.
        let seq = max_seq(db).await?;
        let dir = self.dir.clone();
        let g = tokio::task::spawn_blocking(move || match &dir {
            None => Generation::in_memory(),
            Some(d) => Generation::create_beside(d).map_err(ix),
        })
        .await
        .map_err(ix)??;
        let g = Arc::new(g);
        let result = self.fill(db, &g, progress, instance, seq).await;
        if result.is_err()
            && let Some(path) = &g.path
        {
            // A half-built generation is not kept (a full disk must not fill up further).
            let _ = std::fs::remove_dir_all(path);
        }
        result
    }

    async fn fill(
        &self,
        db: &DatabaseConnection,
        g: &Arc<Generation>,
        progress: &indicatif::ProgressBar,
        instance: String,
        seq: i64,
    ) -> anyhow::Result<u64> {
        let mut total = 0u64;
        for side in [Side::Offer, Side::Need] {
            let mut after = 0;
            loop {
                let page = listings::published_after(db, side, after, REBUILD_PAGE).await?;
                let Some(last) = page.last().map(|l| l.id) else { break };
                after = last;
                progress.inc_length(page.len() as u64);
                let adds = self.documents_for(db, &page).await?;
                total += adds.len() as u64;
                let g2 = Arc::clone(g);
                tokio::task::spawn_blocking(move || g2.add(adds)).await.map_err(ix)??;
                progress.inc(page.len() as u64);
            }
        }
        // Committed without a mark first: a generation is marked only once it is checked.
        let g2 = Arc::clone(g);
        tokio::task::spawn_blocking(move || g2.apply(&[], Vec::new(), false, None, None)).await.map_err(ix)??;
        let g2 = Arc::clone(g);
        tokio::task::spawn_blocking(move || g2.merge_all()).await.map_err(ix)??;
        let docs = g.reader.searcher().num_docs();
        if docs != total {
            anyhow::bail!("search index rebuild lost documents: {docs} of {total}");
        }
        let mark = Mark { instance: instance.clone(), seq };
        let g2 = Arc::clone(g);
        tokio::task::spawn_blocking(move || g2.apply(&[], Vec::new(), false, Some(&mark), None))
            .await
            .map_err(ix)??;
        if let Some(d) = &self.dir {
            g.make_current(d).map_err(ix)?;
        }
        match self.generation.write() {
            Ok(mut slot) => *slot = Arc::clone(g),
            Err(poisoned) => *poisoned.into_inner() = Arc::clone(g),
        }
        // Read after the sequence was: later changes to them are in the rows after it.
        self.load_records(db).await?;
        self.applied.store(seq, Ordering::SeqCst);
        if let Ok(mut i) = self.instance.lock() {
            *i = instance;
        }
        progress.finish_and_clear();
        Ok(total)
    }

    /// Applies at most `max` outbox rows after the applied sequence; returns how many were
    /// read. The applied sequence moves only when the batch is committed and checked.
    async fn step_locked<C: ConnectionTrait>(&self, db: &C, max: u64) -> anyhow::Result<usize> {
        // The records are read whole before the rows after the applied sequence: what those
        // rows change is read again below, what came before is in what is read now.
        if self.records_missing() {
            self.load_records(db).await?;
        }
        let rows = change::Entity::find()
            .filter(change::Column::Seq.gt(self.applied()))
            .order_by_asc(change::Column::Seq)
            .limit(max)
            .all(db)
            .await?;
        let Some(last) = rows.last().map(|r| r.seq) else { return Ok(0) };
        let mut keys: BTreeSet<(Side, i32)> = BTreeSet::new();
        let mut orgs = Vec::new();
        let mut records = Vec::new();
        for r in &rows {
            match r.entity.as_str() {
                "offer" => {
                    keys.insert((Side::Offer, r.entity_id));
                }
                "need" => {
                    keys.insert((Side::Need, r.entity_id));
                }
                // An organisation verified or suspended changes what of its listings is live.
                "organisation" => orgs.push(r.entity_id),
                // An agreement of this enterprise completed or terminated.
                "record" => records.push(r.entity_id),
                _ => {}
            }
        }
        for chunk in orgs.chunks(500) {
            for id in offer::Entity::find()
                .filter(offer::Column::OrganisationId.is_in(chunk.to_vec()))
                .select_only()
                .column(offer::Column::Id)
                .into_tuple::<i32>()
                .all(db)
                .await?
            {
                keys.insert((Side::Offer, id));
            }
            for id in need::Entity::find()
                .filter(need::Column::OrganisationId.is_in(chunk.to_vec()))
                .select_only()
                .column(need::Column::Id)
                .into_tuple::<i32>()
                .all(db)
                .await?
            {
                keys.insert((Side::Need, id));
            }
        }
        let instance = self.instance.lock().map(|i| i.clone()).unwrap_or_default();
        self.rewrite(db, &keys, Some(Mark { instance, seq: last })).await?;
        if !records.is_empty() {
            records.sort_unstable();
            records.dedup();
            let fresh = crate::matching::completion_records(db, Some(&records)).await?;
            if let Ok(mut kept) = self.records.write()
                && let Some(map) = kept.as_mut()
            {
                for id in records {
                    match fresh.get(&id) {
                        Some(r) => map.insert(id, *r),
                        None => map.remove(&id),
                    };
                }
            }
        }
        self.applied.store(last, Ordering::SeqCst);
        Ok(rows.len())
    }

    fn records_missing(&self) -> bool {
        self.records.read().map_or(true, |r| r.is_none())
    }

    /// Reads every enterprise's completion record (called with the writers' lock held).
    async fn load_records<C: ConnectionTrait>(&self, db: &C) -> Result<(), DbErr> {
        let all = crate::matching::completion_records(db, None).await?;
        if let Ok(mut kept) = self.records.write() {
            *kept = Some(all);
        }
        Ok(())
    }

    /// The completion records of `enterprises` as kept beside the index (an enterprise with
    /// none is left out), or `None` while they have not been read.
    pub fn records_of(&self, enterprises: &[i32]) -> Option<HashMap<i32, crate::matching::Record>> {
        let kept = self.records.read().ok()?;
        let map = kept.as_ref()?;
        Some(enterprises.iter().filter_map(|id| map.get(id).map(|r| (*id, *r))).collect())
    }

    /// One step of at most [`STEP_ROWS`] rows, recording success or failure in the status.
    pub async fn step<C: ConnectionTrait>(&self, db: &C) -> anyhow::Result<usize> {
        let _guard = self.catching_up.lock().await;
        let result = self.step_locked(db, STEP_ROWS).await;
        match &result {
            Ok(_) => self.note_success(),
            Err(e) => {
                self.note_failure(e);
            }
        }
        result
    }

    /// Applies the outbox up to the sequence that was last when it was called (a bounded
    /// amount of work, however fast others write); returns how many rows were read.
    pub async fn catch_up<C: ConnectionTrait>(&self, db: &C) -> anyhow::Result<usize> {
        if self.records_missing() {
            let _guard = self.catching_up.lock().await;
            if self.records_missing() {
                self.load_records(db).await?;
            }
        }
        let target = max_seq(db).await?;
        let mut total = 0;
        let mut empty = 0;
        while self.applied() < target {
            let n = self.step(db).await?;
            if n == 0 {
                // Behind the sequence that was read, yet no row after the applied one was seen:
                // the step's connection read an older snapshot. Ask again (briefly) rather than
                // return as if caught up.
                empty += 1;
                if empty > 50 {
                    tracing::warn!(applied = self.applied(), target, "search index: outbox rows not visible yet");
                    break;
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
            total += n;
        }
        Ok(total)
    }

    /// What a search does first where no follower runs (commands, tests): one small step if no
    /// one else is writing the index. Never waits and never fails the search (its results are
    /// re-checked against the database); on a serving node the follower does all the writing.
    pub async fn nudge<C: ConnectionTrait>(&self, db: &C) {
        if self.following.load(Ordering::SeqCst) {
            return;
        }
        let Ok(_guard) = self.catching_up.try_lock() else { return };
        match self.step_locked(db, NUDGE_ROWS).await {
            Ok(_) => self.note_success(),
            Err(e) => {
                self.note_failure(&e);
                tracing::warn!(error = %e, "search index could not catch up");
            }
        }
    }

    /// Re-reads `keys` from the database into the index now, without moving the applied
    /// sequence (their outbox rows are applied again later, harmlessly): so what a user has
    /// just published is matched at once.
    ///
    /// Best effort: it waits at most a moment for a step in progress (never for a rebuild), and
    /// a failure is logged, not passed on — the outbox brings the listings in anyway.
    pub async fn refresh<C: ConnectionTrait>(&self, db: &C, keys: &[(Side, i32)]) {
        let Ok(_guard) = tokio::time::timeout(Duration::from_secs(2), self.catching_up.lock()).await else {
            tracing::info!("search index busy (rebuilding): refresh left to the follower");
            return;
        };
        let keys: BTreeSet<(Side, i32)> = keys.iter().copied().collect();
        // The commit keeps the mark it had: the applied sequence does not move.
        let instance = self.instance.lock().map(|i| i.clone()).unwrap_or_default();
        let mark = Mark { instance, seq: self.applied() };
        if let Err(e) = self.rewrite(db, &keys, Some(mark)).await {
            tracing::warn!(error = %e, "search index refresh failed; the follower will retry");
        }
    }

    /// Files of the current generation whose checksums fail.
    pub async fn damaged_files(&self) -> anyhow::Result<Vec<std::path::PathBuf>> {
        let g = self.current();
        tokio::task::spawn_blocking(move || g.damaged_files()).await.map_err(ix)?.map_err(ix)
    }

    /// Follows the outbox in the background, as each serving node does: first brings the
    /// index up (a rebuild when it is empty, damaged, of another database or far behind),
    /// then applies new rows every `period` — at once again while a backlog lasts. Failures
    /// are retried with a growing pause; after repeated ones the index is rebuilt.
    pub fn follow(&self, db: DatabaseConnection, period: Duration) -> tokio::task::JoinHandle<()> {
        let me = self.clone();
        /// Marks the index as followed while the task lives (an aborted task drops it).
        struct Following(Arc<std::sync::atomic::AtomicBool>);
        impl Drop for Following {
            fn drop(&mut self) {
                self.0.store(false, Ordering::SeqCst);
            }
        }
        self.following.store(true, Ordering::SeqCst);
        let flag = Following(Arc::clone(&self.following));
        // Not stopped cleanly last time (a crash, kill -9, power cut): every document is checked
        // once the index is up, and until then the node says so (`/healthz`: degraded).
        let unclean = self.take_clean_mark() == Some(false);
        if unclean {
            self.set_verifying(true);
        }
        tokio::spawn(async move {
            let _flag = flag;
            let mut need_rebuild = false;
            match me.damaged_files().await {
                Ok(bad) if !bad.is_empty() => {
                    tracing::warn!(files = ?bad, "search index files damaged: rebuilding");
                    need_rebuild = true;
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "search index checksums unreadable"),
            }
            let mut need_scrub = unclean;
            let (mut passes, mut cursor) = (0u32, (Side::Offer, 0));
            let mut pause = period;
            loop {
                // Asked every pass (two small queries): an index of another database (a restore
                // under a running node) or ahead of the outbox is rebuilt, never followed.
                match me.plan(&db).await {
                    Ok(Plan::Rebuild) => need_rebuild = true,
                    Ok(Plan::CatchUp) => {}
                    Err(e) => {
                        tracing::warn!(error = %e, "search index: cannot read the outbox; retrying");
                        tokio::time::sleep(pause).await;
                        pause = (pause * 2).min(Duration::from_secs(10));
                        continue;
                    }
                }
                if need_rebuild {
                    match me.rebuild(&db, &indicatif::ProgressBar::hidden()).await {
                        Ok(n) => {
                            tracing::info!(listings = n, "search index rebuilt");
                            need_rebuild = false;
                            // Built from the database just now: nothing left to check.
                            need_scrub = false;
                            me.set_verifying(false);
                        }
                        Err(e) => tracing::error!(error = %e, "search index rebuild failed; retrying"),
                    }
                }
                if need_scrub && !need_rebuild && me.status().complete && me.catch_up(&db).await.is_ok() {
                    match me.scrub(&db).await {
                        Ok(n) => {
                            tracing::info!(repaired = n, "search index checked after an unclean stop");
                            need_scrub = false;
                        }
                        Err(e) => tracing::warn!(error = %e, "search index check failed; retrying"),
                    }
                }
                passes = passes.wrapping_add(1);
                if passes.is_multiple_of(SCRUB_EVERY) && me.status().complete {
                    let _guard = me.catching_up.lock().await;
                    match me.scrub_slice_locked(&db, cursor.0, cursor.1, SCRUB_SLICE / 5).await {
                        Ok((Some(next), _)) => cursor.1 = next,
                        Ok((None, _)) => cursor = (if cursor.0 == Side::Offer { Side::Need } else { Side::Offer }, 0),
                        Err(e) => tracing::warn!(error = %e, "search index spot check failed"),
                    }
                }
                match me.step(&db).await {
                    Ok(n) if n as u64 == STEP_ROWS => {
                        pause = period;
                        tokio::task::yield_now().await;
                        continue;
                    }
                    Ok(_) => pause = period,
                    Err(e) => {
                        let failures = me.status().failures;
                        tracing::error!(error = %e, failures, "search index could not apply the outbox; retrying");
                        pause = (pause * 2).min(Duration::from_secs(10));
                        need_rebuild = failures >= 5 && failures.is_multiple_of(5);
                    }
                }
                tokio::time::sleep(pause).await;
            }
        })
    }
}

/// How the index differs from what the database says it should hold.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Comparison {
    /// Listings the index should hold: live published ones of verified organisations.
    pub expected: usize,
    /// Keys missing from the index.
    pub missing: Vec<String>,
    /// Keys in the index that should not be there (withdrawn, closed, suspended, deleted).
    pub extra: Vec<String>,
    /// Keys whose indexed text, kind or organisation differ from the database.
    pub different: Vec<String>,
}

impl Comparison {
    /// Whether the index is exactly what the database says.
    pub fn is_equal(&self) -> bool {
        self.missing.is_empty() && self.extra.is_empty() && self.different.is_empty()
    }

    /// Every key that differs in any way.
    pub fn mismatches(&self) -> usize {
        self.missing.len() + self.extra.len() + self.different.len()
    }
}

impl SearchIndex {
    /// A document's key and what of it the database decides (kind, organisation, text, and
    /// the facts the matcher ranks by).
    fn fingerprint(&self, d: &TantivyDocument) -> (String, String) {
        use tantivy::schema::Value;
        let f = self.f;
        let text = |field| d.get_first(field).and_then(|v| v.as_str()).unwrap_or_default().to_owned();
        let num = |field| d.get_first(field).and_then(|v| v.as_u64()).unwrap_or_default();
        // Every stored value of the fact fields, whatever its type.
        let all = |field| {
            d.get_all(field)
                .map(|v| {
                    v.as_str()
                        .map(str::to_owned)
                        .or_else(|| v.as_i64().map(|n| n.to_string()))
                        .or_else(|| v.as_u64().map(|n| n.to_string()))
                        .or_else(|| v.as_f64().map(|n| n.to_string()))
                        .unwrap_or_default()
                })
                .collect::<Vec<_>>()
                .join(",")
        };
        let facts = [
            f.regions,
            f.published,
            f.quantity,
            f.unit,
            f.urgency,
            f.org_region,
            f.served,
            f.lat,
            f.lon,
            f.poor_households,
            f.registered_poor,
        ]
        .map(all)
        .join("|");
        (text(f.key), format!("{}|{}|{}|{}|{facts}", text(f.kind), num(f.org), text(f.title), text(f.body)))
    }

    /// Checks the listings of `side` with ids after `after` (at most `n`) against the index —
    /// each present exactly once with the database's content when it should be there, absent
    /// otherwise — and rewrites those that are not. Returns where the next slice starts (`None`
    /// at the end of the table) and how many were repaired. Anti-entropy: whatever made the
    /// index drift (a crash inside the index library, a disk that lost a write), it heals.
    async fn scrub_slice_locked(
        &self,
        db: &DatabaseConnection,
        side: Side,
        after: i32,
        n: u64,
    ) -> anyhow::Result<(Option<i32>, usize)> {
        let ids: Vec<i32> = match side {
            Side::Offer => ids_after::<offer::Entity, _>(db, offer::Column::Id, after, n).await?,
            Side::Need => ids_after::<need::Entity, _>(db, need::Column::Id, after, n).await?,
        };
        let Some(last) = ids.last().copied() else { return Ok((None, 0)) };
        // Lag is not drift: what differs is rewritten either way (harmless), but counted as
        // repaired only if the index had applied everything and nothing was written meanwhile.
        let latest = max_seq(db).await?;
        let mut lagging = latest > self.applied();
        let loaded = listings::find_many(db, side, &ids).await?;
        let want: HashMap<String, String> =
            self.documents_for(db, &loaded).await?.iter().map(|(_, d)| self.fingerprint(d)).collect();
        let searcher = self.current().reader.searcher();
        let mut bad: BTreeSet<(Side, i32)> = BTreeSet::new();
        for id in &ids {
            let k = key(side, *id);
            let q = tantivy::query::TermQuery::new(
                tantivy::Term::from_field_text(self.f.key, &k),
                tantivy::schema::IndexRecordOption::Basic,
            );
            let top = searcher.search(&q, &tantivy::collector::TopDocs::with_limit(3).order_by_score())?;
            let mut have = Vec::new();
            for (_, addr) in top {
                let d: TantivyDocument = searcher.doc(addr)?;
                have.push(self.fingerprint(&d).1);
            }
            let ok = match want.get(&k) {
                Some(w) => have.len() == 1 && &have[0] == w,
                None => have.is_empty(),
            };
            if !ok {
                bad.insert((side, *id));
            }
        }
        if bad.is_empty() {
            return Ok((Some(last), 0));
        }
        lagging |= max_seq(db).await? != latest;
        let instance = self.instance.lock().map(|i| i.clone()).unwrap_or_default();
        self.rewrite(db, &bad, Some(Mark { instance, seq: self.applied() })).await?;
        if lagging {
            return Ok((Some(last), 0));
        }
        tracing::warn!(listings = ?bad, "search index drifted from the database: repaired");
        if let Ok(mut h) = self.health.lock() {
            h.repaired += bad.len() as u64;
        }
        Ok((Some(last), bad.len()))
    }

    /// Checks the whole index against the database slice by slice (see `scrub_slice_locked`),
    /// letting the follower in between; returns how many listings were repaired.
    pub async fn scrub(&self, db: &DatabaseConnection) -> anyhow::Result<usize> {
        self.set_verifying(true);
        let mut repaired = 0;
        let result = async {
            for side in [Side::Offer, Side::Need] {
                let mut after = 0;
                loop {
                    let guard = self.catching_up.lock().await;
                    let (next, n) = self.scrub_slice_locked(db, side, after, SCRUB_SLICE).await?;
                    repaired += n;
                    drop(guard);
                    match next {
                        Some(a) => after = a,
                        None => break,
                    }
                }
            }
            Ok::<_, anyhow::Error>(())
        }
        .await;
        self.set_verifying(false);
        result.map(|()| repaired)
    }

    fn set_verifying(&self, on: bool) {
        if let Ok(mut h) = self.health.lock() {
            h.verifying = on;
        }
    }

    /// Compares every document of the index (key, title, body, kind, organisation) with what
    /// a rebuild from the database would write now. For tests, the fault benchmark and
    /// operators; it reads the whole index and the whole listing tables.
    pub async fn compare(&self, db: &DatabaseConnection) -> anyhow::Result<Comparison> {
        let fields = |d: &TantivyDocument| self.fingerprint(d);
        let mut want: HashMap<String, String> = HashMap::new();
        for side in [Side::Offer, Side::Need] {
            let mut after = 0;
            loop {
                let page = listings::published_after(db, side, after, REBUILD_PAGE).await?;
                let Some(last) = page.last().map(|l| l.id) else { break };
                after = last;
                for (_, d) in self.documents_for(db, &page).await? {
                    let (k, v) = fields(&d);
                    want.insert(k, v);
                }
            }
        }
        let searcher = self.current().reader.searcher();
        let mut have: HashMap<String, String> = HashMap::new();
        let mut out = Comparison { expected: want.len(), ..Default::default() };
        for (ord, seg) in searcher.segment_readers().iter().enumerate() {
            let alive: Vec<u32> = match seg.alive_bitset() {
                Some(bits) => bits.iter_alive().collect(),
                None => (0..seg.max_doc()).collect(),
            };
            for doc in alive {
                let d: TantivyDocument = searcher.doc(tantivy::DocAddress::new(ord as u32, doc))?;
                let (k, v) = fields(&d);
                if let Some(before) = have.insert(k.clone(), v.clone()) {
                    out.different.push(format!("{k} (twice: segment {ord} doc {doc} 「{v}」 and 「{before}」)"));
                }
            }
        }
        for (k, v) in &want {
            match have.get(k) {
                None => out.missing.push(k.clone()),
                Some(h) if h != v => out.different.push(k.clone()),
                Some(_) => {}
            }
        }
        out.extra = have.keys().filter(|k| !want.contains_key(*k)).cloned().collect();
        out.missing.sort();
        out.extra.sort();
        out.different.sort();
        Ok(out)
    }
}
