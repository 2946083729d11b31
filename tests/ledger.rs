//! `qicun import ledger` and the office upload: JSON, CSV and XLSX, upsert by ref (a second
//! import changes nothing), all-or-nothing with the sheet/line and field named.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{Client, TestApp, count};
use indicatif::ProgressBar;
use qicun::audit::Actor;
use qicun::ledger::{self, Format, LedgerSummary};
use serde_json::Value;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).expect("fixture")
}

async fn import(app: &TestApp, bytes: &[u8], format: Format) -> Result<LedgerSummary, ledger::LedgerError> {
    ledger::import(
        app.db(),
        &app.state.sealer,
        bytes,
        format,
        None,
        &Actor::system("test"),
        app.state.clock.now(),
        &ProgressBar::hidden(),
    )
    .await
}

/// The JSON fixture written as an XLSX workbook with one sheet per record type.
fn xlsx_from_json(json: &[u8], tamper: Option<(&str, usize, &str, &str)>) -> Vec<u8> {
    let doc: Value = serde_json::from_slice(json).expect("json");
    let mut book = rust_xlsxwriter::Workbook::new();
    for sheet_name in ["organisations", "offers", "needs"] {
        let rows = doc[sheet_name].as_array().expect("array");
        let mut columns: Vec<String> = Vec::new();
        for r in rows {
            for k in r.as_object().expect("object").keys() {
                if !columns.contains(k) {
                    columns.push(k.clone());
                }
            }
        }
        let sheet = book.add_worksheet().set_name(sheet_name).expect("name");
        for (c, name) in columns.iter().enumerate() {
            sheet.write_string(0, c as u16, name).expect("header");
        }
        for (i, r) in rows.iter().enumerate() {
            for (c, name) in columns.iter().enumerate() {
                let mut v = r.get(name).cloned().unwrap_or(Value::Null);
                if let Some((s, row, field, value)) = tamper
                    && s == sheet_name
                    && row == i
                    && field == name
                {
                    v = Value::String(value.to_owned());
                }
                let (row, col) = (i as u32 + 1, c as u16);
                match v {
                    // Numbers go in as Excel numbers, as a person typing them would.
                    Value::Number(n) => {
                        sheet.write_number(row, col, n.as_f64().expect("number")).expect("cell");
                    }
                    Value::String(s) => {
                        sheet.write_string(row, col, &s).expect("cell");
                    }
                    Value::Array(items) => {
                        let joined: Vec<String> =
                            items.iter().map(|x| x.as_str().unwrap_or_default().to_owned()).collect();
                        sheet.write_string(row, col, joined.join("、")).expect("cell");
                    }
                    _ => {}
                }
            }
        }
    }
    book.save_to_buffer().expect("xlsx")
}

