//! Faults survived: kill -9 under writers (nothing acknowledged lost, the index equal to the
//! database), SIGTERM under keep-alive clients (every received request answered), a full disk
//! and a read-only disk (writes refused with 503 and a reason, never hanging; everything works
//! again once the disk does, without a restart), and index writes that fail (retried, never
//! skipped). The crash and shutdown tests run the real binary, as `qicun bench faults` does.

mod common;

use std::time::{Duration, Instant};

use axum::http::StatusCode;
use common::{Client, DbGuard, TestApp, TinyDisk, count, fresh_database, on_postgres};
use qicun::bench::faults::{Backend, CrashConfig};
use qicun::demo::DEMO_PASSWORD;

fn binary() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_BIN_EXE_qicun"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn kill_9_under_writers_loses_nothing_acknowledged_and_the_indexes_equal_the_database() {
    let backend = match std::env::var("QICUN_TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => Backend::Postgres(url),
        _ => Backend::Sqlite,
    };
    let cfg = CrashConfig {
        runs: 3,
        writers: 32,
        nodes: 2,
        kill_after: (Duration::from_millis(1000), Duration::from_millis(2500)),
        backend,
        binary: binary(),
    };
    let t = qicun::bench::faults::crash(&cfg).await.expect("crash runs");
    eprintln!("{}", serde_json::to_string_pretty(&t).unwrap_or_default());
    assert_eq!(t.runs, 3);
    assert!(t.acknowledged > 50, "the writers really wrote before the kill: {}", t.acknowledged);
    assert!(t.cut_by_kill > 0, "the kill came while requests were in flight");
    assert_eq!(t.lost, 0, "acknowledged writes lost: {:?}", t.examples);
    assert_eq!(t.index_mismatches, 0, "index differs from the database: {:?}", t.examples);
    assert_eq!(t.broken_audit_chains, 0);
    assert!(t.server_errors.is_empty(), "5xx while the server was up: {:?} {:?}", t.server_errors, t.examples);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sigterm_answers_every_request_that_reached_an_open_connection() {
    let t = qicun::bench::faults::shutdown(&binary(), 2, 32, Duration::from_millis(1200)).await.expect("shutdown runs");
    eprintln!("{}", serde_json::to_string_pretty(&t).unwrap_or_default());
    assert!(t.answered > 100, "the clients were busy when the signal came: {}", t.answered);
    assert_eq!(t.unanswered, 0, "requests on keep-alive connections reset or dropped at shutdown");
    assert!(t.refused > 0, "the listener closed in the end");
}

/// An app whose SQLite file and index live on `disk`.
async fn app_on(disk: &TinyDisk) -> TestApp {
    let config = qicun::Config::new(&disk.path);
    let state = qicun::app::build_serving_state(config).await.expect("state on the small disk");
    qicun::demo::load(&state.db, state.clock.now()).await.expect("demo");
    state.search.prepare(&state.db).await.expect("index");
    TestApp { state, data_dir: tempfile::tempdir().expect("dir"), guard: DbGuard::none() }
}

fn offer_form(title: &str) -> Vec<(&str, &str)> {
    vec![
        ("kind", "procurement"),
        ("title", title),
        ("body", "收购本地蔬菜，长期合作，价格随行就市。"),
        ("regions", "360900000000"),
        ("then", "publish"),
    ]
}

