//! The English switch (issue 17): pages take their words from message files; Chinese is the
//! default; a visitor switches on any page and comes back to it; every word a template asks for
//! is in every language's file, so a further language is one more file.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{Client, TestApp};
use qicun::demo::DEMO_PASSWORD;

/// The navigation bar of a page.
fn nav(body: &str) -> &str {
    let start = body.find("<nav class=\"site-nav\"").expect("a navigation bar");
    let end = body[start..].find("</nav>").expect("closed") + start;
    &body[start..end]
}

async fn switch(c: &mut Client<'_>, to: &str, referer: &str) -> common::TestResponse {
    c.send(
        Request::get(format!("/lang/{to}"))
            .header(header::HOST, "qicun.test")
            .header(header::REFERER, referer)
            .body(Body::empty())
            .expect("request"),
    )
    .await
}

#[tokio::test]
async fn a_visitor_switches_to_english_and_back_on_any_page() {
    let app = TestApp::with_demo().await;
    let mut c = Client::new(&app);
    let page = c.get("/offers").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<html lang=\"zh-CN\">"), "Chinese by default");
    assert!(nav(&page.body).contains(">帮扶资源</a>") && !nav(&page.body).contains("Offers"));
    assert!(page.body.contains("href=\"/lang/en\"") && page.body.contains(">English</a>"), "the switch is on the page");

    let res = switch(&mut c, "en", "http://qicun.test/offers?page=2").await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(common::location(&res), "/offers?page=2", "back to the page it was on");
    assert_eq!(c.cookies.get("qicun_lang").map(String::as_str), Some("en"), "{:?}", res.headers);
    let page = c.get("/offers").await;
    assert!(page.body.contains("<html lang=\"en\">"), "{}", &page.body[..200]);
    let bar = nav(&page.body);
    assert!(bar.contains(">Offers</a>") && bar.contains(">Village needs</a>") && bar.contains(">Log in</a>"), "{bar}");
    assert!(!bar.contains("帮扶资源"), "{bar}");
    assert!(page.body.contains("href=\"/lang/zh-CN\"") && page.body.contains(">中文</a>"), "and the way back");

    // The home page and the login page read in English, with their figures.
    let home = c.get("/").await;
    assert!(
        home.body.contains("<h1>A hundred firms, a hundred villages") && home.body.contains("Verified firms"),
        "{}",
        home.body
    );
    assert!(home.body.contains("registered poor villages)") && !home.body.contains("{ $poor }"), "variables filled");
    let login = c.get("/login").await;
    assert!(
        login.body.contains("<title>Log in · 企村</title>") && login.body.contains(">Login name</label>"),
        "{}",
        login.body
    );
    assert!(login.body.contains("No account yet? <a href=\"/register\">"), "{}", login.body);

    // The public lists: headings, filters and kinds in English (each page kept per language).
    let offers = c.get("/offers").await;
    assert!(offers.body.contains("<h1>Offers</h1>") && offers.body.contains(">All kinds</option>"), "{}", offers.body);
    assert!(
        offers.body.contains(">Produce purchase</span>") || offers.body.contains(">Jobs</span>"),
        "kinds in English"
    );
    assert!(offers.body.contains("Valid until "), "{}", offers.body);
    let first_offer = offers.body.split("href=\"/offers/").nth(1).and_then(|r| r.split('"').next()).expect("an offer");
    let offer = c.get(&format!("/offers/{first_offer}")).await;
    assert!(
        offer.body.contains("<dt>Valid</dt>") && offer.body.contains("Does your village need this?"),
        "{}",
        offer.body
    );
    assert!(
        offer.body.contains("Village committees first <a href=\"/register/village\">register</a>"),
        "{}",
        offer.body
    );
    let notices = c.get("/notices").await;
    assert!(
        notices.body.contains("<h1>Public notices</h1>") && notices.body.contains("Notice period "),
        "{}",
        notices.body
    );
    assert!(!notices.body.contains(">公示中</span>"), "statuses in English");
    let first = notices.body.split("href=\"/notices/").nth(1).and_then(|r| r.split('"').next()).expect("a notice");
    let notice = c.get(&format!("/notices/{first}")).await;
    assert!(notice.body.contains("← All public notices") && notice.body.contains("Notice period: "), "{}", notice.body);
    let register = c.get("/register").await;
    assert!(register.body.contains("<h1>Register</h1>") && register.body.contains("A firm · we want to help"));
    let missing = c.get("/offers/999999").await;
    assert!(missing.body.contains("Back to the home page"), "the error page's way out in English");

    // Logged in, the menus of the role read in English too.
    assert_eq!(c.login("yuanzhou-fpb", DEMO_PASSWORD).await.status, StatusCode::SEE_OTHER);
    let office = c.get("/office/programmes").await;
    let bar = nav(&office.body);
    assert!(bar.contains(">Cockpit</a>") && bar.contains(">Programme ledgers</a>") && bar.contains("Log out"), "{bar}");

    // Back to Chinese.
    assert_eq!(switch(&mut c, "zh-CN", "http://qicun.test/office/programmes").await.status, StatusCode::SEE_OTHER);
    assert!(nav(&c.get("/office/programmes").await.body).contains(">驾驶舱</a>"));
    let home = Client::new(&app).get("/").await;
    assert!(
        home.body.contains("已认证的村（其中建档立卡村 ") && home.body.contains("<h1>百企联百村 · 企村结对帮扶</h1>")
    );
    let offers = Client::new(&app).get("/offers").await;
    assert!(
        offers.body.contains("<h1>帮扶资源</h1>") && offers.body.contains(">全部类型</option>"),
        "Chinese stays as it was"
    );

    // Never off the site, never a loop; an unknown language is refused in words.
    for referer in
        ["http://evil.test/offers", "http://qicun.test//evil.test/", "http://qicun.test/lang/en", "javascript:x"]
    {
        let res = switch(&mut c, "en", referer).await;
        assert_eq!(common::location(&res), "/", "{referer}");
    }
    let unknown = c.get("/lang/fr").await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unknown.body.contains("不支持这种语言：可选 中文、English"), "{}", unknown.body);
    // A forged cookie value is the default language, not an error.
    let mut forged = Client::new(&app);
    forged.cookies.insert("qicun_lang".into(), "<script>".into());
    let page = forged.get("/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<html lang=\"zh-CN\">"));
}

#[test]
fn every_word_a_template_asks_for_is_in_every_language() {
    let messages = qicun::web::i18n::Messages::new().expect("the message files read");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let mut keys = std::collections::BTreeSet::new();
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "hbs") {
                let text = std::fs::read_to_string(&path).expect("template");
                for part in text.split("{{t \"").skip(1) {
                    keys.insert(part.split('"').next().expect("key").to_owned());
                }
            }
        }
    }
    assert!(keys.len() >= 40, "the layout's words at least: {}", keys.len());
    for (lang, _, _) in qicun::web::i18n::LANGUAGES {
        let missing: Vec<&String> = keys.iter().filter(|k| !messages.has(lang, k)).collect();
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
    }
}