#[tokio::test]
async fn importing_a_json_ledger_twice_changes_nothing_the_second_time() {
    let app = TestApp::with_demo().await;
    let orgs = count(app.db(), "organisation", "1 = 1").await;
    let first = import(&app, &fixture("ledger.json"), Format::Json).await.expect("import");
    assert_eq!((first.records, first.inserted, first.updated, first.unchanged), (8, 8, 0, 0));
    assert_eq!(count(app.db(), "organisation", "1 = 1").await, orgs + 4);
    assert_eq!(
        count(app.db(), "organisation", "ref = 'yc-ent-002' AND region_code = '360921000000' AND status = 'verified'")
            .await,
        1
    );
    assert_eq!(
        count(app.db(), "offer", "ref = 'yc-offer-001' AND amount_fen = 60000000 AND status = 'published'").await,
        1
    );
    assert_eq!(
        count(app.db(), "offer_region", "offer_id = (SELECT id FROM offer WHERE ref = 'yc-offer-002')").await,
        2
    );
    assert_eq!(count(app.db(), "need", "ref = 'yc-need-002' AND status = 'draft' AND amount_fen = 40000000").await, 1);
    let events = count(app.db(), "audit_event", "1 = 1").await;
    let changes = count(app.db(), "change", "1 = 1").await;
    // New listings are written a few hundred per statement: each still has its audit event
    // and outbox row, and the chain holds.
    assert_eq!(count(app.db(), "audit_event", "action = 'listing.import'").await, 4);
    let outbox = "(entity = 'offer' AND entity_id IN (SELECT id FROM offer WHERE ref LIKE 'yc-%')) \
                  OR (entity = 'need' AND entity_id IN (SELECT id FROM need WHERE ref LIKE 'yc-%'))";
    assert_eq!(count(app.db(), "change", outbox).await, 4);
    assert!(
        matches!(qicun::audit::verify(app.db()).await.expect("verify"), qicun::audit::Verification::Intact { .. }),
        "the audit chain holds after a bulk import"
    );

    let second = import(&app, &fixture("ledger.json"), Format::Json).await.expect("again");
    assert_eq!((second.inserted, second.updated, second.unchanged), (0, 0, 8));
    assert_eq!(count(app.db(), "audit_event", "1 = 1").await, events, "no audit event for no change");
    assert_eq!(count(app.db(), "change", "1 = 1").await, changes);
    // The same ledger as CSV is the same data: nothing changes either.
    let csv = import(&app, &fixture("ledger.csv"), Format::Csv).await.expect("csv");
    assert_eq!((csv.inserted, csv.updated, csv.unchanged), (0, 0, 8));
    // A changed record is updated in place.
    let json = String::from_utf8(fixture("ledger.json"))
        .expect("utf8")
        .replace("订单收购优质稻谷", "订单收购优质稻谷和油菜籽");
    let third = import(&app, json.as_bytes(), Format::Json).await.expect("update");
    assert_eq!((third.inserted, third.updated), (0, 1));
    assert_eq!(count(app.db(), "offer", "ref = 'yc-offer-001' AND title = '订单收购优质稻谷和油菜籽'").await, 1);
}

#[tokio::test]
async fn an_xlsx_ledger_imports_like_the_json_one() {
    let app = TestApp::with_demo().await;
    let bytes = xlsx_from_json(&fixture("ledger.json"), None);
    let first = import(&app, &bytes, Format::Xlsx).await.expect("xlsx");
    assert_eq!((first.inserted, first.updated), (8, 0));
    assert_eq!(
        count(app.db(), "need", "ref = 'yc-need-001' AND quantity = 100000 AND urgency = 3").await,
        1,
        "numbers from Excel cells"
    );
    let again = import(&app, &fixture("ledger.json"), Format::Json).await.expect("json");
    assert_eq!(again.unchanged, 8, "the XLSX and JSON ledgers hold the same data");
}

