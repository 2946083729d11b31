//! Supervision (监管): the scan raises each sign of a 假项目/空项目 once — an idle agreement, a
//! confirmed record without evidence, the same photo behind two projects, totals beyond the
//! plan, a record confirmed within a minute — the covering office closes each with an outcome
//! and a reason (once), and a closed finding is not raised again.

mod common;

use axum::http::StatusCode;
use common::{Client, TestApp, count, location, report_with_png};
use qicun::demo::DEMO_PASSWORD;
use sea_orm::{ConnectionTrait, Statement};

async fn number(app: &TestApp, sql: &str) -> i64 {
    let backend = app.db().get_database_backend();
    let row = app.db().query_one_raw(Statement::from_string(backend, sql.to_owned())).await.expect("query");
    row.and_then(|r| r.try_get_by_index::<Option<i64>>(0).ok().flatten()).unwrap_or(0)
}

async fn text(app: &TestApp, sql: &str) -> String {
    let backend = app.db().get_database_backend();
    let row = app.db().query_one_raw(Statement::from_string(backend, sql.to_owned())).await.expect("query");
    row.and_then(|r| r.try_get_by_index::<Option<String>>(0).ok().flatten()).unwrap_or_default()
}

async fn exec(app: &TestApp, sql: &str) {
    let backend = app.db().get_database_backend();
    app.db().execute_raw(Statement::from_string(backend, sql.to_owned())).await.expect("update");
}

