//! The web skeleton: the home page and its figures, the health check, errors, headers, and the
//! demo loader.

mod common;

use axum::http::StatusCode;
use common::{Client, TestApp, count};
use qicun::demo::DEMO_PASSWORD;
use qicun::stats;

#[tokio::test]
async fn the_demo_home_page_shows_the_campaign_figures() {
    let app = TestApp::with_demo().await;
    let figures = stats::figures(app.db(), app.state.clock.today()).await.expect("figures");
    // The demo's 20 enterprises and 30 villages include one of each still waiting for its office.
    assert!(figures.enterprises == 19 && figures.villages == 29, "only verified ones count: {figures:?}");
    assert!(figures.offers > 0 && figures.needs > 0 && figures.approved_pairings > 0 && figures.contributed_fen > 0);

    let page = app.get("/").await;
    assert_eq!(page.status, 200);
    assert!(page.headers["content-type"].to_str().expect("ascii").starts_with("text/html"));
    for (value, label) in [
        (figures.enterprises.to_string(), "已认证企业"),
        (figures.paired_villages.to_string(), "已结对的村"),
        (figures.offers.to_string(), "在线帮扶资源"),
        (figures.approved_pairings.to_string(), "已通过结对"),
        (qicun::money::Money(figures.contributed_fen).display(), "已核实帮扶投入"),
    ] {
        let shown = format!("<span class=\"figure-value\">{value}</span><span class=\"figure-label\">{label}");
        assert!(page.body.contains(&shown), "home page shows {label} = {value}");
    }
    assert!(!page.body.contains("<span class=\"figure-value\">0</span>"), "no figure is zero in the demo");
    // One definition per figure, written on the page.
    assert!(page.body.contains("统计口径") && page.body.contains("至少有一个审核通过的结对的村"));
    let paired = count(
        app.db(),
        "organisation",
        "kind = 'village' AND id IN (SELECT village_id FROM pairing WHERE status = 'approved')",
    )
    .await;
    assert_eq!(figures.paired_villages, paired as u64, "paired villages as the database has them");
    assert!(figures.paired_villages < figures.villages, "not every verified village is paired in the demo");
    assert!(page.body.contains("长期收购富硒大米") || page.body.contains("最新帮扶资源"));
}

#[tokio::test]
async fn an_empty_instance_says_what_is_missing() {
    let app = TestApp::spawn().await;
    let page = app.get("/").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("还没有企业发布帮扶资源"));
    assert!(page.body.contains("<span class=\"figure-value\">¥0.00</span>"));
}

#[tokio::test]
async fn home_figures_count_only_live_listings_and_verified_money() {
    let app = TestApp::with_demo().await;
    let today = app.state.clock.today();
    let figures = stats::figures(app.db(), today).await.expect("figures");
    let live_offers = count(
        app.db(),
        "offer",
        &format!("status = 'published' AND (valid_until IS NULL OR valid_until >= '{today}')"),
    )
    .await;
    assert_eq!(figures.offers as i64, live_offers);
    assert!(live_offers < 60, "drafts, withdrawn, closed and expired offers are not counted");
    let verified = count(app.db(), "contribution", "status = 'verified'").await;
    assert_eq!(figures.verified_contributions as i64, verified);
    assert!(verified < count(app.db(), "contribution", "1 = 1").await, "unverified contributions are not counted");
}

#[tokio::test]
async fn loading_the_demo_twice_adds_nothing() {
    let app = TestApp::with_demo().await;
    let before = count(app.db(), "organisation", "1 = 1").await;
    let offers = count(app.db(), "offer", "1 = 1").await;
    let report = qicun::demo::load(app.db(), app.state.clock.now()).await.expect("second load");
    assert!(report.skipped);
    assert_eq!(count(app.db(), "organisation", "1 = 1").await, before);
    assert_eq!(count(app.db(), "offer", "1 = 1").await, offers);
    assert_eq!(count(app.db(), "audit_event", "action = 'demo.load'").await, 1);
    assert_eq!(count(app.db(), "change", "entity = 'offer'").await, offers, "every demo offer is in the outbox");
}

#[tokio::test]
async fn the_demo_has_every_pairing_status_and_valid_credit_codes() {
    let app = TestApp::with_demo().await;
    for status in qicun::domain::PairingStatus::ALL {
        let n = count(app.db(), "pairing", &format!("status = '{}'", status.code())).await;
        assert!(n > 0, "a pairing in status {status}");
    }
    for status in qicun::domain::ContributionStatus::ALL {
        assert!(count(app.db(), "contribution", &format!("status = '{}'", status.code())).await > 0, "{status}");
    }
    for kind in qicun::domain::ListingKind::ALL {
        assert!(count(app.db(), "offer", &format!("kind = '{}'", kind.code())).await > 0, "an offer of kind {kind}");
        assert!(count(app.db(), "need", &format!("kind = '{}'", kind.code())).await > 0, "a need of kind {kind}");
    }
    assert!(count(app.db(), "organisation", "kind = 'enterprise' AND region_code NOT LIKE '3609%'").await >= 3);
    let rows = entity::organisation::Entity::find().all(app.db()).await.expect("orgs");
    for org in rows.iter().filter(|o| o.kind == "enterprise") {
        let code = org.uscc.as_deref().expect("every demo enterprise has a credit code");
        assert!(qicun::uscc::parse(code).is_ok(), "{code}");
    }
}

use sea_orm::EntityTrait;

#[tokio::test]
async fn healthz_answers_when_the_database_is_up() {
    let app = TestApp::spawn().await;
    let res = app.get("/healthz").await;
    assert_eq!(res.status, 200);
    let body: serde_json::Value = serde_json::from_str(&res.body).expect("json");
    assert_eq!(body["status"], "ok");
}

