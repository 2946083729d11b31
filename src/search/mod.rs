//! The search index: offers and needs in tantivy, segmented with jieba (search mode) after
//! folding traditional characters to simplified, with the domain synonyms applied at query
//! time. The database is the source of truth: the index holds only live published listings of
//! verified organisations, follows the `change` outbox from the last applied sequence (kept in
//! the index's commit payload), and can always be rebuilt.

mod follow;
pub mod stopwords;
mod store;
pub mod synonyms;
pub mod words;

use std::collections::HashMap;
use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use chrono::{Datelike, NaiveDate};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery, TermSetQuery};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{LowerCaser, TextAnalyzer};
use tantivy::{TantivyDocument, Term, doc};

pub use self::follow::{Comparison, Plan, REBUILD_BACKLOG, max_seq};
pub use self::store::OpenError;
use self::store::{Generation, Mark};
use crate::domain::ListingKind;
use crate::listings::{Listing, Side};

const TOKENIZER: &str = "zh";
/// Present in the index folder when the node stopped cleanly.
const CLEAN: &str = "CLEAN";
/// From this many listings on, very common query words are left out.
const COMMON_MIN_DOCS: u64 = 1000;
/// How many leading query words get their synonyms.
const SYNONYM_WORDS: usize = 12;
/// How many of a listing's characters [`SearchIndex::search_chars`] asks by (the rarest).
const RARE_CHARS: usize = 12;

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
    concepts: Field,
    published: Field,
    quantity: Field,
    unit: Field,
    urgency: Field,
    org_region: Field,
    served: Field,
    lat: Field,
    lon: Field,
    poor_households: Field,
    registered_poor: Field,
    place: Field,
    age: Field,
    goods: Field,
    asks: Field,
    chars: Field,
    grams: Field,
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
        kind: b.add_text_field("kind", STRING | STORED | FAST),
        org: b.add_u64_field("org", INDEXED | STORED | FAST),
        regions: b.add_text_field("regions", STRING | STORED),
        valid_from: b.add_i64_field("valid_from", INDEXED | FAST),
        valid_until: b.add_i64_field("valid_until", INDEXED | FAST),
        title: b.add_text_field("title", text.clone()),
        body: b.add_text_field("body", text),
        // The lexicon's words for what the text says in other words (its standard names, the
        // category of a product, the word a homophone mistake was taken for): indexed, not kept.
        concepts: b.add_text_field(
            "concepts",
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default().set_tokenizer(TOKENIZER).set_index_option(IndexRecordOption::WithFreqs),
            ),
        ),
        // What the matcher ranks by besides the words (see `Facts`).
        published: b.add_i64_field("published", STORED | FAST),
        quantity: b.add_i64_field("quantity", STORED | FAST),
        unit: b.add_text_field("unit", STRING | STORED | FAST),
        urgency: b.add_i64_field("urgency", STORED | FAST),
        // Region codes as numbers: a string column costs a dictionary block per value read.
        org_region: b.add_u64_field("org_region", STORED | FAST),
        served: b.add_u64_field("served", STORED | FAST),
        lat: b.add_f64_field("lat", STORED | FAST),
        lon: b.add_f64_field("lon", STORED | FAST),
        poor_households: b.add_i64_field("poor_households", STORED | FAST),
        registered_poor: b.add_u64_field("registered_poor", STORED | FAST),
        place: b.add_u64_field("place", STORED | FAST),
        age: b.add_u64_field("age", STORED | FAST),
        goods: b.add_u64_field("goods", STORED | FAST),
        // The kinds of help a need's text asks for besides its own (see `Facts::asks`).
        asks: b.add_u64_field("asks", STORED | FAST),
        // The distinct characters of the text that carry meaning (see `Facts::chars`).
        chars: b.add_u64_field("chars", FAST),
        // The same characters, one term each (with the side, see `gram`): the candidates of a
        // listing whose words no listing of its kind shares (鱼塘 for 池塘养殖) are asked by
        // them (see [`SearchIndex::search_chars`]). Each is there once: only documents are kept.
        grams: b.add_text_field(
            "side_chars",
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default().set_tokenizer("raw").set_index_option(IndexRecordOption::Basic),
            ),
        ),
    };
    (b.build(), f)
}

/// A 12-digit region code as a number (region codes never begin with 0).
pub fn region_number(code: &str) -> Option<u64> {
    (code.len() == 12 && code.bytes().all(|b| b.is_ascii_digit()) && !code.starts_with('0'))
        .then(|| code.parse().ok())
        .flatten()
}

/// A filter: documents with any of `terms`. A few terms are asked as a union of posting lists;
/// a term set builds an FST and a bitset of the whole segment per query, which was a tenth of a
/// match's time for a handful of region codes.
fn any_of(terms: Vec<Term>) -> Box<dyn Query> {
    if terms.len() > 16 {
        return Box::new(TermSetQuery::new(terms));
    }
    let union: Vec<(Occur, Box<dyn Query>)> = terms
        .into_iter()
        .map(|t| (Occur::Should, Box::new(TermQuery::new(t, IndexRecordOption::Basic)) as Box<dyn Query>))
        .collect();
    Box::new(BooleanQuery::new(union))
}

/// A required clause that only lets documents through and adds nothing to their score.
///
/// Scored, the filters added a constant to every hit — except in a segment whose documents all
/// pass a date filter, where tantivy drops that clause with its share: how well a listing's
/// words matched, measured against the best hit's, then depended on the segment it was written
/// to.
fn filter(q: Box<dyn Query>) -> (Occur, Box<dyn Query>) {
    (Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0)))
}

/// The term of character `c` in a listing of `side`: each side's characters apart, so that how
/// rare one is is counted on the side searched.
fn gram(side: Side, c: char) -> String {
    let mut t = String::with_capacity(5);
    t.push(if side == Side::Offer { 'o' } else { 'n' });
    t.push(c);
    t
}

/// Days since the common era, for range filters on dates.
fn day(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

/// The folding every index shares (building one reads OpenCC's dictionaries).
fn shared_folder() -> &'static Arc<Folder> {
    static FOLDER: std::sync::OnceLock<Arc<Folder>> = std::sync::OnceLock::new();
    FOLDER.get_or_init(|| Arc::new(Folder::new()))
}

/// Traditional → simplified folding (a maintained OpenCC port), shared and built once.
struct Folder {
    cc: Option<ferrous_opencc::OpenCC>,
    /// The characters the conversion changes when written alone: a text with none of them is
    /// left as it is without running the conversion (most texts are simplified already).
    changed: rustc_hash::FxHashSet<char>,
}