async fn health(app: &TestApp) -> (StatusCode, serde_json::Value) {
    // A probe result is kept for a second.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let res = app.get("/healthz").await;
    (res.status, serde_json::from_str(&res.body).expect("json"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_refuses_writes_with_503_and_they_work_again_once_space_is_freed() {
    let Some(disk) = TinyDisk::mount(64) else { return };
    let app = app_on(&disk).await;
    let mut ent = Client::new(&app);
    assert_eq!(ent.login("qiye01", DEMO_PASSWORD).await.status, StatusCode::SEE_OTHER);
    let offers = count(app.db(), "offer", "1 = 1").await;
    assert_eq!(health(&app).await.0, StatusCode::OK, "healthy before");

    disk.fill();
    let started = Instant::now();
    let res = ent.post("/offers", &offer_form("磁盘满时发布的收购")).await;
    assert_eq!(res.status, StatusCode::SERVICE_UNAVAILABLE, "{}", res.body);
    assert!(res.body.contains("存储空间已满") && res.body.contains("未保存"), "{}", res.body);
    assert!(started.elapsed() < Duration::from_secs(20), "answered, not hung: {:?}", started.elapsed());
    assert_eq!(count(app.db(), "offer", "1 = 1").await, offers, "nothing written");
    assert_eq!(ent.get("/offers").await.status, StatusCode::OK, "reading still works");
    let (status, body) = health(&app).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(body["writable"], false);
    // The lock was not kept: another writer gets the same clear answer, at once.
    let res = ent.post("/offers", &offer_form("磁盘满时的第二次发布")).await;
    assert_eq!(res.status, StatusCode::SERVICE_UNAVAILABLE);
    // A report with its evidence: refused whole, no file kept without its record.
    let (contributions, blobs) =
        (count(app.db(), "contribution", "1 = 1").await, count(app.db(), "evidence_blob", "1 = 1").await);
    ent.get("/agreements/1/contributions/new").await;
    let res = common::report_with_png(&mut ent, 1, "磁盘满时报告的收购", b"full-disk evidence").await;
    assert_eq!(res.status, StatusCode::SERVICE_UNAVAILABLE, "{}", res.body);
    assert!(res.body.contains("存储空间已满"), "{}", res.body);
    assert_eq!(count(app.db(), "contribution", "1 = 1").await, contributions);
    assert_eq!(count(app.db(), "evidence_blob", "1 = 1").await, blobs);

    disk.free();
    // The next probes see the space (on a loaded machine a probe may first time out).
    let mut probe = health(&app).await;
    for _ in 0..10 {
        if probe.0 == StatusCode::OK {
            break;
        }
        probe = health(&app).await;
    }
    let (status, body) = probe;
    assert_eq!(status, StatusCode::OK, "healthy again without a restart: {body}");
    // Every pooled connection is fit again: none is left inside the transaction a failed commit
    // abandoned (it would hold the write lock, or read an old snapshot and let the index skip a
    // change). Enough writes, each followed by a catch-up, to pass through the whole pool.
    for i in 0..12 {
        let res = ent.post("/offers", &offer_form(&format!("磁盘空间恢复后发布的收购{i}"))).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "write {i} after recovery: {}", res.body);
        let id: i32 = common::location(&res).rsplit('/').next().and_then(|s| s.parse().ok()).expect("offer id");
        let seen = ent.get(&format!("/offers/{id}")).await;
        assert!(seen.body.contains(&format!("磁盘空间恢复后发布的收购{i}")), "write {i} is read back");
        app.state.search.catch_up(app.db()).await.expect("catch up");
        let cmp = app.state.search.compare(app.db()).await.expect("compare");
        let last = qicun::search::max_seq(app.db()).await.expect("outbox");
        assert!(cmp.is_equal(), "after write {i}: {cmp:?}; index {:?}; outbox at {last}", app.state.search.status());
    }
    assert!(matches!(qicun::audit::verify(app.db()).await.expect("verify"), qicun::audit::Verification::Intact { .. }));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_only_database_stops_the_start_with_the_reason() {
    let Some(disk) = TinyDisk::mount(64) else { return };
    let app = app_on(&disk).await;
    let offers = count(app.db(), "offer", "1 = 1").await;
    app.state.db.clone().close().await.expect("close");
    drop(app);
    // (A mounted file system cannot be made read-only while files on it are open for writing,
    // so the running case is the full disk above; this is a node started on a read-only one.)
    disk.read_only(true);
    let refused = qicun::app::build_serving_state(qicun::Config::new(&disk.path)).await;
    let Err(e) = refused else { panic!("a node started on a read-only database") };
    let why = format!("{e:#}");
    assert!(why.contains("不能写入") || why.contains("无法"), "the reason is given: {why}");
    assert!(why.contains("qicun.db"), "the file is named: {why}");
    disk.read_only(false);
    let state = qicun::app::build_serving_state(qicun::Config::new(&disk.path)).await.expect("starts once writable");
    assert_eq!(count(&state.db, "offer", "1 = 1").await, offers, "the data is all there");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_index_write_is_retried_and_never_skipped() {
    let Some(disk) = TinyDisk::mount(48) else { return };
    // The database elsewhere (SQLite file or PostgreSQL); only the index on the small disk.
    let (url, guard) = if on_postgres() { fresh_database().await } else { (String::new(), DbGuard::none()) };
    let data = tempfile::tempdir().expect("dir");
    let mut config = qicun::Config::new(data.path());
    config.index_dir = Some(disk.path.join("index"));
    if !url.is_empty() {
        config.database_url = Some(url);
    }
    let state = qicun::app::build_state(config).await.expect("state");
    qicun::demo::load(&state.db, state.clock.now()).await.expect("demo");
    state.search.catch_up(&state.db).await.expect("index the demo");
    let app = TestApp { state, data_dir: data, guard };
    let mut ent = Client::new(&app);
    ent.login("qiye01", DEMO_PASSWORD).await;
    let applied = app.state.search.applied();

    disk.fill();
    for i in 0..5 {
        let res = ent.post("/offers", &offer_form(&format!("索引磁盘满时发布的收购{i}"))).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "the database takes the write: {}", res.body);
    }
    let failed = app.state.search.catch_up(app.db()).await;
    assert!(failed.is_err(), "the index cannot write on a full disk");
    assert_eq!(app.state.search.applied(), applied, "a failed batch does not move the applied sequence");
    let (status, body) = health(&app).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert!(body["index"]["behind"].as_i64().unwrap_or(0) >= 5, "healthz says the index is behind: {body}");
    assert!(body["problems"].to_string().contains("搜索索引"), "{body}");

    disk.free();
    app.state.search.catch_up(app.db()).await.expect("catches up once the disk has room");
    let cmp = app.state.search.compare(app.db()).await.expect("compare");
    assert!(cmp.is_equal(), "every listing written during the episode is indexed: {cmp:?}");
    assert_eq!(health(&app).await.0, StatusCode::OK);
}
