//! The 建档立卡 register: an office imports its Excel whole or not at all (every problem named
//! by line and column), reads each village's registered people beside the people its verified
//! records reached, and a village reached beyond its register becomes a supervision finding.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use chrono::Datelike;
use common::{Client, TestApp, TestResponse, count, location};
use qicun::demo::DEMO_PASSWORD;
use sea_orm::{ConnectionTrait, Statement};

async fn upload(c: &mut Client<'_>, name: &str, bytes: &[u8]) -> TestResponse {
    let b = "registerBoundary";
    let mut out = format!("--{b}\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n{}\r\n", c.csrf).into_bytes();
    out.extend_from_slice(
        format!("--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\r\n").as_bytes(),
    );
    out.extend_from_slice(bytes);
    out.extend_from_slice(format!("\r\n--{b}--\r\n").as_bytes());
    c.send(
        Request::post("/office/register")
            .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={b}"))
            .body(Body::from(out))
            .expect("request"),
    )
    .await
}

async fn rows(app: &TestApp, sql: &str) -> Vec<(i32, String, String, i64)> {
    let backend = app.db().get_database_backend();
    app.db()
        .query_all_raw(Statement::from_string(backend, sql.to_owned()))
        .await
        .expect("q")
        .iter()
        .map(|r| {
            (
                r.try_get_by_index::<i32>(0).expect("id"),
                r.try_get_by_index::<String>(1).expect("name"),
                r.try_get_by_index::<String>(2).expect("code"),
                r.try_get_by_index::<Option<i64>>(3).expect("n").unwrap_or(0),
            )
        })
        .collect()
}

#[tokio::test]
async fn the_register_is_imported_whole_and_checked_against_the_people_reached() {
    let app = TestApp::with_demo().await;
    let year = app.state.clock.today().year();
    // Villages of 宜春 with the people their verified records reached this year.
    let villages = rows(
        &app,
        &format!(
            "SELECT o.id, o.name, o.region_code, (SELECT CAST(SUM(c.persons) AS BIGINT) FROM contribution c \
             JOIN agreement a ON a.id = c.agreement_id JOIN pairing p ON p.id = a.pairing_id \
             WHERE p.village_id = o.id AND c.status = 'verified' \
             AND c.contributed_on BETWEEN '{year}-01-01' AND '{year}-12-31' \
             AND c.id NOT IN (SELECT entity_id FROM notice WHERE entity = 'contribution' AND status = 'suspended')) \
             FROM organisation o WHERE o.kind = 'village' AND o.status = 'verified' AND o.region_code LIKE '3609%' ORDER BY o.id"
        ),
    )
    .await;
    let reaching = villages.iter().find(|v| v.3 > 0).expect("a village whose records reached people this year").clone();
    let other = villages.iter().find(|v| v.0 != reaching.0).expect("another village").clone();

    let mut city = Client::new(&app);
    city.login("yichun-fpb", DEMO_PASSWORD).await;
    let page = city.get("/office/register").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("导入台账") && page.body.contains("未登记"));

    // Every problem named, nothing written.
    let bad = format!(
        "区划代码,村名,年度,建档立卡户数,建档立卡人口\n999999999999,,{year},3,9\n{code},,1999,3,9\n{code},,{year},10,5\n{code},错的村名,{year},2,6\n{code},,{year},2,6\n",
        code = other.2
    );
    let res = upload(&mut city, "register.csv", bad.as_bytes()).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    for named in [
        "第 2 行「区划代码」：找不到区划代码为 999999999999 的村",
        "第 3 行「年度」：应为 2014 到",
        "第 4 行「建档立卡人口」：人口 5 少于户数 10",
        "第 5 行「村名」",
        "在文件中出现了两次",
        "没有导入",
    ] {
        assert!(res.body.contains(named), "{named}: {}", res.body);
    }
    assert_eq!(count(app.db(), "register_entry", "1=1").await, 0);
    let missing = upload(&mut city, "register.csv", "区划代码,年度\n1,2".as_bytes()).await;
    assert!(missing.body.contains("第 1 行缺少列：建档立卡户数、建档立卡人口"), "{}", missing.body);

    // A good XLSX: the reaching village registered with fewer people than it reached.
    let fewer = (reaching.3 - 1).max(0);
    let xlsx = {
        let mut book = rust_xlsxwriter::Workbook::new();
        let ws = book.add_worksheet();
        for (c, h) in ["区划代码", "村名", "年度", "建档立卡户数", "建档立卡人口"].iter().enumerate()
        {
            ws.write_string(0, c as u16, *h).expect("heading");
        }
        ws.write_string(1, 0, &reaching.2).expect("code");
        ws.write_number(1, 2, f64::from(year)).expect("year");
        ws.write_number(1, 3, 0.0).expect("households");
        ws.write_number(1, 4, fewer as f64).expect("persons");
        ws.write_string(2, 0, &other.2).expect("code");
        ws.write_number(2, 2, f64::from(year)).expect("year");
        ws.write_number(2, 3, 30.0).expect("households");
        ws.write_number(2, 4, 95.0).expect("persons");
        book.save_to_buffer().expect("xlsx")
    };
    let res = upload(&mut city, "register.xlsx", &xlsx).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let page = city.get(location(&res)).await;
    assert!(page.body.contains("已导入 2 行（2 个村"), "{}", page.body);
    assert!(page.body.contains("1 个村带动人数超过建档立卡人口"), "{}", page.body);
    assert_eq!(count(app.db(), "register_entry", &format!("village_id = {} AND persons = 95", other.0)).await, 1);
    // Imported again: replaced, not doubled.
    assert_eq!(upload(&mut city, "register.xlsx", &xlsx).await.status, StatusCode::SEE_OTHER);
    assert_eq!(count(app.db(), "register_entry", "1=1").await, 2);

    // The scan raises the village reached beyond its register.
    assert_eq!(city.post("/office/supervision/scan", &[]).await.status, StatusCode::SEE_OTHER);
    assert_eq!(
        count(
            app.db(),
            "supervision_check",
            &format!("rule = 'beyond_register' AND entity_id = {}", reaching.0 * 10_000 + year)
        )
        .await,
        1
    );
    assert_eq!(count(app.db(), "supervision_check", "rule = 'beyond_register'").await, 1, "only that village");
    assert!(city.get("/office/supervision?rule=beyond_register").await.body.contains("超过建档立卡人口"));

    // The county office may not import a village outside its county; others do not see it.
    let mut county = Client::new(&app);
    county.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    if let Some(outside) = villages.iter().find(|v| !v.2.starts_with("360902")) {
        let csv = format!("区划代码,年度,建档立卡户数,建档立卡人口\n{},{year},1,3\n", outside.2);
        let res = upload(&mut county, "r.csv", csv.as_bytes()).await;
        assert!(res.body.contains("不在本办辖区"), "{}", res.body);
    }
    let mut auditor = Client::new(&app);
    auditor.login("auditor", DEMO_PASSWORD).await;
    let read = auditor.get("/office/register").await;
    assert_eq!(read.status, StatusCode::OK);
    assert!(!read.body.contains("导入台账</h2>"), "the auditor reads only");
    let mut village = Client::new(&app);
    village.login("cun01", DEMO_PASSWORD).await;
    assert_eq!(village.get("/office/register").await.status, StatusCode::FORBIDDEN);
    assert!(auditor.get("/audit?entity=register_entry").await.body.contains("导入建档立卡台账"));
}
