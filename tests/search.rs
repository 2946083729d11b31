//! Chinese full-text search: 繁體 folding, synonyms, hard filters (dates, regions), the outbox
//! keeping each node's index in step, highlighting, and rebuilding a broken index.

mod common;

use chrono::Duration;
use common::{Client, TestApp, location};
use qicun::demo::DEMO_PASSWORD;
use qicun::listings::Side;
use qicun::search::{SearchIndex, SearchQuery};

fn q(text: &str) -> SearchQuery {
    SearchQuery { text: text.into(), limit: 50, ..Default::default() }
}

async fn titles(app: &TestApp, side: Side, query: SearchQuery) -> Vec<String> {
    app.state.search.catch_up(app.db()).await.expect("catch up");
    let hits = app.state.search.search(side, &query).expect("search");
    let mut out = Vec::new();
    for h in hits {
        let l = qicun::listings::find(app.db(), side, h.id).await.expect("q").expect("listing");
        out.push(l.title);
    }
    out
}

async fn publish_offer(c: &mut Client<'_>, title: &str, body: &str, regions: &[&str], until: &str) -> i32 {
    let mut form =
        vec![("kind", "procurement"), ("title", title), ("body", body), ("valid_until", until), ("then", "publish")];
    form.extend(regions.iter().map(|r| ("regions", *r)));
    let res = c.post("/offers", &form).await;
    assert_eq!(res.status, 303, "{}", res.body);
    location(&res).rsplit('/').next().and_then(|s| s.parse().ok()).expect("id")
}

#[tokio::test]
async fn a_traditional_query_finds_simplified_text_and_synonyms_find_their_partners() {
    let app = TestApp::with_demo().await;
    let found = titles(&app, Side::Offer, q("超市直採農產品")).await;
    assert!(found.contains(&"超市直采农产品".to_owned()), "{found:?}");
    // 务工 appears in no offer; its synonyms 招工 and 岗位 do.
    let found = titles(&app, Side::Offer, q("务工")).await;
    assert!(found.contains(&"饮片车间招工".to_owned()) && found.contains(&"推荐城市家政岗位".to_owned()), "{found:?}");
    // 滞销 finds the purchase offers that never say it.
    let found = titles(&app, Side::Offer, q("大米滞销")).await;
    assert!(found.contains(&"长期收购富硒大米".to_owned()), "{found:?}");
    // And the other way: an enterprise looking for 收购 finds villages whose produce is 滞销.
    let found = titles(&app, Side::Need, q("收购")).await;
    assert!(
        found.contains(&"富硒大米滞销求收购".to_owned()) && found.contains(&"椪柑滞销求收购".to_owned()),
        "{found:?}"
    );
}

/// The matcher's queries leave out words that only name the kind of help (the kind is scored
/// apart); a search keeps them, and so does a match when nothing else is said.
#[tokio::test]
async fn the_matcher_does_not_match_by_the_word_for_its_kind_alone() {
    let app = TestApp::with_demo().await;
    let searched = titles(&app, Side::Need, q("收购黄精")).await;
    assert!(searched.contains(&"毛竹求收购".to_owned()), "precondition: 收购 alone finds it: {searched:?}");
    let matched = titles(&app, Side::Need, SearchQuery { matching: true, ..q("收购黄精") }).await;
    assert!(matched.contains(&"黄精求收购".to_owned()), "{matched:?}");
    assert!(!matched.contains(&"毛竹求收购".to_owned()), "shares only 收购: {matched:?}");
    let only = titles(&app, Side::Need, SearchQuery { matching: true, ..q("收购") }).await;
    assert!(only.contains(&"椪柑滞销求收购".to_owned()), "nothing else said: {only:?}");
}

