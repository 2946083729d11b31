//! Campaigns as the office uses them in the browser and through the API: drafted from the
//! form (a wrong form comes back with what was typed and the message under the field), solved,
//! a pair excluded with a reason from the list and one locked, solved again, issued as
//! pairings both sides are told about; an issued campaign refuses further changes with the
//! reason; the office's exclusion carries over to its next campaign.

mod common;

use axum::http::StatusCode;
use common::{Client, TestApp, location};
use qicun::demo::DEMO_PASSWORD;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

async fn org(app: &TestApp, r: &str) -> i32 {
    entity::organisation::Entity::find()
        .filter(entity::organisation::Column::ExternalRef.eq(r))
        .one(app.db())
        .await
        .expect("q")
        .expect("demo organisation")
        .id
}

async fn pairs(app: &TestApp, campaign: i32, state: &str) -> Vec<entity::campaign_pair::Model> {
    entity::campaign_pair::Entity::find()
        .filter(entity::campaign_pair::Column::CampaignId.eq(campaign))
        .filter(entity::campaign_pair::Column::State.eq(state))
        .all(app.db())
        .await
        .expect("q")
}

fn campaign_id(res: &common::TestResponse) -> i32 {
    let loc = location(res);
    loc.trim_start_matches("/office/campaigns/").split('?').next().and_then(|s| s.parse().ok()).expect(loc)
}

