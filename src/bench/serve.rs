//! `qicun bench serve`: the real path, measured from outside. It writes a ledger of N offers and
//! N needs with realistic text lengths, imports it with `qicun import ledger` and rebuilds the
//! index with `qicun reindex` (each in its own process, timed, peak memory read from /proc),
//! starts `qicun serve`, and drives it over loopback with a concurrent HTTP client: the match
//! API rotating over 1,000 needs, the public lists with and without words, detail pages, 公示
//! and home. Then, with the server stopped, the bare index query the match API runs (tantivy +
//! jieba, the same words and filters) on 2 threads over the same corpus, as the yardstick.
//! Prints figures; asserts nothing.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use super::faults::{Backend, Server, drop_database, fresh_database};
use super::{PRODUCTS, Rng, need_text, offer_text};
use crate::domain::ListingKind;
use crate::listings::Side;
use crate::search::{SearchIndex, SearchQuery};

/// What to run.
pub struct ServeBench {
    pub binary: PathBuf,
    pub backend: Backend,
    pub n: usize,
    pub organisations: usize,
    pub connections: usize,
    pub seconds: u64,
}

/// The 宜春 counties the demo loads (official codes); the bench's villages lie under them.
const COUNTIES: &[&str] = &["360902", "360921", "360922", "360923", "360924", "360925", "360926", "360981", "360982"];

const OFFER_MORE: &[&str] = &[
    "合作期内公司安排专人对接，定期回访村里，及时解决遇到的困难和问题。",
    "有意向的村委会请通过平台联系我们，我们会在三个工作日内答复并上门考察。",
    "优先考虑脱贫户和监测户，签约后按月结算，账目公开，接受村民监督。",
    "项目资金由公司自筹，不向村里和农户收取任何费用，欢迎各村积极报名。",
    "去年已在周边五个村开展同类合作，带动两百多户增收，口碑较好。",
];
const NEED_MORE: &[&str] = &[
    "村里交通还算方便，离县城二十多公里，货车可以直接开到村部门口。",
    "村两委和驻村工作队会全力配合，提供场地、组织人员，保证对接顺利。",
    "全村有脱贫户和监测户四十多户，大家都盼着能有稳定的收入来源。",
    "希望有实力的企业来村里看看，具体事宜可以电话联系村支书详谈。",
    "往年都是零散卖给上门的贩子，价格压得很低，村民积极性受到影响。",
];

fn village_code(county: &str, k: usize) -> String {
    format!("{county}{:03}{:03}", 100 + (k / 100) % 20, 200 + k % 100)
}

