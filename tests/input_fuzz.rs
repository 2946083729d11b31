//! Every form the pages offer, as every role sees them, takes overlong text and control
//! characters in each of its fields without a 5xx: the forms are found by crawling the demo as
//! each role (so a new form is covered the day it appears), then each text field is sent 5,000
//! characters, then a NUL byte. Run on PostgreSQL too, where columns have hard lengths and
//! text may not hold NUL.

mod common;

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use axum::http::StatusCode;
use common::{Client, TestApp};
use qicun::demo::DEMO_PASSWORD;

#[derive(Debug, Clone)]
struct Form {
    method: String,
    action: String,
    fields: Vec<(String, String, String)>, // name, type, default value
    multipart: bool,
}

/// A value the app would accept for an empty field, so that the field under test is the only
/// wrong one and an overlong value that passes validation reaches the database.
fn plausible(name: &str, kind: &str, n: usize) -> String {
    let n_login = format!("fuzz{n}");
    match (name, kind) {
        (_, "tel") => "13907951234".into(),
        (_, "number") => "1".into(),
        (_, "date") => "2026-11-01".into(),
        (n, _) if n.contains("phone") => "13907951234".into(),
        (n, _) if n.contains("amount") => "100".into(),
        (n, _) if n.contains("date") || n.ends_with("_on") || n.starts_with("valid_") => "2026-11-01".into(),
        ("login", _) => n_login,
        (n, _) if n.starts_with("password") || n == "current" => "Strong-pass-2026".into(),
        ("uscc", _) => "91360902MA3AB7C15P".into(),
        (
            "quantity" | "persons" | "households" | "population" | "poor_households" | "poor_population" | "urgency",
            _,
        ) => "1".into(),
        ("regions", _) => "360902000000".into(),
        ("unit", _) => "人".into(),
        ("jurisdiction", _) => "360902000000".into(),
        _ => "测试用的一段说明文字".into(),
    }
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let needle = format!(" {name}=\"");
    let start = tag.find(&needle)? + needle.len();
    let end = tag[start..].find('"')? + start;
    Some(tag[start..end].replace("&amp;", "&").replace("&#x3D;", "=").replace("&quot;", "\""))
}

fn tags<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name}");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&open) {
        let after = &rest[i..];
        let Some(end) = after.find('>') else { break };
        out.push(&after[..=end]);
        rest = &after[end..];
    }
    out
}

fn forms(html: &str) -> Vec<Form> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("<form") {
        let after = &rest[i..];
        let Some(close) = after.find("</form>") else { break };
        let inner = &after[..close];
        let head = &inner[..inner.find('>').unwrap_or(0) + 1];
        let method = attr(head, "method").unwrap_or_else(|| "get".into()).to_lowercase();
        let action = attr(head, "action").unwrap_or_default();
        let multipart = attr(head, "enctype").is_some_and(|e| e.contains("multipart"));
        if action.starts_with('/') {
            let mut fields = Vec::new();
            for t in tags(inner, "input") {
                if let Some(name) = attr(t, "name") {
                    let kind = attr(t, "type").unwrap_or_else(|| "text".into());
                    fields.push((name, kind, attr(t, "value").unwrap_or_default()));
                }
            }
            for t in tags(inner, "textarea") {
                if let Some(name) = attr(t, "name") {
                    fields.push((name, "textarea".into(), String::new()));
                }
            }
            let mut rest_sel = inner;
            while let Some(i) = rest_sel.find("<select") {
                let sel = &rest_sel[i..];
                let end = sel.find("</select>").unwrap_or(sel.len());
                let body = &sel[..end];
                if let Some(name) = attr(&body[..body.find('>').unwrap_or(0) + 1], "name") {
                    let first =
                        tags(body, "option").into_iter().filter_map(|o| attr(o, "value")).find(|v| !v.is_empty());
                    fields.push((name, "select".into(), first.unwrap_or_default()));
                }
                rest_sel = &sel[end..];
            }
            out.push(Form { method, action, fields, multipart });
        }
        rest = &after[close..];
    }
    out
}

fn links(html: &str) -> Vec<String> {
    tags(html, "a").into_iter().filter_map(|t| attr(t, "href")).filter(|h| h.starts_with('/')).collect()
}

/// Pages not to follow: logging out ends the crawl's session; downloads are not pages.
fn skip_link(href: &str) -> bool {
    href.starts_with("/logout")
        || href.starts_with("/static/")
        || href.starts_with("/evidence/")
        || href.starts_with("/office/ledger")
        || href.starts_with("/api/")
        || href.contains("format=")
        // The language switch: these checks read the Chinese refusals.
        || href.starts_with("/lang/")
}

