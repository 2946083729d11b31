//! Watching for relapse (防返贫监测): a household at risk goes through the published steps with
//! their deadlines (working days from the holiday arrangement), the notice shows nothing
//! private, overdue steps are flagged once to the village and its offices, two people recording
//! the same step end in one outcome, and only the village, its offices and auditors read it.

mod common;

use axum::http::StatusCode;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use common::{Client, TestApp, count, location};
use entity::{household, monitoring_case, organisation};
use qicun::demo::DEMO_PASSWORD;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

async fn own_village(app: &TestApp, login: &str) -> organisation::Model {
    let u = entity::user::Entity::find()
        .filter(entity::user::Column::Login.eq(login))
        .one(app.db())
        .await
        .expect("q")
        .expect("demo login");
    organisation::Entity::find_by_id(u.organisation_id.expect("a village member"))
        .one(app.db())
        .await
        .expect("q")
        .expect("q")
}

/// A household of the village's register with no case open on it.
async fn free_household(app: &TestApp, village: i32) -> household::Model {
    let watched: Vec<i32> = monitoring_case::Entity::find()
        .filter(monitoring_case::Column::VillageId.eq(village))
        .all(app.db())
        .await
        .expect("q")
        .into_iter()
        .filter_map(|c| c.household_id)
        .collect();
    household::Entity::find()
        .filter(household::Column::VillageId.eq(village))
        .filter(household::Column::LeftYear.is_null())
        .order_by_asc(household::Column::Code)
        .all(app.db())
        .await
        .expect("q")
        .into_iter()
        .find(|h| !watched.contains(&h.id))
        .expect("a household of the demo register not yet watched")
}

async fn act(c: &mut Client<'_>, id: i32, fields: &[(&str, &str)]) -> common::TestResponse {
    c.post(&format!("/monitoring/{id}/step"), fields).await
}

/// The step was recorded: back on the case's page (not sent to sign in).
fn recorded(r: &common::TestResponse, id: i32) {
    assert_eq!((r.status, location(r)), (StatusCode::SEE_OTHER, format!("/monitoring/{id}").as_str()), "{}", r.body);
}

fn id_in(location: &str) -> i32 {
    location.trim_start_matches("/monitoring/").parse().expect("a case's page")
}

/// One title per message to the organisation (its first member's inbox).
async fn inbox_titles(app: &TestApp, org: i32) -> Vec<String> {
    let member = entity::user::Entity::find()
        .filter(entity::user::Column::OrganisationId.eq(org))
        .order_by_asc(entity::user::Column::Id)
        .one(app.db())
        .await
        .expect("q")
        .expect("a member");
    entity::notification::Entity::find()
        .filter(entity::notification::Column::UserId.eq(member.id))
        .all(app.db())
        .await
        .expect("q")
        .into_iter()
        .map(|n| n.title)
        .collect()
}