/// Writes the ledger: organisations, then N offers and N needs. Returns the path.
fn write_ledger(dir: &Path, n: usize, orgs: usize, today: NaiveDate) -> anyhow::Result<PathBuf> {
    use std::io::Write;
    let path = dir.join("ledger.json");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path)?);
    let enterprises = (orgs / 3).max(1);
    let villages = (orgs - enterprises).max(1);
    let mut r = Rng(0x5DEE_CE66_D1CE_4E5B);
    let json = |v: serde_json::Value| v.to_string();
    write!(out, "{{\"organisations\":[")?;
    for e in 0..enterprises {
        let county = COUNTIES[e % COUNTIES.len()];
        let uscc = crate::uscc::build(county, &format!("B{:07}", e)).context("uscc")?;
        let sep = if e == 0 { "" } else { "," };
        let v = serde_json::json!({"ref": format!("E{e}"), "kind": "enterprise", "name": format!("宜春市测评{}企业有限公司", e + 1),
            "region_code": format!("{county}000000"), "uscc": uscc, "contact_name": "张经理"});
        write!(out, "{sep}{}", json(v))?;
    }
    for v in 0..villages {
        let county = COUNTIES[v % COUNTIES.len()];
        let code = village_code(county, v / COUNTIES.len());
        let row = serde_json::json!({"ref": format!("V{v}"), "kind": "village", "name": format!("测评{}村委会", v + 1),
            "region_code": code, "population": 800 + r.below(2000), "poor_households": r.below(120),
            "registered_poor": if r.below(2) == 0 { "是" } else { "否" }});
        write!(out, ",{}", json(row))?;
    }
    let body = |r: &mut Rng, base: String, more: &[&str]| {
        let mut b = base;
        b.push_str(r.pick::<&str>(more));
        b.push_str(r.pick::<&str>(more));
        b
    };
    write!(out, "],\"offers\":[")?;
    for i in 0..n {
        let kind = *r.pick(ListingKind::ALL);
        let (title, base) = offer_text(&mut r, kind);
        let until = today + chrono::Duration::days(30 + r.below(400) as i64);
        let county = COUNTIES[r.below(COUNTIES.len() as u64) as usize];
        let regions = if r.below(3) == 0 { "360900000000".to_owned() } else { format!("{county}000000") };
        let v = serde_json::json!({"ref": format!("O{i}"), "enterprise_ref": format!("E{}", r.below(enterprises as u64)),
            "kind": kind.code(), "title": title, "body": body(&mut r, base, OFFER_MORE),
            "valid_from": (today - chrono::Duration::days(r.below(60) as i64)).to_string(), "valid_until": until.to_string(), "regions": regions});
        write!(out, "{}{}", if i == 0 { "" } else { "," }, json(v))?;
    }
    write!(out, "],\"needs\":[")?;
    for i in 0..n {
        let kind = *r.pick(ListingKind::ALL);
        let (title, base) = need_text(&mut r, kind);
        let until = today + chrono::Duration::days(30 + r.below(400) as i64);
        let v = serde_json::json!({"ref": format!("N{i}"), "village_ref": format!("V{}", r.below(villages as u64)),
            "kind": kind.code(), "title": title, "body": body(&mut r, base, NEED_MORE), "urgency": 1 + r.below(3),
            "valid_from": (today - chrono::Duration::days(r.below(60) as i64)).to_string(), "valid_until": until.to_string()});
        write!(out, "{}{}", if i == 0 { "" } else { "," }, json(v))?;
    }
    write!(out, "]}}")?;
    out.flush()?;
    Ok(path)
}

/// A figure of /proc/PID/status in MB.
fn proc_mb(pid: u32, key: &str) -> Option<f64> {
    super::proc_status_mb(&pid.to_string(), key)
}