#[tokio::test]
async fn a_bad_record_imports_nothing_and_is_named_by_sheet_or_line_and_field() {
    let app = TestApp::with_demo().await;
    let orgs = count(app.db(), "organisation", "1 = 1").await;
    let json = String::from_utf8(fixture("ledger.json"))
        .expect("utf8")
        .replace("\"amount_yuan\": \"600000\"", "\"amount_yuan\": \"12.345\"");
    let err = import(&app, json.as_bytes(), Format::Json).await.expect_err("refused").to_string();
    assert!(err.contains("offers 第 1 条 金额（元）") && err.contains("两位小数"), "{err}");

    let csv =
        String::from_utf8(fixture("ledger.csv")).expect("utf8").replace(",yc-cun-002,黄精基地", ",yc-cun-404,黄精基地");
    let err = import(&app, csv.as_bytes(), Format::Csv).await.expect_err("refused").to_string();
    assert!(err.contains("第 9 行 村参考编号") && err.contains("yc-cun-404"), "{err}");

    let bytes = xlsx_from_json(&fixture("ledger.json"), Some(("organisations", 0, "uscc", "91360902MA3AB7C15Q")));
    let err = import(&app, &bytes, Format::Xlsx).await.expect_err("refused").to_string();
    assert!(err.contains("工作表 organisations 第 2 行 统一社会信用代码") && err.contains("校验位"), "{err}");

    let bytes = xlsx_from_json(&fixture("ledger.json"), Some(("needs", 1, "kind", "修路")));
    let err = import(&app, &bytes, Format::Xlsx).await.expect_err("refused").to_string();
    assert!(err.contains("工作表 needs 第 3 行 类型"), "{err}");

    assert_eq!(count(app.db(), "organisation", "1 = 1").await, orgs, "nothing imported");
    assert_eq!(count(app.db(), "offer", "ref LIKE 'yc-%'").await, 0);
    let err = import(&app, b"{\"offers\": 5}", Format::Json).await.expect_err("refused").to_string();
    assert!(err.contains("应为数组"));
    // The JSON ledger is read one record at a time; a broken file or record is still refused
    // whole, before anything is written.
    for (bytes, says) in [
        (&b"{\"offers\": [{\"ref\": 1}"[..], "JSON 格式错误"),
        (&b"[1, 2]"[..], "JSON 顶层应为对象"),
        (&b"{\"villages\": []}"[..], "不认识的键「villages」"),
    ] {
        let err = import(&app, bytes, Format::Json).await.expect_err("refused").to_string();
        assert!(err.contains(says), "{says}: {err}");
    }
    let mut doc: Value = serde_json::from_slice(&fixture("ledger.json")).expect("json");
    doc["needs"].as_array_mut().expect("needs").push(Value::String("不是对象".into()));
    let err =
        import(&app, &serde_json::to_vec(&doc).expect("json"), Format::Json).await.expect_err("refused").to_string();
    let last = doc["needs"].as_array().map_or(0, Vec::len);
    assert!(err.contains(&format!("needs 第 {last} 条应为对象")), "{err}");
    assert_eq!(count(app.db(), "organisation", "1 = 1").await, orgs, "still nothing imported");

    // Offices' Excel files head their columns in Chinese; a heading nobody knows is named.
    let csv = String::from_utf8(fixture("ledger.csv")).expect("utf8");
    let (head, rest) = csv.split_once('\n').expect("a header line");
    let chinese: Vec<String> = head
        .split(',')
        .map(|h| {
            let h = h.trim().trim_start_matches('\u{feff}');
            qicun::ledger::HEADINGS
                .iter()
                .find(|(k, _)| *k == h)
                .map_or_else(|| h.to_owned(), |(_, cn)| (*cn).to_owned())
        })
        .collect();
    assert!(chinese.iter().any(|h| h == "参考编号") && !chinese.iter().any(|h| h == "ref"), "{chinese:?}");
    let odd = format!("{},备注\n{}", chinese.join(","), rest.replace('\n', ",\n"));
    let err = import(&app, odd.as_bytes(), Format::Csv).await.expect_err("refused").to_string();
    assert!(err.contains("不认识的表头：「备注」") && err.contains("下载模板"), "{err}");
    assert_eq!(count(app.db(), "organisation", "1 = 1").await, orgs, "nothing imported");
    let summary =
        import(&app, format!("{}\n{rest}", chinese.join(",")).as_bytes(), Format::Csv).await.expect("imported");
    assert!(summary.inserted > 0, "the same ledger under Chinese headings imports");
}

#[tokio::test]
async fn the_command_line_imports_a_ledger_file() {
    let dir = tempfile::tempdir().expect("dir");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_qicun"))
            .arg("--data-dir")
            .arg(dir.path())
            .args(args)
            .env_remove("DATABASE_URL")
            .output()
            .expect("run qicun")
    };
    // Without its regions the ledger is refused, naming the field.
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ledger.csv");
    let out = run(&["import", "ledger", path.to_str().expect("utf8")]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("第 2 行 区划代码") && stderr.contains("未导入任何数据"), "{stderr}");
}

fn multipart(csrf: &str, file_name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "qicunTestBoundary7MA4YWxk";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n{csrf}\r\n").as_bytes(),
    );
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn upload(c: &mut Client<'_>, csrf: &str, name: &str, bytes: &[u8]) -> common::TestResponse {
    let (content_type, body) = multipart(csrf, name, bytes);
    c.send(
        Request::post("/office/import").header("content-type", content_type).body(Body::from(body)).expect("request"),
    )
    .await
}