impl Folder {
    fn new() -> Self {
        let cc = ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::T2s);
        if let Err(e) = &cc {
            tracing::warn!(error = %e, "traditional-to-simplified folding unavailable");
        }
        let cc = cc.ok();
        let mut changed = rustc_hash::FxHashSet::default();
        if let Some(cc) = &cc {
            // Every Chinese character block and the punctuation and full-width forms.
            let blocks = [0x2000..=0x2BFF, 0x2E80..=0x9FFF, 0xF900..=0xFAFF, 0xFE30..=0xFFEF, 0x20000..=0x2FA1F];
            let mut one = String::with_capacity(4);
            for c in blocks.into_iter().flatten().filter_map(char::from_u32) {
                one.clear();
                one.push(c);
                if cc.convert(&one) != one {
                    changed.insert(c);
                }
            }
        }
        Self { cc, changed }
    }

    fn fold(&self, s: &str) -> String {
        match &self.cc {
            Some(cc) if s.chars().any(|c| self.changed.contains(&c)) => cc.convert(s),
            _ => s.to_owned(),
        }
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
    /// What the matcher ranks by (when the query asked for it).
    pub facts: Option<Facts>,
}

/// What the matcher ranks a listing by besides its words, kept in the index beside the text so
/// that ranking a few hundred candidates reads no database row. Written from the listing and
/// its organisation whenever either changes (both reach the index through the outbox), so it
/// lags the database exactly as the text does.
#[derive(Clone, Debug, PartialEq)]
pub struct Facts {
    pub kind: ListingKind,
    pub organisation_id: i32,
    /// The quantity with its unit, when both are given.
    pub quantity: Option<(i64, String)>,
    /// Needs: 1 (low) … 3 (urgent).
    pub urgency: Option<i16>,
    /// The day (UTC) it was published.
    pub published: Option<NaiveDate>,
    /// Offers: the region codes served, as numbers (see [`region_number`]), in order.
    pub served: Vec<u64>,
    /// The organisation's region code.
    pub org_region: String,
    /// The organisation's location (latitude, longitude).
    pub location: Option<(f64, f64)>,
    /// Villages: poor households on file, and whether it is a registered poor village.
    pub poor_households: Option<i32>,
    pub registered_poor: bool,
    /// Offers: where the work is as the text says ([`crate::matching::place::Place::code`]);
    /// needs: where the workers want to work, and the wider place they also take
    /// ([`crate::matching::place::Wish::codes`]); 0 unsaid.
    pub place: u64,
    /// Offers: the oldest age taken; needs: the age of the oldest workers and whether only some
    /// are that old ([`crate::matching::place::age_code`]); 0 unsaid.
    pub age: u64,
    /// The products and buyers' channels the text names (lexicon entries).
    pub goods: Vec<u32>,
    /// The kinds of help the text asks for, as [`crate::matching::lexicon::kind_bit`]s (a
    /// training need adding 也要找收购商 asks for buyers): a need's complements of another kind
    /// are of these kinds only. Offers: [`crate::matching::lexicon::SELLS_BIT`] when it sells
    /// to villages rather than helping them (a job offer: when it is an employment service).
    pub asks: u8,
    /// The distinct Chinese characters of the folded text, in order, without the ones that
    /// say little alone (的, 了, 村, 想 …), at most [`MAX_CHARS`]: shared characters are the
    /// matcher's last sign of shared meaning where no word is shared (鱼塘 and 池塘养鱼, 木桥
    /// and 便民桥).
    pub chars: Vec<u32>,
}

/// How many characters of a text [`Facts::chars`] keeps.
pub const MAX_CHARS: usize = 64;

/// Characters that say little alone: function words, numbers, and the words every listing of
/// the drive uses (村, 收购, 招, 培训, 帮扶 …).
const PLAIN_CHARS: &str = "的了是在和与及或也都就还又很太最更有没无不要想能会可以把被给让对从到向为于这那个些么吗呢吧啊哦呀着过上下里外中前后多少大小一二两三四五六七八九十百千万亿年月日天时每各其等我你他她它们咱家村镇乡县市省组户人名位批点好请帮扶助收购招聘培训需求供提愿意希望急找卖买做用来去说叫得地之所因但如果";

/// The first and last of the characters [`content_chars`] keeps: the common block of Chinese
/// characters, U+4E00–U+9FFF (15 bits each once the first is taken off).
pub const FIRST_CHAR: u32 = 0x4E00;
const LAST_CHAR: u32 = 0x9FFF;
/// How many characters the common block has.
pub const BLOCK_LEN: usize = (LAST_CHAR - FIRST_CHAR + 1) as usize;

/// Where character `c` is in the common block (`None`: outside it), for tables indexed by
/// character.
pub fn block_index(c: u32) -> Option<usize> {
    (FIRST_CHAR..=LAST_CHAR).contains(&c).then(|| (c - FIRST_CHAR) as usize)
}

/// Four characters to a number (15 bits each, 0 for none): a fourth of the values to read for
/// each of a match's few hundred candidates.
fn pack_chars(chars: &[u32]) -> Vec<u64> {
    chars
        .chunks(4)
        .map(|four| four.iter().enumerate().fold(0u64, |acc, (i, c)| acc | (u64::from(c - FIRST_CHAR + 1) << (15 * i))))
        .collect()
}

/// The characters of [`pack_chars`]' numbers, in their order.
fn unpack_chars(packed: impl Iterator<Item = u64>) -> Vec<u32> {
    let mut out = Vec::new();
    for p in packed {
        for i in 0..4 {
            let c = ((p >> (15 * i)) & 0x7FFF) as u32;
            if c != 0 {
                out.push(c - 1 + FIRST_CHAR);
            }
        }
    }
    out
}

/// [`Facts::chars`] of a folded text.
pub fn content_chars(text: &str) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::new();
    for c in text.chars() {
        let cjk = block_index(u32::from(c)).is_some();
        if cjk && !PLAIN_CHARS.contains(c) && !out.contains(&u32::from(c)) {
            out.push(u32::from(c));
            if out.len() == MAX_CHARS {
                break;
            }
        }
    }
    out
}

