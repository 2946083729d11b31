//! Responsibility (责任机制): offices record who answers for a county and its villages; a
//! village's public page names them (never a phone); an assignment's page shows its villages'
//! progress from the ledger; ending one keeps it as history, once.

mod common;

use axum::http::StatusCode;
use common::{Client, TestApp, count, location};
use entity::organisation;
use qicun::demo::DEMO_PASSWORD;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

async fn verified_villages(app: &TestApp, prefix: &str) -> Vec<organisation::Model> {
    organisation::Entity::find()
        .filter(organisation::Column::Kind.eq("village"))
        .filter(organisation::Column::Status.eq("verified"))
        .filter(organisation::Column::RegionCode.starts_with(prefix))
        .order_by_asc(organisation::Column::Id)
        .all(app.db())
        .await
        .expect("villages")
}

async fn number(app: &TestApp, sql: &str) -> i64 {
    use sea_orm::ConnectionTrait;
    let backend = app.db().get_database_backend();
    let row = app.db().query_one_raw(sea_orm::Statement::from_string(backend, sql.to_owned())).await.expect("query");
    row.and_then(|r| r.try_get_by_index::<Option<i64>>(0).ok().flatten()).unwrap_or(0)
}

fn id_of(res: &common::TestResponse) -> i32 {
    location(res).trim_start_matches("/office/responsibilities/").parse().expect("an assignment's page")
}