#[tokio::test]
async fn an_office_uploads_a_ledger_only_for_its_jurisdiction() {
    let app = TestApp::with_demo().await;
    let bytes = xlsx_from_json(&fixture("ledger.json"), None);
    let mut county = Client::new(&app);
    county.login("yuanzhou-fpb", qicun::demo::DEMO_PASSWORD).await;
    county.get("/office/import").await;
    let csrf = county.csrf.clone();
    let res = upload(&mut county, &csrf, "台账.xlsx", &bytes).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("不在本乡村振兴局管辖范围内") && res.body.contains("未导入任何数据"));
    assert_eq!(count(app.db(), "organisation", "ref LIKE 'yc-%'").await, 0);
    let res = upload(&mut county, "wrong-token", "台账.xlsx", &bytes).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "CSRF applies to uploads too");

    let mut city = Client::new(&app);
    city.login("yichun-fpb", qicun::demo::DEMO_PASSWORD).await;
    city.get("/office/import").await;
    let csrf = city.csrf.clone();
    let res = upload(&mut city, &csrf, "台账.xlsx", &bytes).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert!(res.body.contains("新增 8"));
    assert_eq!(count(app.db(), "audit_event", "action = 'organisation.import' AND actor = 'yichun-fpb'").await, 4);
    let res = upload(&mut city, &csrf, "台账.txt", b"x").await;
    assert!(res.body.contains(".xlsx、.csv 或 .json"));
    let res = upload(&mut city, &csrf, "空台账.xlsx", b"").await;
    assert!(
        res.body.contains("文件「空台账.xlsx」是空的") && res.body.contains("action=\"/office/import\""),
        "{}",
        res.body
    );
}

/// A village region of 袁州区.
async fn free_yuanzhou_village(app: &TestApp) -> String {
    use sea_orm::{ConnectionTrait, Statement};
    let db = app.db();
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT code FROM region WHERE level = 5 AND code LIKE '360902%' ORDER BY code LIMIT 1",
        ))
        .await
        .expect("q")
        .expect("a 袁州区 village in the demo regions");
    row.try_get::<String>("", "code").expect("code")
}

#[tokio::test]
async fn a_ledger_cannot_take_over_rows_of_another_jurisdiction_by_their_refs() {
    let app = TestApp::with_demo().await;
    // The city imports its ledger: refs for 奉新 and 宜丰 rows now exist (and are public).
    let mut city = Client::new(&app);
    city.login("yichun-fpb", qicun::demo::DEMO_PASSWORD).await;
    city.get("/office/import").await;
    let csrf = city.csrf.clone();
    let res = upload(&mut city, &csrf, "台账.json", &fixture("ledger.json")).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let fengxin_village = count(app.db(), "organisation", "ref = 'yc-cun-001' AND region_code LIKE '360921%'").await;
    assert_eq!(fengxin_village, 1, "precondition: yc-cun-001 is a 奉新 village");
    let snapshot = |app: &TestApp| {
        let db = app.db().clone();
        async move {
            (
                count(
                    &db,
                    "organisation",
                    "ref = 'yc-cun-001' AND name = '甘坊镇上坊村民委员会' AND region_code = '360921104202'",
                )
                .await,
                count(&db, "offer", "ref = 'yc-offer-002' AND status = 'published'").await,
                count(&db, "need", "ref = 'yc-need-001'").await,
                count(&db, "audit_event", "action LIKE '%import%'").await,
            )
        }
    };
    let before = snapshot(&app).await;
    assert_eq!((before.0, before.1, before.2), (1, 1, 1), "preconditions");
    let yz_village = free_yuanzhou_village(&app).await;
    // 袁州区 reuses the refs: renames and moves the 奉新 village, moves the 奉新 firm's offer to
    // its own firm and withdraws it, and hangs the 奉新 need on a 袁州 village.
    let takeover = serde_json::json!({
        "organisations": [
            {"ref": "yc-cun-001", "kind": "village", "name": "被改名的村", "region_code": yz_village,
             "population": 100, "poor_households": 1, "poor_population": 2, "contact_name": "某", "contact_phone": "13907950199"},
            {"ref": "yz-ent-1", "kind": "enterprise", "name": "袁州某公司", "region_code": "360902000000",
             "uscc": "91360902MA3AB7C15P", "address": "袁州", "contact_name": "某", "contact_phone": "13907950198"}
        ],
        "offers": [
            {"ref": "yc-offer-002", "enterprise_ref": "yz-ent-1", "kind": "training", "title": "改走的培训",
             "body": "改走的培训班内容说明文字。", "quantity": 1, "unit": "人", "regions": ["360902000000"], "status": "withdrawn"}
        ],
        "needs": [
            {"ref": "yc-need-001", "village_ref": "yc-cun-001", "kind": "procurement", "title": "改走的需求",
             "body": "改走的需求内容说明文字。", "quantity": 1, "unit": "公斤", "urgency": 1}
        ]
    });
    let mut county = Client::new(&app);
    county.login("yuanzhou-fpb", qicun::demo::DEMO_PASSWORD).await;
    county.get("/office/import").await;
    let csrf = county.csrf.clone();
    let res = upload(&mut county, &csrf, "台账.json", takeover.to_string().as_bytes()).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    assert!(res.body.contains("未导入任何数据"), "{}", res.body);
    assert!(res.body.contains("「yc-cun-001」已被本乡村振兴局管辖范围以外的机构使用"), "{}", res.body);
    assert!(res.body.contains("「yc-offer-002」已是另一机构的帮扶资源"), "{}", res.body);
    assert_eq!(snapshot(&app).await, before, "nothing written, not even the new firm");
    assert_eq!(count(app.db(), "organisation", "ref = 'yz-ent-1'").await, 0);
    // A village ref may not become an enterprise either, even inside the jurisdiction.
    let retype = serde_json::json!({"organisations": [
        {"ref": "yc-cun-001", "kind": "enterprise", "name": "改类", "region_code": "360921000000",
         "uscc": "91360921MA3CD2E848", "address": "x", "contact_name": "某", "contact_phone": "13907950197"}
    ]});
    let csrf = csrf_of(&mut city).await;
    let res = upload(&mut city, &csrf, "台账.json", retype.to_string().as_bytes()).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    assert!(res.body.contains("不能改为企业"), "{}", res.body);
    // The same refs re-imported by the office they belong to still update.
    let csrf = csrf_of(&mut city).await;
    let res = upload(&mut city, &csrf, "台账.json", &fixture("ledger.json")).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
}

