//! `qicun bench`: generates 100,000 offers and 100,000 needs of Chinese text, builds the search
//! index, and times top-10 matching in process (candidates under the hard filters, then the
//! scorer) — and the same queries with the same filters on SQLite FTS5 with the trigram
//! tokenizer, for comparison. Prints figures; asserts nothing.

pub mod assessment;
pub mod campaign;
pub mod faults;
pub mod serve;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use chrono::{NaiveDate, Utc};
use sea_orm::{ConnectionTrait, DbBackend, Statement};

use crate::domain::{ListingKind, ListingStatus};
use crate::listings::{Listing, Side};
use crate::matching::score::{self, Features, Weights};
use crate::search::{SearchIndex, SearchQuery};

/// A small deterministic generator (xorshift), so every run indexes the same corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const PRODUCTS: &[&str] = &[
    "富硒大米",
    "稻谷",
    "猕猴桃",
    "鲜百合",
    "百合干",
    "油茶",
    "茶油",
    "毛竹",
    "冬笋",
    "笋干",
    "白茶",
    "椪柑",
    "西瓜",
    "蔬菜",
    "辣椒",
    "萝卜",
    "白菜",
    "香菇",
    "黑木耳",
    "土鸡蛋",
    "土鸡",
    "生猪",
    "淡水鱼",
    "莲子",
    "黄精",
    "枳壳",
    "黄栀子",
    "蜂蜜",
    "腐竹",
    "红薯",
];
const PLACES: &[&str] = &["袁州", "奉新", "万载", "上高", "宜丰", "靖安", "铜鼓", "丰城", "樟树", "高安"];
const JOBS: &[&str] = &["包装工", "普工", "装卸工", "司机", "采茶工", "饲养员", "缝纫工", "保洁员", "服务员", "电工"];
const SKILLS: &[&str] =
    &["电商直播", "家政服务", "育婴员", "电焊", "挖掘机操作", "竹编", "缝纫", "电工", "食品加工", "农机驾驶"];
const WORKS: &[&str] =
    &["通组公路硬化", "危桥加固", "灌溉水渠", "村内排水沟", "产业路", "冷库", "文化广场", "饮水工程"];

fn offer_text(r: &mut Rng, kind: ListingKind) -> (String, String) {
    let p = r.pick(PRODUCTS);
    let place = r.pick(PLACES);
    match kind {
        ListingKind::Procurement => (
            format!("长期收购{place}{p}"),
            format!("公司常年收购{p}，按质论价，检测合格即签订单，上门收货，货款当天结清。"),
        ),
        ListingKind::Employment => {
            let j = r.pick(JOBS);
            (
                format!("招聘{j}{}名", 5 + r.below(95)),
                format!("{place}工厂招收{j}，包吃住，月薪四千元起，优先录用脱贫户家庭劳动力。"),
            )
        }
        ListingKind::Training => {
            let s = r.pick(SKILLS);
            (format!("免费{s}培训班"), format!("面向农村劳动力开展{s}培训，结业后推荐就业或承接订单。"))
        }
        ListingKind::Technical => {
            (format!("{p}种植技术指导"), format!("派技术员到村指导{p}种植管理和病虫害防治，全年免费服务。"))
        }
        ListingKind::Industry => {
            (format!("共建{p}产业基地"), format!("与村集体合作建设{p}基地，公司出种苗和技术，保底回收并分红。"))
        }
        ListingKind::Donation => (
            format!("捐建{place}村级{}", r.pick(WORKS)),
            format!("出资帮助贫困村建设{}，改善群众生产生活条件。", r.pick(WORKS)),
        ),
        ListingKind::Infrastructure => {
            let w = r.pick(WORKS);
            (format!("承建{w}"), format!("为交通不便的村捐资修建{w}并负责施工。"))
        }
    }
}