async fn crawl(c: &mut Client<'_>, start: &str, limit: usize) -> BTreeMap<String, Form> {
    let mut seen = BTreeSet::new();
    let mut queue = VecDeque::from([start.to_owned(), "/".to_owned()]);
    let mut found = BTreeMap::new();
    // One page per route shape is enough: /offers/12 and /offers/13 have the same forms.
    let shape = |p: &str| -> String {
        let path = p.split('?').next().unwrap_or(p);
        path.split('/')
            .map(|s| if s.chars().all(|c| c.is_ascii_digit()) && !s.is_empty() { "N" } else { s })
            .collect::<Vec<_>>()
            .join("/")
    };
    let mut shapes = BTreeMap::<String, usize>::new();
    while let Some(page) = queue.pop_front() {
        if seen.len() >= limit || !seen.insert(page.clone()) {
            continue;
        }
        let n = shapes.entry(shape(&page)).or_default();
        *n += 1;
        if *n > 15 {
            continue;
        }
        let res = c.get(&page).await;
        assert!(res.status.as_u16() < 500, "GET {page}: {}", res.status);
        if res.status != StatusCode::OK {
            continue;
        }
        for f in forms(&res.body) {
            if f.action.starts_with("/logout") {
                continue;
            }
            found.entry(format!("{} {}", f.method, shape(&f.action))).or_insert((page.clone(), f));
        }
        for l in links(&res.body) {
            if !skip_link(&l) && !seen.contains(&l) {
                queue.push_back(l);
            }
        }
    }
    eprintln!(
        "crawled {} pages from {start}; pairings pages: {}",
        seen.len(),
        seen.iter().filter(|p| p.starts_with("/pairings")).count()
    );
    found.into_values().map(|(_, f)| (format!("{} {}", f.method, f.action), f)).collect()
}

fn is_text(kind: &str) -> bool {
    matches!(kind, "text" | "textarea" | "search" | "tel" | "email" | "number" | "date" | "password" | "url" | "select")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_form_field_takes_overlong_text_and_control_characters_without_a_server_error() {
    let app = TestApp::with_demo().await;
    let people: &[(Option<&str>, &str)] = &[
        (None, "/"),
        (Some("qiye01"), "/profile"),
        (Some("cun01"), "/profile"),
        (Some("yuanzhou-fpb"), "/office/organisations"),
        (Some("yichun-fpb"), "/office/organisations"),
        (Some("admin"), "/admin/users"),
        (Some("auditor"), "/audit"),
        // Last: its forms issue new passwords to the accounts above.
        (Some("security"), "/security/users"),
    ];
    let long = "长".repeat(5000);
    let mut tried = 0;
    let mut failures = Vec::new();
    let mut actions = BTreeSet::new();
    for (login, home) in people {
        let mut c = Client::new(&app);
        match login {
            Some(l) => assert_eq!(c.login(l, DEMO_PASSWORD).await.status, StatusCode::SEE_OTHER, "{l} logs in"),
            None => {
                c.get("/login").await;
            }
        }
        let found = crawl(&mut c, home, 300).await;
        for (key, form) in &found {
            actions.insert(key.clone());
            for (i, (name, kind, _)) in form.fields.iter().enumerate() {
                if name == "_csrf" || !is_text(kind) {
                    continue;
                }
                for bad in [long.as_str(), "前\u{0}后", "a\u{1b}[31mb"] {
                    let mut pairs: Vec<(String, String)> = Vec::new();
                    for (j, (n, k, v)) in form.fields.iter().enumerate() {
                        if n == "_csrf" {
                            continue;
                        }
                        let value = if i == j {
                            bad.to_owned()
                        } else if v.is_empty() && k != "hidden" && k != "file" {
                            plausible(n, k, tried)
                        } else {
                            v.clone()
                        };
                        if k == "file" {
                            continue;
                        }
                        pairs.push((n.clone(), value));
                    }
                    let res = if form.multipart {
                        let files: Vec<&str> =
                            form.fields.iter().filter(|(_, k, _)| k == "file").map(|(n, _, _)| n.as_str()).collect();
                        c.post_multipart(&form.action, &pairs, &files).await
                    } else if form.method == "post" {
                        let fields: Vec<(&str, &str)> = pairs.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
                        c.post(&form.action, &fields).await
                    } else {
                        let q = serde_urlencoded::to_string(&pairs).expect("query");
                        let sep = if form.action.contains('?') { '&' } else { '?' };
                        c.get(&format!("{}{sep}{q}", form.action)).await
                    };
                    tried += 1;
                    if res.status.is_server_error() {
                        failures.push(format!(
                            "{} as {}: field {name} = {:?}…: {}",
                            key,
                            login.unwrap_or("visitor"),
                            bad.chars().take(6).collect::<String>(),
                            res.status
                        ));
                    }
                    // A NUL is taken out of a person's form (the form goes on to its own checks),
                    // but a password is taken as typed, so it is refused and says why.
                    if bad.contains('\u{0}') && form.method == "post" && !form.multipart {
                        let refused = res.status == StatusCode::UNPROCESSABLE_ENTITY && res.body.contains("控制字符");
                        assert_eq!(
                            refused,
                            name.contains("password") || name == "current",
                            "{key} {name}: {} {}",
                            res.status,
                            res.body
                        );
                    }
                }
            }
        }
        // The session may have ended (a password form, a disabled account): log in again next.
    }
    assert!(actions.len() >= 20, "the crawl found the forms: {actions:?}");
    assert!(tried >= 200, "only {tried} submissions");
    assert!(failures.is_empty(), "{} server errors of {tried}:\n{}", failures.len(), failures.join("\n"));
    println!("{tried} submissions to {} forms, 0 server errors: {actions:?}", actions.len());
}

#[tokio::test]
async fn the_api_refuses_control_characters_and_bad_path_ids_with_json() {
    let app = TestApp::with_demo().await;
    let token = common::token_for(&app, "qiye01").await;
    let api = |path: &str, body: Option<&str>| {
        let mut req = axum::http::Request::builder()
            .method(if body.is_some() { "POST" } else { "GET" })
            .uri(path)
            .header("authorization", format!("Bearer {token}"))
            .header("content-type", "application/json");
        if body.is_none() {
            req = req.method("GET");
        }
        req.body(body.map_or_else(axum::body::Body::empty, |b| axum::body::Body::from(b.to_owned()))).expect("req")
    };
    let res = app.request(api("/api/v1/offers/abc", None)).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert!(res.body.starts_with('{'), "JSON, not plain text: {}", res.body);
    let res = app.request(api("/api/v1/offers?q=%00", None)).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("\"field\":\"q\""), "{}", res.body);
    let offers = common::count(app.db(), "offer", "1 = 1").await;
    let body = "{\"kind\":\"employment\",\"title\":\"招聘\\u0000包装工\",\"body\":\"食品包装车间招工，包吃住。\",\"quantity\":1,\"unit\":\"人\",\"amount_fen\":0,\"regions\":[\"360902000000\"]}";
    let res = app.request(api("/api/v1/offers", Some(body))).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    assert!(res.body.contains("\"field\":\"title\""), "{}", res.body);
    let res = app.request(api("/api/v1/offers", Some("not json"))).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    assert!(res.body.starts_with('{'), "{}", res.body);
    assert_eq!(common::count(app.db(), "offer", "1 = 1").await, offers, "nothing made");
    let res = app.get("/offers/abc").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert!(res.body.contains("<html") || res.body.contains("<!doctype"), "a page");
    let res = app.get("/offers?q=a%00b").await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    // A 5 MB login name is refused before it is read, and nothing is stored.
    let before = common::count(app.db(), "audit_event", "1 = 1").await;
    let mut c = Client::new(&app);
    c.get("/login").await;
    let huge = "x".repeat(5 * 1024 * 1024);
    let res = c.post("/login", &[("login", &huge), ("password", "x"), ("next", "")]).await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE);
    let res = c.post("/login", &[("login", &"y".repeat(200)), ("password", "x"), ("next", "")]).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED, "an unknown long login is a refused login, not a 500");
    assert_eq!(common::count(app.db(), "audit_event", "1 = 1").await, before + 1);
}

