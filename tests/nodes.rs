//! Several nodes on one database: each node's index equals the database after heavy parallel
//! writes through both (key set and content), a search answers at once while others write,
//! evidence uploaded on one node is served by the other, attempt limits count on every node,
//! and client addresses come from `X-Forwarded-For` only through a trusted proxy.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{Client, DbGuard, TestApp, count};
use qicun::demo::DEMO_PASSWORD;

/// A second node: its own pool and its own index, on the first node's database.
async fn second_node(first: &TestApp) -> TestApp {
    let url = first.state.config.effective_database_url();
    let db = qicun::db::connect(&url).await.expect("second pool");
    let mut config = qicun::Config::new(first.data_dir.path());
    config.database_url = Some(url);
    config.index_dir = None;
    config.totp_required = first.state.config.totp_required;
    let state = qicun::app::state_with(db, config).await.expect("second node");
    TestApp { state, data_dir: tempfile::tempdir().expect("dir"), guard: DbGuard::none() }
}

fn offer_form(title: &str) -> Vec<(&str, &str)> {
    vec![
        ("kind", "procurement"),
        ("title", title),
        ("body", "两台服务器同时写入时发布的收购信息，用于核对索引。"),
        ("regions", "360900000000"),
        ("then", "publish"),
    ]
}