#[tokio::test]
async fn an_office_drafts_solves_edits_and_issues_a_campaign_in_the_browser() {
    let app = TestApp::with_demo().await;
    app.state.search.catch_up(app.db()).await.expect("index");
    let mut office = Client::new(&app);
    assert_eq!(office.login("yuanzhou-fpb", DEMO_PASSWORD).await.status, StatusCode::SEE_OTHER);
    let list = office.get("/office/campaigns").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("还没有专项行动"), "{}", list.body);

    // The form lists the county's villages (not another county's) and its enterprises.
    let form = office.get("/office/campaigns/new").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("石桥村") && form.body.contains("塘背村"), "袁州 villages listed");
    assert!(!form.body.contains("茶园村"), "a village of another county is not offered");
    let poor = office.get("/office/campaigns/new?poor=1").await;
    assert!(poor.body.contains("石桥村") && !poor.body.contains("枫树村"), "建档立卡 only");

    let villages =
        [org(&app, "demo-village-01").await, org(&app, "demo-village-02").await, org(&app, "demo-village-03").await];
    let enterprises = [
        org(&app, "demo-enterprise-01").await,
        org(&app, "demo-enterprise-02").await,
        org(&app, "demo-enterprise-18").await,
    ];
    let ids: Vec<String> = villages.iter().chain(&enterprises).map(ToString::to_string).collect();

    // No enterprise picked: the form again, the name kept, the message under the field.
    let before = common::count(app.db(), "campaign", "1 = 1").await;
    let bad = office
        .post(
            "/office/campaigns",
            &[("name", "袁州区冬季结对"), ("as_of", "2026-12-04"), ("capacity", "1"), ("villages", &ids[0])],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("请至少选择一家企业") && bad.body.contains("value=\"袁州区冬季结对\""), "{}", bad.body);
    assert_eq!(common::count(app.db(), "campaign", "1 = 1").await, before, "nothing drafted");
    let bad_date = office
        .post("/office/campaigns", &[("name", "x"), ("as_of", "明天"), ("villages", &ids[0]), ("enterprises", &ids[3])])
        .await;
    assert_eq!(bad_date.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad_date.body.contains("评估日期应为"), "{}", bad_date.body);

    let mut fields: Vec<(&str, &str)> =
        vec![("name", "袁州区冬季结对"), ("as_of", "2026-12-04"), ("capacity", "1"), ("one_to_one", "1")];
    fields.extend(ids[..3].iter().map(|v| ("villages", v.as_str())));
    fields.extend(ids[3..].iter().map(|e| ("enterprises", e.as_str())));
    let made = office.post("/office/campaigns", &fields).await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let id = campaign_id(&made);
    let page = office.get(location(&made)).await;
    assert!(page.body.contains("专项行动已创建") && page.body.contains("尚未求解"), "{}", page.body);
    assert!(!page.body.contains("下发这"), "nothing to issue before a solve");

    // Issuing before a solve is refused with what to do.
    let early = office.post(&format!("/office/campaigns/{id}/issue"), &[]).await;
    assert_eq!(early.status, StatusCode::CONFLICT);
    assert!(early.body.contains("请先求解"), "{}", early.body);

    let solved = office.post(&format!("/office/campaigns/{id}/solve"), &[]).await;
    assert_eq!(solved.status, StatusCode::SEE_OTHER, "{}", solved.body);
    let page = office.get(location(&solved)).await;
    assert!(page.body.contains("已求解") && page.body.contains("匹配度"), "{}", page.body);
    let proposed = pairs(&app, id, "proposed").await;
    assert!(proposed.len() >= 2, "the pilot's villages get partners: {proposed:?}");
    for p in &proposed {
        assert!(page.body.contains(&format!("id=\"pair-{}-{}\"", p.village_id, p.enterprise_id)));
    }

    // Excluding without a reason from the list: the page again, the typed words kept.
    let (v, e) = (proposed[0].village_id.to_string(), proposed[0].enterprise_id.to_string());
    let refused = office
        .post(
            &format!("/office/campaigns/{id}/pairs"),
            &[
                ("village", &v),
                ("enterprise", &e),
                ("mark", "exclude"),
                ("reason_kind", ""),
                ("reason", "路远难以配送"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("请选择排除的原因") && refused.body.contains("value=\"路远难以配送\""),
        "{}",
        refused.body
    );
    assert_eq!(pairs(&app, id, "excluded").await.len(), 0, "nothing excluded");

    let excluded = office
        .post(
            &format!("/office/campaigns/{id}/pairs"),
            &[
                ("village", &v),
                ("enterprise", &e),
                ("mark", "exclude"),
                ("reason_kind", "far"),
                ("reason", "路远难以配送"),
            ],
        )
        .await;
    assert_eq!(excluded.status, StatusCode::SEE_OTHER, "{}", excluded.body);
    let page = office.get(location(&excluded)).await;
    assert!(page.body.contains("已排除的结对") && page.body.contains("距离太远：路远难以配送"), "{}", page.body);
    let (lv, le) = (proposed[1].village_id.to_string(), proposed[1].enterprise_id.to_string());
    let locked = office
        .post(&format!("/office/campaigns/{id}/pairs"), &[("village", &lv), ("enterprise", &le), ("mark", "lock")])
        .await;
    assert_eq!(locked.status, StatusCode::SEE_OTHER);
    // Changed since the solve: issuing now is refused until it is solved again.
    let page = office.get(&format!("/office/campaigns/{id}")).await;
    assert!(page.body.contains("请重新求解") && !page.body.contains("下发这"), "{}", page.body);
    let stale = office.post(&format!("/office/campaigns/{id}/issue"), &[]).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(stale.body.contains("请先重新求解"), "{}", stale.body);
    let again = office.post(&format!("/office/campaigns/{id}/solve"), &[]).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", again.body);
    let now_proposed = pairs(&app, id, "proposed").await;
    assert!(
        !now_proposed
            .iter()
            .any(|p| p.village_id == proposed[0].village_id && p.enterprise_id == proposed[0].enterprise_id),
        "the excluded pair is not proposed again"
    );
    assert_eq!(pairs(&app, id, "locked").await.len(), 1, "the locked pair stays");
    let to_issue = now_proposed.len() + 1;

    // Issue: one pairing per pair from the campaign, both sides told, the campaign closed.
    let inbox_before = common::count(app.db(), "notification", "title LIKE '扶贫办建议了结对%'").await;
    let from_campaigns = common::count(app.db(), "pairing", "source = 'campaign'").await;
    // Pairs whose enterprise and village are already paired (open) are linked, not doubled.
    let mut already = 0;
    for p in pairs(&app, id, "proposed").await.iter().chain(&pairs(&app, id, "locked").await) {
        let open =
            format!("enterprise_id = {} AND village_id = {} AND open_key IS NOT NULL", p.enterprise_id, p.village_id);
        already += common::count(app.db(), "pairing", &open).await.min(1);
    }
    // The confirmation page says what will happen before it does.
    let confirm = office.get(&format!("/office/campaigns/{id}/issue")).await;
    assert_eq!(confirm.status, StatusCode::OK);
    assert!(confirm.body.contains(&format!("将下发下面 {to_issue} 对结对")) && confirm.body.contains("确认下发"));
    let issued = office.post(&format!("/office/campaigns/{id}/issue"), &[]).await;
    assert_eq!(issued.status, StatusCode::SEE_OTHER, "{}", issued.body);
    let page = office.get(location(&issued)).await;
    assert!(page.body.contains("结对已下发") && page.body.contains("已下发"), "{}", page.body);
    assert!(!page.body.contains("重新求解"), "an issued campaign is not solved again");
    let rows = pairs(&app, id, "issued").await;
    assert_eq!(rows.len(), to_issue);
    for r in &rows {
        let p = entity::pairing::Entity::find_by_id(r.pairing_id.expect("linked"))
            .one(app.db())
            .await
            .expect("q")
            .expect("pairing");
        assert_eq!((p.village_id, p.enterprise_id), (r.village_id, r.enterprise_id));
        assert!(page.body.contains(&format!("/pairings/{}", p.id)), "the page links the pairing");
    }
    let made = common::count(app.db(), "pairing", "source = 'campaign'").await - from_campaigns;
    assert_eq!(made as usize, to_issue - already as usize, "one new pairing per pair not already paired");
    assert!(made >= 1);
    assert_eq!(
        common::count(
            app.db(),
            "pairing",
            &format!("source = 'campaign' AND status = 'proposed' AND id > (SELECT MAX(id) - {made} FROM pairing)")
        )
        .await,
        made,
        "each waits for both sides"
    );
    assert!(
        common::count(app.db(), "notification", "title LIKE '扶贫办建议了结对%'").await > inbox_before,
        "the sides are told"
    );
    assert_eq!(
        common::count(app.db(), "audit_event", &format!("action = 'campaign.issue' AND entity_id = '{id}'")).await,
        1
    );
    // Both sides of each new pairing are told, with a link to it.
    let mut told = 0;
    for r in &rows {
        let p = entity::pairing::Entity::find_by_id(r.pairing_id.expect("linked"))
            .one(app.db())
            .await
            .expect("q")
            .expect("p");
        if p.source != "campaign" {
            continue;
        }
        for org in [p.village_id, p.enterprise_id] {
            // Organisations of the demo without an account have no inbox.
            if common::count(app.db(), "user", &format!("organisation_id = {org}")).await == 0 {
                continue;
            }
            let cond = format!(
                "link = '/pairings/{}' AND user_id IN (SELECT id FROM \"user\" WHERE organisation_id = {org})",
                p.id
            );
            assert!(common::count(app.db(), "notification", &cond).await >= 1, "pairing {} told to {org}", p.id);
            told += 1;
        }
        // The pairing's page says where it came from and why it was proposed.
        let page = office.get(&format!("/pairings/{}", p.id)).await;
        assert!(page.body.contains("来自专项行动「袁州区冬季结对」。推荐理由："), "{}", page.body);
        assert!(page.body.contains("发起结对建议") && !page.body.contains("pairing.propose"), "{}", page.body);
    }
    assert!(told >= 1, "at least one side with an account checked");

    // Issued: no second issue, no more edits, each refusal saying why.
    let twice = office.post(&format!("/office/campaigns/{id}/issue"), &[]).await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    assert!(twice.body.contains("已经下发过"), "{}", twice.body);
    let late = office
        .post(&format!("/office/campaigns/{id}/pairs"), &[("village", &lv), ("enterprise", &le), ("mark", "release")])
        .await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert!(late.body.contains("已下发结对，不能再锁定或排除"), "{}", late.body);

    // The office's next campaign with the same village and enterprise does not propose the
    // excluded pair: it is shown as taken over, and the office may lift it.
    let mut fields: Vec<(&str, &str)> = vec![("name", "袁州区春季结对"), ("as_of", "2026-12-04"), ("capacity", "2")];
    fields.extend([("villages", v.as_str()), ("enterprises", e.as_str())]);
    let next = office.post("/office/campaigns", &fields).await;
    let id2 = campaign_id(&next);
    office.post(&format!("/office/campaigns/{id2}/solve"), &[]).await;
    assert!(pairs(&app, id2, "proposed").await.is_empty(), "the excluded pair is not proposed in the next campaign");
    let page = office.get(&format!("/office/campaigns/{id2}")).await;
    assert!(page.body.contains("沿用「袁州区冬季结对」中的排除"), "{}", page.body);
    let lifted = office
        .post(&format!("/office/campaigns/{id2}/pairs"), &[("village", &v), ("enterprise", &e), ("mark", "release")])
        .await;
    assert_eq!(lifted.status, StatusCode::SEE_OTHER);
    let resolved = office.post(&format!("/office/campaigns/{id2}/solve"), &[]).await;
    assert_eq!(resolved.status, StatusCode::SEE_OTHER, "{}", resolved.body);
    let page = office.get(&format!("/office/campaigns/{id2}")).await;
    assert_eq!(pairs(&app, id2, "proposed").await.len(), 1, "lifted, the pair is proposed again: {}", page.body);
    // Solved once more, the lifting holds: the earlier exclusion is not taken over again.
    office.post(&format!("/office/campaigns/{id2}/solve"), &[]).await;
    assert_eq!(pairs(&app, id2, "proposed").await.len(), 1, "still proposed");
    assert!(pairs(&app, id2, "excluded").await.is_empty(), "not excluded again");
    // The office's latest word holds in its next campaign too: lifted, not taken over again.
    let mut fields: Vec<(&str, &str)> = vec![("name", "袁州区夏季结对"), ("as_of", "2026-12-04"), ("capacity", "2")];
    fields.extend([("villages", v.as_str()), ("enterprises", e.as_str())]);
    let id3 = campaign_id(&office.post("/office/campaigns", &fields).await);
    office.post(&format!("/office/campaigns/{id3}/solve"), &[]).await;
    assert!(pairs(&app, id3, "excluded").await.is_empty(), "the lifting carried over");
    assert_eq!(pairs(&app, id3, "proposed").await.len(), 1);

    // The auditor reads the campaign without the office's buttons.
    let mut auditor = Client::new(&app);
    auditor.login("auditor", DEMO_PASSWORD).await;
    let seen = auditor.get(&format!("/office/campaigns/{id}")).await;
    assert_eq!(seen.status, StatusCode::OK);
    assert!(seen.body.contains("袁州区冬季结对") && !seen.body.contains("/solve\""), "{}", seen.body);
}

#[tokio::test]
async fn the_api_drafts_solves_and_issues_a_campaign() {
    let app = TestApp::with_demo().await;
    app.state.search.catch_up(app.db()).await.expect("index");
    let token = common::token_for(&app, "yuanzhou-fpb").await;
    let call = |method: &str, path: &str, body: serde_json::Value| {
        axum::http::Request::builder()
            .method(method)
            .uri(path)
            .header("authorization", format!("Bearer {token}"))
            .header("content-type", "application/json")
            .body(axum::body::Body::from(body.to_string()))
            .expect("request")
    };
    let bad = app
        .request(call(
            "POST",
            "/api/v1/campaigns",
            serde_json::json!({"name": "API 试点", "villages": [], "enterprises": ["demo-enterprise-01"]}),
        ))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("\"field\":\"villages\""), "{}", bad.body);
    // A village outside the office's county is refused.
    let outside = app
        .request(call(
            "POST",
            "/api/v1/campaigns",
            serde_json::json!({"name": "API 试点", "villages": ["demo-village-07"], "enterprises": ["demo-enterprise-01"]}),
        ))
        .await;
    assert_eq!(outside.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        outside.body.contains("找不到「demo-village-07」"),
        "another county's village is not found: {}",
        outside.body
    );
    // Nor does an organisation elsewhere waiting for its office give away its name or state.
    let pending = app
        .request(call(
            "POST",
            "/api/v1/campaigns",
            serde_json::json!({"name": "API 试点", "villages": ["demo-village-01"], "enterprises": ["demo-enterprise-20"]}),
        ))
        .await;
    assert_eq!(pending.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        pending.body.contains("找不到「demo-enterprise-20」") && !pending.body.contains("尚未通过"),
        "{}",
        pending.body
    );
    let made = app
        .request(call(
            "POST",
            "/api/v1/campaigns",
            serde_json::json!({"name": "API 试点", "villages": ["demo-village-01", "demo-village-02", "demo-village-03"], "enterprises": ["demo-enterprise-01", "demo-enterprise-02", "demo-enterprise-18"], "one_to_one": true}),
        ))
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let v: serde_json::Value = serde_json::from_str(&made.body).expect("json");
    assert_eq!(v["status"], "drafted");
    assert_eq!(v["villages"].as_array().map(Vec::len), Some(3));
    let id = v["id"].as_i64().expect("id");
    let solved = app.request(call("POST", &format!("/api/v1/campaigns/{id}/solve"), serde_json::json!({}))).await;
    assert_eq!(solved.status, StatusCode::OK, "{}", solved.body);
    let v: serde_json::Value = serde_json::from_str(&solved.body).expect("json");
    let n = v["pairs"].as_array().map(Vec::len).unwrap_or(0);
    assert!(n >= 2 && n + v["uncovered"].as_array().map(Vec::len).unwrap_or(0) == 3, "{v}");
    assert!(v["pairs"][0]["reason"].as_str().is_some_and(|r| r.contains("需求「") || r.contains("主导产业")), "{v}");
    let issued = app.request(call("POST", &format!("/api/v1/campaigns/{id}/issue"), serde_json::json!({}))).await;
    assert_eq!(issued.status, StatusCode::OK, "{}", issued.body);
    let i: serde_json::Value = serde_json::from_str(&issued.body).expect("json");
    let total =
        i["created"].as_array().map(Vec::len).unwrap_or(0) + i["existing"].as_array().map(Vec::len).unwrap_or(0);
    assert_eq!(total, n);
    let again = app.request(call("POST", &format!("/api/v1/campaigns/{id}/issue"), serde_json::json!({}))).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    let read = app.request(call("GET", &format!("/api/v1/campaigns/{id}"), serde_json::json!({}))).await;
    let v: serde_json::Value = serde_json::from_str(&read.body).expect("json");
    assert_eq!(v["status"], "issued");
    assert!(v["pairs"].as_array().expect("pairs").iter().all(|p| p["pairing_id"].is_number()), "{v}");
}

