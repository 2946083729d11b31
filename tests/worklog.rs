//! A village's work log (驻村工作日志): optional entries written by the village's staff, a wrong
//! one named and kept; read by the village, its offices and auditors only.

mod common;

use axum::http::StatusCode;
use common::{Client, TestApp, count, location};
use qicun::demo::DEMO_PASSWORD;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

#[tokio::test]
async fn a_village_keeps_its_work_log_and_its_offices_read_it() {
    let app = TestApp::with_demo().await;
    let village = entity::user::Entity::find()
        .filter(entity::user::Column::Login.eq("cun01"))
        .one(app.db())
        .await
        .expect("q")
        .and_then(|u| u.organisation_id)
        .expect("a village member");
    let mut cun = Client::new(&app);
    cun.login("cun01", DEMO_PASSWORD).await;
    let page = cun.get("/my/worklog").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("陪同采购企业看了村里的冬笋"), "the demo's entries");
    assert!(page.body.contains("不记录位置，不是打卡"));

    let before = count(app.db(), "village_log", "1=1").await;
    let future = (app.state.clock.today() + chrono::Duration::days(1)).to_string();
    let bad = cun.post("/my/worklog", &[("day", &future), ("body", "联系 13907950000 的户主")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("日期应在最近 60 天内") && bad.body.contains("请不要写入身份证号、电话或银行卡号"));
    assert!(bad.body.contains("联系 13907950000 的户主"), "what was typed is kept");
    let empty = cun.post("/my/worklog", &[("day", ""), ("body", "")]).await;
    assert!(empty.body.contains("请填写日期") && empty.body.contains("请写下当天做了什么"));
    assert_eq!(count(app.db(), "village_log", "1=1").await, before);

    let today = app.state.clock.today().to_string();
    let ok = cun.post("/my/worklog", &[("day", &today), ("body", "入户走访两户脱贫户，了解春耕准备。")]).await;
    assert_eq!((ok.status, location(&ok)), (StatusCode::SEE_OTHER, "/my/worklog"));
    let page = cun.get("/my/worklog").await;
    assert!(page.body.contains(&format!("已记下 {today} 的工作日志")) && page.body.contains("入户走访两户脱贫户"));
    assert_eq!(count(app.db(), "audit_event", "action = 'village_log.create'").await, 1);
    // Sent twice (a double click): kept once, and said so.
    let twice = cun.post("/my/worklog", &[("day", &today), ("body", "入户走访两户脱贫户，了解春耕准备。")]).await;
    assert!(cun.get(location(&twice)).await.body.contains("已经记过，没有重复记录"));
    assert_eq!(count(app.db(), "village_log", "body = '入户走访两户脱贫户，了解春耕准备。'").await, 1);
    // Bytes that are not UTF-8 are refused, naming the field, not stored as replacement marks.
    // (Counted over every row: the demo's own entries may fall on any day near today.)
    let kept = count(app.db(), "village_log", "1=1").await;
    let raw = cun.post_encoded("/my/worklog", "day=2026-12-01&body=%FF%FE%FD%E4%BD%A0").await;
    assert_eq!(raw.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", raw.body);
    assert!(raw.body.contains("含有无法识别的字符"));
    assert_eq!(count(app.db(), "village_log", "1=1").await, kept, "nothing stored");

    let path = format!("/office/villages/{village}/worklog");
    for (login, expected) in [
        ("yuanzhou-fpb", StatusCode::OK),
        ("yichun-fpb", StatusCode::OK),
        ("auditor", StatusCode::OK),
        ("nanchang-fpb", StatusCode::NOT_FOUND),
        ("qiye01", StatusCode::FORBIDDEN),
        ("cun03", StatusCode::FORBIDDEN),
    ] {
        let mut c = Client::new(&app);
        c.login(login, DEMO_PASSWORD).await;
        let res = c.get(&path).await;
        assert_eq!(res.status, expected, "{login}");
        assert_eq!(res.body.contains("入户走访两户脱贫户"), expected == StatusCode::OK, "{login}");
        if expected == StatusCode::OK {
            assert!(!res.body.contains("name=\"body\""), "{login} reads; the village writes");
        }
    }
    // Another village's own log does not show this one's entries.
    let mut other = Client::new(&app);
    other.login("cun03", DEMO_PASSWORD).await;
    assert!(!other.get("/my/worklog").await.body.contains("入户走访两户脱贫户"));
}
