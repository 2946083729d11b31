//! The search index: offers and needs in tantivy, segmented with jieba (search mode) after
//! folding traditional characters to simplified, with the domain synonyms applied at query
//! time. The database is the source of truth: the index holds only live published listings of
//! verified organisations, follows the `change` outbox from the last applied sequence (kept in
//! the index's commit payload), and can always be rebuilt.

pub mod synonyms;

use std::collections::BTreeSet;
use std::ops::Bound;
use std::path::Path;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};

use chrono::{Datelike, NaiveDate};
use entity::{change, need, offer, organisation};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use tantivy::collector::TopDocs;
use tantivy::query::{
    BooleanQuery, BoostQuery, DisjunctionMaxQuery, Occur, Query, RangeQuery, TermQuery, TermSetQuery,
};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{LowerCaser, TextAnalyzer};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term, doc};

use crate::domain::{ListingKind, ListingStatus, OrgStatus};
use crate::listings::{self, Listing, Side};

const TOKENIZER: &str = "zh";
const WRITER_MEMORY: usize = 50_000_000;
/// From this many listings on, very common query words are left out.
const COMMON_MIN_DOCS: u64 = 1000;
/// How many leading query words get their synonyms.
const SYNONYM_WORDS: usize = 12;

/// The fields of the schema.
#[derive(Clone, Copy)]
struct Fields {
    key: Field,
    side: Field,
    id: Field,
    kind: Field,
    org: Field,
    regions: Field,
    valid_from: Field,
    valid_until: Field,
    title: Field,
    body: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let f = Fields {
        key: b.add_text_field("key", STRING | STORED),
        side: b.add_text_field("side", STRING),
        id: b.add_u64_field("id", INDEXED | STORED | FAST),
        kind: b.add_text_field("kind", STRING | STORED),
        org: b.add_u64_field("org", INDEXED | STORED | FAST),
        regions: b.add_text_field("regions", STRING),
        valid_from: b.add_i64_field("valid_from", INDEXED | FAST),
        valid_until: b.add_i64_field("valid_until", INDEXED | FAST),
        title: b.add_text_field("title", text.clone()),
        body: b.add_text_field("body", text),
    };
    (b.build(), f)
}

/// Days since the common era, for range filters on dates.
fn day(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

/// Traditional → simplified folding (a maintained OpenCC port), shared and built once.
struct Folder(Option<ferrous_opencc::OpenCC>);

impl Folder {
    fn new() -> Self {
        let cc = ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::T2s);
        if let Err(e) = &cc {
            tracing::warn!(error = %e, "traditional-to-simplified folding unavailable");
        }
        Self(cc.ok())
    }

    fn fold(&self, s: &str) -> String {
        self.0.as_ref().map_or_else(|| s.to_owned(), |cc| cc.convert(s))
    }
}

/// A search hit: which listing, how relevant, and the highlighted text.
#[derive(Clone, Debug)]
pub struct Hit {
    pub side: Side,
    pub id: i32,
    pub score: f32,
    /// HTML: the title with matched words in `<b>`, escaped otherwise.
    pub title_html: String,
    /// HTML: a fragment of the body with matched words in `<b>`.
    pub body_html: String,
}

/// What to look for.
#[derive(Clone, Debug, Default)]
pub struct SearchQuery {
    pub text: String,
    /// Only these kinds (empty: any).
    pub kinds: Vec<ListingKind>,
    /// Only listings with one of these region terms (empty: anywhere). Offers carry the codes
    /// they serve; needs carry their village, county and city codes.
    pub regions: Vec<String>,
    /// Only listings not ended by this date.
    pub live_on: Option<NaiveDate>,
    /// Only listings started by this date.
    pub started_by: Option<NaiveDate>,
    pub limit: usize,
    /// Produce highlighted title and body fragments (search pages; the matcher needs none).
    pub highlight: bool,
}

/// The index and its writer; cheap to clone.
#[derive(Clone)]
pub struct SearchIndex {
    reader: IndexReader,
    writer: Arc<Mutex<IndexWriter>>,
    f: Fields,
    folder: Arc<Folder>,
    analyzer: TextAnalyzer,
    /// The last outbox sequence applied to this index.
    applied: Arc<AtomicI64>,
    /// Serialises catch-ups so two never apply the same changes at once.
    catching_up: Arc<tokio::sync::Mutex<()>>,
}

fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(tantivy_jieba::JiebaTokenizer::new()).filter(LowerCaser).build()
}

/// An error of the index, as an `anyhow` error.
fn ix<E: std::fmt::Display>(e: E) -> anyhow::Error {
    anyhow::anyhow!("search index: {e}")
}

impl SearchIndex {
    /// Opens the index in `dir` (created if missing; recreated if unreadable), or an in-memory
    /// one when `dir` is `None`. Returns whether it is new and must be rebuilt.
    pub fn open(dir: Option<&Path>) -> anyhow::Result<(Self, bool)> {
        let (schema, f) = schema();
        let (index, fresh) = match dir {
            None => (Index::create_in_ram(schema), true),
            Some(dir) => {
                std::fs::create_dir_all(dir).map_err(ix)?;
                match Index::open_in_dir(dir) {
                    Ok(index) if index.schema() == schema => (index, false),
                    Ok(_) | Err(_) => {
                        if dir.join("meta.json").exists() {
                            tracing::warn!(dir = %dir.display(), "search index unreadable or of another schema: rebuilding");
                        }
                        for entry in std::fs::read_dir(dir).map_err(ix)?.flatten() {
                            let p = entry.path();
                            let _ = if p.is_dir() { std::fs::remove_dir_all(&p) } else { std::fs::remove_file(&p) };
                        }
                        (Index::create_in_dir(dir, schema).map_err(ix)?, true)
                    }
                }
            }
        };
        index.tokenizers().register(TOKENIZER, analyzer());
        // An in-memory index (tests, evaluation) is written by one thread, so documents keep
        // their order and equal scores rank the same way every run.
        let writer: IndexWriter = match dir {
            None => index.writer_with_num_threads(1, WRITER_MEMORY / 2).map_err(ix)?,
            Some(_) => index.writer(WRITER_MEMORY).map_err(ix)?,
        };
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into().map_err(ix)?;
        let applied =
            if fresh { 0 } else { index.load_metas().map_err(ix)?.payload.and_then(|p| p.parse().ok()).unwrap_or(0) };
        let me = Self {
            reader,
            writer: Arc::new(Mutex::new(writer)),
            f,
            folder: Arc::new(Folder::new()),
            analyzer: analyzer(),
            applied: Arc::new(AtomicI64::new(applied)),
            catching_up: Arc::default(),
        };
        // Load the segmentation dictionary now rather than on the first query (≈ 0.2 s).
        me.words("预热分词词典");
        Ok((me, fresh))
    }

    /// The last outbox sequence this index reflects.
    pub fn applied(&self) -> i64 {
        self.applied.load(Ordering::SeqCst)
    }

