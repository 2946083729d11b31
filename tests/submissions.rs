//! A form that creates something, sent twice (a double click, a reload after posting, a retry
//! on a slow link), creates it once: an outside probe sent one offer form twenty times at once
//! and got twenty offers, and one contribution ten times and got ten records.

mod common;

use axum::http::StatusCode;
use common::{Client, TestApp, count, location};
use qicun::demo::DEMO_PASSWORD;

/// The one-time key a page's form carries.
fn key_in(page: &str) -> String {
    let mark = "name=\"submission\" value=\"";
    let at = page.find(mark).expect("the form carries a one-time key") + mark.len();
    page[at..].split('"').next().unwrap_or("").to_owned()
}

#[tokio::test]
async fn a_new_listing_form_sent_twice_creates_one_listing_and_says_so() {
    let app = TestApp::with_demo().await;
    let mut c = Client::new(&app);
    c.login("qiye01", DEMO_PASSWORD).await;
    let key = key_in(&c.get("/offers/new").await.body);
    assert!(key.len() >= 16);
    let other = key_in(&c.get("/offers/new").await.body);
    assert_ne!(key, other, "each form its own key");
    let form = |title: &'static str, key: &str| -> Vec<(String, String)> {
        [
            ("kind", "procurement"),
            ("title", title),
            ("body", "常年收购本地富硒大米，按保护价结算，检测合格即签订单。"),
            ("quantity", "3000"),
            ("unit", "公斤"),
            ("regions", "360902000000"),
            ("then", "publish"),
            ("submission", key),
        ]
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
    };
    let once = form("只想发一次的收购", &key);
    let once: Vec<(&str, &str)> = once.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let first = c.post("/offers", &once).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    assert!(location(&first).starts_with("/offers/"));
    // The reload after posting: the same form again.
    let again = c.post("/offers", &once).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    assert!(
        again.body.contains("这份表单已经提交过了") && again.body.contains("帮扶资源「只想发一次的收购」"),
        "{}",
        again.body
    );
    assert_eq!(count(app.db(), "offer", "title = '只想发一次的收购'").await, 1);

    // Sent five times at once from five tabs of one session: one offer.
    let mut tabs: Vec<Client> = Vec::new();
    for _ in 0..5 {
        let mut t = Client::new(&app);
        t.cookies = c.cookies.clone();
        t.csrf = c.csrf.clone();
        tabs.push(t);
    }
    let f = form("五个标签页同时发的收购", &other);
    let refs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let [t0, t1, t2, t3, t4] = &mut tabs[..] else { unreachable!() };
    let (r0, r1, r2, r3, r4) = tokio::join!(
        t0.post("/offers", &refs),
        t1.post("/offers", &refs),
        t2.post("/offers", &refs),
        t3.post("/offers", &refs),
        t4.post("/offers", &refs),
    );
    let statuses: Vec<StatusCode> = [r0, r1, r2, r3, r4].iter().map(|r| r.status).collect();
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::SEE_OTHER).count(), 1, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::CONFLICT).count(), 4, "{statuses:?}");
    assert_eq!(count(app.db(), "offer", "title = '五个标签页同时发的收购'").await, 1);

    // A form refused for a field keeps its key: put right, it is saved once.
    let mut v = Client::new(&app);
    v.login("cun01", DEMO_PASSWORD).await;
    let key = key_in(&v.get("/needs/new").await.body);
    let bad = v
        .post(
            "/needs",
            &[("kind", "employment"), ("title", "短"), ("body", "村里有二十个劳动力想就近务工"), ("submission", &key)],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(key_in(&bad.body), key, "the re-shown form keeps its key");
    let good = v
        .post(
            "/needs",
            &[
                ("kind", "employment"),
                ("title", "二十个劳动力想就近务工"),
                ("body", "村里有二十个劳动力想就近务工"),
                ("submission", &key),
            ],
        )
        .await;
    assert_eq!(good.status, StatusCode::SEE_OTHER, "{}", good.body);
    assert_eq!(count(app.db(), "need", "title = '二十个劳动力想就近务工'").await, 1);
}

#[tokio::test]
async fn a_contribution_report_sent_twice_is_recorded_once() {
    let app = TestApp::with_demo().await;
    let mut firm = Client::new(&app);
    firm.login("qiye01", DEMO_PASSWORD).await;
    let page = firm.get("/agreements/1/contributions/new").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let key = key_in(&page.body);
    let today = app.state.clock.today().to_string();
    let fields: Vec<(String, String)> = [
        ("kind", "money"),
        ("amount_yuan", "12345"),
        ("households", "12"),
        ("persons", "40"),
        ("contributed_on", today.as_str()),
        ("description", "捐赠石桥村图书室图书一批"),
        ("submission", key.as_str()),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect();
    let before = count(app.db(), "contribution", "1 = 1").await;
    let first = firm.post_multipart("/agreements/1/contributions", &fields, &["files"]).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    let again = firm.post_multipart("/agreements/1/contributions", &fields, &["files"]).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    assert!(again.body.contains("这份表单已经提交过了") && again.body.contains("帮扶记录 #"), "{}", again.body);
    assert_eq!(count(app.db(), "contribution", "1 = 1").await, before + 1);
    assert_eq!(count(app.db(), "contribution", "description = '捐赠石桥村图书室图书一批'").await, 1);
}