#[tokio::test]
async fn expired_and_out_of_region_offers_never_appear() {
    let app = TestApp::with_demo().await;
    let mut c = Client::new(&app);
    c.login("qiye04", DEMO_PASSWORD).await;
    let until = (app.state.clock.today() + Duration::days(1)).to_string();
    publish_offer(&mut c, "奉新专收高山茶籽", "只在奉新县收购高山野生茶籽，现场过秤结算。", &["360921000000"], &until)
        .await;
    let in_fengxin = SearchQuery { regions: qicun::listings::query::covering_codes("360921000000"), ..q("茶籽") };
    let in_yuanzhou = SearchQuery { regions: qicun::listings::query::covering_codes("360902000000"), ..q("茶籽") };
    assert_eq!(titles(&app, Side::Offer, in_fengxin.clone()).await, vec!["奉新专收高山茶籽".to_owned()]);
    assert!(titles(&app, Side::Offer, in_yuanzhou).await.is_empty(), "serves 奉新 only");
    // The public page's search applies the same region filter.
    let page = Client::new(&app).get("/offers?q=%E8%8C%B6%E7%B1%BD&county=360902000000").await;
    assert!(!page.body.contains("高山茶籽"));
    let page = Client::new(&app).get("/offers?q=%E8%8C%B6%E7%B1%BD&county=360921000000").await;
    assert!(page.body.contains("<b>茶籽</b>"), "matched words highlighted");

    app.state.clock.advance(Duration::days(2));
    let today = app.state.clock.today();
    let live = SearchQuery { live_on: Some(today), ..in_fengxin };
    assert!(titles(&app, Side::Offer, live).await.is_empty(), "expired");
    let page = Client::new(&app).get("/offers?q=%E8%8C%B6%E7%B1%BD").await;
    assert!(!page.body.contains("高山茶籽"));
}

#[tokio::test]
async fn a_withdrawn_offer_leaves_the_results_once_the_change_is_applied() {
    let app = TestApp::with_demo().await;
    let mut c = Client::new(&app);
    c.login("qiye01", DEMO_PASSWORD).await;
    let id = publish_offer(&mut c, "限时收购有机红薯", "收购有机红薯五万斤，当天结算。", &["360900000000"], "").await;
    assert!(Client::new(&app).get("/offers?q=%E7%BA%A2%E8%96%AF").await.body.contains("限时收购有机"));
    c.post(&format!("/offers/{id}/withdraw"), &[]).await;
    // Before the index has applied the change, the database check still hides it.
    let stale = app.state.search.search(Side::Offer, &q("红薯")).expect("search");
    assert_eq!(stale.len(), 1, "the index has not yet applied the withdrawal");
    assert!(!Client::new(&app).get("/offers?q=%E7%BA%A2%E8%96%AF").await.body.contains("限时收购有机"));
    app.state.search.catch_up(app.db()).await.expect("catch up");
    assert!(app.state.search.search(Side::Offer, &q("红薯")).expect("search").is_empty());
    // A suspended enterprise's offers leave too.
    let mut office = Client::new(&app);
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    let org = entity::offer::Entity::find_by_id(1).one(app.db()).await.expect("q").expect("offer").organisation_id;
    let res = office.post(&format!("/office/organisations/{org}/suspend"), &[("reason", "经查资料不实")]).await;
    assert_eq!(res.status, 303);
    assert!(!titles(&app, Side::Offer, q("富硒大米")).await.contains(&"长期收购富硒大米".to_owned()));
}

use sea_orm::EntityTrait;