#[tokio::test]
async fn a_household_goes_through_every_step_and_leaves_with_its_reason() {
    let app = TestApp::with_demo().await;
    let village = own_village(&app, "cun01").await;
    let mut cun = Client::new(&app);
    cun.login("cun01", DEMO_PASSWORD).await;
    let list = cun.get("/monitoring").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(
        list.body.contains("本村的监测户") && list.body.contains("登记有风险的农户"),
        "the village's list and form"
    );
    assert!(list.body.contains("逾期"), "the demo's overdue home visit is flagged");

    // A wrong form names every field and records nothing.
    let before = count(app.db(), "monitoring_case", "1=1").await;
    let bad = cun
        .post(
            "/monitoring",
            &[
                ("household", ""),
                ("head_name", "王五13907950000"),
                ("members", "0"),
                ("channel", "data_alert"),
                ("risk", ""),
                ("signal_on", "2031-01-01"),
                ("note", "电话 13907950000"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    for named in [
        "请填写户主姓名",
        "家庭人口应为 1 到 30",
        "部门数据预警由乡村振兴局登记",
        "请选择风险类型",
        "发现日期应在一年内",
        "请不要写入身份证号、电话或银行卡号",
    ] {
        assert!(bad.body.contains(named), "{named}");
    }
    assert_eq!(count(app.db(), "monitoring_case", "1=1").await, before);

    // Filed for a household of the register: the visit is due in 5 working days.
    let home = free_household(&app, village.id).await;
    let today = app.state.clock.today();
    let filed = cun
        .post(
            "/monitoring",
            &[
                ("household", &home.id.to_string()),
                ("channel", "application"),
                ("risk", "illness"),
                ("signal_on", &today.to_string()),
                ("note", "户主申请：家人住院，医疗支出较大。"),
            ],
        )
        .await;
    assert_eq!(filed.status, StatusCode::SEE_OTHER, "{}", filed.body);
    let id = id_in(location(&filed));
    let c = monitoring_case::Entity::find_by_id(id).one(app.db()).await.expect("q").expect("q");
    let calendar = qicun::governance::workdays::load(app.db()).await.expect("q");
    assert_eq!(c.visit_due, calendar.add_working_days(today, 5));
    assert!(c.visit_due >= today + Duration::days(5), "five working days are at least five days");
    assert_eq!(c.decide_due, today + Duration::days(15));
    let page = cun.get(&format!("/monitoring/{id}")).await;
    assert!(page.body.contains("已登记第") && page.body.contains("待入户核实"), "the page says what happened");
    assert!(page.body.contains("因病（不公开）"));
    assert!(!page.body.contains(&home.head_name), "the name is sealed at rest, shown opened");
    assert_eq!(count(app.db(), "audit_event", &format!("action = 'monitoring.file' AND entity_id = '{id}'")).await, 1);

    // The same household cannot be filed twice while watched.
    let again = cun
        .post(
            "/monitoring",
            &[
                ("household", &home.id.to_string()),
                ("channel", "village_check"),
                ("risk", "work"),
                ("signal_on", &today.to_string()),
                ("note", "再次排查发现风险。"),
            ],
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(again.body.contains(&format!("这一户已在监测中（第 {id} 号")), "names the open case");

    let t = today.to_string();
    // Visit with no note: named.
    let r = act(&mut cun, id, &[("stage", "visit"), ("done_on", &t), ("note", "")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("请填写办理情况"));
    let r = act(&mut cun, id, &[("stage", "visit"), ("done_on", &t), ("note", "入户核实，情况属实。")]).await;
    recorded(&r, id);
    let r = act(&mut cun, id, &[("stage", "review"), ("done_on", &t), ("result", "")]).await;
    assert!(r.body.contains("请选择结论"));
    let r = act(&mut cun, id, &[("stage", "review"), ("done_on", &t), ("result", "yes")]).await;
    recorded(&r, id);
    // Before the notice is posted, there is nothing to print... it is to be printed now.
    let r = act(&mut cun, id, &[("stage", "notice"), ("done_on", &t), ("note", "村务公开栏")]).await;
    recorded(&r, id);
    let notice = cun.get(&format!("/monitoring/{id}/notice")).await;
    assert_eq!(notice.status, StatusCode::OK);
    let heading = page.body.split("<h1>").nth(1).and_then(|r| r.split("</h1>").next()).unwrap_or("");
    let shown_name =
        heading.split("号监测户 · ").nth(1).unwrap_or("").trim_matches(['\u{2068}', '\u{2069}']).to_owned();
    assert!(shown_name.chars().count() >= 2 && !shown_name.contains("企村"), "the heading names the head: {heading}");
    assert!(!shown_name.is_empty() && notice.body.contains(&shown_name), "the notice names the head");
    assert!(notice.body.contains(&format!("{} 人", home.members)));
    // The printed sheet itself (the page around it carries a random form token, which may hold any digits).
    let sheet = notice.body.split("<section class=\"printable\">").nth(1).and_then(|s| s.split("</section>").next());
    let sheet = sheet.expect("the notice page has its printable sheet");
    assert!(sheet.contains(&format!("<td>{shown_name}</td>")), "the sheet names the head {shown_name}: {sheet}");
    for private in ["因病", "住院", "医疗", &home.code, "139"] {
        assert!(!sheet.contains(private), "the notice shows no {private}");
    }

    // The township is recorded by the office, not before the notice has run 5 days.
    let mut office = Client::new(&app);
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    let village_try = act(&mut cun, id, &[("stage", "township"), ("done_on", &t), ("result", "yes")]).await;
    assert_eq!(village_try.status, StatusCode::FORBIDDEN, "the village does not record the township's review");
    let early = act(&mut office, id, &[("stage", "township"), ("done_on", &t), ("result", "yes")]).await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(early.body.contains("不少于 5 天"), "{}", early.body);
    app.state.clock.advance(Duration::days(5));
    // Five days on, both sign in again (sessions do not last that long).
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    cun.login("cun01", DEMO_PASSWORD).await;
    let t5 = (today + Duration::days(5)).to_string();
    let r = act(&mut office, id, &[("stage", "township"), ("done_on", &t5), ("result", "yes")]).await;
    recorded(&r, id);
    let r = act(&mut office, id, &[("stage", "county"), ("done_on", &t5), ("result", "yes")]).await;
    assert!(r.body.contains("请选择监测对象类型"), "{} {}", r.status, r.body);
    let r = act(&mut office, id, &[("stage", "county"), ("done_on", &t5), ("result", "yes"), ("category", "unstable")])
        .await;
    recorded(&r, id);
    let c = monitoring_case::Entity::find_by_id(id).one(app.db()).await.expect("q").expect("q");
    assert_eq!(c.stage, "measures");
    assert_eq!(c.measures_due, Some(today + Duration::days(20)));

    // A measure using an offer on the platform: the village may record it.
    let page = cun.get(&format!("/monitoring/{id}")).await;
    let offer = page
        .body
        .split("name=\"offer\"")
        .nth(1)
        .and_then(|r| r.split("<option value=\"").nth(2))
        .and_then(|r| r.split('"').next())
        .expect("live offers serving the county are offered")
        .to_owned();
    let r = act(
        &mut cun,
        id,
        &[
            ("stage", "measures"),
            ("done_on", &t5),
            ("measure", "employment"),
            ("offer", &offer),
            ("note", "推荐到企业就业。"),
        ],
    )
    .await;
    recorded(&r, id);
    let again = act(
        &mut cun,
        id,
        &[
            ("stage", "watching"),
            ("done_on", &t5),
            ("measure", "employment"),
            ("offer", &offer),
            ("note", "推荐到企业就业。"),
        ],
    )
    .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "the same measure sent twice is kept once");
    assert_eq!(count(app.db(), "monitoring_step", &format!("case_id = {id} AND step = 'measure'")).await, 1);
    let no_stage = act(&mut cun, id, &[("done_on", &t5), ("measure", "health"), ("note", "缺少步骤的表单。")]).await;
    assert_eq!(no_stage.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = cun.get(&format!("/monitoring/{id}")).await;
    assert!(page.body.contains("监测帮扶中") && page.body.contains(&format!("/offers/{offer}")));
    assert!(!page.body.contains("value=\"clear\""), "the village does not clear a case");

    // Leaving monitoring needs the reason, the confirmation, and a day after the first measure;
    // the office records it.
    let r = act(&mut office, id, &[("stage", "watching"), ("done_on", &t5), ("action", "clear")]).await;
    assert!(r.body.contains("请填写理由") && r.body.contains("请勾选确认风险已经消除"), "{}", r.body);
    assert!(r.body.contains("风险消除应在帮扶措施落实之后经过监测再认定"), "not on the day help began");
    app.state.clock.advance(Duration::days(1));
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    cun.login("cun01", DEMO_PASSWORD).await;
    let t6 = (today + Duration::days(6)).to_string();
    let r = act(
        &mut office,
        id,
        &[
            ("stage", "watching"),
            ("done_on", &t6),
            ("action", "clear"),
            ("confirm", "yes"),
            ("note", "已稳定就业，收入持续稳定。"),
        ],
    )
    .await;
    recorded(&r, id);
    let page = office.get(&format!("/monitoring/{id}")).await;
    assert!(page.body.contains("风险已消除") && page.body.contains("已稳定就业，收入持续稳定。"));
    assert!(!page.body.contains("name=\"stage\""), "a closed case offers no step");
    let steps = count(app.db(), "monitoring_step", &format!("case_id = {id}")).await;
    assert_eq!(steps, 8, "signal, visit, review, notice, township, county, measure, cleared");
    assert_eq!(count(app.db(), "audit_event", &format!("action = 'monitoring.step' AND entity_id = '{id}'")).await, 7);
    assert!(
        matches!(qicun::audit::verify(app.db()).await.expect("verify"), qicun::audit::Verification::Intact { .. }),
        "the trail is intact"
    );

    // A review that does not take the household in closes the case with its reason.
    let other = free_household(&app, village.id).await;
    let filed = cun
        .post(
            "/monitoring",
            &[
                ("household", &other.id.to_string()),
                ("channel", "village_check"),
                ("risk", "work"),
                ("signal_on", &t5),
                ("note", "排查发现务工收入减少。"),
            ],
        )
        .await;
    let id2 = id_in(location(&filed));
    let path = format!("/monitoring/{id2}/step");
    cun.post(&path, &[("stage", "visit"), ("done_on", &t5), ("note", "入户核实。")]).await;
    let r = cun.post(&path, &[("stage", "review"), ("done_on", &t5), ("result", "no"), ("note", "")]).await;
    assert!(r.body.contains("请填写理由"));
    let r = cun
        .post(&path, &[("stage", "review"), ("done_on", &t5), ("result", "no"), ("note", "已找到新工作，收入稳定。")])
        .await;
    recorded(&r, id2);
    let c = monitoring_case::Entity::find_by_id(id2).one(app.db()).await.expect("q").expect("q");
    assert_eq!((c.stage.as_str(), c.closed_on), ("declined", Some(today + Duration::days(5))));
}

#[tokio::test]
async fn overdue_steps_are_flagged_once_to_the_village_and_its_offices() {
    let app = TestApp::with_demo().await;
    let village = own_village(&app, "cun01").await;
    let today = app.state.clock.today();
    // Holidays on the next five weekdays push the visit's deadline out.
    let mut admin = Client::new(&app);
    admin.login("admin", DEMO_PASSWORD).await;
    let bad = admin.post("/admin/calendar", &[("days", "2026-10-01 休\n2026-10-03 休\n明天 休")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body.contains("第 2 行") && bad.body.contains("第 3 行") && bad.body.contains("明天 休"),
        "{}",
        bad.body
    );
    let weekdays: Vec<NaiveDate> = (1..30)
        .map(|d| today + Duration::days(d))
        .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
        .take(5)
        .collect();
    let text: String = weekdays.iter().map(|d| format!("{d} 休\n")).collect();
    let saved = admin.post("/admin/calendar", &[("days", &text)]).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert!(admin.get("/admin/calendar").await.body.contains("已保存节假日安排，共 5 天"));

    let mut office = Client::new(&app);
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    // An office files a data alert by the village's code (the household not on the register).
    let bad = office
        .post(
            "/monitoring",
            &[
                ("village", "360902"),
                ("head_name", "刘某某"),
                ("members", "3"),
                ("channel", "data_alert"),
                ("risk", "business"),
                ("signal_on", &today.to_string()),
                ("note", "数据比对：收入骤降。"),
            ],
        )
        .await;
    assert!(bad.body.contains("请填写村的 12 位区划代码"));
    let filed = office
        .post(
            "/monitoring",
            &[
                ("village", &village.region_code),
                ("head_name", "刘某某"),
                ("members", "3"),
                ("channel", "data_alert"),
                ("risk", "business"),
                ("signal_on", &today.to_string()),
                ("note", "数据比对：家庭收入骤降。"),
            ],
        )
        .await;
    assert_eq!(filed.status, StatusCode::SEE_OTHER, "{}", filed.body);
    let id = id_in(location(&filed));
    let c = monitoring_case::Entity::find_by_id(id).one(app.db()).await.expect("q").expect("q");
    assert!(c.head_name.starts_with("s1:"), "the name of a household not on the register is sealed");
    let expected = (1..60)
        .map(|d| today + Duration::days(d))
        .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !weekdays.contains(d))
        .nth(4)
        .expect("q");
    assert_eq!(c.visit_due, expected, "five working days, holidays skipped");

    // Not overdue on its last day; overdue the day after, flagged once.
    let county_office = own_village(&app, "yuanzhou-fpb").await;
    let city_office = own_village(&app, "yichun-fpb").await;
    let warning = format!("第 {id} 号监测户「待入户核实」");
    let on = |d: NaiveDate| (d - today).num_days();
    app.state.clock.advance(Duration::days(on(c.visit_due)));
    qicun::governance::monitoring::warn_overdue(app.db(), app.state.clock.now()).await.expect("q");
    assert!(!inbox_titles(&app, village.id).await.iter().any(|t| t.contains(&warning)), "due today is not late");
    app.state.clock.advance(Duration::days(1));
    qicun::radar::daily(app.db(), app.state.clock.now()).await.expect("q");
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    qicun::governance::monitoring::warn_overdue(app.db(), app.state.clock.now()).await.expect("q");
    for org in [village.id, county_office.id, city_office.id] {
        let n = inbox_titles(&app, org).await.iter().filter(|t| t.contains(&warning)).count();
        assert_eq!(n, 1, "organisation {org} is told once");
    }
    let other_city = own_village(&app, "nanchang-fpb").await;
    assert!(!inbox_titles(&app, other_city.id).await.iter().any(|t| t.contains(&warning)));
    let radar = office.get("/office/radar").await;
    assert!(radar.body.contains("逾期的防返贫监测步骤") && radar.body.contains(&format!("/monitoring/{id}")));
    let list = office.get("/monitoring").await;
    assert!(list.body.contains("已逾期") && list.body.contains("逾期 1 天"), "{}", list.body);
    let page = office.get(&format!("/monitoring/{id}")).await;
    assert!(page.body.contains("已逾期 1 天"));

    // The office does not record the village's step; once the village has, the next stage is
    // not late (its deadline is later).
    let t = app.state.clock.today().to_string();
    let step = [("stage", "visit"), ("done_on", t.as_str()), ("note", "入户核实属实。")];
    let r = office.post(&format!("/monitoring/{id}/step"), &step).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let mut cun = Client::new(&app);
    cun.login("cun01", DEMO_PASSWORD).await;
    let r = cun.post(&format!("/monitoring/{id}/step"), &step).await;
    recorded(&r, id);
    let (n, _) = qicun::governance::monitoring::overdue_in(app.db(), "", app.state.clock.today(), 10).await.expect("q");
    let (listed_after, late) =
        qicun::governance::monitoring::overdue_in(app.db(), &village.region_code, app.state.clock.today(), 10)
            .await
            .expect("q");
    assert!(n >= listed_after && !late.iter().any(|c| c.id == id));
}

#[tokio::test]
async fn two_people_recording_the_same_step_end_in_one_outcome() {
    let app = TestApp::with_demo().await;
    let village = own_village(&app, "cun01").await;
    let mut cun = Client::new(&app);
    cun.login("cun01", DEMO_PASSWORD).await;
    // The same village's account open in a second browser (or a colleague of the village).
    let mut other = Client::new(&app);
    other.login("cun01", DEMO_PASSWORD).await;
    let home = free_household(&app, village.id).await;
    let t = app.state.clock.today().to_string();
    let filed = cun
        .post(
            "/monitoring",
            &[
                ("household", &home.id.to_string()),
                ("channel", "application"),
                ("risk", "disaster"),
                ("signal_on", &t),
                ("note", "房屋受损。"),
            ],
        )
        .await;
    let id = id_in(location(&filed));
    let path = format!("/monitoring/{id}/step");
    let by_village = [("stage", "visit"), ("done_on", t.as_str()), ("note", "村里入户核实。")];
    let by_other = [("stage", "visit"), ("done_on", t.as_str()), ("note", "另一位村干部入户核实。")];
    let (a, b) = tokio::join!(cun.post(&path, &by_village), other.post(&path, &by_other));
    let statuses = [a.status, b.status];
    assert!(statuses.contains(&StatusCode::SEE_OTHER) && statuses.contains(&StatusCode::CONFLICT), "{statuses:?}");
    let loser = if a.status == StatusCode::CONFLICT { &a } else { &b };
    assert!(loser.body.contains("这一步已经办理过了") && loser.body.contains("待村民代表评议"), "{}", loser.body);
    assert_eq!(count(app.db(), "monitoring_step", &format!("case_id = {id} AND step = 'visit'")).await, 1);
    // A stale form (the stage it was made for has passed) is refused the same way.
    let stale = cun.post(&path, &[("stage", "visit"), ("done_on", &t), ("note", "又一次核实。")]).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(stale.body.contains("name=\"stage\" value=\"review\""), "the page offers the step the case is at");
}

#[tokio::test]
async fn a_name_typed_by_hand_is_matched_against_the_register_and_open_cases() {
    let app = TestApp::with_demo().await;
    let village = own_village(&app, "cun01").await;
    let mut office = Client::new(&app);
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    let t = app.state.clock.today().to_string();
    let file = |name: &'static str| {
        [
            ("village", village.region_code.clone()),
            ("head_name", name.to_owned()),
            // No size: a household on the register has one.
            ("members", String::new()),
            ("channel", "data_alert".to_owned()),
            ("risk", "work".to_owned()),
            ("signal_on", t.clone()),
            ("note", "数据比对发现收入下降。".to_owned()),
        ]
    };
    let send = |f: &[(&'static str, String); 7]| f.iter().map(|(k, v)| (*k, v.clone())).collect::<Vec<_>>();
    // 黄春生 is on the register and watched (the demo's overdue home visit): refused.
    let before = count(app.db(), "monitoring_case", "1=1").await;
    let f = send(&file("黄春生"));
    let fields: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = office.post("/monitoring", &fields).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("这一户已在监测中"), "{}", r.body);
    assert!(r.body.contains("号监测户</a>"), "the refusal links the case");
    // 罗细妹 is not on the register but watched: refused too.
    let f = send(&file("罗细妹"));
    let fields: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(office.post("/monitoring", &fields).await.status, StatusCode::CONFLICT);
    assert_eq!(count(app.db(), "monitoring_case", "1=1").await, before);
    // A name not on the register needs the household's size.
    let f = send(&file("欧阳某某"));
    let fields: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = office.post("/monitoring", &fields).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("不在建档立卡名单的农户，家庭人口应为 1 到 30 的整数"));
    assert_eq!(count(app.db(), "monitoring_case", "1=1").await, before);
    // 钟玉莲 is on the register and not watched: the case is hers on the register.
    let f = send(&file("钟玉莲"));
    let fields: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = office.post("/monitoring", &fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let c = monitoring_case::Entity::find_by_id(id_in(location(&r))).one(app.db()).await.expect("q").expect("filed");
    let h = household::Entity::find_by_id(c.household_id.expect("linked to the register"))
        .one(app.db())
        .await
        .expect("q")
        .expect("her row");
    assert_eq!((c.members, c.head_name.as_str()), (h.members, ""), "the register's size, no second copy of the name");
}

#[tokio::test]
async fn only_the_village_its_offices_and_auditors_read_a_case() {
    let app = TestApp::with_demo().await;
    let village = own_village(&app, "cun01").await;
    let case = monitoring_case::Entity::find()
        .filter(monitoring_case::Column::VillageId.eq(village.id))
        .filter(monitoring_case::Column::HeadName.ne(""))
        .one(app.db())
        .await
        .expect("q")
        .expect("the demo's edge household");
    assert!(case.head_name.starts_with("s1:"), "sealed when the node started");
    let path = format!("/monitoring/{}", case.id);
    for (login, expected) in [
        ("cun01", StatusCode::OK),
        ("yuanzhou-fpb", StatusCode::OK),
        ("yichun-fpb", StatusCode::OK),
        ("auditor", StatusCode::OK),
        ("cun03", StatusCode::NOT_FOUND),
        ("nanchang-fpb", StatusCode::NOT_FOUND),
        ("qiye01", StatusCode::FORBIDDEN),
        ("danwei01", StatusCode::FORBIDDEN),
    ] {
        let mut c = Client::new(&app);
        c.login(login, DEMO_PASSWORD).await;
        let res = c.get(&path).await;
        assert_eq!(res.status, expected, "{login}");
        if expected == StatusCode::OK {
            assert!(res.body.contains("罗细妹"), "{login} reads the name");
        } else {
            assert!(!res.body.contains("罗细妹"), "{login}");
        }
        if login == "auditor" {
            assert!(!res.body.contains("name=\"stage\""), "the auditor reads, does not act");
        }
    }
    let anon = app.get(&path).await;
    assert!(anon.status.is_redirection() && location(&anon).starts_with("/login"));
    for public in ["/", "/notices", "/organisations/1"] {
        assert!(!app.get(public).await.body.contains("罗细妹"), "{public}");
    }
    // The other city's office sees none of this village's cases in its list.
    let mut nanchang = Client::new(&app);
    nanchang.login("nanchang-fpb", DEMO_PASSWORD).await;
    let list = nanchang.get("/monitoring").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(!list.body.contains("罗细妹") && !list.body.contains(&village.name));
    // The county office sees the counts by village and stage.
    let mut office = Client::new(&app);
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    let list = office.get("/monitoring").await;
    assert!(list.body.contains("各村在办情况") && list.body.contains(&village.name));
    assert!(list.body.contains("待落实帮扶措施") && list.body.contains("罗细妹"));
}
