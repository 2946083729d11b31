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

    let entries_before = count(app.db(), "register_entry", "1=1").await;
    let mut city = Client::new(&app);
    city.login("yichun-fpb", DEMO_PASSWORD).await;
    let page = city.get("/office/register").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("导入台账") && page.body.contains("未登记"));
    // The demo's register already has villages reached beyond it (found by the demo's records).
    let over_before = page.body.matches("<strong>超过</strong>").count();
    assert!(
        !page.body.contains(&format!("/organisations/{}\"", reaching.0)) || {
            let row = page.body.split(&format!("/organisations/{}\"", reaching.0)).nth(1).unwrap_or_default();
            !row.split("</tr>").next().unwrap_or_default().contains("超过")
        },
        "the reaching village is within its register before the import"
    );

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
    assert_eq!(count(app.db(), "register_entry", "1=1").await, entries_before);
    let missing = upload(&mut city, "register.csv", "区划代码,年度\n1,2".as_bytes()).await;
    assert!(missing.body.contains("第 1 行缺少列：建档立卡户数、建档立卡人口"), "{}", missing.body);
    let empty = upload(&mut city, "空表.csv", b"").await;
    assert!(
        empty.body.contains("文件「空表.csv」是空的") && empty.body.contains("action=\"/office/register\""),
        "{}",
        empty.body
    );

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
    assert!(page.body.contains(&format!("{} 个村带动人数超过建档立卡人口", over_before + 1)), "{}", page.body);
    assert_eq!(count(app.db(), "register_entry", &format!("village_id = {} AND persons = 95", other.0)).await, 1);
    // Imported again: replaced, not doubled.
    assert_eq!(upload(&mut city, "register.xlsx", &xlsx).await.status, StatusCode::SEE_OTHER);
    assert_eq!(
        count(app.db(), "register_entry", &format!("year = {year} AND village_id IN ({}, {})", reaching.0, other.0))
            .await,
        2,
        "replaced, not doubled"
    );

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
    assert_eq!(
        count(app.db(), "supervision_check", "rule = 'beyond_register'").await,
        over_before as i64 + 1,
        "only the villages over their register"
    );
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

async fn upload_households(c: &mut Client<'_>, csv: &str) -> TestResponse {
    let b = "householdBoundary";
    let body = format!(
        "--{b}\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n{}\r\n--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"h.csv\"\r\n\r\n{csv}\r\n--{b}--\r\n",
        c.csrf
    );
    c.send(
        Request::post("/office/register/households")
            .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={b}"))
            .body(Body::from(body))
            .expect("request"),
    )
    .await
}

async fn village_of(app: &TestApp, login: &str) -> (i32, String) {
    let v = rows(
        app,
        &format!(
            "SELECT o.id, o.name, o.region_code, CAST(0 AS BIGINT) FROM organisation o JOIN \"user\" u ON u.organisation_id = o.id \
             WHERE u.login = '{login}'"
        ),
    )
    .await;
    let (id, _, code, _) = v.into_iter().next().expect("the login's village");
    (id, code)
}

