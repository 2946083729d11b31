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
    office.post(&format!("/office/organisations/{org}/suspend"), &[]).await;
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