#[tokio::test]
async fn an_unknown_page_is_a_chinese_404_page_with_security_headers() {
    let app = TestApp::spawn().await;
    let res = app.get("/no/such/page").await;
    assert_eq!(res.status, 404);
    assert!(res.body.contains("页面不存在") && res.body.contains("返回首页"));
    let csp = res.headers["content-security-policy"].to_str().expect("ascii");
    assert!(csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"));
    assert_eq!(res.headers["x-content-type-options"], "nosniff");
    assert!(res.headers.contains_key("referrer-policy"));
    assert!(res.headers.contains_key("x-request-id"), "every response carries its request id");
}

#[tokio::test]
async fn the_stylesheet_is_served_by_the_app_itself() {
    let app = TestApp::spawn().await;
    let res = app.get("/static/app.css").await;
    assert_eq!(res.status, 200);
    assert!(res.headers["content-type"].to_str().expect("ascii").starts_with("text/css"));
    assert!(res.body.contains("Noto Sans CJK SC") && !res.body.contains("@import") && !res.body.contains("url(http"));
    let home = app.get("/").await;
    assert!(!home.body.contains("http://") && !home.body.contains("https://"), "no external resource on the page");
}

#[tokio::test]
async fn pages_go_out_gzipped_to_browsers_that_ask_and_the_site_has_an_icon() {
    use axum::body::Body;
    use axum::http::Request;
    let app = TestApp::with_demo().await;
    let req = Request::get("/offers").header("accept-encoding", "gzip").body(Body::empty()).expect("request");
    let res = app.request(req).await;
    assert_eq!(res.status, 200);
    assert_eq!(res.headers.get("content-encoding").and_then(|v| v.to_str().ok()), Some("gzip"));
    let plain = app.get("/offers").await;
    assert!(plain.headers.get("content-encoding").is_none() && plain.body.contains("帮扶资源"), "others get it plain");
    let icon = app.get("/favicon.ico").await;
    assert_eq!(icon.status, 200);
    assert!(icon.body.starts_with("<svg"));
}

/// A village still waiting for the office's verification follows every link of its menu to a
/// page, or to one saying it must be verified first — never to 页面不存在 or a bare 没有权限
/// (an outside walk found both).
#[tokio::test]
async fn a_pending_village_is_told_why_wherever_its_menu_leads() {
    let app = TestApp::with_demo().await;
    let mut pending = Client::new(&app);
    pending.login("cun30", DEMO_PASSWORD).await;
    let home = pending.get("/my").await;
    assert_eq!(home.status, StatusCode::OK);
    let header = home.body.split("<main").next().unwrap_or("");
    let links: Vec<String> = header
        .split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|l| l.starts_with('/') && !l.starts_with("/static") && !l.contains("lang=") && *l != "/logout")
        .map(str::to_owned)
        .collect();
    assert!(links.iter().any(|l| l == "/my/worklog") && links.iter().any(|l| l == "/monitoring"), "{links:?}");
    for link in &links {
        let res = pending.get(link).await;
        let told = res.status == StatusCode::CONFLICT && res.body.contains("认证后");
        assert!(res.status == StatusCode::OK || told, "{link}: {} {}", res.status, res.body);
    }
}

/// A page refused for the role links nothing that would refuse the user again (an outside walk
/// was sent from a refused cadre page to /cadre, refused too).
#[tokio::test]
async fn a_page_refused_for_the_role_links_no_page_that_refuses_too() {
    let app = TestApp::with_demo().await;
    let mut firm = Client::new(&app);
    firm.login("qiye01", DEMO_PASSWORD).await;
    for (page, parent) in [("/cadre/pairings/1", "/cadre"), ("/monitoring/1/notice", "/monitoring/1")] {
        let res = firm.get(page).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{page}");
        assert!(!res.body.contains(&format!("href=\"{parent}\"")), "{page}: {}", res.body);
        assert!(firm.get(parent).await.status != StatusCode::OK, "{parent} refuses the firm too");
        assert!(res.body.contains("href=\"/my\""), "the way home");
    }
}

/// The list of agreements names both parties and the period of each, so that two agreements of
/// one title are told apart (an outside walk could not).
#[tokio::test]
async fn the_agreements_list_names_the_parties_and_the_period() {
    let app = TestApp::with_demo().await;
    let mut office = Client::new(&app);
    office.login("yichun-fpb", DEMO_PASSWORD).await;
    let page = office.get("/agreements").await;
    assert_eq!(page.status, StatusCode::OK);
    let agreements = entity::agreement::Entity::find().all(app.db()).await.expect("q");
    assert!(agreements.len() >= 2, "the demo has agreements");
    let mut shown = 0;
    for a in &agreements {
        let p = entity::pairing::Entity::find_by_id(a.pairing_id).one(app.db()).await.expect("q").expect("p");
        let ent = entity::organisation::Entity::find_by_id(p.enterprise_id).one(app.db()).await.expect("q").expect("e");
        let vil = entity::organisation::Entity::find_by_id(p.village_id).one(app.db()).await.expect("q").expect("v");
        if page.body.contains(&format!("href=\"/agreements/{}\"", a.id)) {
            shown += 1;
            let card = page
                .body
                .split(&format!("href=\"/agreements/{}\"", a.id))
                .nth(1)
                .and_then(|s| s.split("</li>").next())
                .unwrap_or("");
            assert!(card.contains(&format!("{} ↔ {}", ent.name, vil.name)) && card.contains(" 至 "), "{card}");
        }
    }
    assert!(shown >= 2, "{shown} listed");
}