impl Facts {
    /// The facts of `l` and its organisation `org` as the database has them now, from the
    /// listing's text folded (`text`, its title and body joined by a space) and the lexicon's
    /// words `found` in it.
    pub fn of_folded(
        l: &Listing,
        org: Option<&entity::organisation::Model>,
        text: &str,
        found: &[crate::matching::lexicon::Found<'_>],
    ) -> Self {
        let lex = crate::matching::lexicon::Lexicon::builtin();
        let mut served: Vec<u64> = match l.side {
            Side::Offer => l.regions.iter().filter_map(|c| region_number(c)).collect(),
            Side::Need => Vec::new(),
        };
        served.sort_unstable();
        use crate::matching::place;
        let (place, age) = match l.side {
            Side::Offer => (place::Place::of(text).code(), place::max_age(text)),
            Side::Need => (place::Wish::codes(text), None),
        };
        let age = match l.side {
            Side::Offer => age.map_or(0, u64::from),
            Side::Need => place::age_code(place::workers_age(text), place::workers_range(text).map(|(lo, _)| lo)),
        };
        Self {
            chars: content_chars(text),
            goods: lex.goods_of(found),
            asks: lex.asks(found)
                | match l.side {
                    // The top bit is an offer's trait: for a job, an employment service; for
                    // the other kinds, a seller.
                    Side::Offer if l.kind == ListingKind::Employment && crate::matching::lexicon::finds_jobs(text) => {
                        crate::matching::lexicon::SELLS_BIT
                    }
                    Side::Offer if crate::matching::lexicon::sells_to_villages(&l.title, text) => {
                        crate::matching::lexicon::SELLS_BIT
                    }
                    _ => 0,
                },
            place,
            age,
            kind: l.kind,
            organisation_id: l.organisation_id,
            quantity: l.quantity.zip(l.unit.clone()),
            urgency: l.urgency,
            published: l.published_at.map(|p| p.date_naive()),
            served,
            org_region: org.map(|o| o.region_code.clone()).unwrap_or_default(),
            location: org.and_then(|o| o.lat.zip(o.lon)),
            poor_households: org.and_then(|o| o.poor_households),
            registered_poor: org.is_some_and(|o| o.registered_poor),
        }
    }
}

/// The fact columns of one segment (a column is absent when no document of the segment has
/// a value for it).
struct FactColumns {
    kind: Option<tantivy::columnar::StrColumn>,
    org: Option<tantivy::columnar::Column<u64>>,
    published: Option<tantivy::columnar::Column<i64>>,
    quantity: Option<tantivy::columnar::Column<i64>>,
    unit: Option<tantivy::columnar::StrColumn>,
    urgency: Option<tantivy::columnar::Column<i64>>,
    served: Option<tantivy::columnar::Column<u64>>,
    org_region: Option<tantivy::columnar::Column<u64>>,
    lat: Option<tantivy::columnar::Column<f64>>,
    lon: Option<tantivy::columnar::Column<f64>>,
    poor_households: Option<tantivy::columnar::Column<i64>>,
    registered_poor: Option<tantivy::columnar::Column<u64>>,
    place: Option<tantivy::columnar::Column<u64>>,
    age: Option<tantivy::columnar::Column<u64>>,
    goods: Option<tantivy::columnar::Column<u64>>,
    asks: Option<tantivy::columnar::Column<u64>>,
    chars: Option<tantivy::columnar::Column<u64>>,
}

/// The strings of a segment's kind and unit columns looked up so far, by column (0 kind, 1
/// unit) and ordinal. Ordinals are a segment's own (0 is `training` in one segment and
/// `procurement` in another): one per segment, never shared.
type Words = HashMap<(u8, u64), String>;

/// What a search reads of one segment beside the scores: the listing ids and the matcher's
/// facts. Opening the columns cost ≈ 70 µs a query (measured), a quarter of reading a match's
/// 200 candidates from them, so they are opened once per segment and kept while it is searched.
struct SegmentColumns {
    id: tantivy::columnar::Column<u64>,
    facts: FactColumns,
}

/// The [`SegmentColumns`] of the segments searched lately, by segment.
type ColumnCache = Mutex<HashMap<tantivy::index::SegmentId, Arc<SegmentColumns>>>;

/// The columns of segment `ord` of `searcher`, from `cache` or opened (and the cache then
/// keeps only the segments `searcher` has: merged-away ones are let go).
fn segment_columns(cache: &ColumnCache, searcher: &tantivy::Searcher, ord: u32) -> anyhow::Result<Arc<SegmentColumns>> {
    let reader = searcher.segment_reader(ord);
    let id = reader.segment_id();
    if let Some(c) = cache.lock().ok().and_then(|c| c.get(&id).cloned()) {
        return Ok(c);
    }
    let opened = Arc::new(SegmentColumns {
        id: reader.fast_fields().u64("id").map_err(ix)?,
        facts: FactColumns::open(reader).map_err(ix)?,
    });
    if let Ok(mut c) = cache.lock() {
        let live: std::collections::HashSet<tantivy::index::SegmentId> =
            searcher.segment_readers().iter().map(|r| r.segment_id()).collect();
        c.retain(|k, _| live.contains(k));
        c.insert(id, Arc::clone(&opened));
    }
    Ok(opened)
}

impl FactColumns {
    fn open(seg: &tantivy::SegmentReader) -> tantivy::Result<Self> {
        let ff = seg.fast_fields();
        Ok(Self {
            kind: ff.str("kind")?,
            org: ff.column_opt("org")?,
            published: ff.column_opt("published")?,
            quantity: ff.column_opt("quantity")?,
            unit: ff.str("unit")?,
            urgency: ff.column_opt("urgency")?,
            served: ff.column_opt("served")?,
            org_region: ff.column_opt("org_region")?,
            lat: ff.column_opt("lat")?,
            lon: ff.column_opt("lon")?,
            poor_households: ff.column_opt("poor_households")?,
            registered_poor: ff.column_opt("registered_poor")?,
            place: ff.column_opt("place")?,
            age: ff.column_opt("age")?,
            goods: ff.column_opt("goods")?,
            asks: ff.column_opt("asks")?,
            chars: ff.column_opt("chars")?,
        })
    }

    /// The first string of `doc` in column `which` (0 kind, 1 unit), remembered in `words` by
    /// its ordinal (few distinct kinds and units; each look-up costs a dictionary block).
    fn word(&self, words: &mut Words, which: u8, doc: u32) -> Option<String> {
        let col = if which == 0 { self.kind.as_ref()? } else { self.unit.as_ref()? };
        let ord = col.term_ords(doc).next()?;
        if let Some(w) = words.get(&(which, ord)) {
            return Some(w.clone());
        }
        let mut s = String::new();
        if !col.ord_to_str(ord, &mut s).ok()? {
            return None;
        }
        words.insert((which, ord), s.clone());
        Some(s)
    }