#[tokio::test]
async fn the_scan_raises_each_sign_once_and_offices_close_them_with_a_reason() {
    let app = TestApp::shared_with_demo().await;
    let firm_org = number(&app, "SELECT CAST(organisation_id AS BIGINT) FROM \"user\" WHERE login = 'qiye01'").await;
    // Two of qiye01's agreements in force, each with a village whose committee can log in.
    let backend = app.db().get_database_backend();
    let rows = app
        .db()
        .query_all_raw(Statement::from_string(
            backend,
            format!(
                "SELECT a.id, u.login, e.login FROM agreement a JOIN pairing p ON p.id = a.pairing_id \
                 JOIN \"user\" u ON u.organisation_id = p.village_id JOIN \"user\" e ON e.organisation_id = p.enterprise_id \
                 WHERE a.status = 'active' AND e.role = 'enterprise' ORDER BY p.enterprise_id <> {firm_org}, a.id"
            ),
        ))
        .await
        .expect("q");
    let active: Vec<(i32, String, String)> = rows
        .iter()
        .map(|r| {
            (
                r.try_get_by_index::<i32>(0).expect("id"),
                r.try_get_by_index::<String>(1).expect("login"),
                r.try_get_by_index::<String>(2).expect("login"),
            )
        })
        .collect();
    assert!(active.len() >= 2, "two agreements in force with logins on both sides: {active:?}");
    let (first, second) = (active[0].clone(), active[1].clone());
    assert_eq!(first.2, "qiye01");

    // The same photo behind both projects; the village confirms the first at once.
    let mut firm = Client::new(&app);
    firm.login("qiye01", DEMO_PASSWORD).await;
    assert_eq!(report_with_png(&mut firm, first.0, "采购大米 2 吨", b"same-photo").await.status, StatusCode::SEE_OTHER);
    let mut other = Client::new(&app);
    other.login(&second.2, DEMO_PASSWORD).await;
    assert_eq!(
        report_with_png(&mut other, second.0, "采购茶油 100 斤", b"same-photo").await.status,
        StatusCode::SEE_OTHER
    );
    let quick =
        number(&app, &format!("SELECT CAST(MAX(id) AS BIGINT) FROM contribution WHERE agreement_id = {}", first.0))
            .await;
    let reused =
        number(&app, &format!("SELECT CAST(MAX(id) AS BIGINT) FROM contribution WHERE agreement_id = {}", second.0))
            .await;
    let mut village = Client::new(&app);
    village.login(&first.1, DEMO_PASSWORD).await;
    assert_eq!(village.post(&format!("/contributions/{quick}/confirm"), &[]).await.status, StatusCode::SEE_OTHER);

    // An agreement in force for half a year with nothing reported (its filing moved back: the
    // demo's are recent), and one whose verified help exceeds what it planned.
    // (the demo's draft agreement: countersigned by its village, filed by the city)
    let idle = number(&app, "SELECT CAST(MIN(id) AS BIGINT) FROM agreement WHERE status = 'pending_village'").await;
    let signer = text(
        &app,
        &format!(
            "SELECT u.login FROM agreement a JOIN pairing p ON p.id = a.pairing_id \
             JOIN \"user\" u ON u.organisation_id = p.village_id WHERE a.id = {idle}"
        ),
    )
    .await;
    let mut committee = Client::new(&app);
    committee.login(&signer, DEMO_PASSWORD).await;
    let signed = committee.post(&format!("/agreements/{idle}/act/countersign"), &[]).await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER, "{}", signed.body);
    let mut filer = Client::new(&app);
    filer.login("yichun-fpb", DEMO_PASSWORD).await;
    let filed = filer.post(&format!("/agreements/{idle}/act/file"), &[]).await;
    assert_eq!(filed.status, StatusCode::SEE_OTHER, "{}", filed.body);
    assert_eq!(count(app.db(), "agreement", &format!("id = {idle} AND status = 'active'")).await, 1);
    assert_eq!(count(app.db(), "contribution", &format!("agreement_id = {idle}")).await, 0);
    assert!(idle > 0, "an agreement in force with no help reported");
    {
        use sea_orm::{ActiveModelTrait, EntityTrait, Set};
        let a = entity::agreement::Entity::find_by_id(idle as i32).one(app.db()).await.expect("q").expect("agreement");
        let long_ago = app.state.clock.now() - chrono::Duration::days(200);
        let mut am: entity::agreement::ActiveModel = a.into();
        am.filed_at = Set(Some(long_ago));
        am.created_at = Set(long_ago);
        am.update(app.db()).await.expect("moved back");
    }
    let over = number(
        &app,
        "SELECT CAST(MIN(a.id) AS BIGINT) FROM agreement a WHERE a.status = 'active' AND a.id IN \
         (SELECT agreement_id FROM contribution WHERE status = 'verified' AND kind IN ('money','goods','produce'))",
    )
    .await;
    assert!(over > 0, "an agreement in force with verified money");
    exec(&app, &format!("UPDATE agreement SET planned_money_fen = 0, planned_goods_fen = 0, planned_produce_fen = 100 WHERE id = {over}")).await;

    // The scan, asked for by the city office.
    assert_eq!(count(app.db(), "supervision_check", "1=1").await, 0);
    let mut city = Client::new(&app);
    city.login("yichun-fpb", DEMO_PASSWORD).await;
    let res = city.post("/office/supervision/scan", &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let page = city.get(location(&res)).await;
    assert!(page.body.contains("检查完毕：发现"), "{}", page.body);
    for (rule, entity, id) in [
        ("quick_confirm", "contribution", quick),
        ("reused_evidence", "contribution", reused),
        ("idle_agreement", "agreement", idle),
        ("beyond_plan", "agreement", over),
    ] {
        assert_eq!(
            count(
                app.db(),
                "supervision_check",
                &format!("rule = '{rule}' AND entity = '{entity}' AND entity_id = {id}")
            )
            .await,
            1,
            "{rule} raised on {entity} {id}"
        );
    }
    assert_eq!(
        count(app.db(), "supervision_check", &format!("rule = 'reused_evidence' AND entity_id = {quick}")).await,
        0,
        "the first use of a photo is not the reuse"
    );
    let no_evidence = count(app.db(), "supervision_check", "rule = 'no_evidence'").await;
    assert_eq!(
        no_evidence,
        number(
            &app,
            "SELECT COUNT(*) FROM contribution WHERE status IN ('confirmed','verified') AND id NOT IN (SELECT contribution_id FROM evidence)"
        )
        .await,
        "every confirmed record without evidence, no more"
    );
    for shown in ["证明材料与其他项目相同", "报告后一分钟内即被村委会确认", "超过 3 个月没有报告任何帮扶", "超过计划的"]
    {
        assert!(page.body.contains(shown), "{shown} on the list");
    }
    let total = count(app.db(), "supervision_check", "1=1").await;

    // Closing: the outcome and a reason are needed (the form comes back as typed), then once.
    let id = number(
        &app,
        &format!(
            "SELECT CAST(id AS BIGINT) FROM supervision_check WHERE rule = 'reused_evidence' AND entity_id = {reused}"
        ),
    )
    .await;
    let path = format!("/office/supervision/{id}/close");
    let bad = city.post(&path, &[("outcome", ""), ("close_reason", "已查")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body.contains("请选择处理结果")
            && bad.body.contains("请写明核查情况和理由")
            && bad.body.contains("value=\"已查\"")
    );
    let mut city2 = Client::new(&app);
    city2.login("yichun-fpb", DEMO_PASSWORD).await;
    let (x, y) = tokio::join!(
        city.post(&path, &[("outcome", "referred"), ("close_reason", "两份记录照片相同，已移交纪检核查")]),
        city2.post(&path, &[("outcome", "cleared"), ("close_reason", "同一批货分两次送达，照片为同一张")]),
    );
    let mut statuses = [x.status, y.status];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::SEE_OTHER, StatusCode::CONFLICT]);
    let loser = if x.status == StatusCode::CONFLICT { &x } else { &y };
    assert!(loser.body.contains("这条线索已于") && loser.body.contains("处理为「"), "{}", loser.body);
    assert_eq!(count(app.db(), "supervision_check", &format!("id = {id} AND closed_at IS NOT NULL")).await, 1);
    let handled = city.get("/office/supervision?state=closed").await;
    assert!(handled.body.contains("两份记录照片相同") || handled.body.contains("同一批货分两次送达"));

    // A second scan raises nothing already known, closed or open.
    assert_eq!(city.post("/office/supervision/scan", &[]).await.status, StatusCode::SEE_OTHER);
    assert_eq!(count(app.db(), "supervision_check", "1=1").await, total);
    assert!(city.get("/office/supervision").await.body.contains("没有发现新的线索"));

    // Jurisdiction: the county office sees only its villages' findings; the auditor reads all
    // and closes none; firms and villages have no list.
    let mut county = Client::new(&app);
    county.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    let theirs = county.get("/office/supervision?state=open").await;
    let outside =
        text(&app, "SELECT detail FROM supervision_check WHERE region_code NOT LIKE '360902%' AND closed_at IS NULL")
            .await;
    if !outside.is_empty() {
        assert!(!theirs.body.contains(&outside), "a finding outside 袁州区 is not on its list");
    }
    let mut auditor = Client::new(&app);
    auditor.login("auditor", DEMO_PASSWORD).await;
    let read = auditor.get("/office/supervision").await;
    assert_eq!(read.status, StatusCode::OK);
    assert!(!read.body.contains("/close\""), "no close form for the auditor");
    assert_eq!(
        auditor.post(&path, &[("outcome", "cleared"), ("close_reason", "审计看过")]).await.status,
        StatusCode::FORBIDDEN
    );
    assert_ne!(firm.get("/office/supervision").await.status, StatusCode::OK);
    let trail = auditor.get("/audit?entity=supervision_check").await;
    assert!(trail.body.contains("监管检查发现线索") && trail.body.contains("处理监管线索"), "{}", trail.body);
}