/// A person's form with invisible characters pasted into it goes on without them: saved when
/// the rest is right, or shown again with what was typed when another field is wrong.
#[tokio::test]
async fn a_form_with_pasted_control_characters_keeps_what_was_typed() {
    let app = TestApp::with_demo().await;
    let mut cadre = Client::new(&app);
    cadre.login("cun01", DEMO_PASSWORD).await;
    let needs = common::count(app.db(), "need", "1 = 1").await;
    let form = cadre.get("/needs/new").await;
    assert_eq!(form.status, StatusCode::OK);
    let key = form.body.split("name=\"submission\" value=\"").nth(1).and_then(|s| s.split('"').next()).unwrap_or("");
    // Another field wrong (no kind): the form comes back with the words, minus the characters.
    let res = cadre
        .post(
            "/needs",
            &[
                ("submission", key),
                ("kind", ""),
                ("title", "稻谷\u{1}找买家"),
                ("body", "村里今年\u{0}稻谷五十吨，想找粮食企业上门收购。"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    assert!(res.body.contains("<form") && res.body.contains("稻谷找买家"), "the form with the title: {}", res.body);
    assert!(res.body.contains("村里今年稻谷五十吨"), "and the text");
    assert!(!res.body.contains("控制字符"), "{}", res.body);
    assert_eq!(common::count(app.db(), "need", "1 = 1").await, needs, "nothing saved");
    // All right: saved without them.
    let res = cadre
        .post(
            "/needs",
            &[
                ("submission", key),
                ("kind", "procurement"),
                ("title", "稻谷\u{1}找买家"),
                ("body", "村里今年\u{0}稻谷五十吨，想找粮食企业上门收购。"),
                ("quantity", "50"),
                ("unit", "吨"),
                ("urgency", "2"),
                ("then", "draft"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(common::count(app.db(), "need", "title = '稻谷找买家'").await, 1);
    assert_eq!(common::count(app.db(), "need", "1 = 1").await, needs + 1);
}
