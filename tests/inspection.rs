//! The annual 稽查 report of a county: funds by kind and by source add up to the verified
//! ledger, findings and objections are counted as recorded; printable and as XLSX.

mod common;

use axum::http::StatusCode;
use chrono::Datelike;
use common::{Client, TestApp};
use qicun::demo::DEMO_PASSWORD;
use sea_orm::{ConnectionTrait, Statement};

#[tokio::test]
async fn a_countys_inspection_report_adds_up_to_its_ledger() {
    use calamine::Reader;
    let app = TestApp::with_demo().await;
    let year = app.state.clock.today().year();
    let backend = app.db().get_database_backend();
    let sum = app
        .db()
        .query_one_raw(Statement::from_string(
            backend,
            format!(
                "SELECT CAST(COALESCE(SUM(c.amount_fen), 0) AS BIGINT), CAST(COUNT(*) AS BIGINT) FROM contribution c \
                 JOIN agreement a ON a.id = c.agreement_id JOIN pairing p ON p.id = a.pairing_id \
                 JOIN organisation v ON v.id = p.village_id \
                 WHERE c.status = 'verified' AND v.region_code LIKE '360902%' \
                 AND c.contributed_on BETWEEN '{year}-01-01' AND '{year}-12-31' \
                 AND c.id NOT IN (SELECT entity_id FROM notice WHERE entity = 'contribution' AND status = 'suspended')"
            ),
        ))
        .await
        .expect("q")
        .expect("row");
    let fen: i64 = sum.try_get_by_index(0).expect("fen");
    let n: i64 = sum.try_get_by_index(1).expect("n");
    assert!(n > 0, "袁州区 has verified records this year");

    let mut county = Client::new(&app);
    county.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    let page = county.get("/office/inspection").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&format!("袁州区 {year} 年度帮扶稽查报告")));
    let total = format!("<td>合计</td><td>{n}</td><td>{}</td>", qicun::money::Money(fen).display());
    assert_eq!(page.body.matches(&total).count(), 2, "both fund tables add up to the ledger: {total}");
    for shown in ["三、监管线索及处理", "四、公示和异议", "五、限期整改"] {
        assert!(page.body.contains(shown));
    }
    let xlsx = county.get(&format!("/office/inspection?county=360902&year={year}&format=xlsx")).await;
    assert_eq!(xlsx.status, StatusCode::OK);
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(xlsx.bytes.clone())).expect("xlsx");
    let sheet = book.worksheet_range("稽查报告").expect("sheet");
    // The same totals in the file, as numbers a reviewer can add up (元), not text.
    let totals: Vec<(Option<f64>, Option<f64>)> = sheet
        .rows()
        .filter(|r| r.first().is_some_and(|c| *c == "合计"))
        .map(|r| {
            use calamine::DataType;
            (r.get(1).and_then(|c| c.get_float()), r.get(2).and_then(|c| c.get_float()))
        })
        .collect();
    assert_eq!(totals, vec![(Some(n as f64), Some(fen as f64 / 100.0)); 2], "the same totals in the file");
    // Offices read their own counties; the auditor reads; villages do not.
    assert_eq!(county.get("/office/inspection?county=360981").await.status, StatusCode::OK);
    assert!(
        !county.get("/office/inspection?county=360981").await.body.contains("丰城市 "),
        "a county outside falls back to its own"
    );
    let mut village = Client::new(&app);
    village.login("cun01", DEMO_PASSWORD).await;
    assert_eq!(village.get("/office/inspection").await.status, StatusCode::FORBIDDEN);
}