async fn csrf_of(c: &mut Client<'_>) -> String {
    c.get("/office/import").await;
    c.csrf.clone()
}

/// A ledger longer than one write batch (500): every record is written once, in its own row
/// with its own text, with one outbox row and one audit event each; a second import changes
/// nothing, and a record changed in the middle of a later batch is updated alone.
#[tokio::test]
async fn a_ledger_of_many_batches_writes_every_record_once() {
    let app = TestApp::with_demo().await;
    let mut doc: Value = serde_json::from_slice(&fixture("ledger.json")).expect("json");
    let offer = doc["offers"][0].clone();
    let need = doc["needs"][0].clone();
    let (n_offers, n_needs) = (1_203, 617);
    let mut offers = Vec::new();
    for i in 0..n_offers {
        let mut o = offer.clone();
        o["ref"] = Value::from(format!("bulk-o-{i}"));
        o["title"] = Value::from(format!("批量收购稻谷第{i}号"));
        offers.push(o);
    }
    let mut needs = Vec::new();
    for i in 0..n_needs {
        let mut n = need.clone();
        n["ref"] = Value::from(format!("bulk-n-{i}"));
        n["title"] = Value::from(format!("猕猴桃找买家第{i}号"));
        needs.push(n);
    }
    doc["offers"] = Value::from(offers);
    doc["needs"] = Value::from(needs);
    let bytes = serde_json::to_vec(&doc).expect("json");
    let orgs = doc["organisations"].as_array().expect("organisations").len() as u64;

    let first = import(&app, &bytes, Format::Json).await.expect("imports");
    assert_eq!(first.inserted, orgs + n_offers + n_needs, "every record inserted once");
    assert_eq!(count(app.db(), "offer", "ref LIKE 'bulk-o-%'").await, n_offers as i64);
    assert_eq!(count(app.db(), "need", "ref LIKE 'bulk-n-%'").await, n_needs as i64);
    for (table, r, title) in [
        ("offer", "bulk-o-0", "批量收购稻谷第0号"),
        ("offer", "bulk-o-777", "批量收购稻谷第777号"),
        ("offer", "bulk-o-1202", "批量收购稻谷第1202号"),
        ("need", "bulk-n-616", "猕猴桃找买家第616号"),
    ] {
        assert_eq!(count(app.db(), table, &format!("ref = '{r}' AND title = '{title}'")).await, 1, "{r} as written");
    }
    assert_eq!(
        count(app.db(), "change", "entity = 'offer' AND entity_id IN (SELECT id FROM offer WHERE ref LIKE 'bulk-o-%')")
            .await,
        n_offers as i64,
        "one outbox row per offer, none lost between batches"
    );
    let events_before = count(app.db(), "audit_event", "action = 'listing.import'").await - (n_offers + n_needs) as i64;
    assert_eq!(events_before, 0, "one audit event per listing (the demo imports none)");

    let again = import(&app, &bytes, Format::Json).await.expect("imports again");
    assert_eq!((again.inserted, again.updated), (0, 0), "nothing changes the second time");
    doc["offers"][777]["body"] = Value::from("改过的正文：只收购本县稻谷。");
    let changed = serde_json::to_vec(&doc).expect("json");
    let third = import(&app, &changed, Format::Json).await.expect("imports the change");
    assert_eq!((third.inserted, third.updated), (0, 1), "only the changed record");
    assert_eq!(count(app.db(), "offer", "ref = 'bulk-o-777' AND body LIKE '改过的正文%'").await, 1);
}

