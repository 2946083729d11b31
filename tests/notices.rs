//! 公示 and objections: an approved pairing goes on notice; an objection takes it out of the
//! totals until handled; dismissal publishes the reason, upholding suspends the record for good;
//! the objector's contact is never public; objections are rate-limited per address.

mod common;

use axum::http::StatusCode;
use common::{Client, TestApp, count};
use qicun::demo::DEMO_PASSWORD;
use sea_orm::EntityTrait;

async fn figures(app: &TestApp) -> qicun::stats::Figures {
    qicun::stats::figures(app.db(), app.state.clock.today()).await.expect("figures")
}

/// The newest notice about `entity` `id`.
async fn notice_of(app: &TestApp, entity: &str, id: i32) -> i32 {
    entity::notice::Entity::find()
        .all(app.db())
        .await
        .expect("q")
        .into_iter()
        .filter(|n| n.entity == entity && n.entity_id == id)
        .map(|n| n.id)
        .max()
        .expect("notice")
}

#[tokio::test]
async fn an_objection_takes_a_pairing_out_of_the_totals_until_dismissed_with_a_public_reason() {
    let app = TestApp::with_demo().await;
    // Pairing 8 (万载) waits for review; the city office approves it.
    let mut office = Client::new(&app);
    office.login("yichun-fpb", DEMO_PASSWORD).await;
    let before = figures(&app).await.approved_pairings;
    assert_eq!(office.post("/pairings/8/approve", &[("reason", "同意")]).await.status, StatusCode::SEE_OTHER);
    assert_eq!(figures(&app).await.approved_pairings, before + 1);
    let notice = notice_of(&app, "pairing", 8).await;
    let public = Client::new(&app).get("/notices").await;
    assert!(public.body.contains(&format!("/notices/{notice}")));

    let mut citizen = Client::new(&app);
    citizen.get(&format!("/notices/{notice}")).await;
    let bad = citizen
        .post(
            &format!("/notices/{notice}/objections"),
            &[("body", "短"), ("contact_name", ""), ("contact_phone", "123")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("请写明异议内容") && bad.body.contains("11 位手机号码"));
    let res = citizen
        .post(
            &format!("/notices/{notice}/objections"),
            &[("body", "这家企业去年就没有兑现承诺"), ("contact_name", "王先生"), ("contact_phone", "13807950999")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(figures(&app).await.approved_pairings, before, "under objection: out of the totals");
    let page = Client::new(&app).get(&format!("/notices/{notice}")).await;
    assert!(page.body.contains("正在核查"));
    assert!(
        !page.body.contains("13807950999") && !page.body.contains("王先生") && !page.body.contains("没有兑现承诺"),
        "neither contact nor words are public"
    );
    let list = office.get("/office/objections").await;
    assert!(list.body.contains("13807950999"), "the office sees the contact");

    let objection =
        entity::objection::Entity::find().all(app.db()).await.expect("q").into_iter().map(|o| o.id).max().expect("id");
    assert!(office.get(&format!("/objections/{objection}/confirm/dismiss")).await.body.contains("确认异议不成立"));
    assert_eq!(
        office.post(&format!("/objections/{objection}/dismiss"), &[("resolution", "")]).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let res = office
        .post(&format!("/objections/{objection}/dismiss"), &[("resolution", "经核查，该企业去年协议已全部完成。")])
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(figures(&app).await.approved_pairings, before + 1, "dismissed: counted again");
    assert!(
        Client::new(&app).get(&format!("/notices/{notice}")).await.body.contains("经核查，该企业去年协议已全部完成。")
    );
    assert_eq!(
        office.post(&format!("/objections/{objection}/uphold"), &[("resolution", "再改")]).await.status,
        StatusCode::CONFLICT
    );
}

#[tokio::test]
async fn an_upheld_objection_suspends_a_contribution_for_good() {
    let app = TestApp::with_demo().await;
    // Demo contribution 2 is confirmed; the 袁州 office verifies it, which puts it on notice.
    let mut office = Client::new(&app);
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    let before = figures(&app).await;
    assert_eq!(office.post("/contributions/2/verify", &[]).await.status, StatusCode::SEE_OTHER);
    let after_verify = figures(&app).await;
    assert_eq!(after_verify.verified_contributions, before.verified_contributions + 1);
    let notice = notice_of(&app, "contribution", 2).await;
    let mut citizen = Client::new(&app);
    citizen.get(&format!("/notices/{notice}")).await;
    citizen
        .post(
            &format!("/notices/{notice}/objections"),
            &[("body", "收购数量明显夸大"), ("contact_name", "李女士"), ("contact_phone", "13907950998")],
        )
        .await;
    let objection =
        entity::objection::Entity::find().all(app.db()).await.expect("q").into_iter().map(|o| o.id).max().expect("id");
    let res = office
        .post(
            &format!("/objections/{objection}/uphold"),
            &[("resolution", "经核查，实际收购量只有上报的一半，记录暂停。")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let after = figures(&app).await;
    assert_eq!(after.verified_contributions, before.verified_contributions, "suspended: out of the totals for good");
    assert_eq!(after.contributed_fen, before.contributed_fen);
    assert_eq!(count(app.db(), "notice", &format!("id = {notice} AND status = 'suspended'")).await, 1);
    let page = Client::new(&app).get(&format!("/notices/{notice}")).await;
    assert!(
        page.body.contains("已暂停") && !page.body.contains("提交异议"),
        "no more objections on a suspended notice"
    );
}

#[tokio::test]
async fn objections_are_limited_per_address() {
    let app = TestApp::with_demo().await;
    let notice = notice_of(&app, "pairing", 4).await;
    let mut citizen = Client::new(&app);
    let page = citizen.get(&format!("/notices/{notice}")).await;
    assert!(page.body.contains("提交异议"), "the demo has open notices");
    let mut last = StatusCode::OK;
    for _ in 0..=qicun::app::OBJECTIONS_PER_HOUR {
        last = citizen.post(&format!("/notices/{notice}/objections"), &[("body", "短")]).await.status;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
}
