//! The matcher: ranked offers for a need and needs for an offer under the hard filters, with
//! components that sum to the score; proposals only of pairs the matcher returns.

mod common;

use axum::http::StatusCode;
use common::{Client, TestApp, count};
use qicun::demo::DEMO_PASSWORD;
use qicun::listings::{self, Side};
use qicun::matching::{self, score::Weights};

async fn by_ref(app: &TestApp, side: Side, r: &str) -> listings::Listing {
    listings::find_by_ref(app.db(), side, r).await.expect("q").expect("demo listing")
}

async fn ready(app: &TestApp) {
    app.state.search.catch_up(app.db()).await.expect("catch up");
}

#[tokio::test]
async fn a_village_needing_to_sell_rice_gets_the_rice_buyer_first_with_reasons() {
    let app = TestApp::with_demo().await;
    ready(&app).await;
    let need = by_ref(&app, Side::Need, "demo-need-01").await;
    let today = app.state.clock.today();
    let found = matching::offers_for_need(app.db(), &app.state.search, &need, today, 10, &Weights::default())
        .await
        .expect("match");
    assert!(!found.is_empty());
    assert_eq!(found[0].title, "长期收购富硒大米", "{:?}", found.iter().map(|m| &m.title).collect::<Vec<_>>());
    for m in &found {
        assert!((m.components.total() - m.score).abs() < 1e-9, "components sum to the score");
        // Kinds that can buy or invest; another kind only as a complement that says much the
        // same (a technical service for growing the rice), never among the own kind.
        let complement = m.features.kind == matching::score::COMPLEMENT_FIT
            && m.features.text >= matching::score::COMPLEMENT_TEXT
            && !m.same_kind;
        assert!(matches!(m.kind.as_str(), "procurement" | "industry") || complement, "{}: {m:?}", m.kind);
        let offer = listings::find(app.db(), Side::Offer, m.id).await.expect("q").expect("offer");
        assert!(
            offer.regions.iter().any(|r| r == "360902000000" || r == "360900000000" || r == "360000000000"),
            "serves 袁州 or the whole city: {:?}",
            offer.regions
        );
        assert!(!m.reason.is_empty());
    }
    assert!(found[0].same_kind, "the rice buyer buys produce, as the village asks");
    // The own kind first, best first; other kinds (产业合作, a complement) after them, best first.
    let firsts = found.iter().take_while(|m| m.same_kind).count();
    assert!(firsts > 0 && firsts < found.len(), "both groups: {found:?}");
    assert!(found[firsts..].iter().all(|m| !m.same_kind && m.kind != "procurement"), "{found:?}");
    assert!(found[firsts..].iter().any(|m| m.kind == "industry"), "{found:?}");
    for group in [&found[..firsts], &found[firsts..]] {
        assert!(group.windows(2).all(|w| w[0].score >= w[1].score), "best first");
    }
}

#[tokio::test]
async fn an_offer_to_buy_kiwis_finds_the_kiwi_village_in_its_county_only() {
    let app = TestApp::with_demo().await;
    ready(&app).await;
    let offer = by_ref(&app, Side::Offer, "demo-offer-10").await;
    assert_eq!(offer.regions, vec!["360921000000".to_owned()], "this offer serves 奉新 only");
    let found = matching::needs_for_offer(
        app.db(),
        &app.state.search,
        &offer,
        app.state.clock.today(),
        10,
        &Weights::default(),
    )
    .await
    .expect("match");
    assert_eq!(found.first().map(|m| m.title.as_str()), Some("猕猴桃鲜果求收购"));
    for m in &found {
        let village =
            entity::organisation::Entity::find_by_id(m.organisation_id).one(app.db()).await.expect("q").expect("org");
        assert!(village.region_code.starts_with("360921"), "{} is outside 奉新", village.name);
        assert!((m.components.total() - m.score).abs() < 1e-9);
    }
}

use sea_orm::EntityTrait;

#[tokio::test]
async fn offers_past_the_evaluation_date_never_appear() {
    let app = TestApp::with_demo().await;
    ready(&app).await;
    let need = by_ref(&app, Side::Need, "demo-need-01").await;
    let later = app.state.clock.today() + chrono::Duration::days(200);
    let found = matching::offers_for_need(app.db(), &app.state.search, &need, later, 50, &Weights::default())
        .await
        .expect("match");
    for m in found {
        let o = listings::find(app.db(), Side::Offer, m.id).await.expect("q").expect("offer");
        assert!(o.valid_until.is_none_or(|u| u >= later), "{} ended {:?}", o.title, o.valid_until);
    }
}

