//! The ledger export: the XLSX read back gives the database's totals; an office gets only its
//! jurisdiction; the CSV opens in Excel (BOM) with the 台账 headings.

mod common;

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use chrono::Datelike;
use common::{Client, TestApp};
use qicun::demo::DEMO_PASSWORD;
use sea_orm::EntityTrait;

fn sheet(bytes: &[u8]) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).expect("xlsx");
    let range = book.worksheet_range("台账").expect("sheet 台账");
    range.rows().map(<[Data]>::to_vec).collect()
}

fn num(d: &Data) -> f64 {
    match d {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("not a number: {other:?}"),
    }
}

#[tokio::test]
async fn the_exported_ledger_reads_back_with_the_database_totals() {
    let app = TestApp::with_demo().await;
    let verified: Vec<_> = entity::contribution::Entity::find()
        .all(app.db())
        .await
        .expect("q")
        .into_iter()
        .filter(|c| c.status == "verified")
        .collect();
    let year = verified[0].contributed_on.year();
    let in_year: Vec<_> = verified.iter().filter(|c| c.contributed_on.year() == year).collect();
    let fen: i64 = in_year.iter().map(|c| c.amount_fen).sum();
    let persons: i64 = in_year.iter().map(|c| i64::from(c.persons)).sum();
    let jobs: i64 = in_year.iter().filter(|c| c.kind == "jobs").map(|c| i64::from(c.persons)).sum();

    let mut office = Client::new(&app);
    office.login("yichun-fpb", DEMO_PASSWORD).await;
    let res = office.get(&format!("/office/ledger?year={year}")).await;
    assert_eq!(res.status, 200);
    assert!(res.headers["content-type"].to_str().expect("ascii").contains("spreadsheetml"));
    let rows = sheet(&download(&app, &office, &format!("/office/ledger?year={year}")).await);
    assert_eq!(rows[1].iter().map(|c| c.to_string()).collect::<Vec<_>>(), qicun::export::HEADINGS);
    // Its title says it holds every programme's records: the 万企帮万村 ledger of the same
    // layout (项目台账) holds only that programme's, and says so (an outside walk found two files
    // of one title that disagreed).
    assert!(rows[0][0].to_string().contains("含各项目全部已核实的帮扶记录"), "{:?}", rows[0]);
    let programme =
        sheet(&download(&app, &office, &format!("/office/programmes/export?year={year}&ledger=taizhang")).await);
    assert!(programme[0][0].to_string().contains("只含计入该项目的已核实记录"), "{:?}", programme[0]);
    let total = rows.iter().find(|r| r[0] == "合计").expect("total row");
    assert!(
        ((num(&total[5]) + num(&total[6])) * 100.0 - fen as f64).abs() < 0.5,
        "money: {} + {} vs {fen} fen",
        num(&total[5]),
        num(&total[6])
    );
    assert_eq!(num(&total[7]) as i64, jobs);
    assert_eq!(num(&total[9]) as i64, persons);
    assert!(rows.iter().any(|r| r[0].to_string().ends_with("小计")), "county subtotals");

    // The 袁州 office gets 袁州 only.
    let mut county = Client::new(&app);
    county.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    let rows = sheet(&download(&app, &county, &format!("/office/ledger?year={year}")).await);
    let counties: std::collections::BTreeSet<String> =
        rows.iter().skip(2).map(|r| r[0].to_string()).filter(|c| !c.ends_with("小计") && c != "合计").collect();
    assert!(counties.iter().all(|c| c == "袁州区"), "{counties:?}");

    let csv = download(&app, &office, &format!("/office/ledger?year={year}&format=csv")).await;
    assert!(csv.starts_with("\u{feff}".as_bytes()), "BOM for Excel");
    assert!(String::from_utf8_lossy(&csv).contains("产业投入（元）,公益投入（元）,安置就业（人）"));
}

async fn download(app: &TestApp, c: &Client<'_>, path: &str) -> Vec<u8> {
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let cookie = c.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ");
    let req = axum::http::Request::get(path).header("cookie", cookie).body(axum::body::Body::empty()).expect("request");
    let res = qicun::router(app.state.clone()).oneshot(req).await.expect("response");
    assert_eq!(res.status(), 200);
    res.into_body().collect().await.expect("body").to_bytes().to_vec()
}