/// An enterprise whose recognised amounts are mostly whole 万元 (the flag on each record) is
/// raised once by the scan, on the agreement of its latest round record; records withdrawn do
/// not count; a second scan adds nothing.
#[tokio::test]
async fn an_enterprise_reporting_mostly_round_amounts_is_raised_once() {
    use sea_orm::{ActiveModelTrait, Set};
    let app = TestApp::with_demo().await;
    let firm = number(&app, "SELECT CAST(organisation_id AS BIGINT) FROM \"user\" WHERE login = 'qiye01'").await;
    let agreement = number(
        &app,
        &format!(
            "SELECT CAST(MIN(a.id) AS BIGINT) FROM agreement a JOIN pairing p ON p.id = a.pairing_id \
             WHERE a.status = 'active' AND p.enterprise_id = {firm}"
        ),
    )
    .await as i32;
    assert!(agreement > 0, "qiye01 has an agreement in force");
    let of_firm = format!(
        "status NOT IN ('withdrawn','corrected','rejected') AND amount_fen > 0 AND agreement_id IN \
         (SELECT a.id FROM agreement a JOIN pairing p ON p.id = a.pairing_id WHERE p.enterprise_id = {firm})"
    );
    let now = app.state.clock.now();
    let record = |fen: i64, status: &'static str| entity::contribution::ActiveModel {
        agreement_id: Set(agreement),
        kind: Set("money".into()),
        amount_fen: Set(fen),
        households: Set(0),
        persons: Set(0),
        contributed_on: Set(app.state.clock.today()),
        description: Set("捐款".into()),
        status: Set(status.into()),
        reported_at: Set(now),
        ..Default::default()
    };
    // First fewer than four in five round: uneven amounts added as needed.
    let round = count(app.db(), "contribution", &format!("{of_firm} AND amount_fen % 1000000 = 0")).await;
    let mut not_round = count(app.db(), "contribution", &format!("{of_firm} AND amount_fen % 1000000 <> 0")).await;
    while not_round * 4 <= round {
        record(1_234_500, "reported").insert(app.db()).await.expect("record");
        not_round += 1;
    }
    let mut city = Client::new(&app);
    city.login("yichun-fpb", DEMO_PASSWORD).await;
    city.post("/office/supervision/scan", &[]).await;
    let raised = format!("rule = 'round_amounts' AND entity = 'organisation' AND entity_id = {firm}");
    assert_eq!(count(app.db(), "supervision_check", &raised).await, 0, "not before: {round} round, {not_round} not");

    // Then whole-万元 records up to four in five (one more, withdrawn, does not count).
    let needed = (4 * not_round - round).max(3 - round).max(1);
    record(2_000_000, "withdrawn").insert(app.db()).await.expect("record");
    let mut last = 0;
    for i in 0..needed {
        last = record(1_000_000 * (i + 1), "reported").insert(app.db()).await.expect("record").id;
    }
    assert!(last > 0);
    let res = city.post("/office/supervision/scan", &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(count(app.db(), "supervision_check", &raised).await, 1, "raised once for the firm");
    assert_eq!(
        count(app.db(), "supervision_check", &format!("{raised} AND agreement_id = {agreement}")).await,
        1,
        "on the agreement of its latest round record"
    );
    let list = city.get("/office/supervision?rule=round_amounts").await;
    assert!(list.body.contains("企业报告的金额多为整万元") && list.body.contains("笔是整万元"), "{}", list.body);
    city.post("/office/supervision/scan", &[]).await;
    assert_eq!(count(app.db(), "supervision_check", &raised).await, 1, "not raised again");
}
