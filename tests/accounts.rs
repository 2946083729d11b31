//! Accounts and the security baseline: login and lockout, sessions and their expiry, CSRF,
//! registration with credit-code checks, verification inside a jurisdiction, API tokens,
//! masked phones, and the role × route matrix.

mod common;

use axum::http::StatusCode;
use chrono::Duration;
use common::{Client, TestApp, count, location, shared_data, shown_secret};
use qicun::demo::DEMO_PASSWORD;

const REFUSED: &str = "登录名或密码错误。";

#[tokio::test]
async fn failures_delay_only_that_account_from_that_address_and_say_how_long() {
    let app = TestApp::with_demo().await;
    let mut c = Client::new(&app);
    c.ip = ([10, 0, 0, 1], 5000).into();
    for _ in 0..5 {
        assert_eq!(c.login("cun01", "wrong-password-1").await.status, StatusCode::UNAUTHORIZED);
    }
    let sixth = c.login("cun01", DEMO_PASSWORD).await;
    assert_eq!(sixth.status, StatusCode::TOO_MANY_REQUESTS, "the correct password waits too, from here");
    assert!(sixth.body.contains("请 30 秒后再试"), "{}", sixth.body);
    assert_eq!(sixth.headers["retry-after"], "30");
    assert!(sixth.body.contains("value=\"cun01\""), "the form is shown again");
    assert!(!c.cookies.contains_key("qicun_session"));
    // Whoever guessed elsewhere cannot keep the owner out: another address logs in at once.
    let mut owner = Client::new(&app);
    owner.ip = ([10, 0, 0, 2], 5000).into();
    assert_eq!(owner.login("cun01", DEMO_PASSWORD).await.status, StatusCode::SEE_OTHER);
    // The delay grows with each further failure from the same place.
    app.state.clock.advance(Duration::seconds(31));
    assert_eq!(c.login("cun01", "wrong-password-1").await.status, StatusCode::UNAUTHORIZED);
    let res = c.login("cun01", DEMO_PASSWORD).await;
    assert!(res.body.contains("请 1 分钟后再试"), "60 s after the sixth failure: {}", res.body);
    app.state.clock.advance(Duration::seconds(61));
    assert_eq!(c.login("cun01", DEMO_PASSWORD).await.status, StatusCode::SEE_OTHER, "accepted after the wait");
    assert!(c.cookies.contains_key("qicun_session"));
    assert_eq!(count(app.db(), "audit_event", "action = 'login.failure'").await, 6);
    assert_eq!(count(app.db(), "audit_event", "action = 'login.throttled'").await, 1, "noted once, when it began");
    assert_eq!(count(app.db(), "audit_event", "action = 'login.success'").await, 2);

    // Guessing one account from many addresses slows it everywhere, by a minute at most.
    for i in 0..20u8 {
        let mut g = Client::new(&app);
        g.ip = ([10, 1, 0, i], 5000).into();
        assert_eq!(g.login("qiye04", "wrong-password-1").await.status, StatusCode::UNAUTHORIZED);
    }
    let mut fresh = Client::new(&app);
    fresh.ip = ([10, 2, 0, 1], 5000).into();
    let res = fresh.login("qiye04", DEMO_PASSWORD).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(res.body.contains("请 1 分钟后再试"));
    // The security administrator can lift it at once.
    let mut security = Client::new(&app);
    security.login("security", DEMO_PASSWORD).await;
    let list = security.get("/security/users?q=qiye04").await;
    assert!(list.body.contains("登录受限") && list.body.contains("解除登录限制"), "{}", list.body);
    let qiye04 = common::identity(&app, "qiye04").await.id;
    assert_eq!(
        location(&security.post(&format!("/security/users/{qiye04}/unlock"), &[]).await),
        "/security/users?done=unlock"
    );
    assert_eq!(fresh.login("qiye04", DEMO_PASSWORD).await.status, StatusCode::SEE_OTHER);
}

/// An outside probe sent 100 wrong passwords at once and all 100 were checked (each saw the
/// count before any failure was added), the right one among 40 getting in. Each attempt is now
/// counted before its password is checked, one attempt of an account at a time: ten sent at
/// once meet the delay after the fifth, as ten sent one after another do.
#[tokio::test]
async fn guesses_sent_all_at_once_meet_the_delay_like_guesses_sent_one_by_one() {
    let app = TestApp::with_demo().await;
    let mut clients: Vec<Client> = (0..10)
        .map(|_| {
            let mut c = Client::new(&app);
            c.ip = ([10, 9, 0, 1], 5000).into();
            c
        })
        .collect();
    for c in &mut clients {
        c.get("/login").await;
    }
    let form: &[(&str, &str)] = &[("login", "cun07"), ("password", "wrong-password-1"), ("next", "")];
    let [c0, c1, c2, c3, c4, c5, c6, c7, c8, c9] = &mut clients[..] else { unreachable!() };
    let (r0, r1, r2, r3, r4, r5, r6, r7, r8, r9) = tokio::join!(
        c0.post("/login", form),
        c1.post("/login", form),
        c2.post("/login", form),
        c3.post("/login", form),
        c4.post("/login", form),
        c5.post("/login", form),
        c6.post("/login", form),
        c7.post("/login", form),
        c8.post("/login", form),
        c9.post("/login", form),
    );
    let statuses: Vec<StatusCode> = [r0, r1, r2, r3, r4, r5, r6, r7, r8, r9].iter().map(|r| r.status).collect();
    let checked = statuses.iter().filter(|s| **s == StatusCode::UNAUTHORIZED).count();
    let delayed = statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
    assert_eq!((checked, delayed), (5, 5), "{statuses:?}");
    assert_eq!(count(app.db(), "audit_event", "action = 'login.failure'").await, 5);
    // The owner from another address is not kept out, and a good login undoes its own count.
    let mut owner = Client::new(&app);
    owner.ip = ([10, 9, 0, 2], 5000).into();
    assert_eq!(owner.login("cun07", DEMO_PASSWORD).await.status, StatusCode::SEE_OTHER);
    assert_eq!(
        count(app.db(), "rate_limit", "key = 'loginacct:cun07' AND hits = 5").await,
        1,
        "the good login is not counted"
    );
}