    /// The facts of document `doc` of side `side` (`None`: not written with facts).
    fn read(&self, words: &mut Words, side: Side, doc: u32) -> Option<Facts> {
        let kind = ListingKind::parse(&self.word(words, 0, doc)?)?;
        let organisation_id = i32::try_from(self.org.as_ref()?.first(doc)?).ok()?;
        let quantity = match self.quantity.as_ref().and_then(|c| c.first(doc)) {
            Some(q) => self.word(words, 1, doc).map(|u| (q, u)),
            None => None,
        };
        let mut served = Vec::new();
        if side == Side::Offer
            && let Some(col) = &self.served
        {
            served.extend(col.values_for_doc(doc));
            served.sort_unstable();
        }
        Some(Facts {
            kind,
            organisation_id,
            quantity,
            urgency: self.urgency.as_ref().and_then(|c| c.first(doc)).and_then(|u| i16::try_from(u).ok()),
            published: self
                .published
                .as_ref()
                .and_then(|c| c.first(doc))
                .and_then(|d| i32::try_from(d).ok())
                .and_then(NaiveDate::from_num_days_from_ce_opt),
            served,
            org_region: self
                .org_region
                .as_ref()
                .and_then(|c| c.first(doc))
                .map(|c| format!("{c:012}"))
                .unwrap_or_default(),
            location: self.lat.as_ref().and_then(|c| c.first(doc)).zip(self.lon.as_ref().and_then(|c| c.first(doc))),
            poor_households: self
                .poor_households
                .as_ref()
                .and_then(|c| c.first(doc))
                .and_then(|p| i32::try_from(p).ok()),
            registered_poor: self.registered_poor.as_ref().and_then(|c| c.first(doc)) == Some(1),
            place: self.place.as_ref().and_then(|c| c.first(doc)).unwrap_or(0),
            age: self.age.as_ref().and_then(|c| c.first(doc)).unwrap_or(0),
            goods: self
                .goods
                .as_ref()
                .map(|c| c.values_for_doc(doc).filter_map(|g| u32::try_from(g).ok()).collect())
                .unwrap_or_default(),
            asks: self.asks.as_ref().and_then(|c| c.first(doc)).and_then(|a| u8::try_from(a).ok()).unwrap_or(0),
            chars: self.chars.as_ref().map(|c| unpack_chars(c.values_for_doc(doc))).unwrap_or_default(),
        })
    }
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
    /// Read each hit's [`Facts`] (the matcher).
    pub facts: bool,
    /// Matching rather than searching: words that only name a kind of help (培训, 收购, 招聘 …,
    /// [`stopwords::is_kind_word`]) are left out while other words remain — the matcher scores
    /// the kind apart, and a training need sharing only 培训 with a course on bees is no match.
    pub matching: bool,
}

/// How the index is doing, for `/healthz` and the logs.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct IndexStatus {
    /// The last outbox sequence applied.
    pub applied: i64,
    /// Listings in the index.
    pub documents: u64,
    /// The last failure to write the index, while it lasts.
    pub error: Option<String>,
    /// Consecutive failed attempts.
    pub failures: u32,
    /// A rebuild is under way (searches use the previous generation meanwhile).
    pub rebuilding: bool,
    /// Every document is being checked against the database (after an unclean stop).
    pub verifying: bool,
    /// Listings whose documents were found to differ from the database and rewritten, since
    /// start-up.
    pub repaired: u64,
    /// The index has been built at least once from this database.
    pub complete: bool,
}

#[derive(Debug, Default)]
struct Health {
    error: Option<String>,
    failures: u32,
    rebuilding: bool,
    verifying: bool,
    repaired: u64,
}

/// The index of this node; cheap to clone. Searches read the current generation; one writer
/// at a time follows the outbox (or rebuilds) under `catching_up`.
#[derive(Clone)]
pub struct SearchIndex {
    generation: Arc<RwLock<Arc<Generation>>>,
    /// The index directory (`None`: in memory).
    dir: Option<PathBuf>,
    f: Fields,
    folder: Arc<Folder>,
    analyzer: TextAnalyzer,
    /// The last outbox sequence applied to this index.
    applied: Arc<AtomicI64>,
    /// The database the current generation was built from ("" until known).
    instance: Arc<Mutex<String>>,
    /// Serialises writers: the follower, a rebuild, a refresh.
    catching_up: Arc<tokio::sync::Mutex<()>>,
    /// A follower task is running (searches then leave the writing to it).
    following: Arc<std::sync::atomic::AtomicBool>,
    health: Arc<Mutex<Health>>,
    /// The enterprises' completion records (completed, terminated agreements), kept beside the
    /// index and following the outbox like it (`record` rows); `None` until first read.
    records: Arc<RwLock<Option<HashMap<i32, crate::matching::Record>>>>,
    /// The id and fact columns of the segments searched lately.
    columns: Arc<ColumnCache>,
}

fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(words::Words).filter(LowerCaser).build()
}

/// An error of the index, as an `anyhow` error.
fn ix<E: std::fmt::Display>(e: E) -> anyhow::Error {
    anyhow::anyhow!("search index: {e}")
}

impl SearchIndex {
    /// Opens the index in `dir` (created if missing; a new empty generation if it cannot be
    /// opened whole), or an in-memory one when `dir` is `None`. Returns whether it must be
    /// rebuilt before it reflects anything. Fails only when another process holds the index
    /// (a running server) or the directory cannot be made.
    pub fn open(dir: Option<&Path>) -> anyhow::Result<(Self, bool)> {
        let g = match dir {
            None => Generation::in_memory()?,
            Some(d) => Generation::open(d)?,
        };
        let mark = g.mark.clone();
        let (_, f) = schema();
        let me = Self {
            generation: Arc::new(RwLock::new(Arc::new(g))),
            dir: dir.map(Path::to_path_buf),
            f,
            folder: Arc::clone(shared_folder()),
            analyzer: analyzer(),
            applied: Arc::new(AtomicI64::new(mark.as_ref().map_or(0, |m| m.seq))),
            instance: Arc::new(Mutex::new(mark.as_ref().map(|m| m.instance.clone()).unwrap_or_default())),
            catching_up: Arc::default(),
            following: Arc::default(),
            health: Arc::default(),
            records: Arc::default(),
            columns: Arc::default(),
        };
        // Load the segmentation dictionary now rather than on the first query (≈ 0.2 s).
        me.words("预热分词词典");
        Ok((me, mark.is_none()))
    }

