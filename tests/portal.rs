//! The public portal (光荣榜): figures, the roll of pairings as the ledger adds them up,
//! success stories with their photo re-encoded (no GPS), commendations, open 公示; kept for
//! visitors yet fresh after a change; stories withdrawn once and gone from public view.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{Client, TestApp, TestResponse, count, location, photo_jpeg_with_gps};
use qicun::demo::DEMO_PASSWORD;
use sea_orm::{ConnectionTrait, Statement};

async fn post_story(c: &mut Client<'_>, title: &str, body: &str, photo: Option<&[u8]>) -> TestResponse {
    let b = "storyBoundary";
    let mut out = format!("--{b}\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n{}\r\n", c.csrf).into_bytes();
    for (k, v) in [("title", title), ("body", body)] {
        out.extend_from_slice(
            format!("--{b}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes(),
        );
    }
    if let Some(bytes) = photo {
        out.extend_from_slice(
            format!("--{b}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"p.jpg\"\r\n\r\n").as_bytes(),
        );
        out.extend_from_slice(bytes);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{b}--\r\n").as_bytes());
    c.send(
        Request::post("/office/stories")
            .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={b}"))
            .body(Body::from(out))
            .expect("request"),
    )
    .await
}

#[tokio::test]
async fn the_portal_shows_the_drive_and_offices_publish_and_withdraw_stories() {
    let app = TestApp::with_demo().await;
    let portal = app.get("/portal").await;
    assert_eq!(portal.status, StatusCode::OK);
    for shown in ["结对光荣榜", "帮扶故事", "富硒大米走出大山", "表彰和奖励", "通报表彰", "正在公示", "已核实帮扶投入"]
    {
        assert!(portal.body.contains(shown), "{shown} on the portal");
    }
    // The roll's first line is the pairing with the most verified help, summed as the ledger does.
    let backend = app.db().get_database_backend();
    let top = app
        .db()
        .query_one_raw(Statement::from_string(
            backend,
            "SELECT o.name, CAST(SUM(c.amount_fen) AS BIGINT) AS fen FROM contribution c \
             JOIN agreement a ON a.id = c.agreement_id JOIN pairing p ON p.id = a.pairing_id \
             JOIN organisation o ON o.id = p.enterprise_id \
             WHERE c.status = 'verified' AND p.status = 'approved' AND a.status <> 'terminated' \
             AND c.id NOT IN (SELECT entity_id FROM notice WHERE entity = 'contribution' AND status = 'suspended') \
             AND p.id NOT IN (SELECT entity_id FROM notice WHERE entity = 'pairing' AND status = 'suspended') \
             GROUP BY p.enterprise_id, p.village_id, o.name ORDER BY fen DESC, p.enterprise_id LIMIT 1"
                .to_owned(),
        ))
        .await
        .expect("q")
        .expect("a pairing with verified help");
    let top_name: String = top.try_get_by_index(0).expect("name");
    let roll = portal.body.split("结对光荣榜").nth(1).expect("the roll");
    let first = roll.split("<li class=\"card\">").nth(1).expect("a first line");
    assert!(first.contains(&top_name), "the first line is {top_name}: {first}");
    let photo = app.get("/stories/1/photo").await;
    assert_eq!(photo.status, StatusCode::OK);
    assert_eq!(photo.headers.get("content-type").and_then(|v| v.to_str().ok()), Some("image/png"));

    // An office publishes; a wrong form comes back as typed; a PDF is no photo.
    let mut county = Client::new(&app);
    county.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    assert_eq!(county.get("/office/stories").await.status, StatusCode::OK);
    let bad = post_story(&mut county, "短", "太短了", None).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("请填写标题（4–60 字）") && bad.body.contains("请填写正文（20–3000 字）"));
    assert!(bad.body.contains(">太短了</textarea>"), "the body as typed");
    let body = "村里的茶油合作社和企业签了收购协议，今年茶油卖出了好价钱，村集体收入增加了三万元，二十户脱贫户分了红。";
    let pdf = post_story(&mut county, "茶油卖出好价钱", body, Some(b"%PDF-1.4 not a photo")).await;
    assert!(pdf.body.contains("只能上传 JPEG 或 PNG 照片"));
    assert_eq!(count(app.db(), "story", "1=1").await, 2, "nothing published by a refused form");
    let res = post_story(&mut county, "茶油卖出好价钱", body, Some(&photo_jpeg_with_gps())).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let story = location(&res).to_owned();
    let page = county.get(&story).await;
    assert!(page.body.contains("已发布到公众门户") && page.body.contains("茶油卖出好价钱"));
    let photo = app.get(&format!("{story}/photo")).await;
    assert_eq!(photo.status, StatusCode::OK);
    assert!(photo.bytes.starts_with(&[0xFF, 0xD8]), "a JPEG");
    let has = |needle: &[u8]| photo.bytes.windows(needle.len()).any(|w| w == needle);
    assert!(!has(b"GPSLatitude") && !has(b"Exif"), "the photo's metadata is gone");
    // Visitors get the kept page, fresh after the change.
    assert!(app.get("/portal").await.body.contains("茶油卖出好价钱"));

    // Withdrawn with a reason, once; then gone from public view.
    let id = story.trim_start_matches("/stories/");
    let path = format!("/office/stories/{id}/withdraw");
    let none = county.post(&path, &[("withdraw_reason", "")]).await;
    assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(none.body.contains("请写明撤下的原因"));
    let mut city = Client::new(&app);
    city.login("yichun-fpb", DEMO_PASSWORD).await;
    let (x, y) = tokio::join!(
        county.post(&path, &[("withdraw_reason", "照片需更换")]),
        city.post(&path, &[("withdraw_reason", "内容待核实")]),
    );
    let mut statuses = [x.status, y.status];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::SEE_OTHER, StatusCode::CONFLICT]);
    let loser = if x.status == StatusCode::CONFLICT { &x } else { &y };
    assert!(loser.body.contains("这篇已于") && loser.body.contains("撤下"), "{}", loser.body);
    assert_eq!(app.get(&story).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&format!("{story}/photo")).await.status, StatusCode::NOT_FOUND);
    assert!(!app.get("/portal").await.body.contains("茶油卖出好价钱"));

    // Only offices write stories.
    let mut firm = Client::new(&app);
    firm.login("qiye01", DEMO_PASSWORD).await;
    assert_eq!(firm.get("/office/stories").await.status, StatusCode::FORBIDDEN);
    let mut auditor = Client::new(&app);
    auditor.login("auditor", DEMO_PASSWORD).await;
    let trail = auditor.get("/audit?entity=story").await;
    assert!(trail.body.contains("发布帮扶故事") && trail.body.contains("撤下帮扶故事"));
}
