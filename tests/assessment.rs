//! The yearly assessment (考核): the published formula, villages' ratings of the help they got,
//! scores recomputed here from the database by the formula's own words and compared with what
//! the pages, the XLSX and `qicun assess` show, and the outcomes an office decides (公示,
//! messages, a rectification closed once).

mod common;

use axum::http::StatusCode;
use chrono::Datelike;
use common::{Client, TestApp, count, location};
use qicun::demo::DEMO_PASSWORD;
use sea_orm::{ConnectionTrait, Statement};

async fn number(app: &TestApp, sql: &str) -> i64 {
    let backend = app.db().get_database_backend();
    let row = app.db().query_one_raw(Statement::from_string(backend, sql.to_owned())).await.expect("query");
    row.and_then(|r| r.try_get_by_index::<Option<i64>>(0).ok().flatten()).unwrap_or(0)
}

fn yuan(fen: i64) -> String {
    qicun::money::Money(fen).display()
}

#[tokio::test]
async fn the_assessment_follows_its_published_formula_and_offices_act_on_it() {
    let app = TestApp::shared_with_demo().await;
    let year = app.state.clock.today().year();
    let today = app.state.clock.today();

    // The formula is public: every indicator, its weight and its source.
    let formula = app.get("/assessment/formula").await;
    assert_eq!(formula.status, StatusCode::OK);
    for shown in
        ["规划年度目标完成率", "村结对覆盖率", "群众满意度", "帮扶投入", "联系村需求对接率", "任何人可按本办法复算"]
    {
        assert!(formula.body.contains(shown), "{shown} on the formula page");
    }

    // A village rates an agreement in force, once a year.
    let mut village = Client::new(&app);
    village.login("cun01", DEMO_PASSWORD).await;
    let org = number(&app, "SELECT CAST(organisation_id AS BIGINT) FROM \"user\" WHERE login = 'cun01'").await;
    let agreement = number(
        &app,
        &format!(
            "SELECT CAST(MIN(a.id) AS BIGINT) FROM agreement a JOIN pairing p ON p.id = a.pairing_id \
             WHERE p.village_id = {org} AND a.status = 'active' \
             AND a.id NOT IN (SELECT agreement_id FROM satisfaction)"
        ),
    )
    .await;
    assert!(agreement > 0, "cun01's village has an agreement in force to rate");
    let page = village.get(&format!("/agreements/{agreement}")).await;
    assert!(page.body.contains("提交评价") && page.body.contains("很满意"), "the rating form");
    let path = format!("/agreements/{agreement}/rating");
    let missing = village.post(&path, &[("comment", "还行")]).await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(missing.body.contains("请选择满意程度"));
    let enterprise = number(
        &app,
        &format!("SELECT CAST(p.enterprise_id AS BIGINT) FROM agreement a JOIN pairing p ON p.id = a.pairing_id WHERE a.id = {agreement}"),
    )
    .await;
    let told_before = count(
        app.db(),
        "notification",
        &format!("user_id IN (SELECT id FROM \"user\" WHERE organisation_id = {enterprise})"),
    )
    .await;
    let mut firm = Client::new(&app);
    firm.login("qiye01", DEMO_PASSWORD).await;
    assert_eq!(firm.post(&path, &[("rating", "5")]).await.status, StatusCode::FORBIDDEN, "only the village rates");
    let rated = village.post(&path, &[("rating", "4"), ("comment", "用工稳定")]).await;
    assert_eq!(rated.status, StatusCode::SEE_OTHER, "{}", rated.body);
    let page = village.get(location(&rated)).await;
    assert!(page.body.contains(&format!("已提交 {year} 年的评价：满意")));
    assert!(page.body.contains("村委会的评价：<strong>满意</strong>，用工稳定"));
    assert!(!page.body.contains("提交评价</button>"), "no second form this year");
    let again = village.post(&path, &[("rating", "1")]).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(again.body.contains(&format!("本村已评价过 {year} 年的帮扶：满意")), "{}", again.body);
    assert_eq!(count(app.db(), "satisfaction", &format!("agreement_id = {agreement}")).await, 1);
    assert_eq!(
        count(
            app.db(),
            "notification",
            &format!("user_id IN (SELECT id FROM \"user\" WHERE organisation_id = {enterprise})")
        )
        .await,
        told_before + 1,
        "the enterprise is told"
    );

    // The city approves 袁州区's plan: its targets now count in the county's score.
    let mut city = Client::new(&app);
    city.login("yichun-fpb", DEMO_PASSWORD).await;
    let plan = number(&app, "SELECT CAST(MIN(id) AS BIGINT) FROM plan").await;
    // (Seen before the approval: the kept assessment is computed again after it.)
    assert!(city.get("/assessment/county/360902").await.body.contains("没有批准的当年目标"));
    assert_eq!(city.post(&format!("/office/plans/{plan}/approve"), &[]).await.status, StatusCode::SEE_OTHER);

    // What the formula says, recomputed here from the database.
    let all = qicun::governance::assessment::compute(app.db(), year, today).await.expect("assess");
    let county = all.iter().find(|a| a.key == "360902").expect("袁州区 is assessed");
    let villages = number(
        &app,
        "SELECT COUNT(*) FROM organisation WHERE kind = 'village' AND status = 'verified' AND region_code LIKE '360902%'",
    )
    .await;
    let partnered = number(
        &app,
        "SELECT COUNT(DISTINCT village_id) FROM pairing WHERE status = 'approved' AND village_id IN \
         (SELECT id FROM organisation WHERE kind = 'village' AND status = 'verified' AND region_code LIKE '360902%')",
    )
    .await;
    assert!(villages > 0 && partnered > 0, "袁州 has villages and partners: {partnered} / {villages}");
    let coverage = &county.values[1];
    assert_eq!(coverage.figure, format!("{partnered} / {villages} 个村"));
    assert!((coverage.score - (partnered as f64 * 1000.0 / villages as f64).round() / 10.0).abs() < 1e-9);
    let plan_value = &county.values[0];
    assert!(plan_value.applies, "the approved plan's targets count: {plan_value:?}");
    assert_eq!(plan_value.record_count, 6, "six targets for the year");
    // Every county's progress is counted in one grouped pass: the same figures as the plan page's
    // own count for this county (which tests/plans.rs checks against the ledger export).
    let own = qicun::plans::actuals(app.db(), "360902000000", year).await.expect("actuals");
    let mut nonzero = 0;
    for ind in qicun::domain::PlanIndicator::ALL {
        let done = own.get(*ind);
        let shown = if ind.is_money() { yuan(done) } else { done.to_string() };
        if let Some(r) = plan_value.records.iter().find(|r| r.text.starts_with(ind.label())) {
            assert!(r.text.contains(&format!("完成 {shown}（")), "{}: {} vs {shown}", ind.label(), r.text);
            nonzero += usize::from(done > 0);
        }
    }
    assert!(nonzero >= 2, "some targets have progress to compare");
    // Each unit's total is the weighted mean of the indicators that apply.
    for a in &all {
        let (sum, w) = a
            .values
            .iter()
            .filter(|v| v.applies)
            .fold((0.0, 0.0), |(s, w), v| (s + v.score * f64::from(v.weight), w + f64::from(v.weight)));
        let expect = if w == 0.0 { 0.0 } else { (sum / w * 10.0).round() / 10.0 };
        assert!((a.total - expect).abs() < 0.051, "{}: {} vs {expect}", a.name, a.total);
    }
    // An enterprise's money: its verified records of the year, none taken off by an objection.
    let ent = all
        .iter()
        .filter(|a| a.kind == qicun::domain::SubjectKind::Enterprise)
        .find(|a| a.key == enterprise.to_string())
        .expect("the rated agreement's enterprise is assessed");
    let fen = number(
        &app,
        &format!(
            "SELECT CAST(SUM(c.amount_fen) AS BIGINT) FROM contribution c JOIN agreement a ON a.id = c.agreement_id \
             JOIN pairing p ON p.id = a.pairing_id WHERE p.enterprise_id = {enterprise} AND c.status = 'verified' \
             AND c.contributed_on BETWEEN '{year}-01-01' AND '{year}-12-31' \
             AND c.id NOT IN (SELECT entity_id FROM notice WHERE entity = 'contribution' AND status = 'suspended')"
        ),
    )
    .await;
    assert!(ent.values[0].figure.starts_with(&yuan(fen)), "{} vs {}", ent.values[0].figure, yuan(fen));
    let ratings = number(
        &app,
        &format!(
            "SELECT COUNT(*) FROM satisfaction s JOIN agreement a ON a.id = s.agreement_id JOIN pairing p ON p.id = a.pairing_id \
             WHERE p.enterprise_id = {enterprise} AND s.year = {year}"
        ),
    )
    .await;
    let points = number(
        &app,
        &format!(
            "SELECT CAST(SUM((s.rating - 1) * 25) AS BIGINT) FROM satisfaction s JOIN agreement a ON a.id = s.agreement_id \
             JOIN pairing p ON p.id = a.pairing_id WHERE p.enterprise_id = {enterprise} AND s.year = {year}"
        ),
    )
    .await;
    assert!(ratings >= 1);
    assert!((ent.values[2].score - (points as f64 / ratings as f64 * 10.0).round() / 10.0).abs() < 1e-9);

    // The pages show the same figures.
    let list = city.get("/office/assessment").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("袁州区") && list.body.contains(&format!("<strong>{:.1}</strong>", county.total)));
    let show = city.get("/assessment/county/360902").await;
    assert!(show.body.contains(&format!("<strong>{:.1}</strong> 分", county.total)), "{}", show.body);
    assert!(show.body.contains(&coverage.figure) && show.body.contains("「十五五」规划 6 项目标"));
    let xlsx = city.get(&format!("/office/assessment?year={year}&kind=enterprise&format=xlsx")).await;
    assert_eq!(xlsx.status, StatusCode::OK);
    {
        use calamine::{DataType, Reader};
        let mut book = calamine::Xlsx::new(std::io::Cursor::new(xlsx.bytes.clone())).expect("xlsx");
        let sheet = book.worksheet_range("考核").expect("sheet");
        let rows: Vec<_> = sheet.rows().skip(2).collect();
        // The enterprises registered in the city or helping its villages (one from 南昌 does).
        let ranked: Vec<_> = all
            .iter()
            .filter(|a| {
                a.kind == qicun::domain::SubjectKind::Enterprise
                    && (a.region_code.starts_with("3609") || a.serves.iter().any(|r| r.starts_with("3609")))
            })
            .collect();
        assert!(ranked.iter().any(|a| !a.region_code.starts_with("3609")), "the 南昌 firm helping a 宜春 village");
        assert_eq!(rows.len(), ranked.len(), "every assessed enterprise of the city");
        for (i, (row, a)) in rows.iter().zip(&ranked).enumerate() {
            assert_eq!(row[0].as_f64(), Some(i as f64 + 1.0), "ranked within the city's list");
            assert_eq!(row[1].to_string(), a.name);
            assert!((row[2].as_f64().expect("a number") - a.total).abs() < 1e-9);
        }
        let outsider = ranked.iter().find(|a| !a.region_code.starts_with("3609")).expect("outsider");
        assert_eq!(city.get(&format!("/assessment/enterprise/{}", outsider.key)).await.status, StatusCode::OK);
    }
    // An enterprise sees its own, and only its own.
    let own = firm.get("/my/assessment").await;
    assert_eq!(own.status, StatusCode::SEE_OTHER);
    let own = firm.get(location(&own)).await;
    assert_eq!(own.status, StatusCode::OK);
    assert!(own.body.contains("帮扶投入") && own.body.contains("背后的记录"));
    let firm_org = number(&app, "SELECT CAST(organisation_id AS BIGINT) FROM \"user\" WHERE login = 'qiye01'").await;
    let other = all
        .iter()
        .find(|a| a.kind == qicun::domain::SubjectKind::Enterprise && a.key != firm_org.to_string())
        .expect("another enterprise");
    assert_eq!(firm.get(&format!("/assessment/enterprise/{}", other.key)).await.status, StatusCode::NOT_FOUND);
    assert_ne!(village.get("/office/assessment").await.status, StatusCode::OK);

    // `qicun assess` prints the same figures.
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_qicun"));
    cmd.arg("--data-dir").arg(app.data_dir.path()).args(["assess", "--year", &year.to_string(), "--format", "json"]);
    cmd.arg("--as-of").arg(today.to_string());
    match app.state.config.database_url.as_deref() {
        Some(url) => cmd.env("DATABASE_URL", url),
        None => cmd.env_remove("DATABASE_URL"),
    };
    let out = cmd.output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let units = printed["units"].as_array().expect("units");
    assert_eq!(units.len(), all.len());
    for (p, a) in units.iter().zip(&all) {
        assert_eq!(p["name"], a.name.as_str());
        assert_eq!(p["total"].as_f64(), Some(a.total), "{}", a.name);
    }

    // Outcomes: a wrong form is named; a rectification is decided, published, told, closed once.
    // (on 袁州区; the demo's outcomes are on enterprises)
    let subject = "/assessment/county/360902/outcomes".to_owned();
    let office =
        number(&app, "SELECT CAST(organisation_id AS BIGINT) FROM \"user\" WHERE login = 'yuanzhou-fpb'").await;
    let decided_before = count(app.db(), "assessment_outcome", "1=1").await;
    let bad = city.post(&subject, &[("year", &year.to_string()), ("kind", "rectify"), ("reason", "短")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("请写明依据和理由") && bad.body.contains("限期整改须填写整改期限"));
    let future_year = (year + 1).to_string();
    let ahead =
        city.post(&subject, &[("year", &future_year), ("kind", "commend"), ("reason", "提前表彰下一年度")]).await;
    assert_eq!(ahead.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(ahead.body.contains("请选择已经开始的考核年度"));
    let mut own_county = Client::new(&app);
    own_county.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    let itself = own_county
        .post(&subject, &[("year", &year.to_string()), ("kind", "commend"), ("reason", "本区结对覆盖率领先全市")])
        .await;
    assert_eq!(itself.status, StatusCode::CONFLICT, "a county office does not judge its own county");
    assert!(itself.body.contains("县乡村振兴局不能对本县作出"), "{}", itself.body);
    assert!(!own_county.get("/assessment/county/360902").await.body.contains("作出结果运用</h2>"));
    let earlier = (year - 1).to_string();
    let kept = city.post(&subject, &[("year", &earlier), ("kind", "rectify"), ("reason", "")]).await;
    assert_eq!(kept.status, StatusCode::UNPROCESSABLE_ENTITY);
    let form = kept.body.split("作出结果运用</h2>").nth(1).expect("the form");
    assert!(form.contains(&format!("<option value=\"{earlier}\" selected>")), "the chosen year stays chosen: {form}");
    let past = city
        .post(
            &subject,
            &[
                ("year", &year.to_string()),
                ("kind", "rectify"),
                ("reason", "里程碑多次逾期"),
                ("deadline", "2020-01-01"),
            ],
        )
        .await;
    assert!(past.body.contains("整改期限应在今天之后"));
    assert_eq!(count(app.db(), "assessment_outcome", "1=1").await, decided_before, "nothing decided yet");
    let deadline = (today + chrono::Duration::days(30)).to_string();
    let told_before = count(
        app.db(),
        "notification",
        &format!("user_id IN (SELECT id FROM \"user\" WHERE organisation_id = {office})"),
    )
    .await;
    let res = city
        .post(
            &subject,
            &[
                ("year", &year.to_string()),
                ("kind", "rectify"),
                ("reason", "里程碑多次逾期，帮扶记录报告不及时"),
                ("deadline", &deadline),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert!(city.get(location(&res)).await.body.contains("已作出「限期整改」"));
    assert_eq!(
        count(
            app.db(),
            "notification",
            &format!("user_id IN (SELECT id FROM \"user\" WHERE organisation_id = {office})")
        )
        .await,
        told_before + 1
    );
    let public = app.get("/assessment/outcomes").await;
    assert!(
        public.body.contains("限期整改") && public.body.contains("里程碑多次逾期") && public.body.contains("整改中")
    );
    assert!(public.body.contains("通报表彰"), "the demo's commendation");
    // On 公示 too, open to objections, in the deciding office's jurisdiction.
    let outcome = number(&app, "SELECT CAST(MAX(id) AS BIGINT) FROM assessment_outcome").await;
    let notice = number(
        &app,
        &format!("SELECT CAST(id AS BIGINT) FROM notice WHERE entity = 'outcome' AND entity_id = {outcome}"),
    )
    .await;
    assert!(notice > 0, "the outcome is on notice");
    let on_notice = app.get(&format!("/notices/{notice}")).await;
    assert_eq!(on_notice.status, StatusCode::OK);
    assert!(
        on_notice.body.contains("考核结果公示")
            && on_notice.body.contains("限期整改")
            && on_notice.body.contains("整改期限"),
        "{}",
        on_notice.body
    );
    assert!(on_notice.body.contains("提出异议"), "anyone may object within the window: {}", on_notice.body);
    assert!(app.get("/notices").await.body.contains("考核结果公示"), "listed with the other notices");
    let twice = city
        .post(
            &subject,
            &[("year", &year.to_string()), ("kind", "rectify"), ("reason", "再次要求整改"), ("deadline", &deadline)],
        )
        .await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    assert!(
        twice.body.contains("同一结果不重复作出") && twice.body.contains("作出结果运用"),
        "refused on the page itself"
    );
    let id = number(&app, "SELECT CAST(MAX(id) AS BIGINT) FROM assessment_outcome").await;
    let close = format!("/assessment/outcomes/{id}/close");
    let short = city.post(&close, &[("closure_note", "好")]).await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(short.body.contains("请写明整改完成情况"));
    // The county sees what was decided on it.
    let mut county_office = Client::new(&app);
    county_office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    let own = county_office.get("/assessment/county/360902").await;
    assert!(own.body.contains("里程碑多次逾期") && own.body.contains(&format!("整改期限 {deadline}")));
    let mut city2 = Client::new(&app);
    city2.login("yichun-fpb", DEMO_PASSWORD).await;
    let (x, y) = tokio::join!(
        city.post(&close, &[("closure_note", "已建立里程碑台账，逾期事项全部补齐")]),
        city2.post(&close, &[("closure_note", "整改材料已核实")]),
    );
    let mut statuses = [x.status, y.status];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::SEE_OTHER, StatusCode::CONFLICT]);
    let loser = if x.status == StatusCode::CONFLICT { &x } else { &y };
    assert!(loser.body.contains("不能重复销号"), "{}", loser.body);
    assert!(app.get("/assessment/outcomes").await.body.contains("销号"));
    // A mistaken decision is revoked with a reason, once; it stays listed, marked revoked.
    let revoke = format!("/assessment/outcomes/{id}/revoke");
    let short = city.post(&revoke, &[("revoke_reason", "错")]).await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(short.body.contains("请写明撤销的理由") && short.body.contains("value=\"错\""));
    assert_eq!(
        city.post(&revoke, &[("revoke_reason", "考核数据录入有误，经复核撤销")]).await.status,
        StatusCode::SEE_OTHER
    );
    let again = city.post(&revoke, &[("revoke_reason", "再次撤销试试")]).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(again.body.contains("不能重复撤销"));
    assert!(app.get("/assessment/outcomes").await.body.contains("撤销：考核数据录入有误"));
    let ended = app.get(&format!("/notices/{notice}")).await;
    assert!(ended.body.contains("已撤销：考核数据录入有误") && !ended.body.contains("提出异议"), "{}", ended.body);
    let now_praise = city
        .post(&subject, &[("year", &year.to_string()), ("kind", "commend"), ("reason", "结对覆盖率全市第一")])
        .await;
    assert_eq!(now_praise.status, StatusCode::SEE_OTHER, "the revoked rectification no longer stands");
    let mut auditor = Client::new(&app);
    auditor.login("auditor", DEMO_PASSWORD).await;
    let trail = auditor.get("/audit?entity=assessment_outcome").await;
    assert!(
        trail.body.contains("作出考核结果运用") && trail.body.contains("整改销号") && trail.body.contains("整改期限")
    );
}

#[tokio::test]
async fn an_upheld_objection_to_an_outcome_on_notice_revokes_the_outcome() {
    let app = TestApp::with_demo().await;
    let year = app.state.clock.today().year();
    let mut city = Client::new(&app);
    city.login("yichun-fpb", DEMO_PASSWORD).await;
    let subject = "/assessment/county/360902/outcomes";
    let res =
        city.post(subject, &[("year", &year.to_string()), ("kind", "commend"), ("reason", "结对覆盖率全市第一")]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let outcome = number(&app, "SELECT CAST(MAX(id) AS BIGINT) FROM assessment_outcome").await;
    let notice = number(
        &app,
        &format!("SELECT CAST(id AS BIGINT) FROM notice WHERE entity = 'outcome' AND entity_id = {outcome}"),
    )
    .await;
    assert!(notice > 0, "the commendation is on notice");
    let mut citizen = Client::new(&app);
    citizen.get(&format!("/notices/{notice}")).await;
    let filed = citizen
        .post(
            &format!("/notices/{notice}/objections"),
            &[
                ("body", "覆盖率把未签协议的结对也算了进去"),
                ("contact_name", "张先生"),
                ("contact_phone", "13907950123"),
            ],
        )
        .await;
    assert_eq!(filed.status, StatusCode::SEE_OTHER);
    let objection =
        number(&app, &format!("SELECT CAST(MAX(id) AS BIGINT) FROM objection WHERE notice_id = {notice}")).await;
    assert!(objection > 0);
    // The confirmation says what upholding does to an outcome.
    let confirm = city.get(&format!("/objections/{objection}/confirm/uphold")).await;
    assert!(confirm.body.contains("这项考核结果随即撤销"), "{}", confirm.body);
    let county =
        number(&app, "SELECT CAST(organisation_id AS BIGINT) FROM \"user\" WHERE login = 'yuanzhou-fpb'").await;
    let told_before = count(
        app.db(),
        "notification",
        &format!("user_id IN (SELECT id FROM \"user\" WHERE organisation_id = {county})"),
    )
    .await;
    let res = city
        .post(&format!("/objections/{objection}/uphold"), &[("resolution", "经复核，覆盖率计算有误，表彰不成立")])
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(city.get(location(&res)).await.body.contains("这项考核结果已撤销"));
    assert_eq!(
        count(app.db(), "assessment_outcome", &format!("id = {outcome} AND revoked_at IS NOT NULL")).await,
        1,
        "revoked with the objection, in one step"
    );
    let public = app.get("/assessment/outcomes").await;
    assert!(public.body.contains("撤销：公示期间异议成立：经复核，覆盖率计算有误"), "{}", public.body);
    // The public list of notices says 已撤销 for it, not 公示期满.
    let notice_id = number(
        &app,
        &format!("SELECT CAST(id AS BIGINT) FROM notice WHERE entity = 'outcome' AND entity_id = {outcome}"),
    )
    .await;
    let list = app.get("/notices").await;
    let card = list
        .body
        .split(&format!("href=\"/notices/{notice_id}\""))
        .next()
        .and_then(|b| b.rsplit("<li").next())
        .unwrap_or("");
    assert!(card.contains("已撤销") && !card.contains("公示期满"), "{card}");
    assert!(
        count(
            app.db(),
            "notification",
            &format!("user_id IN (SELECT id FROM \"user\" WHERE organisation_id = {county})")
        )
        .await
            > told_before,
        "the county is told"
    );
    let page = app.get(&format!("/notices/{notice}")).await;
    assert!(!page.body.contains("提交异议"), "no more objections");
    // The revoked commendation no longer stands: a new decision may be made.
    let again = city
        .post(subject, &[("year", &year.to_string()), ("kind", "commend"), ("reason", "复核后覆盖率仍居全市前列")])
        .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", again.body);
    // A dismissed objection leaves an outcome standing.
    let second = number(&app, "SELECT CAST(MAX(id) AS BIGINT) FROM assessment_outcome").await;
    let notice2 = number(
        &app,
        &format!("SELECT CAST(id AS BIGINT) FROM notice WHERE entity = 'outcome' AND entity_id = {second}"),
    )
    .await;
    let mut other = Client::new(&app);
    other.ip = ([10, 7, 7, 7], 4000).into();
    other.get(&format!("/notices/{notice2}")).await;
    other
        .post(
            &format!("/notices/{notice2}/objections"),
            &[("body", "我认为表彰不公平，应当重新评定"), ("contact_name", "王女士"), ("contact_phone", "13907950456")],
        )
        .await;
    let objection2 =
        number(&app, &format!("SELECT CAST(MAX(id) AS BIGINT) FROM objection WHERE notice_id = {notice2}")).await;
    assert!(objection2 > 0);
    let res =
        city.post(&format!("/objections/{objection2}/dismiss"), &[("resolution", "经核查，数据无误，表彰成立")]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(count(app.db(), "assessment_outcome", &format!("id = {second} AND revoked_at IS NULL")).await, 1);
}

/// An office reads an enterprise's records in the villages it covers; the enterprise's agreements
/// elsewhere are named on the page but not linked (their pages answer only their own offices).
#[tokio::test]
async fn an_office_is_not_linked_to_agreements_outside_its_area() {
    let app = TestApp::with_demo().await;
    let year = app.state.clock.today().year();
    let firm = number(&app, "SELECT CAST(organisation_id AS BIGINT) FROM \"user\" WHERE login = 'qiye01'").await;
    let page_path = format!("/assessment/enterprise/{firm}?year={year}");
    let mut county = Client::new(&app);
    county.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    // The records linked to an agreement, with their words.
    let linked = |body: &str| -> Vec<(i32, String)> {
        body.split("<a href=\"/agreements/")
            .skip(1)
            .filter_map(|s| {
                let id = s.split(['"', '#']).next()?.parse().ok()?;
                let text = s.split_once('>')?.1.split("</a>").next()?.to_owned();
                Some((id, text))
            })
            .collect()
    };
    let before = county.get(&page_path).await;
    assert_eq!(before.status, StatusCode::OK);
    let records = linked(&before.body);
    assert!(!records.is_empty(), "qiye01's records link to its agreements: {}", before.body);
    // That agreement's village moves to 奉新县, outside 袁州区.
    let (moved, text) = records[0].clone();
    let fengxin = number(
        &app,
        "SELECT CAST(MIN(id) AS BIGINT) FROM organisation WHERE kind = 'village' AND region_code LIKE '360921%'",
    )
    .await;
    assert!(fengxin > 0, "a village of 奉新县");
    let backend = app.db().get_database_backend();
    app.db()
        .execute_raw(Statement::from_string(
            backend,
            format!("UPDATE pairing SET village_id = {fengxin} WHERE id = (SELECT pairing_id FROM agreement WHERE id = {moved})"),
        ))
        .await
        .expect("moved");
    assert_eq!(county.get(&format!("/agreements/{moved}")).await.status, StatusCode::NOT_FOUND, "outside its area");

    let page = county.get(&page_path).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    // Its record is still named (it counts in the enterprise's figures), not linked; every link
    // left opens.
    assert!(page.body.contains(&format!("<li>{text}</li>")), "{text} named, unlinked: {}", page.body);
    let left = linked(&page.body);
    assert!(left.iter().all(|(id, _)| *id != moved), "the agreement in 奉新县 is not linked");
    for (id, _) in &left {
        assert_eq!(county.get(&format!("/agreements/{id}")).await.status, StatusCode::OK, "/agreements/{id} opens");
    }
    // The auditor still follows it.
    let mut auditor = Client::new(&app);
    auditor.login("auditor", DEMO_PASSWORD).await;
    let page = auditor.get(&page_path).await;
    assert!(linked(&page.body).iter().any(|(id, _)| *id == moved), "{}", page.body);
}