#[tokio::test]
async fn two_app_instances_on_one_database_see_each_others_new_offers() {
    let first = TestApp::with_demo().await;
    // A second node: its own index, the same database.
    let mut config = qicun::Config::new(first.data_dir.path());
    config.index_dir = None;
    let second = qicun::app::state_with(first.db().clone(), config).await.expect("second node");
    let mut c = Client::new(&first);
    c.login("qiye01", DEMO_PASSWORD).await;
    publish_offer(&mut c, "第一台服务器上发布的黑木耳收购", "收购干制黑木耳，量大从优。", &["360900000000"], "").await;
    assert!(second.search.search(Side::Offer, &q("黑木耳")).expect("search").is_empty(), "not yet applied");
    // The second node follows the outbox as `serve` does, every half second.
    let follower = second.search.follow(second.db.clone(), std::time::Duration::from_millis(500));
    let started = std::time::Instant::now();
    let mut hits = Vec::new();
    // A generous bound for a busy machine; the loop itself runs every 0.5 s.
    while started.elapsed() < std::time::Duration::from_secs(10) {
        hits = second.search.search(Side::Offer, &q("黑木耳")).expect("search");
        if !hits.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    follower.abort();
    eprintln!("the second node saw the offer after {:?}", started.elapsed());
    assert_eq!(hits.len(), 1, "the second node sees the first node's new offer");
}

#[tokio::test]
async fn a_missing_or_corrupt_index_is_rebuilt_from_the_database() {
    let app = TestApp::with_demo().await;
    let dir = tempfile::tempdir().expect("dir");
    let (index, fresh) = SearchIndex::open(Some(dir.path())).expect("open");
    assert!(fresh, "a missing index is new");
    let n = index.rebuild(app.db(), &indicatif::ProgressBar::hidden()).await.expect("rebuild");
    assert!(n > 100, "demo listings indexed: {n}");
    let applied = index.applied();
    drop(index);
    let (index, fresh) = SearchIndex::open(Some(dir.path())).expect("reopen");
    assert!(!fresh, "a good index is kept");
    assert_eq!(index.applied(), applied, "the applied sequence survives a restart");
    assert_eq!(index.len(), n);
    drop(index);
    let current = std::fs::read_to_string(dir.path().join("CURRENT")).expect("CURRENT names the generation");
    std::fs::write(dir.path().join(current.trim()).join("meta.json"), b"{ not json").expect("corrupt");
    let (index, fresh) = SearchIndex::open(Some(dir.path())).expect("reopen corrupt");
    assert!(fresh && index.is_empty(), "a corrupt index is recreated, to be rebuilt");
}

#[tokio::test]
async fn search_results_escape_what_users_typed() {
    let app = TestApp::with_demo().await;
    let mut c = Client::new(&app);
    c.login("qiye01", DEMO_PASSWORD).await;
    publish_offer(&mut c, "收购<script>大蒜</script>", "收购大蒜<b>两万斤</b>，欢迎联系。", &["360900000000"], "")
        .await;
    let page = Client::new(&app).get("/offers?q=%E5%A4%A7%E8%92%9C").await;
    assert!(page.body.contains("<b>大蒜</b>"));
    assert!(!page.body.contains("<script>") && page.body.contains("&lt;script&gt;"));
}

#[tokio::test]
async fn a_proposal_right_after_publishing_is_accepted() {
    let app = TestApp::with_demo().await;
    let need = qicun::listings::find_by_ref(app.db(), Side::Need, "demo-need-01").await.expect("q").expect("rice need");
    let mut ent = Client::new(&app);
    ent.login("qiye01", DEMO_PASSWORD).await;
    let mut village = Client::new(&app);
    village.login("cun01", DEMO_PASSWORD).await;
    let offer = publish_offer(
        &mut ent,
        "刚发布的富硒大米收购",
        "长期收购富硒大米，现款结算，量大从优。",
        &["360900000000"],
        "",
    )
    .await;
    assert!(app.state.search.applied() < qicun::search::max_seq(app.db()).await.expect("seq"), "not yet indexed");
    // At once, with no page view in between that could have caught the index up.
    let res = village.post(&format!("/needs/{}/propose", need.id), &[("other", &offer.to_string())]).await;
    assert_eq!(res.status, 303, "the just-published offer is matched: {}", res.body);
    assert_eq!(common::count(app.db(), "pairing", &format!("offer_id = {offer} AND need_id = {}", need.id)).await, 1);
}

#[tokio::test]
async fn a_damaged_segment_is_rebuilt_at_start_and_reindex_mends_a_damaged_folder() {
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("qicun.db").display());
    let db = qicun::db::connect_and_migrate(&url).await.expect("db");
    qicun::demo::load(&db, qicun::clock::Clock::default().now()).await.expect("demo");
    let index_dir = dir.path().join("index");
    let (index, _) = SearchIndex::open(Some(&index_dir)).expect("open");
    let n = index.rebuild(&db, &indicatif::ProgressBar::hidden()).await.expect("rebuild");
    drop(index);
    let generation = index_dir.join(std::fs::read_to_string(index_dir.join("CURRENT")).expect("CURRENT").trim());
    let segment_files: Vec<_> = std::fs::read_dir(&generation)
        .expect("generation")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "idx" || x == "term" || x == "store"))
        .collect();
    assert!(!segment_files.is_empty(), "the index has segment files");

    // Bytes flipped in place: the files open, but their checksums fail.
    for p in &segment_files {
        let mut bytes = std::fs::read(p).expect("read");
        let mid = bytes.len() / 2;
        bytes[mid] ^= 0xFF;
        std::fs::write(p, bytes).expect("write");
    }
    let (index, _) = SearchIndex::open(Some(&index_dir)).expect("a damaged index still opens, or is replaced");
    let damaged = index.damaged_files().await.expect("checksums");
    let fresh = index.is_empty();
    assert!(fresh || !damaged.is_empty(), "the damage is noticed");
    let follower = index.follow(db.clone(), std::time::Duration::from_millis(50));
    let started = std::time::Instant::now();
    while !(index.status().complete && index.damaged_files().await.is_ok_and(|d| d.is_empty()) && index.len() == n) {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(30),
            "rebuilt by the follower: {:?}",
            index.status()
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    follower.abort();
    let _ = follower.await;
    assert!(index.compare(&db).await.expect("compare").is_equal());
    drop(index);

    // A missing segment file: opening fails whole, so `reindex` starts over instead of failing.
    let generation = index_dir.join(std::fs::read_to_string(index_dir.join("CURRENT")).expect("CURRENT").trim());
    let victim = std::fs::read_dir(&generation)
        .expect("generation")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "term"))
        .expect("a term file");
    std::fs::remove_file(&victim).expect("remove");
    db.close().await.expect("close");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_qicun"))
        .arg("--data-dir")
        .arg(dir.path())
        .arg("reindex")
        .env_remove("DATABASE_URL")
        .output()
        .expect("run qicun reindex");
    assert!(out.status.success(), "reindex on a damaged folder: {}", String::from_utf8_lossy(&out.stderr));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains(&format!("{n} 条")),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let db = qicun::db::connect(&url).await.expect("db");
    let (index, fresh) = SearchIndex::open(Some(&index_dir)).expect("open the mended index");
    assert!(!fresh && index.compare(&db).await.expect("compare").is_equal());
    // Rebuilt whole from the database: a node started on it serves as healthy at once, without
    // checking every document as after a crash (which at 200k listings took minutes).
    let follower = index.follow(db.clone(), std::time::Duration::from_millis(50));
    assert!(!index.status().verifying, "{:?}", index.status());
    follower.abort();
}

