//! Security controls (issue 10): the forced password change, password rules, API tokens that
//! expire, are scoped and die with a password change, and the headers of logged-in pages.

mod common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::{Client, TestApp, TestResponse, count, identity, location, shown_secret};
use qicun::demo::DEMO_PASSWORD;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

async fn api(app: &TestApp, method: Method, path: &str, token: &str, body: Option<&str>) -> TestResponse {
    let req = Request::builder()
        .method(method)
        .uri(path)
        .header("content-type", "application/json")
        .header("authorization", format!("Bearer {token}"))
        .body(body.map_or_else(Body::empty, |b| Body::from(b.to_owned())))
        .expect("request");
    app.request(req).await
}

#[tokio::test]
async fn a_one_time_password_opens_nothing_but_the_change_form() {
    let app = TestApp::with_demo().await;
    let otp = common::new_staff_account(&app, "office", "new-office", "360902000000").await;
    let mut c = Client::new(&app);
    let res = c.login("new-office", &otp).await;
    assert_eq!(location(&res), "/account?first=1");
    // Every page but the change form sends the user back to it.
    for path in ["/office/organisations", "/office/pairings", "/inbox", "/", "/offers"] {
        let res = c.get(path).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{path}");
        assert_eq!(location(&res), "/account?first=1", "{path}");
    }
    let page = c.get("/account?first=1").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("一次性密码"), "says why");
    assert!(!page.body.contains("创建令牌"), "no token form before the change");
    // No token either, by posting the form directly.
    let tokens_before = count(app.db(), "api_token", "1=1").await;
    let res = c.post("/account/tokens", &[("name", "偷偷建的"), ("days", "90")]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(count(app.db(), "api_token", "1=1").await, tokens_before, "no token made");
    // A token made some other way (before the reset) answers 403 on the API, saying why.
    let who = identity(&app, "new-office").await;
    let (token, _) = qicun::accounts::create_token(app.db(), &who, "旧令牌", app.state.clock.now()).await.expect("t");
    let res = api(&app, Method::GET, "/api/v1/offers", &token, None).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(res.body.contains("修改密码"), "{}", res.body);
    // After the change everything opens, and the old token is gone with the old password.
    let res = c
        .post(
            "/account/password",
            &[("current", &otp), ("password", "Xin-shen-he7"), ("password_confirm", "Xin-shen-he7")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(c.get("/office/organisations").await.status, StatusCode::OK);
    assert_eq!(api(&app, Method::GET, "/api/v1/offers", &token, None).await.status, StatusCode::UNAUTHORIZED);
    // Logging out still works while gated (checked on a second fresh account).
    let otp2 = common::new_staff_account(&app, "office", "new-office2", "360902000000").await;
    let mut d = Client::new(&app);
    d.login("new-office2", &otp2).await;
    let res = d.post("/logout", &[]).await;
    assert_eq!(location(&res), "/");
    assert_eq!(location(&d.get("/office/organisations").await), "/login?next=%2Foffice%2Forganisations");
}

#[tokio::test]
async fn passwords_follow_the_rules_and_are_not_reused() {
    let app = TestApp::with_demo().await;
    let mut c = Client::new(&app);
    c.login("qiye01", DEMO_PASSWORD).await;
    let try_change = |current: &'static str, new: &'static str| (current, new);
    let cases = [
        (try_change(DEMO_PASSWORD, "Short1!"), "至少 10 位"),
        (try_change(DEMO_PASSWORD, "alllowercase123"), "三类"),
        (try_change(DEMO_PASSWORD, "Qiye01-is-me"), "登录名"),
        (try_change(DEMO_PASSWORD, "Password@123"), "常见"),
        (try_change(DEMO_PASSWORD, "Woaini5201314"), "常见"),
        (try_change(DEMO_PASSWORD, "Demo2026"), "至少 10 位"),
    ];
    for ((current, new), says) in cases {
        let res =
            c.post("/account/password", &[("current", current), ("password", new), ("password_confirm", new)]).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{new}");
        assert!(res.body.contains(says), "{new}: {says}");
        assert!(res.body.contains("name=\"password\""), "the form is shown again");
    }
    // Five good passwords in a row; then each of them is refused, the oldest included.
    let sequence = ["Lvse-chaye1", "Lvse-chaye2", "Lvse-chaye3", "Lvse-chaye4", "Lvse-chaye5"];
    let mut current = DEMO_PASSWORD.to_owned();
    for p in sequence {
        let res = c.post("/account/password", &[("current", &current), ("password", p), ("password_confirm", p)]).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{p}: {}", res.body);
        // Every session ended with the change; this one got a new session and token.
        c.get("/account").await;
        current = p.to_owned();
    }
    for p in sequence {
        let res = c.post("/account/password", &[("current", &current), ("password", p), ("password_confirm", p)]).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{p} reused");
        assert!(res.body.contains("最近 5 次"), "{p}");
    }
    // The demo password was the sixth back: it passes the history rule but not the length rule.
    let fresh = "Lvse-chaye6";
    let res =
        c.post("/account/password", &[("current", &current), ("password", fresh), ("password_confirm", fresh)]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(count(app.db(), "password_history", "1=1").await >= 6);
}

#[tokio::test]
async fn a_privileged_password_expires_after_the_configured_days() {
    let app = TestApp::with_demo().await;
    let mut c = Client::new(&app);
    assert_eq!(location(&c.login("yuanzhou-fpb", DEMO_PASSWORD).await), "/office");
    assert_eq!(c.get("/office/organisations").await.status, StatusCode::OK);
    app.state.clock.advance(chrono::Duration::days(151));
    let mut c = Client::new(&app);
    c.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    let res = c.get("/office/organisations").await;
    assert_eq!(location(&res), "/account?first=1", "the demo password was set 30 days before load: 181 days old");
    assert!(c.get("/account").await.body.contains("超过规定期限"));
    // An enterprise user's password of the same age does not expire.
    let mut e = Client::new(&app);
    e.login("qiye01", DEMO_PASSWORD).await;
    assert_eq!(e.get("/profile").await.status, StatusCode::OK);
    let res = c
        .post(
            "/account/password",
            &[("current", DEMO_PASSWORD), ("password", "Yuan-zhou-2027"), ("password_confirm", "Yuan-zhou-2027")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(c.get("/office/organisations").await.status, StatusCode::OK);
}

#[tokio::test]
async fn tokens_expire_may_be_read_only_and_end_with_a_password_change() {
    let app = TestApp::with_demo().await;
    let mut c = Client::new(&app);
    c.login("qiye01", DEMO_PASSWORD).await;
    let bad = c.post("/account/tokens", &[("name", "台账"), ("days", "9999")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("有效期"));
    let res = c.post("/account/tokens", &[("name", "只读同步"), ("days", "7"), ("read_only", "1")]).await;
    assert_eq!(res.status, StatusCode::OK);
    let token = shown_secret(&res.body).expect("token shown");
    assert!(res.body.contains("只读"));
    assert_eq!(res.headers.get(header::CACHE_CONTROL).map(|v| v.to_str().unwrap_or("")), Some("no-store"));
    assert_eq!(api(&app, Method::GET, "/api/v1/offers", &token, None).await.status, StatusCode::OK);
    let offers_before = count(app.db(), "offer", "1=1").await;
    let body = r#"{"kind":"employment","title":"招聘包装工 10 名","body":"食品包装车间招工，包吃住，月薪 3500 元起。","quantity":10,"unit":"人","amount_fen":0,"regions":["360902000000"]}"#;
    let res = api(&app, Method::POST, "/api/v1/offers", &token, Some(body)).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(res.body.contains("只能读取"), "{}", res.body);
    assert_eq!(count(app.db(), "offer", "1=1").await, offers_before);
    // Seven days later it no longer works, and the page says so.
    app.state.clock.advance(chrono::Duration::days(7) + chrono::Duration::minutes(1));
    assert_eq!(api(&app, Method::GET, "/api/v1/offers", &token, None).await.status, StatusCode::UNAUTHORIZED);
    let mut c = Client::new(&app);
    c.login("qiye01", DEMO_PASSWORD).await;
    assert!(c.get("/account").await.body.contains("已过期"));
    // A default token (90 days) works until the password changes.
    let res = c.post("/account/tokens", &[("name", "完整"), ("days", "90")]).await;
    let full = shown_secret(&res.body).expect("t");
    assert_eq!(api(&app, Method::POST, "/api/v1/offers", &full, Some(body)).await.status, StatusCode::CREATED);
    c.post(
        "/account/password",
        &[("current", DEMO_PASSWORD), ("password", "Hong-mi-2027x"), ("password_confirm", "Hong-mi-2027x")],
    )
    .await;
    assert_eq!(api(&app, Method::GET, "/api/v1/offers", &full, None).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(count(app.db(), "api_token", "revoked_at IS NULL").await, 0, "every token of the user revoked");
}

#[tokio::test]
async fn logged_in_pages_are_not_stored_and_https_is_pinned() {
    let app = TestApp::with_demo().await;
    let mut c = Client::new(&app);
    c.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    for path in ["/office/organisations", "/account", "/inbox"] {
        let res = c.get(path).await;
        assert_eq!(res.status, StatusCode::OK, "{path}");
        assert_eq!(res.headers.get(header::CACHE_CONTROL).and_then(|v| v.to_str().ok()), Some("no-store"), "{path}");
        assert!(res.headers.get(header::STRICT_TRANSPORT_SECURITY).is_none(), "plain http: no HSTS");
    }
    let css = app.get("/static/app.css").await;
    assert!(css.headers.get(header::CACHE_CONTROL).and_then(|v| v.to_str().ok()).unwrap_or("").starts_with("public"));
    let mut secure = TestApp::with_demo().await;
    secure.state.config = std::sync::Arc::new({
        let mut cfg = (*secure.state.config).clone();
        cfg.secure_cookies = true;
        cfg
    });
    let res = secure.get("/").await;
    assert!(
        res.headers
            .get(header::STRICT_TRANSPORT_SECURITY)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("max-age=31536000")),
        "HSTS with secure cookies"
    );
}

#[tokio::test]
async fn a_stale_session_cookie_does_not_undo_a_correct_login() {
    let app = TestApp::with_demo().await;
    let mut c = Client::new(&app);
    c.login("qiye01", DEMO_PASSWORD).await;
    // The session ends on the server (expired, or ended elsewhere) while the browser keeps it.
    let stale = c.cookies.get("qicun_session").expect("session cookie").clone();
    entity::session::Entity::delete_many().exec(app.db()).await.expect("end sessions");
    c.cookies.insert("qicun_session".into(), stale.clone());
    let res = c.get("/login").await;
    assert_eq!(res.status, StatusCode::OK);
    // The login form was open before the session ended: the browser still sends the old cookie.
    c.cookies.insert("qicun_session".into(), stale);
    let res = c.post("/login", &[("login", "qiye01"), ("password", DEMO_PASSWORD), ("next", "")]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let cookies: Vec<&str> = res.headers.get_all(header::SET_COOKIE).iter().filter_map(|v| v.to_str().ok()).collect();
    assert!(
        !cookies.iter().any(|c| c.starts_with("qicun_session=") && c.contains("Max-Age=0")),
        "no clearing of the session cookie after the new one: {cookies:?}"
    );
    assert_eq!(c.get("/profile").await.status, StatusCode::OK, "logged in");
}

async fn org_named(app: &TestApp, name: &str) -> entity::organisation::Model {
    entity::organisation::Entity::find()
        .filter(entity::organisation::Column::Name.eq(name))
        .one(app.db())
        .await
        .expect("q")
        .unwrap_or_else(|| panic!("{name} in the demo"))
}

#[tokio::test]
async fn an_office_reviews_and_suspends_only_enterprises_registered_in_its_jurisdiction() {
    let app = TestApp::with_demo().await;
    let nanchang_firm = org_named(&app, "江西赣建路桥工程有限公司").await;
    let yuanzhou_firm = org_named(&app, "宜春市明月山文旅发展有限公司").await;
    assert!(nanchang_firm.region_code.starts_with("3601") && yuanzhou_firm.region_code.starts_with("360902"));
    assert_eq!(nanchang_firm.status, "verified");
    let phone = nanchang_firm.contact_phone.clone().expect("the demo firm has a contact phone");
    // 宜春's office sees the 南昌 firm (it serves 宜春) but neither suspends it nor reads its contacts.
    let mut yichun = Client::new(&app);
    yichun.login("yichun-fpb", DEMO_PASSWORD).await;
    let list = yichun.get("/office/organisations").await;
    assert!(list.body.contains("江西赣建路桥工程有限公司"), "listed: it serves the city");
    assert!(list.body.contains("注册地不在本辖区"));
    assert!(!list.body.contains(&phone), "no contact phone of an outside firm");
    assert!(!list.body.contains(&qicun::auth::mask_phone(&phone)), "not even masked");
    assert!(!list.body.contains(&format!("/office/organisations/{}/suspend", nanchang_firm.id)));
    let confirm = yichun.get(&format!("/office/organisations/{}/suspend", nanchang_firm.id)).await;
    assert_eq!(confirm.status, StatusCode::NOT_FOUND);
    let res = yichun.post(&format!("/office/organisations/{}/suspend", nanchang_firm.id), &[]).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    // 南昌's office may not touch a 袁州 firm, but reviews its own.
    let mut nanchang =
        common::staff_client(&app, "office", "nanchang-reviewer", "360100000000", "Nan-chang-2026").await;
    let res = nanchang.post(&format!("/office/organisations/{}/suspend", yuanzhou_firm.id), &[]).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let list = nanchang.get("/office/organisations?q=明月山文旅").await;
    assert!(list.body.contains("没有符合条件的机构") && !list.body.contains("宜春市明月山文旅发展有限公司"));
    let res = nanchang.post(&format!("/office/organisations/{}/suspend", nanchang_firm.id), &[]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "suspending needs a reason");
    assert!(res.body.contains("请写明理由"));
    let res = nanchang
        .post(&format!("/office/organisations/{}/suspend", nanchang_firm.id), &[("reason", "营业执照已吊销")])
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let statuses = (
        org_named(&app, "江西赣建路桥工程有限公司").await.status,
        org_named(&app, "宜春市明月山文旅发展有限公司").await.status,
    );
    assert_eq!(statuses, ("suspended".to_owned(), "verified".to_owned()));
}

/// Organisation id of the user `login`.
async fn org_of(app: &TestApp, login: &str) -> i32 {
    identity(app, login).await.organisation_id.expect("member of an organisation")
}

#[tokio::test]
async fn an_office_proposes_only_for_its_own_villages_and_nobody_pairs_with_a_suspended_organisation() {
    let app = TestApp::with_demo().await;
    let token = common::token_for(&app, "yuanzhou-fpb").await;
    let office = identity(&app, "yuanzhou-fpb").await;
    let jurisdiction = office.jurisdiction.clone().expect("office jurisdiction");
    // An offer the county office may match from whose recommendations include a village of
    // another county (an offer serving the whole city).
    let offers = entity::offer::Entity::find()
        .filter(entity::offer::Column::Status.eq("published"))
        .all(app.db())
        .await
        .expect("offers");
    let mut found = None;
    for o in &offers {
        let res = api(&app, Method::GET, &format!("/api/v1/offers/{}/matches?limit=50", o.id), &token, None).await;
        if res.status != StatusCode::OK {
            continue;
        }
        let matches: Vec<serde_json::Value> = serde_json::from_str(&res.body).expect("json");
        for m in matches {
            let org = entity::organisation::Entity::find_by_id(m["organisation_id"].as_i64().expect("id") as i32)
                .one(app.db())
                .await
                .expect("q")
                .expect("org");
            if !qicun::auth::guard::jurisdiction_covers(&jurisdiction, &org.region_code) {
                found = Some((o.id, m["id"].as_i64().expect("id")));
                break;
            }
        }
        if found.is_some() {
            break;
        }
    }
    let (offer_id, need_id) = found.expect("a recommendation outside the county office's jurisdiction in the demo");
    let mut c = Client::new(&app);
    c.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    c.get(&format!("/offers/{offer_id}")).await;
    let before = count(app.db(), "pairing", "1=1").await;
    let res = c.post(&format!("/offers/{offer_id}/propose"), &[("other", &need_id.to_string())]).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND, "{}", res.body);
    assert_eq!(count(app.db(), "pairing", "1=1").await, before, "no pairing for a village of another county");

    // A village applies to an offer whose enterprise was suspended meanwhile: refused, and why.
    let offer = offers.iter().find(|o| o.status == "published").expect("an offer");
    let mut v = Client::new(&app);
    v.login("cun01", DEMO_PASSWORD).await;
    v.get(&format!("/offers/{}", offer.id)).await;
    entity::organisation::Entity::update_many()
        .col_expr(entity::organisation::Column::Status, sea_orm::sea_query::Expr::value("suspended"))
        .filter(entity::organisation::Column::Id.eq(offer.organisation_id))
        .exec(app.db())
        .await
        .expect("suspend");
    let res = v.post(&format!("/offers/{}/apply", offer.id), &[("own", "")]).await;
    assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.body);
    assert!(res.body.contains("暂停"), "says why: {}", res.body);
    assert_eq!(count(app.db(), "pairing", "1=1").await, before, "no pairing with a suspended enterprise");
}

#[tokio::test]
async fn a_drafts_matches_answer_like_its_page_and_the_inbox_is_read_only_by_a_button() {
    let app = TestApp::with_demo().await;
    let cun01 = org_of(&app, "cun01").await;
    // cun01 writes a draft need through the API.
    let own = common::token_for(&app, "cun01").await;
    let body = r#"{"kind":"procurement","title":"草稿：收购脐橙","body":"脐橙滞销，求企业收购","quantity":5,"unit":"吨","urgency":2}"#;
    let res = api(&app, Method::POST, "/api/v1/needs", &own, Some(body)).await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    let draft: serde_json::Value = serde_json::from_str(&res.body).expect("json");
    assert_eq!(draft["status"], "draft");
    assert_eq!(draft["organisation_id"].as_i64(), Some(i64::from(cun01)));
    let path = format!("/api/v1/needs/{}/matches", draft["id"]);
    assert_eq!(api(&app, Method::GET, &path, &own, None).await.status, StatusCode::OK, "the owner matches its draft");
    let office = common::token_for(&app, "yuanzhou-fpb").await;
    let missing = api(&app, Method::GET, "/api/v1/needs/999999/matches", &office, None).await;
    let res = api(&app, Method::GET, &path, &office, None).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(res.body, missing.body, "a draft looks like nothing at all");
    // The draft read for the office's call is kept until the next change: its owner publishes
    // it, and the office's very next call sees the published need.
    let publish = format!("/api/v1/needs/{}/publish", draft["id"]);
    let res = api(&app, Method::POST, &publish, &own, None).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(
        api(&app, Method::GET, &path, &office, None).await.status,
        StatusCode::OK,
        "published: the office matches it"
    );

    // Reading the inbox marks nothing; the button does.
    let unread = |app: &TestApp| {
        let db = app.db().clone();
        async move { count(&db, "notification", "read_at IS NULL").await }
    };
    let me = identity(&app, "qiye01").await.id;
    let other = identity(&app, "cun01").await.id;
    for (user, title) in [(me, "新的结对申请"), (me, "结对已通过"), (other, "别人的消息")] {
        use sea_orm::ActiveModelTrait;
        entity::notification::ActiveModel {
            user_id: sea_orm::Set(user),
            title: sea_orm::Set(title.into()),
            link: sea_orm::Set("/pairings".into()),
            created_at: sea_orm::Set(app.state.clock.now()),
            ..Default::default()
        }
        .insert(app.db())
        .await
        .expect("message");
    }
    let mut c = Client::new(&app);
    c.login("qiye01", DEMO_PASSWORD).await;
    let mine = count(app.db(), "notification", &format!("read_at IS NULL AND user_id = {me}")).await;
    assert!(mine > 0, "the demo leaves qiye01 unread messages");
    let all = unread(&app).await;
    let page = c.get("/inbox").await;
    assert!(page.body.contains("全部标为已读") && page.body.contains("新的结对申请"), "{}", page.body);
    assert_eq!(unread(&app).await, all, "GET changes nothing");
    let res = c.post("/inbox/read", &[]).await;
    assert_eq!(location(&res), "/inbox?marked=1");
    assert_eq!(count(app.db(), "notification", &format!("read_at IS NULL AND user_id = {me}")).await, 0);
    assert_eq!(unread(&app).await, all - mine, "only the caller's own");
    assert!(c.get("/inbox?marked=1").await.body.contains("已全部标为已读"));
}

#[tokio::test]
async fn a_next_page_with_control_characters_or_another_site_lands_on_home() {
    let app = TestApp::with_demo().await;
    for next in ["/%0A/x", "//evil.example/", "/\u{3000}x", "https://evil.example"] {
        let mut c = Client::new(&app);
        c.get("/login").await;
        let res = c.post("/login", &[("login", "qiye01"), ("password", DEMO_PASSWORD), ("next", next)]).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{next:?}: {}", res.body);
        assert!(!location(&res).contains("evil"), "{next:?}");
        assert!(location(&res).starts_with('/') && !location(&res).starts_with("//"), "{next:?}");
    }
}

#[tokio::test]
async fn the_three_administrators_cannot_act_for_each_other_nor_do_business() {
    let app = TestApp::with_demo().await;
    let id_of = |login: &'static str| {
        let app = &app;
        async move { identity(app, login).await.id }
    };
    let (admin_id, security_id, auditor_id) = (id_of("admin").await, id_of("security").await, id_of("auditor").await);
    let pending_org = org_of(&app, "qiye20").await;
    let pairing = count(app.db(), "pairing", "1=1").await;
    assert!(pairing > 0, "the demo has pairings");
    let hashes = || {
        let db = app.db().clone();
        async move {
            let mut all: Vec<(String, String, bool)> = entity::user::Entity::find()
                .filter(entity::user::Column::Role.is_in(["admin", "security", "auditor"]))
                .all(&db)
                .await
                .expect("q")
                .into_iter()
                .map(|u| (u.login, u.password_hash, u.disabled))
                .collect();
            all.sort();
            all
        }
    };
    let before = hashes().await;
    assert_eq!(before.len(), 3);

    let mut admin = Client::new(&app);
    admin.login("admin", DEMO_PASSWORD).await;
    for id in [auditor_id, security_id] {
        assert_eq!(admin.post(&format!("/admin/users/{id}/disable"), &[]).await.status, StatusCode::NOT_FOUND);
    }
    for path in ["/security/users", "/security/settings", "/audit", "/office/organisations", "/pairings"] {
        assert_eq!(admin.get(path).await.status, StatusCode::FORBIDDEN, "admin: {path}");
    }
    assert_eq!(admin.post("/pairings/1/approve", &[("reason", "")]).await.status, StatusCode::FORBIDDEN);
    let res = admin.post(&format!("/office/organisations/{pending_org}/verify"), &[]).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert_eq!(
        admin.post(&format!("/security/users/{}/issue", id_of("cun01").await), &[]).await.status,
        StatusCode::FORBIDDEN
    );

    let mut security = Client::new(&app);
    security.login("security", DEMO_PASSWORD).await;
    for id in [admin_id, auditor_id] {
        for act in ["issue", "unlock"] {
            let res = security.post(&format!("/security/users/{id}/{act}"), &[]).await;
            assert_eq!(res.status, StatusCode::NOT_FOUND, "security {act} on an administrator");
        }
    }
    for path in ["/admin/users", "/audit", "/office/organisations", "/pairings", "/office/ledger"] {
        assert_eq!(security.get(path).await.status, StatusCode::FORBIDDEN, "security: {path}");
    }
    assert_eq!(security.post(&format!("/admin/users/{auditor_id}/disable"), &[]).await.status, StatusCode::FORBIDDEN);
    let users = security.get("/security/users").await;
    assert!(users.body.contains("黄德明"), "business accounts listed");
    assert!(!users.body.contains(">auditor<") && !users.body.contains(">admin<"), "administrators are not");

    let mut auditor = Client::new(&app);
    auditor.login("auditor", DEMO_PASSWORD).await;
    for path in ["/admin/users", "/security/users", "/security/settings"] {
        assert_eq!(auditor.get(path).await.status, StatusCode::FORBIDDEN, "auditor: {path}");
    }
    assert_eq!(auditor.post(&format!("/security/users/{admin_id}/issue"), &[]).await.status, StatusCode::FORBIDDEN);
    assert_eq!(hashes().await, before, "no administrator's password or state changed");
    assert_eq!(count(app.db(), "pairing", "1=1").await, pairing);
    assert_eq!(count(app.db(), "organisation", &format!("id = {pending_org} AND status = 'pending'")).await, 1);
}

#[tokio::test]
async fn the_security_administrator_sets_the_password_age_for_every_node() {
    let app = TestApp::with_demo().await;
    let mut security = Client::new(&app);
    security.login("security", DEMO_PASSWORD).await;
    let page = security.get("/security/settings").await;
    assert!(page.body.contains("value=\"180\""), "the command line's default shows");
    let bad = security.post("/security/settings", &[("password_max_age_days", "abc")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("0–365") && bad.body.contains("value=\"abc\""), "error under the field, kept");
    assert_eq!(count(app.db(), "audit_event", "action = 'security.settings'").await, 0);
    let res = security.post("/security/settings", &[("password_max_age_days", "100")]).await;
    assert_eq!(location(&res), "/security/settings?saved=1");
    let saved = security.get("/security/settings?saved=1").await;
    assert!(saved.body.contains("已保存") && saved.body.contains("value=\"100\""), "{}", saved.body);
    // The demo's passwords were set 30 days before it was loaded: 20 days makes them too old,
    // the security administrator's own included.
    let res = security.post("/security/settings", &[("password_max_age_days", "20")]).await;
    assert_eq!(location(&res), "/security/settings?saved=1");
    assert_eq!(location(&security.get("/security/settings").await), "/account?first=1");
    assert_eq!(count(app.db(), "audit_event", "action = 'security.settings' AND actor = 'security'").await, 2);
    let mut office = Client::new(&app);
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    assert_eq!(location(&office.get("/office/organisations").await), "/account?first=1");
    // Enterprise passwords do not age.
    let mut e = Client::new(&app);
    e.login("qiye01", DEMO_PASSWORD).await;
    assert_eq!(e.get("/profile").await.status, StatusCode::OK);
}

#[tokio::test]
async fn the_security_administrator_changes_what_a_reviewer_may_review() {
    let app = TestApp::with_demo().await;
    let reviewer = identity(&app, "yuanzhou-fpb").await;
    assert_eq!(reviewer.jurisdiction.as_deref(), Some("360902000000"));
    let mut old = Client::new(&app);
    old.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    let mut security = Client::new(&app);
    security.login("security", DEMO_PASSWORD).await;
    let list = security.get("/security/users?q=yuanzhou").await;
    assert!(list.body.contains(&format!("/security/users/{}/scope", reviewer.id)), "{}", list.body);
    let form = security.get(&format!("/security/users/{}/scope", reviewer.id)).await;
    assert!(form.body.contains("袁州区扶贫开发办公室") && form.body.contains("宜春市"), "{}", form.body);
    let bad = security.post(&format!("/security/users/{}/scope", reviewer.id), &[("jurisdiction", "")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("请选择"));
    let res =
        security.post(&format!("/security/users/{}/scope", reviewer.id), &[("jurisdiction", "360900000000")]).await;
    assert_eq!(location(&res), "/security/users?done=scope");
    assert_eq!(identity(&app, "yuanzhou-fpb").await.jurisdiction.as_deref(), Some("360900000000"));
    assert!(location(&old.get("/office/organisations").await).starts_with("/login"), "its sessions ended");
    assert_eq!(count(app.db(), "audit_event", "action = 'user.scope_change' AND actor = 'security'").await, 1);
    // Only reviewers have a scope; only the security administrator sets it.
    let ent = identity(&app, "qiye01").await.id;
    let res = security.post(&format!("/security/users/{ent}/scope"), &[("jurisdiction", "360900000000")]).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let mut admin = Client::new(&app);
    admin.login("admin", DEMO_PASSWORD).await;
    let res = admin.post(&format!("/security/users/{}/scope", reviewer.id), &[("jurisdiction", "360902000000")]).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert_eq!(identity(&app, "yuanzhou-fpb").await.jurisdiction.as_deref(), Some("360900000000"));
}

#[tokio::test]
async fn organisations_phones_are_sealed_at_rest_and_read_as_before() {
    let app = TestApp::with_demo().await;
    // The demo wrote its phones readable; a node seals them when it starts.
    let orgs = entity::organisation::Entity::find().all(app.db()).await.expect("q");
    let with_phone: Vec<_> = orgs.iter().filter(|o| o.contact_phone.is_some()).collect();
    assert!(with_phone.len() > 20, "the demo's organisations have phones");
    assert!(with_phone.iter().all(|o| o.contact_phone.as_deref().is_some_and(|p| p.starts_with("s1:"))));
    let users = entity::user::Entity::find().all(app.db()).await.expect("q");
    assert!(users.iter().filter_map(|u| u.phone.as_deref()).all(|p| p.starts_with("s1:")));
    // The owner edits its phone: stored sealed, shown whole to the owner and masked to the public.
    let mut c = Client::new(&app);
    c.login("qiye01", DEMO_PASSWORD).await;
    let profile = c.get("/profile").await;
    assert!(profile.body.contains("name=\"contact_phone\""), "the form");
    let fields = [("contact_name", "易建华"), ("contact_phone", "13970001234"), ("address", "袁州区测试路 8 号")];
    assert_eq!(location(&c.post("/profile", &fields).await), "/profile");
    assert!(c.get("/profile").await.body.contains("资料已保存。"), "the owner sees it was saved");
    let org = org_of(&app, "qiye01").await;
    let stored = entity::organisation::Entity::find_by_id(org).one(app.db()).await.expect("q").expect("org");
    let sealed = stored.contact_phone.expect("phone");
    assert!(sealed.starts_with("s1:") && !sealed.contains("13970001234"), "{sealed}");
    assert!(c.get("/profile").await.body.contains("value=\"13970001234\""), "the owner's form shows it");
    let public = Client::new(&app).get(&format!("/organisations/{org}")).await;
    assert!(public.body.contains("139****1234") && !public.body.contains("13970001234"));
    let mut office = Client::new(&app);
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    let list = office.get("/office/organisations?status=verified").await;
    assert!(list.body.contains("13970001234"), "the office reads it");
    // The audit trail holds the sealed form too.
    let events = entity::audit_event::Entity::find().all(app.db()).await.expect("q");
    assert!(events.iter().all(|e| !e.after.as_deref().unwrap_or_default().contains("13970001234")));
}

#[tokio::test]
async fn public_text_may_not_carry_a_phone_number() {
    let app = TestApp::with_demo().await;
    let token = common::token_for(&app, "qiye01").await;
    let before = count(app.db(), "offer", "1=1").await;
    let body = r#"{"kind":"employment","title":"招聘包装工 10 名","body":"包吃住，有意者请打 139 0795 1234 找王经理。","quantity":10,"unit":"人","amount_fen":0,"regions":["360902000000"]}"#;
    let res = api(&app, Method::POST, "/api/v1/offers", &token, Some(body)).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    assert!(res.body.contains("\"field\":\"body\"") && res.body.contains("手机号码"), "{}", res.body);
    assert_eq!(count(app.db(), "offer", "1=1").await, before);
    // An office's published reason may not carry the objector's phone either.
    let objection = entity::objection::Entity::find()
        .all(app.db())
        .await
        .expect("q")
        .into_iter()
        .find(|o| o.status == "open")
        .expect("the demo has an open objection");
    let mut office = Client::new(&app);
    office.login("yichun-fpb", DEMO_PASSWORD).await;
    let res = office
        .post(
            &format!("/objections/{}/dismiss", objection.id),
            &[("resolution", "已电话联系异议人 13900003004，不属实")],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("手机号码"));
    assert_eq!(count(app.db(), "objection", &format!("id = {} AND status = 'open'", objection.id)).await, 1);
}

/// A form left open across a logout and a new login carries the old session's token: it is
/// refused and nothing is saved, but the page holds what was typed, to send again with the new
/// token. A form posted from another site gets the bare refusal, with nothing of its fields.
#[tokio::test]
async fn a_stale_form_is_offered_back_and_a_forged_one_is_not() {
    let app = TestApp::with_demo().await;
    let mut cadre = Client::new(&app);
    cadre.login("cun01", DEMO_PASSWORD).await;
    let form = cadre.get("/needs/new").await;
    assert_eq!(form.status, StatusCode::OK);
    let old = cadre.csrf.clone();
    let key = form.body.split("name=\"submission\" value=\"").nth(1).and_then(|s| s.split('"').next()).unwrap_or("");
    assert!(!key.is_empty(), "the form's one-time key");
    // In another window: logged out and in again.
    cadre.post("/logout", &[]).await;
    cadre.login("cun01", DEMO_PASSWORD).await;
    cadre.get("/needs").await;
    assert_ne!(cadre.csrf, old, "a new session's token");
    let needs = count(app.db(), "need", "1 = 1").await;
    let fields = [
        ("_csrf", old.as_str()),
        ("submission", key),
        ("kind", "procurement"),
        ("title", "冬笋找收购商"),
        ("body", "村里今年冬笋大约三千斤，想找企业上门收购。"),
        ("quantity", "3000"),
        ("unit", "斤"),
        ("urgency", "2"),
        ("then", "draft"),
    ];
    let post = |origin: &'static str| {
        Request::post("/needs")
            .header(header::HOST, "qicun.test")
            .header(header::ORIGIN, origin)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(serde_urlencoded::to_string(fields).expect("form")))
            .expect("request")
    };
    let forged = cadre.send(post("http://evil.example")).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert!(!forged.body.contains("冬笋") && !forged.body.contains("action=\"/needs\""), "{}", forged.body);
    let stale = cadre.send(post("http://qicun.test")).await;
    assert_eq!(stale.status, StatusCode::FORBIDDEN);
    assert!(stale.body.contains("页面已过期") && stale.body.contains("没有保存"), "{}", stale.body);
    assert!(
        stale.body.contains("冬笋找收购商") && stale.body.contains("村里今年冬笋"),
        "what was typed: {}",
        stale.body
    );
    let shown = stale.body.split("<ul class=\"resend\">").nth(1).and_then(|s| s.split("</ul>").next()).unwrap_or("");
    assert!(shown.contains("冬笋找收购商") && !shown.contains("procurement") && !shown.contains(">2<"), "{shown}");
    assert!(!stale.body.contains(&old), "not the old token");
    assert_eq!(count(app.db(), "need", "1 = 1").await, needs, "nothing saved");
    // Its form sends it again with the new token: saved once.
    let again: Vec<(String, String)> = stale
        .body
        .split("<input type=\"hidden\" name=\"")
        .skip(1)
        .filter_map(|s| {
            let (name, rest) = s.split_once('"')?;
            let value = rest.split("value=\"").nth(1)?.split('"').next()?;
            Some((name.to_owned(), value.replace("&#x3D;", "=").replace("&amp;", "&")))
        })
        .collect();
    assert!(again.iter().any(|(k, v)| k == "_csrf" && *v == cadre.csrf), "{again:?}");
    let pairs: Vec<(&str, &str)> = again.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let res = cadre.post_raw("/needs", &pairs).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(count(app.db(), "need", "title = '冬笋找收购商'").await, 1);
}
