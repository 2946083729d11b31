//! Project assets (项目资产): an office records what a project left to the village collective,
//! the village reports an operating asset's yearly income, and one with no income a year after
//! handover is raised by the supervision scan; only the village, its offices and auditors read.

mod common;

use axum::http::StatusCode;
use common::{Client, TestApp, count, location};
use qicun::demo::DEMO_PASSWORD;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

fn first_option(body: &str, select: &str) -> String {
    body.split(&format!("name=\"{select}\""))
        .nth(1)
        .and_then(|r| r.split("<option value=\"").nth(2))
        .and_then(|r| r.split('"').next())
        .expect("an option")
        .to_owned()
}

#[tokio::test]
async fn assets_are_recorded_earn_by_year_and_idle_ones_are_raised() {
    let app = TestApp::with_demo().await;
    let mut office = Client::new(&app);
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    let page = office.get("/office/assets").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("村集体光伏电站") && page.body.contains("冷链仓储冷库"), "the demo's assets");
    assert!(!page.body.contains("移交满一年，今年和去年没有收益"), "no demo asset is a year old yet");

    // A wrong form names each field and writes nothing.
    let before = count(app.db(), "project_asset", "1=1").await;
    let bad = office
        .post(
            "/office/assets",
            &[
                ("agreement", "999999"),
                ("name", "库"),
                ("kind", "x"),
                ("value", "-5"),
                ("handed_over_on", "2099-01-01"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    for named in
        ["请选择本辖区内执行中或已完成的帮扶协议", "请填写资产名称", "请选择资产类别", "资产价值应为大于 0 的金额"]
    {
        assert!(bad.body.contains(named), "{named}");
    }
    assert_eq!(count(app.db(), "project_asset", "1=1").await, before);
    let agreement = first_option(&page.body, "agreement");
    let today = app.state.clock.today().to_string();
    let ok = office
        .post(
            "/office/assets",
            &[
                ("agreement", &agreement),
                ("name", "茶叶加工车间"),
                ("kind", "operating"),
                ("value", "150000"),
                ("handed_over_on", &today),
            ],
        )
        .await;
    assert_eq!((ok.status, location(&ok)), (StatusCode::SEE_OTHER, "/office/assets"), "{}", ok.body);
    let page = office.get("/office/assets").await;
    assert!(page.body.contains("已登记项目资产「茶叶加工车间」（经营性资产，") && page.body.contains("¥150,000.00"));
    assert_eq!(count(app.db(), "audit_event", "action = 'asset.create'").await, 1);
    let twice = office
        .post(
            "/office/assets",
            &[
                ("agreement", &agreement),
                ("name", "茶叶加工车间"),
                ("kind", "operating"),
                ("value", "150000"),
                ("handed_over_on", &today),
            ],
        )
        .await;
    assert_eq!(twice.status, StatusCode::CONFLICT, "the same asset twice is kept once");
    assert!(twice.body.contains("没有重复登记"));

    // The village reports the cold store's income; a wrong year or amount is named.
    let store = entity::project_asset::Entity::find()
        .filter(entity::project_asset::Column::Name.eq("冷链仓储冷库"))
        .one(app.db())
        .await
        .expect("q")
        .expect("the demo's cold store");
    let mut cun = Client::new(&app);
    cun.login("cun01", DEMO_PASSWORD).await;
    let mine = cun.get("/my/assets").await;
    assert!(mine.body.contains("冷链仓储冷库") && mine.body.contains(&format!("/assets/{}/income", store.id)));
    let path = format!("/assets/{}/income", store.id);
    let bad = cun.post(&path, &[("year", "2001"), ("income", "abc")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("年度应在移交当年") && bad.body.contains("收益应为不小于 0 的金额"));
    assert!(bad.body.contains("value=\"abc\""), "what was typed is kept");
    // A road earns nothing by design: no income form, and a forged one is refused.
    let road = entity::project_asset::Entity::find()
        .filter(entity::project_asset::Column::Kind.eq("public"))
        .one(app.db())
        .await
        .expect("q")
        .expect("the demo's road");
    // It belongs to the village whose project paved it: that village's account is refused with
    // why; another village does not find it at all.
    let road_login = entity::user::Entity::find()
        .filter(entity::user::Column::OrganisationId.eq(road.village_id))
        .one(app.db())
        .await
        .expect("q")
        .expect("an account of the road's village")
        .login;
    let mut road_village = Client::new(&app);
    road_village.login(&road_login, DEMO_PASSWORD).await;
    let year_now = chrono::Datelike::year(&app.state.clock.today()).to_string();
    let forged = [("year", year_now.as_str()), ("income", "1")];
    let r = road_village.post(&format!("/assets/{}/income", road.id), &forged).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("不登记收益"));
    if road.village_id != store.village_id {
        let r = cun.post(&format!("/assets/{}/income", road.id), &forged).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "another village's asset is not found");
    }

    // Handed over more than a year ago (as if the project were older) with no income this year
    // or last, the cold store looks idle: marked and raised once by the scan; the solar
    // station, which earned this year, is not.
    let older = app.state.clock.today() - chrono::Duration::days(400);
    sea_orm::ActiveModelTrait::update(
        entity::project_asset::ActiveModel {
            id: sea_orm::Set(store.id),
            handed_over_on: sea_orm::Set(older),
            ..Default::default()
        },
        app.db(),
    )
    .await
    .expect("an older handover");
    qicun::governance::supervision::scan(app.db(), app.state.clock.now()).await.expect("scan");
    assert_eq!(
        count(app.db(), "supervision_check", &format!("rule = 'idle_asset' AND entity_id = {}", store.id)).await,
        1
    );
    assert!(office.get("/office/assets").await.body.contains("移交满一年，今年和去年没有收益"));
    let solar = entity::project_asset::Entity::find()
        .filter(entity::project_asset::Column::Name.like("村集体光伏电站%"))
        .one(app.db())
        .await
        .expect("q")
        .expect("the solar station");
    let solar_idle = qicun::governance::assets::idle(app.db(), app.state.clock.today()).await.expect("idle");
    assert!(!solar_idle.iter().any(|a| a.id == solar.id), "the solar station earned this year");
    assert!(solar_idle.iter().any(|a| a.id == store.id), "the cold store did not");
    assert_eq!(
        count(app.db(), "supervision_check", &format!("rule = 'idle_asset' AND entity_id = {}", solar.id)).await,
        0,
        "an asset that earned is not raised"
    );
    let year = chrono::Datelike::year(&app.state.clock.today()).to_string();
    let r = cun.post(&path, &[("year", &year), ("income", "0")]).await;
    assert_eq!((r.status, location(&r)), (StatusCode::SEE_OTHER, format!("/my/assets#asset-{}", store.id).as_str()));
    let r = cun.post(&path, &[("year", &year), ("income", "12000")]).await;
    let mine = cun.get(location(&r)).await;
    assert!(
        mine.body.contains(&format!("已把「冷链仓储冷库」{year} 年收益由 ¥0.00 改为 ¥12,000.00")),
        "a correction says what it replaced"
    );
    let idle = qicun::governance::assets::idle(app.db(), app.state.clock.today()).await.expect("idle");
    assert!(!idle.iter().any(|a| a.id == store.id), "no longer idle once it earned this year");
    let checks = office.get("/office/supervision").await;
    assert!(checks.body.contains("经营性资产一年以上没有收益"), "the finding is on the office's list");
    // Offices read the income; they do not report it for the village.
    let r = office.post(&path, &[("year", &year), ("income", "7")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // Who reads.
    for (login, expected) in [("cun03", false), ("nanchang-fpb", false), ("auditor", true), ("yichun-fpb", true)] {
        let mut c = Client::new(&app);
        c.login(login, DEMO_PASSWORD).await;
        let path = if login.starts_with("cun") { "/my/assets" } else { "/office/assets" };
        let res = c.get(path).await;
        assert_eq!(res.status, StatusCode::OK, "{login}");
        assert_eq!(res.body.contains("冷链仓储冷库"), expected, "{login}");
    }
    let mut nanchang = Client::new(&app);
    nanchang.login("nanchang-fpb", DEMO_PASSWORD).await;
    let r = nanchang.post(&path, &[("year", &year), ("income", "1")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "no office reports a village's income");
    let r = nanchang
        .post(
            "/office/assets",
            &[
                ("agreement", &agreement),
                ("name", "越权资产"),
                ("kind", "public"),
                ("value", "1"),
                ("handed_over_on", &today),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "an agreement outside its jurisdiction is refused");
}