/// Runs `binary args` to the end; returns its time and peak memory (VmHWM, read every 20 ms
/// while it runs; the last reading before it exits).
async fn timed(binary: &Path, args: &[&str]) -> anyhow::Result<(Duration, f64)> {
    let started = Instant::now();
    let mut child = tokio::process::Command::new(binary)
        .args(args)
        .env("RUST_LOG", "error")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()?;
    let pid = child.id().context("pid")?;
    let mut peak = 0.0_f64;
    let status = loop {
        if let Some(mb) = proc_mb(pid, "VmHWM:") {
            peak = peak.max(mb);
        }
        if let Some(s) = child.try_wait()? {
            break s;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    if !status.success() {
        let mut err = String::new();
        if let Some(mut e) = child.stderr.take() {
            use tokio::io::AsyncReadExt;
            e.read_to_string(&mut err).await?;
        }
        anyhow::bail!("{args:?} failed: {err}");
    }
    Ok((started.elapsed(), peak))
}

/// Adds the bench's villages (and their townships) to the region table: synthetic codes under
/// the official counties, as an office's own region import would.
async fn add_regions(db: &DatabaseConnection, villages: usize) -> anyhow::Result<()> {
    use entity::region;
    let mut rows = Vec::new();
    for county in COUNTIES {
        for t in 0..20 {
            rows.push((format!("{county}{:03}000", 100 + t), format!("测评{t}镇"), 4, format!("{county}000000")));
        }
    }
    for v in 0..villages {
        let county = COUNTIES[v % COUNTIES.len()];
        let code = village_code(county, v / COUNTIES.len());
        let parent = format!("{}000", &code[..9]);
        rows.push((code, format!("测评{v}村"), 5, parent));
    }
    let txn = crate::db::write(db).await?;
    for chunk in rows.chunks(1000) {
        region::Entity::insert_many(chunk.iter().map(|(code, name, level, parent)| region::ActiveModel {
            code: Set(code.clone()),
            name: Set(name.clone()),
            level: Set(*level),
            parent_code: Set(Some(parent.clone())),
        }))
        .on_conflict(OnConflict::column(region::Column::Code).do_nothing().to_owned())
        .exec_without_returning(&txn)
        .await?;
    }
    crate::db::commit(txn).await?;
    Ok(())
}

/// Adds `count` 公示 rows (synthetic, over the demo's pairings) so the list has a full page.
async fn add_notices(db: &DatabaseConnection, count: usize) -> anyhow::Result<()> {
    use entity::{notice, pairing};
    let pairings: Vec<i32> =
        pairing::Entity::find().select_only().column(pairing::Column::Id).into_tuple().all(db).await?;
    anyhow::ensure!(!pairings.is_empty(), "the demo has no pairings");
    let now = Utc::now();
    let txn = crate::db::write(db).await?;
    let rows: Vec<notice::ActiveModel> = (0..count)
        .map(|i| notice::ActiveModel {
            entity: Set("pairing".into()),
            entity_id: Set(pairings[i % pairings.len()]),
            title: Set(format!("结对帮扶公示（测评第 {} 号）", i + 1)),
            summary: Set("测评企业与测评村结成帮扶对子，内容为农产品收购与技能培训。".into()),
            region_code: Set(format!("{}000000", COUNTIES[i % COUNTIES.len()])),
            window_start: Set(now - chrono::Duration::days((i % 30) as i64)),
            window_end: Set(now + chrono::Duration::days(7 - (i % 30) as i64)),
            status: Set("open".into()),
            created_at: Set(now),
            ..Default::default()
        })
        .collect();
    for chunk in rows.chunks(500) {
        notice::Entity::insert_many(chunk.to_vec()).exec_without_returning(&txn).await?;
    }
    crate::db::commit(txn).await?;
    Ok(())
}

/// Figures of one load phase.
struct Load {
    requests: usize,
    failed: usize,
    per_second: f64,
    p50: Duration,
    p99: Duration,
    example_failure: Option<String>,
}

/// Drives `urls` (rotating) with `connections` concurrent clients for `seconds` (after one
/// second of warm-up that is not counted). The clients are plain HTTP/1.1 keep-alive
/// connections (hyper's connection-level client) on one thread of their own, like `wrk -t1`:
/// the load generator takes at most one of the machine's cores and little of it.
async fn load(
    base: &str,
    urls: Arc<Vec<String>>,
    bearer: Option<String>,
    connections: usize,
    seconds: u64,
) -> anyhow::Result<Load> {
    let addr: std::net::SocketAddr = base.trim_start_matches("http://").parse().context("server address")?;
    let (tx, rx) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        let run = || -> anyhow::Result<Load> {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
            rt.block_on(drive(addr, urls, bearer, connections, seconds))
        };
        let _ = tx.send(run());
    });
    rx.await.context("the load thread stopped")?
}