fn id_of(res: &common::TestResponse) -> Option<i32> {
    common::location(res).rsplit('/').next().and_then(|s| s.parse().ok())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn both_nodes_index_exactly_the_database_after_heavy_parallel_writes() {
    let first = TestApp::shared_with_demo().await;
    let second = second_node(&first).await;
    // Both follow the outbox while the writers write, as serving nodes do.
    let followers = [
        first.state.search.follow(first.state.db.clone(), Duration::from_millis(20)),
        second.state.search.follow(second.state.db.clone(), Duration::from_millis(20)),
    ];
    let nodes = Arc::new([first, second]);
    let stop = Arc::new(AtomicBool::new(false));
    let slowest_search = Arc::new(AtomicU64::new(0));
    // A reader on each node searches all the time: it must never wait on the writers.
    let mut readers = Vec::new();
    for k in 0..2 {
        let (nodes, stop, slowest) = (nodes.clone(), stop.clone(), slowest_search.clone());
        readers.push(tokio::spawn(async move {
            let mut n = 0;
            while !stop.load(Ordering::SeqCst) {
                let t = Instant::now();
                let res = nodes[k].get("/offers?q=%E6%94%B6%E8%B4%AD").await;
                assert_eq!(res.status, StatusCode::OK);
                slowest.fetch_max(t.elapsed().as_millis() as u64, Ordering::SeqCst);
                if t.elapsed() > Duration::from_millis(500) {
                    eprintln!("slow search on node {k}: {:?}", t.elapsed());
                }
                n += 1;
            }
            n
        }));
    }
    let mut writers = Vec::new();
    for w in 0..16 {
        let nodes = nodes.clone();
        writers.push(tokio::spawn(async move {
            let node = &nodes[w % 2];
            let login = ["qiye01", "qiye04", "qiye05", "qiye14"][w % 4];
            let mut c = Client::new(node);
            assert_eq!(c.login(login, DEMO_PASSWORD).await.status, StatusCode::SEE_OTHER);
            let mut mine = Vec::new();
            for i in 0..12 {
                let res = c.post("/offers", &offer_form(&format!("并发写入{w}-{i}号收购"))).await;
                assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
                let id = id_of(&res).expect("offer id");
                mine.push(id);
                if i % 3 == 2 {
                    // An edit: the index must hold the new words, not the old ones.
                    let title = format!("并发改写{w}-{i}号收购");
                    let edit = offer_form(&title);
                    let fields: Vec<(&str, &str)> = edit.into_iter().filter(|(k, _)| *k != "then").collect();
                    let res = c.post(&format!("/offers/{id}"), &fields).await;
                    assert!(res.status.is_redirection(), "edit: {} {}", res.status, res.body);
                }
                if i % 4 == 3 {
                    let gone = mine.remove(0);
                    let res = c.post(&format!("/offers/{gone}/withdraw"), &[]).await;
                    assert!(res.status.is_redirection(), "withdraw: {} {}", res.status, res.body);
                }
            }
            mine.len()
        }));
    }
    let mut live = 0;
    for w in writers {
        live += w.await.expect("writer");
    }
    stop.store(true, Ordering::SeqCst);
    let mut searches = 0;
    for r in readers {
        searches += r.await.expect("reader");
    }
    for f in followers {
        f.abort();
    }
    assert!(live >= 16 * 8, "the writers left offers live: {live}");
    let written = count(nodes[0].db(), "offer", "title LIKE '并发%'").await;
    assert_eq!(written, 16 * 12, "every write landed");
    for (k, node) in nodes.iter().enumerate() {
        node.state.search.catch_up(node.db()).await.expect("catch up");
        let cmp = node.state.search.compare(node.db()).await.expect("compare");
        assert!(cmp.is_equal(), "node {k}: {cmp:?}");
        assert!(cmp.expected > 100, "precondition: the comparison covers the demo and the new offers");
    }
    let slowest = slowest_search.load(Ordering::SeqCst);
    eprintln!("{written} offers written, {searches} searches, the slowest took {slowest} ms");
    // The writers run for about 25 s: a search that waited for them would take that long. One
    // scheduling outlier on 2 shared cores under the whole CI reached 6.5 s, so the bound is 10 s.
    assert!(slowest < 10_000, "a search never waits for the writers ({slowest} ms)");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn evidence_uploaded_on_one_node_is_served_by_the_other() {
    let first = TestApp::shared_with_demo().await;
    let second = second_node(&first).await;
    let mut ent = Client::new(&first);
    ent.login("qiye01", DEMO_PASSWORD).await;
    ent.get("/agreements/1/contributions/new").await;
    let res = common::report_with_png(&mut ent, 1, "两台服务器之间核对证明材料", b"two-node evidence").await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    use sea_orm::EntityTrait;
    let e = entity::evidence::Entity::find().all(first.db()).await.expect("q").pop().expect("evidence");
    let mut office = Client::new(&second);
    office.login("yichun-fpb", DEMO_PASSWORD).await;
    let res = office.get(&format!("/evidence/{}", e.id)).await;
    assert_eq!(res.status, StatusCode::OK, "the other node serves the file");
    let sent = common::photo_png(b"two-node evidence");
    assert_eq!(res.headers["content-length"], sent.len().to_string().as_str(), "the original file, whole");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_attempts_are_counted_on_every_node() {
    let first = TestApp::shared_with_demo().await;
    let second = second_node(&first).await;
    // Five failures of one account from one address are free; the sixth waits.
    let limit = 5;
    let mut a = Client::new(&first);
    let mut b = Client::new(&second);
    for i in 0..limit {
        let c = if i % 2 == 0 { &mut a } else { &mut b };
        c.get("/login").await;
        let res = c.post("/login", &[("login", "nobody-here"), ("password", "wrong"), ("next", "")]).await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "attempt {i} is within the limit");
    }
    b.get("/login").await;
    let res = b.post("/login", &[("login", "nobody-here"), ("password", "wrong"), ("next", "")]).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS, "the limit counts both nodes' attempts");
}

#[tokio::test]
async fn the_client_address_comes_from_x_forwarded_for_only_through_a_trusted_proxy() {
    let app = TestApp::with_demo().await;
    let limit = qicun::app::OBJECTIONS_PER_HOUR as usize;
    let notice = {
        use sea_orm::EntityTrait;
        entity::notice::Entity::find()
            .all(app.db())
            .await
            .expect("q")
            .into_iter()
            .find(|n| n.status == "open")
            .expect("an open notice")
            .id
    };
    async fn object(app: &TestApp, notice: i32, forwarded: &str) -> StatusCode {
        let mut c = Client::new(app);
        c.get(&format!("/notices/{notice}")).await;
        let body = serde_urlencoded::to_string([
            ("_csrf", c.csrf.as_str()),
            ("body", "公示内容与实际不符，请核实。"),
            ("contact_name", "张三"),
            ("contact_phone", "13900001111"),
        ])
        .expect("form");
        let req = Request::post(format!("/notices/{notice}/objections"))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("x-forwarded-for", forwarded)
            .body(Body::from(body))
            .expect("request");
        c.send(req).await.status
    }
    // Untrusted: the header is ignored, so changing it does not dodge the limit.
    for i in 0..limit {
        assert_ne!(object(&app, notice, &format!("198.51.100.{i}")).await, StatusCode::TOO_MANY_REQUESTS);
    }
    assert_eq!(object(&app, notice, "198.51.100.99").await, StatusCode::TOO_MANY_REQUESTS, "one address: the socket's");

    // Trusted (the test client's 127.0.0.1 is the proxy): each forwarded client counts alone.
    let mut config = (*app.state.config).clone();
    config.trusted_proxies = vec!["127.0.0.1/32".parse().expect("net")];
    let mut state = app.state.clone();
    state.config = Arc::new(config);
    let proxied = TestApp { state, data_dir: tempfile::tempdir().expect("dir"), guard: DbGuard::none() };
    for _ in 0..limit {
        assert_ne!(object(&proxied, notice, "203.0.113.7").await, StatusCode::TOO_MANY_REQUESTS);
    }
    assert_eq!(object(&proxied, notice, "203.0.113.7").await, StatusCode::TOO_MANY_REQUESTS, "that client is limited");
    assert_ne!(object(&proxied, notice, "203.0.113.8").await, StatusCode::TOO_MANY_REQUESTS, "another is not");
    assert_ne!(
        object(&proxied, notice, "203.0.113.9, 127.0.0.1").await,
        StatusCode::TOO_MANY_REQUESTS,
        "the nearest untrusted hop is the client"
    );
}
