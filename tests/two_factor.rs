//! The second factor (issue 10, 等保 三级 双因素): required of reviewers and administrators by a
//! setting, set up at first login with a QR code drawn by the server, a code used once,
//! recovery codes used once, cleared by the security administrator for a lost phone.

mod common;

use axum::http::StatusCode;
use common::{Client, TestApp, count, identity, location};
use qicun::auth::totp::code_at;
use qicun::demo::DEMO_PASSWORD;

/// The base32 secret the setup page shows for typing in by hand.
fn secret_on(page: &str) -> String {
    let s = page.split("<code class=\"secret\">").nth(1).and_then(|s| s.split('<').next()).expect("secret shown");
    s.replace(' ', "")
}

fn recovery_codes(page: &str) -> Vec<String> {
    page.split("<li><code>").skip(1).filter_map(|s| s.split('<').next()).map(str::to_owned).collect()
}

async fn require_second_factor(app: &TestApp) {
    let mut security = Client::new(app);
    security.login("security", DEMO_PASSWORD).await;
    let res = security.post("/security/settings", &[("password_max_age_days", "180"), ("totp_required", "on")]).await;
    assert_eq!(location(&res), "/security/settings?saved=1");
}

#[tokio::test]
async fn a_reviewer_sets_up_the_second_factor_at_first_login_and_then_needs_a_fresh_code() {
    let app = TestApp::with_demo().await;
    require_second_factor(&app).await;
    let mut c = Client::new(&app);
    c.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    // Everything waits for the setup; the API too.
    for path in ["/office/organisations", "/pairings", "/"] {
        assert_eq!(location(&c.get(path).await), "/account/totp?first=1", "{path}");
    }
    let token = common::token_for(&app, "yuanzhou-fpb").await;
    let req = axum::http::Request::get("/api/v1/offers").header("authorization", format!("Bearer {token}"));
    let res = app.request(req.body(axum::body::Body::empty()).expect("request")).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(res.body.contains("两步验证"), "{}", res.body);
    let setup = c.get("/account/totp?first=1").await;
    assert_eq!(setup.status, StatusCode::OK);
    assert!(setup.body.contains("<svg") && setup.body.contains("须使用两步验证"), "a QR code drawn by the server");
    let secret = secret_on(&setup.body);
    assert_eq!(secret, secret_on(&c.get("/account/totp").await.body), "the same secret on reload");
    use sea_orm::EntityTrait;
    let stored = entity::user::Entity::find_by_id(identity(&app, "yuanzhou-fpb").await.id)
        .one(app.db())
        .await
        .expect("q")
        .expect("user");
    let sealed = stored.totp_secret.expect("kept");
    assert!(!sealed.contains(&secret) && sealed.starts_with("s1:"), "sealed at rest");
    // A wrong code is refused under the field; the right one turns it on.
    let bad = c.post("/account/totp", &[("code", "000000")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("动态码不对"));
    let now = app.state.clock.now();
    let on = c.post("/account/totp", &[("code", &code_at(&secret, now).expect("code"))]).await;
    assert_eq!(on.status, StatusCode::OK, "{}", on.body);
    let codes = recovery_codes(&on.body);
    assert_eq!(codes.len(), 10, "{}", on.body);
    assert!(!c.get("/account/totp").await.body.contains(&codes[0]), "recovery codes are shown once");
    assert_eq!(c.get("/office/organisations").await.status, StatusCode::OK, "open after the setup");

    // Next login: the password, then a code.
    let mut d = Client::new(&app);
    let res = d.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    assert!(location(&res).starts_with("/login/totp"), "{}", location(&res));
    for path in ["/office/organisations", "/account", "/api/v1/offers"] {
        let res = d.get(path).await;
        assert!(
            res.status == StatusCode::SEE_OTHER && location(&res) == "/login/totp" || path.starts_with("/api"),
            "{path}"
        );
    }
    let page = d.get("/login/totp").await;
    assert!(page.body.contains("动态码或恢复码"));
    let wrong = d.post("/login/totp", &[("code", "123456"), ("next", "")]).await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    // The code that turned it on was used: it does not work again (a code works once).
    let replay = d.post("/login/totp", &[("code", &code_at(&secret, now).expect("code")), ("next", "")]).await;
    assert_eq!(replay.status, StatusCode::UNAUTHORIZED, "replay refused");
    // Wrong codes are throttled like wrong passwords, with the wait in Retry-After.
    for _ in 0..3 {
        d.post("/login/totp", &[("code", "111111"), ("next", "")]).await;
    }
    let slowed = d.post("/login/totp", &[("code", "111111"), ("next", "")]).await;
    assert_eq!(slowed.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(slowed.headers["retry-after"], "30");
    let later = now + chrono::Duration::seconds(31);
    app.state.clock.advance(chrono::Duration::seconds(31));
    let ok =
        d.post("/login/totp", &[("code", &code_at(&secret, later).expect("code")), ("next", "/office/listings")]).await;
    assert_eq!(location(&ok), "/office/listings", "{}", ok.body);
    assert_eq!(d.get("/office/organisations").await.status, StatusCode::OK);
    // A recovery code works once.
    let mut e = Client::new(&app);
    e.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    e.get("/login/totp").await;
    let res = e.post("/login/totp", &[("code", &codes[3]), ("next", "")]).await;
    assert_eq!(location(&res), "/account/totp?recovery_left=9");
    assert!(e.get("/account/totp?recovery_left=9").await.body.contains("还剩 9 个"));
    let mut f = Client::new(&app);
    f.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    f.get("/login/totp").await;
    assert_eq!(f.post("/login/totp", &[("code", &codes[3]), ("next", "")]).await.status, StatusCode::UNAUTHORIZED);
    for action in ["user.totp_enable", "login.second_factor", "login.recovery_code", "login.second_factor_failure"] {
        assert!(count(app.db(), "audit_event", &format!("action = '{action}'")).await >= 1, "{action} audited");
    }
}

#[tokio::test]
async fn the_security_administrator_clears_a_lost_second_factor_and_members_may_opt_in() {
    let app = TestApp::with_demo().await;
    // An enterprise user turns it on without being asked.
    let mut c = Client::new(&app);
    c.login("qiye01", DEMO_PASSWORD).await;
    assert!(c.get("/account").await.body.contains("设置两步验证"));
    let setup = c.get("/account/totp").await;
    assert!(!setup.body.contains("须使用两步验证"), "not required of members");
    let secret = secret_on(&setup.body);
    let on = c.post("/account/totp", &[("code", &code_at(&secret, app.state.clock.now()).expect("code"))]).await;
    assert_eq!(recovery_codes(&on.body).len(), 10);
    let mut d = Client::new(&app);
    assert!(location(&d.login("qiye01", DEMO_PASSWORD).await).starts_with("/login/totp"));
    // Lost phone: the security administrator clears it; the sessions end.
    let id = identity(&app, "qiye01").await.id;
    let mut security = Client::new(&app);
    security.login("security", DEMO_PASSWORD).await;
    let list = security.get("/security/users?q=qiye01").await;
    assert!(list.body.contains("清除两步验证"));
    let res = security.post(&format!("/security/users/{id}/reset_totp"), &[]).await;
    assert_eq!(location(&res), "/security/users?done=reset_totp");
    assert_eq!(location(&c.get("/profile").await), "/login?next=%2Fprofile", "logged out");
    assert_eq!(location(&Client::new(&app).login("qiye01", DEMO_PASSWORD).await), "/my", "password alone again");
    assert_eq!(count(app.db(), "audit_event", "action = 'user.totp_reset' AND actor = 'security'").await, 1);
    // Not for administrators' accounts, and not by the system administrator.
    let admin = identity(&app, "admin").await.id;
    assert_eq!(security.post(&format!("/security/users/{admin}/reset_totp"), &[]).await.status, StatusCode::NOT_FOUND);
    let mut sys = Client::new(&app);
    sys.login("admin", DEMO_PASSWORD).await;
    assert_eq!(sys.post(&format!("/security/users/{id}/reset_totp"), &[]).await.status, StatusCode::FORBIDDEN);
}