#[tokio::test]
async fn unknown_user_and_wrong_password_get_the_same_answers_and_the_same_delays() {
    let app = TestApp::with_demo().await;
    let mut c = Client::new(&app);
    let unknown = c.login("nobody-here", "whatever1").await;
    let wrong = c.login("qiye01", "whatever1").await;
    // The form echoes the login typed, so compare the pages with it removed.
    let strip = |body: &str, login: &str| body.replace(login, "");
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status, wrong.status);
    let message = |s: &str| s.split("role=\"alert\">").nth(1).and_then(|r| r.split('<').next()).map(str::to_owned);
    let (a, b) = (strip(&unknown.body, "nobody-here"), strip(&wrong.body, "qiye01"));
    assert_eq!(message(&a), message(&b));
    assert!(message(&a).is_some_and(|m| m.contains(REFUSED)));
    for _ in 0..4 {
        c.login("nobody-here", "whatever1").await;
        c.login("qiye01", "whatever1").await;
    }
    let (u, k) = (c.login("nobody-here", "whatever1").await, c.login("qiye01", "whatever1").await);
    assert_eq!((u.status, k.status), (StatusCode::TOO_MANY_REQUESTS, StatusCode::TOO_MANY_REQUESTS));
    assert_eq!(message(&strip(&u.body, "nobody-here")), message(&strip(&k.body, "qiye01")));
}