#[tokio::test]
async fn the_template_has_the_three_sheets_headed_in_chinese_and_reads_back_empty() {
    use calamine::Reader;
    let bytes = qicun::ledger::template_xlsx().expect("template");
    let mut book: calamine::Xlsx<_> = calamine::Xlsx::new(std::io::Cursor::new(bytes.clone())).expect("xlsx");
    assert_eq!(book.sheet_names(), vec!["机构", "帮扶资源", "需求", "填写说明"]);
    let offers = book.worksheet_range("帮扶资源").expect("sheet");
    let heads: Vec<String> = offers.rows().next().expect("header").iter().map(ToString::to_string).collect();
    assert!(heads.contains(&"参考编号".to_owned()) && heads.contains(&"金额（元）".to_owned()), "{heads:?}");
    let app = TestApp::with_demo().await;
    let summary = import(&app, &bytes, Format::Xlsx).await.expect("an empty template imports as nothing");
    assert_eq!(summary.records, 0);
}

#[tokio::test]
async fn a_ledger_files_villages_under_their_categories_and_an_empty_column_keeps_them() {
    let app = TestApp::with_demo().await;
    let code = free_yuanzhou_village(&app).await;
    let doc = |cats: Option<&str>| {
        let mut v =
            serde_json::json!({"ref": "cat-v1", "kind": "village", "name": "类别测试村民委员会", "region_code": code});
        if let Some(c) = cats {
            v["categories"] = Value::String(c.to_owned());
        }
        serde_json::to_vec(&serde_json::json!({ "organisations": [v] })).expect("json")
    };
    let first = import(&app, &doc(Some("脱贫村、易地搬迁安置点")), Format::Json).await.expect("imports");
    assert_eq!(first.inserted, 1);
    let stored = |app: &TestApp| {
        let db = app.db().clone();
        async move {
            use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
            entity::organisation::Entity::find()
                .filter(entity::organisation::Column::ExternalRef.eq("cat-v1"))
                .one(&db)
                .await
                .expect("q")
                .expect("imported")
                .categories
        }
    };
    assert_eq!(stored(&app).await.as_deref(), Some(",lifted,relocation,"));
    // Without the column the office's filing stays, and nothing counts as changed.
    let again = import(&app, &doc(None), Format::Json).await.expect("imports");
    assert_eq!((again.unchanged, again.updated), (1, 0));
    assert_eq!(stored(&app).await.as_deref(), Some(",lifted,relocation,"));
    // An unknown category is named with its column, and nothing is written.
    match import(&app, &doc(Some("脱贫村、省级示范村")), Format::Json).await {
        Err(ledger::LedgerError::Invalid(errors)) => {
            assert!(errors.iter().any(|e| e.contains("村类别") && e.contains("省级示范村")), "{errors:?}");
        }
        other => panic!("refused, not {other:?}"),
    }
    assert_eq!(stored(&app).await.as_deref(), Some(",lifted,relocation,"));
}