fn need_text(r: &mut Rng, kind: ListingKind) -> (String, String) {
    let p = r.pick(PRODUCTS);
    match kind {
        ListingKind::Procurement => (
            format!("{p}滞销求收购"),
            format!("村里今年{p}丰收，约{}万公斤找不到销路，希望企业收购。", 1 + r.below(30)),
        ),
        ListingKind::Employment => (
            "村民就近务工".into(),
            format!("村里有{}名剩余劳动力，希望在附近企业务工，兼顾照顾家里。", 10 + r.below(90)),
        ),
        ListingKind::Training => (format!("想学{}", r.pick(SKILLS)), "村里青年和妇女想学一门技能，增加收入。".into()),
        ListingKind::Technical => (format!("{p}病害防治"), format!("{p}出现病害，需要技术员上门指导。")),
        ListingKind::Industry => (format!("发展{p}产业"), format!("村集体有闲置土地，想与企业合作发展{p}产业。")),
        ListingKind::Donation => ("资助贫困学生".into(), "村里有二十多名贫困家庭学生，需要助学资助。".into()),
        ListingKind::Infrastructure => {
            let w = r.pick(WORKS);
            (format!("修建{w}"), format!("村里急需修建{w}，雨天出行和运输困难。"))
        }
    }
}

const COUNTIES: &[&str] =
    &["360902", "360921", "360922", "360923", "360924", "360925", "360926", "360981", "360982", "360983"];

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// A figure of `/proc/<who>/status` in MB (`who`: a process id, or `self`).
fn proc_status_mb(who: &str, key: &str) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{who}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn peak_rss_mb() -> Option<f64> {
    proc_status_mb("self", "VmHWM:")
}

/// One generated listing: the row, its region terms, and (needs) its village's code, poor
/// households and registered-poor flag.
struct Item {
    listing: Listing,
    terms: Vec<String>,
    village: Option<(String, i32, bool)>,
}

/// Generates `n` offers and `n` needs, the same every time, handing each to `take`.
fn generate(n: usize, today: NaiveDate, mut take: impl FnMut(Item)) {
    let now = Utc::now();
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    for i in 0..n {
        let kind = *r.pick(ListingKind::ALL);
        let (title, body) = offer_text(&mut r, kind);
        let county = r.pick(COUNTIES);
        let terms = if r.below(3) == 0 { vec!["360900000000".to_owned()] } else { vec![format!("{county}000000")] };
        let until = today + chrono::Duration::days(r.below(400) as i64 - 30);
        let offer = listing(Side::Offer, i as i32 + 1, (i % 20_000) as i32, kind, title, body, until, now);
        take(Item { listing: offer, terms, village: None });
        let kind = *r.pick(ListingKind::ALL);
        let (title, body) = need_text(&mut r, kind);
        let county = r.pick(COUNTIES);
        let village = format!("{county}{:03}{:03}", 100 + r.below(20), 200 + r.below(100));
        let terms =
            vec![village.clone(), format!("{county}000000"), "360900000000".to_owned(), "360000000000".to_owned()];
        let mut need = listing(Side::Need, i as i32 + 1, 100_000 + (i % 20_000) as i32, kind, title, body, until, now);
        need.urgency = Some(1 + (r.below(3) as i16));
        let poor = (r.below(120) as i32, r.below(2) == 0);
        take(Item { listing: need, terms, village: Some((village, poor.0, poor.1)) });
    }
}

fn today() -> anyhow::Result<NaiveDate> {
    NaiveDate::from_ymd_opt(2026, 6, 1).ok_or_else(|| anyhow::anyhow!("date"))
}

