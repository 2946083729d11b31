//! Plans (规划): a county office writes its plan's yearly targets and submits it; the city office
//! sends it back with a reason or approves it; the figures against each target are the ledger's
//! (the same totals as the 台账 export of the county and year).

mod common;

use axum::http::StatusCode;
use common::{Client, TestApp, count, location};
use qicun::demo::DEMO_PASSWORD;

fn plan_id(res: &common::TestResponse) -> i32 {
    location(res).trim_start_matches("/office/plans/").parse().expect("a plan page")
}

#[tokio::test]
async fn a_county_plan_is_written_sent_back_approved_and_measured_by_the_ledger() {
    use calamine::Reader;
    let app = TestApp::with_demo().await;
    let mut county = Client::new(&app);
    county.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    let mut city = Client::new(&app);
    city.login("yichun-fpb", DEMO_PASSWORD).await;

    // Only a county office writes plans.
    assert!(county.get("/office/plans").await.body.contains("新建本县规划"));
    let city_list = city.get("/office/plans").await;
    assert!(!city_list.body.contains("新建本县规划"));
    assert!(
        city_list.body.contains("袁州区「十五五」规划") && city_list.body.contains("待市乡村振兴局审批"),
        "the demo's plan waits"
    );
    // …and is counted on the city's home, with the way to it.
    let home = city.get("/office").await;
    assert!(
        home.body.contains("<a class=\"card-title\" href=\"/office/plans\">各县提交、待本办审批的规划</a> <span class=\"chip chip-pending\">1</span>"),
        "{}",
        home.body
    );
    let refused =
        city.post("/office/plans", &[("period", "十五五调整"), ("start_year", "2026"), ("end_year", "2030")]).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    let bad = county.post("/office/plans", &[("period", "十"), ("start_year", "2030"), ("end_year", "2026")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("请填写规划期名称"));
    let res =
        county.post("/office/plans", &[("period", "十五五调整"), ("start_year", "2026"), ("end_year", "2030")]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let id = plan_id(&res);
    assert!(county.get(location(&res)).await.body.contains("已建立「十五五调整」规划草稿"));
    let again =
        county.post("/office/plans", &[("period", "十五五调整"), ("start_year", "2026"), ("end_year", "2030")]).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.body.contains("本县已有「十五五调整」规划"));

    // Nothing to submit yet; a wrong cell is named and nothing is saved.
    let early = county.post(&format!("/office/plans/{id}/submit"), &[]).await;
    assert_eq!(early.status, StatusCode::CONFLICT);
    assert!(
        early.body.contains("请先填写至少一项年度目标") && early.body.contains("填写年度目标"),
        "refused on the plan page itself, its form there"
    );
    assert!(
        !county.get(&format!("/office/plans/{id}")).await.body.contains("提交市乡村振兴局审批</button>"),
        "no button yet"
    );
    let wrong = county
        .post(&format!("/office/plans/{id}"), &[("t_2026_industry_fen", "500,000"), ("t_2026_jobs", "二十")])
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("2026 年安置就业（人）：请填写 0 或正整数") && wrong.body.contains("value=\"二十\""));
    assert_eq!(count(app.db(), "plan_target", &format!("plan_id = {id}")).await, 0);
    let targets = [
        ("t_2026_villages_paired", "10"),
        ("t_2026_industry_fen", "500,000"),
        ("t_2026_charity_fen", "1"),
        ("t_2026_jobs", "20"),
        ("t_2026_reached", "200"),
        ("t_2027_industry_fen", "800,000"),
    ];
    let res = county.post(&format!("/office/plans/{id}"), &targets).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(county.get(location(&res)).await.body.contains("已保存 6 项年度目标"));
    assert_eq!(count(app.db(), "plan_target", &format!("plan_id = {id} AND year = 2026")).await, 5);
    assert_eq!(
        count(app.db(), "plan_target", &format!("plan_id = {id} AND indicator = 'industry_fen' AND target = 50000000"))
            .await,
        1,
        "money in 分"
    );

    // Submitted: the city hears of it; the county cannot decide its own plan.
    let res = county.post(&format!("/office/plans/{id}/submit"), &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(
        count(
            app.db(),
            "notification",
            "title LIKE '%提交了「十五五调整」规划%' AND user_id IN (SELECT id FROM \"user\" WHERE login = 'yichun-fpb')"
        )
        .await,
        1
    );
    assert_eq!(county.post(&format!("/office/plans/{id}/approve"), &[]).await.status, StatusCode::CONFLICT);
    assert_eq!(county.post(&format!("/office/plans/{id}"), &targets).await.status, StatusCode::CONFLICT, "locked");
    let page = city.get(&format!("/office/plans/{id}")).await;
    assert!(page.body.contains("退回修改") && page.body.contains("批准"), "the city decides");
    let no_reason = city.post(&format!("/office/plans/{id}/return"), &[("reason", "")]).await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_reason.body.contains("id=\"e-reason\""));
    let res =
        city.post(&format!("/office/plans/{id}/return"), &[("reason", "产业投入目标偏低，请按去年完成数调高")]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(county.get(&format!("/office/plans/{id}")).await.body.contains("市乡村振兴局意见：产业投入目标偏低"));
    let raised = [("t_2026_industry_fen", "900,000"), ("t_2026_jobs", "20")];
    assert_eq!(county.post(&format!("/office/plans/{id}"), &raised).await.status, StatusCode::SEE_OTHER);
    assert_eq!(county.post(&format!("/office/plans/{id}/submit"), &[]).await.status, StatusCode::SEE_OTHER);
    assert!(city.get(&format!("/office/plans/{id}")).await.body.contains("上次退回时市乡村振兴局的意见"));
    let res = city.post(&format!("/office/plans/{id}/approve"), &[("reason", "同意")]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(count(app.db(), "plan", &format!("id = {id} AND status = 'approved'")).await, 1);
    assert_eq!(city.post(&format!("/office/plans/{id}/approve"), &[]).await.status, StatusCode::CONFLICT, "once");
    for action in ["plan.create", "plan.targets", "plan.submit", "plan.return", "plan.approve"] {
        assert!(
            count(app.db(), "audit_event", &format!("action = '{action}' AND entity_id = '{id}'")).await >= 1,
            "{action} audited"
        );
    }

    // Measured by the ledger: the workbook's 2026 figures are the 台账's totals for 袁州区.
    let ledger = qicun::export::rows(app.db(), 2026, Some("360902000000"), None).await.expect("ledger");
    let total = ledger.last().expect("the total row");
    let res = county.get(&format!("/office/plans/{id}?format=xlsx")).await;
    assert_eq!(res.status, StatusCode::OK);
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(res.bytes)).expect("xlsx");
    let sheet = book.worksheet_range("规划").expect("sheet");
    let cell = |label: &str| -> f64 {
        sheet
            .rows()
            .find(|r| {
                let (year, indicator) = (r[0].to_string(), r[1].to_string());
                year == "2026" && indicator == label
            })
            .and_then(|r| r[3].to_string().parse().ok())
            .unwrap_or(-1.0)
    };
    assert!(total.industry_fen + total.jobs + total.poor_reached > 0, "the demo has verified help in 袁州区 in 2026");
    assert_eq!(cell("产业投入（元）"), total.industry_fen as f64 / 100.0);
    assert_eq!(cell("公益投入（元）"), total.charity_fen as f64 / 100.0);
    assert_eq!(cell("安置就业（人）"), total.jobs as f64);
    assert_eq!(cell("技能培训（人）"), total.trainees as f64);
    assert_eq!(cell("带动贫困人口（人）"), total.poor_reached as f64);
    let paired = count(
        app.db(),
        "organisation",
        "kind = 'village' AND region_code LIKE '360902%' AND id IN (SELECT village_id FROM pairing WHERE status = 'approved')",
    )
    .await;
    assert!(paired >= 1);
    assert_eq!(cell("结对村数（个）"), paired as f64);
    assert_eq!(sheet.height(), 2 + 5 * 7, "title, headings, 5 years × 7 indicators");
    // The rate is a number Excel computes with: done / target.
    let rate = sheet
        .rows()
        .find(|r| {
            let (year, indicator) = (r[0].to_string(), r[1].to_string());
            year == "2026" && indicator == "安置就业（人）"
        })
        .and_then(|r| r[4].to_string().parse::<f64>().ok())
        .expect("a rate as a number");
    assert!((rate - total.jobs as f64 / 20.0).abs() < 1e-9, "{rate}");
    let page = city.get(&format!("/office/plans/{id}")).await;
    assert!(page.body.contains("2026 年目标完成率") && page.body.contains("<svg"), "a chart of the year");

    // The city's combined view: each county with an approved plan, and the sums. Only this plan
    // is approved, so its line and the total are the same: jobs done / the target of 20.
    let combined = city.get("/office/plans?year=2026").await;
    assert!(combined.body.contains("各县 2026 年目标完成情况") && combined.body.contains("「十五五调整」"));
    let jobs = format!("<td>{} / 20<div class=\"muted\">{:.0}%</div></td>", total.jobs, total.jobs as f64 * 5.0);
    assert_eq!(combined.body.matches(&jobs).count(), 2, "the county's line and the total: {jobs}");
    assert!(
        !county.get("/office/plans").await.body.contains("各县 2026 年目标完成情况"),
        "a county office has its own"
    );

    // The help page tells offices what plans are.
    assert!(Client::new(&app).get("/help").await.body.contains("<strong>规划</strong>由县（市、区）乡村振兴局"));

    // Who reads: the auditor yes; another county's office not.
    let mut auditor = Client::new(&app);
    auditor.login("auditor", DEMO_PASSWORD).await;
    assert_eq!(auditor.get(&format!("/office/plans/{id}")).await.status, StatusCode::OK);
    // The trail reads in words: the plan's states and targets, no codes.
    let trail = auditor.get("/audit").await;
    assert!(trail.body.contains("批准规划") && trail.body.contains("已批准"), "{}", trail.body);
    assert!(trail.body.contains("2026 年产业投入（元） ¥900,000.00"), "targets in words");
    assert!(!trail.body.contains("industry_fen") && !trail.body.contains(">submitted<"));
    let mut gaoan = common::staff_client(&app, "office", "gaoan-fpb", "360983000000", "Gao-an-2026").await;
    assert_eq!(gaoan.get(&format!("/office/plans/{id}")).await.status, StatusCode::NOT_FOUND);
    assert!(!gaoan.get("/office/plans").await.body.contains("十五五调整"));
}