#[tokio::test]
async fn offices_record_who_answers_for_villages_and_the_village_page_names_them() {
    let app = TestApp::with_demo().await;
    let yuanzhou = verified_villages(&app, "360902").await;
    assert!(yuanzhou.len() >= 3, "the demo has verified 袁州 villages: {}", yuanzhou.len());
    let elsewhere = verified_villages(&app, "3609").await.into_iter().find(|v| !v.region_code.starts_with("360902"));
    let elsewhere = elsewhere.expect("a verified village outside 袁州区");

    // The demo's assignments: current ones listed, the ended one under history.
    let mut city = Client::new(&app);
    city.login("yichun-fpb", DEMO_PASSWORD).await;
    let list = city.get("/office/responsibilities").await;
    assert_eq!(list.status, StatusCode::OK);
    for shown in ["李卫东", "市领导挂县联村", "周敏", "宜春市财政局", "定点帮扶单位", "已结束的责任（1）", "王海平"]
    {
        assert!(list.body.contains(shown), "{shown} on the list");
    }

    // A village's public page names who answers for it now, not who did before.
    let anon = app.get(&format!("/organisations/{}", yuanzhou[1].id)).await;
    assert_eq!(anon.status, StatusCode::OK);
    assert!(anon.body.contains("帮扶责任人") && anon.body.contains("周敏") && anon.body.contains("区委常委、副区长"));
    assert!(!anon.body.contains("王海平"), "an ended assignment is history, not shown as current");
    assert!(anon.body.contains("李卫东"), "the city leader of the village's county");
    let first = app.get(&format!("/organisations/{}", yuanzhou[0].id)).await;
    assert!(first.body.contains("宜春市财政局") && first.body.contains("市直机关"));

    // A county office may not record a city leader; every wrong field is named, nothing written.
    let mut county = Client::new(&app);
    county.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    let form = county.get("/office/responsibilities").await;
    assert!(form.body.contains("新增帮扶责任") && !form.body.contains("value=\"city_leader\""));
    assert!(form.body.contains(&format!("value=\"{}\"", yuanzhou[0].id)), "the county's villages to tick");
    let before = count(app.db(), "responsibility", "1=1").await;
    let bad = county
        .post(
            "/office/responsibilities",
            &[("kind", "city_leader"), ("name", "张"), ("post", ""), ("county", "360902"), ("from_date", "2026-13-01")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    for named in ["市领导挂县联村由市乡村振兴局登记", "请填写领导姓名", "请填写职务", "日期格式应为"]
    {
        assert!(bad.body.contains(named), "{named}: {}", bad.body);
    }
    assert!(bad.body.contains("value=\"张\""), "the form comes back as typed");
    let other = elsewhere.id.to_string();
    let outside = county
        .post(
            "/office/responsibilities",
            &[
                ("kind", "help_unit"),
                ("name", "宜春市农业农村局"),
                ("post", "市直机关"),
                ("county", "360902"),
                ("villages", &other),
                ("from_date", "2026-03-01"),
            ],
        )
        .await;
    assert_eq!(outside.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(outside.body.contains("只能勾选所选县（市、区）内已认证的村"));
    let foreign = county
        .post(
            "/office/responsibilities",
            &[
                ("kind", "help_unit"),
                ("name", "某单位"),
                ("post", "市直机关"),
                ("county", "360100"),
                ("from_date", "2026-03-01"),
            ],
        )
        .await;
    assert!(foreign.body.contains("请选择本辖区内的一个县"), "a county outside the jurisdiction");
    assert_eq!(count(app.db(), "responsibility", "1=1").await, before, "nothing written");

    // A help unit for two villages.
    let (a, b) = (yuanzhou[1].id.to_string(), yuanzhou[2].id.to_string());
    let res = county
        .post(
            "/office/responsibilities",
            &[
                ("kind", "help_unit"),
                ("name", "宜春市农业农村局"),
                ("post", "市直机关"),
                ("county", "360902"),
                ("villages", &a),
                ("villages", &b),
                ("from_date", "2026-03-01"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let id = id_of(&res);
    let page = county.get(location(&res)).await;
    assert!(page.body.contains("已登记「宜春市农业农村局」的帮扶责任"));
    assert!(page.body.contains(&yuanzhou[1].name) && page.body.contains(&yuanzhou[2].name));
    // Progress per village as the ledger has it: approved pairings counted in the database.
    let approved = count(
        app.db(),
        "pairing",
        &format!("status = 'approved' AND village_id IN ({}, {})", yuanzhou[1].id, yuanzhou[2].id),
    )
    .await;
    assert!(
        page.body.contains(&format!("<tfoot><tr><th scope=\"row\">合计</th><td>{approved}</td>")),
        "the total of approved pairings ({approved}): {}",
        page.body
    );
    let named = app.get(&format!("/organisations/{}", yuanzhou[1].id)).await;
    assert!(named.body.split("<h2>帮扶责任人</h2>").nth(1).is_some_and(|s| s.contains("宜春市农业农村局")));

    // The city sees it too; the auditor reads; an enterprise does not.
    assert_eq!(city.get(&format!("/office/responsibilities/{id}")).await.status, StatusCode::OK);
    let mut auditor = Client::new(&app);
    auditor.login("auditor", DEMO_PASSWORD).await;
    let read = auditor.get(&format!("/office/responsibilities/{id}")).await;
    assert_eq!(read.status, StatusCode::OK);
    assert!(!read.body.contains("结束这项责任"), "the auditor reads, does not act");
    let mut firm = Client::new(&app);
    firm.login("qiye01", DEMO_PASSWORD).await;
    assert_ne!(firm.get(&format!("/office/responsibilities/{id}")).await.status, StatusCode::OK);

    // Ending: a reason is needed; then the assignment is history and off the village page.
    let no_reason = county.post(&format!("/office/responsibilities/{id}/end"), &[("to_date", "2026-11-30")]).await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_reason.body.contains("请写明原因（2–200 字"));
    let early = county
        .post(&format!("/office/responsibilities/{id}/end"), &[("to_date", "2026-01-01"), ("end_reason", "帮扶期满")])
        .await;
    assert!(early.body.contains("结束日期不能早于开始日期"));
    // Two offices end it at once: one ends it, the other is told it already ended.
    let mut city2 = Client::new(&app);
    city2.login("yichun-fpb", DEMO_PASSWORD).await;
    let path = format!("/office/responsibilities/{id}/end");
    let (x, y) = tokio::join!(
        county.post(&path, &[("to_date", "2026-11-30"), ("end_reason", "帮扶期满")]),
        city2.post(&path, &[("to_date", "2026-11-29"), ("end_reason", "单位调整")]),
    );
    let mut statuses = [x.status, y.status];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::SEE_OTHER, StatusCode::CONFLICT]);
    let loser = if x.status == StatusCode::CONFLICT { &x } else { &y };
    assert!(loser.body.contains("这项责任已于") && loser.body.contains("不能再次结束"), "{}", loser.body);
    assert_eq!(count(app.db(), "responsibility", &format!("id = {id} AND end_reason IS NOT NULL")).await, 1);
    let page = app.get(&format!("/organisations/{}", yuanzhou[1].id)).await;
    let answering = page.body.split("<h2>帮扶责任人</h2>").nth(1).expect("the section");
    assert!(!answering.contains("宜春市农业农村局"), "{answering}");
    let list = county.get("/office/responsibilities").await;
    assert!(list.body.contains("已结束的责任（2）"), "kept as history");

    // A city leader is ended from above only; the county office is told why.
    let leader = count(app.db(), "responsibility", "name = '李卫东'").await;
    assert_eq!(leader, 1);
    let leader_id = number(&app, "SELECT CAST(id AS BIGINT) FROM responsibility WHERE name = '李卫东'").await;
    assert!(!county.get(&format!("/office/responsibilities/{leader_id}")).await.body.contains("结束这项责任"));
    let refused = county
        .post(
            &format!("/office/responsibilities/{leader_id}/end"),
            &[("to_date", "2026-12-01"), ("end_reason", "职务调整")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(refused.body.contains("市领导挂县联村由市乡村振兴局登记和结束"));

    // Choosing the county keeps what was typed; a start long ago or far ahead is refused; the
    // same person for the same village twice is one entry.
    let picked = city
        .post(
            "/office/responsibilities",
            &[
                ("pick", "1"),
                ("county", "360902"),
                ("kind", "county_leader"),
                ("name", "吴晓东"),
                ("post", "区政协副主席"),
            ],
        )
        .await;
    assert_eq!(picked.status, StatusCode::OK);
    assert!(picked.body.contains("value=\"吴晓东\"") && picked.body.contains(&format!("value=\"{}\"", yuanzhou[0].id)));
    assert_eq!(count(app.db(), "responsibility", "name = '吴晓东'").await, 0, "nothing recorded by listing villages");
    let v0 = yuanzhou[0].id.to_string();
    let base = [
        ("kind", "county_leader"),
        ("name", "吴晓东"),
        ("post", "区政协副主席"),
        ("county", "360902"),
        ("villages", v0.as_str()),
    ];
    let mut old = base.to_vec();
    old.push(("from_date", "1999-01-01"));
    assert!(city.post("/office/responsibilities", &old).await.body.contains("开始日期应在 2015-01-01 到"));
    let ahead = (app.state.clock.today() + chrono::Duration::days(30)).to_string();
    let mut later = base.to_vec();
    later.push(("from_date", ahead.as_str()));
    let res = city.post("/office/responsibilities", &later).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let future = id_of(&res);
    let dup = city.post("/office/responsibilities", &later).await;
    assert_eq!(dup.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        dup.body.contains("「吴晓东」已登记为县（处）级领导挂村联组") && dup.body.contains("请勿重复登记"),
        "{}",
        dup.body
    );
    // Not begun: ending it takes it back; it is history, never current.
    let page = city.get(&format!("/office/responsibilities/{future}")).await;
    assert!(page.body.contains("撤销这项登记") && page.body.contains("尚未开始"));
    let res = city.post(&format!("/office/responsibilities/{future}/end"), &[("end_reason", "登记有误")]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(city.get(location(&res)).await.body.contains("登记已撤销"));
    assert!(!app.get(&format!("/organisations/{}", yuanzhou[0].id)).await.body.contains("吴晓东"));
    // Ending on a later day: still answering until then, and said so.
    let zm = number(&app, "SELECT CAST(id AS BIGINT) FROM responsibility WHERE name = '周敏'").await;
    let res = county
        .post(&format!("/office/responsibilities/{zm}/end"), &[("to_date", ahead.as_str()), ("end_reason", "任期届满")])
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(county.get(location(&res)).await.body.contains(&format!("将于 {ahead} 结束")));
    assert!(app.get(&format!("/organisations/{}", yuanzhou[1].id)).await.body.contains("周敏"), "still answering");
    let village_page = app.get(&format!("/organisations/{}", yuanzhou[1].id)).await;
    assert!(village_page.body.contains("市领导挂点本县"), "the city leader answers for the county, not this village");

    // A form's address opened directly says so, with the way back.
    let direct = city.get(&format!("/office/responsibilities/{zm}/end")).await;
    assert_eq!(direct.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(
        direct.body.contains("这个地址用于提交表单")
            && direct.body.contains(&format!("/office/responsibilities/{zm}\""))
    );

    // The trail reads it in words.
    let trail = auditor.get("/audit?entity=responsibility").await;
    assert_eq!(trail.status, StatusCode::OK);
    assert!(trail.body.contains("登记帮扶责任") && trail.body.contains("结束帮扶责任"), "{}", trail.body);
    assert!(trail.body.contains("联系的村") && trail.body.contains(&yuanzhou[1].name));
}

#[tokio::test]
async fn a_help_unit_account_reads_its_own_villages_and_score_and_nothing_else() {
    let app = TestApp::with_demo().await;
    let unit = entity::responsibility::Entity::find()
        .filter(entity::responsibility::Column::Kind.eq("help_unit"))
        .one(app.db())
        .await
        .expect("q")
        .expect("the demo's help unit");
    let leader = entity::responsibility::Entity::find()
        .filter(entity::responsibility::Column::Name.eq("周敏"))
        .one(app.db())
        .await
        .expect("q")
        .expect("a county leader");

    // The system administrator makes a help unit's account for an assignment in post.
    let mut admin = Client::new(&app);
    admin.login("admin", DEMO_PASSWORD).await;
    let form = admin.get("/admin/users/new").await;
    assert!(form.body.contains("宜春市财政局（联系袁州区）"), "{}", form.body);
    let before = count(app.db(), "user", "1=1").await;
    for picked in [String::new(), leader.id.to_string(), "x".into()] {
        let res = admin
            .post(
                "/admin/users",
                &[("role", "help_unit"), ("login", "czj-2"), ("display_name", "联络员"), ("unit", picked.as_str())],
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{picked}");
        assert!(res.body.contains("请选择一个在任的定点帮扶单位") && res.body.contains("czj-2"), "{}", res.body);
    }
    assert_eq!(count(app.db(), "user", "1=1").await, before, "nothing made");
    let res = admin
        .post(
            "/admin/users",
            &[("role", "help_unit"), ("login", "czj-2"), ("display_name", "联络员"), ("unit", &unit.id.to_string())],
        )
        .await;
    assert_eq!(location(&res), "/admin/users?done=created&created=czj-2");
    assert!(admin.get("/admin/users?q=czj").await.body.contains("宜春市财政局"), "listed with its unit");
    assert_eq!(count(app.db(), "user", &format!("login = 'czj-2' AND unit_id = {}", unit.id)).await, 1);

    // The demo's account for it lands on its own page.
    let mut own = Client::new(&app);
    let res = own.login("danwei01", DEMO_PASSWORD).await;
    assert_eq!(location(&res), "/unit");
    let home = own.get("/unit").await;
    assert_eq!(home.status, StatusCode::OK);
    let villages = number(
        &app,
        &format!("SELECT CAST(COUNT(*) AS BIGINT) FROM responsibility_village WHERE responsibility_id = {}", unit.id),
    )
    .await;
    assert!(villages > 0, "the demo's unit has villages");
    assert!(
        home.body.contains("宜春市财政局")
            && home.body.contains("联系的村")
            && home.body.contains(&format!("/assessment/unit/{}", unit.id)),
        "{}",
        home.body
    );
    assert_eq!(home.body.matches("<td><a href=\"/organisations/").count() as i64, villages, "each of its villages");
    assert!(!home.body.contains("结束这项责任") && !home.body.contains("全部帮扶责任"), "reads only");
    assert!(
        !home.body.contains("href=\"/pairings\"") && !home.body.contains("href=\"/agreements\""),
        "no menu to refusals"
    );
    // Its own score, the records named without links to agreements not its own.
    let mine = own.get("/my/assessment").await;
    assert_eq!(location(&mine), format!("/assessment/unit/{}", unit.id));
    let score = own.get(location(&mine)).await;
    assert_eq!(score.status, StatusCode::OK);
    assert!(score.body.contains("联系村结对率") && score.body.contains("本单位联系村"), "{}", score.body);
    assert!(!score.body.contains("href=\"/agreements/"), "no links to agreements");
    let mut county = Client::new(&app);
    county.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    let office_view = county.get(location(&mine)).await;
    assert!(office_view.body.contains("href=\"/agreements/"), "the office's view links the same records");
    // Nothing else.
    for (path, denied) in [
        ("/assessment/county/360902".to_owned(), StatusCode::NOT_FOUND),
        (format!("/assessment/unit/{}", leader.id), StatusCode::NOT_FOUND),
        (format!("/office/responsibilities/{}", unit.id), StatusCode::FORBIDDEN),
        ("/office/assessment".to_owned(), StatusCode::FORBIDDEN),
        ("/my/offers".to_owned(), StatusCode::FORBIDDEN),
        (format!("/office/register/villages/{}/households", home_village(&app).await), StatusCode::FORBIDDEN),
    ] {
        assert_eq!(own.get(&path).await.status, denied, "{path}");
    }
    // An outcome decided on it reaches its inbox.
    let mut city = Client::new(&app);
    city.login("yichun-fpb", DEMO_PASSWORD).await;
    let year = app.state.clock.today().format("%Y").to_string();
    let res = city
        .post(
            &format!("/assessment/unit/{}/outcomes", unit.id),
            &[("year", year.as_str()), ("kind", "commend"), ("reason", "联系村需求全部对接")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let inbox = own.get("/inbox").await;
    assert!(inbox.body.contains("通报表彰"), "{}", inbox.body);
}

async fn home_village(app: &TestApp) -> i32 {
    entity::user::Entity::find()
        .filter(entity::user::Column::Login.eq("cun01"))
        .one(app.db())
        .await
        .expect("q")
        .and_then(|u| u.organisation_id)
        .expect("cun01's village")
}