#[tokio::test]
async fn the_command_line_exports_the_ledger() {
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("qicun.db").display());
    let db = qicun::db::connect_and_migrate(&url).await.expect("db");
    qicun::demo::load(&db, qicun::clock::Clock::default().now()).await.expect("demo");
    let year = entity::contribution::Entity::find().all(&db).await.expect("q")[0].contributed_on.year();
    db.close().await.expect("close");
    let out_path = dir.path().join("ledger.xlsx");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_qicun"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(["export", "ledger", "--year", &year.to_string(), "--output"])
        .arg(&out_path)
        .env_remove("DATABASE_URL")
        .output()
        .expect("run qicun");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let rows = sheet(&std::fs::read(&out_path).expect("file"));
    assert!(rows.iter().any(|r| r[0] == "合计"));
}

#[tokio::test]
async fn names_that_look_like_formulas_are_inert_in_both_exports() {
    use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, Statement};
    let app = TestApp::with_demo().await;
    let year = chrono::Datelike::year(&qicun::clock::to_shanghai(app.state.clock.now()));
    let db = app.db();
    let names =
        ["=HYPERLINK(\"http://x.example\",\"点我\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\tTab公司"];
    // Rename the enterprises of the demo agreements (as registration or an import could name them).
    let ids: Vec<i32> = {
        let rows = db
            .query_all_raw(Statement::from_string(
                db.get_database_backend(),
                "SELECT DISTINCT enterprise_id AS id FROM pairing WHERE status = 'approved' ORDER BY enterprise_id",
            ))
            .await
            .expect("q");
        rows.iter().map(|r| r.try_get::<i32>("", "id").expect("id")).collect()
    };
    assert!(ids.len() >= names.len(), "enough enterprises with agreements: {ids:?}");
    for (id, name) in ids.iter().zip(names) {
        entity::organisation::Entity::update_many()
            .col_expr(entity::organisation::Column::Name, sea_orm::sea_query::Expr::value(name))
            .filter(entity::organisation::Column::Id.eq(*id))
            .exec(db)
            .await
            .expect("rename");
    }
    let mut office = Client::new(&app);
    office.login("yichun-fpb", DEMO_PASSWORD).await;
    let csv = download(&app, &office, &format!("/office/ledger?year={year}&format=csv")).await;
    let text = String::from_utf8_lossy(&csv[3..]).into_owned();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let enterprises: Vec<String> =
        reader.records().map(|r| r.expect("row")[1].to_owned()).filter(|e| !e.is_empty()).collect();
    let mut seen = 0;
    for name in names {
        if enterprises.iter().any(|e| e == &format!("'{name}")) {
            seen += 1;
        }
        assert!(!enterprises.iter().any(|e| e == name), "{name} left live in the CSV");
    }
    assert!(seen >= 1, "at least one renamed enterprise has contributions this year: {enterprises:?}");
    // XLSX keeps them as plain text cells, never formulas.
    let rows = sheet(&download(&app, &office, &format!("/office/ledger?year={year}")).await);
    for r in rows.iter().skip(2) {
        let cell = &r[1];
        assert!(!matches!(cell, calamine::Data::Error(_)), "{cell:?}");
    }
    let book = download(&app, &office, &format!("/office/ledger?year={year}")).await;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(book)).expect("xlsx is a zip");
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/worksheets/sheet1.xml").expect("sheet"), &mut xml)
        .expect("read");
    assert!(!xml.contains("<f>"), "no formula cells in the sheet");
}

#[tokio::test]
async fn a_malformed_query_answers_a_page_in_words() {
    let app = TestApp::with_demo().await;
    let mut office = Client::new(&app);
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    let res = office.get("/office/ledger?year=abc").await;
    assert!(res.status.is_client_error(), "{}", res.status);
    assert!(res.body.contains("<!doctype html>") && res.body.contains("地址中的年份格式不对"), "{}", res.body);
    assert!(res.body.contains("href=\"/office\""), "a way back to the office's home");
    assert!(!res.body.contains("Failed to deserialize"), "no framework English");
}