    fn current(&self) -> Arc<Generation> {
        match self.generation.read() {
            Ok(g) => Arc::clone(&g),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// The last outbox sequence this index reflects.
    pub fn applied(&self) -> i64 {
        self.applied.load(Ordering::SeqCst)
    }

    /// How many listings the index holds.
    pub fn len(&self) -> u64 {
        self.current().reader.searcher().num_docs()
    }

    /// How many segments the current generation has (merges keep this small).
    pub fn segments(&self) -> usize {
        self.current().reader.searcher().segment_readers().len()
    }

    /// Whether the index holds no listing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the last run stopped cleanly (`None` in memory); the mark is removed, so a crash
    /// from now on is noticed at the next start.
    pub fn take_clean_mark(&self) -> Option<bool> {
        let dir = self.dir.as_ref()?;
        let path = dir.join(CLEAN);
        let clean = path.exists();
        let _ = std::fs::remove_file(&path);
        Some(clean)
    }

    /// Notes that this node stopped cleanly (called after the server's last request): waits for
    /// a write in progress, then keeps every writer out until the process ends.
    pub async fn mark_clean(&self) {
        let guard = self.catching_up.lock().await;
        if let Some(dir) = &self.dir {
            let _ = std::fs::write(dir.join(CLEAN), b"stopped cleanly\n");
        }
        std::mem::forget(guard);
    }

    /// How the index is doing.
    pub fn status(&self) -> IndexStatus {
        let h = self
            .health
            .lock()
            .map(|h| (h.error.clone(), h.failures, h.rebuilding, h.verifying, h.repaired))
            .unwrap_or_default();
        IndexStatus {
            applied: self.applied(),
            documents: self.len(),
            error: h.0,
            failures: h.1,
            rebuilding: h.2,
            verifying: h.3,
            repaired: h.4,
            complete: self.instance.lock().map(|i| !i.is_empty()).unwrap_or(false),
        }
    }

    fn note_failure(&self, e: &anyhow::Error) -> u32 {
        let Ok(mut h) = self.health.lock() else { return 0 };
        h.error = Some(format!("{e:#}"));
        h.failures += 1;
        h.failures
    }

    fn note_success(&self) {
        if let Ok(mut h) = self.health.lock() {
            h.error = None;
            h.failures = 0;
        }
    }

    /// The key and document of a listing with its organisation and region terms.
    fn document(
        &self,
        l: &Listing,
        org: Option<&entity::organisation::Model>,
        region_terms: &[String],
    ) -> (String, TantivyDocument) {
        let f = self.f;
        // The text is folded and read for the lexicon's words once, for the facts and the
        // lexicon's names kept beside it.
        let lex = crate::matching::lexicon::Lexicon::builtin();
        let text = self.folder.fold(&format!("{} {}", l.title, l.body));
        let found = lex.find_in(&text);
        let facts = Facts::of_folded(l, org, &text, &found);
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
            f.concepts => lex.expansion_of(&found).join(" "),
            f.registered_poor => u64::from(facts.registered_poor),
        );
        if let Some(code) = region_number(&facts.org_region) {
            d.add_u64(f.org_region, code);
        }
        for &code in &facts.served {
            d.add_u64(f.served, code);
        }
        for r in region_terms {
            d.add_text(f.regions, r);
        }
        if let Some(p) = facts.published {
            d.add_i64(f.published, day(p));
        }
        if let Some((q, unit)) = &facts.quantity {
            d.add_i64(f.quantity, *q);
            d.add_text(f.unit, unit);
        }
        if let Some(u) = facts.urgency {
            d.add_i64(f.urgency, i64::from(u));
        }
        if let Some((lat, lon)) = facts.location {
            d.add_f64(f.lat, lat);
            d.add_f64(f.lon, lon);
        }
        if let Some(p) = facts.poor_households {
            d.add_i64(f.poor_households, i64::from(p));
        }
        if facts.place != 0 {
            d.add_u64(f.place, facts.place);
        }
        if facts.age != 0 {
            d.add_u64(f.age, facts.age);
        }
        for g in &facts.goods {
            d.add_u64(f.goods, u64::from(*g));
        }
        if facts.asks != 0 {
            d.add_u64(f.asks, u64::from(facts.asks));
        }
        for packed in pack_chars(&facts.chars) {
            d.add_u64(f.chars, packed);
        }
        for c in facts.chars.iter().filter_map(|c| char::from_u32(*c)) {
            d.add_text(f.grams, gram(l.side, c));
        }
        (key(l.side, l.id), d)
    }

    /// Writes one batch to the current generation in a blocking task.
    async fn write(
        &self,
        deletes: Vec<String>,
        adds: Vec<(String, TantivyDocument)>,
        clear: bool,
        mark: Option<Mark>,
        previous: Option<Mark>,
    ) -> anyhow::Result<()> {
        let g = self.current();
        tokio::task::spawn_blocking(move || g.apply(&deletes, adds, clear, mark.as_ref(), previous.as_ref()))
            .await
            .map_err(ix)?
    }

    /// Replaces the index's content with `items` (listings and their region terms) in one
    /// commit; for benchmarks and bulk loads that do not come from the database.
    pub fn replace_all_blocking(&self, items: &[(Listing, Vec<String>)]) -> anyhow::Result<()> {
        let adds = items.iter().map(|(l, terms)| self.document(l, None, terms)).collect();
        self.current().apply(&[], adds, true, None, None)
    }

    /// Adds `items` to the index in one commit (bulk loads, benchmarks).
    pub fn add_all_blocking(&self, items: &[(Listing, Vec<String>)]) -> anyhow::Result<()> {
        let adds = items.iter().map(|(l, terms)| self.document(l, None, terms)).collect();
        self.current().apply(&[], adds, false, None, None)
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
                && !stopwords::is_stop(&w)
                && !words.contains(&w)
            {
                words.push(w);
            }
        }
        words
    }

    /// Whether `text` has any word to search by (function words such as 的 are not).
    pub fn has_words(&self, text: &str) -> bool {
        !self.words(text).is_empty()
    }

