//! The whole way through the router, from an offer and a need to a completed agreement, with the
//! home page's figures moving accordingly.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{Client, TestApp, count, location};
use qicun::demo::DEMO_PASSWORD;
use sea_orm::EntityTrait;

fn last_id(loc: &str) -> i32 {
    loc.trim_end_matches(|c: char| !c.is_ascii_digit())
        .rsplit('/')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("id in the redirect")
}

#[tokio::test]
async fn from_offer_and_need_to_a_completed_agreement() {
    let app = TestApp::with_demo().await;
    let today = app.state.clock.today();
    let before = qicun::stats::figures(app.db(), today).await.expect("figures");

    // The enterprise and the village publish.
    let mut ent = Client::new(&app);
    ent.login("qiye04", DEMO_PASSWORD).await;
    ent.get("/offers/new").await;
    let res = ent
        .post(
            "/offers",
            &[
                ("kind", "procurement"),
                ("title", "收购红心猕猴桃鲜果两万公斤"),
                ("body", "收购红心猕猴桃鲜果，分级定价，冷链车上门拉货。"),
                ("amount_yuan", "100000"),
                ("quantity", "20000"),
                ("unit", "公斤"),
                ("regions", "360921000000"),
                ("then", "publish"),
            ],
        )
        .await;
    let offer = last_id(location(&res));
    let mut village = Client::new(&app);
    village.login("cun04", DEMO_PASSWORD).await;
    village.get("/needs/new").await;
    let res = village
        .post(
            "/needs",
            &[
                ("kind", "procurement"),
                ("title", "红心猕猴桃滞销求收购"),
                ("body", "村里红心猕猴桃两万公斤已采摘，急需企业收购。"),
                ("quantity", "20000"),
                ("unit", "公斤"),
                ("urgency", "3"),
                ("then", "publish"),
            ],
        )
        .await;
    let need = last_id(location(&res));

    // The matcher recommends the offer on the need's page; the village proposes.
    let page = village.get(&format!("/needs/{need}")).await;
    assert!(page.body.contains("收购红心猕猴桃鲜果两万公斤"), "recommended");
    let res = village.post(&format!("/needs/{need}/propose"), &[("other", &offer.to_string())]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let pairing = entity::pairing::Entity::find()
        .all(app.db())
        .await
        .expect("q")
        .into_iter()
        .find(|p| p.offer_id == Some(offer) && p.need_id == Some(need))
        .expect("pairing")
        .id;

    // The enterprise accepts; the city office (奉新 is in its jurisdiction) approves.
    assert_eq!(ent.post(&format!("/pairings/{pairing}/accept"), &[]).await.status, StatusCode::SEE_OTHER);
    let mut office = Client::new(&app);
    office.login("yichun-fpb", DEMO_PASSWORD).await;
    assert_eq!(
        office.post(&format!("/pairings/{pairing}/approve"), &[("reason", "供需一致，同意。")]).await.status,
        StatusCode::SEE_OTHER
    );
    let mid = qicun::stats::figures(app.db(), today).await.expect("figures");
    assert_eq!(mid.approved_pairings, before.approved_pairings + 1);

    // The agreement.
    ent.get(&format!("/pairings/{pairing}/agreement/new")).await;
    let res = ent
        .post(
            &format!("/pairings/{pairing}/agreement"),
            &[
                ("title", "红心猕猴桃收购协议"),
                ("terms", "甲方收购乙方红心猕猴桃两万公斤，按品质分级定价，货到结款。"),
                ("planned_produce_yuan", "100000"),
                ("starts_on", &today.to_string()),
                ("ends_on", &(today + chrono::Duration::days(180)).to_string()),
            ],
        )
        .await;
    let agreement = last_id(location(&res));
    // In force once the village countersigns and the office files it.
    let res = village.post(&format!("/agreements/{agreement}/act/countersign"), &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(office.post(&format!("/agreements/{agreement}/act/file"), &[]).await.status, StatusCode::SEE_OTHER);
    assert!(ent.get(&format!("/agreements/{agreement}")).await.body.contains("执行中"));

    // A contribution: reported with evidence, confirmed, verified.
    ent.get(&format!("/agreements/{agreement}/contributions/new")).await;
    let b = "happyPathBoundary";
    let mut body =
        format!("--{b}\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n{}\r\n", ent.csrf).into_bytes();
    for (k, v) in [
        ("kind", "produce"),
        ("product", "富硒大米"),
        ("amount_yuan", "100000"),
        ("quantity", "20000"),
        ("unit", "公斤"),
        ("households", "58"),
        ("persons", "163"),
        ("contributed_on", &today.to_string()),
        ("description", "收购红心猕猴桃两万公斤，货款已付清"),
    ] {
        body.extend_from_slice(
            format!("--{b}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes(),
        );
    }
    body.extend_from_slice(
        format!("--{b}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"过秤单.png\"\r\n\r\n").as_bytes(),
    );
    body.extend_from_slice(&common::photo_png(b"happy"));
    body.extend_from_slice(format!("\r\n--{b}--\r\n").as_bytes());
    let res = ent
        .send(
            Request::post(format!("/agreements/{agreement}/contributions"))
                .header("content-type", format!("multipart/form-data; boundary={b}"))
                .body(Body::from(body))
                .expect("request"),
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let contribution = entity::contribution::Entity::find()
        .all(app.db())
        .await
        .expect("q")
        .into_iter()
        .find(|c| c.agreement_id == agreement)
        .expect("contribution")
        .id;
    assert_eq!(
        village.post(&format!("/contributions/{contribution}/confirm"), &[]).await.status,
        StatusCode::SEE_OTHER
    );
    // The buyer pays and rates the purchase: then it can count (消费帮扶).
    assert_eq!(
        common::pay_and_rate(&mut ent, contribution, "100000", &today.to_string()).await.status,
        StatusCode::SEE_OTHER
    );
    // Confirmed within a minute of the report: flagged, so the office says what it checked.
    let verify = [("reason", "到村查看了培训签到表")];
    assert_eq!(
        office.post(&format!("/contributions/{contribution}/verify"), &verify).await.status,
        StatusCode::SEE_OTHER
    );

    // Completed, and the home page shows it.
    assert_eq!(count(app.db(), "agreement", &format!("id = {agreement} AND status = 'completed'")).await, 1);
    let after = qicun::stats::figures(app.db(), today).await.expect("figures");
    assert_eq!(after.verified_contributions, before.verified_contributions + 1);
    assert_eq!(after.contributed_fen, before.contributed_fen + 10_000_000);
    assert_eq!(after.persons_benefiting, before.persons_benefiting + 163);
    let home = Client::new(&app).get("/").await;
    assert!(home.body.contains(&qicun::money::Money(after.contributed_fen).display()));

    // Through the assessment: the village rates the help, and the enterprise's score counts the
    // record and the rating; the portal's roll names the pair; the archive holds the record.
    let rated =
        village.post(&format!("/agreements/{agreement}/rating"), &[("rating", "5"), ("comment", "培训实用")]).await;
    assert_eq!(rated.status, StatusCode::SEE_OTHER);
    let mine = ent.get("/my/assessment").await;
    assert_eq!(mine.status, StatusCode::SEE_OTHER);
    let key = location(&mine).trim_start_matches("/assessment/enterprise/").to_owned();
    let score = ent.get(location(&mine)).await;
    assert_eq!(score.status, StatusCode::OK);
    use chrono::Datelike;
    let all = qicun::governance::assessment::compute(app.db(), today.year(), today).await.expect("assess");
    let firm = all
        .iter()
        .find(|a| a.kind == qicun::domain::SubjectKind::Enterprise && a.key == key)
        .expect("the enterprise is assessed");
    let satisfaction = firm.values.iter().find(|v| v.code == "satisfaction").expect("satisfaction");
    assert!(satisfaction.applies && satisfaction.records.iter().any(|r| r.link == format!("/agreements/{agreement}")));
    let money = firm.values.iter().find(|v| v.code == "money").expect("money");
    assert!(
        money.records.iter().any(|r| r.link.ends_with(&format!("#c{contribution}"))),
        "the record behind the money"
    );
    assert!(score.body.contains(&format!("<strong>{:.1}</strong> 分", firm.total)), "the page shows the same total");
    let portal = app.get("/portal").await;
    let firm_name = entity::organisation::Entity::find_by_id(key.parse::<i32>().expect("id"))
        .one(app.db())
        .await
        .expect("q")
        .expect("firm")
        .name;
    assert!(portal.body.contains(&firm_name), "the roll names the enterprise");
    let archive = office.get(&format!("/agreements/{agreement}/archive")).await;
    assert!(archive.body.contains(&format!("{contribution} 号")) && archive.body.contains("操作记录"));
    assert!(
        qicun::audit::verify(app.db())
            .await
            .expect("verify")
            .eq(&qicun::audit::Verification::Intact { events: count(app.db(), "audit_event", "1 = 1").await as u64 })
    );
}
