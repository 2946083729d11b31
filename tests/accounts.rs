//! Accounts and the security baseline: login and lockout, sessions and their expiry, CSRF,
//! registration with credit-code checks, verification inside a jurisdiction, API tokens,
//! masked phones, and the role × route matrix.

mod common;

use axum::http::StatusCode;
use chrono::Duration;
use common::{Client, TestApp, count, location, shared_data};
use qicun::demo::DEMO_PASSWORD;

const REFUSED: &str = "登录名或密码错误，或账号已被暂时锁定";

#[tokio::test]
async fn five_failures_lock_the_account_even_for_the_right_password_until_the_clock_moves_on() {
    let app = TestApp::with_demo().await;
    let mut c = Client::new(&app);
    for _ in 0..5 {
        let res = c.login("cun01", "wrong-password-1").await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    }
    let sixth = c.login("cun01", DEMO_PASSWORD).await;
    assert_eq!(sixth.status, StatusCode::UNAUTHORIZED, "the correct password is refused while locked");
    assert!(sixth.body.contains(REFUSED));
    assert!(!c.cookies.contains_key("qicun_session"));

    app.state.clock.advance(Duration::minutes(14));
    assert_eq!(c.login("cun01", DEMO_PASSWORD).await.status, StatusCode::UNAUTHORIZED, "still locked at 14 minutes");
    app.state.clock.advance(Duration::minutes(2));
    let res = c.login("cun01", DEMO_PASSWORD).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "accepted again after 16 minutes");
    assert!(c.cookies.contains_key("qicun_session"));

    assert_eq!(count(app.db(), "audit_event", "action = 'login.failure'").await, 4);
    assert_eq!(count(app.db(), "audit_event", "action = 'login.lockout'").await, 1);
    assert_eq!(count(app.db(), "audit_event", "action = 'login.refused'").await, 2);
    assert_eq!(count(app.db(), "audit_event", "action = 'login.success'").await, 1);
}

#[tokio::test]
async fn unknown_user_wrong_password_and_locked_account_get_the_same_answer() {
    let app = TestApp::with_demo().await;
    let mut c = Client::new(&app);
    let unknown = c.login("nobody-here", "whatever1").await;
    let wrong = c.login("qiye01", "whatever1").await;
    for _ in 0..5 {
        c.login("qiye04", "whatever1").await;
    }
    let locked = c.login("qiye04", DEMO_PASSWORD).await;
    // The form echoes the login typed, so compare the pages with it removed.
    let strip = |body: &str, login: &str| body.replace(login, "");
    assert_eq!(unknown.status, wrong.status);
    assert_eq!(wrong.status, locked.status);
    let a = strip(&unknown.body, "nobody-here");
    let b = strip(&wrong.body, "qiye01");
    let l = strip(&locked.body, "qiye04");
    let message = |s: &str| s.split("role=\"alert\">").nth(1).and_then(|r| r.split('<').next()).map(str::to_owned);
    assert_eq!(message(&a), message(&b));
    assert_eq!(message(&b), message(&l));
    assert!(message(&a).is_some_and(|m| m.contains(REFUSED)));
}