#[tokio::test]
async fn household_rows_are_private_minimal_and_count_where_the_village_figure_is_missing() {
    let app = TestApp::with_demo().await;
    let year = app.state.clock.today().year();
    let (village, code) = village_of(&app, "cun03").await;
    assert!(code.starts_with("360902"), "cun03 is in 袁州区: {code}");
    assert_eq!(count(app.db(), "register_entry", &format!("village_id = {village} AND year = {year}")).await, 0);
    assert_eq!(count(app.db(), "household", &format!("village_id = {village}")).await, 0);
    let mut office = Client::new(&app);
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;

    // Every wrong cell named; nothing written; no ID number or phone taken as a name.
    let heading = "区划代码,户编号,户主姓名,家庭人口,识别年度,脱贫年度,退出年度";
    let bad = format!(
        "{heading}\n{code},A01,王有财,4,2014,2018,\n{code},A01,王有福,3,2014,,\n{code},A02,李四 36090219800101123X,3,2015,,\n\
         {code},A03,赵春花,0,2015,,\n{code},A04,钱秋生,3,2013,,\n{code},A05,孙冬梅,3,2016,2015,\n360921104201,B01,周末,2,2015,,\n\
         {code},36090219800101123X,吴小明,2,2015,,\n"
    );
    let res = upload_households(&mut office, &bad).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    for named in [
        "第 3 行「户编号」：",
        "与第 2 行重复",
        "像是身份证号或电话号码",
        "第 4 行「户主姓名」：应为 2–20 个字的姓名，不含数字",
        "第 5 行「家庭人口」：应为 1 到 30 的整数",
        "第 6 行「识别年度」",
        "第 7 行「脱贫年度」",
        "第 8 行「区划代码」",
        "导入户级名单",
    ] {
        assert!(res.body.contains(named), "{named}: {}", res.body);
    }
    assert!(!res.body.contains("36090219800101123X"), "the ID number is not repeated back");
    assert_eq!(count(app.db(), "household", &format!("village_id = {village}")).await, 0, "all or nothing");
    // A column the register does not keep refuses the file; a quoted comma stays in its cell.
    let extra = upload_households(
        &mut office,
        &format!("{heading},身份证号\n{code},A01,王有财,4,2014,2018,,362202199001011234\n"),
    )
    .await;
    assert_eq!(extra.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        extra.body.contains("本表不收的列：身份证号") && !extra.body.contains("362202199001011234"),
        "{}",
        extra.body
    );
    let quoted = upload_households(&mut office, &format!("{heading}\n{code},A09,\"王,有\",4,2014,2018,\n")).await;
    assert!(
        quoted.body.contains("第 2 行「户主姓名」") && !quoted.body.contains("「家庭人口」"),
        "the name with a comma is one cell: {}",
        quoted.body
    );

    // A good file: three households, one of which left the register.
    let good = format!(
        "{heading}\n{code},A01,王有财,4,2014,2018,\n{code},A02,李秀珍,3,2015,2019,\n{code},A03,赵春花,2,2016,,{left}\n",
        left = year - 7
    );
    let res = upload_households(&mut office, &good).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert!(office.get(location(&res)).await.body.contains("新增 3 户，更新 0 户（1 个村）"));
    assert_eq!(
        count(app.db(), "household", &format!("village_id = {village} AND head_name LIKE 's1:%'")).await,
        2,
        "names sealed at rest"
    );
    assert_eq!(
        count(app.db(), "household", &format!("village_id = {village} AND head_name = '（已按期删除）'")).await,
        1,
        "the household that left seven years ago keeps no name, even when imported"
    );
    // The register counts the two still on it: 2 households, 7 people, marked as counted by household.
    let page = office.get(&format!("/office/register?year={year}")).await;
    let row = page.body.split(&format!("/organisations/{village}\"")).nth(1).expect("the village's row");
    let row = row.split("</tr>").next().unwrap_or_default();
    assert!(row.contains("2 <span class=\"muted\">（按户统计）") && row.contains("<td>7</td>"), "{row}");
    assert!(row.contains(&format!("/office/register/villages/{village}/households")));
    // Imported again with a change: updated, not doubled.
    let again = format!("{heading}\n{code},A01,王有财,5,2014,2018,\n{code},A04,钱秋生,1,2020,,\n");
    let res = upload_households(&mut office, &again).await;
    assert!(office.get(location(&res)).await.body.contains("新增 1 户，更新 1 户"));
    assert_eq!(count(app.db(), "household", &format!("village_id = {village}")).await, 4);

    // Who reads the names: the village itself, the covering offices, the auditor.
    let list = format!("/office/register/villages/{village}/households");
    let shown = office.get(&list).await;
    assert_eq!(shown.status, StatusCode::OK, "{}", shown.body);
    assert!(shown.body.contains("王有财") && shown.body.contains("钱秋生") && shown.body.contains("仅本村"));
    let mut own = Client::new(&app);
    own.login("cun03", DEMO_PASSWORD).await;
    let mine = own.get("/my/households").await;
    assert!(mine.body.contains("王有财") && mine.body.contains("共 4 户、11 人"), "{}", mine.body);
    let r = own.get(&list).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "the office's page is not the village's: {}", r.body);
    let mut auditor = Client::new(&app);
    auditor.login("auditor", DEMO_PASSWORD).await;
    assert!(auditor.get(&list).await.body.contains("王有财"));
    let mut neighbour = Client::new(&app);
    neighbour.login("cun01", DEMO_PASSWORD).await;
    let theirs = neighbour.get("/my/households").await;
    assert!(theirs.body.contains("黄春生") && !theirs.body.contains("王有财"), "another village sees its own only");
    let mut elsewhere = Client::new(&app);
    elsewhere.login("nanchang-fpb", DEMO_PASSWORD).await;
    assert_eq!(elsewhere.get(&list).await.status, StatusCode::NOT_FOUND, "an office not covering it");
    let mut firm = Client::new(&app);
    firm.login("qiye01", DEMO_PASSWORD).await;
    assert_eq!(firm.get(&list).await.status, StatusCode::FORBIDDEN);
    assert_eq!(firm.get("/my/households").await.status, StatusCode::FORBIDDEN);
    // Never on a public page or in the API, never in the audit trail.
    for path in [format!("/organisations/{village}"), "/portal".into(), format!("/api/v1/organisations/{village}")] {
        let r = Client::new(&app).get(&path).await;
        assert!(!r.body.contains("王有财") && !r.body.contains("A01"), "{path}");
    }
    let trail = auditor.get("/audit?entity=household").await;
    assert!(trail.body.contains("导入建档立卡户") && !trail.body.contains("王有财"), "{}", trail.body);

    // Retention: as the years pass (here: 钱秋生's household recorded as having left seven
    // years ago), the housekeeping erases the name; the rest stay.
    let shown = office.get(&list).await;
    assert!(!shown.body.contains("赵春花") && shown.body.contains("（已按期删除）") && shown.body.contains("钱秋生"));
    let backend = app.db().get_database_backend();
    app.db()
        .execute_raw(Statement::from_string(
            backend,
            format!("UPDATE household SET left_year = {} WHERE village_id = {village} AND code = 'A04'", year - 7),
        ))
        .await
        .expect("update");
    let erased =
        qicun::governance::households::erase_expired_names(app.db(), app.state.clock.now()).await.expect("erase");
    assert!(erased >= 1);
    let shown = office.get(&list).await;
    assert!(!shown.body.contains("钱秋生") && shown.body.contains("王有财"));
    assert_eq!(
        qicun::governance::households::erase_expired_names(app.db(), app.state.clock.now()).await.expect("again"),
        0
    );
}