/// The serving half, run in its own process so its memory is its own: opens the index built
/// in `dir`, keeps only what scoring needs, and times top-10 matching for needs.
pub async fn serve_part(dir: &std::path::Path, n: usize, queries: usize) -> anyhow::Result<()> {
    let today = today()?;
    // What the scorer needs of an offer: its kind and the regions it serves.
    let mut offers: HashMap<i32, (ListingKind, Vec<String>)> = HashMap::with_capacity(n);
    let mut needs: Vec<Item> = Vec::with_capacity(queries);
    let mut need_no = 0usize;
    let wanted: std::collections::HashSet<usize> = (0..queries).map(|q| (q * 7919) % n).collect();
    generate(n, today, |item| match item.listing.side {
        Side::Offer => {
            offers.insert(item.listing.id, (item.listing.kind, item.terms));
        }
        Side::Need => {
            if wanted.contains(&need_no) {
                needs.push(item);
            }
            need_no += 1;
        }
    });
    let by_number: HashMap<i32, usize> = needs.iter().enumerate().map(|(i, it)| (it.listing.id, i)).collect();
    // Built by the parent without a database, so it carries no outbox mark: it is judged by
    // its documents.
    let (index, _) = SearchIndex::open(Some(dir))?;
    anyhow::ensure!(!index.is_empty(), "no index in {}", dir.display());
    let w = Weights::default();
    let mut times = Vec::with_capacity(queries);
    let mut found = 0usize;
    for qn in 0..queries {
        let id = ((qn * 7919) % n) as i32 + 1;
        let Some(item) = by_number.get(&id).map(|i| &needs[*i]) else { continue };
        let need = &item.listing;
        let (village, households, poor) = item.village.clone().unwrap_or_default();
        let t = Instant::now();
        let q = SearchQuery {
            text: format!("{} {}", need.title, need.body),
            kinds: score::offer_kinds_for(need.kind),
            regions: item.terms[1..].to_vec(),
            live_on: Some(today),
            started_by: Some(today),
            limit: 200,
            highlight: false,
            facts: false,
            matching: false,
        };
        let hits = index.search(Side::Offer, &q)?;
        let best = hits.iter().map(|h| h.score).fold(f32::EPSILON, f32::max);
        let mut scored: Vec<(f64, i32)> = hits
            .iter()
            .filter_map(|h| offers.get(&h.id).map(|o| (h, o)))
            .map(|(h, (kind, regions))| {
                let f = Features {
                    conditions: 1.0,
                    text: f64::from(h.score / best),
                    kind: score::kind_fit(need.kind, *kind),
                    region: score::region_fit(
                        &village,
                        &regions[0],
                        &regions.iter().filter_map(|c| crate::search::region_number(c)).collect::<Vec<_>>(),
                        None,
                    ),
                    capacity: score::capacity_fit(None, None),
                    poverty: score::poverty(Some(households), poor),
                    urgency: score::urgency(need.urgency.unwrap_or(2)),
                    freshness: score::freshness(0),
                    record: score::record(0, 0),
                };
                (score::score(&f, &w).0, h.id)
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        scored.truncate(10);
        found += scored.len();
        times.push(t.elapsed());
    }
    times.sort();
    println!(
        "匹配 top-10（{} 次，独立进程，磁盘索引）：p50 {:.2} ms，p99 {:.2} ms，平均每次 {:.1} 条结果",
        times.len(),
        percentile(&times, 0.5).as_secs_f64() * 1000.0,
        percentile(&times, 0.99).as_secs_f64() * 1000.0,
        found as f64 / times.len().max(1) as f64
    );
    if let Some(mb) = peak_rss_mb() {
        println!("匹配进程峰值内存（VmHWM，含打开的索引和评分所需数据）：{mb:.0} MB");
    }
    Ok(())
}

/// Runs the benchmark with `n` offers and `n` needs and `queries` match queries.
pub async fn run(n: usize, queries: usize) -> anyhow::Result<()> {
    let today = today()?;
    let mut offers = Vec::with_capacity(n);
    let mut needs = Vec::with_capacity(n);
    generate(n, today, |item| match item.listing.side {
        Side::Offer => offers.push((item.listing, item.terms)),
        Side::Need => needs.push((item.listing, item.terms)),
    });
    println!("生成：{n} 条帮扶资源，{n} 条村级需求");

    let dir = tempfile::tempdir()?;
    let (index, _) = SearchIndex::open(Some(dir.path()))?;
    let t = Instant::now();
    index.replace_all_blocking(&offers)?;
    index.add_all_blocking(&needs)?;
    let build = t.elapsed();
    println!("索引构建（tantivy + jieba，磁盘，索引内 {} 条）：{:.1} s", index.len(), build.as_secs_f64());
    drop(index);

    // Matching in a process of its own, as a serving node would hold the index.
    let out = std::process::Command::new(std::env::current_exe()?)
        .args(["bench", "--n", &n.to_string(), "--queries", &queries.to_string(), "--serve-dir"])
        .arg(dir.path())
        .output()?;
    print!("{}", String::from_utf8_lossy(&out.stdout));
    anyhow::ensure!(out.status.success(), "matching process failed: {}", String::from_utf8_lossy(&out.stderr));

    // The same on SQLite FTS5 with the trigram tokenizer.
    let db = crate::db::connect("sqlite::memory:").await?;
    let exec = |sql: String| Statement::from_string(DbBackend::Sqlite, sql);
    db.execute_raw(exec(
        "CREATE VIRTUAL TABLE offer_fts USING fts5(title, body, kind UNINDEXED, regions UNINDEXED, valid_from UNINDEXED, valid_until UNINDEXED, tokenize = 'trigram')".into(),
    ))
    .await?;
    let t = Instant::now();
    let txn = crate::db::write(&db).await?;
    for chunk in offers.chunks(500) {
        let mut sql =
            String::from("INSERT INTO offer_fts(rowid, title, body, kind, regions, valid_from, valid_until) VALUES ");
        for (i, (o, regions)) in chunk.iter().enumerate() {
            if i > 0 {
                sql.push(',');
            }
            sql.push_str(&format!(
                "({}, '{}', '{}', '{}', ' {} ', '{}', '{}')",
                o.id,
                o.title.replace('\'', "''"),
                o.body.replace('\'', "''"),
                o.kind.code(),
                regions.join(" "),
                o.valid_from,
                o.valid_until.map_or_else(|| "9999-12-31".to_owned(), |d| d.to_string())
            ));
        }
        txn.execute_unprepared(&sql).await?;
    }
    crate::db::commit(txn).await?;
    println!("FTS5 trigram 建表（{n} 条帮扶资源）：{:.1} s", t.elapsed().as_secs_f64());
    let mut fts_times = Vec::with_capacity(queries);
    let mut fts_found = 0usize;
    for qn in 0..queries {
        let (need, terms) = &needs[(qn * 7919) % needs.len()];
        let t = Instant::now();
        // Trigram matching needs pieces of three characters: every 3-gram of the title, OR-ed.
        let chars: Vec<char> = need.title.chars().collect();
        let grams: Vec<String> = chars.windows(3).map(|w| format!("\"{}\"", w.iter().collect::<String>())).collect();
        if grams.is_empty() {
            fts_times.push(t.elapsed());
            continue;
        }
        let kinds: Vec<String> = score::offer_kinds_for(need.kind).iter().map(|k| format!("'{}'", k.code())).collect();
        let sql = format!(
            "SELECT rowid FROM offer_fts WHERE offer_fts MATCH '{}' AND kind IN ({}) AND (instr(regions, ' {} ') > 0 OR instr(regions, ' 360900000000 ') > 0) AND valid_until >= '{today}' AND valid_from <= '{today}' ORDER BY bm25(offer_fts) LIMIT 10",
            grams.join(" OR "),
            kinds.join(","),
            terms[1]
        );
        let rows = db.query_all_raw(exec(sql)).await?;
        fts_found += rows.len();
        fts_times.push(t.elapsed());
    }
    fts_times.sort();
    println!(
        "FTS5 trigram top-10（{queries} 次，同样的类型、地区、日期过滤）：p50 {:.2} ms，p99 {:.2} ms，平均每次 {:.1} 条结果",
        percentile(&fts_times, 0.5).as_secs_f64() * 1000.0,
        percentile(&fts_times, 0.99).as_secs_f64() * 1000.0,
        fts_found as f64 / queries as f64
    );
    Ok(())
}

#[expect(clippy::too_many_arguments, reason = "a synthetic row's fields")]
fn listing(
    side: Side,
    id: i32,
    org: i32,
    kind: ListingKind,
    title: String,
    body: String,
    until: NaiveDate,
    now: chrono::DateTime<Utc>,
) -> Listing {
    Listing {
        side,
        id,
        organisation_id: org,
        kind,
        title,
        body,
        amount_fen: 0,
        quantity: None,
        unit: None,
        valid_from: until - chrono::Duration::days(365),
        valid_until: Some(until),
        status: ListingStatus::Published,
        external_ref: None,
        published_at: Some(now),
        created_at: now,
        updated_at: now,
        urgency: None,
        regions: Vec::new(),
    }
}
