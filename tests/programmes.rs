//! Today's programmes (issue 17): a deployment declares its programmes; agreements and
//! contributions are tagged; one verified record appears in each programme's ledger and once in
//! the total; a purchase counts only when delivered, paid and rated, and a dear or poor one is
//! flagged; jobs are followed up after six months; the cockpit shows outcomes beside the money.
//! Every export is read back and checked against the database.

mod common;

use std::collections::HashMap;

use axum::http::StatusCode;
use common::{Client, TestApp, count};
use entity::{agreement, contribution, monitoring_case, organisation, pairing};
use qicun::demo::DEMO_PASSWORD;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// The rows of a CSV download (the BOM dropped), header first.
fn csv_rows(res: &common::TestResponse) -> Vec<Vec<String>> {
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert!(res.headers["content-type"].to_str().expect("ascii").starts_with("text/csv"));
    let text = res.body.trim_start_matches('\u{feff}');
    let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
    r.records().map(|x| x.expect("csv row").iter().map(str::to_owned).collect()).collect()
}

/// The cells of an XLSX download's first sheet, as text.
fn xlsx_rows(res: &common::TestResponse) -> Vec<Vec<String>> {
    use calamine::Reader;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let mut book: calamine::Xlsx<_> = calamine::Xlsx::new(std::io::Cursor::new(res.bytes.clone())).expect("xlsx");
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).expect("sheet");
    range.rows().map(|r| r.iter().map(ToString::to_string).collect()).collect()
}