    fn text_query(&self, searcher: &tantivy::Searcher, text: &str, matching: bool) -> Option<Box<dyn Query>> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut words = self.words(text);
        if matching && words.iter().any(|w| !stopwords::is_kind_word(w)) {
            words.retain(|w| !stopwords::is_kind_word(w));
        }
        // In a large index, words found in more than a tenth of all listings (村里, 希望, 收购 …)
        // say little and cost most of the time: leave them out, unless nothing else is left.
        let docs = searcher.num_docs();
        let df = |w: &str| {
            [self.f.title, self.f.body, self.f.concepts]
                .iter()
                .map(|f| searcher.doc_freq(&Term::from_field_text(*f, w)).unwrap_or(0))
                .max()
                .unwrap_or(0)
        };
        let common = |w: &str| docs >= COMMON_MIN_DOCS && df(w) * 10 > docs;
        let keep_common = words.iter().all(|w| common(w));
        words.retain(|w| keep_common || !common(w));
        // Each word once, at the weight of its best form: itself, else a synonym of a leading
        // word (a title, the start of a text: expanding every word of a long text costs time
        // and adds little).
        let mut forms: Vec<(String, f32)> = words.iter().map(|w| (w.clone(), 1.0)).collect();
        for word in words.iter().take(SYNONYM_WORDS) {
            for s in synonyms::of(word) {
                if !forms.iter().any(|(w, _)| w == s) && (keep_common || !common(s)) {
                    forms.push((s.to_owned(), synonyms::SYNONYM_WEIGHT));
                }
            }
        }
        // One flat union of term queries, the fields of a form and the forms of a text summed:
        // nested unions (a best-of per word) cost tantivy a seek through each level and made
        // the query twice as slow for the same ranking on the judged collections.
        for (w, weight) in forms {
            for (field, boost) in [(self.f.title, 2.0), (self.f.body, 1.0), (self.f.concepts, 1.0)] {
                let q = TermQuery::new(Term::from_field_text(field, &w), IndexRecordOption::WithFreqs);
                clauses.push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), boost * weight))));
            }
        }
        (!clauses.is_empty()).then(|| Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>)
    }

    /// `s` in simplified characters (as the index keeps every text).
    pub fn fold(&self, s: &str) -> String {
        self.folder.fold(s)
    }

    /// The required clauses of `q` on `side`: the side, kinds, regions and dates.
    fn filters(&self, side: Side, q: &SearchQuery) -> Vec<(Occur, Box<dyn Query>)> {
        let f = self.f;
        let mut must = vec![filter(Box::new(TermQuery::new(
            Term::from_field_text(f.side, side.table()),
            IndexRecordOption::Basic,
        )))];
        if !q.kinds.is_empty() {
            must.push(filter(any_of(q.kinds.iter().map(|k| Term::from_field_text(f.kind, k.code())).collect())));
        }
        if !q.regions.is_empty() {
            must.push(filter(any_of(q.regions.iter().map(|r| Term::from_field_text(f.regions, r)).collect())));
        }
        if let Some(on) = q.live_on {
            must.push(filter(Box::new(RangeQuery::new(
                Bound::Included(Term::from_field_i64(f.valid_until, day(on))),
                Bound::Unbounded,
            ))));
        }
        if let Some(on) = q.started_by {
            must.push(filter(Box::new(RangeQuery::new(
                Bound::Unbounded,
                Bound::Included(Term::from_field_i64(f.valid_from, day(on))),
            ))));
        }
        must
    }

    /// The listings of `side` matching `q`, best first.
    pub fn search(&self, side: Side, q: &SearchQuery) -> anyhow::Result<Vec<Hit>> {
        let f = self.f;
        let mut must = self.filters(side, q);
        let searcher = self.current().reader.searcher();
        let text = self.text_query(&searcher, &q.text, q.matching);
        if text.is_none() && !q.text.trim().is_empty() {
            // Words were asked for, but only function words (的, 我们 …): nothing matches them.
            return Ok(Vec::new());
        }
        let limit = TopDocs::with_limit(q.limit.max(1));
        let top: Vec<(f32, tantivy::DocAddress)> = if let Some(t) = &text {
            must.push((Occur::Must, t.box_clone()));
            searcher.search(&BooleanQuery::new(must), &limit.order_by_score()).map_err(ix)?
        } else {
            let query = BooleanQuery::new(must);
            // No words to rank by: the newest first (every hit scores the same).
            searcher
                .search(&query, &limit.order_by_fast_field::<i64>("published", tantivy::Order::Desc))
                .map_err(ix)?
                .into_iter()
                .map(|(_, addr)| (0.0, addr))
                .collect()
        };
        let snippets = match text.as_ref().filter(|_| q.highlight) {
            Some(t) => Some((SnippetGenerator::create(&searcher, &**t, f.title).map_err(ix)?, {
                let mut g = SnippetGenerator::create(&searcher, &**t, f.body).map_err(ix)?;
                g.set_max_num_chars(120);
                g
            })),
            None => None,
        };
        self.hits_of(&searcher, side, q, top, snippets.as_ref())
    }

    /// The listings of `side` passing `q`'s filters that share the rarest of `chars`
    /// (characters of meaning, see [`content_chars`]), best first by BM25 over those
    /// characters. For a listing whose words none of its kind shares: 鱼塘 and 池塘养殖 share
    /// no word but 塘. `q`'s text is not asked.
    pub fn search_chars(&self, side: Side, q: &SearchQuery, chars: &[u32]) -> anyhow::Result<Vec<Hit>> {
        let searcher = self.current().reader.searcher();
        // Only the rarest few on that side, and none that a tenth of that side has: a
        // character's postings are long (all 64 of a text asked took 7–9 ms at 100k + 100k
        // listings, a bare word query 2), and the rare ones are what tells a listing apart.
        // One that side does not have at all is no use.
        let docs = searcher.doc_freq(&Term::from_field_text(self.f.side, side.table())).map_err(ix)?;
        let mut terms: Vec<(u64, Term)> = chars
            .iter()
            .filter_map(|c| char::from_u32(*c))
            .map(|c| Term::from_field_text(self.f.grams, &gram(side, c)))
            .map(|t| searcher.doc_freq(&t).map(|df| (df, t)))
            .collect::<tantivy::Result<Vec<_>>>()
            .map_err(ix)?
            .into_iter()
            .filter(|(df, _)| *df > 0 && (docs < COMMON_MIN_DOCS || df * 10 <= docs))
            .collect();
        terms.sort_by_key(|(df, _)| *df);
        terms.truncate(RARE_CHARS);
        let grams: Vec<(Occur, Box<dyn Query>)> = terms
            .into_iter()
            .map(|(_, t)| (Occur::Should, Box::new(TermQuery::new(t, IndexRecordOption::Basic)) as Box<dyn Query>))
            .collect();
        if grams.is_empty() {
            return Ok(Vec::new());
        }
        let mut must = self.filters(side, q);
        must.push((Occur::Must, Box::new(BooleanQuery::new(grams))));
        let top = searcher
            .search(&BooleanQuery::new(must), &TopDocs::with_limit(q.limit.max(1)).order_by_score())
            .map_err(ix)?;
        self.hits_of(&searcher, side, q, top, None)
    }

    /// The hits `top` of `side` with their ids, snippets (when asked) and facts (when `q` asks).
    fn hits_of(
        &self,
        searcher: &tantivy::Searcher,
        side: Side,
        q: &SearchQuery,
        top: Vec<(f32, tantivy::DocAddress)>,
        snippets: Option<&(SnippetGenerator, SnippetGenerator)>,
    ) -> anyhow::Result<Vec<Hit>> {
        let f = self.f;
        let mut hits = Vec::with_capacity(top.len());
        // Ids come from the fast-field column (no stored document is decompressed for them).
        let mut segments: HashMap<u32, (Arc<SegmentColumns>, Words)> = HashMap::new();
        for (score, addr) in top {
            let (columns, words) = match segments.entry(addr.segment_ord) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert((segment_columns(&self.columns, searcher, addr.segment_ord)?, Words::new()))
                }
            };
            let Some(id) = columns.id.first(addr.doc_id) else { continue };
            let id = id as i32;
            let (title_html, body_html) = match snippets {
                Some((t, b)) => {
                    let d: TantivyDocument = searcher.doc(addr).map_err(ix)?;
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
            let facts = if q.facts { columns.facts.read(words, side, addr.doc_id) } else { None };
            hits.push(Hit { side, id, score, title_html, body_html, facts });
        }
        Ok(hits)
    }
}