#[tokio::test]
async fn one_address_trying_many_accounts_is_slowed_but_its_good_logins_never_are() {
    let app = TestApp::with_demo().await;
    let mut c = Client::new(&app);
    c.get("/login").await;
    // A township office behind one address: many correct logins in a row are never slowed.
    for _ in 0..60 {
        assert_eq!(c.login("qiye01", DEMO_PASSWORD).await.status, StatusCode::SEE_OTHER);
    }
    let mut last = StatusCode::OK;
    for i in 0..=50 {
        last = c.post("/login", &[("login", &format!("user{i}")), ("password", "x")]).await.status;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS, "50 failures on different accounts, then a delay");
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
    assert!(res.body.contains(&qicun::web::i18n::in_current_words(qicun::accounts::REGISTRATION_CONFLICT)));
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
    assert!(profile.body.contains("等待乡村振兴局审核"));
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
    let one_time = common::new_staff_account(&app, "office", "gaoan-fpb", "360983000000").await;
    let password = one_time.as_str();
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
    let none = gaoan.get("/office/organisations?q=测试农产品").await;
    assert!(none.body.contains("没有符合条件的机构") && !none.body.contains("宜春市测试农产品有限公司"));

    // The county office sees it, confirms, verifies.
    let mut yuanzhou = Client::new(&app);
    yuanzhou.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    assert!(yuanzhou.get("/office/organisations?status=pending").await.body.contains("宜春市测试农产品有限公司"));
    let told = |login: &'static str, like: &'static str| {
        let db = app.db().clone();
        async move {
            count(
                &db,
                "notification",
                &format!("title LIKE '%{like}%' AND user_id IN (SELECT id FROM \"user\" WHERE login = '{login}')"),
            )
            .await
        }
    };
    assert_eq!(told("yuanzhou-fpb", "新注册待审核：宜春市测试农产品有限公司").await, 1, "the office learns of it");
    assert_eq!(told("gaoan-fpb", "宜春市测试农产品有限公司").await, 0, "not an office elsewhere");
    assert_eq!(told("yichun-fpb", "宜春市测试农产品有限公司").await, 0, "the county handles it, not the city above");
    // Sent back with a reason: the applicant reads it on its profile and in its inbox, fixes, resubmits.
    let confirm = yuanzhou.get(&format!("/office/organisations/{org_id}/return")).await;
    assert!(confirm.body.contains("确认退回修改") && confirm.body.contains(&code), "the registration details");
    let res = yuanzhou.post(&format!("/office/organisations/{org_id}/return"), &[("reason", "")]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("请写明理由") && res.body.contains("id=\"e-reason\""));
    let why = "企业地址请写到门牌号";
    let res = yuanzhou.post(&format!("/office/organisations/{org_id}/return"), &[("reason", why)]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(yuanzhou.get(location(&res)).await.body.contains("已对「宜春市测试农产品有限公司」退回修改"));
    assert_eq!(count(app.db(), "organisation", &format!("id = {org_id} AND status = 'returned'")).await, 1);
    assert_eq!(told("newfirm", why).await, 1);
    let profile = firm.get("/profile").await;
    assert!(profile.body.contains(why) && profile.body.contains("保存后自动重新提交审核"));
    assert!(
        profile.body.contains("name=\"uscc\"") && profile.body.contains("name=\"name\""),
        "not yet verified: both can be corrected"
    );
    let bad = firm
        .post(
            "/profile",
            &[
                ("name", "宜春市测试农产品有限责任公司"),
                ("uscc", "123"),
                ("contact_name", "王经理"),
                ("contact_phone", "13907950123"),
                ("address", "宜春市袁州区宜阳大道 88 号"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("宜春市测试农产品有限责任公司"), "what was typed is kept");
    assert_eq!(count(app.db(), "organisation", &format!("id = {org_id} AND status = 'returned'")).await, 1);
    let res = firm
        .post(
            "/profile",
            &[
                ("name", "宜春市测试农产品有限责任公司"),
                ("uscc", &code),
                ("contact_name", "王经理"),
                ("contact_phone", "13907950123"),
                ("address", "宜春市袁州区宜阳大道 88 号"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(
        count(
            app.db(),
            "organisation",
            &format!("id = {org_id} AND status = 'pending' AND name = '宜春市测试农产品有限责任公司'")
        )
        .await,
        1,
        "resubmitted under the corrected name"
    );
    assert_eq!(told("yuanzhou-fpb", "已按意见修改注册信息").await, 1);
    let confirm = yuanzhou.get(&format!("/office/organisations/{org_id}/verify")).await;
    assert!(confirm.body.contains("确认认证通过") && confirm.body.contains(why), "the earlier word is shown");
    let res = yuanzhou.post(&format!("/office/organisations/{org_id}/verify"), &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(told("newfirm", "已通过扶贫办认证").await, 1);
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
    assert!(page.body.contains("<optgroup label=\"彬江镇\">"), "villages are grouped by township");
    assert!(page.body.contains("360902100200"));
    // Urban neighbourhoods are not paired in this drive: 灵泉街道 has only 社区 and is not offered.
    assert!(!page.body.contains("360902001001") && !page.body.contains("灵泉街道"));
    let counties = c.get("/register/village").await;
    assert!(counties.body.contains("袁州区"), "the deployment's counties");
    let form = |login: &'static str| {
        vec![
            ("county_code", "360902000000"),
            ("village_code", "360902100200"),
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
            "kind = 'village' AND region_code = '360902100200' AND registered_poor = TRUE AND status = 'pending'"
        )
        .await,
        1
    );
    let mut again = Client::new(&app);
    let offered = again.get("/register/village?county=360902000000").await;
    assert!(!offered.body.contains("360902100200"), "a village with an account is not offered again");
    let res = again.post("/register/village", &form("village2")).await;
    assert!(res.body.contains(&qicun::web::i18n::in_current_words(qicun::accounts::REGISTRATION_CONFLICT)));
}

#[tokio::test]
async fn a_reviewer_made_by_the_admin_gets_its_password_from_the_security_administrator_only() {
    let app = TestApp::with_demo().await;
    let mut admin = Client::new(&app);
    admin.login("admin", DEMO_PASSWORD).await;
    let form = admin.get("/admin/users/new").await;
    assert!(form.body.contains("袁州区") && form.body.contains("宜春市"), "jurisdictions picked by name");
    let users_before = count(app.db(), "user", "1=1").await;
    let bad = admin
        .post(
            "/admin/users",
            &[("role", "office"), ("login", "x1-office"), ("display_name", "某"), ("jurisdiction", "123")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("管辖范围") && bad.body.contains("x1-office"), "error under the field, typed text kept");
    for role in ["auditor", "admin", "security"] {
        let res = admin
            .post("/admin/users", &[("role", role), ("login", "sneaky"), ("display_name", "某"), ("jurisdiction", "")])
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{role}");
    }
    assert_eq!(count(app.db(), "user", "1=1").await, users_before, "nothing made");
    let res = admin
        .post(
            "/admin/users",
            &[("role", "office"), ("login", "x1-office"), ("display_name", "肖审核"), ("jurisdiction", "360902000000")],
        )
        .await;
    assert_eq!(location(&res), "/admin/users?done=created&created=x1-office");
    let list = admin.get("/admin/users?q=x1").await;
    assert!(list.body.contains("待发放密码") && list.body.contains("肖审核"), "{}", list.body);
    assert_eq!(shown_secret(&list.body), None);
    assert_eq!(count(app.db(), "user", "login = 'x1-office' AND password_hash = ''").await, 1, "no password yet");
    // Nothing logs in to an account without a password.
    for guess in ["", "Demo2026", "x1-office"] {
        assert_eq!(Client::new(&app).login("x1-office", guess).await.status, StatusCode::UNAUTHORIZED);
    }
    let password = common::issue_password(&app, "x1-office").await;
    let mut security = Client::new(&app);
    security.login("security", DEMO_PASSWORD).await;
    assert!(!security.get("/security/users").await.body.contains(&password), "shown only once");
    assert!(!admin.get("/admin/users").await.body.contains(&password));
    assert_eq!(count(app.db(), "user", "login = 'x1-office' AND password_hash LIKE '$argon2id$%'").await, 1);
    let mut c = Client::new(&app);
    assert_eq!(location(&c.login("x1-office", &password).await), "/account?first=1");
    let res = c
        .post(
            "/account/password",
            &[("current", &password), ("password", "Shen-he-2026"), ("password_confirm", "Shen-he-2026")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&Client::new(&app).login("x1-office", "Shen-he-2026").await), "/office");
    for (action, by) in [("user.create", "admin"), ("user.password_issue", "security")] {
        let sql = format!("action = '{action}' AND actor = '{by}'");
        assert_eq!(count(app.db(), "audit_event", &sql).await, 1, "{action} by {by}");
    }
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
    let out = run(&["user", "add", "--role", "security", "--login", "sec1", "--name", "安全员"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = run(&["user", "reset-password", "--login", "root"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let again = stdout.split("一次性密码：").nth(1).map(|s| s.lines().next().unwrap_or_default()).expect("printed");
    assert_ne!(again, password, "a new one-time password");
    let out = run(&["user", "reset-password", "--login", "nobody"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("nobody"));
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

#[tokio::test]
async fn a_kept_token_ends_with_a_change_made_here_at_once_and_elsewhere_within_a_quarter_second() {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let app = TestApp::with_demo().await;
    let call = |t: &str| {
        axum::http::Request::get("/api/v1/me")
            .header("authorization", format!("Bearer {t}"))
            .body(axum::body::Body::empty())
            .expect("request")
    };
    // Two accounts' tokens, each used twice: the second call is answered from the kept row.
    let (firm, village) = (common::token_for(&app, "qiye01").await, common::token_for(&app, "cun01").await);
    for t in [&firm, &village, &firm, &village] {
        assert_eq!(app.request(call(t)).await.status, StatusCode::OK);
    }
    assert!(app.state.rows.len() >= 2, "both tokens' rows are kept");

    // Here: the system administrator disables the firm's account through the pages.
    let firm_user = entity::user::Entity::find()
        .filter(entity::user::Column::Login.eq("qiye01"))
        .one(app.db())
        .await
        .expect("q")
        .expect("qiye01");
    let mut admin = Client::new(&app);
    admin.login("admin", DEMO_PASSWORD).await;
    let res = admin.post(&format!("/admin/users/{}/disable", firm_user.id), &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert!(entity::user::Entity::find_by_id(firm_user.id).one(app.db()).await.expect("q").expect("row").disabled);
    assert_eq!(app.request(call(&firm)).await.status, StatusCode::UNAUTHORIZED, "refused at the next call");
    assert_eq!(app.request(call(&village)).await.status, StatusCode::OK, "the other account is not touched");
    // Enabling the account again does not bring its tokens back (an outside probe found it did).
    let res = admin.post(&format!("/admin/users/{}/enable", firm_user.id), &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert!(!entity::user::Entity::find_by_id(firm_user.id).one(app.db()).await.expect("q").expect("row").disabled);
    assert_eq!(app.request(call(&firm)).await.status, StatusCode::UNAUTHORIZED, "revoked for good");

    // Elsewhere (another node, a command-line tool): the village's tokens are revoked in a
    // transaction this process is not told of, with its audit event as every change has.
    let now = app.state.clock.now();
    let txn = qicun::db::write(app.db()).await.expect("write");
    let revoked = entity::api_token::Entity::update_many()
        .col_expr(entity::api_token::Column::RevokedAt, sea_orm::sea_query::Expr::value(Some(now)))
        .filter(entity::api_token::Column::TokenHash.eq(qicun::auth::sha256_hex(&village)))
        .exec(&txn)
        .await
        .expect("revoke");
    assert_eq!(revoked.rows_affected, 1);
    common::commit_elsewhere(&app, txn, "token.revoke", "api_token", "1".into()).await;
    assert_eq!(
        app.request(call(&village)).await.status,
        StatusCode::UNAUTHORIZED,
        "refused once the version is read again"
    );
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
                // The session's CSRF token is random hex: now and then it holds 11 digits in a
                // row that read like a phone number (a flake once seen), and it is no one's data.
                let body = if c.csrf.is_empty() { res.body.clone() } else { res.body.replace(&c.csrf, "") };
                assert_eq!(has_unmasked_phone(&body), None, "organisation {} as {viewer:?}", org.id);
                if org.contact_phone.is_some() {
                    assert!(res.body.contains("****"), "the masked phone is shown");
                }
            }
        }
    }
    assert!(shown > 40);
    assert!(has_unmasked_phone("电话 13907951234。").is_some(), "the detector itself works");
}

#[tokio::test]
async fn registration_does_not_say_who_is_registered_and_is_limited_per_address() {
    let app = TestApp::with_demo().await;
    let taken_uscc = {
        let org = common::identity(&app, "qiye01").await.organisation_id.expect("org");
        entity::organisation::Entity::find_by_id(org).one(app.db()).await.expect("q").expect("o").uscc.expect("uscc")
    };
    let fresh_uscc = qicun::uscc::build("360902", "MA35TEK1").expect("code");
    let mut c = Client::new(&app);
    c.get("/register/enterprise").await;
    let by_uscc = c.post("/register/enterprise", &enterprise_form(&taken_uscc, "brand-new-login")).await;
    let by_login = c.post("/register/enterprise", &enterprise_form(&fresh_uscc, "qiye04")).await;
    assert_eq!((by_uscc.status, by_login.status), (StatusCode::UNPROCESSABLE_ENTITY, StatusCode::UNPROCESSABLE_ENTITY));
    // Apart from the values typed (kept in the form), the two answers are the same page.
    let strip = |body: &str, typed: &[&str]| typed.iter().fold(body.to_owned(), |b, t| b.replace(t, ""));
    let a = strip(&by_uscc.body, &[&taken_uscc, "brand-new-login"]);
    let b = strip(&by_login.body, &[&fresh_uscc, "qiye04"]);
    assert_eq!(a, b);
    assert!(a.contains(&qicun::web::i18n::in_current_words(qicun::accounts::REGISTRATION_CONFLICT)));
    assert_eq!(count(app.db(), "organisation", &format!("uscc = '{fresh_uscc}'")).await, 0);
    // At most 20 submissions an hour from one address; the form is shown again with the wait.
    for _ in 2..qicun::app::REGISTRATIONS_PER_HOUR {
        c.post("/register/enterprise", &enterprise_form("bad", "x")).await;
    }
    let res = c.post("/register/enterprise", &enterprise_form(&fresh_uscc, "fresh-login-1")).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(res.body.contains("请 60 分钟后再试") && res.body.contains("宜春市测试农产品有限公司"), "{}", res.body);
    assert_eq!(count(app.db(), "organisation", &format!("uscc = '{fresh_uscc}'")).await, 0);
    c.ip = ([10, 0, 0, 7], 5000).into();
    let res = c.post("/register/enterprise", &enterprise_form(&fresh_uscc, "fresh-login-1")).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "another address registers: {}", res.body);
}

#[tokio::test]
async fn a_verified_village_changing_its_poverty_figures_tells_its_offices() {
    let app = TestApp::with_demo().await;
    let mut v = Client::new(&app);
    v.login("cun01", DEMO_PASSWORD).await;
    v.get("/profile").await;
    let fields = [
        ("contact_name", "黄德明"),
        ("contact_phone", "13907950001"),
        ("population", "2000"),
        ("poor_households", "40"),
        ("poor_population", "999"),
        ("main_industries", "富硒大米"),
        ("first_secretary", "王第一"),
        ("first_secretary_phone", "13907950002"),
        ("party_secretary", "黄德明"),
        ("party_secretary_phone", "13907950001"),
    ];
    let res = v.post("/profile", &fields).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let told = count(
        app.db(),
        "notification",
        "title LIKE '%修改了建档立卡数据%建档立卡人口%999%' AND user_id IN (SELECT id FROM \"user\" WHERE login = 'yuanzhou-fpb')",
    )
    .await;
    assert_eq!(told, 1, "the county office is told, with the figures");
    // Saving again without a change tells nobody.
    let all = count(app.db(), "notification", "title LIKE '%修改了建档立卡数据%'").await;
    assert_eq!(v.post("/profile", &fields).await.status, StatusCode::SEE_OTHER);
    assert_eq!(count(app.db(), "notification", "title LIKE '%修改了建档立卡数据%'").await, all);
}

/// The answer that shows a one-time password, reloaded, sent the form again and issued another
/// password, quietly voiding the one already handed over (an outside walk). The form now carries
/// a one-time key: the second sending is refused and the first password stays the one that works.
#[tokio::test]
async fn reloading_the_page_that_showed_a_one_time_password_issues_no_other() {
    let app = TestApp::with_demo().await;
    let id = common::identity(&app, "cun04").await.id;
    let mut security = Client::new(&app);
    security.login("security", DEMO_PASSWORD).await;
    let list = security.get("/security/users?q=cun04").await;
    let form = list.body.split(&format!("action=\"/security/users/{id}/issue\"")).nth(1).expect("the issue form");
    let mark = "name=\"submission\" value=\"";
    let key =
        form[form.find(mark).expect("its one-time key") + mark.len()..].split('"').next().unwrap_or("").to_owned();
    let path = format!("/security/users/{id}/issue");
    let issued = security.post(&path, &[("submission", &key)]).await;
    assert_eq!(issued.status, StatusCode::OK, "{}", issued.body);
    let password = common::shown_secret(&issued.body).expect("shown once");
    let again = security.post(&path, &[("submission", &key)]).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    assert!(again.body.contains("刚才显示的那个仍然有效"), "{}", again.body);
    assert_eq!(common::shown_secret(&again.body), None);
    let mut holder = Client::new(&app);
    assert_eq!(holder.login("cun04", &password).await.status, StatusCode::SEE_OTHER, "the first password works");
}

/// Every organisation named as a link on an office's review lists opens for that office (an
/// outside walk followed 南昌市智慧农业's name on 宜春's list to a 404).
#[tokio::test]
async fn every_organisation_linked_from_an_offices_review_list_opens() {
    let app = TestApp::with_demo().await;
    for office in ["yichun-fpb", "yuanzhou-fpb"] {
        let mut c = Client::new(&app);
        c.login(office, DEMO_PASSWORD).await;
        let mut links = std::collections::BTreeSet::new();
        for status in ["", "pending", "verified", "returned", "rejected", "suspended"] {
            let page = c.get(&format!("/office/organisations?status={status}")).await;
            assert_eq!(page.status, StatusCode::OK, "{office} {status}");
            for part in page.body.split("href=\"/organisations/").skip(1) {
                if let Some(id) = part.split('"').next().filter(|id| id.chars().all(|ch| ch.is_ascii_digit())) {
                    links.insert(id.to_owned());
                }
            }
        }
        assert!(!links.is_empty(), "{office}: the lists link organisations");
        for id in links {
            assert_eq!(
                c.get(&format!("/organisations/{id}")).await.status,
                StatusCode::OK,
                "{office}: /organisations/{id}"
            );
        }
    }
}

#[tokio::test]
async fn the_admin_is_asked_before_an_account_is_disabled() {
    let app = TestApp::with_demo().await;
    let id = entity::user::Entity::find()
        .filter(entity::user::Column::Login.eq("cun01"))
        .one(app.db())
        .await
        .expect("q")
        .expect("cun01")
        .id;
    let mut admin = Client::new(&app);
    admin.login("admin", DEMO_PASSWORD).await;
    let list = admin.get("/admin/users?q=cun01").await;
    assert!(list.body.contains(&format!("href=\"/admin/users/{id}/confirm/disable\"")), "停用 asks first");
    let confirm = admin.get(&format!("/admin/users/{id}/confirm/disable")).await;
    assert!(confirm.body.contains("确认停用") && confirm.body.contains("黄德明"), "{}", confirm.body);
    assert_eq!(count(app.db(), "user", &format!("id = {id} AND disabled = TRUE")).await, 0, "asking changes nothing");
    assert_eq!(admin.post(&format!("/admin/users/{id}/disable"), &[]).await.status, StatusCode::SEE_OTHER);
    assert_eq!(count(app.db(), "user", &format!("id = {id} AND disabled = TRUE")).await, 1);
    // The holder, with the right password, is told the account is disabled and whom to ask
    // (not "wrong password", which had them retry until slowed down); a wrong password still
    // says only that.
    let mut holder = Client::new(&app);
    let res = holder.login("cun01", DEMO_PASSWORD).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(res.body.contains("这个账号已被停用") && res.body.contains("系统管理员重新启用"), "{}", res.body);
    assert!(!holder.cookies.contains_key("qicun_session"));
    let res = holder.login("cun01", "wrong-password-1").await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    assert!(!res.body.contains("停用"));
}

/// Adds `n` pending enterprises registered in 袁州区 a minute apart, named 翻页测试企业01….
async fn pending_firms(app: &TestApp, n: usize) -> Vec<i32> {
    use sea_orm::{ActiveModelTrait, NotSet, Set};
    let model = entity::organisation::Entity::find()
        .filter(entity::organisation::Column::Kind.eq("enterprise"))
        .filter(entity::organisation::Column::RegionCode.starts_with("360902"))
        .one(app.db())
        .await
        .expect("q")
        .expect("a demo enterprise in 袁州区");
    let start = app.state.clock.now() - Duration::days(1);
    let mut ids = Vec::new();
    for i in 1..=n {
        let mut am: entity::organisation::ActiveModel = model.clone().into();
        am.id = NotSet;
        am.name = Set(format!("翻页测试企业{i:02}"));
        am.uscc = Set(None);
        am.external_ref = Set(None);
        am.status = Set("pending".into());
        am.verified_at = Set(None);
        am.verified_by = Set(None);
        am.created_at = Set(start + Duration::minutes(i as i64));
        ids.push(am.insert(app.db()).await.expect("insert").id);
    }
    ids
}

#[tokio::test]
async fn the_review_list_pages_filters_sorts_exports_and_returns_where_the_office_was() {
    use calamine::Reader;
    let app = TestApp::with_demo().await;
    let ids = pending_firms(&app, 35).await;
    let mut office = Client::new(&app);
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    // The tabs count each state of the office's list; 全部 is their sum.
    let all = office.get("/office/organisations").await;
    let counts: Vec<u64> = all
        .body
        .split("<span class=\"count\">")
        .skip(1)
        .map(|s| s[..s.find('<').expect("end")].parse().expect("a count"))
        .collect();
    assert_eq!(counts.len(), 6, "全部 and five states");
    assert_eq!(counts[0], counts[1..].iter().sum::<u64>());
    assert!(counts[1] >= 35);
    let pending = office.get("/office/organisations?status=pending").await;
    assert!(pending.body.contains(&format!("共 {} 条", counts[1])), "the tab counts what the tab lists");
    // Filtered by words and state: 35, 30 on the first page, newest first, with the way on.
    let page1 = office.get("/office/organisations?status=pending&q=翻页测试企业").await;
    assert!(page1.body.contains("共 35 条 · 第 1/2 页"), "{}", page1.body);
    assert_eq!(page1.body.matches("翻页测试企业").count() - page1.body.matches("value=\"翻页测试企业\"").count(), 30);
    assert!(page1.body.find("翻页测试企业35").expect("newest") < page1.body.find("翻页测试企业34").expect("next"));
    assert!(!page1.body.contains("翻页测试企业05<"), "on page 2");
    let next = page1.body.split("href=\"").find(|h| h.contains("page&#x3D;2")).expect("next link");
    let next = next[..next.find('"').expect("end")].replace("&amp;", "&").replace("&#x3D;", "=");
    let page2 = office.get(&next).await;
    assert!(page2.body.contains("第 2/2 页") && page2.body.contains("翻页测试企业05<"), "{next}");
    assert_eq!(page2.body.matches("/verify?").count(), 5);
    // Oldest first and by kind.
    let old = office.get("/office/organisations?status=pending&q=翻页测试企业&sort=old").await;
    assert!(old.body.find("翻页测试企业01").expect("oldest") < old.body.find("翻页测试企业02").expect("next"));
    assert!(old.body.contains("<option value=\"old\" selected>"));
    // Words are words: a % is no wildcard; a credit code is found by its beginning.
    assert!(office.get("/office/organisations?q=%25").await.body.contains("没有符合条件的机构"));
    let coded = entity::organisation::Entity::find()
        .filter(entity::organisation::Column::Kind.eq("enterprise"))
        .filter(entity::organisation::Column::RegionCode.starts_with("360902"))
        .filter(entity::organisation::Column::Uscc.is_not_null())
        .one(app.db())
        .await
        .expect("q")
        .expect("a 袁州 firm with a credit code");
    let prefix = coded.uscc.as_deref().expect("code")[..8].to_lowercase();
    let found = office.get(&format!("/office/organisations?q={prefix}")).await;
    assert!(found.body.contains(&coded.name), "{prefix}");
    let villages = office.get("/office/organisations?status=pending&q=翻页测试企业&kind=village").await;
    assert!(villages.body.contains("没有符合条件的机构"), "{}", villages.body);
    // A page past the end shows the last; a bad sort falls back to the newest first.
    assert!(office.get("/office/organisations?q=翻页测试企业&page=99").await.body.contains("第 2/2 页"));
    assert_eq!(office.get("/office/organisations?sort=%27;drop").await.status, StatusCode::OK);
    // Acting from page 2 comes back to page 2 of the same filter.
    let link = page2.body.split("href=\"").find(|h| h.contains("/verify?back")).expect("verify link");
    let link = link[..link.find('"').expect("end")].replace("&amp;", "&").replace("&#x3D;", "=");
    let confirm = office.get(&link).await;
    assert_eq!(confirm.status, StatusCode::OK);
    let org = link.trim_start_matches("/office/organisations/").split('/').next().expect("id").to_owned();
    let res = office.post(&format!("/office/organisations/{org}/verify"), &[("back", &next)]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&res), next);
    assert!(office.get(location(&res)).await.body.contains("认证通过，对方已收到通知"));
    // A step that no longer fits is refused when its page opens, with the way back.
    let again = office.get(&format!("/office/organisations/{org}/verify")).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(
        again.body.contains("当前为「已认证」，不能认证通过") && again.body.contains("回到机构审核"),
        "{}",
        again.body
    );
    // Anywhere else is refused as a place to return to.
    let other = ids[0];
    let res = office
        .post(
            &format!("/office/organisations/{other}/return"),
            &[("reason", "请补充"), ("back", "https://example.com/")],
        )
        .await;
    assert_eq!(location(&res), "/office/organisations?status=pending");
    // A refusal taken back: the firm is reviewed again and told; the audit trail names it.
    let refused = ids[1];
    office.post(&format!("/office/organisations/{refused}/reject"), &[("reason", "营业执照无法核实")]).await;
    let rejected_tab = office.get("/office/organisations?status=rejected&q=翻页测试企业").await;
    assert!(rejected_tab.body.contains(&format!("/office/organisations/{refused}/reopen?")), "{}", rejected_tab.body);
    let res = office.post(&format!("/office/organisations/{refused}/reopen"), &[("reason", "")]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "a reason is asked for");
    // Someone works at the refused firm, to read the word.
    let staff = entity::user::Entity::find()
        .filter(entity::user::Column::Login.eq("qiye01"))
        .one(app.db())
        .await
        .expect("q")
        .expect("qiye01");
    let mut am: entity::user::ActiveModel = staff.into();
    am.id = sea_orm::NotSet;
    am.login = sea_orm::Set("refused-firm".into());
    am.organisation_id = sea_orm::Set(Some(refused));
    sea_orm::ActiveModelTrait::insert(am, app.db()).await.expect("a user");
    let res = office.post(&format!("/office/organisations/{refused}/reopen"), &[("reason", "已补交营业执照")]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(
        count(
            app.db(),
            "notification",
            "title LIKE '%重新受理%已补交营业执照%' AND user_id IN (SELECT id FROM \"user\" WHERE login = 'refused-firm')"
        )
        .await,
        1,
        "the firm is told"
    );
    assert_eq!(count(app.db(), "organisation", &format!("id = {refused} AND status = 'pending'")).await, 1);
    assert_eq!(
        count(app.db(), "audit_event", &format!("action = 'organisation.reopen' AND entity_id = '{refused}'")).await,
        1
    );
    // The list as a workbook: every row of the filter, not only the page, contacts unmasked.
    let res = office.get("/office/organisations?status=pending&q=翻页测试企业&format=xlsx").await;
    assert_eq!(res.status, StatusCode::OK);
    let pending_now =
        count(app.db(), "organisation", "status = 'pending' AND name LIKE '翻页测试企业%'").await as usize;
    assert_eq!(pending_now, 33, "one verified, one sent back; the refused one is pending again");
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(res.bytes)).expect("xlsx");
    let sheet = book.worksheet_range("机构").expect("sheet");
    assert_eq!(sheet.height(), pending_now + 2, "title, headings, one row each");
    let rows: Vec<Vec<String>> = sheet.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    assert_eq!(rows[1][0], "名称");
    assert!(rows[2..].iter().all(|r| r[0].starts_with("翻页测试企业") && r[2] == "待审核"));
    assert!(rows[2..].iter().all(|r| r[4].starts_with("袁州区")), "{:?}", rows[2]);
    assert!(rows[2..].iter().all(|r| r[7].len() == 11 && !r[7].contains('*')), "phones whole for the office");
    // Another county's office sees none of them.
    let mut gaoan = Client::new(&app);
    let password = common::new_staff_account(&app, "office", "gaoan-fpb", "360983000000").await;
    gaoan.login("gaoan-fpb", &password).await;
    gaoan
        .post(
            "/account/password",
            &[("current", &password), ("password", "Gao-an-2026"), ("password_confirm", "Gao-an-2026")],
        )
        .await;
    let res = gaoan.get("/office/organisations?q=翻页测试企业&format=xlsx").await;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(res.bytes)).expect("xlsx");
    assert_eq!(book.worksheet_range("机构").expect("sheet").height(), 2, "headings only");
}

#[tokio::test]
async fn the_demo_firm_waiting_in_nanchang_has_an_office_to_decide_it() {
    let app = TestApp::with_demo().await;
    let user = entity::user::Entity::find()
        .filter(entity::user::Column::Login.eq("qiye20"))
        .one(app.db())
        .await
        .expect("q")
        .expect("qiye20");
    let firm = entity::organisation::Entity::find_by_id(user.organisation_id.expect("org"))
        .one(app.db())
        .await
        .expect("q")
        .expect("firm");
    assert!(firm.region_code.starts_with("3601") && firm.status == "pending");
    let mut office = Client::new(&app);
    assert_eq!(office.login("nanchang-fpb", DEMO_PASSWORD).await.status, StatusCode::SEE_OTHER);
    let list = office.get("/office/organisations?status=pending").await;
    assert!(
        list.body.contains(&firm.name) && list.body.contains(&format!("/office/organisations/{}/verify?", firm.id))
    );
    let res = office.post(&format!("/office/organisations/{}/verify", firm.id), &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(count(app.db(), "organisation", &format!("id = {} AND status = 'verified'", firm.id)).await, 1);
}

#[tokio::test]
async fn a_refused_village_registration_is_not_taken_back_over_the_real_village() {
    use sea_orm::{ActiveModelTrait, NotSet, Set};
    let app = TestApp::with_demo().await;
    let real = entity::organisation::Entity::find()
        .filter(entity::organisation::Column::Kind.eq("village"))
        .filter(entity::organisation::Column::Status.eq("verified"))
        .filter(entity::organisation::Column::RegionCode.starts_with("360902"))
        .one(app.db())
        .await
        .expect("q")
        .expect("a verified 袁州 village");
    let mut am: entity::organisation::ActiveModel = real.clone().into();
    am.id = NotSet;
    am.name = Set(format!("{}（冒名）", real.name));
    am.external_ref = Set(None);
    am.status = Set("rejected".into());
    let impostor = am.insert(app.db()).await.expect("insert").id;
    let mut office = Client::new(&app);
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    let res = office.post(&format!("/office/organisations/{impostor}/reopen"), &[("reason", "申请人称有误")]).await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert!(res.body.contains("该村已由另一个账号注册"), "{}", res.body);
    assert_eq!(count(app.db(), "organisation", &format!("id = {impostor} AND status = 'rejected'")).await, 1);
}