#[tokio::test]
async fn too_many_login_attempts_from_one_address_are_refused() {
    let app = TestApp::with_demo().await;
    let mut c = Client::new(&app);
    c.get("/login").await;
    let mut last = StatusCode::OK;
    for i in 0..=qicun::app::LOGIN_ATTEMPTS_PER_WINDOW {
        last = c.post("/login", &[("login", &format!("user{i}")), ("password", "x")]).await.status;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
    // Another address is not affected.
    c.ip = ([10, 0, 0, 9], 5000).into();
    assert_eq!(c.login("qiye01", DEMO_PASSWORD).await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_form_without_the_right_csrf_token_is_refused_and_changes_nothing() {
    let app = TestApp::with_demo().await;
    let mut c = Client::new(&app);
    assert_eq!(c.login("qiye01", DEMO_PASSWORD).await.status, StatusCode::SEE_OTHER);
    let before = count(app.db(), "organisation", "contact_name = '新联系人'").await;
    let fields = [("contact_name", "新联系人"), ("contact_phone", "13800001111"), ("address", "新地址 1 号")];
    let missing = c.post_raw("/profile", &fields).await;
    assert_eq!(missing.status, StatusCode::FORBIDDEN);
    let mut wrong = vec![("_csrf", "0000000000000000000000000000000000000000000000000000000000000000")];
    wrong.extend_from_slice(&fields);
    assert_eq!(c.post_raw("/profile", &wrong).await.status, StatusCode::FORBIDDEN);
    assert_eq!(count(app.db(), "organisation", "contact_name = '新联系人'").await, before);
    // The same form with the token goes through.
    let ok = c.post("/profile", &fields).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    assert_eq!(count(app.db(), "organisation", "contact_name = '新联系人'").await, before + 1);
    // Logging in needs the token too.
    let mut anon = Client::new(&app);
    let res = anon.post_raw("/login", &[("login", "qiye01"), ("password", DEMO_PASSWORD)]).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn sessions_end_after_idle_time_by_role_and_logout_kills_the_cookie_for_good() {
    let app = TestApp::with_demo().await;
    let mut village = Client::new(&app);
    let mut office = Client::new(&app);
    village.login("cun01", DEMO_PASSWORD).await;
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    app.state.clock.advance(Duration::minutes(16));
    assert_eq!(village.get("/profile").await.status, StatusCode::OK, "30 minutes for village users");
    let res = office.get("/office/organisations").await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "15 minutes for office users");
    assert!(location(&res).starts_with("/login"));

    // Activity keeps a session alive, but not past 12 hours.
    for _ in 0..70 {
        app.state.clock.advance(Duration::minutes(10));
        assert_eq!(village.get("/profile").await.status, StatusCode::OK);
    }
    app.state.clock.advance(Duration::minutes(10));
    assert_eq!(village.get("/profile").await.status, StatusCode::SEE_OTHER, "absolute limit of 12 hours");

    let mut c = Client::new(&app);
    c.login("qiye01", DEMO_PASSWORD).await;
    let old_cookie = c.cookies.get("qicun_session").cloned().expect("session cookie");
    let res = c.post("/logout", &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(!c.cookies.contains_key("qicun_session"));
    c.cookies.insert("qicun_session".into(), old_cookie);
    let res = c.get("/profile").await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "the old cookie never works again");
    assert_eq!(count(app.db(), "session", "1 = 1").await, 0, "no session row left for the logged-out and expired");
}

#[tokio::test]
async fn login_gives_a_new_session_id_with_safe_cookie_flags() {
    let app = TestApp::with_demo().await;
    let mut c = Client::new(&app);
    c.get("/login").await;
    c.cookies.insert("qicun_session".into(), "planted-by-attacker".into());
    let res = c.post("/login", &[("login", "qiye01"), ("password", DEMO_PASSWORD)]).await;
    let set =
        res.headers.get_all("set-cookie").iter().map(|v| v.to_str().expect("ascii").to_owned()).collect::<Vec<_>>();
    let session =
        set.iter().find(|c| c.starts_with("qicun_session=") && !c.contains("Max-Age=0")).expect("new session cookie");
    assert!(session.contains("HttpOnly") && session.contains("SameSite=Lax"));
    assert!(!session.contains("planted-by-attacker"));
    // The database stores only a hash of the cookie's secret.
    let secret = session.split(';').next().expect("pair").trim_start_matches("qicun_session=");
    assert_eq!(count(app.db(), "session", &format!("id = '{secret}'")).await, 0);
    assert_eq!(count(app.db(), "session", "1 = 1").await, 1);
}

fn enterprise_form<'a>(uscc: &'a str, login: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("name", "宜春市测试农产品有限公司"),
        ("uscc", uscc),
        ("industry_code", "01"),
        ("county_code", "360902000000"),
        ("address", "袁州区测试路 1 号"),
        ("contact_name", "测试员"),
        ("contact_phone", "13907950001"),
        ("login", login),
        ("password", "Test12345x"),
        ("password_confirm", "Test12345x"),
    ]
}

#[tokio::test]
async fn credit_codes_are_checked_digit_by_digit() {
    let app = TestApp::with_demo().await;
    let good = qicun::uscc::build("360902", "MA35TEKT").expect("code");
    let mut wrong_check = good.clone();
    let last = wrong_check.pop().expect("char");
    wrong_check.push(if last == '0' { '1' } else { '0' });
    let cases: [(&str, &str); 4] = [
        (&good[..17], "应为 18 位"),
        (&format!("{}O", &good[..17]), "只能包含数字和大写字母"),
        (&wrong_check, "校验位不正确"),
        ("", "应为 18 位"),
    ];
    let mut c = Client::new(&app);
    c.get("/register/enterprise").await;
    for (code, message) in cases {
        let res = c.post("/register/enterprise", &enterprise_form(code, "newfirm")).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{code}");
        assert!(res.body.contains(message), "{code}: expected {message}");
        assert!(res.body.contains("宜春市测试农产品有限公司"), "the form keeps what was typed");
    }
    assert_eq!(count(app.db(), "organisation", "name = '宜春市测试农产品有限公司'").await, 0);
    // Lowercase input of a valid code is accepted and stored uppercase.
    let res = c.post("/register/enterprise", &enterprise_form(&good.to_lowercase(), "newfirm")).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(count(app.db(), "organisation", &format!("uscc = '{good}' AND status = 'pending'")).await, 1);
    // Registering the same code again is refused.
    let mut other = Client::new(&app);
    other.get("/register/enterprise").await;
    let res = other.post("/register/enterprise", &enterprise_form(&good, "anotherfirm")).await;
    assert!(res.body.contains("已注册"));
}

#[tokio::test]
async fn a_registered_enterprise_waits_for_the_office_covering_its_county() {
    let app = TestApp::with_demo().await;
    let code = qicun::uscc::build("360902", "MA35NEW1").expect("code");
    let mut firm = Client::new(&app);
    firm.get("/register/enterprise").await;
    let res = firm.post("/register/enterprise", &enterprise_form(&code, "newfirm")).await;
    assert_eq!(location(&res), "/profile?registered=1");
    let profile = firm.get("/profile?registered=1").await;
    assert!(profile.body.contains("等待扶贫办审核"));
    let org_id: i32 = {
        let row = entity::organisation::Entity::find()
            .filter(entity::organisation::Column::Uscc.eq(code.clone()))
            .one(app.db())
            .await
            .expect("query")
            .expect("registered");
        row.id
    };
    // Not yet public.
    assert_eq!(Client::new(&app).get(&format!("/organisations/{org_id}")).await.status, StatusCode::NOT_FOUND);

    // An office elsewhere cannot even see it.
    let mut gaoan = Client::new(&app);
    let admin_form =
        [("role", "office"), ("login", "gaoan-fpb"), ("display_name", "高安审核"), ("jurisdiction", "360983000000")];
    let mut admin = Client::new(&app);
    admin.login("admin", DEMO_PASSWORD).await;
    admin.get("/admin/users/new").await;
    let created = admin.post("/admin/users", &admin_form).await;
    let password = created
        .body
        .split("<code class=\"token\">")
        .nth(1)
        .and_then(|s| s.split('<').next())
        .expect("one-time password");
    assert_eq!(gaoan.login("gaoan-fpb", password).await.status, StatusCode::SEE_OTHER);
    let changed = gaoan
        .post(
            "/account/password",
            &[("current", password), ("password", "Gao-an-2026"), ("password_confirm", "Gao-an-2026")],
        )
        .await;
    assert_eq!(changed.status, StatusCode::SEE_OTHER, "one-time password replaced first");
    gaoan.get("/account").await;
    assert_eq!(gaoan.get(&format!("/office/organisations/{org_id}/verify")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(gaoan.post(&format!("/office/organisations/{org_id}/verify"), &[]).await.status, StatusCode::NOT_FOUND);
    assert!(!gaoan.get("/office/organisations").await.body.contains("宜春市测试农产品有限公司"));

    // The county office sees it, confirms, verifies.
    let mut yuanzhou = Client::new(&app);
    yuanzhou.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    assert!(yuanzhou.get("/office/organisations?status=pending").await.body.contains("宜春市测试农产品有限公司"));
    let confirm = yuanzhou.get(&format!("/office/organisations/{org_id}/verify")).await;
    assert!(confirm.body.contains("确认认证通过"));
    let res = yuanzhou.post(&format!("/office/organisations/{org_id}/verify"), &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(count(app.db(), "organisation", &format!("id = {org_id} AND status = 'verified'")).await, 1);
    assert_eq!(
        count(app.db(), "audit_event", &format!("action = 'organisation.verify' AND entity_id = '{org_id}'")).await,
        1
    );
    // Verifying twice is a refused transition, with nothing changed.
    assert_eq!(
        yuanzhou.post(&format!("/office/organisations/{org_id}/verify"), &[]).await.status,
        StatusCode::CONFLICT
    );
    assert_eq!(Client::new(&app).get(&format!("/organisations/{org_id}")).await.status, StatusCode::OK);
}

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

#[tokio::test]
async fn a_village_committee_registers_by_picking_its_official_village() {
    let Some(file) = shared_data("regions_yichun.csv") else { return };
    let app = TestApp::spawn().await;
    qicun::import::regions(app.db(), &file, app.state.clock.now(), &indicatif::ProgressBar::hidden())
        .await
        .expect("import");
    let mut c = Client::new(&app);
    let page = c.get("/register/village?county=360902000000").await;
    assert!(page.body.contains("<optgroup label=\"灵泉街道\">"), "villages are grouped by township");
    assert!(page.body.contains("360902001001"));
    let form = |login: &'static str| {
        vec![
            ("county_code", "360902000000"),
            ("village_code", "360902001001"),
            ("population", "2100"),
            ("poor_households", "60"),
            ("poor_population", "180"),
            ("registered_poor", "1"),
            ("main_industries", "蔬菜"),
            ("first_secretary", "王第一"),
            ("first_secretary_phone", "13907950011"),
            ("party_secretary", "李书记"),
            ("party_secretary_phone", "13907950012"),
            ("contact_name", "李书记"),
            ("contact_phone", "13907950012"),
            ("login", login),
            ("password", "Cun123456x"),
            ("password_confirm", "Cun123456x"),
        ]
    };
    let mut bad = form("village1");
    bad[4] = ("poor_population", "9999");
    let res = c.post("/register/village", &bad).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("贫困人口不能多于总人口"));
    let res = c.post("/register/village", &form("village1")).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(
        count(
            app.db(),
            "organisation",
            "kind = 'village' AND region_code = '360902001001' AND registered_poor = TRUE AND status = 'pending'"
        )
        .await,
        1
    );
    let mut again = Client::new(&app);
    again.get("/register/village?county=360902000000").await;
    let res = again.post("/register/village", &form("village2")).await;
    assert!(res.body.contains("该村已有村委会账号"));
}

#[tokio::test]
async fn an_admin_created_account_must_change_its_one_time_password() {
    let app = TestApp::with_demo().await;
    let mut admin = Client::new(&app);
    admin.login("admin", DEMO_PASSWORD).await;
    admin.get("/admin/users/new").await;
    let bad = admin
        .post(
            "/admin/users",
            &[("role", "office"), ("login", "x1-office"), ("display_name", "某"), ("jurisdiction", "123")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("管辖范围"));
    let res = admin
        .post(
            "/admin/users",
            &[("role", "auditor"), ("login", "audit2"), ("display_name", "审计二"), ("jurisdiction", "")],
        )
        .await;
    let password = res
        .body
        .split("<code class=\"token\">")
        .nth(1)
        .and_then(|s| s.split('<').next())
        .expect("password shown once")
        .to_owned();
    assert!(!admin.get("/admin/users").await.body.contains(&password), "shown only once");
    let mut c = Client::new(&app);
    let res = c.login("audit2", &password).await;
    assert_eq!(location(&res), "/account?first=1");
    let res = c
        .post(
            "/account/password",
            &[("current", &password), ("password", "Shen-ji-2026"), ("password_confirm", "Shen-ji-2026")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let mut again = Client::new(&app);
    assert_eq!(location(&again.login("audit2", "Shen-ji-2026").await), "/audit");
}

#[tokio::test]
async fn the_command_line_creates_the_first_admin_with_a_one_time_password() {
    let dir = tempfile::tempdir().expect("dir");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_qicun"))
            .arg("--data-dir")
            .arg(dir.path())
            .args(args)
            .env_remove("DATABASE_URL")
            .output()
            .expect("run qicun")
    };
    let out = run(&["user", "add", "--role", "admin", "--login", "root"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let password = stdout.lines().find_map(|l| l.strip_prefix("一次性密码：")).expect("password printed");
    assert!(qicun::auth::check_password_strength(password, "root").is_ok());
    let out = run(&["user", "add", "--role", "office", "--login", "o1", "--jurisdiction", "999"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--jurisdiction"));
    let out = run(&["user", "add", "--role", "village", "--login", "v1"]);
    assert!(!out.status.success(), "village accounts register themselves");
}

#[tokio::test]
async fn api_tokens_authenticate_machine_clients_until_revoked() {
    let app = TestApp::with_demo().await;
    let mut c = Client::new(&app);
    c.login("qiye01", DEMO_PASSWORD).await;
    let res = c.post("/account/tokens", &[("name", "台账同步")]).await;
    let token = res
        .body
        .split("<code class=\"token\">")
        .nth(1)
        .and_then(|s| s.split('<').next())
        .expect("token shown")
        .to_owned();
    assert!(token.starts_with("qc_"));
    assert_eq!(count(app.db(), "api_token", &format!("token_hash = '{}'", qicun::auth::sha256_hex(&token))).await, 1);

    let call = |t: Option<String>| {
        let mut req = axum::http::Request::get("/api/v1/me");
        if let Some(t) = t {
            req = req.header("authorization", format!("Bearer {t}"));
        }
        req.body(axum::body::Body::empty()).expect("request")
    };
    let res = app.request(call(Some(token.clone()))).await;
    assert_eq!(res.status, StatusCode::OK);
    let me: serde_json::Value = serde_json::from_str(&res.body).expect("json");
    assert_eq!(me["login"], "qiye01");
    assert_eq!(me["role"], "enterprise");
    assert_eq!(app.request(call(None)).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.request(call(Some("qc_forged".into()))).await.status, StatusCode::UNAUTHORIZED);

    let id: i32 = entity::api_token::Entity::find().one(app.db()).await.expect("q").expect("row").id;
    // Another user cannot revoke it.
    let mut other = Client::new(&app);
    other.login("qiye04", DEMO_PASSWORD).await;
    assert_eq!(other.post(&format!("/account/tokens/{id}/revoke"), &[]).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.request(call(Some(token.clone()))).await.status, StatusCode::OK);
    c.post(&format!("/account/tokens/{id}/revoke"), &[]).await;
    assert_eq!(app.request(call(Some(token))).await.status, StatusCode::UNAUTHORIZED);
}

/// An 11-digit mainland mobile number anywhere in `s`.
fn has_unmasked_phone(s: &str) -> Option<String> {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(10)).find_map(|i| {
        let w = &b[i..i + 11];
        let boundary = (i == 0 || !b[i - 1].is_ascii_digit()) && (i + 11 == b.len() || !b[i + 11].is_ascii_digit());
        (boundary && w[0] == b'1' && (b'3'..=b'9').contains(&w[1]) && w.iter().all(u8::is_ascii_digit))
            .then(|| String::from_utf8_lossy(w).into_owned())
    })
}

#[tokio::test]
async fn public_profile_pages_never_show_a_whole_phone_number() {
    let app = TestApp::with_demo().await;
    let orgs = entity::organisation::Entity::find().all(app.db()).await.expect("orgs");
    let mut shown = 0;
    for viewer in [None, Some("yichun-fpb"), Some("qiye01")] {
        let mut c = Client::new(&app);
        if let Some(login) = viewer {
            c.login(login, DEMO_PASSWORD).await;
        }
        for org in &orgs {
            let res = c.get(&format!("/organisations/{}", org.id)).await;
            if res.status == StatusCode::OK {
                shown += 1;
                assert_eq!(has_unmasked_phone(&res.body), None, "organisation {} as {viewer:?}", org.id);
                if org.contact_phone.is_some() {
                    assert!(res.body.contains("****"), "the masked phone is shown");
                }
            }
        }
    }
    assert!(shown > 40);
    assert!(has_unmasked_phone("电话 13907951234。").is_some(), "the detector itself works");
}
