//! Village collective income: the village reports it, the office verifies it or sends it back
//! (once: 409 to the second office), and verified figures at or above the threshold count in
//! the plans' 集体经济收入达标村.

mod common;

use axum::http::StatusCode;
use common::{Client, TestApp, count, location};
use qicun::demo::DEMO_PASSWORD;
use sea_orm::{ConnectionTrait, Statement};

#[tokio::test]
async fn a_village_reports_its_collective_income_and_the_office_verifies_it() {
    let app = TestApp::shared_with_demo().await;
    let backend = app.db().get_database_backend();
    let row = app
        .db()
        .query_one_raw(Statement::from_string(
            backend,
            "SELECT o.id, o.region_code FROM organisation o JOIN \"user\" u ON u.organisation_id = o.id WHERE u.login = 'cun01'"
                .to_owned(),
        ))
        .await
        .expect("q")
        .expect("cun01's village");
    let village: i32 = row.try_get_by_index(0).expect("id");
    let region: String = row.try_get_by_index(1).expect("region");
    let county = format!("{}000000", &region[..6]);

    let mut cun = Client::new(&app);
    cun.login("cun01", DEMO_PASSWORD).await;
    assert!(cun.get("/my/income").await.body.contains("还没有报告过"));
    let bad = cun.post("/my/income", &[("year", "2025"), ("amount_yuan", "十二万")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("请填写金额（元）") && bad.body.contains("value=\"十二万\""));
    assert_eq!(count(app.db(), "collective_income", &format!("village_id = {village}")).await, 0);
    let res = cun.post("/my/income", &[("year", "2025"), ("amount_yuan", "120,000")]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(cun.get(location(&res)).await.body.contains("已报告 2025 年集体经济收入 ¥120,000.00"));
    // Corrected before it is verified.
    assert_eq!(
        cun.post("/my/income", &[("year", "2025"), ("amount_yuan", "125000")]).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        count(app.db(), "collective_income", &format!("village_id = {village} AND amount_fen = 12500000")).await,
        1
    );
    let before = qicun::plans::actuals(app.db(), &county, 2025).await.expect("actuals");
    let others = count(
        app.db(),
        "collective_income",
        &format!(
            "year = 2025 AND status = 'verified' AND amount_fen >= 10000000 AND village_id IN \
             (SELECT id FROM organisation WHERE kind = 'village' AND region_code LIKE '{}%')",
            &region[..6]
        ),
    )
    .await;
    assert_eq!(before.get(qicun::domain::PlanIndicator::IncomeAbove), others, "ours not counted until verified");

    let mut office = Client::new(&app);
    office.login("yichun-fpb", DEMO_PASSWORD).await;
    let list = office.get("/office/income").await;
    assert!(list.body.contains("¥125,000.00") && list.body.contains("待乡村振兴局核实"));
    let back = office.post(&format!("/office/income/{village}/2025/return"), &[("note", "")]).await;
    assert_eq!(back.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(back.body.contains("退回时请写明原因"));
    let mut office2 = Client::new(&app);
    office2.login("yichun-fpb", DEMO_PASSWORD).await;
    let (verify, send_back) =
        (format!("/office/income/{village}/2025/verify"), format!("/office/income/{village}/2025/return"));
    let (x, y) = tokio::join!(office.post(&verify, &[]), office2.post(&send_back, &[("note", "请附村账")]),);
    let mut statuses = [x.status, y.status];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::SEE_OTHER, StatusCode::CONFLICT]);
    let loser = if x.status == StatusCode::CONFLICT { &x } else { &y };
    assert!(loser.body.contains("只有待核实的才能核实或退回"), "{}", loser.body);
    let verified =
        count(app.db(), "collective_income", &format!("village_id = {village} AND status = 'verified'")).await == 1;
    let after = qicun::plans::actuals(app.db(), &county, 2025).await.expect("actuals");
    assert_eq!(
        after.get(qicun::domain::PlanIndicator::IncomeAbove),
        others + i64::from(verified),
        "counted once verified"
    );
    if verified {
        let refused = cun.post("/my/income", &[("year", "2025"), ("amount_yuan", "200000")]).await;
        assert_eq!(refused.status, StatusCode::CONFLICT);
        assert!(refused.body.contains("已经乡村振兴局核实，不能再改"));
    } else {
        assert!(cun.get("/my/income").await.body.contains("请附村账"), "the village reads why");
    }
    let mut firm = Client::new(&app);
    firm.login("qiye01", DEMO_PASSWORD).await;
    assert_eq!(firm.get("/my/income").await.status, StatusCode::FORBIDDEN);
    // A village still waiting for the office's verification cannot report yet (an outside probe
    // saw its figure on the office's list, marked 达标).
    let before = count(app.db(), "collective_income", "1 = 1").await;
    let mut pending = Client::new(&app);
    pending.login("cun30", DEMO_PASSWORD).await;
    let res = pending.post("/my/income", &[("year", "2025"), ("amount_yuan", "100000")]).await;
    assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.body);
    assert!(res.body.contains("认证后才能报告集体经济收入"), "{}", res.body);
    assert_eq!(count(app.db(), "collective_income", "1 = 1").await, before);
}
