//! 公示 and objections: an approved pairing goes on notice; an objection marks it 有异议 in the
//! totals until handled (a flood of invented ones cannot empty them); dismissal publishes the
//! reason, upholding takes the record out for good; the objector's contact is never public,
//! sealed at rest and erased after its retention; objections are limited per address and contact.

mod common;

use axum::http::StatusCode;
use common::{Client, TestApp, count};
use qicun::demo::DEMO_PASSWORD;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

async fn figures(app: &TestApp) -> qicun::stats::Figures {
    qicun::stats::figures(app.db(), app.state.clock.today()).await.expect("figures")
}

/// The newest notice about `entity` `id`.
async fn notice_of(app: &TestApp, entity: &str, id: i32) -> i32 {
    entity::notice::Entity::find()
        .all(app.db())
        .await
        .expect("q")
        .into_iter()
        .filter(|n| n.entity == entity && n.entity_id == id)
        .map(|n| n.id)
        .max()
        .expect("notice")
}

#[tokio::test]
async fn an_objection_marks_a_pairing_in_the_totals_until_dismissed_with_a_public_reason() {
    let app = TestApp::with_demo().await;
    // Pairing 8 (万载) waits for review; the city office approves it.
    let mut office = Client::new(&app);
    office.login("yichun-fpb", DEMO_PASSWORD).await;
    let start = figures(&app).await;
    let before = start.approved_pairings;
    assert_eq!(office.post("/pairings/8/approve", &[("reason", "同意")]).await.status, StatusCode::SEE_OTHER);
    assert_eq!(figures(&app).await.approved_pairings, before + 1);
    let notice = notice_of(&app, "pairing", 8).await;
    let public = Client::new(&app).get("/notices").await;
    assert!(public.body.contains(&format!("/notices/{notice}")));

    let mut citizen = Client::new(&app);
    citizen.get(&format!("/notices/{notice}")).await;
    let bad = citizen
        .post(
            &format!("/notices/{notice}/objections"),
            &[("body", "短"), ("contact_name", ""), ("contact_phone", "123")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Every field's error at once, not one round each.
    assert!(bad.body.contains("请写明异议内容") && bad.body.contains("11 位手机号码"));
    assert!(bad.body.contains("请留下姓名"), "{}", bad.body);
    let empty = citizen
        .post(&format!("/notices/{notice}/objections"), &[("body", ""), ("contact_name", ""), ("contact_phone", "")])
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        empty.body.contains("请写明异议内容")
            && empty.body.contains("请留下姓名")
            && empty.body.contains("11 位手机号码"),
        "{}",
        empty.body
    );
    let res = citizen
        .post(
            &format!("/notices/{notice}/objections"),
            &[("body", "这家企业去年就没有兑现承诺"), ("contact_name", "王先生"), ("contact_phone", "13807950999")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    // 万载 has no county office of its own here: the city office hears of it, and only it.
    let told = count(app.db(), "notification", "title LIKE '公示收到异议%'").await;
    let told_city = count(
        app.db(),
        "notification",
        "title LIKE '公示收到异议%' AND user_id IN (SELECT id FROM \"user\" WHERE login = 'yichun-fpb')",
    )
    .await;
    assert!(told_city >= 1 && told == told_city, "{told} messages, {told_city} to the city office");
    let marked = figures(&app).await;
    assert_eq!(marked.approved_pairings, before + 1, "under objection: still counted…");
    assert_eq!(marked.disputed_pairings, start.disputed_pairings + 1, "…and marked");
    let home = Client::new(&app).get("/").await;
    assert!(home.body.contains(&format!("其中 {} 项有异议，核实中", marked.disputed_pairings)));
    let page = Client::new(&app).get(&format!("/notices/{notice}")).await;
    assert!(page.body.contains("正在核查"));
    assert!(
        !page.body.contains("13807950999") && !page.body.contains("王先生") && !page.body.contains("没有兑现承诺"),
        "neither contact nor words are public"
    );
    let list = office.get("/office/objections").await;
    assert!(list.body.contains("13807950999"), "the office sees the contact");

    let objection =
        entity::objection::Entity::find().all(app.db()).await.expect("q").into_iter().map(|o| o.id).max().expect("id");
    let confirm = office.get(&format!("/objections/{objection}/confirm/dismiss")).await;
    assert!(
        confirm.body.contains("确认异议不成立") && confirm.body.contains("异议内容"),
        "the page shows what is decided"
    );
    // Too short a resolution: the same form again, what was typed kept, the message under it.
    let res = office.post(&format!("/objections/{objection}/dismiss"), &[("resolution", "否")]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("id=\"e-resolution\"") && res.body.contains(">否</textarea>"), "{}", res.body);
    let res = office
        .post(&format!("/objections/{objection}/dismiss"), &[("resolution", "经核查，该企业去年协议已全部完成。")])
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(office.get(common::location(&res)).await.body.contains("已认定异议不成立"), "the office sees what it did");
    // Tabs by state; the handled one holds it now. The workbook lists the city's objections
    // without who filed them.
    let handled = office.get("/office/objections?state=handled").await;
    assert!(
        handled.body.contains("经核查，该企业去年协议已全部完成。")
            && handled.body.contains("aria-current=\"page\">已处理")
    );
    assert!(!office.get("/office/objections").await.body.contains("经核查，该企业去年协议已全部完成。"));
    let res = office.get("/office/objections?state=all&format=xlsx").await;
    assert_eq!(res.status, StatusCode::OK);
    {
        use calamine::Reader;
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(res.bytes)).expect("xlsx");
        let sheet = book.worksheet_range("异议").expect("sheet");
        let in_scope =
            common::count(app.db(), "objection", "notice_id IN (SELECT id FROM notice WHERE region_code LIKE '3609%')")
                .await;
        assert!(in_scope >= 1);
        assert_eq!(sheet.height() as i64, in_scope + 2);
        let cells: Vec<String> = sheet.rows().flat_map(|r| r.iter().map(|c| c.to_string())).collect();
        assert!(cells.iter().any(|c| c == "经核查，该企业去年协议已全部完成。"));
        assert!(!cells.iter().any(|c| c.contains("13807950999") || c.contains("王先生")), "no contacts in a file");
    }
    let dismissed = figures(&app).await;
    assert_eq!(
        (dismissed.approved_pairings, dismissed.disputed_pairings),
        (before + 1, start.disputed_pairings),
        "dismissed: no mark"
    );
    assert!(
        Client::new(&app).get(&format!("/notices/{notice}")).await.body.contains("经核查，该企业去年协议已全部完成。")
    );
    assert_eq!(
        office.post(&format!("/objections/{objection}/uphold"), &[("resolution", "再改")]).await.status,
        StatusCode::CONFLICT
    );
}

#[tokio::test]
async fn an_upheld_objection_suspends_a_contribution_for_good() {
    let app = TestApp::with_demo().await;
    // Demo contribution 2 is confirmed; the 袁州 office verifies it, which puts it on notice.
    let mut office = Client::new(&app);
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    let before = figures(&app).await;
    let record = entity::contribution::Entity::find_by_id(2).one(app.db()).await.expect("q").expect("record 2");
    let agreement =
        entity::agreement::Entity::find_by_id(record.agreement_id).one(app.db()).await.expect("q").expect("agreement");
    let pairing =
        entity::pairing::Entity::find_by_id(agreement.pairing_id).one(app.db()).await.expect("q").expect("pairing");
    let progress = async || -> i64 {
        qicun::agreements::progress(app.db(), &agreement).await.expect("progress").iter().map(|p| p.verified).sum()
    };
    let planned_before = progress().await;
    let res = office.post("/contributions/2/verify", &[("reason", "电话回访属实")]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let after_verify = figures(&app).await;
    assert_eq!(after_verify.verified_contributions, before.verified_contributions + 1);
    assert!(progress().await > planned_before, "the agreement counts the verified record");
    assert_eq!(
        count(app.db(), "agreement", &format!("id = {} AND status = 'completed'", agreement.id)).await,
        1,
        "it completed the agreement's plan"
    );
    let notice = notice_of(&app, "contribution", 2).await;
    let mut citizen = Client::new(&app);
    citizen.get(&format!("/notices/{notice}")).await;
    citizen
        .post(
            &format!("/notices/{notice}/objections"),
            &[("body", "收购数量明显夸大"), ("contact_name", "李女士"), ("contact_phone", "13907950998")],
        )
        .await;
    let objection =
        entity::objection::Entity::find().all(app.db()).await.expect("q").into_iter().map(|o| o.id).max().expect("id");
    let res = office
        .post(
            &format!("/objections/{objection}/uphold"),
            &[("resolution", "经核查，实际收购量只有上报的一半，记录暂停。")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let after = figures(&app).await;
    assert_eq!(after.verified_contributions, before.verified_contributions, "suspended: out of the totals for good");
    assert_eq!(after.contributed_fen, before.contributed_fen);
    assert_eq!(count(app.db(), "notice", &format!("id = {notice} AND status = 'suspended'")).await, 1);
    let page = Client::new(&app).get(&format!("/notices/{notice}")).await;
    assert!(
        page.body.contains("已暂停") && !page.body.contains("提交异议"),
        "no more objections on a suspended notice"
    );
    // Everywhere else too (an outside walk saw the firm's workbench and the agreement still
    // count it, with no word to either side): the agreement's progress, its page, the inbox of
    // both sides.
    assert_eq!(progress().await, planned_before, "the agreement no longer counts it");
    let firm_user = entity::user::Entity::find()
        .filter(entity::user::Column::OrganisationId.eq(pairing.enterprise_id))
        .one(app.db())
        .await
        .expect("q")
        .expect("a user of the enterprise");
    let mut firm = Client::new(&app);
    firm.login(&firm_user.login, DEMO_PASSWORD).await;
    let page = firm.get(&format!("/agreements/{}", agreement.id)).await;
    assert!(page.body.contains("异议成立，暂停公示，不计入统计"), "{}", page.body);
    // The record says why it was taken off, not what was decided on it before.
    assert!(
        page.body.contains("公示异议成立，暂停公示：经核查，实际收购量只有上报的一半，记录暂停。"),
        "{}",
        page.body
    );
    // Its verification had completed the agreement; without it the plan is not met: the
    // agreement is in force again, and the enterprise sets the record right — a new report
    // replaces it, to be confirmed and verified again.
    assert_eq!(
        count(app.db(), "agreement", &format!("id = {} AND status = 'active'", agreement.id)).await,
        1,
        "in force again"
    );
    assert_eq!(count(app.db(), "audit_event", "action = 'agreement.reopen'").await, 1);
    // Its milestones are as the records left on notice reach them (not 已完成 on its account).
    let left: i64 = entity::contribution::Entity::find()
        .all(app.db())
        .await
        .expect("q")
        .iter()
        .filter(|c| c.agreement_id == agreement.id && c.status == "verified" && c.id != 2)
        .map(|c| c.amount_fen)
        .sum();
    let milestones: Vec<_> = entity::milestone::Entity::find()
        .all(app.db())
        .await
        .expect("q")
        .into_iter()
        .filter(|m| m.agreement_id == agreement.id)
        .collect();
    assert!(!milestones.is_empty(), "the agreement has milestones");
    assert!(milestones.iter().any(|m| m.planned_amount_fen > left), "one it reached only with the record");
    for m in &milestones {
        assert_eq!(m.done_at.is_some(), m.planned_amount_fen <= left, "{m:?} against {left}");
    }
    // The enterprise is told where to set it right.
    let told = count(
        app.db(),
        "notification",
        &format!(
            "title LIKE '%更正%' AND link = '/agreements/{}#c2' AND user_id IN (SELECT id FROM \"user\" WHERE organisation_id = {})",
            agreement.id, pairing.enterprise_id
        ),
    )
    .await;
    assert_eq!(told, 1, "the enterprise's message links the record");
    assert!(page.body.contains("href=\"/contributions/2/correct\""), "a way to correct it: {}", page.body);
    let form = firm.get("/contributions/2/correct").await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    assert!(form.body.contains("name=\"corrects\" value=\"2\""));
    let key = form.body.split("name=\"submission\" value=\"").nth(1).and_then(|s| s.split('"').next()).unwrap_or("");
    let fields: Vec<(String, String)> = [
        ("submission", key.to_owned()),
        ("corrects", "2".to_owned()),
        ("kind", "money".to_owned()),
        ("amount_yuan", "1000".to_owned()),
        ("contributed_on", record.contributed_on.to_string()),
        ("description", "更正：按核查结果重报，实际数量为原报的一半".to_owned()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    let res = firm.post_multipart(&format!("/agreements/{}/contributions", agreement.id), &fields, &["files"]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(count(app.db(), "contribution", "id = 2 AND status = 'corrected'").await, 1);
    assert_eq!(count(app.db(), "contribution", "supersedes_id = 2 AND status = 'reported'").await, 1);
    assert_eq!(figures(&app).await.verified_contributions, before.verified_contributions, "not counted until verified");
    for org in [pairing.enterprise_id, pairing.village_id] {
        let told = count(
            app.db(),
            "notification",
            &format!("title LIKE '%异议成立%' AND user_id IN (SELECT id FROM \"user\" WHERE organisation_id = {org})"),
        )
        .await;
        assert!(told >= 1, "organisation {org} is told");
    }
}

#[tokio::test]
async fn objections_are_limited_per_address() {
    let app = TestApp::with_demo().await;
    let notice = notice_of(&app, "pairing", 4).await;
    let mut citizen = Client::new(&app);
    let page = citizen.get(&format!("/notices/{notice}")).await;
    assert!(page.body.contains("提交异议"), "the demo has open notices");
    let mut last = StatusCode::OK;
    for _ in 0..=qicun::app::OBJECTIONS_PER_HOUR {
        last = citizen.post(&format!("/notices/{notice}/objections"), &[("body", "短")]).await.status;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn a_flood_of_invented_objections_marks_the_figures_but_never_empties_them() {
    let app = TestApp::with_demo().await;
    let before = figures(&app).await;
    assert!(before.approved_pairings > 0 && before.verified_contributions > 0, "the demo has figures");
    let open_notices: Vec<i32> = entity::notice::Entity::find()
        .all(app.db())
        .await
        .expect("q")
        .into_iter()
        .filter(|n| n.status == "open" && n.window_end > app.state.clock.now())
        .map(|n| n.id)
        .collect();
    assert!(open_notices.len() >= 2, "the demo has open notices");
    // Many addresses, invented contacts: every open notice gets objections.
    let mut filed = 0;
    for (i, notice) in open_notices.iter().enumerate() {
        for j in 0..3u8 {
            let mut c = Client::new(&app);
            c.ip = ([10, 9, i as u8, j], 5000).into();
            c.get(&format!("/notices/{notice}")).await;
            let phone = format!("1390000{:02}{:02}", i, j);
            let form =
                [("body", "编造的异议，想让数字清零"), ("contact_name", "某人"), ("contact_phone", phone.as_str())];
            assert_eq!(c.post(&format!("/notices/{notice}/objections"), &form).await.status, StatusCode::SEE_OTHER);
            filed += 1;
        }
    }
    assert!(filed >= 6);
    let after = figures(&app).await;
    assert_eq!(after.approved_pairings, before.approved_pairings, "nothing left the totals");
    assert_eq!(after.verified_contributions, before.verified_contributions);
    assert_eq!(after.contributed_fen, before.contributed_fen);
    assert!(after.disputed_pairings + after.disputed_contributions > 0, "but they are marked");

    // One contact: one open objection per notice, and a few in all.
    let notice = open_notices[0];
    let mut c = Client::new(&app);
    c.ip = ([10, 8, 0, 1], 5000).into();
    c.get(&format!("/notices/{notice}")).await;
    let same = [("body", "同一个人再提一次"), ("contact_name", "某人"), ("contact_phone", "13900000000")];
    let res = c.post(&format!("/notices/{notice}/objections"), &same).await;
    assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.body);
    assert!(res.body.contains("已经收到"));
    // The contact is sealed at rest: the phone is nowhere in the table.
    let rows = entity::objection::Entity::find().all(app.db()).await.expect("q");
    assert!(rows.iter().all(|o| !o.contact_phone.contains("13900000000") && o.contact_phone.starts_with("s1:")));
    assert!(rows.iter().all(|o| !o.contact_name.contains("某人")));
    // …and the office still reads it.
    let mut office = Client::new(&app);
    office.login("yichun-fpb", DEMO_PASSWORD).await;
    assert!(office.get("/office/objections").await.body.contains("某人 13900000000"));
}

#[tokio::test]
async fn one_contact_has_at_most_a_few_open_objections_and_handled_contacts_are_erased_in_time() {
    let app = TestApp::with_demo().await;
    // More notices open than one contact may object to at once.
    for id in 1..=4 {
        let n = qicun::notices::Notice {
            entity: "pairing",
            id,
            title: "测试公示",
            summary: "测试",
            region_code: "360902000000",
        };
        qicun::notices::publish(app.db(), n, app.state.clock.now(), 10).await.expect("notice");
    }
    let notices: Vec<i32> = entity::notice::Entity::find()
        .all(app.db())
        .await
        .expect("q")
        .into_iter()
        .filter(|n| n.status == "open" && n.window_end > app.state.clock.now())
        .map(|n| n.id)
        .collect();
    assert!(notices.len() as u64 > qicun::notices::OPEN_PER_CONTACT, "more open notices than the cap");
    let form = [("body", "同一个号码对多条公示提出异议"), ("contact_name", "赵某"), ("contact_phone", "13611112222")];
    let mut last = StatusCode::OK;
    let mut body = String::new();
    for (i, notice) in notices.iter().enumerate() {
        let mut c = Client::new(&app);
        c.ip = ([10, 7, 0, i as u8], 5000).into();
        c.get(&format!("/notices/{notice}")).await;
        let res = c.post(&format!("/notices/{notice}/objections"), &form).await;
        last = res.status;
        body = res.body;
    }
    assert_eq!(last, StatusCode::CONFLICT);
    assert!(body.contains("件异议正在核实"), "{body}");
    let mine = entity::objection::Entity::find().all(app.db()).await.expect("q");
    let key = app.state.sealer.digest("13611112222");
    let open = mine.iter().filter(|o| o.status == "open" && o.contact_key.as_deref() == Some(key.as_str())).count();
    assert_eq!(open as u64, qicun::notices::OPEN_PER_CONTACT);
    // An office handles one; 180 days later its contact is erased, the outcome stays.
    let mut office = Client::new(&app);
    office.login("yichun-fpb", DEMO_PASSWORD).await;
    let id = mine.iter().filter(|o| o.contact_key.as_deref() == Some(key.as_str())).map(|o| o.id).min().expect("one");
    let res = office.post(&format!("/objections/{id}/dismiss"), &[("resolution", "经核查不属实，驳回。")]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let erased_now = qicun::notices::erase_old_contacts(app.db(), app.state.clock.now()).await.expect("erase");
    let o = entity::objection::Entity::find_by_id(id).one(app.db()).await.expect("q").expect("kept");
    assert_ne!(o.contact_phone, qicun::notices::ERASED, "not yet ({erased_now} older ones from the demo)");
    app.state.clock.advance(chrono::Duration::days(qicun::notices::CONTACT_RETENTION_DAYS + 1));
    assert!(qicun::notices::erase_old_contacts(app.db(), app.state.clock.now()).await.expect("erase") >= 1);
    let o = entity::objection::Entity::find_by_id(id).one(app.db()).await.expect("q").expect("kept");
    assert_eq!((o.contact_phone.as_str(), o.status.as_str()), (qicun::notices::ERASED, "dismissed"));
    assert!(count(app.db(), "audit_event", "action = 'objection.contacts_erased'").await >= 1);
}

#[tokio::test]
async fn a_notice_shows_what_public_notice_rules_ask_for_with_the_person_in_charge_masked() {
    use sea_orm::EntityTrait;
    let app = TestApp::with_demo().await;
    let n = entity::notice::Entity::find()
        .all(app.db())
        .await
        .expect("q")
        .into_iter()
        .find(|n| n.entity == "contribution" && n.status != "suspended")
        .expect("the demo has a contribution on notice");
    let c = entity::contribution::Entity::find_by_id(n.entity_id).one(app.db()).await.expect("q").expect("c");
    let a = entity::agreement::Entity::find_by_id(c.agreement_id).one(app.db()).await.expect("q").expect("a");
    let p = entity::pairing::Entity::find_by_id(a.pairing_id).one(app.db()).await.expect("q").expect("p");
    let ent = entity::organisation::Entity::find_by_id(p.enterprise_id).one(app.db()).await.expect("q").expect("e");
    let page = Client::new(&app).get(&format!("/notices/{}", n.id)).await;
    assert_eq!(page.status, 200);
    for label in ["项目名称", "地点（受帮扶村）", "实施单位（帮扶企业）", "帮扶内容", "时间", "协议期限"]
    {
        assert!(page.body.contains(&format!("<dt>{label}</dt>")), "{label}: {}", page.body);
    }
    assert!(page.body.contains(&a.title) && page.body.contains(&ent.name));
    // Where: the county, then the village's name, which says its township itself (an outside
    // walk read 袁州区 慈化镇 慈化镇石桥村民委员会).
    let village = entity::organisation::Entity::find_by_id(p.village_id).one(app.db()).await.expect("q").expect("v");
    let place = page.body.split("<dt>地点（受帮扶村）</dt>").nth(1).and_then(|s| s.split("</dd>").next()).unwrap_or("");
    assert!(place.contains(&village.name), "{place}");
    let township: String = village.name.chars().take_while(|c| *c != '镇' && *c != '乡').collect();
    assert!(!township.is_empty() && place.matches(township.as_str()).count() == 1, "{place}");
    let who = ent.contact_name.clone().expect("a contact");
    assert!(!page.body.contains(&who), "the person in charge is not named in full on a public page");
    let first: String = who.chars().take(1).collect();
    assert!(page.body.contains(&format!("<dd>{first}*")), "masked: {first}*…");
}

#[tokio::test]
async fn the_office_hears_when_a_village_confirms_a_record_to_verify() {
    let app = TestApp::with_demo().await;
    let mut village = Client::new(&app);
    village.login("cun01", DEMO_PASSWORD).await;
    village.get("/agreements/1").await;
    assert_eq!(count(app.db(), "contribution", "id = 3 AND status = 'reported'").await, 1);
    assert_eq!(village.post("/contributions/3/confirm", &[]).await.status, StatusCode::SEE_OTHER);
    let told = count(
        app.db(),
        "notification",
        "title LIKE '%待扶贫办核实%' AND user_id IN (SELECT id FROM \"user\" WHERE login = 'yuanzhou-fpb')",
    )
    .await;
    assert_eq!(told, 1);
}

#[tokio::test]
async fn notices_of_one_enterprise_read_apart_in_the_list() {
    let app = TestApp::with_demo().await;
    let notices = entity::notice::Entity::find().all(app.db()).await.expect("q");
    let of_contributions: Vec<_> = notices.iter().filter(|n| n.entity == "contribution").collect();
    // The demo's records: some firm has more than one on notice.
    let mut by_firm: std::collections::HashMap<i32, usize> = std::collections::HashMap::new();
    for n in &of_contributions {
        let c = entity::contribution::Entity::find_by_id(n.entity_id).one(app.db()).await.expect("q").expect("c");
        let a = entity::agreement::Entity::find_by_id(c.agreement_id).one(app.db()).await.expect("q").expect("a");
        let p = entity::pairing::Entity::find_by_id(a.pairing_id).one(app.db()).await.expect("q").expect("p");
        *by_firm.entry(p.enterprise_id).or_default() += 1;
    }
    assert!(by_firm.values().any(|n| *n >= 2), "a firm with two records on notice: {by_firm:?}");
    let titles: std::collections::HashSet<&str> = of_contributions.iter().map(|n| n.title.as_str()).collect();
    assert_eq!(titles.len(), of_contributions.len(), "every title differs: {titles:?}");
    assert!(of_contributions.iter().all(|n| n.title.contains(" → ") && n.title.contains("日）")));
    let list = Client::new(&app).get("/notices").await;
    for n in notices.iter().take(5) {
        assert!(list.body.contains(&n.title), "{}", n.title);
    }
    assert!(list.body.contains("公示期 "));
}

/// A pairing's notice names its agreement only once the agreement is signed and filed: a draft
/// awaiting the village's signature is no project yet (an outside walk saw its title and period
/// published).
#[tokio::test]
async fn a_pairing_notice_names_only_a_signed_agreement() {
    let app = TestApp::with_demo().await;
    let notices: Vec<_> = entity::notice::Entity::find()
        .all(app.db())
        .await
        .expect("q")
        .into_iter()
        .filter(|n| n.entity == "pairing")
        .collect();
    let (mut drafts, mut signed) = (0, 0);
    for n in &notices {
        let Some(a) = entity::agreement::Entity::find()
            .filter(entity::agreement::Column::PairingId.eq(n.entity_id))
            .one(app.db())
            .await
            .expect("q")
        else {
            continue;
        };
        let page = Client::new(&app).get(&format!("/notices/{}", n.id)).await;
        assert_eq!(page.status, StatusCode::OK);
        let in_force = matches!(a.status.as_str(), "active" | "completed" | "terminated");
        assert_eq!(page.body.contains("<dt>项目名称</dt>"), in_force, "{} ({}): {}", a.title, a.status, page.body);
        if in_force { signed += 1 } else { drafts += 1 }
    }
    assert!(drafts >= 1 && signed >= 1, "the demo has both: {drafts} drafts, {signed} signed");
}