async fn drive(
    addr: std::net::SocketAddr,
    urls: Arc<Vec<String>>,
    bearer: Option<String>,
    connections: usize,
    seconds: u64,
) -> anyhow::Result<Load> {
    let next = Arc::new(AtomicUsize::new(0));
    let counting = Arc::new(AtomicBool::new(false));
    let stop = Arc::new(AtomicBool::new(false));
    let auth = bearer.map(|t| axum::http::HeaderValue::from_str(&format!("Bearer {t}"))).transpose()?;
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let (urls, next, counting, stop, auth) =
            (Arc::clone(&urls), Arc::clone(&next), Arc::clone(&counting), Arc::clone(&stop), auth.clone());
        tasks.push(tokio::spawn(async move {
            let mut times = Vec::new();
            let mut failed = 0usize;
            let mut example: Option<String> = None;
            let mut sender: Option<hyper::client::conn::http1::SendRequest<axum::body::Body>> = None;
            while !stop.load(Ordering::Relaxed) {
                let url = &urls[next.fetch_add(1, Ordering::Relaxed) % urls.len()];
                let t = Instant::now();
                let outcome: anyhow::Result<(axum::http::StatusCode, axum::body::Bytes)> = async {
                    if sender.as_ref().is_none_or(|s| s.is_closed()) {
                        let stream = tokio::net::TcpStream::connect(addr).await?;
                        stream.set_nodelay(true)?;
                        let (s, conn) =
                            hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream)).await?;
                        tokio::spawn(conn);
                        sender = Some(s);
                    }
                    let s = sender.as_mut().context("no connection")?;
                    s.ready().await?;
                    let mut req = axum::http::Request::get(url.as_str())
                        .header(axum::http::header::HOST, addr.to_string())
                        .body(axum::body::Body::empty())?;
                    if let Some(a) = &auth {
                        req.headers_mut().insert(axum::http::header::AUTHORIZATION, a.clone());
                    }
                    let res = s.send_request(req).await?;
                    let status = res.status();
                    let body = axum::body::to_bytes(axum::body::Body::new(res.into_body()), 64 << 20).await?;
                    Ok((status, body))
                }
                .await;
                let ok = match outcome {
                    Ok((status, _)) if status.is_success() => true,
                    Ok((status, body)) => {
                        let text = String::from_utf8_lossy(&body).chars().take(160).collect::<String>();
                        example.get_or_insert_with(|| format!("{url} → {status} {text}"));
                        false
                    }
                    Err(e) => {
                        sender = None;
                        example.get_or_insert_with(|| format!("{url} → {e}"));
                        false
                    }
                };
                if counting.load(Ordering::Relaxed) && !stop.load(Ordering::Relaxed) {
                    times.push(t.elapsed());
                    if !ok {
                        failed += 1;
                    }
                }
            }
            (times, failed, example)
        }));
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    counting.store(true, Ordering::Relaxed);
    let started = Instant::now();
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    stop.store(true, Ordering::Relaxed);
    let elapsed = started.elapsed();
    let mut times = Vec::new();
    let mut failed = 0;
    let mut example_failure = None;
    for t in tasks {
        let (t, f, e) = t.await?;
        times.extend(t);
        failed += f;
        example_failure = example_failure.or(e);
    }
    times.sort();
    anyhow::ensure!(!times.is_empty(), "no request finished");
    Ok(Load {
        requests: times.len(),
        failed,
        per_second: times.len() as f64 / elapsed.as_secs_f64(),
        p50: super::percentile(&times, 0.5),
        p99: super::percentile(&times, 0.99),
        example_failure,
    })
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The match API's index query, bare, on `threads` threads for `seconds`: queries per second
/// and p50/p99 per query.
fn yardstick(
    index: &SearchIndex,
    queries: &[SearchQuery],
    threads: usize,
    seconds: u64,
) -> anyhow::Result<(f64, Duration, Duration)> {
    let stop = AtomicBool::new(false);
    let next = AtomicUsize::new(0);
    let started = Instant::now();
    let mut times = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut times = Vec::new();
                    while !stop.load(Ordering::Relaxed) {
                        let q = &queries[next.fetch_add(1, Ordering::Relaxed) % queries.len()];
                        let t = Instant::now();
                        if index.search(Side::Offer, q).is_err() {
                            break;
                        }
                        times.push(t.elapsed());
                    }
                    times
                })
            })
            .collect();
        std::thread::sleep(Duration::from_secs(seconds));
        stop.store(true, Ordering::Relaxed);
        handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect::<Vec<_>>()
    });
    let elapsed = started.elapsed();
    times.sort();
    anyhow::ensure!(!times.is_empty(), "no index query finished");
    Ok((times.len() as f64 / elapsed.as_secs_f64(), super::percentile(&times, 0.5), super::percentile(&times, 0.99)))
}

