//! Cadre training (培训): an office records a session for a county's village cadres and, once it
//! has begun, who attended (the whole list, never over someone else's newer list); each cadre's
//! and village's training record is summed from it.

mod common;

use axum::http::StatusCode;
use common::{Client, TestApp, count, location};
use qicun::demo::DEMO_PASSWORD;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

fn seen_of(body: &str) -> String {
    body.split("name=\"seen\" value=\"").nth(1).and_then(|r| r.split('"').next()).unwrap_or_default().to_owned()
}

#[tokio::test]
async fn a_session_is_recorded_its_attendance_kept_once_and_summed_per_cadre() {
    let app = TestApp::with_demo().await;
    let mut office = Client::new(&app);
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    let list = office.get("/office/training").await;
    assert!(
        list.body.contains("村级集体经济发展专题培训") && list.body.contains("登记一期培训"),
        "the demo's sessions"
    );

    // A wrong form is named and kept; nothing recorded.
    let before = count(app.db(), "training_session", "1=1").await;
    let bad = office
        .post(
            "/office/training",
            &[
                ("county", "360981"),
                ("topic", "培"),
                ("starts_on", ""),
                ("hours", "0"),
                ("trainer", "区委组织部"),
                ("place", ""),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    for named in [
        "请选择本辖区内的一个县",
        "请填写培训主题",
        "请填写开始日期",
        "学时应为 1 到 200",
        "请填写培训地点",
        "value=\"区委组织部\"",
    ] {
        assert!(bad.body.contains(named), "{named}");
    }
    assert_eq!(count(app.db(), "training_session", "1=1").await, before);
    let today = app.state.clock.today().to_string();
    let res = office
        .post(
            "/office/training",
            &[
                ("county", "360902000000"),
                ("topic", "驻村第一书记履职能力培训"),
                ("starts_on", &today),
                ("hours", "8"),
                ("trainer", "袁州区委组织部"),
                ("place", "袁州区委党校"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let page_path = location(&res).to_owned();
    let page = office.get(&page_path).await;
    assert!(page.body.contains("已登记培训「驻村第一书记履职能力培训」") && page.body.contains("保存出席名单"));
    let session: i32 = page_path.rsplit('/').next().and_then(|s| s.parse().ok()).expect("id");

    // Two cadres of cun01's village attend.
    let village = entity::user::Entity::find()
        .filter(entity::user::Column::Login.eq("cun01"))
        .one(app.db())
        .await
        .expect("q")
        .and_then(|u| u.organisation_id)
        .expect("village");
    let cadres = entity::village_leader::Entity::find()
        .filter(entity::village_leader::Column::VillageId.eq(village))
        .filter(entity::village_leader::Column::ToDate.is_null())
        .all(app.db())
        .await
        .expect("q");
    assert!(cadres.len() >= 2, "the demo village has cadres in post");
    let (a, b) = (cadres[0].id.to_string(), cadres[1].id.to_string());
    // The county's 村干部培训 indicator (formula 2026 第 2 版) before the attendance.
    let training_of = |all: Vec<qicun::governance::assessment::Assessed>| {
        all.into_iter()
            .find(|u| u.key == "360902")
            .and_then(|u| u.values.into_iter().find(|v| v.code == "training"))
            .expect("袁州's training indicator")
    };
    let per_cadre = |figure: &str| -> f64 {
        figure
            .split("人均 ")
            .nth(1)
            .and_then(|r| r.split(' ').next())
            .and_then(|h| h.parse().ok())
            .expect("人均 … 学时")
    };
    let year = chrono::Datelike::year(&app.state.clock.today());
    let before = training_of(
        qicun::governance::assessment::compute(app.db(), year, app.state.clock.today()).await.expect("assess"),
    );
    assert!(before.applies, "袁州 has cadres recorded: {}", before.figure);
    let seen = seen_of(&page.body);
    let attendance = format!("/office/training/{session}/attendance");
    let res =
        office.post(&attendance, &[("leader", a.as_str()), ("leader", b.as_str()), ("seen", seen.as_str())]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert!(office.get(location(&res)).await.body.contains("已登记出席 2 人"));
    let after = training_of(
        qicun::governance::assessment::compute(app.db(), year, app.state.clock.today()).await.expect("assess"),
    );
    let cadre_count: f64 = after.figure.split(" 名村干部").next().and_then(|n| n.parse().ok()).expect("count");
    assert!(
        (per_cadre(&after.figure) - per_cadre(&before.figure) - 16.0 / cadre_count).abs() < 0.06,
        "two cadres × 8 class hours: {} → {}",
        before.figure,
        after.figure
    );
    assert!(after.score >= before.score);
    assert!(
        after.records.iter().any(|r| r.text.contains("「驻村第一书记履职能力培训」8 学时，2 人出席")),
        "the session is a record behind the figure"
    );
    // Someone still holding the old page does not overwrite the newer list.
    let stale = office.post(&attendance, &[("leader", a.as_str()), ("seen", seen.as_str())]).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(stale.body.contains("由他人更新"), "{}", stale.body);
    assert_eq!(count(app.db(), "training_attendance", &format!("session_id = {session}")).await, 2);
    // A cadre of another county is not taken.
    let outside = entity::village_leader::Entity::find()
        .filter(entity::village_leader::Column::VillageId.ne(village))
        .all(app.db())
        .await
        .expect("q")
        .into_iter()
        .find(|l| l.village_id != village && !cadres.iter().any(|c| c.id == l.id))
        .expect("another cadre");
    let fresh = seen_of(&office.get(&page_path).await.body);
    let res = office
        .post(&attendance, &[("leader", a.as_str()), ("leader", &outside.id.to_string()), ("seen", fresh.as_str())])
        .await;
    let outside_village =
        entity::organisation::Entity::find_by_id(outside.village_id).one(app.db()).await.expect("q").expect("v");
    if !outside_village.region_code.starts_with("360902") {
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    }

    // The cadre's and the village's record.
    let leaders = office.get(&format!("/office/villages/{village}/leaders")).await;
    assert!(leaders.body.contains("8 学时") || leaders.body.contains("24 学时"), "{}", leaders.body);
    assert!(leaders.body.contains("本村村干部参加培训共"));

    // A session not begun takes no attendance; the auditor reads without forms.
    let future = entity::training_session::Entity::find()
        .filter(entity::training_session::Column::Topic.eq("防止返贫动态监测业务培训"))
        .one(app.db())
        .await
        .expect("q")
        .expect("the demo's coming session");
    let early = office
        .post(&format!("/office/training/{}/attendance", future.id), &[("leader", a.as_str()), ("seen", "")])
        .await;
    assert_eq!(early.status, StatusCode::CONFLICT);
    assert!(early.body.contains("开始后才能登记出席"));
    let mut auditor = Client::new(&app);
    auditor.login("auditor", DEMO_PASSWORD).await;
    let read = auditor.get(&page_path).await;
    assert!(read.status == StatusCode::OK && !read.body.contains("保存出席名单"));
    assert!(auditor.get("/audit?entity=training_session").await.body.contains("登记培训出席"));
    let mut elsewhere = Client::new(&app);
    elsewhere.login("nanchang-fpb", DEMO_PASSWORD).await;
    assert_eq!(elsewhere.get(&page_path).await.status, StatusCode::NOT_FOUND);
}
