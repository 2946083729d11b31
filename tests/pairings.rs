//! The pairing workflow through the pages: a proposal, the other side's acceptance, the
//! covering office's review; every illegal move refused with nothing changed; the inbox.

mod common;

use axum::http::StatusCode;
use common::{Client, TestApp, count, location};
use qicun::demo::DEMO_PASSWORD;
use qicun::listings::{self, Side};

async fn by_ref(app: &TestApp, side: Side, r: &str) -> listings::Listing {
    listings::find_by_ref(app.db(), side, r).await.expect("q").expect("demo listing")
}

async fn status(app: &TestApp, id: i32) -> String {
    entity::pairing::Entity::find_by_id(id).one(app.db()).await.expect("q").expect("pairing").status
}

use sea_orm::EntityTrait;

/// The open pairing of offer `offer` and need `need` (not withdrawn, declined, rejected or lapsed).
async fn open_pairing(app: &TestApp, offer: i32, need: i32) -> entity::pairing::Model {
    entity::pairing::Entity::find()
        .all(app.db())
        .await
        .expect("q")
        .into_iter()
        .find(|p| {
            p.offer_id == Some(offer)
                && p.need_id == Some(need)
                && !["withdrawn", "declined", "rejected", "lapsed"].contains(&p.status.as_str())
        })
        .expect("an open pairing of the two")
}

/// qiye01 proposes its rice-buying offer to 塘背村's tea-oil need; returns the pairing id.
async fn propose(app: &TestApp) -> i32 {
    let offer = by_ref(app, Side::Offer, "demo-offer-01").await;
    let need = by_ref(app, Side::Need, "demo-need-05").await;
    let mut ent = Client::new(app);
    ent.login("qiye01", DEMO_PASSWORD).await;
    let page = ent.get(&format!("/offers/{}", offer.id)).await;
    assert!(page.body.contains("推荐村") && page.body.contains("山茶油找销路"), "recommended on the offer page");
    let res = ent.post(&format!("/offers/{}/propose", offer.id), &[("other", &need.id.to_string())]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    // The page says what happened and names the office that will review it.
    let after = ent.get(location(&res)).await;
    assert!(after.body.contains("发出结对建议") && after.body.contains("由袁州区扶贫开发办公室审核"), "{}", after.body);
    open_pairing(app, offer.id, need.id).await.id
}

#[tokio::test]
async fn a_proposal_is_accepted_by_the_village_and_approved_by_the_county_office() {
    let app = TestApp::with_demo().await;
    let id = propose(&app).await;
    assert_eq!(status(&app, id).await, "accepted_by_enterprise", "proposing from one's own offer accepts it");
    // The lists name the two listings, and the pairing's page says why they were matched while
    // a decision is still to be taken.
    let mut ent = Client::new(&app);
    ent.login("qiye01", DEMO_PASSWORD).await;
    let list = ent.get("/pairings").await;
    let offer = by_ref(&app, Side::Offer, "demo-offer-01").await;
    let need = by_ref(&app, Side::Need, "demo-need-05").await;
    assert!(
        list.body.contains(&format!("资源：{}", offer.title)) && list.body.contains(&format!("需求：{}", need.title))
    );
    let page = ent.get(&format!("/pairings/{id}")).await;
    assert!(page.body.contains("按当前信息重新计算，匹配度"), "{}", page.body);

    let mut village = Client::new(&app);
    village.login("cun03", DEMO_PASSWORD).await;
    let home = village.get("/").await;
    assert!(home.body.contains("class=\"badge\">1<"), "one unread message in the header");
    let inbox = village.get("/inbox").await;
    assert!(inbox.body.contains(&format!("/pairings/{id}")));
    assert!(village.get("/").await.body.contains("class=\"badge\">1<"), "reading the list changes nothing");
    assert_eq!(village.post("/inbox/read", &[]).await.status, StatusCode::SEE_OTHER);
    assert!(!village.get("/").await.body.contains("class=\"badge\""), "read once marked");
    let step = village.get(&format!("/pairings/{id}/confirm/accept")).await;
    assert!(step.body.contains("确认接受结对"));
    // The step names the two sides and their listings, not only the pairing's number.
    assert!(
        step.body.contains(&format!("「{}」 与 ", offer.title)) && step.body.contains(&format!("「{}」", need.title)),
        "{}",
        step.body
    );
    assert_eq!(village.post(&format!("/pairings/{id}/accept"), &[]).await.status, StatusCode::SEE_OTHER);
    assert_eq!(status(&app, id).await, "pending_review");

    let mut office = Client::new(&app);
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    let queue = office.get("/pairings?status=pending_review").await;
    assert!(queue.body.contains(&format!("#{id} ")), "in the county office's queue");
    let res = office.post(&format!("/pairings/{id}/approve"), &[("reason", "供需对口，同意结对。")]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&res), format!("/pairings/{id}"));
    assert_eq!(status(&app, id).await, "approved");
    let page = office.get(&format!("/pairings/{id}")).await;
    assert!(page.body.contains("供需对口，同意结对。") && page.body.contains("审核通过"));
    // The history names people by name and unit, in words: no login names, no action codes.
    assert!(page.body.contains("袁州区") && page.body.contains("李审核"), "{}", page.body);
    assert!(!page.body.contains("pairing.") && !page.body.contains("yuanzhou-fpb"), "{}", page.body);
    for action in ["pairing.propose", "pairing.accept", "pairing.approve"] {
        assert_eq!(
            count(app.db(), "audit_event", &format!("action = '{action}' AND entity_id = '{id}'")).await,
            1,
            "{action}"
        );
    }
    assert!(
        count(app.db(), "notification", &format!("link = '/pairings/{id}'")).await >= 3,
        "each step told the others"
    );
}