/// 1,000 published needs spread over the table, with the query the matcher runs for each.
async fn match_targets(db: &DatabaseConnection, today: NaiveDate) -> anyhow::Result<(Vec<i32>, Vec<SearchQuery>)> {
    use entity::need;
    let ids: Vec<i32> = need::Entity::find()
        .filter(need::Column::Status.eq("published"))
        .filter(need::Column::ExternalRef.starts_with("N"))
        .select_only()
        .column(need::Column::Id)
        .order_by_asc(need::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    anyhow::ensure!(ids.len() >= 10, "too few needs");
    let step = (ids.len() / 1000).max(1);
    let chosen: Vec<i32> = ids.iter().step_by(step).take(1000).copied().collect();
    let mut queries = Vec::new();
    for chunk in chosen.chunks(500) {
        let needs = crate::listings::find_many(db, Side::Need, chunk).await?;
        let orgs: HashMap<i32, String> = entity::organisation::Entity::find()
            .filter(entity::organisation::Column::Id.is_in(needs.iter().map(|n| n.organisation_id).collect::<Vec<_>>()))
            .all(db)
            .await?
            .into_iter()
            .map(|o| (o.id, o.region_code))
            .collect();
        for n in needs {
            let region = orgs.get(&n.organisation_id).cloned().unwrap_or_default();
            // The bare query: words and filters only (the matcher also reads each hit's facts).
            let mut q = crate::matching::candidate_query(&n, &region, today);
            q.facts = false;
            queries.push(q);
        }
    }
    Ok((chosen, queries))
}

/// Runs the bench on one database; prints as it goes.
pub async fn run(cfg: &ServeBench) -> anyhow::Result<()> {
    let name = match cfg.backend {
        Backend::Sqlite => "SQLite",
        Backend::Postgres(_) => "PostgreSQL",
    };
    // QICUN_BENCH_REUSE=DIR times only the matcher against the bare query (below) on the SQLite
    // database and index a run kept in DIR (QICUN_BENCH_KEEP), to try a change to the matcher.
    if let Some(dir) = std::env::var_os("QICUN_BENCH_REUSE").map(PathBuf::from) {
        let url = format!("sqlite://{}", dir.join("qicun.db").display());
        let today = crate::clock::to_shanghai(Utc::now()).date_naive();
        let (index, fresh) = SearchIndex::open(Some(&dir.join("data").join("index")))?;
        anyhow::ensure!(!fresh, "no index in {}", dir.display());
        let db = crate::db::connect_and_migrate(&url).await?;
        let (need_ids, queries) = match_targets(&db, today).await?;
        db.close().await?;
        return compare_matcher(&url, &index, &need_ids, &queries, today).await;
    }
    let dir = tempfile::tempdir()?;
    // QICUN_BENCH_KEEP=DIR keeps the run's files in DIR and its database (to look at afterwards).
    let keep = std::env::var_os("QICUN_BENCH_KEEP").map(PathBuf::from);
    let path = keep.clone().unwrap_or_else(|| dir.path().to_path_buf());
    std::fs::create_dir_all(&path)?;
    let (url, dropper) = fresh_database(&cfg.backend, &path).await?;
    let result = run_on(cfg, name, &path, &url).await;
    if keep.is_some() {
        println!("（保留：{}，数据库 {url}）", path.display());
    } else {
        drop_database(dropper).await?;
    }
    result
}

async fn run_on(cfg: &ServeBench, name: &str, dir: &Path, url: &str) -> anyhow::Result<()> {
    let today = crate::clock::to_shanghai(Utc::now()).date_naive();
    println!(
        "== {name}：{} 条帮扶资源 + {} 条村级需求，{} 个机构，{} 个连接，每项 {} s ==",
        cfg.n, cfg.n, cfg.organisations, cfg.connections, cfg.seconds
    );
    let data = dir.join("data");
    std::fs::create_dir_all(&data)?;
    let index = data.join("index");
    let common: Vec<String> = vec![
        "--database-url".into(),
        url.into(),
        "--data-dir".into(),
        data.display().to_string(),
        "--index-dir".into(),
        index.display().to_string(),
    ];
    {
        let db = crate::db::connect_and_migrate(url).await?;
        crate::demo::load(&db, Utc::now()).await?;
        add_regions(&db, cfg.organisations).await?;
        db.close().await?;
    }
    let ledger = write_ledger(dir, cfg.n, cfg.organisations, today)?;
    let mb = std::fs::metadata(&ledger)?.len() as f64 / 1e6;
    let with = |extra: &[&str]| -> Vec<String> {
        common.iter().cloned().chain(extra.iter().map(|s| (*s).to_owned())).collect()
    };
    let args = with(&["import", "ledger", &ledger.display().to_string()]);
    let (t, peak) = timed(&cfg.binary, &args.iter().map(String::as_str).collect::<Vec<_>>()).await?;
    println!("导入台账（{mb:.0} MB JSON，qicun import ledger）：{:.1} s，峰值内存 {peak:.0} MB", t.as_secs_f64());
    let args = with(&["reindex"]);
    let (t, peak) = timed(&cfg.binary, &args.iter().map(String::as_str).collect::<Vec<_>>()).await?;
    println!("重建索引（qicun reindex，{} 条）：{:.1} s，峰值内存 {peak:.0} MB", 2 * cfg.n, t.as_secs_f64());

    let db = crate::db::connect_and_migrate(url).await?;
    add_notices(&db, 1000).await?;
    // Matching is for the listing's owner and its office: the demo city office asks.
    let bearer = super::faults::demo_token(&db, "yichun-fpb", "性能测评").await?;
    let (need_ids, queries) = match_targets(&db, today).await?;
    let offer_ids: Vec<i32> = entity::offer::Entity::find()
        .filter(entity::offer::Column::Status.eq("published"))
        .select_only()
        .column(entity::offer::Column::Id)
        .order_by_desc(entity::offer::Column::Id)
        .limit(1000)
        .into_tuple()
        .all(&db)
        .await?;
    db.close().await?;

    let started = Instant::now();
    // The bench's office token is not asked for a second factor (the demo's setting).
    let server = Server::start_with(&cfg.binary, &data, &index, url, 5, &["--totp-required", "false"]).await?;
    let base = format!("http://{}", server.addr);
    let client = reqwest::Client::new();
    loop {
        if client.get(format!("{base}/")).send().await.is_ok_and(|r| r.status().is_success()) {
            break;
        }
        anyhow::ensure!(started.elapsed() < Duration::from_secs(60), "no first page within 60 s");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    println!("冷启动到首页应答：{:.0} ms", ms(started.elapsed()));
    server.wait_caught_up(&client).await?;

    let words: Vec<String> = PRODUCTS
        .iter()
        .map(|w| (*w).to_owned())
        .chain(["招聘 包装工", "电商直播培训", "修建产业路"].map(String::from))
        .collect();
    let kinds = ListingKind::ALL.iter().map(|k| k.code()).collect::<Vec<_>>();
    let lists = |side: &str| -> Vec<String> {
        (1..=5)
            .flat_map(|p| {
                std::iter::once(format!("/{side}?page={p}"))
                    .chain(kinds.iter().map(move |k| format!("/{side}?kind={k}&page={p}")))
            })
            .collect()
    };
    let searches = |side: &str| -> Vec<String> {
        words.iter().flat_map(|w| (1..=2).map(move |p| format!("/{side}?q={}&page={p}", urlencode(w)))).collect()
    };
    let match_urls: Vec<String> = need_ids.iter().map(|id| format!("/api/v1/needs/{id}/matches")).collect();
    let phases: Vec<(&str, Vec<String>, bool)> = vec![
        ("匹配 API GET /api/v1/needs/{id}/matches（轮换 1,000 条需求）", match_urls.clone(), true),
        // With 32 clients waiting, a request's latency is 32 ÷ throughput (≈ 75 ms at 420/s):
        // p99 ≤ 30 ms can hold only with fewer waiting, so it is measured with 4 as well.
        ("匹配 API，4 个连接", match_urls, true),
        ("/offers（无检索词，分页与类型轮换）", lists("offers"), false),
        ("/needs（无检索词）", lists("needs"), false),
        ("/offers?q=…（检索词轮换）", searches("offers"), false),
        ("/needs?q=…", searches("needs"), false),
        ("详情页 /offers/{id}（轮换 1,000 条）", offer_ids.iter().map(|id| format!("/offers/{id}")).collect(), false),
        ("首页 /", vec!["/".into()], false),
        ("公示列表 /notices（1,000 条公示）", vec!["/notices".into()], false),
    ];
    let mut match_rate = 0.0;
    println!(
        "{:<52} {:>8} {:>6} {:>9} {:>9} {:>9} {:>12}",
        "路径", "请求", "失败", "req/s", "p50 ms", "p99 ms", "单独首访 p50"
    );
    // QICUN_BENCH_PHASES=1,2 runs only those phases (numbered from 0), e.g. to profile one.
    let only: Option<Vec<usize>> =
        std::env::var("QICUN_BENCH_PHASES").ok().map(|v| v.split(',').filter_map(|p| p.trim().parse().ok()).collect());
    if only.is_some() {
        println!("（服务进程 pid {}）", server.pid().unwrap_or(0));
    }
    for (i, (label, urls, api)) in phases.into_iter().enumerate() {
        if only.as_ref().is_some_and(|o| !o.contains(&i)) {
            continue;
        }
        anyhow::ensure!(!urls.is_empty(), "{label}: nothing to ask");
        // First, one client asks up to 40 of the addresses once each, in turn: what a visitor
        // waits when nothing is cached (each address is new to the server's cache here).
        let mut alone = Vec::new();
        for url in urls.iter().take(40) {
            let mut req = client.get(format!("{base}{url}"));
            if api {
                req = req.bearer_auth(&bearer);
            }
            let t = Instant::now();
            let res = req.send().await?;
            anyhow::ensure!(res.status().is_success(), "{url}: {}", res.status());
            res.bytes().await?;
            alone.push(t.elapsed());
        }
        alone.sort();
        let connections = if i == 1 { 4 } else { cfg.connections };
        let l = load(&base, Arc::new(urls), api.then(|| bearer.clone()), connections, cfg.seconds).await?;
        if i == 0 {
            match_rate = l.per_second;
        }
        println!(
            "{label:<52} {:>8} {:>6} {:>9.1} {:>9.1} {:>9.1} {:>12.1}",
            l.requests,
            l.failed,
            l.per_second,
            ms(l.p50),
            ms(l.p99),
            ms(super::percentile(&alone, 0.5))
        );
        if let Some(e) = l.example_failure {
            println!("    失败示例：{e}");
        }
    }
    if let Some(pid) = server.pid() {
        println!(
            "服务进程内存（负载后）：RSS {:.0} MB（其中私有 {:.0} MB，其余是映射的数据库文件页，与系统页缓存共用），峰值 RSS {:.0} MB",
            proc_mb(pid, "VmRSS:").unwrap_or(0.0),
            proc_mb(pid, "RssAnon:").unwrap_or(0.0),
            proc_mb(pid, "VmHWM:").unwrap_or(0.0)
        );
    }
    server.terminate().await?;

    let (index, fresh) = SearchIndex::open(Some(&index))?;
    anyhow::ensure!(!fresh, "the server's index is missing");
    let (rate, p50, p99) = tokio::task::block_in_place(|| yardstick(&index, &queries, 2, cfg.seconds))?;
    println!(
        "基准：同一语料上的裸索引查询（tantivy + jieba，匹配 API 的同样词语与过滤，2 线程）：{rate:.0} 次/s，p50 {:.2} ms，p99 {:.2} ms",
        ms(p50),
        ms(p99)
    );
    println!("匹配 API 吞吐为裸索引查询的 {:.0}%", 100.0 * match_rate / rate.max(f64::EPSILON));

    compare_matcher(url, &index, &need_ids, &queries, today).await
}

/// The matcher itself against the bare query, one at a time in this process on the same
/// index and database: the words of the lexicon, more of the kind (by characters, then the
/// newest) when few share a word, the scorer and the re-check of the shown ones, against words
/// and filters alone.
async fn compare_matcher(
    url: &str,
    index: &SearchIndex,
    need_ids: &[i32],
    queries: &[SearchQuery],
    today: NaiveDate,
) -> anyhow::Result<()> {
    let db = crate::db::connect_and_migrate(url).await?;
    // Brought up to date as a serving node's follower does (also what it keeps beside it).
    index.catch_up(&db).await?;
    let (mut bare, mut full, mut words, mut facts) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut fallback, mut unkept, mut newest_too) = (Vec::new(), Vec::new(), 0);
    // The matcher's times for the needs that asked for more of their kind.
    let mut full_more = Vec::new();
    let weights = crate::matching::score::Weights::default();
    // The shown listings' rows kept at the database's version, as the match API keeps them
    // (nothing changes during the bench, so one version holds throughout).
    let pages = crate::cache::PublicCache::with_capacity(16);
    let version = pages.version(&db, index.applied(), today).await?;
    let shown = crate::listings::query::ShownCache::default();
    // One untimed pass first, as a serving node is warm: this process's database connection
    // starts with an empty page cache, and its first few dozen re-checks read pages the bare
    // query never touches (1–338 ms each for the first thirty or so, measured).
    for (id, q) in need_ids.iter().zip(queries).take(500) {
        let Some(need) = crate::listings::find(&db, Side::Need, *id).await? else { continue };
        index.search(Side::Offer, q)?;
        let org = entity::organisation::Entity::find_by_id(need.organisation_id).one(&db).await?;
        let Some(org) = org else { continue };
        crate::matching::for_loaded_of(&db, index, &need, &org, today, 10, &weights, Some((&shown, version)))
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    for (id, q) in need_ids.iter().zip(queries).take(500) {
        let Some(need) = crate::listings::find(&db, Side::Need, *id).await? else { continue };
        let t = Instant::now();
        index.search(Side::Offer, q)?;
        bare.push(t.elapsed());
        // Where the rest goes: the lexicon's words added, then each hit's facts read.
        let Some(org) = entity::organisation::Entity::find_by_id(need.organisation_id).one(&db).await? else {
            continue;
        };
        let mut mq = crate::matching::matcher_query(index, &need, &org.region_code, today);
        mq.facts = false;
        let t = Instant::now();
        index.search(Side::Offer, &mq)?;
        words.push(t.elapsed());
        mq.facts = true;
        let t = Instant::now();
        let hits = index.search(Side::Offer, &mq)?;
        facts.push(t.elapsed());
        // More of the need's kind, asked for when few hits are of its kind: by its characters,
        // then (when those bring fewer new ones than asked for) the newest.
        let chars = crate::search::content_chars(&index.fold(&format!("{} {}", need.title, need.body)));
        let mut hits = hits;
        let t = Instant::now();
        let asked = crate::matching::add_more_of_kind(index, Side::Offer, &mq, &mut hits, need.kind, &chars)?;
        if let Some(newest) = asked {
            fallback.push(t.elapsed());
            newest_too += usize::from(newest);
        }
        let t = Instant::now();
        // As the match API calls it: the need and its organisation already read, the shown
        // rows kept at the database's version.
        crate::matching::for_loaded_of(&db, index, &need, &org, today, 10, &weights, Some((&shown, version)))
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let took = t.elapsed();
        full.push(took);
        if asked.is_some() {
            full_more.push(took);
        }
        // And with the shown rows read from the database each time (after a change).
        let t = Instant::now();
        crate::matching::for_loaded_of(&db, index, &need, &org, today, 10, &weights, None)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        unkept.push(t.elapsed());
    }
    db.close().await?;
    anyhow::ensure!(!bare.is_empty() && !facts.is_empty() && !unkept.is_empty(), "no need to match");
    bare.sort();
    full.sort();
    words.sort();
    facts.sort();
    fallback.sort();
    full_more.sort();
    unkept.sort();
    println!(
        "  其中索引查询：加词库词 p50 {:.2} / p99 {:.2} ms，再读每条命中的事实 p50 {:.2} / p99 {:.2} ms",
        ms(super::percentile(&words, 0.5)),
        ms(super::percentile(&words, 0.99)),
        ms(super::percentile(&facts, 0.5)),
        ms(super::percentile(&facts, 0.99))
    );
    if !fallback.is_empty() {
        println!(
            "  同类补充查询（同类命中少于 {} 条时）：{} 次（其中 {} 次按字补充不足、再取最新的），p50 {:.2} / p99 {:.2} ms",
            crate::matching::FEW_SAME_KIND,
            fallback.len(),
            newest_too,
            ms(super::percentile(&fallback, 0.5)),
            ms(super::percentile(&fallback, 0.99))
        );
        println!(
            "  这些需求的匹配器 p50 {:.2} ms，最慢 {:.2} ms",
            ms(super::percentile(&full_more, 0.5)),
            ms(full_more.last().copied().unwrap_or_default())
        );
    }
    println!(
        "  展示的信息每次都从数据库重新读取（刚有改动时）：匹配器 p50 {:.2} / p99 {:.2} ms",
        ms(super::percentile(&unkept, 0.5)),
        ms(super::percentile(&unkept, 0.99))
    );
    let (b99, f99) = (super::percentile(&bare, 0.99), super::percentile(&full, 0.99));
    println!(
        "匹配器 top-10（{} 次，逐个，进程内，如匹配 API 保留展示行）：p50 {:.2} ms，p99 {:.2} ms；裸索引查询：p50 {:.2} ms，p99 {:.2} ms；p99 为裸查询的 {:.2} 倍",
        full.len(),
        ms(super::percentile(&full, 0.5)),
        ms(f99),
        ms(super::percentile(&bare, 0.5)),
        ms(b99),
        f99.as_secs_f64() / b99.as_secs_f64().max(f64::EPSILON)
    );
    Ok(())
}

fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("", s)]).map(|q| q.trim_start_matches('=').to_owned()).unwrap_or_default()
}