#[tokio::test]
async fn a_node_serves_at_once_and_rebuilds_when_the_backlog_is_longer_than_a_rebuild() {
    use sea_orm::EntityTrait;
    let dir = tempfile::tempdir().expect("dir");
    let config = qicun::Config::new(dir.path());
    let state = qicun::app::build_serving_state(config.clone()).await.expect("state");
    qicun::demo::load(&state.db, state.clock.now()).await.expect("demo");
    // A long backlog, as after a big import: more rows than a rebuild reads.
    let now = chrono::Utc::now();
    let rows: Vec<entity::change::ActiveModel> = (0..qicun::search::REBUILD_BACKLOG + 1000)
        .map(|i| entity::change::ActiveModel {
            entity: sea_orm::Set("offer".into()),
            entity_id: sea_orm::Set(i32::try_from(1 + i % 60).unwrap_or(1)),
            op: sea_orm::Set("upsert".into()),
            created_at: sea_orm::Set(now),
            ..Default::default()
        })
        .collect();
    for chunk in rows.chunks(2000) {
        entity::change::Entity::insert_many(chunk.to_vec()).exec_without_returning(&state.db).await.expect("backlog");
    }
    drop(state);
    let started = std::time::Instant::now();
    let state = qicun::app::build_serving_state(config).await.expect("a node starts");
    let took = started.elapsed();
    assert_eq!(state.search.applied(), 0, "starting did not apply the backlog first ({took:?})");
    assert_eq!(state.search.plan(&state.db).await.expect("plan"), qicun::search::Plan::Rebuild);
    let follower = state.search.follow(state.db.clone(), std::time::Duration::from_millis(50));
    let started = std::time::Instant::now();
    while state.search.applied() < qicun::search::max_seq(&state.db).await.expect("seq") {
        assert!(started.elapsed() < std::time::Duration::from_secs(60), "caught up in the background");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    follower.abort();
    eprintln!("started in {took:?}; the index caught up {:?} later", started.elapsed());
    assert!(state.search.compare(&state.db).await.expect("compare").is_equal());
}

#[tokio::test]
async fn after_an_unclean_stop_every_document_is_checked_and_drift_is_repaired() {
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("qicun.db").display());
    let db = qicun::db::connect_and_migrate(&url).await.expect("db");
    qicun::demo::load(&db, qicun::clock::Clock::default().now()).await.expect("demo");
    let index_dir = dir.path().join("index");
    let (index, _) = SearchIndex::open(Some(&index_dir)).expect("open");
    index.rebuild(&db, &indicatif::ProgressBar::hidden()).await.expect("rebuild");
    // Drift of the kind only a crash inside the index library could leave: a second, stale
    // copy of a listing's document.
    let l = qicun::listings::find(&db, Side::Offer, 1).await.expect("q").expect("offer 1");
    let mut stale = l.clone();
    stale.title = "早已改掉的旧标题".into();
    // (The write's own check notices the second copy; it is committed all the same.)
    assert!(index.add_all_blocking(&[(stale, l.regions.clone())]).is_err());
    let before = index.compare(&db).await.expect("compare");
    assert!(!before.is_equal(), "precondition: the index has drifted");
    drop(index);

    // Started again without the clean-stop mark: the follower checks everything.
    let (index, _) = SearchIndex::open(Some(&index_dir)).expect("reopen");
    let follower = index.follow(db.clone(), std::time::Duration::from_millis(20));
    let started = std::time::Instant::now();
    loop {
        let cmp = index.compare(&db).await.expect("compare");
        if cmp.is_equal() && !index.status().verifying {
            break;
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(30), "not repaired: {cmp:?}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    follower.abort();
    let cmp = index.compare(&db).await.expect("compare");
    assert_eq!(index.len(), cmp.expected as u64, "the stale copy is gone, nothing else went");
}

#[tokio::test]
async fn many_small_batches_are_merged_between_batches_and_nothing_comes_back() {
    let dir = tempfile::tempdir().expect("dir");
    let mut config = qicun::Config::new(dir.path());
    config.index_dir = Some(dir.path().join("index"));
    let app = TestApp {
        state: qicun::app::build_state(config).await.expect("state"),
        data_dir: tempfile::tempdir().expect("d"),
        guard: common::DbGuard::none(),
    };
    qicun::demo::load(app.db(), app.state.clock.now()).await.expect("demo");
    app.state.search.catch_up(app.db()).await.expect("index");
    let mut c = Client::new(&app);
    c.login("qiye01", DEMO_PASSWORD).await;
    let mut most = 0;
    for i in 0..30 {
        let id =
            publish_offer(&mut c, &format!("第{i}批小批量收购"), "每次一条，每次一个批次。", &["360900000000"], "")
                .await;
        // Every third one edited, so old versions must stay deleted through the merges.
        if i % 3 == 0 {
            app.state.search.catch_up(app.db()).await.expect("index");
            let res = c
                .post(
                    &format!("/offers/{id}"),
                    &[
                        ("kind", "procurement"),
                        ("title", &format!("第{i}批改过的收购")),
                        ("body", "改过一次的收购信息。"),
                        ("regions", "360900000000"),
                    ],
                )
                .await;
            assert!(res.status.is_redirection(), "{}", res.body);
        }
        app.state.search.catch_up(app.db()).await.expect("index");
        most = most.max(app.state.search.segments());
    }
    assert!(most <= 13, "segments are merged as batches come: at most {most}");
    assert!(app.state.search.compare(app.db()).await.expect("compare").is_equal());
}

#[tokio::test]
async fn highlights_are_made_for_the_shown_page_from_the_text_and_stay_escaped() {
    let app = TestApp::with_demo().await;
    app.state.search.catch_up(app.db()).await.expect("index the demo");
    let marked = app
        .state
        .search
        .highlight("大米", &[("<i>收购</i>大米", "富硒大米 <script>alert(1)</script>"), ("没有相同的词", "")])
        .expect("highlight");
    assert_eq!(marked.len(), 2);
    assert!(marked[0].0.contains("<b>大米</b>") && marked[0].0.contains("&lt;i&gt;"), "{:?}", marked[0]);
    assert!(marked[0].1.contains("<b>大米</b>") && !marked[0].1.contains("<script>"), "{:?}", marked[0]);
    assert_eq!(marked[1].0, "没有相同的词", "no match: the title as it is, escaped");
}

/// An index built by a program that derived other words from the same texts (an older lexicon)
/// is rebuilt, not followed: its listings would be found by the old words.
#[tokio::test]
async fn an_index_built_with_another_lexicon_is_rebuilt() {
    let dir = tempfile::tempdir().expect("dir");
    let config = qicun::Config::new(dir.path());
    let state = qicun::app::build_serving_state(config.clone()).await.expect("state");
    qicun::demo::load(&state.db, state.clock.now()).await.expect("demo");
    state.search.prepare(&state.db).await.expect("index");
    assert_eq!(state.search.plan(&state.db).await.expect("plan"), qicun::search::Plan::CatchUp);
    drop(state);
    // What the previous program wrote: the database's instance without the lexicon's mark.
    let mut edited = 0;
    for entry in walk(dir.path()) {
        if entry.file_name().and_then(|n| n.to_str()) != Some("meta.json") {
            continue;
        }
        let text = std::fs::read_to_string(&entry).expect("meta");
        let mut meta: serde_json::Value = serde_json::from_str(&text).expect("json");
        let Some(payload) = meta["payload"].as_str().map(str::to_owned) else { continue };
        let (instance, seq) = payload.rsplit_once(':').expect("instance:seq");
        let (db, derived) = instance.split_once('#').expect("the index names what it was derived with");
        assert!(!derived.is_empty());
        meta["payload"] = serde_json::Value::String(format!("{db}:{seq}"));
        std::fs::write(&entry, meta.to_string()).expect("write");
        edited += 1;
    }
    assert!(edited >= 1, "precondition: an index with its mark on disk");
    let state = qicun::app::build_serving_state(config).await.expect("starts");
    assert_eq!(state.search.plan(&state.db).await.expect("plan"), qicun::search::Plan::Rebuild);
    state.search.prepare(&state.db).await.expect("rebuilt");
    assert_eq!(state.search.plan(&state.db).await.expect("plan"), qicun::search::Plan::CatchUp);
    assert!(state.search.compare(&state.db).await.expect("compare").is_equal());
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[tokio::test]
async fn function_words_find_nothing_and_the_page_says_so_with_hints() {
    let app = TestApp::with_demo().await;
    app.state.search.catch_up(app.db()).await.expect("catch up");
    let everything = titles(&app, Side::Offer, q("")).await;
    assert!(everything.iter().filter(|t| !t.is_empty()).count() > 5, "the demo has offers");
    // 的 is in nearly every text; alone or with words nothing has, it finds nothing.
    for text in ["的", "xyz不存在的词", "我们的"] {
        assert!(titles(&app, Side::Offer, q(text)).await.is_empty(), "{text}");
    }
    let found = titles(&app, Side::Offer, q("大米的")).await;
    assert!(found.iter().any(|t| t.contains("大米")), "content words still count: {found:?}");
    let mut visitor = Client::new(&app);
    let page = visitor.get("/offers?q=%E7%9A%84").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("没有找到与「的」相关的帮扶资源") && page.body.contains("清除关键词"), "{}", page.body);
    assert!(!page.body.contains("class=\"card\""), "no result cards");
}