impl SearchIndex {
    /// Highlighted title and body excerpt for each `(title, body)` shown for the words `text`
    /// (escaped HTML with `<b>` around matches; the title escaped as it is when nothing matches).
    /// Built only for the listings on the page, from their text as the database has it.
    pub fn highlight(&self, text: &str, docs: &[(&str, &str)]) -> anyhow::Result<Vec<(String, String)>> {
        let searcher = self.current().reader.searcher();
        let Some(query) = self.text_query(&searcher, text, false) else {
            return Ok(docs.iter().map(|(t, _)| (escape(t), String::new())).collect());
        };
        let title = SnippetGenerator::create(&searcher, &*query, self.f.title).map_err(ix)?;
        let mut body = SnippetGenerator::create(&searcher, &*query, self.f.body).map_err(ix)?;
        body.set_max_num_chars(120);
        Ok(docs
            .iter()
            .map(|(t, b)| {
                // The index holds the folded (simplified) text; a listing typed in Traditional
                // characters is highlighted as typed where the words still match.
                let mut th = title.snippet(t).to_html();
                if th.is_empty() {
                    th = escape(t);
                }
                (th, body.snippet(b).to_html())
            })
            .collect())
    }
}

fn key(side: Side, id: i32) -> String {
    format!("{}:{id}", side.table())
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
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

    fn offer(id: i32, kind: crate::domain::ListingKind, title: &str, unit: &str) -> crate::listings::Listing {
        let now = chrono::Utc::now();
        crate::listings::Listing {
            side: crate::listings::Side::Offer,
            id,
            organisation_id: 100 + id,
            kind,
            title: title.to_owned(),
            body: format!("{title}，长期合作"),
            amount_fen: 0,
            quantity: Some(i64::from(id)),
            unit: Some(unit.into()),
            valid_from: now.date_naive(),
            valid_until: None,
            status: crate::domain::ListingStatus::Published,
            external_ref: None,
            published_at: Some(now),
            created_at: now,
            updated_at: now,
            urgency: None,
            regions: vec!["360902000000".into()],
        }
    }

    /// The id and fact columns are opened once per segment and kept only while the segment is
    /// searched: what a search reads from them is each hit's own, in old and new segments
    /// alike, and a replaced segment is let go.
    #[test]
    fn fact_columns_are_kept_per_segment_and_follow_the_segments() {
        use crate::domain::ListingKind::{Procurement as Purchase, Training};
        let (ix, _) = super::SearchIndex::open(None).expect("index");
        let cached = |ix: &super::SearchIndex| -> Vec<tantivy::index::SegmentId> {
            ix.columns.lock().expect("cache").keys().copied().collect()
        };
        let searched = |ix: &super::SearchIndex| -> Vec<tantivy::index::SegmentId> {
            ix.current().reader.searcher().segment_readers().iter().map(|r| r.segment_id()).collect()
        };
        let q = super::SearchQuery { text: "大米".into(), limit: 10, facts: true, ..Default::default() };
        type Seen = (i32, crate::domain::ListingKind, i32, Option<(i64, String)>);
        let found = |ix: &super::SearchIndex| -> Vec<Seen> {
            let mut v: Vec<_> = ix
                .search(crate::listings::Side::Offer, &q)
                .expect("search")
                .into_iter()
                .map(|h| {
                    let f = h.facts.expect("facts read");
                    (h.id, f.kind, f.organisation_id, f.quantity)
                })
                .collect();
            v.sort_by_key(|h| h.0);
            v
        };
        let seen = |id: i32, kind, unit: &str| -> Seen { (id, kind, 100 + id, Some((i64::from(id), unit.to_owned()))) };
        ix.add_all_blocking(&[
            (offer(1, Purchase, "收购大米", "吨"), vec![]),
            (offer(2, Purchase, "收购优质大米", "斤"), vec![]),
        ])
        .expect("first batch");
        assert!(cached(&ix).is_empty(), "nothing is opened before a search");
        assert_eq!(found(&ix), [seen(1, Purchase, "吨"), seen(2, Purchase, "斤")]);
        assert_eq!(cached(&ix), searched(&ix));
        // Its kinds and units are the second segment's own: the first string of each of its
        // columns is another than the first segment's.
        ix.add_all_blocking(&[(offer(3, Training, "大米种植培训", "人"), vec![])]).expect("second batch");
        assert_eq!(searched(&ix).len(), 2, "precondition: the second batch is a segment of its own");
        for _ in 0..2 {
            assert_eq!(found(&ix), [seen(1, Purchase, "吨"), seen(2, Purchase, "斤"), seen(3, Training, "人")]);
        }
        let (mut c, mut s) = (cached(&ix), searched(&ix));
        c.sort();
        s.sort();
        assert_eq!(c, s, "both segments' columns are kept");
        ix.replace_all_blocking(&[(offer(4, Training, "大米加工培训", "人"), vec![])]).expect("replaced");
        assert_eq!(found(&ix), [seen(4, Training, "人")]);
        assert_eq!(cached(&ix), searched(&ix), "the replaced segments are let go");
    }

    /// How well a listing's words match does not depend on the segment it was written to. The
    /// filters scored once: a date filter added its share in a segment where some listing had
    /// ended, and none in one where every listing was still open (tantivy drops a clause every
    /// document passes), so two listings of the same words scored 1 apart.
    #[test]
    fn the_same_words_score_the_same_in_every_segment() {
        use crate::domain::ListingKind::Procurement;
        let (ix, _) = super::SearchIndex::open(None).expect("index");
        let today = chrono::Utc::now().date_naive();
        // A segment where every listing is open for good.
        ix.add_all_blocking(&[(offer(1, Procurement, "收购优质大米", "吨"), vec!["360902000000".into()])])
            .expect("first");
        // One where a listing has ended.
        let mut ended = offer(3, Procurement, "收购茶叶", "斤");
        ended.valid_until = Some(today - chrono::Days::new(30));
        ix.add_all_blocking(&[
            (offer(2, Procurement, "收购优质大米", "吨"), vec!["360902000000".into()]),
            (ended, vec!["360902000000".into()]),
        ])
        .expect("second");
        assert_eq!(ix.segments(), 2, "precondition: two segments");
        for (live_on, regions) in
            [(Some(today), vec!["360902000000".to_owned()]), (Some(today), vec![]), (None, vec![])]
        {
            let q = super::SearchQuery {
                text: "大米".into(),
                kinds: vec![Procurement],
                regions,
                live_on,
                started_by: Some(today),
                limit: 10,
                ..Default::default()
            };
            let hits = ix.search(crate::listings::Side::Offer, &q).expect("search");
            let score = |id: i32| hits.iter().find(|h| h.id == id).map(|h| h.score);
            let (Some(a), Some(b)) = (score(1), score(2)) else { panic!("both found for {q:?}: {hits:?}") };
            assert!(a > 0.0 && (a - b).abs() < 1e-6, "{a} against {b} for {q:?}");
            assert_eq!(score(3).is_some(), live_on.is_none(), "the ended one only without a date: {q:?}");
        }
    }

    /// A query asks for each word once in each field, whether the text says it or a word it
    /// has as a synonym: 销售 is both a word of the text and a synonym of 滞销.
    #[test]
    fn a_query_asks_for_each_word_once() {
        use tantivy::query::Query as _;
        let (ix, _) = super::SearchIndex::open(None).expect("index");
        assert!(super::synonyms::of("滞销").contains(&"销售"), "precondition: 销售 is a synonym of 滞销");
        assert!(super::synonyms::of("滞销").contains(&"收购"), "precondition: 收购 is a synonym of 滞销");
        let searcher = ix.current().reader.searcher();
        let q = ix.text_query(&searcher, "滞销 销售", false).expect("words to search by");
        let mut terms: Vec<(String, String)> = Vec::new();
        q.query_terms(&mut |t, _| {
            let field = ix.current().index.schema().get_field_name(t.field()).to_owned();
            terms.push((field, t.value().as_str().unwrap_or_default().to_owned()));
        });
        for word in ["滞销", "销售", "收购"] {
            for field in ["title", "body", "concepts"] {
                let n = terms.iter().filter(|(f, w)| f == field && w == word).count();
                assert_eq!(n, 1, "{word} in {field}: {terms:?}");
            }
        }
    }

    #[test]
    fn a_text_keeps_its_distinct_characters_of_meaning() {
        let chars = |t: &str| -> String { super::content_chars(t).into_iter().filter_map(char::from_u32).collect() };
        // Function words, figures, marks and the drive's own words (村, 收购, 想) are left out;
        // each character once, in order.
        assert_eq!(chars("鱼塘里的鱼早上浮头，鳃是烂的"), "鱼塘早浮头鳃烂");
        assert_eq!(chars("村里想收购2吨大米"), "吨米");
        assert_eq!(chars("abc，。"), "");
        let long: String = ('\u{4E00}'..='\u{4FFF}').collect();
        assert_eq!(super::content_chars(&long).len(), super::MAX_CHARS);
        // As kept in the index: four to a number, the whole block and its ends.
        for text in ["鱼塘早浮头鳃烂", "一", "\u{9FFF}\u{4E00}丁", long.as_str()] {
            let c = super::content_chars(text);
            let all: Vec<u32> = text.chars().map(u32::from).take(super::MAX_CHARS).collect();
            for chars in [c, all] {
                let packed = super::pack_chars(&chars);
                assert_eq!(packed.len(), chars.len().div_ceil(4));
                assert_eq!(super::unpack_chars(packed.into_iter()), chars);
            }
        }
    }

    /// Leaving a text without a changed character as it is gives what the conversion gives, on
    /// every text of both judged collections (simplified, Traditional, mixed).
    #[test]
    fn the_shortcut_for_simplified_text_folds_as_the_conversion_does() {
        let folder = super::shared_folder();
        let cc = folder.cc.as_ref().expect("the conversion is built in");
        let mut texts = Vec::new();
        for file in [
            include_str!("../../tests/eval/hard.json"),
            include_str!("../../tests/eval/collection.json"),
            include_str!("../../tests/eval/fresh.json"),
        ] {
            let v: serde_json::Value = serde_json::from_str(file).expect("json");
            fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
                match v {
                    serde_json::Value::String(s) if s.chars().any(|c| c > '\u{2000}') => out.push(s.clone()),
                    serde_json::Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
                    serde_json::Value::Object(o) => o.values().for_each(|v| strings(v, out)),
                    _ => {}
                }
            }
            strings(&v, &mut texts);
        }
        assert!(texts.len() > 1000, "{} texts", texts.len());
        let mut shortcut = 0;
        for t in &texts {
            assert_eq!(folder.fold(t), cc.convert(t), "{t}");
            shortcut += usize::from(!t.chars().any(|c| folder.changed.contains(&c)));
        }
        assert!(shortcut > 500, "the shortcut was taken for {shortcut} texts");
        assert!(texts.len() - shortcut > 30, "converted: {} texts", texts.len() - shortcut);
    }
}