    /// How many listings the index holds.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Whether the index holds no listing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn document(&self, l: &Listing, region_terms: &[String]) -> TantivyDocument {
        let f = self.f;
        let mut d = doc!(
            f.key => key(l.side, l.id),
            f.side => l.side.table(),
            f.id => l.id as u64,
            f.kind => l.kind.code(),
            f.org => l.organisation_id as u64,
            f.valid_from => day(l.valid_from),
            f.valid_until => l.valid_until.map_or(i64::MAX, day),
            f.title => self.folder.fold(&l.title),
            f.body => self.folder.fold(&l.body),
        );
        for r in region_terms {
            d.add_text(f.regions, r);
        }
        d
    }

    /// The region terms of a listing: offers the codes they serve; needs their village, county
    /// and city.
    async fn region_terms<C: ConnectionTrait>(db: &C, l: &Listing) -> Result<Vec<String>, DbErr> {
        Ok(match l.side {
            Side::Offer => l.regions.clone(),
            Side::Need => match organisation::Entity::find_by_id(l.organisation_id).one(db).await? {
                Some(o) if o.region_code.len() == 12 => {
                    vec![
                        o.region_code.clone(),
                        format!("{:0<12}", &o.region_code[..6]),
                        format!("{:0<12}", &o.region_code[..4]),
                    ]
                }
                _ => Vec::new(),
            },
        })
    }

    /// Whether a listing belongs in the index (live in the database's eyes; dates are filtered
    /// at query time).
    async fn indexable<C: ConnectionTrait>(db: &C, l: &Listing) -> Result<bool, DbErr> {
        if l.status != ListingStatus::Published {
            return Ok(false);
        }
        Ok(organisation::Entity::find_by_id(l.organisation_id)
            .one(db)
            .await?
            .is_some_and(|o| o.status == OrgStatus::Verified.code()))
    }

    fn write_blocking(
        &self,
        deletes: Vec<String>,
        adds: Vec<TantivyDocument>,
        payload: Option<i64>,
        clear: bool,
    ) -> anyhow::Result<()> {
        let mut w = self.writer.lock().map_err(|_| anyhow::anyhow!("search index writer poisoned"))?;
        if clear {
            w.delete_all_documents().map_err(ix)?;
        }
        for k in deletes {
            w.delete_term(Term::from_field_text(self.f.key, &k));
        }
        for d in adds {
            w.add_document(d).map_err(ix)?;
        }
        let mut prepared = w.prepare_commit().map_err(ix)?;
        if let Some(seq) = payload {
            prepared.set_payload(&seq.to_string());
        }
        prepared.commit().map_err(ix)?;
        drop(w);
        self.reader.reload().map_err(ix)?;
        if let Some(seq) = payload {
            self.applied.store(seq, Ordering::SeqCst);
        }
        Ok(())
    }

    async fn write(
        &self,
        deletes: Vec<String>,
        adds: Vec<TantivyDocument>,
        payload: Option<i64>,
        clear: bool,
    ) -> anyhow::Result<()> {
        let me = self.clone();
        tokio::task::spawn_blocking(move || me.write_blocking(deletes, adds, payload, clear)).await.map_err(ix)?
    }

    /// Replaces the index's content with `items` (listings and their region terms) in one
    /// commit; for benchmarks and bulk loads that do not come from the database.
    pub fn replace_all_blocking(&self, items: &[(Listing, Vec<String>)]) -> anyhow::Result<()> {
        let adds = items.iter().map(|(l, terms)| self.document(l, terms)).collect();
        self.write_blocking(Vec::new(), adds, None, true)
    }

    /// Adds `items` to the index in one commit (bulk loads, benchmarks).
    pub fn add_all_blocking(&self, items: &[(Listing, Vec<String>)]) -> anyhow::Result<()> {
        let adds = items.iter().map(|(l, terms)| self.document(l, terms)).collect();
        self.write_blocking(Vec::new(), adds, None, false)
    }

    /// Rebuilds the whole index from the database; `progress` is told each listing.
    pub async fn rebuild<C: ConnectionTrait>(&self, db: &C, progress: &indicatif::ProgressBar) -> anyhow::Result<u64> {
        let _guard = self.catching_up.lock().await;
        // Changes after this sequence are replayed by the next catch-up.
        let seq = max_seq(db).await?;
        let mut adds = Vec::new();
        for side in [Side::Offer, Side::Need] {
            let ids: Vec<i32> = match side {
                Side::Offer => {
                    offer::Entity::find()
                        .filter(offer::Column::Status.eq(ListingStatus::Published.code()))
                        .select_only()
                        .column(offer::Column::Id)
                        .into_tuple()
                        .all(db)
                        .await?
                }
                Side::Need => {
                    need::Entity::find()
                        .filter(need::Column::Status.eq(ListingStatus::Published.code()))
                        .select_only()
                        .column(need::Column::Id)
                        .into_tuple()
                        .all(db)
                        .await?
                }
            };
            progress.inc_length(ids.len() as u64);
            for id in ids {
                if let Some(l) = listings::find(db, side, id).await?
                    && Self::indexable(db, &l).await?
                {
                    let terms = Self::region_terms(db, &l).await?;
                    adds.push(self.document(&l, &terms));
                }
                progress.inc(1);
            }
        }
        let n = adds.len() as u64;
        self.write(Vec::new(), adds, Some(seq), true).await?;
        progress.finish_and_clear();
        Ok(n)
    }

    /// Applies the outbox rows after the last applied sequence; returns how many were read.
    pub async fn catch_up<C: ConnectionTrait>(&self, db: &C) -> anyhow::Result<usize> {
        let _guard = self.catching_up.lock().await;
        let mut total = 0;
        loop {
            let rows = change::Entity::find()
                .filter(change::Column::Seq.gt(self.applied()))
                .order_by_asc(change::Column::Seq)
                .limit(1000)
                .all(db)
                .await?;
            let Some(last) = rows.last().map(|r| r.seq) else { return Ok(total) };
            total += rows.len();
            let mut todo: BTreeSet<(String, i32)> = BTreeSet::new();
            for r in &rows {
                match r.entity.as_str() {
                    "offer" | "need" => {
                        todo.insert((r.entity.clone(), r.entity_id));
                    }
                    // An organisation verified or suspended changes what of its listings is live.
                    "organisation" => {
                        for id in offer::Entity::find()
                            .filter(offer::Column::OrganisationId.eq(r.entity_id))
                            .select_only()
                            .column(offer::Column::Id)
                            .into_tuple::<i32>()
                            .all(db)
                            .await?
                        {
                            todo.insert(("offer".into(), id));
                        }
                        for id in need::Entity::find()
                            .filter(need::Column::OrganisationId.eq(r.entity_id))
                            .select_only()
                            .column(need::Column::Id)
                            .into_tuple::<i32>()
                            .all(db)
                            .await?
                        {
                            todo.insert(("need".into(), id));
                        }
                    }
                    _ => {}
                }
            }
            let (mut deletes, mut adds) = (Vec::new(), Vec::new());
            for (entity, id) in todo {
                let side = if entity == "offer" { Side::Offer } else { Side::Need };
                deletes.push(key(side, id));
                if let Some(l) = listings::find(db, side, id).await?
                    && Self::indexable(db, &l).await?
                {
                    let terms = Self::region_terms(db, &l).await?;
                    adds.push(self.document(&l, &terms));
                }
            }
            self.write(deletes, adds, Some(last), false).await?;
        }
    }

    /// Follows the outbox in the background every `period`, as each serving node does.
    pub fn follow(&self, db: sea_orm::DatabaseConnection, period: std::time::Duration) -> tokio::task::JoinHandle<()> {
        let me = self.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(period);
            loop {
                tick.tick().await;
                if let Err(e) = me.catch_up(&db).await {
                    tracing::warn!(error = %e, "search index could not catch up");
                }
            }
        })
    }

    /// The analysed words of `text` (after folding), for queries.
    fn words(&self, text: &str) -> Vec<String> {
        let folded = self.folder.fold(text);
        let mut analyzer = self.analyzer.clone();
        let mut stream = analyzer.token_stream(&folded);
        let mut words = Vec::new();
        while let Some(t) = stream.next() {
            let w = t.text.trim().to_owned();
            if !w.is_empty()
                && !w.chars().all(|c| c.is_ascii_punctuation() || c.is_whitespace() || "，。、；：！？（）".contains(c))
                && !words.contains(&w)
            {
                words.push(w);
            }
        }
        words
    }

    fn text_query(&self, searcher: &tantivy::Searcher, text: &str) -> Option<Box<dyn Query>> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let words = self.words(text);
        // In a large index, words found in more than a tenth of all listings (村里, 希望, 收购 …)
        // say little and cost most of the time: leave them out, unless nothing else is left.
        let docs = searcher.num_docs();
        let df = |w: &str| {
            [self.f.title, self.f.body]
                .iter()
                .map(|f| searcher.doc_freq(&Term::from_field_text(*f, w)).unwrap_or(0))
                .max()
                .unwrap_or(0)
        };
        let common = |w: &str| docs >= COMMON_MIN_DOCS && df(w) * 10 > docs;
        let keep_common = words.iter().all(|w| common(w));
        for (n, word) in words.into_iter().enumerate() {
            if !keep_common && common(&word) {
                continue;
            }
            let mut alternatives: Vec<(String, f32)> = vec![(word.clone(), 1.0)];
            // Synonyms for the leading words (a title, the start of a text): expanding every
            // word of a long text costs time and adds little.
            if n < SYNONYM_WORDS {
                alternatives.extend(synonyms::of(&word).into_iter().map(|s| (s.to_owned(), synonyms::SYNONYM_WEIGHT)));
            }
            // One word counts once: the best of its forms (itself or a synonym), so a text full
            // of synonyms of one query word does not outrank one that matches every word.
            let mut forms: Vec<Box<dyn Query>> = Vec::new();
            for (w, weight) in alternatives {
                if weight < 1.0 && !keep_common && common(&w) {
                    continue;
                }
                let mut per_field: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                for (field, boost) in [(self.f.title, 2.0), (self.f.body, 1.0)] {
                    let q = TermQuery::new(Term::from_field_text(field, &w), IndexRecordOption::WithFreqs);
                    per_field.push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), boost * weight))));
                }
                forms.push(Box::new(BooleanQuery::new(per_field)));
            }
            clauses.push((Occur::Should, Box::new(DisjunctionMaxQuery::with_tie_breaker(forms, 0.1))));
        }
        (!clauses.is_empty()).then(|| Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>)
    }

    /// The listings of `side` matching `q`, best first.
    pub fn search(&self, side: Side, q: &SearchQuery) -> anyhow::Result<Vec<Hit>> {
        let f = self.f;
        let mut must: Vec<(Occur, Box<dyn Query>)> = vec![(
            Occur::Must,
            Box::new(TermQuery::new(Term::from_field_text(f.side, side.table()), IndexRecordOption::Basic)),
        )];
        if !q.kinds.is_empty() {
            must.push((
                Occur::Must,
                Box::new(TermSetQuery::new(q.kinds.iter().map(|k| Term::from_field_text(f.kind, k.code())))),
            ));
        }
        if !q.regions.is_empty() {
            must.push((
                Occur::Must,
                Box::new(TermSetQuery::new(q.regions.iter().map(|r| Term::from_field_text(f.regions, r)))),
            ));
        }
        if let Some(on) = q.live_on {
            must.push((
                Occur::Must,
                Box::new(RangeQuery::new(
                    Bound::Included(Term::from_field_i64(f.valid_until, day(on))),
                    Bound::Unbounded,
                )),
            ));
        }
        if let Some(on) = q.started_by {
            must.push((
                Occur::Must,
                Box::new(RangeQuery::new(
                    Bound::Unbounded,
                    Bound::Included(Term::from_field_i64(f.valid_from, day(on))),
                )),
            ));
        }
        let searcher = self.reader.searcher();
        let text = self.text_query(&searcher, &q.text);
        let query: Box<dyn Query> = match &text {
            Some(t) => {
                must.push((Occur::Must, t.box_clone()));
                Box::new(BooleanQuery::new(must))
            }
            None => Box::new(BooleanQuery::new(must)),
        };
        let top = searcher.search(&*query, &TopDocs::with_limit(q.limit.max(1)).order_by_score()).map_err(ix)?;
        let snippets = match text.as_ref().filter(|_| q.highlight) {
            Some(t) => Some((SnippetGenerator::create(&searcher, &**t, f.title).map_err(ix)?, {
                let mut g = SnippetGenerator::create(&searcher, &**t, f.body).map_err(ix)?;
                g.set_max_num_chars(120);
                g
            })),
            None => None,
        };
        let mut hits = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let d: TantivyDocument = searcher.doc(addr).map_err(ix)?;
            let id = d.get_first(f.id).and_then(|v| v.as_u64()).unwrap_or_default() as i32;
            let (title_html, body_html) = match &snippets {
                Some((t, b)) => {
                    let title = d.get_first(f.title).and_then(|v| v.as_str()).unwrap_or_default();
                    let body = d.get_first(f.body).and_then(|v| v.as_str()).unwrap_or_default();
                    let mut th = t.snippet(title).to_html();
                    if th.is_empty() {
                        th = escape(title);
                    }
                    (th, b.snippet(body).to_html())
                }
                None => (String::new(), String::new()),
            };
            hits.push(Hit { side, id, score, title_html, body_html });
        }
        Ok(hits)
    }
}

fn key(side: Side, id: i32) -> String {
    format!("{}:{id}", side.table())
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

async fn max_seq<C: ConnectionTrait>(db: &C) -> Result<i64, DbErr> {
    Ok(change::Entity::find()
        .select_only()
        .column(change::Column::Seq)
        .order_by_desc(change::Column::Seq)
        .into_tuple::<i64>()
        .one(db)
        .await?
        .unwrap_or(0))
}

#[cfg(test)]
mod tests {
    #[test]
    fn queries_are_folded_and_segmented() {
        let (ix, _) = super::SearchIndex::open(None).expect("index");
        assert_eq!(ix.words("限時收購有機紅薯"), ["限时", "收购", "有机", "红薯"]);
        assert!(ix.words("黑木耳，收购！").contains(&"黑木耳".to_owned()));
        assert!(!ix.words("黑木耳，收购！").iter().any(|w| w == "，" || w == "！"));
    }
}