#[tokio::test]
async fn the_owner_proposes_a_recommended_pairing_and_an_incompatible_one_is_refused() {
    let app = TestApp::with_demo().await;
    let need = by_ref(&app, Side::Need, "demo-need-01").await;
    let mut c = Client::new(&app);
    c.login("cun01", DEMO_PASSWORD).await;
    let page = c.get(&format!("/needs/{}", need.id)).await;
    assert!(page.body.contains("推荐企业") && page.body.contains("匹配说明"), "recommendations on the need page");
    assert!(page.body.contains("长期收购富硒大米"));
    let anon = Client::new(&app).get(&format!("/needs/{}", need.id)).await;
    assert!(!anon.body.contains("推荐企业"), "recommendations are for the owner and offices");

    let rice = by_ref(&app, Side::Offer, "demo-offer-01").await;
    let pairings = count(app.db(), "pairing", "1 = 1").await;
    let res = c.post(&format!("/needs/{}/propose", need.id), &[("other", &rice.id.to_string())]).await;
    // demo-offer-01 and demo-need-01 are already paired in the demo: refused as a duplicate.
    assert_eq!(res.status, StatusCode::CONFLICT);
    let second =
        matching::offers_for_need(app.db(), &app.state.search, &need, app.state.clock.today(), 10, &Weights::default())
            .await
            .expect("match")
            .into_iter()
            .find(|m| m.id != rice.id)
            .expect("another recommendation");
    let res = c.post(&format!("/needs/{}/propose", need.id), &[("other", &second.id.to_string())]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(count(app.db(), "pairing", "1 = 1").await, pairings + 1);
    assert_eq!(
        count(
            app.db(),
            "pairing",
            &format!(
                "source = 'matcher' AND status = 'accepted_by_village' AND need_id = {} AND offer_id = {}",
                need.id, second.id
            )
        )
        .await,
        1
    );
    assert_eq!(count(app.db(), "audit_event", "action = 'pairing.propose'").await, 1);

    // A job offer cannot answer a village selling rice, whatever the words say.
    let job = by_ref(&app, Side::Offer, "demo-offer-07").await;
    assert_eq!(job.kind, qicun::domain::ListingKind::Employment);
    let res = c.post(&format!("/needs/{}/propose", need.id), &[("other", &job.id.to_string())]).await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert!(res.body.contains("不在推荐结果中"));
    assert_eq!(count(app.db(), "pairing", "1 = 1").await, pairings + 1, "nothing changed");
    // Another village cannot propose from this need.
    let mut other = Client::new(&app);
    other.login("cun04", DEMO_PASSWORD).await;
    assert_eq!(
        other.post(&format!("/needs/{}/propose", need.id), &[("other", &second.id.to_string())]).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_command_line_prints_ranked_matches_as_json() {
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("qicun.db").display());
    let db = qicun::db::connect_and_migrate(&url).await.expect("db");
    qicun::demo::load(&db, qicun::clock::Clock::default().now()).await.expect("demo");
    db.close().await.expect("close");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_qicun"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(["match", "--need", "demo-need-01", "--limit", "3", "--format", "json"])
        .env_remove("DATABASE_URL")
        .output()
        .expect("run qicun");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let results: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let results = results.as_array().expect("array");
    assert!(!results.is_empty() && results.len() <= 3);
    assert_eq!(results[0]["ref"], "demo-offer-01");
    let c = &results[0]["components"];
    let sum: f64 = ["text", "kind", "region", "capacity", "poverty", "urgency", "freshness", "record"]
        .iter()
        .map(|k| c[*k].as_f64().expect("component"))
        .sum();
    assert!((sum - results[0]["score"].as_f64().expect("score")).abs() < 1e-9);
    let table = std::process::Command::new(env!("CARGO_BIN_EXE_qicun"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(["match", "--offer", "demo-offer-10"])
        .env_remove("DATABASE_URL")
        .output()
        .expect("run qicun");
    assert!(String::from_utf8_lossy(&table.stdout).contains("猕猴桃鲜果求收购"));
}

#[tokio::test]
async fn the_matcher_beats_plain_bm25_on_the_judged_collection() {
    let bytes = collection("collection");
    let report = qicun::matching::eval::run(&bytes, None).await.expect("eval");
    eprintln!("{report:?}");
    assert!(report.needs >= 30, "at least 30 judged needs");
    assert!(report.matcher.ndcg_at_10 > report.bm25.ndcg_at_10, "nDCG@10: {report:?}");
    assert!(report.matcher.mrr > report.bm25.mrr, "MRR: {report:?}");
    assert!(report.matcher.ndcg_at_10 > 0.8, "the matcher ranks well in absolute terms: {report:?}");
}

/// The harder collection (201 needs in cadres' words, 330 offers with traps, split into a tuning
/// and a test half): every group is evaluated in both directions, the matcher beats plain BM25
/// on each half, and no result is ever expired or outside the village's area.
#[tokio::test]
async fn the_hard_collection_is_evaluated_by_half_and_subset_with_no_expired_or_out_of_area_result() {
    let bytes = collection("hard");
    let report = qicun::matching::eval::run(&bytes, None).await.expect("eval");
    assert!(report.needs >= 150 && report.offers >= 300, "the collection's size: {} / {}", report.needs, report.offers);
    for half in ["tune", "test"] {
        let g = group(&report, half);
        assert!(g.judged >= 75, "{half}: {} needs", g.judged);
        let bm25 = g.bm25.expect("forward groups have a BM25 line");
        assert!(g.matcher.ndcg_at_10 > bm25.ndcg_at_10, "{half}: {g:?}");
    }
    for subset in ["typo", "paraphrase", "traditional", "no_shared_word", "location_wish", "generic_buyer"] {
        assert!(group(&report, &format!("subset:{subset}")).judged >= 15, "subset {subset}");
    }
    assert!(report.groups.iter().filter(|g| g.name.starts_with("kind:")).count() >= 7, "every need kind");
    let reverse = report.reverse.iter().find(|g| g.name == "all").expect("reverse direction");
    assert!(reverse.judged >= 100, "offers asked for needs: {}", reverse.judged);
    // Floors a little under what the matcher measures today (2026-12-06: test 0.898, typo
    // 0.934, location wishes 0.893, Traditional 0.936, generic buyers 0.920, paraphrase 0.867,
    // no shared word 0.832; reverse 0.903): a change that loses ground fails here.
    for (name, floor) in [
        ("test", 0.88),
        ("subset:typo", 0.91),
        ("subset:location_wish", 0.87),
        ("subset:traditional", 0.91),
        ("subset:generic_buyer", 0.90),
        ("subset:paraphrase", 0.84),
        ("subset:no_shared_word", 0.80),
    ] {
        let got = group(&report, name).matcher.ndcg_at_10;
        assert!(got >= floor, "{name}: nDCG@10 {got:.3} < {floor}");
    }
    assert!(reverse.matcher.ndcg_at_10 >= 0.88, "reverse: {:?}", reverse.matcher);
    assert_eq!(report.violations.expired, 0, "an expired offer was shown: {:?}", report.violations);
    assert_eq!(report.violations.out_of_region, 0, "an offer outside the area was shown: {:?}", report.violations);
}

/// The judged collection `tests/eval/NAME.json`.
fn collection(name: &str) -> Vec<u8> {
    std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/eval/{name}.json")))
        .unwrap_or_else(|e| panic!("collection {name}: {e}"))
}

/// The forward group `name` of an evaluation (all, tune, test, subset:…, kind:…).
fn group<'a>(report: &'a qicun::matching::eval::Report, name: &str) -> &'a qicun::matching::eval::Group {
    report.groups.iter().find(|g| g.name == name).unwrap_or_else(|| panic!("group {name}"))
}

/// The login of the first account of organisation `org`.
/// Imports a JSON ledger as the office's import does.
async fn import_ledger(app: &TestApp, ledger: &serde_json::Value) {
    qicun::ledger::import(
        app.db(),
        &app.state.sealer,
        ledger.to_string().as_bytes(),
        qicun::ledger::Format::Json,
        None,
        &qicun::audit::Actor::system("test"),
        app.state.clock.now(),
        &indicatif::ProgressBar::hidden(),
    )
    .await
    .expect("the ledger imports");
}

async fn login_of(app: &TestApp, org: i32) -> String {
    use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};
    entity::user::Entity::find()
        .filter(entity::user::Column::OrganisationId.eq(org))
        .order_by_asc(entity::user::Column::Id)
        .one(app.db())
        .await
        .expect("q")
        .expect("an account of the village")
        .login
}

#[tokio::test]
async fn a_village_that_updates_its_poverty_figures_is_ranked_by_the_new_ones_once_the_index_follows() {
    let app = TestApp::with_demo().await;
    ready(&app).await;
    let offer = by_ref(&app, Side::Offer, "demo-offer-10").await;
    let today = app.state.clock.today();
    let top = || async {
        matching::needs_for_offer(app.db(), &app.state.search, &offer, today, 10, &Weights::default())
            .await
            .expect("match")
            .into_iter()
            .find(|m| m.title == "猕猴桃鲜果求收购")
            .expect("the kiwi village is recommended")
    };
    let before = top().await;
    let village = entity::organisation::Entity::find_by_id(before.organisation_id)
        .one(app.db())
        .await
        .expect("q")
        .expect("village");
    let w = Weights::default();
    // The poverty component as the scorer makes it from a match's features (text relevance
    // and the conditions scale every component) with the village's figure `households`.
    let component = |f: &matching::score::Features, households: i32| {
        let f = matching::score::Features {
            poverty: matching::score::poverty(Some(households), village.registered_poor),
            ..*f
        };
        matching::score::score(&f, &w).1.poverty
    };
    let was = village.poor_households.unwrap_or(0);
    assert_eq!(before.features.poverty, matching::score::poverty(Some(was), village.registered_poor));
    let expected = |households: i32| component(&before.features, households);
    assert!((before.components.poverty - expected(was)).abs() < 1e-9, "precondition: ranked by the figures on file");
    let now = if was >= 50 { 0 } else { 100 };
    assert!((expected(now) - expected(was)).abs() > 0.01, "precondition: the change moves the score");

    let mut c = Client::new(&app);
    c.login(&login_of(&app, village.id).await, DEMO_PASSWORD).await;
    let now_s = now.to_string();
    let res = c
        .post(
            "/profile",
            &[
                ("contact_name", "李书记"),
                ("contact_phone", "13907950012"),
                ("population", "2100"),
                ("poor_households", &now_s),
                ("poor_population", "180"),
                ("main_industries", "猕猴桃"),
                ("first_secretary", "王第一"),
                ("first_secretary_phone", "13907950011"),
                ("party_secretary", "李书记"),
                ("party_secretary_phone", "13907950012"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    ready(&app).await;
    let after = top().await;
    assert_eq!(after.features.poverty, matching::score::poverty(Some(now), village.registered_poor));
    assert!(
        (after.components.poverty - component(&after.features, now)).abs() < 1e-9,
        "poverty component {} after the update, expected {}",
        after.components.poverty,
        component(&after.features, now)
    );
    assert!((after.components.poverty - before.components.poverty).abs() > 0.005, "the new figure moved the score");
    assert!(
        app.state.search.compare(app.db()).await.expect("compare").is_equal(),
        "the index holds what the database does"
    );
}

#[tokio::test]
async fn an_offer_withdrawn_before_the_index_hears_of_it_is_not_recommended_and_the_next_takes_its_place() {
    let app = TestApp::with_demo().await;
    ready(&app).await;
    let need = by_ref(&app, Side::Need, "demo-need-01").await;
    let today = app.state.clock.today();
    let all = matching::offers_for_need(app.db(), &app.state.search, &need, today, 10, &Weights::default())
        .await
        .expect("match");
    assert!(all.len() >= 3, "precondition: at least three recommendations, got {}", all.len());
    // Withdrawn behind the index's back (no outbox row): the index still holds it.
    use sea_orm::ConnectionTrait;
    app.db()
        .execute_unprepared(&format!("UPDATE offer SET status = 'withdrawn' WHERE id = {}", all[0].id))
        .await
        .expect("withdraw");
    let again = matching::offers_for_need(app.db(), &app.state.search, &need, today, 2, &Weights::default())
        .await
        .expect("match");
    let ids: Vec<i32> = again.iter().map(|m| m.id).collect();
    assert_eq!(ids, vec![all[1].id, all[2].id], "the withdrawn one is gone and the next two move up");
    assert_eq!(again[0].score, all[1].score);
}

#[tokio::test]
async fn the_match_api_keeps_the_rows_it_shows_only_until_the_next_change_here_or_elsewhere() {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let app = TestApp::with_demo().await;
    ready(&app).await;
    let need = by_ref(&app, Side::Need, "demo-need-01").await;
    let token = common::token_for(&app, "yichun-fpb").await;
    let path = format!("/api/v1/needs/{}/matches", need.id);
    let ask = || {
        let req = axum::http::Request::get(&path)
            .header("authorization", format!("Bearer {token}"))
            .body(axum::body::Body::empty())
            .expect("request");
        let app = &app;
        async move {
            let res = app.request(req).await;
            assert_eq!(res.status, StatusCode::OK, "{}", res.body);
            serde_json::from_str::<Vec<serde_json::Value>>(&res.body)
                .expect("json")
                .iter()
                .map(|m| m["id"].as_i64().expect("id") as i32)
                .collect::<Vec<i32>>()
        }
    };
    let first = ask().await;
    assert!(first.len() >= 3, "precondition: at least three recommendations, got {first:?}");
    assert!(app.state.shown.len() >= first.len(), "the rows shown are kept");
    assert_eq!(ask().await, first, "asked again (from the kept rows): the same");

    // Here: the first offer's owner withdraws it through the pages. The index has not heard of
    // it yet; the very next call does not show it.
    let offer = entity::offer::Entity::find_by_id(first[0]).one(app.db()).await.expect("q").expect("offer");
    let mut owner = Client::new(&app);
    owner.login(&login_of(&app, offer.organisation_id).await, DEMO_PASSWORD).await;
    let res = owner.post(&format!("/offers/{}/withdraw", offer.id), &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let after = ask().await;
    assert!(!after.contains(&first[0]), "withdrawn here: gone at once ({after:?})");
    assert_eq!(after.first(), first.get(1), "the next moves up");

    // Elsewhere (another node): the next one's enterprise is suspended, with its audit event, in
    // a transaction this process is not told of. Gone once the version is read again.
    let next = entity::offer::Entity::find_by_id(first[1]).one(app.db()).await.expect("q").expect("offer");
    let txn = qicun::db::write(app.db()).await.expect("write");
    entity::organisation::Entity::update_many()
        .col_expr(entity::organisation::Column::Status, sea_orm::sea_query::Expr::value("suspended"))
        .filter(entity::organisation::Column::Id.eq(next.organisation_id))
        .exec(&txn)
        .await
        .expect("suspend");
    common::commit_elsewhere(&app, txn, "organisation.suspend", "organisation", next.organisation_id.to_string()).await;
    let later = ask().await;
    assert!(!later.contains(&first[1]), "suspended elsewhere: gone within a quarter second ({later:?})");
    assert!(!later.is_empty(), "others still shown");
}

/// `qicun bench` runs end to end on a small corpus (the index built on disk, matching in a
/// process of its own, then SQLite FTS5) and prints its figures.
#[test]
fn the_bench_command_runs_and_prints_its_figures() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_qicun"))
        .args(["bench", "--n", "300", "--queries", "5"])
        .output()
        .expect("run qicun bench");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("匹配 top-10") && stdout.contains("FTS5 trigram top-10"), "{stdout}");
}

/// The need titled `title` (published by a test or the demo's).
async fn need_titled(app: &TestApp, title: &str) -> listings::Listing {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let row = entity::need::Entity::find()
        .filter(entity::need::Column::Title.eq(title))
        .one(app.db())
        .await
        .expect("q")
        .expect("the need");
    listings::find(app.db(), Side::Need, row.id).await.expect("q").expect("listing")
}

/// cun01 publishes a need of `kind`; its page, as the village sees it after publishing.
async fn published_need_page(
    app: &TestApp,
    kind: &str,
    title: &str,
    body: &str,
    (quantity, unit): (&str, &str),
    urgency: &str,
) -> common::TestResponse {
    let mut v = Client::new(app);
    v.login("cun01", DEMO_PASSWORD).await;
    v.get("/needs/new").await;
    let fields = [
        ("kind", kind),
        ("title", title),
        ("body", body),
        ("quantity", quantity),
        ("unit", unit),
        ("urgency", urgency),
        ("then", "publish"),
    ];
    let res = v.post("/needs", &fields).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let page = v.get(common::location(&res)).await;
    assert_eq!(page.status, StatusCode::OK);
    page
}

/// A word written with a character that looks like its own (荼 for 茶, as handwriting input or
/// tired eyes write it) finds the buyers of the word meant, and the page says which word it was
/// taken for.
#[tokio::test]
async fn a_word_written_with_a_look_alike_character_finds_what_was_meant() {
    let app = TestApp::with_demo().await;
    let page = published_need_page(
        &app,
        "procurement",
        "一千公斤干货找销路",
        "村里今年的荼叶做好了，有一千公斤，包装简单，想找网店或者公司帮忙卖。",
        ("1000", "公斤"),
        "2",
    )
    .await;
    let own = page.body.split("其他可能有帮助").next().unwrap_or("");
    let card = own.split("电商平台包销山区农产品").nth(1).expect("the shop that sells 茶叶 is recommended");
    let card = card.split("</li>").next().unwrap_or("");
    assert!(card.contains("“荼叶”即“茶叶”"), "the reason names the word meant: {card}");
}

/// A product typed with a sound its writer does not tell apart (小农虾: n for l, as many in
/// 江西 type it) is read as the product meant, so a buyer of another product is not taken for
/// its buyer (an outside walk saw the rice buyer at 匹配度 82, 内容相符, for this need).
#[tokio::test]
async fn a_product_typed_with_a_near_sound_is_read_as_meant_and_a_buyer_of_another_is_not_its_buyer() {
    let app = TestApp::with_demo().await;
    let page = published_need_page(
        &app,
        "procurement",
        "小农虾大量上市求销路",
        "稻田养的小农虾今年大量上市，有两万公斤，想找企业长期收购。",
        ("20000", "公斤"),
        "2",
    )
    .await;
    let own = page.body.split("其他可能有帮助").next().unwrap_or("");
    let card = own.split("长期收购富硒大米").nth(1).expect("the rice buyer is still listed, as a weak match");
    let card = card.split("</li>").next().unwrap_or("");
    assert!(card.contains("所收产品不同"), "the reason says it buys another product: {card}");
    let score: u32 = card
        .split("匹配度")
        .nth(1)
        .and_then(|s| s.trim_start_matches(|c: char| !c.is_ascii_digit()).split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .expect("the card shows its 匹配度");
    assert!(score < 50, "匹配度 {score} for a buyer of rice: {card}");
}

/// A match of the right kind nearby that shares next to nothing with the need says so first
/// in its reason (an outside walk read a rice-growing adviser for a fish pond with only
/// 帮扶类型一致、同一县、贫困村优先), and its number is low.
#[tokio::test]
async fn a_match_sharing_next_to_nothing_says_so_in_its_reason() {
    let app = TestApp::with_demo().await;
    let page = published_need_page(
        &app,
        "technical",
        "鱼塘水发绿发臭",
        "村里几口鱼塘的水发绿发臭，鱼老是浮头，不晓得怎么搞。",
        ("", ""),
        "2",
    )
    .await;
    let own = page.body.split("其他可能有帮助").next().unwrap_or("");
    let cards: Vec<&str> = own.split("class=\"card\"").skip(1).collect();
    assert!(!cards.is_empty(), "technical help is recommended: {own}");
    let unrelated: Vec<&&str> = cards.iter().filter(|c| c.contains("未见内容相同之处")).collect();
    assert!(!unrelated.is_empty(), "some card says nothing in common was found: {cards:?}");
    for card in unrelated {
        let score: u32 = card
            .split("匹配度")
            .nth(1)
            .and_then(|s| {
                s.trim_start_matches(|c: char| !c.is_ascii_digit()).split(|c: char| !c.is_ascii_digit()).next()
            })
            .and_then(|n| n.parse().ok())
            .expect("the card shows its 匹配度");
        assert!(score < 50, "匹配度 {score} with nothing in common: {card}");
        assert!(!card.contains("内容相符") && !card.contains("内容部分相符"), "{card}");
    }
}

#[tokio::test]
async fn the_need_page_names_the_same_thing_in_other_words_and_shows_other_kinds_apart() {
    let app = TestApp::with_demo().await;
    let page = published_need_page(
        &app,
        "procurement",
        "三万斤谷子想卖给米厂",
        "村里种了三百亩晚禾，打了三万斤谷子，想找米厂或者粮库来收；以后也想引进企业合作建个富硒稻米基地。",
        ("30000", "斤"),
        "3",
    )
    .await;
    let (own, others) = page.body.split_once("其他可能有帮助").expect("a block of other kinds");
    // The rice buyer writes 稻谷 where the village wrote 谷子: the page says they are the same.
    let card = own.split("长期收购富硒大米").nth(1).expect("the rice buyer is recommended first among its kind");
    let card = card.split("</li>").next().unwrap_or("");
    assert!(card.contains("即“稻谷”"), "the reason names the word the buyer uses: {card}");
    assert!(!own.contains("合作共建富硒稻米基地"), "another kind is not among the buyers");
    let others = others.split("匹配度怎么算").next().unwrap_or("");
    assert!(others.contains("合作共建富硒稻米基地") && others.contains("产业合作"), "shown apart with its kind");
    assert!(others.contains("需求中也提到产业合作"), "asked for by the need, which the reason says: {others}");
    assert!(page.body.contains("匹配度怎么算"), "the page says what 匹配度 means");
}

/// Many buyers of the village's own kind do not crowd out another kind that may complement it:
/// the page shows up to five of its kind and, apart, the others however many of its kind there
/// are, and a pairing proposed from one of the others is taken (and its decision page gives
/// the reason) with more than 50 of its kind matching.
#[tokio::test]
async fn other_kinds_are_shown_apart_however_many_of_the_own_kind_match_and_may_be_proposed() {
    use serde_json::json;
    let app = TestApp::with_demo().await;
    let today = app.state.clock.today();
    let (from, until) =
        ((today - chrono::Duration::days(10)).to_string(), (today + chrono::Duration::days(300)).to_string());
    let offers: Vec<serde_json::Value> = (0..55)
        .map(|i| {
            json!({"ref": format!("grain{i}"), "enterprise_ref": "e1", "kind": "procurement",
                "title": format!("收购晚稻谷子第{i}批"), "body": format!("全市收购晚稻谷子，第{i}批，上门装车，现款结算。"),
                "quantity": 500, "unit": "吨", "regions": ["360900000000"], "valid_from": from, "valid_until": until})
        })
        .collect();
    let ledger = json!({
        "organisations": [{"ref": "e1", "kind": "enterprise", "name": "宜春市晚稻收储有限公司",
            "region_code": "360902000000", "uscc": "9136092483271994X1"}],
        "offers": offers,
    });
    import_ledger(&app, &ledger).await;
    ready(&app).await;
    let (title, body) = (
        "三万斤谷子想卖给米厂",
        "村里种了三百亩晚禾，打了三万斤谷子，想找米厂或者粮库来收；以后也想引进企业合作建个富硒稻米基地。",
    );
    let page = published_need_page(&app, "procurement", title, body, ("30000", "斤"), "3").await;
    let need = need_titled(&app, title).await;
    // Precondition: more buyers of its kind match than the page shows of all kinds together, and
    // than the first 50 of all kinds (what a proposal was checked against).
    let w = Weights::default();
    let first = matching::offers_for_need(app.db(), &app.state.search, &need, today, 50, &w).await.expect("match");
    assert_eq!(first.len(), 50);
    assert!(first.iter().all(|m| m.same_kind), "{:?}", first.iter().map(|m| &m.title).collect::<Vec<_>>());
    let (own, others) = page.body.split_once("其他可能有帮助").expect("a block of other kinds");
    assert_eq!(own.matches("class=\"card\"").count(), 5, "five of its own kind");
    // 更多推荐 shows the rest of the first 50 of its kind, and the way back to the short list.
    assert!(page.body.contains(&format!("href=\"/needs/{}?more=1#matches-title\"", need.id)), "a 更多推荐 link");
    let mut reader = Client::new(&app);
    reader.login("cun01", DEMO_PASSWORD).await;
    let long = reader.get(&format!("/needs/{}?more=1", need.id)).await;
    let (long_own, _) = long.body.split_once("其他可能有帮助").expect("the others still apart");
    assert_eq!(long_own.matches("class=\"card\"").count(), 50, "the first 50 of its kind");
    assert!(long.body.contains("只看前几条") && !long.body.contains("?more=1#"), "the way back, no second 更多");
    let others = others.split("匹配度怎么算").next().unwrap_or("");
    assert!(others.contains("合作共建富硒稻米基地") && others.contains("产业合作"), "shown apart with its kind");
    // Proposed from the block of others: taken, and the page says so.
    let other_id = others
        .split("合作共建富硒稻米基地")
        .nth(1)
        .and_then(|card| card.split("/propose?other=").nth(1))
        .and_then(|v| v.split('"').next())
        .expect("a 发起结对 link on the card");
    let mut v = Client::new(&app);
    v.login("cun01", DEMO_PASSWORD).await;
    v.get(&format!("/needs/{}", need.id)).await;
    // 发起结对 first shows what would be proposed, with the matcher's reason and who reviews it.
    let confirm = v.get(&format!("/needs/{}/propose?other={other_id}", need.id)).await;
    assert_eq!(confirm.status, StatusCode::OK);
    assert!(
        confirm.body.contains("确认发起结对")
            && confirm.body.contains("合作共建富硒稻米基地")
            && confirm.body.contains("匹配说明")
            && confirm.body.contains("审核"),
        "{}",
        confirm.body
    );
    // One that is not among the matches is refused there, with the way back.
    let refused = v.get(&format!("/needs/{}/propose?other=999999", need.id)).await;
    assert!(
        refused.body.contains("不在当前的推荐结果中") && refused.body.contains(&format!("href=\"/needs/{}\"", need.id))
    );
    assert!(!refused.body.contains("name=\"other\""), "no form to send it anyway");
    let res = v.post(&format!("/needs/{}/propose", need.id), &[("other", other_id)]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let offer =
        qicun::listings::find(app.db(), Side::Offer, other_id.parse().expect("id")).await.expect("q").expect("o");
    assert_eq!(offer.title, "合作共建富硒稻米基地", "the card's form names the offer on it");
    // The office's decision page works out its reason from the same matches.
    let m = matching::among_matches(app.db(), &app.state.search, &need, offer.id, today).await.expect("match");
    assert!(m.is_some_and(|m| !m.same_kind && !m.reason.is_empty()), "a reason for the decision page");
    let after = v.get(&format!("/needs/{}", need.id)).await;
    let card = after.body.split("合作共建富硒稻米基地").nth(1).unwrap_or("").split("</li>").next().unwrap_or("");
    assert!(card.contains("/pairings/"), "the card now links its pairing: {card}");
}

#[tokio::test]
async fn a_deployment_s_own_words_are_checked_put_in_use_at_start_and_named_in_the_reasons() {
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("qicun.db").display());
    let db = qicun::db::connect_and_migrate(&url).await.expect("db");
    qicun::demo::load(&db, qicun::clock::Clock::default().now()).await.expect("demo");
    db.close().await.expect("close");
    let qicun = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_qicun"))
            .arg("--data-dir")
            .arg(dir.path())
            .args(args)
            .env_remove("DATABASE_URL")
            .env_remove("QICUN_LEXICON")
            .output()
            .expect("run qicun")
    };
    let reasons = |out: std::process::Output| -> String {
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        let first = v.as_array().and_then(|a| a.first()).cloned().expect("a result");
        assert_eq!(first["ref"], "demo-offer-01");
        first["reason"].as_str().unwrap_or_default().to_owned()
    };
    let args = ["match", "--need", "demo-need-01", "--limit", "3", "--format", "json"];
    let before = reasons(qicun(&args));
    assert!(!before.contains("“富硒水稻”"), "{before}");

    // An office's own name for a known product, and a broken line in another file.
    let words = dir.path().join("words.tsv");
    std::fs::write(&words, "term\tkind\tcategory\taliases\texplain\n富硒大米\tproduct\t农产品>粮油>大米\t富硒水稻\t\n")
        .expect("write");
    let check = qicun(&["lexicon", words.to_str().expect("path")]);
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    assert!(String::from_utf8_lossy(&check.stdout).contains("新增 0 个词条"));
    let broken = dir.path().join("broken.tsv");
    std::fs::write(&broken, "term\tkind\tcategory\taliases\texplain\n黄鳝\tfish\t农产品>水产\n").expect("write");
    let out = qicun(&["--lexicon", broken.to_str().expect("path"), "match", "--need", "demo-need-01"]);
    assert!(!out.status.success(), "a broken file stops the program");
    assert!(String::from_utf8_lossy(&out.stderr).contains("补充词库第 2 行：类型「fish」不认识"));

    // In the data directory it is put in use at start; the index built with the old words is
    // rebuilt, and the reason names the local word.
    std::fs::copy(&words, dir.path().join("lexicon.tsv")).expect("copy");
    let after = reasons(qicun(&args));
    assert!(after.contains("“富硒水稻”即“富硒大米”"), "{after}");
}

/// The default weights are the ones learnt on the tuning half: learning again from them gains
/// next to nothing there, and the test half (never learnt on) is reported beside it.
#[tokio::test]
async fn the_default_weights_are_learnt_on_the_tuning_half_only() {
    let bytes = collection("hard");
    let l = qicun::matching::eval::learn(&bytes, None).await.expect("learn");
    let w = l.learnt;
    let sum = w.text + w.kind + w.region + w.capacity + w.poverty + w.urgency + w.freshness + w.record;
    assert!((sum - 1.0).abs() < 1e-9, "learnt weights sum to 1: {w:?}");
    assert!(l.tune.1 >= l.tune.0, "learning never loses on the half it learns on: {l:?}");
    assert!(l.tune.1 - l.tune.0 < 0.01, "the defaults are (nearly) what learning finds: {l:?}");
    assert!(l.test.0 >= 0.85, "the defaults on the test half: {l:?}");
}

#[tokio::test]
async fn an_offer_serving_the_whole_province_finds_villages_in_every_county() {
    let app = TestApp::with_demo().await;
    let mut c = Client::new(&app);
    c.login("qiye01", DEMO_PASSWORD).await;
    c.get("/offers/new").await;
    let res = c
        .post(
            "/offers",
            &[
                ("kind", "procurement"),
                ("title", "全省收购猕猴桃鲜果"),
                ("body", "在江西全省收购猕猴桃鲜果，产地上门收货，现款结算。"),
                ("regions", "360000000000"),
                ("then", "publish"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let id: i32 = common::location(&res).rsplit('/').next().and_then(|s| s.parse().ok()).expect("new offer");
    ready(&app).await;
    let offer = listings::find(app.db(), Side::Offer, id).await.expect("q").expect("offer");
    assert_eq!(offer.regions, vec!["360000000000".to_owned()]);
    let found = matching::needs_for_offer(
        app.db(),
        &app.state.search,
        &offer,
        app.state.clock.today(),
        10,
        &Weights::default(),
    )
    .await
    .expect("match");
    assert_eq!(found.first().map(|m| m.title.as_str()), Some("猕猴桃鲜果求收购"), "{found:?}");
    let counties: std::collections::BTreeSet<String> = {
        let mut out = std::collections::BTreeSet::new();
        for m in &found {
            let v = entity::organisation::Entity::find_by_id(m.organisation_id).one(app.db()).await.expect("q");
            out.insert(v.expect("org").region_code[..6].to_owned());
        }
        out
    };
    assert!(counties.len() >= 2, "villages of more than one county: {counties:?}");
}

/// The enterprises' completion records are kept beside the index (read whole once, then
/// following the outbox): an agreement an office completes counts in the enterprise's record
/// once the index has followed, and what is kept is what the database says.
#[tokio::test]
async fn an_agreement_completed_by_the_office_counts_in_the_enterprise_s_record_once_the_index_follows() {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let app = TestApp::with_demo().await;
    ready(&app).await;
    let agreement = entity::agreement::Entity::find_by_id(4).one(app.db()).await.expect("q").expect("agreement 4");
    assert_eq!(agreement.status, "active", "precondition: the demo's agreement 4 is active");
    let pairing =
        entity::pairing::Entity::find_by_id(agreement.pairing_id).one(app.db()).await.expect("q").expect("pairing");
    let enterprise = pairing.enterprise_id;
    let today = app.state.clock.today();
    // A need whose matches include one of the enterprise's offers.
    let needs = entity::need::Entity::find()
        .filter(entity::need::Column::Status.eq("published"))
        .all(app.db())
        .await
        .expect("needs");
    let mut found = None;
    for n in needs {
        let need = listings::find(app.db(), Side::Need, n.id).await.expect("q").expect("need");
        let ms = matching::offers_for_need(app.db(), &app.state.search, &need, today, 50, &Weights::default())
            .await
            .expect("match");
        if let Some(m) = ms.into_iter().find(|m| m.organisation_id == enterprise) {
            found = Some((need, m));
            break;
        }
    }
    let (need, before) = found.expect("precondition: some need is matched with one of the enterprise's offers");
    let on_file = matching::completion_records(app.db(), Some(&[enterprise])).await.expect("records");
    let (done, ended) = on_file.get(&enterprise).copied().unwrap_or((0, 0));
    assert_eq!(before.features.record, matching::score::record(done, ended), "precondition: the record on file");
    assert_ne!(matching::score::record(done + 1, ended), before.features.record, "precondition: one more moves it");

    let mut office = Client::new(&app);
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    let res =
        office.post("/agreements/4/close", &[("outcome", "completed"), ("reason", "计划全部完成，经核实。")]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(count(app.db(), "change", &format!("entity = 'record' AND entity_id = {enterprise}")).await, 1);
    ready(&app).await;
    let after = matching::offers_for_need(app.db(), &app.state.search, &need, today, 50, &Weights::default())
        .await
        .expect("match")
        .into_iter()
        .find(|m| m.id == before.id)
        .expect("still recommended");
    assert_eq!(after.features.record, matching::score::record(done + 1, ended), "the completed agreement counts");
    let all = matching::completion_records(app.db(), None).await.expect("records");
    let ids: Vec<i32> = all.keys().copied().collect();
    assert!(ids.contains(&enterprise));
    assert_eq!(app.state.search.records_of(&ids), Some(all), "what is kept is what the database says");
}

/// Asserts each named group's nDCG@10 of the matcher is at least its floor.
fn holds_floors(report: &qicun::matching::eval::Report, floors: &[(&str, f64)]) {
    for (name, floor) in floors {
        let got = group(report, name).matcher.ndcg_at_10;
        assert!(got >= *floor, "{name}: nDCG@10 {got:.3} < {floor}");
    }
}

/// What a collection held out from all tuning must hold: its size; nothing of it for tuning;
/// a margin over plain BM25 on its test half; the floors of its groups; its MRR; the offers →
/// needs direction; and never an expired or out-of-area result.
struct HeldOut<'a> {
    file: &'a str,
    needs: usize,
    offers: usize,
    judged: usize,
    over_bm25: f64,
    floors: &'a [(&'a str, f64)],
    mrr: f64,
    reverse_judged: usize,
    reverse: f64,
}

async fn holds(h: HeldOut<'_>) -> qicun::matching::eval::Report {
    let bytes = collection(h.file);
    let report = qicun::matching::eval::run(&bytes, None).await.expect("eval");
    assert!(report.needs >= h.needs && report.offers >= h.offers, "size: {} / {}", report.needs, report.offers);
    assert_eq!(group(&report, "tune").judged, 0, "nothing of it is for tuning");
    let test = group(&report, "test");
    assert!(test.judged >= h.judged, "{test:?}");
    assert!(test.matcher.ndcg_at_10 > test.bm25.expect("bm25").ndcg_at_10 + h.over_bm25, "{test:?}");
    holds_floors(&report, h.floors);
    assert!(test.matcher.mrr >= h.mrr, "MRR {:?}", test.matcher);
    let reverse = report.reverse.iter().find(|g| g.name == "all").expect("reverse direction");
    assert!(reverse.judged >= h.reverse_judged, "offers judged of use to some need: {}", reverse.judged);
    assert!(reverse.matcher.ndcg_at_10 >= h.reverse, "reverse: {:?}", reverse.matcher);
    assert_eq!((report.violations.expired, report.violations.out_of_region), (0, 0), "{:?}", report.violations);
    report
}

/// A second collection, written after the matcher by hands that never saw its code (97 needs,
/// 195 offers; the matcher's unjudged top-10 results judged afterwards by another hand), all of
/// it a test half: nothing was ever learnt on it.
#[tokio::test]
async fn the_fresh_collection_written_without_the_matcher_holds() {
    // Floors a little under what it measures (2026-12-05: 0.906 forward, MRR 0.969, typo 0.900,
    // paraphrase 0.923, Traditional 0.893, reverse 0.864 over the 137 offers judged of use).
    holds(HeldOut {
        file: "fresh",
        needs: 90,
        offers: 190,
        judged: 90,
        over_bm25: 0.3,
        floors: &[("test", 0.87), ("subset:typo", 0.86), ("subset:paraphrase", 0.88), ("subset:traditional", 0.86)],
        mrr: 0.93,
        reverse_judged: 120,
        reverse: 0.84,
    })
    .await;
}

/// A third, smaller collection by yet another hand (47 needs written as problems in everyday
/// words — sick fish and poultry, dark roads, a leaking toilet — 112 offers), also a test only.
#[tokio::test]
async fn the_third_collection_of_problems_in_everyday_words_holds() {
    let bytes = collection("fresh2");
    let report = qicun::matching::eval::run(&bytes, None).await.expect("eval");
    assert!(report.needs >= 45 && report.offers >= 100, "size: {} / {}", report.needs, report.offers);
    let all = group(&report, "all");
    assert!(all.judged >= 45);
    // 2026-12-05: 0.935 forward, reverse 0.868 over the 81 offers judged of use (0.839 before
    // another kind saying much the same was shown as a complement: 13 offers help only needs
    // of another kind, a fertiliser donation the soil that grows nothing). 2026-12-07 evening:
    // 0.939 and reverse 0.847, once another kind is listed only when the need asks for it or
    // the two share much (an outside walk's junk under 其他可能有帮助); this collection's writer
    // judged more needs of another kind a help to an offer than the tuning sets' writers did.
    assert!(all.matcher.ndcg_at_10 >= 0.90, "{all:?}");
    let reverse = report.reverse.iter().find(|g| g.name == "all").expect("reverse");
    assert!(reverse.judged >= 70 && reverse.matcher.ndcg_at_10 >= 0.83, "{reverse:?}");
    assert_eq!((report.violations.expired, report.violations.out_of_region), (0, 0), "{:?}", report.violations);
}

/// A fourth collection by another hand, judged densely from the offers' side (every need of an
/// offer's kind in the area it serves graded, zeros written): 60 needs, 120 offers, all for
/// tuning the offers → needs direction.
#[tokio::test]
async fn the_fourth_collection_judged_from_the_offers_side_holds() {
    let bytes = collection("fresh3");
    let report = qicun::matching::eval::run(&bytes, None).await.expect("eval");
    assert!(report.needs >= 60 && report.offers >= 120, "size: {} / {}", report.needs, report.offers);
    let tune = group(&report, "tune");
    assert!(tune.judged >= 60, "{tune:?}");
    // 2026-12-07: 0.904 forward, reverse 0.861 over the 94 offers judged of use; 0.929 and
    // 0.881 once read (wishes turned away from home, work hiring nearby, 禾苗 for rice), then
    // 0.935 and 0.888 (离屋近, phone classes).
    assert!(group(&report, "kind:employment").matcher.ndcg_at_10 >= 0.80, "employment");
    assert!(tune.matcher.ndcg_at_10 >= 0.87, "{tune:?}");
    let reverse = report.reverse.iter().find(|g| g.name == "all").expect("reverse");
    assert!(reverse.judged >= 90 && reverse.matcher.ndcg_at_10 >= 0.83, "{reverse:?}");
    assert_eq!((report.violations.expired, report.violations.out_of_region), (0, 0), "{:?}", report.violations);
}

/// A fifth collection by another hand that never saw the matcher, judged both ways (every offer
/// of a need's kind in its area graded, and every need of an offer's kind in the area it
/// serves): 80 needs, 160 offers (15 expired near-copies, 12 serving another county, 4 not
/// started yet), all of it held out.
#[tokio::test]
async fn the_fifth_collection_judged_both_ways_is_held_out_and_holds() {
    // Measured on its arrival (2026-12-07, before any change): 0.938 forward, P@5 0.600, MRR
    // 0.967; typo 0.964, paraphrase 0.877, Traditional 0.942; reverse 0.935 over the 129
    // offers judged of use. Floors a little under.
    holds(HeldOut {
        file: "fresh4",
        needs: 80,
        offers: 160,
        judged: 80,
        over_bm25: 0.3,
        floors: &[("test", 0.91), ("subset:typo", 0.93), ("subset:paraphrase", 0.85), ("subset:traditional", 0.91)],
        mrr: 0.94,
        reverse_judged: 120,
        reverse: 0.91,
    })
    .await;
}

/// A sixth collection by another hand that never saw the matcher, written to stress the offers →
/// needs direction (most offers help two to five needs of different villages, in different
/// words): 80 needs, 160 offers (28 distractors: expired near-copies, not started, another
/// county, shared words for other help), all of it held out.
#[tokio::test]
async fn the_sixth_collection_stressing_the_offers_side_is_held_out_and_holds() {
    // Measured on its arrival (2026-12-07, before any change): 0.959 forward, P@5 0.590, MRR
    // 0.988; typo 0.979, paraphrase 0.953, Traditional 0.970; reverse 0.945 over the 135
    // offers judged of use. Floors a little under.
    holds(HeldOut {
        file: "fresh5",
        needs: 80,
        offers: 160,
        judged: 80,
        over_bm25: 0.2,
        floors: &[("test", 0.93), ("subset:typo", 0.95), ("subset:paraphrase", 0.92), ("subset:traditional", 0.94)],
        mrr: 0.96,
        reverse_judged: 130,
        reverse: 0.92,
    })
    .await;
}

/// A seventh collection by another hand that never saw the matcher, of sloppy writing: 60 of its
/// 84 needs typed with mistakes a pinyin input method makes (44 homophones, 9 near sounds a
/// speaker of 赣语 does not tell apart — n and l, -n and -ng, z and zh —, 13 look-alike
/// characters, dropped or doubled characters, pinyin left in), 13 in Traditional characters,
/// 12 sharing no word with the right offer; 158 offers (10 with typos of their own; 24 expired
/// near-copies, 12 not started, some serving another county), all of it held out.
#[tokio::test]
async fn the_seventh_collection_of_typing_mistakes_is_held_out_and_holds() {
    // Measured on its arrival (2026-12-07, before any change): 0.946 forward, P@5 0.362, MRR
    // 0.992; typo 0.951, homophone 0.950, near sounds 0.980, look-alike 0.959, Traditional
    // 0.968, no shared word 0.906; reverse 0.901 over the 107 offers judged of use. Floors a
    // little under.
    let report = holds(HeldOut {
        file: "fresh6",
        needs: 84,
        offers: 158,
        judged: 84,
        over_bm25: 0.3,
        floors: &[
            ("test", 0.92),
            ("subset:typo", 0.93),
            ("subset:homophone", 0.93),
            ("subset:near_sound", 0.94),
            ("subset:lookalike", 0.93),
            ("subset:traditional", 0.94),
            ("subset:no_shared_word", 0.87),
        ],
        mrr: 0.97,
        reverse_judged: 100,
        reverse: 0.88,
    })
    .await;
    assert!(group(&report, "subset:typo").judged >= 60, "the typed needs are there");
}

/// An eighth collection by another hand that never saw the matcher's code (80 needs of 60
/// villages in all ten counties, 170 offers): cadres' words, dialect and brand names, typing
/// mistakes, Traditional characters, ages and wishes of where to work, and distractors — 16
/// expired near-copies, 5 not started, firms selling seed, fertiliser and machines to villages,
/// buyers of other products. Split into a tuning half, whose lists were read, and a test half,
/// whose were not.
#[tokio::test]
async fn the_eighth_collection_holds_on_its_test_half() {
    // On arrival (2026-12-08, before any change): 0.912 forward (tuning half 0.879, test half
    // 0.944), P@5 0.432, MRR 0.948; reverse 0.922 over 109 offers. After reading the tuning half
    // (firms that only sell to villages; ages given as 五六十岁 or 二十五到五十; 18-45周岁; 蒜子,
    // 羊桃, 冬荀): 0.949 (0.932 / 0.966), reverse 0.931. Floors a little under.
    let bytes = collection("fresh7");
    let report = qicun::matching::eval::run(&bytes, None).await.expect("eval");
    assert!(report.needs >= 80 && report.offers >= 170, "size: {} / {}", report.needs, report.offers);
    let (tune, test) = (group(&report, "tune"), group(&report, "test"));
    assert!(tune.judged >= 40 && test.judged >= 40, "{tune:?} {test:?}");
    assert!(test.matcher.ndcg_at_10 >= 0.94 && test.matcher.mrr >= 0.97, "{test:?}");
    assert!(tune.matcher.ndcg_at_10 >= 0.91, "{tune:?}");
    holds_floors(&report, &[("subset:typo", 0.92), ("subset:traditional", 0.94), ("subset:age_limit", 0.93)]);
    let reverse = report.reverse.iter().find(|g| g.name == "all").expect("reverse direction");
    assert!(reverse.judged >= 100 && reverse.matcher.ndcg_at_10 >= 0.91, "{reverse:?}");
    assert_eq!((report.violations.expired, report.violations.out_of_region), (0, 0), "{:?}", report.violations);
}

/// The ninth collection, `tests/eval/fresh8.json`, written blind by another hand (100 needs of 94
/// villages in all ten counties, 200 offers; 4,790 judgments): dialect and brand names, homophone
/// and look-alike mistakes, Traditional characters, quantities in 斤, 担, 万斤 and 个劳力, wishes
/// of where to work and ages, integrated farming (稻田养鸭, 稻虾共养), employment services and
/// generic buyers, firms selling seed, feed and machines, expired and not-yet-started near-copies,
/// and twelve offers that fit three or more needs each (for the reverse direction). Split by need
/// into a tuning half, whose lists were read, and a test half, whose forward lists were not.
#[tokio::test]
async fn the_ninth_collection_holds_on_its_test_half() {
    // On arrival (2026-12-08, before any change): 0.912 forward (tuning half 0.938, test half
    // 0.887), P@5 0.384, MRR 0.962; reverse 0.903 over 121 offers. After (an offer's needs that
    // share nothing come after other kinds' it speaks to; seed on order, feed sent to villages
    // and subsidised harvesters read as selling; employment services): 0.918 (0.944 / 0.893),
    // reverse 0.905. Floors a little under.
    let bytes = collection("fresh8");
    let report = qicun::matching::eval::run(&bytes, None).await.expect("eval");
    assert!(report.needs >= 100 && report.offers >= 200, "size: {} / {}", report.needs, report.offers);
    let (tune, test) = (group(&report, "tune"), group(&report, "test"));
    assert!(tune.judged >= 50 && test.judged >= 50, "{tune:?} {test:?}");
    assert!(test.matcher.ndcg_at_10 >= 0.88 && test.matcher.mrr >= 0.93, "{test:?}");
    assert!(tune.matcher.ndcg_at_10 >= 0.93, "{tune:?}");
    holds_floors(&report, &[("subset:dialect_brand", 0.91), ("subset:age_limit", 0.92), ("subset:units", 0.91)]);
    let reverse = report.reverse.iter().find(|g| g.name == "all").expect("reverse direction");
    assert!(reverse.judged >= 110 && reverse.matcher.ndcg_at_10 >= 0.89, "{reverse:?}");
    assert_eq!((report.violations.expired, report.violations.out_of_region), (0, 0), "{:?}", report.violations);
}

/// A village that wants work only in the town or the county and turns the other provinces down
/// takes no job elsewhere in the province for one it wants (an outside walk saw jobs in other
/// counties read as meeting a wish "不出省务工" the village never had).
#[tokio::test]
async fn a_wish_for_work_only_near_home_is_not_widened_by_turning_other_provinces_down() {
    let app = TestApp::with_demo().await;
    let page = published_need_page(
        &app,
        "employment",
        "三十人想在附近做工",
        "村里三十多个劳力，四十五到六十岁，只想在镇上或者县里做，不想去外省。",
        ("30", "人"),
        "2",
    )
    .await;
    let own = page.body.split("其他可能有帮助").next().unwrap_or("");
    assert!(own.matches("class=\"card\"").count() >= 2, "jobs are recommended: {own}");
    assert!(!own.contains("不出省务工"), "no wish the village did not state: {own}");
    assert!(own.contains("就近务工"), "the reasons speak of the wish it stated: {own}");
}

/// A village that wants work near home "but anywhere in 江西 will do", some of whose workers are
/// past a job's age limit: a job in 南昌 meets the broader wish and the age limit leaves most of
/// them in, and the reasons the firm reads say both in words.
#[tokio::test]
async fn a_job_in_the_province_meets_a_wish_that_also_takes_the_province_and_an_age_limit_leaves_most_in() {
    let app = TestApp::with_demo().await;
    let page = published_need_page(
        &app,
        "employment",
        "二十多人想找分拣的活",
        "村里二十多人想就近务工做分拣，最好不出江西，有几个年纪偏大，五十出头。",
        ("20", "人"),
        "2",
    )
    .await;
    // Jobs elsewhere in the city meet the broader wish too, and say which.
    assert!(page.body.contains("符合“不出省务工”的意愿"), "{}", page.body);

    let mut ent = Client::new(&app);
    ent.login("qiye01", DEMO_PASSWORD).await;
    ent.get("/offers/new").await;
    let offer = [
        ("kind", "employment"),
        ("title", "南昌县物流园招分拣员"),
        ("body", "南昌县物流园招快递分拣员，无经验要求，五十周岁以下，包住。"),
        ("quantity", "60"),
        ("unit", "人"),
        ("regions", "360000000000"),
        ("then", "publish"),
    ];
    let res = ent.post("/offers", &offer).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let page = ent.get(common::location(&res)).await;
    assert_eq!(page.status, StatusCode::OK);
    let card = page
        .body
        .split("二十多人想找分拣的活")
        .nth(1)
        .unwrap_or_else(|| panic!("the village is recommended: {}", page.body));
    let card = card.split("</li>").next().unwrap_or("");
    assert!(card.contains("符合“不出省务工”的意愿"), "the broader wish is met: {card}");
    assert!(card.contains("只招 50 岁以下，村里有几位年纪更大的"), "the age limit, for some of them: {card}");
    assert!(!card.contains("工作地点不符合"), "{card}");
}

/// A need whose words no offer of its kind shares (鱼塘 against 池塘养殖) finds the offer by the
/// characters they share, also where its county has more offers of that kind than the newest
/// asked for reach: 300 others, written before it and so ranked before it among equally new
/// listings (the previous build, which added only the 200 newest, did not have it in its top
/// 20). The offer finds the need among 300 other needs of its kind the same way.
#[tokio::test]
async fn a_listing_sharing_no_word_is_found_by_its_characters_among_many_of_its_kind() {
    use entity::region;
    use sea_orm::{ActiveModelTrait, EntityTrait, Set};
    use serde_json::json;
    const OTHERS: usize = 300;
    let app = TestApp::spawn().await;
    for (code, name, level, parent) in [
        ("360000000000", "江西省", 1, None),
        ("360900000000", "宜春市", 2, Some("360000000000")),
        ("360902000000", "袁州区", 3, Some("360900000000")),
        ("360902106000", "天台镇", 4, Some("360902000000")),
        ("360902106200", "江东村委会", 5, Some("360902106000")),
    ] {
        if region::Entity::find_by_id(code).one(app.db()).await.expect("q").is_none() {
            let parent_code = Set(parent.map(str::to_owned));
            let row =
                region::ActiveModel { code: Set(code.into()), name: Set(name.into()), level: Set(level), parent_code };
            row.insert(app.db()).await.expect("region");
        }
    }
    let topics = ["电商直播运营指导", "网店美工设计", "短视频拍摄剪辑", "财务记账代理", "商标注册代办"];
    let today = app.state.clock.today();
    let (from, until) =
        ((today - chrono::Duration::days(30)).to_string(), (today + chrono::Duration::days(365)).to_string());
    let mut offers: Vec<serde_json::Value> = (0..OTHERS)
        .map(|i| {
            let t = topics[i % topics.len()];
            json!({"ref": format!("o{i:03}"), "enterprise_ref": "e1", "kind": "technical",
                "title": format!("{t}第{i}期"), "body": format!("为企业提供{t}，第{i}期，线上线下均可。"),
                "regions": ["360902000000"], "valid_from": from, "valid_until": until})
        })
        .collect();
    offers.push(json!({"ref": "pond", "enterprise_ref": "e1", "kind": "technical", "title": "池塘养殖水质检测改良",
        "body": "上门检测池塘养殖水质，提供底质改良和增氧方案。", "regions": ["360902000000"],
        "valid_from": from, "valid_until": until}));
    let mut needs: Vec<serde_json::Value> = (0..OTHERS)
        .map(|i| {
            let t = topics[i % topics.len()];
            json!({"ref": format!("n{i:03}"), "village_ref": "v1", "kind": "technical", "title": format!("想学{t}{i}"),
                "body": format!("合作社想请人指导{t}，第{i}批。"), "urgency": 1, "valid_from": from})
        })
        .collect();
    needs.push(json!({"ref": "fish", "village_ref": "v1", "kind": "technical", "title": "鱼塘水发绿发臭",
        "body": "村里几口鱼塘的水发绿发臭，鱼老是浮头，不晓得怎么搞。", "urgency": 2, "valid_from": from}));
    let ledger = json!({
        "organisations": [
            {"ref": "v1", "kind": "village", "name": "江东村民委员会", "region_code": "360902106200",
             "population": 3000, "poor_households": 50, "poor_population": 150, "registered_poor": "否"},
            {"ref": "e1", "kind": "enterprise", "name": "宜春市水产服务有限公司", "region_code": "360902000000",
             "uscc": "9136092483271994X1"}],
        "offers": offers,
        "needs": needs,
    });
    import_ledger(&app, &ledger).await;
    ready(&app).await;
    let (fish, pond) = (by_ref(&app, Side::Need, "fish").await, by_ref(&app, Side::Offer, "pond").await);
    // Preconditions: neither finds the other by words, and few of their kind share their words
    // (so more of the kind are asked for).
    for (l, other, region) in [(&fish, &pond, "360902106200"), (&pond, &fish, "360902000000")] {
        let q = matching::matcher_query(&app.state.search, l, region, today);
        let other_side = if l.side == Side::Need { Side::Offer } else { Side::Need };
        let hits = app.state.search.search(other_side, &q).expect("search");
        assert!(hits.iter().all(|h| h.id != other.id), "{} finds {} by words", l.title, other.title);
        assert!(hits.len() < matching::FEW_SAME_KIND, "{}: {} word hits", l.title, hits.len());
    }
    let w = Weights::default();
    let found = matching::offers_for_need(app.db(), &app.state.search, &fish, today, 10, &w).await.expect("match");
    assert_eq!(found.first().map(|m| m.id), Some(pond.id), "{:?}", found.iter().map(|m| &m.title).collect::<Vec<_>>());
    let found = matching::needs_for_offer(app.db(), &app.state.search, &pond, today, 10, &w).await.expect("match");
    assert_eq!(found.first().map(|m| m.id), Some(fish.id), "{:?}", found.iter().map(|m| &m.title).collect::<Vec<_>>());
    // The others of the kind outnumber what is asked for of the newest (and by characters).
    const { assert!(OTHERS > matching::NEWEST_CANDIDATES && OTHERS > matching::CHAR_CANDIDATES) };
}

/// Another kind of help is shown apart only when the need asks for that help too and says much
/// the same: a training need that adds that its produce wants a buyer gets the buyer, with the
/// reason saying the need asks for it; a street-light need sharing a few everyday characters
/// (晚上, 村里) with a clothing workshop's orders does not get the orders (an outside walk saw
/// them offered for 晚上村里黑麻麻 with 内容部分相符).
#[tokio::test]
async fn another_kind_is_shown_apart_only_when_the_need_asks_for_it_too() {
    use serde_json::json;
    let app = TestApp::with_demo().await;
    let today = app.state.clock.today();
    let (from, until) =
        ((today - chrono::Duration::days(10)).to_string(), (today + chrono::Duration::days(300)).to_string());
    let ledger = json!({
        "organisations": [{"ref": "e1", "kind": "enterprise", "name": "宜春市樟树药材贸易有限公司",
            "region_code": "360902000000", "uscc": "9136092483271994X1"}],
        "offers": [
            {"ref": "zk", "enterprise_ref": "e1", "kind": "procurement", "title": "常年收购枳壳",
             "body": "常年收购枳壳、枳实等道地药材，上门收货，现款结算。", "quantity": 50, "unit": "吨",
             "regions": ["360900000000"], "valid_from": from, "valid_until": until},
            {"ref": "fz", "enterprise_ref": "e1", "kind": "industry", "title": "扶贫车间服装加工订单",
             "body": "服装厂把加工订单放到村里的扶贫车间，村里妇女白天晚上都能做，按件计酬。",
             "regions": ["360900000000"], "valid_from": from, "valid_until": until},
        ],
    });
    import_ledger(&app, &ledger).await;
    ready(&app).await;
    let offer_id = |r: &str| {
        let r = r.to_owned();
        let app = &app;
        async move { by_ref(app, Side::Offer, &r).await.id }
    };
    let (buyer, orders) = (offer_id("zk").await, offer_id("fz").await);

    // A training need that asks for a buyer as well: the buyer, apart, says why.
    let page = published_need_page(
        &app,
        "training",
        "想学直播卖枳壳",
        "村里年轻人想学手机直播卖货，把自家的枳壳卖出去；枳壳也要找收购商来村里收。",
        ("", ""),
        "2",
    )
    .await;
    let (_, others) = page.body.split_once("其他可能有帮助").expect("a block of other kinds");
    let card = others.split("常年收购枳壳").nth(1).expect("the buyer of 枳壳 is shown apart");
    let card = card.split("</li>").next().unwrap_or("");
    assert!(card.contains("需求中也提到消费帮扶"), "the reason says the need asks for buyers too: {card}");

    // A street-light need: the orders share characters and words with it (a candidate the index
    // finds), yet are no help of the kind asked for and are not shown.
    let title = "晚上村里黑麻麻";
    let page = published_need_page(
        &app,
        "infrastructure",
        title,
        "村里晚上黑麻麻的，老人晚上出门怕摔跤，妇女晚上做完事回家也怕，想装一些路灯。",
        ("", ""),
        "2",
    )
    .await;
    let need = need_titled(&app, title).await;
    let village = {
        use sea_orm::EntityTrait;
        entity::organisation::Entity::find_by_id(need.organisation_id).one(app.db()).await.expect("q").expect("org")
    };
    let q = matching::candidate_query(&need, &village.region_code, today);
    let hits = app.state.search.search(Side::Offer, &q).expect("search");
    assert!(hits.iter().any(|h| h.id == orders), "precondition: the orders are a candidate");
    assert!(!page.body.contains("扶贫车间服装加工订单"), "the orders are not offered for street lights");
    let w = Weights::default();
    let found = matching::offers_for_need(app.db(), &app.state.search, &need, today, 50, &w).await.expect("match");
    assert!(
        found.iter().all(|m| m.id != orders && m.id != buyer),
        "{:?}",
        found.iter().map(|m| &m.title).collect::<Vec<_>>()
    );
}

/// Found by an outside walk of the demo: a technical need asking for an expert was offered the
/// livestream course "as asked for" (what a need says of its own kind asks for nothing else),
/// and a need for school grants was offered a road, on a few shared words weighed against a
/// weak best candidate. Neither is listed now; any other kind that is listed either is asked
/// for (and says so) or shares at least half the relevance of the best.
#[tokio::test]
async fn other_kinds_on_the_demo_needs_are_asked_for_or_share_much() {
    let app = TestApp::with_demo().await;
    ready(&app).await;
    let today = app.state.clock.today();
    let w = Weights::default();
    let titles = |ms: &[matching::Match]| ms.iter().map(|m| m.title.clone()).collect::<Vec<_>>();
    let canker = need_titled(&app, "猕猴桃溃疡病防治").await;
    let (same, others) =
        matching::for_loaded_apart(app.db(), &app.state.search, &canker, today, (5, 20), &w).await.expect("match");
    assert!(!same.is_empty(), "technical help is found");
    assert!(others.iter().all(|m| !m.title.contains("直播")), "{:?}", titles(&others));
    assert!(
        others.iter().all(|m| !m.reason.contains("需求中也提到")),
        "{:?}",
        others.iter().map(|m| &m.reason).collect::<Vec<_>>()
    );
    let grants = need_titled(&app, "资助贫困学生").await;
    let (_, others) =
        matching::for_loaded_apart(app.db(), &app.state.search, &grants, today, (5, 20), &w).await.expect("match");
    assert!(others.iter().all(|m| !m.title.contains("公路")), "{:?}", titles(&others));
    // Every demo need: each other kind listed is asked for or shares much.
    use sea_orm::EntityTrait;
    let needs = entity::need::Entity::find().all(app.db()).await.expect("q");
    assert!(needs.len() >= 50, "precondition: the demo's needs");
    let mut listed = 0;
    for n in needs {
        let l = listings::find(app.db(), Side::Need, n.id).await.expect("q").expect("listing");
        if l.effective_status(today) != qicun::domain::ListingStatus::Published {
            continue;
        }
        let (_, others) =
            matching::for_loaded_apart(app.db(), &app.state.search, &l, today, (5, 20), &w).await.expect("match");
        for m in others {
            listed += 1;
            assert!(
                m.reason.contains("需求中也提到") || m.features.text >= matching::score::RELATED_TEXT,
                "{} → {}: {}",
                l.title,
                m.title,
                m.reason
            );
        }
    }
    assert!(listed > 0, "precondition: some other kinds are listed on the demo");
}