/// A refusal says why from the list, and the office's campaigns learn from it: a campaign
/// pairing the village declined as 距离太远 is not proposed again (shown with that reason), and
/// enterprises of another county count for less in the office's later campaigns, said in the
/// pair's reason.
#[tokio::test]
async fn a_pairing_declined_as_too_far_shapes_the_office_s_next_campaign() {
    let app = TestApp::with_demo().await;
    app.state.search.catch_up(app.db()).await.expect("index");
    let now = app.state.clock.now();
    let city = common::identity(&app, "yichun-fpb").await;
    let (e, v) = (org(&app, "demo-enterprise-04").await, org(&app, "demo-village-01").await);
    let txn = qicun::db::write(app.db()).await.expect("txn");
    let row = entity::pairing::ActiveModel {
        enterprise_id: sea_orm::Set(e),
        village_id: sea_orm::Set(v),
        source: sea_orm::Set("campaign".into()),
        ..Default::default()
    };
    let p = qicun::pairings::insert_proposal(&txn, row, &city, now).await.expect("proposed");
    qicun::db::commit(txn).await.expect("commit");
    let mut cadre = Client::new(&app);
    cadre.login("cun01", DEMO_PASSWORD).await;
    let form = cadre.get(&format!("/pairings/{}/confirm/decline", p.id)).await;
    assert!(form.body.contains("距离太远") && form.body.contains("name=\"reason_kind\""), "{}", form.body);
    let res = cadre.post(&format!("/pairings/{}/decline", p.id), &[("reason_kind", "far"), ("reason", "")]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let declined = entity::pairing::Entity::find_by_id(p.id).one(app.db()).await.expect("q").expect("p");
    assert_eq!(declined.decline_reason.as_deref(), Some("距离太远"));

    let draft = qicun::campaign::Draft {
        name: "宜春市冬季结对".into(),
        villages: (1..=8).map(|i| format!("demo-village-{i:02}")).collect(),
        enterprises: (1..=8).map(|i| format!("demo-enterprise-{i:02}")).collect(),
        as_of: app.state.clock.today(),
        capacity: 2,
        one_to_one: false,
        per_village: 1,
        max_km: None,
        office: city.organisation_id,
        budgets: Vec::new(),
    };
    let actor = qicun::audit::Actor::system("test");
    let c = qicun::campaign::create(app.db(), &draft, &actor, now).await.expect("drafted");
    let proposal =
        qicun::campaign::solve_campaign(app.db(), &app.state.search, c.id, &actor, now).await.expect("solved");
    assert!(!proposal.pairs.iter().any(|x| x.village_id == v && x.enterprise_id == e), "not proposed again");
    let inherited = pairs(&app, c.id, "excluded").await;
    assert!(
        inherited.iter().any(|x| x.village_id == v
            && x.enterprise_id == e
            && x.reason_kind.as_deref() == Some("far")
            && x.reason.contains("一方婉拒：距离太远")),
        "{inherited:?}"
    );
    assert!(
        proposal
            .pairs
            .iter()
            .any(|x| x.reason.contains("本办有 1 对结对因「距离太远」被排除或婉拒，外县企业匹配度下调 10%")),
        "an enterprise of another county is marked down, and says so: {:?}",
        proposal.pairs.iter().map(|x| &x.reason).collect::<Vec<_>>()
    );
    // The next campaign takes the exclusion over; the same pair still counts once.
    let next = qicun::campaign::create(app.db(), &draft, &actor, now).await.expect("drafted");
    let proposal =
        qicun::campaign::solve_campaign(app.db(), &app.state.search, next.id, &actor, now).await.expect("solved");
    assert!(proposal.pairs.iter().any(|x| x.reason.contains("本办有 1 对结对")), "counted once");
    assert!(!proposal.pairs.iter().any(|x| x.reason.contains("本办有 2 对")));
}

#[tokio::test]
async fn an_office_files_a_village_under_categories_and_a_campaign_picks_villages_by_them() {
    let app = TestApp::with_demo().await;
    let village = entity::organisation::Entity::find()
        .filter(entity::organisation::Column::Kind.eq("village"))
        .filter(entity::organisation::Column::Status.eq("verified"))
        .filter(entity::organisation::Column::RegionCode.starts_with("360902"))
        .one(app.db())
        .await
        .expect("q")
        .expect("a verified 袁州 village");
    let v = village.id;
    let mut office = Client::new(&app);
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    let list = office.get("/office/organisations?kind=village").await;
    assert!(list.body.contains(&format!("/office/organisations/{v}/categories?")), "a 村类别 button per village");
    let form = office.get(&format!("/office/organisations/{v}/categories")).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("value=\"relocation\"") && form.body.contains("易地搬迁安置点"));
    // A code not in the list changes nothing and says why.
    let bad = office.post(&format!("/office/organisations/{v}/categories"), &[("category", "capital")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("所选村类别不存在"));
    let before = village.categories.clone();
    let now = entity::organisation::Entity::find_by_id(v).one(app.db()).await.expect("q").expect("v").categories;
    assert_eq!(now, before);
    let res = office
        .post(
            &format!("/office/organisations/{v}/categories"),
            &[
                ("category", "relocation"),
                ("category", "weak_collective"),
                ("back", "/office/organisations?kind=village"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/office/organisations?kind=village");
    assert!(office.get(location(&res)).await.body.contains("设为：集体经济薄弱村、易地搬迁安置点"));
    let stored = entity::organisation::Entity::find_by_id(v).one(app.db()).await.expect("q").expect("v").categories;
    assert_eq!(stored.as_deref(), Some(",weak_collective,relocation,"));
    assert_eq!(
        common::count(app.db(), "audit_event", &format!("action = 'organisation.categories' AND entity_id = '{v}'"))
            .await,
        1
    );
    assert!(Client::new(&app).get(&format!("/organisations/{v}")).await.body.contains("易地搬迁安置点"), "public");
    // The campaign form lists the villages of a category, and only those.
    let picked = office.get("/office/campaigns/new?category=relocation").await;
    let in_db = common::count(
        app.db(),
        "organisation",
        "kind = 'village' AND status = 'verified' AND region_code LIKE '360902%' AND categories LIKE '%,relocation,%'",
    )
    .await;
    assert!(in_db >= 1);
    assert_eq!(picked.body.matches("name=\"villages\"").count() as i64, in_db, "{}", picked.body);
    assert!(
        picked.body.contains(&format!("value=\"#{v}\""))
            && picked.body.contains("<option value=\"relocation\" selected>")
    );
    // Not for an enterprise, not for another county's office, not for the auditor.
    let firm = entity::organisation::Entity::find()
        .filter(entity::organisation::Column::Kind.eq("enterprise"))
        .filter(entity::organisation::Column::RegionCode.starts_with("360902"))
        .one(app.db())
        .await
        .expect("q")
        .expect("a 袁州 firm");
    assert_eq!(office.get(&format!("/office/organisations/{}/categories", firm.id)).await.status, StatusCode::CONFLICT);
    let mut gaoan = common::staff_client(&app, "office", "gaoan-fpb", "360983000000", "Gao-an-2026").await;
    assert_eq!(gaoan.post(&format!("/office/organisations/{v}/categories"), &[]).await.status, StatusCode::NOT_FOUND);
    let mut auditor = Client::new(&app);
    auditor.login("auditor", DEMO_PASSWORD).await;
    auditor.get("/audit").await;
    assert_eq!(auditor.post(&format!("/office/organisations/{v}/categories"), &[]).await.status, StatusCode::FORBIDDEN);
    // Nothing ticked clears them.
    let res = office.post(&format!("/office/organisations/{v}/categories"), &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(office.get(location(&res)).await.body.contains("已清除"));
    let cleared = entity::organisation::Entity::find_by_id(v).one(app.db()).await.expect("q").expect("v").categories;
    assert_eq!(cleared, None);
}

/// An enterprise's budget for a kind of help keeps the pairs of that kind within it: set on
/// the campaign page (a wrong amount comes back beside the budgets and changes nothing), it
/// makes the campaign stale, and the next solve proposes only what the budget covers, says
/// so in the pair's reason and the village left out; an issued campaign refuses a budget. The
/// API drafts a campaign with budgets too.
#[tokio::test]
async fn a_budget_keeps_the_proposal_within_what_the_enterprise_can_spend() {
    let app = TestApp::with_demo().await;
    app.state.search.catch_up(app.db()).await.expect("index");
    let actor = qicun::audit::Actor::system("test");
    let now = app.state.clock.now();
    let today = app.state.clock.today();
    // Find an enterprise that, free to take every village, gets two or more villages for
    // one kind of help with amounts: the city's villages against all its enterprises.
    let all = qicun::campaign::Draft {
        name: "找预算的例子".into(),
        villages: (1..=29).map(|i| format!("demo-village-{i:02}")).collect(),
        enterprises: (1..=19).map(|i| format!("demo-enterprise-{i:02}")).collect(),
        as_of: today,
        capacity: 29,
        one_to_one: false,
        per_village: 1,
        max_km: None,
        office: None,
        budgets: Vec::new(),
    };
    let probe = qicun::campaign::create(app.db(), &all, &actor, now).await.expect("draft");
    qicun::campaign::solve_campaign(app.db(), &app.state.search, probe.id, &actor, now).await.expect("solve");
    let proposed = pairs(&app, probe.id, "proposed").await;
    let mut groups: std::collections::BTreeMap<(i32, String), Vec<&entity::campaign_pair::Model>> = Default::default();
    for p in proposed.iter().filter(|p| p.cost_fen.unwrap_or(0) > 0) {
        groups.entry((p.enterprise_id, p.help_kind.clone().expect("kind kept"))).or_default().push(p);
    }
    let ((enterprise, kind), group) =
        groups.into_iter().find(|(_, g)| g.len() >= 2).expect("some enterprise gets two villages for one kind");
    let cheapest = group.iter().filter_map(|p| p.cost_fen).min().expect("costs");
    let villages: Vec<i32> = group.iter().map(|p| p.village_id).collect();

    // The test campaign, drafted in the browser: those villages and that enterprise.
    let mut office = Client::new(&app);
    assert_eq!(office.login("yichun-fpb", DEMO_PASSWORD).await.status, StatusCode::SEE_OTHER);
    let ids: Vec<String> = villages.iter().map(ToString::to_string).collect();
    let capacity = villages.len().to_string();
    let mut fields: Vec<(&str, &str)> = vec![("name", "预算试点"), ("as_of", "2026-12-04"), ("capacity", &capacity)];
    fields.extend(ids.iter().map(|v| ("villages", v.as_str())));
    let e = enterprise.to_string();
    fields.push(("enterprises", &e));
    let made = office.post("/office/campaigns", &fields).await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let id = campaign_id(&made);
    let solved = office.post(&format!("/office/campaigns/{id}/solve"), &[]).await;
    assert_eq!(solved.status, StatusCode::SEE_OTHER, "{}", solved.body);
    assert_eq!(pairs(&app, id, "proposed").await.len(), villages.len(), "without a budget every village is taken");
    let page = office.get(&format!("/office/campaigns/{id}")).await;
    assert!(page.body.contains("企业名额与预算") && page.body.contains("预算：不限"), "no budget yet");

    // A wrong amount: said beside the budgets, nothing stored.
    let target = format!("#{enterprise}");
    let bad = office
        .post(
            &format!("/office/campaigns/{id}/budget"),
            &[("enterprise", &target), ("kind", &kind), ("amount", "十万")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("预算金额只能是数字") && bad.body.contains("value=\"十万\""), "{}", bad.body);
    assert_eq!(common::count(app.db(), "campaign_budget", &format!("campaign_id = {id}")).await, 0);
    // An enterprise not in the campaign: refused by name, nothing stored.
    let stranger = org(&app, "demo-enterprise-19").await;
    let other = if stranger == enterprise { org(&app, "demo-enterprise-18").await } else { stranger };
    let outside = office
        .post(
            &format!("/office/campaigns/{id}/budget"),
            &[("enterprise", &format!("#{other}")), ("kind", &kind), ("amount", "1000")],
        )
        .await;
    assert_eq!(outside.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(outside.body.contains("所选企业不在本次行动中"), "{}", outside.body);

    // The cheapest pair's amount as the budget: one pair of that kind fits, not two.
    let yuan = qicun::money::Money(cheapest).plain_yuan();
    let set = office
        .post(&format!("/office/campaigns/{id}/budget"), &[("enterprise", &target), ("kind", &kind), ("amount", &yuan)])
        .await;
    assert_eq!(set.status, StatusCode::SEE_OTHER, "{}", set.body);
    let page = office.get(location(&set)).await;
    assert!(page.body.contains("预算已设定") && page.body.contains("请重新求解"), "{}", page.body);
    assert!(page.body.contains("上次求解后又改动了结对或预算"), "the campaign reads as changed");
    assert!(page.body.contains(&qicun::money::Money(cheapest).display()), "the budget is shown");
    assert!(!page.body.contains("下发这"), "a changed campaign is not issued before a new solve");
    let audit =
        common::count(app.db(), "audit_event", &format!("action = 'campaign.budget' AND entity_id = '{id}'")).await;
    assert_eq!(audit, 1, "the budget is audited");

    let solved = office.post(&format!("/office/campaigns/{id}/solve"), &[]).await;
    assert_eq!(solved.status, StatusCode::SEE_OTHER, "{}", solved.body);
    let now_proposed = pairs(&app, id, "proposed").await;
    let spent: i64 =
        now_proposed.iter().filter(|p| p.help_kind.as_deref() == Some(kind.as_str())).filter_map(|p| p.cost_fen).sum();
    assert!(spent <= cheapest, "the proposal keeps within the budget: {spent} > {cheapest}");
    let paid = now_proposed
        .iter()
        .filter(|p| p.help_kind.as_deref() == Some(kind.as_str()) && p.cost_fen.unwrap_or(0) > 0)
        .count();
    assert_eq!(paid, 1, "one pair of that kind fits the budget: {now_proposed:?}");
    let page = office.get(&format!("/office/campaigns/{id}")).await;
    assert!(page.body.contains("计入本企业「"), "the reason names the budget: {}", page.body);
    assert!(page.body.contains("预算只剩 ¥0.00，不够本村所需的"), "the village left out says why: {}", page.body);
    assert!(page.body.contains("下发这"), "solved again, the campaign may be issued");

    // An empty amount is not a way to take a budget away: refused, the budget kept.
    let empty = office
        .post(&format!("/office/campaigns/{id}/budget"), &[("enterprise", &target), ("kind", &kind), ("amount", "")])
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("请填写预算金额"), "{}", empty.body);
    assert_eq!(common::count(app.db(), "campaign_budget", &format!("campaign_id = {id}")).await, 1);
    // 取消: every village again after a solve.
    let off = office
        .post(&format!("/office/campaigns/{id}/budget"), &[("enterprise", &target), ("kind", &kind), ("remove", "1")])
        .await;
    assert_eq!(off.status, StatusCode::SEE_OTHER, "{}", off.body);
    assert!(office.get(location(&off)).await.body.contains("预算已取消"));
    assert_eq!(common::count(app.db(), "campaign_budget", &format!("campaign_id = {id}")).await, 0);
    office.post(&format!("/office/campaigns/{id}/solve"), &[]).await;
    assert_eq!(pairs(&app, id, "proposed").await.len(), villages.len());

    // Issued: a budget is refused with why, nothing stored.
    let issued = office.post(&format!("/office/campaigns/{id}/issue"), &[]).await;
    assert_eq!(issued.status, StatusCode::SEE_OTHER, "{}", issued.body);
    let late = office
        .post(
            &format!("/office/campaigns/{id}/budget"),
            &[("enterprise", &target), ("kind", &kind), ("amount", "1000")],
        )
        .await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert!(late.body.contains("已下发结对，不能再改预算"), "{}", late.body);
    assert_eq!(common::count(app.db(), "campaign_budget", &format!("campaign_id = {id}")).await, 0);

    // An enterprise's staff are refused, and not sent on to the campaign page (refused too).
    let mut firm = Client::new(&app);
    assert_eq!(firm.login("qiye01", DEMO_PASSWORD).await.status, StatusCode::SEE_OTHER);
    let not_theirs = firm
        .post(
            &format!("/office/campaigns/{id}/budget"),
            &[("enterprise", &target), ("kind", &kind), ("amount", "1000")],
        )
        .await;
    assert_eq!(not_theirs.status, StatusCode::FORBIDDEN);
    assert!(!not_theirs.body.contains("查看该专项行动"), "{}", not_theirs.body);

    // The API drafts with a budget; a budget for an enterprise outside the campaign is refused.
    let token = common::token_for(&app, "yichun-fpb").await;
    let post = |body: serde_json::Value| {
        axum::http::Request::builder()
            .method("POST")
            .uri("/api/v1/campaigns")
            .header("authorization", format!("Bearer {token}"))
            .header("content-type", "application/json")
            .body(axum::body::Body::from(body.to_string()))
            .expect("request")
    };
    let refs: Vec<String> = ids.iter().map(|v| format!("#{v}")).collect();
    let wrong = app
        .request(post(serde_json::json!({"name": "API 预算", "villages": refs, "enterprises": [target],
            "budgets": [{"enterprise": format!("#{other}"), "kind": kind, "amount_fen": 100}]})))
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", wrong.body);
    assert!(wrong.body.contains("\"field\":\"budget\""), "{}", wrong.body);
    let made = app
        .request(post(serde_json::json!({"name": "API 预算", "villages": refs, "enterprises": [target],
            "capacity": villages.len(), "budgets": [{"enterprise": target, "kind": kind, "amount_fen": cheapest}]})))
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let view: serde_json::Value = serde_json::from_str(&made.body).expect("json");
    let budgets = &view["enterprises"][0]["budgets"];
    assert_eq!(budgets[0]["amount_fen"], cheapest, "{view}");
    assert_eq!(budgets[0]["kind"], kind.as_str());
}

/// 多企一村: a village may take up to the campaign's number of enterprises; covering every
/// village comes first, then second partners. A wrong number comes back under its field.
#[tokio::test]
async fn a_village_may_take_several_enterprises_once_every_village_is_covered() {
    let app = TestApp::with_demo().await;
    app.state.search.catch_up(app.db()).await.expect("index");
    let mut office = Client::new(&app);
    assert_eq!(office.login("yichun-fpb", DEMO_PASSWORD).await.status, StatusCode::SEE_OTHER);
    let mut ids = Vec::new();
    for r in ["demo-village-01", "demo-village-02"] {
        ids.push(("villages", org(&app, r).await.to_string()));
    }
    for i in 1..=19 {
        ids.push(("enterprises", org(&app, &format!("demo-enterprise-{i:02}")).await.to_string()));
    }
    let mut fields: Vec<(&str, &str)> = vec![("name", "多企一村试点"), ("as_of", "2026-12-04"), ("capacity", "1")];
    fields.extend(ids.iter().map(|(k, v)| (*k, v.as_str())));
    let mut bad = fields.clone();
    bad.push(("per_village", "二"));
    let refused = office.post("/office/campaigns", &bad).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("每个村结对的企业数应为 1 到 10 的整数"), "{}", refused.body);
    fields.push(("per_village", "3"));
    let made = office.post("/office/campaigns", &fields).await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let id = campaign_id(&made);
    let page = office.get(location(&made)).await;
    assert!(page.body.contains("每村最多结对 3 家企业（多企一村）"), "{}", page.body);
    office.post(&format!("/office/campaigns/{id}/solve"), &[]).await;
    let proposed = pairs(&app, id, "proposed").await;
    let mut per_village: std::collections::BTreeMap<i32, usize> = Default::default();
    for p in &proposed {
        *per_village.entry(p.village_id).or_default() += 1;
    }
    assert_eq!(per_village.len(), 2, "both villages are covered: {proposed:?}");
    assert!(per_village.values().all(|&n| n <= 3), "at most three each: {per_village:?}");
    assert!(per_village.values().any(|&n| n >= 2), "a village takes a second enterprise: {per_village:?}");
}