#[tokio::test]
async fn illegal_moves_are_refused_and_change_nothing() {
    let app = TestApp::with_demo().await;
    let id = propose(&app).await;
    let events = count(app.db(), "audit_event", "action NOT LIKE 'login%'").await;
    let mut office = Client::new(&app);
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    let res = office.post(&format!("/pairings/{id}/approve"), &[("reason", "提前审核")]).await;
    assert_eq!(res.status, StatusCode::CONFLICT, "not before both sides accept");
    assert!(res.body.contains("不能审核通过"));
    let mut ent = Client::new(&app);
    ent.login("qiye01", DEMO_PASSWORD).await;
    assert_eq!(ent.post(&format!("/pairings/{id}/accept"), &[]).await.status, StatusCode::CONFLICT, "accepting twice");
    assert_eq!(
        ent.post(&format!("/pairings/{id}/approve"), &[]).await.status,
        StatusCode::CONFLICT,
        "enterprises do not approve"
    );
    let mut village = Client::new(&app);
    village.login("cun03", DEMO_PASSWORD).await;
    let res = village.post(&format!("/pairings/{id}/decline"), &[("reason", "已有买家")]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.body.contains("请选择原因") && res.body.contains("已有买家"),
        "the reason's kind from the list, typed kept"
    );
    let res = village.post(&format!("/pairings/{id}/decline"), &[("reason", ""), ("reason_kind", "product")]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("<p class=\"error\" id=\"e-reason\">请填写理由"), "under its field: {}", res.body);
    assert!(res.body.contains("<option value=\"product\" selected>"), "the chosen kind kept");
    assert_eq!(status(&app, id).await, "accepted_by_enterprise");
    assert_eq!(count(app.db(), "audit_event", "action NOT LIKE 'login%'").await, events, "nothing recorded");

    // Someone else's village gets 404, as does an office elsewhere.
    let mut other = Client::new(&app);
    other.login("cun04", DEMO_PASSWORD).await;
    assert_eq!(other.get(&format!("/pairings/{id}")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(other.post(&format!("/pairings/{id}/accept"), &[]).await.status, StatusCode::NOT_FOUND);

    // Declining with a reason ends it; the reason is kept and shown.
    let res = village
        .post(&format!("/pairings/{id}/decline"), &[("reason", "村里山茶油已有固定买家。"), ("reason_kind", "product")])
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(status(&app, id).await, "declined");
    assert!(
        village.get(&format!("/pairings/{id}")).await.body.contains("产品或帮扶类型不对路：村里山茶油已有固定买家。")
    );
    assert_eq!(ent.post(&format!("/pairings/{id}/withdraw"), &[("reason", "晚了")]).await.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn an_office_outside_the_villages_county_cannot_review() {
    let app = TestApp::with_demo().await;
    let id = propose(&app).await;
    let mut village = Client::new(&app);
    village.login("cun03", DEMO_PASSWORD).await;
    village.post(&format!("/pairings/{id}/accept"), &[]).await;
    let mut gaoan = common::staff_client(&app, "office", "gaoan-fpb", "360983000000", "Gao-an-2026").await;
    assert_eq!(
        gaoan.post(&format!("/pairings/{id}/approve"), &[("reason", "越权")]).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(status(&app, id).await, "pending_review");
}

#[tokio::test]
async fn an_approved_pairing_gets_an_agreement_with_its_plan_and_a_printable_page() {
    let app = TestApp::with_demo().await;
    let id = propose(&app).await;
    let mut village = Client::new(&app);
    village.login("cun03", DEMO_PASSWORD).await;
    village.post(&format!("/pairings/{id}/accept"), &[]).await;
    let mut ent = Client::new(&app);
    ent.login("qiye01", DEMO_PASSWORD).await;
    assert_eq!(
        ent.get(&format!("/pairings/{id}/agreement/new")).await.status,
        StatusCode::CONFLICT,
        "not before approval"
    );
    let mut office = Client::new(&app);
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    office.post(&format!("/pairings/{id}/approve"), &[("reason", "同意")]).await;
    assert!(ent.get(&format!("/pairings/{id}")).await.body.contains("起草帮扶协议"));
    let draft = ent.get(&format!("/pairings/{id}/agreement/new")).await;
    assert!(
        draft.body.contains("长期收购富硒大米结对帮扶协议") && draft.body.contains("山茶油"),
        "pre-filled from the offer and need"
    );
    assert!(
        draft.body.contains("双方接受乡村振兴局监督核实") && !draft.body.contains("双方接受扶贫办监督核实"),
        "the terms drafted in the words of the current programme"
    );
    let bad = ent
        .post(
            &format!("/pairings/{id}/agreement"),
            &[("title", "山茶油收购协议"), ("terms", "短"), ("starts_on", "2026-12-01"), ("ends_on", "2026-01-01")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body.contains("至少 10 个字")
            && bad.body.contains("结束日期不能早于开始日期")
            && bad.body.contains("山茶油收购协议")
    );
    let late = ent
        .post(
            &format!("/pairings/{id}/agreement"),
            &[
                ("title", "山茶油收购协议"),
                ("terms", "甲方按市场价收购乙方山茶油五千公斤，乙方保证品质。"),
                ("planned_produce_yuan", "1000"),
                ("starts_on", "2026-12-01"),
                ("ends_on", "2027-11-30"),
                ("milestone_title", "首批收购"),
                ("milestone_due", "2028-01-01"),
                ("milestone_yuan", "100"),
            ],
        )
        .await;
    assert_eq!(late.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(late.body.contains("第 1 个节点的到期日期须在协议期限内（2026-12-01 至 2027-11-30）"), "{}", late.body);
    assert_eq!(count(app.db(), "agreement", &format!("pairing_id = {id}")).await, 0);
    // A milestone's amount is the running total due by its date: a plan of 300 / 600 / 1,000
    // against 1,000 is right (an outside walk saw the first version add them up and refuse it);
    // a total above the plan, or one smaller than an earlier one, is refused.
    let milestones = |amounts: [&'static str; 3]| -> Vec<(&'static str, &'static str)> {
        let mut f = vec![
            ("title", "山茶油收购协议"),
            ("terms", "甲方按市场价收购乙方山茶油五千公斤，乙方保证品质。"),
            ("planned_produce_yuan", "1000"),
            ("starts_on", "2026-12-01"),
            ("ends_on", "2027-11-30"),
        ];
        for (due, amount) in ["2027-01-01", "2027-04-01", "2027-08-01"].into_iter().zip(amounts) {
            f.extend([("milestone_title", "分批收购"), ("milestone_due", due), ("milestone_yuan", amount)]);
        }
        f
    };
    let over = ent.post(&format!("/pairings/{id}/agreement"), &milestones(["300", "600", "1200"])).await;
    assert_eq!(over.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        over.body.contains("第 3 个节点的累计金额 ¥1,200.00 超过协议计划的资金、物资和采购农产品合计 ¥1,000.00")
            && over.body.contains("山茶油收购协议"),
        "{}",
        over.body
    );
    let falling = ent.post(&format!("/pairings/{id}/agreement"), &milestones(["300", "600", "500"])).await;
    assert_eq!(falling.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(falling.body.contains("第 3 个节点 ¥500.00 少于第 2 个节点 ¥600.00"), "{}", falling.body);
    assert_eq!(count(app.db(), "agreement", &format!("pairing_id = {id}")).await, 0);
    let res = ent
        .post(
            &format!("/pairings/{id}/agreement"),
            &[
                ("title", "山茶油收购协议"),
                ("terms", "甲方按市场价收购乙方山茶油五千公斤，乙方保证品质并组织贫困户参与。"),
                ("planned_produce_yuan", "250,000"),
                ("planned_jobs", "5"),
                ("starts_on", "2026-12-01"),
                ("ends_on", "2027-11-30"),
                ("milestone_title", "首批收购两千公斤"),
                ("milestone_due", "2027-03-31"),
                ("milestone_yuan", "100000"),
                ("milestone_title", ""),
                ("milestone_due", ""),
                ("milestone_yuan", ""),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(
        count(
            app.db(),
            "agreement",
            &format!("pairing_id = {id} AND planned_produce_fen = 25000000 AND planned_jobs = 5")
        )
        .await,
        1
    );
    assert_eq!(count(app.db(), "milestone", "title = '首批收购两千公斤'").await, 1);
    let page = village.get(location(&res)).await;
    assert_eq!(page.status, StatusCode::OK, "the village reads it");
    assert!(
        page.body.contains("¥250,000.00")
            && page.body.contains("甲方（帮扶企业）")
            && page.body.contains("首批收购两千公斤")
    );
    assert_eq!(
        ent.post(&format!("/pairings/{id}/agreement"), &[("title", "再来一份")]).await.status,
        StatusCode::CONFLICT,
        "one agreement per pairing"
    );

    // Not binding on the enterprise's word alone: the village countersigns or sends it back.
    let aid: i32 = location(&res).rsplit('/').next().and_then(|s| s.parse().ok()).expect("agreement id");
    let status_of = |want: &'static str| {
        let db = app.db().clone();
        async move { count(&db, "agreement", &format!("id = {aid} AND status = '{want}'")).await }
    };
    assert_eq!(status_of("pending_village").await, 1);
    let home = village.get("/my").await;
    assert!(
        home.body.contains("山茶油收购协议") && home.body.contains(&format!("href=\"/agreements/{aid}\"")),
        "on the village's home"
    );
    assert!(
        page.body.contains("等待村委会会签") && page.body.contains(&format!("/agreements/{aid}/confirm/countersign"))
    );
    assert_eq!(
        ent.get(&format!("/agreements/{aid}/contributions/new")).await.status,
        StatusCode::OK,
        "the form opens, but reporting is refused until it is in force"
    );
    let refused = common::report_with_png(&mut ent, aid, "提前报告", b"early").await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(refused.body.contains("协议还未生效"), "{}", refused.body);
    let res = village.post(&format!("/agreements/{aid}/act/return"), &[("comment", "")]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("请写明要修改什么") && res.body.contains("id=\"e-comment\""));
    let why = "收购价请写明不低于当地市场价";
    assert_eq!(
        village.post(&format!("/agreements/{aid}/act/return"), &[("comment", why)]).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(status_of("returned").await, 1);
    let form = ent.get(&format!("/agreements/{aid}/edit")).await;
    assert!(form.body.contains(why) && form.body.contains("山茶油收购协议"), "the comment and the draft as it was");
    let mut fixed = vec![
        ("title", "山茶油收购协议"),
        ("terms", "甲方按不低于当地市场价收购乙方山茶油五千公斤，乙方保证品质并组织贫困户参与。"),
        ("planned_produce_yuan", "250000"),
        ("starts_on", "2026-11-01"),
        ("ends_on", "2027-11-30"),
    ];
    assert_eq!(ent.post(&format!("/agreements/{aid}/edit"), &fixed).await.status, StatusCode::SEE_OTHER);
    assert_eq!(status_of("pending_village").await, 1);
    assert_eq!(count(app.db(), "milestone", "title = '首批收购两千公斤'").await, 0, "milestones as resubmitted");
    fixed[0].1 = "再改一次";
    assert_eq!(
        ent.post(&format!("/agreements/{aid}/edit"), &fixed).await.status,
        StatusCode::CONFLICT,
        "only when sent back"
    );
    assert_eq!(village.post(&format!("/agreements/{aid}/act/countersign"), &[]).await.status, StatusCode::SEE_OTHER);
    assert_eq!(status_of("pending_filing").await, 1);
    assert_eq!(village.post(&format!("/agreements/{aid}/act/countersign"), &[]).await.status, StatusCode::CONFLICT);
    assert!(office.get(&format!("/agreements/{aid}")).await.body.contains("等待乡村振兴局备案"));
    assert!(office.get("/office").await.body.contains("村委会已会签、待备案的协议"));
    let queue = office.get("/agreements?status=pending_filing").await;
    assert!(
        queue.body.contains(&format!("href=\"/agreements/{aid}\""))
            && queue.body.contains("aria-current=\"page\">待乡村振兴局备案")
    );
    let res = office.post(&format!("/agreements/{aid}/act/file"), &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(office.get(location(&res)).await.body.contains("已备案，协议开始执行"));
    assert_eq!(status_of("active").await, 1);
    for action in
        ["agreement.create", "agreement.return", "agreement.resubmit", "agreement.countersign", "agreement.file"]
    {
        assert_eq!(
            count(app.db(), "audit_event", &format!("action = '{action}' AND entity_id = '{aid}'")).await,
            1,
            "{action}"
        );
    }
    assert_eq!(common::report_with_png(&mut ent, aid, "首批收购", b"in force").await.status, StatusCode::SEE_OTHER);
    let mut other = Client::new(&app);
    other.login("cun04", DEMO_PASSWORD).await;
    assert_eq!(other.get(location(&res)).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_agreement_shows_its_plan_against_verified_contributions() {
    let app = TestApp::with_demo().await;
    let mut ent = Client::new(&app);
    ent.login("qiye01", DEMO_PASSWORD).await;
    let page = ent.get("/agreements/1").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("采购农产品"), "the demo rice agreement plans produce purchases");
    // One of its three demo contributions is verified: half of the plan each, so 50%.
    assert!(page.body.contains("50%"), "planned vs verified");
}

#[tokio::test]
async fn an_office_closes_an_agreement_with_a_reason() {
    let app = TestApp::with_demo().await;
    let mut ent = Client::new(&app);
    ent.login("qiye14", DEMO_PASSWORD).await;
    assert_eq!(
        ent.post("/agreements/4/close", &[("outcome", "terminated"), ("reason", "不想做了")]).await.status,
        StatusCode::FORBIDDEN
    );
    let mut office = Client::new(&app);
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    assert!(office.get("/agreements/4").await.body.contains("结束协议（乡村振兴局）"));
    assert_eq!(
        office.post("/agreements/4/close", &[("outcome", "terminated"), ("reason", "")]).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let res = office
        .post("/agreements/4/close", &[("outcome", "terminated"), ("reason", "道路规划调整，经双方协商终止。")])
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(count(app.db(), "agreement", "id = 4 AND status = 'terminated'").await, 1);
    assert!(ent.get("/agreements/4").await.body.contains("道路规划调整，经双方协商终止。"));
    assert_eq!(
        office.post("/agreements/4/close", &[("outcome", "completed"), ("reason", "再结束一次")]).await.status,
        StatusCode::CONFLICT
    );
}

#[tokio::test]
async fn an_enterprise_offers_help_on_a_need_and_an_incompatible_offer_is_refused() {
    let app = TestApp::with_demo().await;
    let need = by_ref(&app, Side::Need, "demo-need-03").await; // 枫树村 蔬菜基地找固定买家 (procurement)
    let mut ent = Client::new(&app);
    ent.login("qiye01", DEMO_PASSWORD).await;
    let page = ent.get(&format!("/needs/{}", need.id)).await;
    assert!(
        page.body.contains("我要帮扶") && page.body.contains("「长期收购富硒大米」（消费帮扶）"),
        "own live offers of a fitting kind offered in the form, with their kind"
    );
    assert!(!page.body.contains("「富硒水稻种植技术指导」"), "a technical offer does not answer a sales need");
    // Posted anyway (a stale page): refused on the same page, under the field, nothing made.
    let tech = by_ref(&app, Side::Offer, "demo-offer-02").await;
    let before = count(app.db(), "pairing", "1 = 1").await;
    let res = ent.post(&format!("/needs/{}/help", need.id), &[("own", &tech.id.to_string())]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("类型不相符") && res.body.contains("id=\"e-own\"") && res.body.contains("id=\"f-own\""));
    assert!(res.body.contains(&need.title), "the need's own page, not an error page");
    assert_eq!(count(app.db(), "pairing", "1 = 1").await, before);
    let rice = by_ref(&app, Side::Offer, "demo-offer-01").await;
    let res = ent.post(&format!("/needs/{}/help", need.id), &[("own", &rice.id.to_string())]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let id: i32 = location(&res).rsplit('/').next().and_then(|s| s.parse().ok()).expect("pairing id");
    let village =
        entity::organisation::Entity::find_by_id(need.organisation_id).one(app.db()).await.expect("q").expect("v");
    assert!(ent.get(location(&res)).await.body.contains(&format!("已向{}发出结对申请", village.name)));
    assert_eq!(
        count(
            app.db(),
            "pairing",
            &format!("id = {id} AND source = 'enterprise' AND status = 'accepted_by_enterprise'")
        )
        .await,
        1
    );
    assert_eq!(
        ent.post(&format!("/needs/{}/help", need.id), &[("own", &rice.id.to_string())]).await.status,
        StatusCode::CONFLICT,
        "no duplicates"
    );
    // Someone else's offer cannot be attached.
    let other = by_ref(&app, Side::Offer, "demo-offer-13").await;
    assert_eq!(
        ent.post(&format!("/needs/{}/help", need.id), &[("own", &other.id.to_string())]).await.status,
        StatusCode::NOT_FOUND
    );
    // A pending enterprise cannot.
    let mut pending = Client::new(&app);
    pending.login("qiye20", DEMO_PASSWORD).await;
    let page = pending.get(&format!("/needs/{}", need.id)).await;
    assert!(!page.body.contains(&format!("action=\"/needs/{}/help\"", need.id)), "no form");
    assert!(
        page.body.contains("本单位通过乡村振兴局认证后才能帮扶这个村。认证进度见<a href=\"/profile\">本单位资料</a>"),
        "it is told why: {}",
        page.body
    );
    assert_eq!(pending.post(&format!("/needs/{}/help", need.id), &[]).await.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn after_proposing_the_page_says_to_whom_and_links_the_pairing_instead_of_the_button() {
    let app = TestApp::with_demo().await;
    let offer = by_ref(&app, Side::Offer, "demo-offer-01").await;
    let need = by_ref(&app, Side::Need, "demo-need-05").await;
    let village =
        entity::organisation::Entity::find_by_id(need.organisation_id).one(app.db()).await.expect("q").expect("v");
    let mut ent = Client::new(&app);
    ent.login("qiye01", DEMO_PASSWORD).await;
    let form = format!("/offers/{}/propose?other={}", offer.id, need.id);
    assert!(ent.get(&format!("/offers/{}", offer.id)).await.body.contains(&form), "the button is there before");
    let res = ent.post(&format!("/offers/{}/propose", offer.id), &[("other", &need.id.to_string())]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&res), format!("/offers/{}", offer.id));
    let id = open_pairing(&app, offer.id, need.id).await.id;
    let page = ent.get(location(&res)).await;
    assert!(page.body.contains(&format!("已向{}发出结对建议（结对 #{id}）", village.name)), "{}", page.body);
    assert!(page.body.contains(&format!("href=\"/pairings/{id}\"")) && page.body.contains("已有结对（企业已接受）"));
    assert!(!page.body.contains(&form), "the button is replaced by the pairing's link");
    // The confirmation page of the same pair, from a page left open, says there is one already.
    let again = ent.get(&form).await;
    assert!(
        again.body.contains(&format!("已有结对 #{id}")) && again.body.contains(&format!("href=\"/pairings/{id}\""))
    );
    assert!(!again.body.contains("name=\"other\""), "no form to send it again");
    assert!(!ent.get(location(&res)).await.body.contains("发出结对建议"), "the message is shown once");
    // A second click from a page left open: refused with why.
    let again = ent.post(&format!("/offers/{}/propose", offer.id), &[("other", &need.id.to_string())]).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(again.body.contains("已有结对，不能重复发起"));
}

#[tokio::test]
async fn the_pairing_tabs_mean_what_they_say_and_count_from_the_database() {
    let app = TestApp::with_demo().await;
    let id = propose(&app).await; // qiye01 has accepted; 塘背村 (cun03) must answer
    let tab_count = |body: &str, label: &str| -> u64 {
        let at =
            body.find(&format!(">{label} <span class=\"count\">")).unwrap_or_else(|| panic!("tab {label}: {body}"));
        let rest = &body[at + label.len() + 22..];
        rest[..rest.find('<').expect("end")].parse().expect("count")
    };
    let mut village = Client::new(&app);
    village.login("cun03", DEMO_PASSWORD).await;
    let vid = entity::user::Entity::find()
        .all(app.db())
        .await
        .expect("q")
        .into_iter()
        .find(|u| u.login == "cun03")
        .expect("u")
        .organisation_id
        .expect("org");
    let mine = village.get("/pairings?tab=mine").await;
    let waiting =
        count(app.db(), "pairing", &format!("village_id = {vid} AND status IN ('proposed', 'accepted_by_enterprise')"))
            .await;
    assert!(waiting >= 1);
    assert_eq!(tab_count(&mine.body, "待我处理"), waiting as u64);
    assert!(mine.body.contains(&format!("#{id} ")), "the new proposal waits for the village");
    let all = count(app.db(), "pairing", &format!("village_id = {vid}")).await;
    assert_eq!(tab_count(&mine.body, "全部"), all as u64);

    let mut ent = Client::new(&app);
    ent.login("qiye01", DEMO_PASSWORD).await;
    let theirs = ent.get("/pairings?tab=theirs").await;
    assert!(theirs.body.contains(&format!("#{id} ")) && theirs.body.contains("待对方确认"));
    assert!(!ent.get("/pairings?tab=mine").await.body.contains(&format!("#{id} ")));

    let mut office = Client::new(&app);
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    let review = office.get("/pairings?status=pending_review").await;
    assert!(review.body.contains("aria-current=\"page\">待我审核"), "an old link opens the tab that holds the state");
    let closed = office.get("/pairings?tab=closed").await;
    assert!(closed.body.contains("已结束") && tab_count(&closed.body, "已结束") >= 1, "婉拒、撤回、驳回、失效");
    for row in closed.body.split("chip chip-pairing-").skip(1) {
        let state = &row[..row.find('"').expect("quote")];
        assert!(["declined", "withdrawn", "rejected", "lapsed"].contains(&state), "{state} on the closed tab");
    }
    // The whole list as a workbook (every row, in the list's order) and a page at a time.
    let whole = office.get("/pairings").await;
    let total = tab_count(&whole.body, "全部");
    let in_db = count(
        app.db(),
        "pairing",
        "village_id IN (SELECT id FROM organisation WHERE region_code LIKE '360902%')",
    )
    .await as u64;
    assert_eq!(total, in_db);
    assert!(whole.body.contains(&format!("共 {total} 条")));
    assert_eq!(whole.body.matches("<li class=\"card\">").count() as u64, total.min(30));
    let res = office.get("/pairings?sort=score&format=xlsx").await;
    assert_eq!(res.status, StatusCode::OK);
    {
        use calamine::Reader;
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(res.bytes)).expect("xlsx");
        let sheet = book.worksheet_range("结对").expect("sheet");
        assert_eq!(sheet.height() as u64, total + 2);
        let cells: Vec<String> = sheet.rows().skip(2).map(|r| r[8].to_string()).collect();
        let scores: Vec<f64> = cells.iter().filter_map(|c| c.parse().ok()).collect();
        assert!(scores.len() >= 2 && scores.windows(2).all(|w| w[0] >= w[1]), "best match first: {scores:?}");
        let first_blank = cells.iter().position(String::is_empty).unwrap_or(cells.len());
        assert!(cells[first_blank..].iter().all(String::is_empty), "unscored pairings last: {cells:?}");
        assert!(sheet.rows().skip(2).all(|r| r[3].to_string().starts_with("袁州区")), "villages of the county");
        assert_eq!(sheet.rows().nth(1).map(|r| r[4].to_string()), Some("帮扶资源".into()), "a column of the offers");
        {
            use calamine::DataType;
            assert!(sheet.rows().skip(2).all(|r| r[9].is_datetime() && r[10].is_datetime()), "times are dates");
        }
        assert!(
            sheet.rows().skip(2).any(|r| !r[4].to_string().is_empty() && !r[5].to_string().is_empty()),
            "the titles of the listings paired"
        );
    }
    // A village's workbook holds its own pairings only.
    let res = village.get("/pairings?format=xlsx").await;
    {
        use calamine::Reader;
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(res.bytes)).expect("xlsx");
        assert_eq!(book.worksheet_range("结对").expect("sheet").height() as i64, all + 2);
    }
}

#[tokio::test]
async fn a_refused_step_never_shows_the_pairing_to_someone_who_is_not_a_party() {
    let app = TestApp::with_demo().await;
    let id = propose(&app).await; // qiye01 ↔ 塘背村 (cun03), in 袁州
    let mut stranger = Client::new(&app);
    stranger.login("qiye04", DEMO_PASSWORD).await;
    stranger.get("/").await;
    for act in ["reject", "decline", "approve", "accept"] {
        let res = stranger.post(&format!("/pairings/{id}/{act}"), &[]).await;
        assert!(
            matches!(res.status, StatusCode::NOT_FOUND | StatusCode::FORBIDDEN),
            "{act}: {} — the facts must not show",
            res.status
        );
        assert!(!res.body.contains("决策依据") && !res.body.contains("建档立卡户"), "{act}");
    }
}

#[tokio::test]
async fn a_draft_that_goes_nowhere_can_be_terminated_by_the_office_never_completed() {
    use sea_orm::EntityTrait;
    let app = TestApp::with_demo().await;
    let a = entity::agreement::Entity::find()
        .all(app.db())
        .await
        .expect("q")
        .into_iter()
        .find(|a| a.status == "pending_village")
        .expect("the demo's draft");
    let mut office = Client::new(&app);
    office.login("yichun-fpb", DEMO_PASSWORD).await;
    let page = office.get(&format!("/agreements/{}", a.id)).await;
    assert!(page.body.contains("只能终止"), "the office is offered a way out of a stuck draft");
    let res = office
        .post(&format!("/agreements/{}/close", a.id), &[("outcome", "completed"), ("reason", "村里一直未会签")])
        .await;
    assert_eq!(res.status, StatusCode::CONFLICT, "a draft is never completed");
    let res = office
        .post(&format!("/agreements/{}/close", a.id), &[("outcome", "terminated"), ("reason", "村里一直未会签")])
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(count(app.db(), "agreement", &format!("id = {} AND status = 'terminated'", a.id)).await, 1);
}

#[tokio::test]
async fn a_technical_help_agreement_plans_the_people_it_reaches() {
    use sea_orm::{ActiveModelTrait, ColumnTrait, QueryFilter, Set};
    let app = TestApp::with_demo().await;
    let id = propose(&app).await;
    // The pairing's offer becomes qiye01's technical help for 30 households.
    let p = entity::pairing::Entity::find_by_id(id).one(app.db()).await.expect("q").expect("p");
    let offer =
        entity::offer::Entity::find_by_id(p.offer_id.expect("offer")).one(app.db()).await.expect("q").expect("o");
    let mut am: entity::offer::ActiveModel = offer.into();
    am.kind = Set("technical".into());
    am.title = Set("富硒水稻种植技术指导服务".into());
    am.amount_fen = Set(0);
    am.quantity = Set(Some(30));
    am.unit = Set(Some("户".into()));
    am.update(app.db()).await.expect("update");
    let mut village = Client::new(&app);
    village.login("cun03", DEMO_PASSWORD).await;
    village.post(&format!("/pairings/{id}/accept"), &[]).await;
    let mut office = Client::new(&app);
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    office.post(&format!("/pairings/{id}/approve"), &[("reason", "同意")]).await;
    let mut ent = Client::new(&app);
    ent.login("qiye01", DEMO_PASSWORD).await;
    let draft = ent.get(&format!("/pairings/{id}/agreement/new")).await;
    assert!(draft.body.contains("技能培训/技术指导（人）"), "a plan line for technical help");
    assert!(draft.body.contains("name=\"planned_trainees\"") && draft.body.contains("value=\"30\""), "{}", draft.body);
    let res = ent
        .post(
            &format!("/pairings/{id}/agreement"),
            &[
                ("title", "富硒水稻技术指导协议"),
                ("terms", "甲方派农技员驻村，全年指导三十户农户种植富硒水稻。"),
                ("planned_trainees", "30"),
                ("starts_on", "2026-12-01"),
                ("ends_on", "2027-11-30"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let a = entity::agreement::Entity::find()
        .filter(entity::agreement::Column::PairingId.eq(id))
        .one(app.db())
        .await
        .expect("q")
        .expect("the agreement");
    assert_eq!((a.planned_trainees, a.planned_money_fen), (30, 0));
}

/// Each party chooses among reasons that are its to give: the enterprise not 企业履约记录不佳
/// (the village and the office may give it), the village not 企业名额不足; one sent anyway is
/// refused.
#[tokio::test]
async fn an_enterprise_does_not_decline_for_its_own_poor_record() {
    let app = TestApp::with_demo().await;
    let offer = by_ref(&app, Side::Offer, "demo-offer-01").await;
    let need = by_ref(&app, Side::Need, "demo-need-05").await;
    let mut village = Client::new(&app);
    village.login("cun03", DEMO_PASSWORD).await;
    village.get(&format!("/needs/{}", need.id)).await;
    let res = village.post(&format!("/needs/{}/propose", need.id), &[("other", &offer.id.to_string())]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let id = open_pairing(&app, offer.id, need.id).await.id;
    let mut ent = Client::new(&app);
    ent.login("qiye01", DEMO_PASSWORD).await;
    let form = ent.get(&format!("/pairings/{id}/confirm/decline")).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("企业名额不足") && !form.body.contains("企业履约记录不佳"), "{}", form.body);
    let res = ent.post(&format!("/pairings/{id}/decline"), &[("reason_kind", "record"), ("reason", "不想做")]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("请选择原因") && res.body.contains("不想做"), "{}", res.body);
    assert_eq!(status(&app, id).await, "accepted_by_village", "nothing changed");
    // The village, answering a proposal of the enterprise's, may give that reason.
    let other = propose_other(&app).await;
    let form = village.get(&format!("/pairings/{other}/confirm/decline")).await;
    assert!(form.body.contains("企业履约记录不佳"), "{} {}", form.status, form.body);
    // …but not 企业名额不足, which only the enterprise knows; the hint names only 距离太远.
    assert!(!form.body.contains("企业名额不足"), "{}", form.body);
    let res = village.post(&format!("/pairings/{other}/decline"), &[("reason_kind", "capacity"), ("reason", "")]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("请选择原因"), "{}", res.body);
    assert_eq!(status(&app, other).await, "accepted_by_enterprise", "nothing changed");
}

/// The open pairing of demo-offer-01 and demo-need-05 is withdrawn by the village, and qiye01
/// proposes the pair again: the new pairing's id.
async fn propose_other(app: &TestApp) -> i32 {
    let offer = by_ref(app, Side::Offer, "demo-offer-01").await;
    let need = by_ref(app, Side::Need, "demo-need-05").await;
    let open = open_pairing(app, offer.id, need.id).await;
    let mut village = Client::new(app);
    village.login("cun03", DEMO_PASSWORD).await;
    village.get(&format!("/pairings/{}", open.id)).await;
    let res = village.post(&format!("/pairings/{}/withdraw", open.id), &[("reason", "换一个方式联系")]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    propose(app).await;
    open_pairing(app, offer.id, need.id).await.id
}

/// A village may apply for an offer that does not serve its county (the enterprise decides), but
/// the offer's page says so before it asks; a village inside the area is not warned.
#[tokio::test]
async fn a_village_outside_an_offers_area_is_told_before_it_applies() {
    use sea_orm::{ColumnTrait, QueryFilter};
    let app = TestApp::with_demo().await;
    let offer = by_ref(&app, Side::Offer, "demo-offer-01").await;
    assert_eq!(offer.regions.len(), 1, "the demo's first offer serves one area");
    let served = offer.regions[0].clone();
    assert!(served.ends_with("000000") && !served.ends_with("00000000"), "a county, not the city: {served}");
    let mut inside = None;
    let mut outside = None;
    for login in ["cun01", "cun03", "cun04", "cun07", "cun12"] {
        let user = entity::user::Entity::find()
            .filter(entity::user::Column::Login.eq(login))
            .one(app.db())
            .await
            .expect("q")
            .expect("user");
        let org = entity::organisation::Entity::find_by_id(user.organisation_id.expect("a village"))
            .one(app.db())
            .await
            .expect("q")
            .expect("org");
        let slot = if org.region_code.starts_with(&served[..6]) { &mut inside } else { &mut outside };
        slot.get_or_insert((login, org));
    }
    let (inside, _) = inside.expect("a demo village inside the offer's county");
    let (outside, far) = outside.expect("a demo village outside it");

    let mut near = Client::new(&app);
    near.login(inside, DEMO_PASSWORD).await;
    let page = near.get(&format!("/offers/{}", offer.id)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&offer.title) && !page.body.contains("本村不在其中"), "{}", page.body);

    let mut away = Client::new(&app);
    away.login(outside, DEMO_PASSWORD).await;
    let page = away.get(&format!("/offers/{}", offer.id)).await;
    let county = entity::region::Entity::find_by_id(served.clone()).one(app.db()).await.expect("q").expect("county");
    assert!(
        page.body.contains(&format!("这条帮扶资源只面向{}，本村不在其中。仍可申请，由企业决定是否接受。", county.name)),
        "{}",
        page.body
    );
    // It may still ask; the enterprise decides.
    let res = away.post(&format!("/offers/{}/apply", offer.id), &[("own", "")]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    // The enterprise, deciding, is told too, with the village's county.
    let far_county = entity::region::Entity::find_by_id(format!("{}000000", &far.region_code[..6]))
        .one(app.db())
        .await
        .expect("q")
        .expect("the village's county");
    let mut firm = Client::new(&app);
    firm.login("qiye01", DEMO_PASSWORD).await;
    let page = firm.get(location(&res)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body.contains(&format!(
            "这条帮扶资源只面向{}，这个村在{}，不在其中：企业可以接受，也可以婉拒。",
            county.name, far_county.name
        )),
        "{}",
        page.body
    );
    assert_eq!(
        count(
            app.db(),
            "pairing",
            &format!("village_id = {} AND offer_id = {} AND source = 'village'", far.id, offer.id)
        )
        .await,
        1
    );
}