fn yuan(fen: i64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

/// What the test computes itself from the database: each verified record of `year` not taken
/// off by an objection, with the programmes it counts for (its own tags, else its agreement's,
/// else 万企兴万村, the default current programme).
async fn verified_with_tags(app: &TestApp, year: i32) -> Vec<(contribution::Model, Vec<String>)> {
    let suspended: Vec<i32> = entity::notice::Entity::find()
        .filter(entity::notice::Column::Entity.eq("contribution"))
        .filter(entity::notice::Column::Status.eq("suspended"))
        .all(app.db())
        .await
        .expect("q")
        .into_iter()
        .map(|n| n.entity_id)
        .collect();
    let agreements: HashMap<i32, agreement::Model> =
        agreement::Entity::find().all(app.db()).await.expect("q").into_iter().map(|a| (a.id, a)).collect();
    let tags = |s: &Option<String>| -> Vec<String> {
        s.as_deref().unwrap_or("").split(',').filter(|t| !t.is_empty()).map(str::to_owned).collect()
    };
    contribution::Entity::find()
        .filter(contribution::Column::Status.eq("verified"))
        .all(app.db())
        .await
        .expect("q")
        .into_iter()
        .filter(|c| c.contributed_on.format("%Y").to_string() == year.to_string() && !suspended.contains(&c.id))
        .map(|c| {
            let own = tags(&c.programmes);
            let t = if !own.is_empty() {
                own
            } else {
                let of_a = tags(&agreements[&c.agreement_id].programmes);
                if of_a.is_empty() { vec!["wqxwc".to_owned()] } else { of_a }
            };
            (c, t)
        })
        .collect()
}

#[tokio::test]
async fn one_verified_purchase_appears_in_each_programmes_ledger_and_once_in_the_total() {
    let app = TestApp::with_demo().await;
    let today = app.state.clock.today();
    let year: i32 = today.format("%Y").to_string().parse().expect("year");
    let mut firm = Client::new(&app);
    firm.login("qiye01", DEMO_PASSWORD).await;
    let mut village = Client::new(&app);
    village.login("cun01", DEMO_PASSWORD).await;
    let mut office = Client::new(&app);
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    let mut auditor = Client::new(&app);
    auditor.login("auditor", DEMO_PASSWORD).await;

    // The form offers the programmes, ticked as the agreement counts.
    let form = firm.get("/agreements/1/contributions/new").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("计入的帮扶项目") && form.body.contains("value=\"xfbf\""), "{}", form.body);
    // A purchase must name its product and quantity.
    let fields = |product: &str, quantity: &str| -> Vec<(String, String)> {
        [
            ("kind", "produce"),
            ("product", product),
            ("amount_yuan", "8000"),
            ("quantity", quantity),
            ("unit", "公斤"),
            ("market_price_yuan", "6"),
            ("households", "12"),
            ("persons", "40"),
            ("contributed_on", &today.to_string()),
            ("description", "采购石桥村富硒大米一千公斤"),
            ("programmes", "wqxwc"),
            ("programmes", "xfbf"),
            ("programmes", "dxxz"),
        ]
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
    };
    let before = count(app.db(), "contribution", "1 = 1").await;
    let refused = firm.post_multipart("/agreements/1/contributions", &fields("", ""), &["files"]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("请写明采购的产品") && refused.body.contains("采购农产品须填写数量"),
        "{}",
        refused.body
    );
    assert_eq!(count(app.db(), "contribution", "1 = 1").await, before, "nothing written");
    let res = firm.post_multipart("/agreements/1/contributions", &fields("富硒大米", "1000"), &["files"]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let c = contribution::Entity::find()
        .filter(contribution::Column::Description.eq("采购石桥村富硒大米一千公斤"))
        .one(app.db())
        .await
        .expect("q")
        .expect("reported");
    assert_eq!(c.programmes.as_deref(), Some(",wqxwc,dxxz,xfbf,"));
    assert_eq!((c.product.as_deref(), c.market_price_fen, c.quantity), (Some("富硒大米"), Some(600), Some(1000)));

    // Delivered (the village confirms) but not paid or rated: the office cannot verify it.
    assert_eq!(village.post(&format!("/contributions/{}/confirm", c.id), &[]).await.status, StatusCode::SEE_OTHER);
    let early = office.post(&format!("/contributions/{}/verify", c.id), &[("reason", "到村核对过秤单")]).await;
    assert_eq!(early.status, StatusCode::CONFLICT);
    assert!(early.body.contains("还缺买方记录付款、买方评价"), "{}", early.body);
    let page = firm.get("/agreements/1").await;
    assert!(page.body.contains("计入消费帮扶还缺：买方记录付款、买方评价"), "{}", page.body);
    assert!(page.body.contains(&format!("/contributions/{}/purchase", c.id)), "the buyer's way on");

    // The buyer's payment and rating: a poor rating needs its reason; one record only.
    let form = firm.get(&format!("/contributions/{}/purchase", c.id)).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("村委会已于") && form.body.contains("确认交货"), "{}", form.body);
    let pay = |rating: &'static str, comment: &'static str| {
        vec![
            ("paid_on", today.to_string()),
            ("paid_yuan", "8000".to_owned()),
            ("rating", rating.to_owned()),
            ("rating_comment", comment.to_owned()),
        ]
    };
    let p = pay("2", "");
    let p: Vec<(&str, &str)> = p.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let bad = firm.post(&format!("/contributions/{}/purchase", c.id), &p).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("评分较低时请写明质量问题") && bad.body.contains("<form"), "{}", bad.body);
    // An empty date asks for one; a figure too large says what the most is.
    let odd = [("paid_on", ""), ("paid_yuan", "99999999999999999999"), ("rating", "5"), ("rating_comment", "")];
    let bad = firm.post(&format!("/contributions/{}/purchase", c.id), &odd).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("请填写付款日期，例如 2026-12-31"), "{}", bad.body);
    assert!(bad.body.contains("付款金额不能超过 10 亿元"), "{}", bad.body);
    let odd = [("paid_on", "2026-02-30"), ("paid_yuan", "2000000000"), ("rating", "5"), ("rating_comment", "")];
    let bad = firm.post(&format!("/contributions/{}/purchase", c.id), &odd).await;
    assert!(bad.body.contains("付款日期格式应为 2026-12-31") && bad.body.contains("付款金额不能超过 10 亿元"));
    assert_eq!(count(app.db(), "contribution", &format!("id = {} AND rated_at IS NULL", c.id)).await, 1);
    let p = pay("2", "大米受潮，碎米多");
    let p: Vec<(&str, &str)> = p.iter().map(|(k, v)| (*k, v.as_str())).collect();
    // Two tabs send it at once: one record, the other told what is there.
    let mut twin = Client::new(&app);
    twin.login("qiye01", DEMO_PASSWORD).await;
    twin.get(&format!("/contributions/{}/purchase", c.id)).await;
    let path = format!("/contributions/{}/purchase", c.id);
    let (a, b) = tokio::join!(firm.post(&path, &p), twin.post(&path, &p));
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::SEE_OTHER, StatusCode::CONFLICT], "{} / {}", a.body, b.body);
    let firm_lost = a.status == StatusCode::CONFLICT;
    let loser = if firm_lost { &a } else { &b };
    // The winner is told what happened in the page's words (the demo speaks as 万企兴万村 does).
    let told = if firm_lost { twin.get(common::location(&b)).await } else { firm.get(common::location(&a)).await };
    assert!(
        told.body.contains("已记录付款和评价（2 分）。村委会已确认交货，等待乡村振兴局核实后计入消费帮扶。"),
        "{}",
        told.body
    );
    assert!(loser.body.contains("已于") && loser.body.contains("记录付款和评价（2 分）"), "{}", loser.body);
    // The refusal's way out is the record on its agreement's page.
    assert!(loser.body.contains(&format!("href=\"/contributions/{}\"", c.id)), "{}", loser.body);
    let back = firm.get(&format!("/contributions/{}", c.id)).await;
    assert_eq!(common::location(&back), format!("/agreements/1#c{}", c.id));
    let mut stranger = Client::new(&app);
    stranger.login("qiye05", DEMO_PASSWORD).await;
    assert_eq!(stranger.get(&format!("/contributions/{}", c.id)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        count(app.db(), "audit_event", &format!("action = 'contribution.purchase' AND entity_id = '{}'", c.id)).await,
        1
    );

    // Dear (8 元 a 公斤 against 6) and poor: flagged for the office, which must say what it checked.
    let overview = office.get("/office/programmes").await;
    assert_eq!(overview.status, StatusCode::OK);
    assert!(overview.body.contains("价高：每公斤 ¥8.00，高于所填市场价 ¥6.00 的 30% 以上"), "{}", overview.body);
    assert!(overview.body.contains("质次：买方评价 2 分（满分 5 分）：大米受潮，碎米多"), "{}", overview.body);
    assert!(office.get("/inbox").await.body.contains("需要核查"), "the office is told");
    let decide = office.get(&format!("/contributions/{}/confirm/verify", c.id)).await;
    assert!(decide.body.contains("富硒大米 1,000 公斤，市场价每公斤 ¥6.00"), "{}", decide.body);
    assert!(decide.body.contains("付款 ¥8,000.00；买方评价 2 分：大米受潮，碎米多"), "{}", decide.body);
    let unexplained = office.post(&format!("/contributions/{}/verify", c.id), &[("reason", "")]).await;
    assert_eq!(unexplained.status, StatusCode::UNPROCESSABLE_ENTITY);
    let ok = office
        .post(&format!("/contributions/{}/verify", c.id), &[("reason", "到村核对，价格含运费，质量问题已退换")])
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);

    // The administrator files 袁州区 as a 脱贫县 (for the test): purchases from it are told apart.
    let mut admin = Client::new(&app);
    admin.login("admin", DEMO_PASSWORD).await;
    admin.get("/admin/programmes").await;
    let filed = admin.post("/admin/programmes/counties", &[("counties", "360902 脱贫县")]).await;
    assert_eq!(filed.status, StatusCode::SEE_OTHER);

    // The ledgers, read back and checked against the database.
    let mine = verified_with_tags(&app, year).await;
    assert!(mine.iter().any(|(x, _)| x.id == c.id), "the purchase is verified");
    let in_scope: Vec<i32> = {
        let villages: Vec<organisation::Model> = organisation::Entity::find()
            .filter(organisation::Column::RegionCode.starts_with("360902"))
            .all(app.db())
            .await
            .expect("q");
        let pairings: Vec<i32> = pairing::Entity::find()
            .filter(pairing::Column::VillageId.is_in(villages.iter().map(|v| v.id)))
            .all(app.db())
            .await
            .expect("q")
            .into_iter()
            .map(|p| p.id)
            .collect();
        agreement::Entity::find()
            .filter(agreement::Column::PairingId.is_in(pairings))
            .all(app.db())
            .await
            .expect("q")
            .into_iter()
            .map(|a| a.id)
            .collect()
    };
    let office_records: Vec<&(contribution::Model, Vec<String>)> =
        mine.iter().filter(|(x, _)| in_scope.contains(&x.agreement_id)).collect();
    assert!(office_records.len() >= 3, "the office's year has several records: {}", office_records.len());
    let summary =
        csv_rows(&office.get(&format!("/office/programmes/export?year={year}&ledger=summary&format=csv")).await);
    assert_eq!(summary[0][0], "帮扶项目");
    let row =
        |label: &str| summary.iter().find(|r| r[0] == label).unwrap_or_else(|| panic!("{label}: {summary:?}")).clone();
    for (code, label) in [("wqxwc", "万企兴万村"), ("xfbf", "消费帮扶"), ("dxxz", "东西部协作")] {
        let records: Vec<&&(contribution::Model, Vec<String>)> =
            office_records.iter().filter(|(_, t)| t.iter().any(|x| x == code)).collect();
        let purchases: i64 = records.iter().filter(|(x, _)| x.kind == "produce").map(|(x, _)| x.amount_fen).sum();
        let r = row(label);
        assert_eq!(r[2], records.len().to_string(), "{label} counts its records");
        assert_eq!(r[4], yuan(purchases), "{label}'s purchases");
        assert!(records.iter().any(|(x, _)| x.id == c.id), "the purchase counts for {label}");
    }
    let total = row("合计（同一记录只计一次）");
    assert_eq!(total[2], office_records.len().to_string(), "each record once in the total");
    let all_purchases: i64 =
        office_records.iter().filter(|(x, _)| x.kind == "produce").map(|(x, _)| x.amount_fen).sum();
    assert_eq!(total[4], yuan(all_purchases));
    let per_programme: i64 = summary[1..summary.len() - 1].iter().map(|r| r[2].parse::<i64>().expect("n")).sum();
    assert!(
        per_programme > office_records.len() as i64,
        "the shared records count in several programmes, not in the total"
    );
    let page = office.get(&format!("/office/programmes?year={year}")).await;
    assert!(page.body.contains("条记录同时计入多个项目"), "{}", page.body);
    let from_lifted: i64 = office_records
        .iter()
        .filter(|(x, t)| x.kind == "produce" && t.iter().any(|p| p == "xfbf"))
        .map(|(x, _)| x.amount_fen)
        .sum();
    let words = format!("来自脱贫县 {}", qicun::money::Money(from_lifted).display());
    assert!(page.body.contains(&words), "{words}: {}", page.body);
    assert!(page.body.contains("来自国家乡村振兴重点帮扶县 ¥0.00"), "{}", page.body);
    // Every download link on the page works, in Excel and in CSV.
    let links: Vec<String> = page
        .body
        .split("href=\"")
        .skip(1)
        .filter_map(|x| x.split('"').next())
        .filter(|h| h.starts_with("/office/programmes/export"))
        .map(|h| h.replace("&amp;", "&").replace("&#x3D;", "="))
        .collect();
    assert_eq!(links.len(), 10, "five ledgers, each in Excel and CSV: {links:?}");
    for link in &links {
        let res = office.get(link).await;
        assert_eq!(res.status, StatusCode::OK, "{link}: {}", res.body);
        let csv = link.ends_with("format=csv");
        let kind = res.headers["content-type"].to_str().expect("ascii").to_owned();
        assert_eq!(kind.starts_with("text/csv"), csv, "{link}: {kind}");
    }

    // 消费帮扶台账 (XLSX): the purchase with its product, quantity, amount and county of origin.
    let xiaofei = xlsx_rows(&office.get(&format!("/office/programmes/export?year={year}&ledger=xiaofei")).await);
    assert_eq!(
        xiaofei[1],
        [
            "采购日期",
            "购买单位",
            "产品",
            "数量",
            "单位",
            "金额（元）",
            "产地（县）",
            "产地县类别",
            "村",
            "买方评价（分）"
        ]
    );
    let line =
        xiaofei.iter().find(|r| r.get(2).is_some_and(|p| p == "富硒大米") && r[5] == "8000").expect("the purchase");
    assert_eq!(
        (line[1].as_str(), line[3].as_str(), line[6].as_str(), line[7].as_str(), line[9].as_str()),
        ("宜春赣西富硒农业发展有限公司", "1000", "袁州区", "脱贫县", "2")
    );
    assert!(line[8].contains("石桥村"), "{line:?}");
    let sum: i64 = office_records
        .iter()
        .filter(|(x, t)| x.kind == "produce" && t.iter().any(|p| p == "xfbf"))
        .map(|(x, _)| x.amount_fen)
        .sum();
    let last = xiaofei.last().expect("total");
    assert_eq!(last[0], "合计");
    assert_eq!((last[5].parse::<f64>().expect("amount") * 100.0).round() as i64, sum);
    assert_eq!(
        xiaofei.len() - 3,
        office_records.iter().filter(|(x, t)| x.kind == "produce" && t.iter().any(|p| p == "xfbf")).count()
    );

    // 兴村项目台账 (CSV): per project, money invested (funds and goods) and jobs.
    let xingcun =
        csv_rows(&office.get(&format!("/office/programmes/export?year={year}&ledger=xingcun&format=csv")).await);
    assert_eq!(
        xingcun[0],
        ["县（市、区）", "企业", "兴村项目", "村", "投入资金（元）", "带动就业（人）", "村集体增收（元）"]
    );
    let revitalise: Vec<&&(contribution::Model, Vec<String>)> =
        office_records.iter().filter(|(_, t)| t.iter().any(|p| p == "wqxwc")).collect();
    let money: i64 =
        revitalise.iter().filter(|(x, _)| x.kind == "money" || x.kind == "goods").map(|(x, _)| x.amount_fen).sum();
    let jobs: i64 = revitalise.iter().filter(|(x, _)| x.kind == "jobs").map(|(x, _)| i64::from(x.persons)).sum();
    let projects: std::collections::BTreeSet<i32> = revitalise.iter().map(|(x, _)| x.agreement_id).collect();
    let last = xingcun.last().expect("total");
    assert_eq!((last[0].as_str(), last[4].clone(), last[5].clone()), ("合计", yuan(money), jobs.to_string()));
    assert_eq!(xingcun.len() - 2, projects.len(), "a row a project");
    assert!(jobs > 0, "the demo's 稳岗 project placed people this year");

    // 东西部协作汇总: the purchase tagged for it, by the helping city and the helped county.
    let dongxi =
        csv_rows(&office.get(&format!("/office/programmes/export?year={year}&ledger=dongxi&format=csv")).await);
    let yichun = dongxi.iter().find(|r| r[0] == "宜春市" && r[1] == "袁州区").expect("宜春市 → 袁州区");
    assert_eq!(yichun[4], "8000.00", "{dongxi:?}");

    // The auditor's summary covers every county: at least the office's records.
    let all = csv_rows(&auditor.get(&format!("/office/programmes/export?year={year}&ledger=summary&format=csv")).await);
    let all_total = all.last().expect("total");
    assert_eq!(all_total[2], mine.len().to_string());
    assert!(mine.len() >= office_records.len());

    // The 2015 campaign: its 万企帮万村 台账 (百企联百村) carries the first firm's money and jobs.
    let taizhang = csv_rows(&auditor.get("/office/programmes/export?year=2015&ledger=taizhang&format=csv").await);
    let shiqiao = taizhang.iter().find(|r| r.get(2).is_some_and(|v| v.contains("石桥村"))).expect("石桥村 in 2015");
    assert_eq!((shiqiao[6].as_str(), shiqiao[7].as_str()), ("200000.00", "12"), "{taizhang:?}");
    let now =
        csv_rows(&auditor.get(&format!("/office/programmes/export?year={year}&ledger=taizhang&format=csv")).await);
    assert_eq!(now.len(), 2, "no current record counts for the 2015 drive: {now:?}");
    // Wrong asks answer in words.
    let wrong = office.get("/office/programmes/export?ledger=nope").await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("请选择要下载的台账"));
    assert_eq!(office.get("/office/programmes?year=1999").await.status, StatusCode::UNPROCESSABLE_ENTITY);
    let pdf = office.get("/office/programmes/export?ledger=xiaofei&format=pdf").await;
    assert_eq!(pdf.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(pdf.body.contains("下载格式应为 Excel（xlsx）或 CSV"));
    // A village does not read the office's ledgers.
    assert_eq!(village.get("/office/programmes").await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_deployment_declares_its_programmes_and_tags_are_checked_against_them() {
    let app = TestApp::with_demo().await;
    let mut admin = Client::new(&app);
    admin.login("admin", DEMO_PASSWORD).await;
    let page = admin.get("/admin/programmes").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("百企联百村（万企帮万村）") && page.body.contains("2015—2020 年，精准扶贫"),
        "{}",
        page.body
    );
    let none = admin.post("/admin/programmes", &[("current", "wqxwc")]).await;
    assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(none.body.contains("至少开展一个帮扶项目") && none.body.contains("<form"));
    let outside = admin.post("/admin/programmes", &[("enabled", "wqxwc"), ("current", "xfbf")]).await;
    assert_eq!(outside.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(outside.body.contains("当前项目「消费帮扶」须在开展的项目之中"), "{}", outside.body);
    assert_eq!(count(app.db(), "setting", "key = 'programmes.enabled'").await, 0, "nothing saved");
    let saved =
        admin.post("/admin/programmes", &[("enabled", "wqxwc"), ("enabled", "xfbf"), ("current", "wqxwc")]).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    assert!(admin.get("/admin/programmes").await.body.contains("已保存：开展 万企兴万村、消费帮扶"));
    assert_eq!(count(app.db(), "audit_event", "action = 'programmes.declare'").await, 1);

    // County categories: every wrong line named, nothing saved; an unknown county refused.
    let demo_rows = count(app.db(), "county_category", "1 = 1").await;
    assert!(demo_rows >= 1, "the demo files some counties");
    let wrong = admin.post("/admin/programmes/counties", &[("counties", "3609 脱贫县\n360926 贫困县\n")]).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        wrong.body.contains("第 1 行")
            && wrong.body.contains("「贫困县」不是县类别")
            && wrong.body.contains("<textarea"),
        "{}",
        wrong.body
    );
    let unknown = admin.post("/admin/programmes/counties", &[("counties", "990101 脱贫县")]).await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unknown.body.contains("990101 不是已导入的县级区划"), "{}", unknown.body);
    assert_eq!(count(app.db(), "county_category", "1 = 1").await, demo_rows, "nothing changed");
    let ok = admin
        .post(
            "/admin/programmes/counties",
            &[("counties", "360926 国家乡村振兴重点帮扶县、脱贫县 # 示例\n360921 脱贫县")],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let page = admin.get("/admin/programmes").await;
    assert!(page.body.contains("已保存县类别：共 2 个县") && page.body.contains("铜鼓县"), "{}", page.body);
    assert!(page.body.contains("360926 国家乡村振兴重点帮扶县、脱贫县 # 示例"), "the list as written, notes kept");
    assert!(unknown.body.contains("第 1 行：990101") && unknown.body.contains("县类别没有保存"), "{}", unknown.body);
    let stored = "region_code = '360926000000' AND categories = ',key_county,lifted,'";
    assert_eq!(count(app.db(), "county_category", stored).await, 1);
    assert_eq!(count(app.db(), "audit_event", "action = 'counties.categories'").await, 1);

    // The office reads the declaration; it cannot change it.
    let mut office = Client::new(&app);
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    let read = office.get("/admin/programmes").await;
    assert!(read.body.contains("当前项目") && !read.body.contains("action=\"/admin/programmes\""), "{}", read.body);
    assert_eq!(
        office.post("/admin/programmes", &[("enabled", "dxxz"), ("current", "dxxz")]).await.status,
        StatusCode::FORBIDDEN
    );

    // A programme the deployment no longer runs is refused on a report, by field.
    let mut firm = Client::new(&app);
    firm.login("qiye01", DEMO_PASSWORD).await;
    firm.get("/agreements/1/contributions/new").await;
    let before = count(app.db(), "contribution", "1 = 1").await;
    let fields: Vec<(String, String)> = [
        ("kind", "money"),
        ("amount_yuan", "5000"),
        ("contributed_on", &app.state.clock.today().to_string()),
        ("description", "资助村小学购置课桌椅"),
        ("programmes", "dxxz"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect();
    let refused = firm.post_multipart("/agreements/1/contributions", &fields, &["files"]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("请从列出的帮扶项目中选择"), "{}", refused.body);
    assert!(!refused.body.contains("value=\"dxxz\""), "only what the deployment runs is offered");
    assert_eq!(count(app.db(), "contribution", "1 = 1").await, before);

    // The covering office retags an agreement; the page and the trail say so.
    let res = office.post("/agreements/1/programmes", &[("programmes", "xfbf")]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let page = office.get("/agreements/1").await;
    assert!(
        page.body.contains("已保存：这份协议计入 消费帮扶") && page.body.contains("计入的帮扶项目：消费帮扶"),
        "{}",
        page.body
    );
    assert_eq!(count(app.db(), "agreement", "id = 1 AND programmes = ',xfbf,'").await, 1);
    assert_eq!(count(app.db(), "audit_event", "action = 'agreement.programmes' AND entity_id = '1'").await, 1);
    // Not the firm, not another city's office.
    assert_eq!(firm.post("/agreements/1/programmes", &[("programmes", "wqxwc")]).await.status, StatusCode::FORBIDDEN);
    let mut other = Client::new(&app);
    other.login("nanchang-fpb", DEMO_PASSWORD).await;
    assert_eq!(other.post("/agreements/1/programmes", &[("programmes", "wqxwc")]).await.status, StatusCode::NOT_FOUND);
    assert_eq!(count(app.db(), "agreement", "id = 1 AND programmes = ',xfbf,'").await, 1);
    // None ticked is refused: an agreement counts for something.
    let blank = office.post("/agreements/1/programmes", &[]).await;
    assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(blank.body.contains("请至少选择一个帮扶项目"));
    // A programme not run is refused there too.
    let bad = office.post("/agreements/1/programmes", &[("programmes", "shzz")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("请从列出的帮扶项目中选择"));
}

#[tokio::test]
async fn jobs_are_followed_up_after_six_months_and_outcomes_show_beside_the_money() {
    let app = TestApp::with_demo().await;
    let mut village = Client::new(&app);
    village.login("cun01", DEMO_PASSWORD).await;
    let mut office = Client::new(&app);
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    // The demo's 稳岗 agreement placed 8 people more than six months ago.
    let a = agreement::Entity::find()
        .filter(agreement::Column::Title.eq("稳岗就业帮扶协议（万企兴万村）"))
        .one(app.db())
        .await
        .expect("q")
        .expect("the demo's jobs agreement");
    let placed = contribution::Entity::find()
        .filter(contribution::Column::AgreementId.eq(a.id))
        .filter(contribution::Column::Kind.eq("jobs"))
        .one(app.db())
        .await
        .expect("q")
        .expect("placement");
    assert_eq!((placed.persons, placed.retained_persons), (8, None));
    let page = village.get(&format!("/agreements/{}", a.id)).await;
    assert!(page.body.contains("满 6 个月回访：待村委会填报仍在岗人数"), "{}", page.body);
    let path = format!("/contributions/{}/retention", placed.id);
    assert_eq!(village.get(&path).await.status, StatusCode::OK);
    let wrong = village.post(&path, &[("retained", "9")]).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("请填写 0 到 8 之间的人数") && wrong.body.contains("<form"), "{}", wrong.body);
    // The firm and the office cannot report it; an office verifies only what was reported.
    let mut firm = Client::new(&app);
    firm.login("qiye04", DEMO_PASSWORD).await;
    assert_eq!(firm.post(&path, &[("retained", "8")]).await.status, StatusCode::FORBIDDEN);
    let early = office.post(&format!("{path}/verify"), &[]).await;
    assert_eq!(early.status, StatusCode::CONFLICT);
    assert!(early.body.contains("村委会还没有报告满 6 个月回访"));
    let res = village.post(&path, &[("retained", "6")]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(village.get(&format!("/agreements/{}", a.id)).await.body.contains("仍在岗 6 人，待乡村振兴局核实"));
    let for_office = office.get(&format!("/agreements/{}", a.id)).await;
    assert_eq!(for_office.status, StatusCode::OK, "{}", for_office.body);
    assert!(for_office.body.contains(&format!("action=\"{path}/verify\"")), "{}", for_office.body);
    assert!(office.get("/office/dashboard").await.body.contains("另有 8 人的回访待核实"));
    let again = village.post(&path, &[("retained", "7")]).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(again.body.contains("已回访：仍在岗 6 人"));
    assert!(office.get("/inbox").await.body.contains("仍在岗 6 人，待核实"));
    assert_eq!(office.post(&format!("{path}/verify"), &[]).await.status, StatusCode::SEE_OTHER);
    assert_eq!(office.post(&format!("{path}/verify"), &[]).await.status, StatusCode::CONFLICT);
    assert_eq!(
        count(app.db(), "contribution", &format!("id = {} AND retained_verified_at IS NOT NULL", placed.id)).await,
        1
    );

    // The 2015 campaign's agreement: followed up then, not rated in this year's 满意度.
    let old = agreement::Entity::find()
        .filter(agreement::Column::Title.eq("百企联百村结对帮扶协议（2015—2016 年）"))
        .one(app.db())
        .await
        .expect("q")
        .expect("the 2015 agreement");
    let page = village.get(&format!("/agreements/{}", old.id)).await;
    assert!(page.body.contains("计入的帮扶项目：百企联百村（万企帮万村）"), "{}", page.body);
    assert!(
        page.body.contains("仍在岗 10 人（乡村振兴局已核实）") && !page.body.contains("群众满意度"),
        "{}",
        page.body
    );
    let rate = village.post(&format!("/agreements/{}/rating", old.id), &[("rating", "5")]).await;
    assert_eq!(rate.status, StatusCode::CONFLICT);
    assert!(rate.body.contains("只评价当年仍在执行的协议"), "{}", rate.body);

    // A placement not six months old yet is not followed up.
    let fresh = contribution::Entity::insert(contribution::ActiveModel {
        agreement_id: sea_orm::Set(a.id),
        kind: sea_orm::Set("jobs".into()),
        amount_fen: sea_orm::Set(0),
        households: sea_orm::Set(2),
        persons: sea_orm::Set(2),
        contributed_on: sea_orm::Set(app.state.clock.today()),
        description: sea_orm::Set("再吸纳 2 人".into()),
        status: sea_orm::Set("verified".into()),
        reported_at: sea_orm::Set(app.state.clock.now()),
        ..Default::default()
    })
    .exec(app.db())
    .await
    .expect("insert")
    .last_insert_id;
    let not_yet = village.post(&format!("/contributions/{fresh}/retention"), &[("retained", "2")]).await;
    assert_eq!(not_yet.status, StatusCode::CONFLICT);
    assert!(not_yet.body.contains("满 6 个月（"), "{}", not_yet.body);

    // The cockpit shows the outcomes beside the money, as the database has them.
    let year = app.state.clock.today().format("%Y").to_string();
    let cockpit = office.get("/office/dashboard").await;
    assert_eq!(cockpit.status, StatusCode::OK);
    let cleared: Vec<monitoring_case::Model> = monitoring_case::Entity::find()
        .filter(monitoring_case::Column::Stage.eq("cleared"))
        .all(app.db())
        .await
        .expect("q")
        .into_iter()
        .filter(|m| m.closed_on.is_some_and(|d| d.format("%Y").to_string() == year))
        .collect();
    assert!(!cleared.is_empty(), "the demo cleared a household's risk this year");
    let people: i32 = cleared.iter().map(|m| m.members).sum();
    assert!(
        cockpit.body.contains(&format!("{} 户 {people} 人（村入户核实、乡村振兴局认定风险消除）", cleared.len())),
        "{}",
        cockpit.body
    );
    assert!(cockpit.body.contains("回访经核实的 8 人中仍在岗 6 人"), "{}", cockpit.body);
    assert!(!cockpit.body.contains("的回访待核实"), "none waits any more");
}
