//! Each role's home, the coverage radar and the cockpit, as their users see them: the office
//! lands on what waits for it (the counts are the database's), the radar names every village
//! without a partner with the reason and the next step, an approved pairing with no agreement
//! lapses after the second period with word to everyone concerned, the daily message comes
//! once a day, and the cockpit's charts, tables and XLSX say the same numbers.

mod common;

use axum::http::StatusCode;
use chrono::Duration;
use common::{Client, TestApp, location};
use qicun::demo::DEMO_PASSWORD;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

async fn org(app: &TestApp, r: &str) -> entity::organisation::Model {
    entity::organisation::Entity::find()
        .filter(entity::organisation::Column::ExternalRef.eq(r))
        .one(app.db())
        .await
        .expect("q")
        .expect("demo organisation")
}

const YUANZHOU_VILLAGES: &str = "kind = 'village' AND status = 'verified' AND region_code LIKE '360902%'";

#[tokio::test]
async fn the_office_lands_on_what_waits_for_it_and_the_radar_names_each_gap() {
    let app = TestApp::with_demo().await;
    let mut office = Client::new(&app);
    let res = office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    assert_eq!(location(&res), "/office");
    let home = office.get("/office").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("待我处理") && home.body.contains("辖区结对覆盖"), "{}", home.body);
    let villages = common::count(app.db(), "organisation", YUANZHOU_VILLAGES).await;
    assert!(villages >= 3, "the demo has 袁州 villages");
    assert!(home.body.contains(&format!("<span class=\"figure-value\">{villages}</span>")), "{}", home.body);
    let partnered = common::count(
        app.db(),
        "organisation",
        &format!("{YUANZHOU_VILLAGES} AND id IN (SELECT village_id FROM pairing WHERE status = 'approved')"),
    )
    .await;
    assert!(partnered >= 1 && partnered < villages, "some partnered, some not: {partnered}/{villages}");
    let pending = common::count(
        app.db(),
        "organisation",
        "status = 'pending' AND kind <> 'office' AND region_code LIKE '360902%'",
    )
    .await;
    assert!(
        home.body.contains(&format!("待认证的企业和村</a> <span class=\"chip chip-pending\">{pending}</span>"))
            || (pending == 0 && home.body.contains("待认证的企业和村</a> <span class=\"chip chip-muted\">0</span>")),
        "{}",
        home.body
    );

    // The radar: every 袁州 village without an approved pairing is named with its reason.
    let radar = office.get("/office/radar").await;
    assert_eq!(radar.status, StatusCode::OK);
    // A record waiting to be verified is linked itself, not only its agreement.
    let waiting = entity::contribution::Entity::find()
        .filter(entity::contribution::Column::Status.eq("confirmed"))
        .all(app.db())
        .await
        .expect("q");
    assert!(!waiting.is_empty(), "the demo has confirmed records");
    assert!(
        waiting.iter().any(|c| radar.body.contains(&format!("href=\"/agreements/{}#c{}\"", c.agreement_id, c.id))),
        "{}",
        radar.body
    );
    let gaps = entity::organisation::Entity::find()
        .filter(entity::organisation::Column::Kind.eq("village"))
        .filter(entity::organisation::Column::Status.eq("verified"))
        .filter(entity::organisation::Column::RegionCode.starts_with("360902"))
        .all(app.db())
        .await
        .expect("q");
    let mut named = 0;
    for v in &gaps {
        let has =
            common::count(app.db(), "pairing", &format!("village_id = {} AND status = 'approved'", v.id)).await > 0;
        if !has {
            assert!(radar.body.contains(&v.name), "{} is listed", v.name);
            named += 1;
        }
    }
    assert_eq!(named as i64, villages - partnered);
    assert!(
        radar.body.contains("尚未发布需求")
            || radar.body.contains("还没有企业响应")
            || radar.body.contains("天没有进展"),
        "each with its reason"
    );
    // Another county's villages are not on the county office's radar; the auditor sees all.
    let tea = org(&app, "demo-village-07").await;
    assert!(!radar.body.contains(&tea.name));
    let mut auditor = Client::new(&app);
    auditor.login("auditor", DEMO_PASSWORD).await;
    // The whole country by province, a province by city, a city by county with its villages.
    // (Handlebars writes `=` in an attribute as `&#x3D;`, which the browser reads as `=`.)
    let all = auditor.get("/office/radar").await;
    assert_eq!(all.status, StatusCode::OK);
    assert!(all.body.replace("&#x3D;", "=").contains("href=\"/office/radar?region=36\""), "{}", all.body);
    let province = auditor.get("/office/radar?region=36").await;
    assert!(province.body.replace("&#x3D;", "=").contains("href=\"/office/radar?region=3609\""), "{}", province.body);
    let city = auditor.get("/office/radar?region=3609").await;
    assert!(
        city.body.contains("袁州区") && city.body.contains("万载县") && city.body.contains("查看村"),
        "{}",
        city.body
    );
    assert!(!city.body.contains("纳入专项行动"), "no office step offered to the auditor");
    // An office cannot look outside its jurisdiction.
    assert_eq!(office.get("/office/radar?region=3609").await.status, StatusCode::NOT_FOUND);
    assert_eq!(office.get("/office/radar?region=36x").await.status, StatusCode::NOT_FOUND);
}

async fn village_code(app: &TestApp, id: i32) -> String {
    entity::organisation::Entity::find_by_id(id).one(app.db()).await.expect("q").expect("village").region_code
}

/// Sets pairing `id` approved `days` ago by the county office, with no agreement.
async fn approved_days_ago(app: &TestApp, id: i32, days: i64) {
    let p = entity::pairing::Entity::find_by_id(id).one(app.db()).await.expect("q").expect("pairing");
    let mut am: entity::pairing::ActiveModel = p.into();
    let when = app.state.clock.now() - Duration::days(days);
    am.status = Set("approved".into());
    am.reviewed_at = Set(Some(when));
    am.updated_at = Set(when);
    am.update(app.db()).await.expect("approved long ago");
}

#[tokio::test]
async fn an_approved_pairing_without_an_agreement_is_flagged_then_lapses_with_word_to_all() {
    let app = TestApp::with_demo().await;
    // A pending pairing of the demo without an agreement, approved 45 days ago.
    let p = entity::pairing::Entity::find()
        .filter(entity::pairing::Column::Status.eq("pending_review"))
        .one(app.db())
        .await
        .expect("q")
        .expect("a pending pairing in the demo");
    assert_eq!(common::count(app.db(), "agreement", &format!("pairing_id = {}", p.id)).await, 0);
    approved_days_ago(&app, p.id, 45).await;
    let mut city = Client::new(&app);
    city.login("yichun-fpb", DEMO_PASSWORD).await;
    let radar = city.get("/office/radar").await;
    assert!(
        radar.body.contains("通过后未签协议") && radar.body.contains(&format!("/pairings/{}", p.id)),
        "{}",
        radar.body
    );
    qicun::radar::daily(app.db(), app.state.clock.now()).await.expect("daily");
    let still = entity::pairing::Entity::find_by_id(p.id).one(app.db()).await.expect("q").expect("p");
    assert_eq!(still.status, "approved", "45 days: flagged, not lapsed");

    approved_days_ago(&app, p.id, 61).await;
    let before = common::count(app.db(), "notification", &format!("link = '/pairings/{}'", p.id)).await;
    assert_eq!(qicun::radar::lapse(app.db(), app.state.clock.now()).await.expect("lapse"), 1);
    let lapsed = entity::pairing::Entity::find_by_id(p.id).one(app.db()).await.expect("q").expect("p");
    assert_eq!(lapsed.status, "lapsed");
    assert!(lapsed.open_key.is_none(), "the claim is released");
    assert_eq!(
        common::count(app.db(), "audit_event", &format!("action = 'pairing.lapse' AND entity_id = '{}'", p.id)).await,
        1
    );
    // Everyone with an account at the two sides and at the office nearest the village is told:
    // its county has no office here, so the city office (and not the province's, were there one).
    let code = village_code(&app, p.village_id).await;
    assert!(code.starts_with("3609") && !code.starts_with("360902"), "a 宜春 village outside 袁州: {code}");
    let expected = common::count(
        app.db(),
        "user",
        &format!(
            "disabled = {f} AND (organisation_id IN ({}, {}) OR organisation_id IN (SELECT id FROM organisation \
             WHERE kind = 'office' AND jurisdiction_code = '360900000000'))",
            p.enterprise_id,
            p.village_id,
            f = if common::on_postgres() { "false" } else { "0" },
        ),
    )
    .await;
    let told = common::count(app.db(), "notification", &format!("link = '/pairings/{}'", p.id)).await - before;
    assert!(expected >= 1, "the city office at least");
    assert_eq!(told, expected, "the sides with accounts and the nearest office are told");
    let page = city.get(&format!("/pairings/{}", p.id)).await;
    assert!(page.body.contains("已失效"), "{}", page.body);
    assert_eq!(qicun::radar::lapse(app.db(), app.state.clock.now()).await.expect("again"), 0, "once only");
}

#[tokio::test]
async fn each_office_hears_once_a_day_what_waits() {
    let app = TestApp::with_demo().await;
    // Nine in the morning in Shanghai: two hours later is still the same day there (the test
    // ran late in the Shanghai evening once and saw the next day).
    let now = qicun::clock::shanghai_midnight(app.state.clock.today()) + Duration::hours(9);
    let radar_messages = "link = '/office/radar' AND user_id IN (SELECT id FROM \"user\" WHERE login = 'yuanzhou-fpb')";
    assert_eq!(common::count(app.db(), "notification", radar_messages).await, 0);
    qicun::radar::daily(app.db(), now).await.expect("daily");
    assert_eq!(common::count(app.db(), "notification", radar_messages).await, 1, "one message");
    qicun::radar::daily(app.db(), now + Duration::hours(2)).await.expect("later the same day");
    assert_eq!(common::count(app.db(), "notification", radar_messages).await, 1, "not twice a day");
    qicun::radar::daily(app.db(), now + Duration::days(1)).await.expect("next day");
    assert_eq!(common::count(app.db(), "notification", radar_messages).await, 2, "again the next day");
    let mut office = Client::new(&app);
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    let inbox = office.get("/inbox").await;
    assert!(inbox.body.contains("待办："), "{}", inbox.body);
}

#[tokio::test]
async fn enterprise_and_village_staff_land_on_what_waits_for_them() {
    let app = TestApp::with_demo().await;
    let now = app.state.clock.now();
    // The county office proposes enterprise 04 to village 01: both must answer.
    let office = common::identity(&app, "yuanzhou-fpb").await;
    let (e, v) = (org(&app, "demo-enterprise-04").await, org(&app, "demo-village-01").await);
    let txn = qicun::db::write(app.db()).await.expect("txn");
    let row = entity::pairing::ActiveModel {
        enterprise_id: Set(e.id),
        village_id: Set(v.id),
        offer_id: Set(None),
        need_id: Set(None),
        source: Set("office".into()),
        score: Set(None),
        components: Set(None),
        decline_reason: Set(None),
        reviewed_by: Set(None),
        reviewed_at: Set(None),
        review_reason: Set(None),
        ..Default::default()
    };
    let p = qicun::pairings::insert_proposal(&txn, row, &office, now).await.expect("proposed");
    qicun::db::commit(txn).await.expect("commit");

    let mut cadre = Client::new(&app);
    assert_eq!(location(&cadre.login("cun01", DEMO_PASSWORD).await), "/my");
    let home = cadre.get("/my").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(
        home.body.contains("待答复的结对建议") && home.body.contains(&format!("/pairings/{}", p.id)),
        "{}",
        home.body
    );
    // The village has a contribution reported by its enterprise waiting to be confirmed.
    let reported = common::count(
        app.db(),
        "contribution",
        &format!(
            "status = 'reported' AND agreement_id IN (SELECT id FROM agreement WHERE pairing_id IN (SELECT id FROM pairing WHERE village_id = {}))",
            v.id
        ),
    )
    .await;
    assert!(reported >= 1, "the demo's active agreement of village 01 has one reported");
    assert!(home.body.contains("待确认的帮扶记录"), "{}", home.body);
    assert_eq!(home.body.matches(">确认</a>").count() as i64, reported);

    let mut firm = Client::new(&app);
    firm.login("qiye04", DEMO_PASSWORD).await;
    let home = firm.get("/my").await;
    assert!(home.body.contains(&format!("/pairings/{}", p.id)) && home.body.contains("发布帮扶资源"), "{}", home.body);

    // Once the village accepts, it no longer waits on the village; it still waits on the firm.
    let cun01 = common::identity(&app, "cun01").await;
    qicun::pairings::act(app.db(), &cun01, p.id, qicun::pairings::Act::Accept, "", now, 7).await.expect("accept");
    let home = cadre.get("/my").await;
    assert!(!home.body.contains(&format!("/pairings/{}\"", p.id)), "answered");
    assert!(home.body.contains("在等对方或乡村振兴局答复"), "{}", home.body);
    let home = firm.get("/my").await;
    assert!(home.body.contains(&format!("/pairings/{}", p.id)));
    // Offices have their own home; /my is for organisations' staff.
    let mut office = Client::new(&app);
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    assert!(matches!(office.get("/my").await.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND));
}

#[tokio::test]
async fn the_cockpit_draws_each_table_and_downloads_the_same_numbers() {
    use calamine::{DataType, Reader};
    let app = TestApp::with_demo().await;
    let mut office = Client::new(&app);
    office.login("yichun-fpb", DEMO_PASSWORD).await;
    let page = office.get("/office/dashboard").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.body.matches("<svg class=\"chart\"").count(), 4, "four charts");
    assert!(!page.body.contains("<script"), "no script");
    // The year's verified total, from the database.
    use chrono::Datelike;
    let year = app.state.clock.today().year();
    let sql = format!(
        "SELECT CAST(COALESCE(SUM(amount_fen), 0) AS BIGINT) AS n FROM contribution WHERE status = 'verified' \
         AND contributed_on >= '{year}-01-01' AND contributed_on <= '{year}-12-31'"
    );
    let row = sea_orm::ConnectionTrait::query_one_raw(
        app.db(),
        sea_orm::Statement::from_string(app.db().get_database_backend(), sql),
    )
    .await
    .expect("q")
    .expect("row");
    let total: i64 = row.try_get("", "n").expect("n");
    assert!(total > 0, "the demo has verified contributions this year");
    let shown = qicun::money::Money(total).display();
    assert!(page.body.contains(&format!("全年合计：<strong>{shown}</strong>")), "{shown} in {}", page.body);
    // Outcomes beside the money: the verified collective incomes and the project assets, as
    // the database has them (the demo's are all in the city).
    let one = |sql: String| {
        let db = app.db();
        async move {
            let row = sea_orm::ConnectionTrait::query_one_raw(
                db,
                sea_orm::Statement::from_string(db.get_database_backend(), sql),
            )
            .await
            .expect("q")
            .expect("row");
            (row.try_get::<i64>("", "n").expect("n"), row.try_get::<i64>("", "s").expect("s"))
        }
    };
    let (villages, income) = one(format!(
        "SELECT CAST(COUNT(*) AS BIGINT) AS n, CAST(COALESCE(SUM(amount_fen), 0) AS BIGINT) AS s \
         FROM collective_income WHERE status = 'verified' AND year = {year}"
    ))
    .await;
    let (assets, value) = one(
        "SELECT CAST(COUNT(*) AS BIGINT) AS n, CAST(COALESCE(SUM(value_fen), 0) AS BIGINT) AS s FROM project_asset"
            .into(),
    )
    .await;
    assert!(assets > 0, "the demo has project assets");
    assert!(
        page.body.contains(&format!("{villages} 个村，合计 {}", qicun::money::Money(income).display())),
        "{}",
        page.body
    );
    assert!(page.body.contains(&format!("{assets} 项，价值 {}", qicun::money::Money(value).display())));
    // Last year the demo has verified collective incomes: the figures are not all zero.
    let last = year - 1;
    let (villages, income) = one(format!(
        "SELECT CAST(COUNT(*) AS BIGINT) AS n, CAST(COALESCE(SUM(amount_fen), 0) AS BIGINT) AS s \
         FROM collective_income WHERE status = 'verified' AND year = {last}"
    ))
    .await;
    assert!(villages > 0 && income > 0, "the demo verified incomes of {last}");
    let last_page = office.get(&format!("/office/dashboard?year={last}")).await;
    assert!(
        last_page.body.contains(&format!("{villages} 个村，合计 {}", qicun::money::Money(income).display())),
        "{}",
        last_page.body
    );
    let idle = qicun::governance::assets::idle(app.db(), app.state.clock.today()).await.expect("idle").len();
    assert_eq!(
        page.body.contains("项经营性资产今年和去年没有收益"),
        idle > 0,
        "idle assets named only when there are any"
    );

    let xlsx = office.get(&format!("/office/dashboard.xlsx?year={year}")).await;
    assert_eq!(xlsx.status, StatusCode::OK);
    let mut book = calamine::open_workbook_from_rs::<calamine::Xlsx<_>, _>(std::io::Cursor::new(xlsx.bytes.clone()))
        .expect("an xlsx");
    let names = book.sheet_names().to_vec();
    assert_eq!(names.len(), 4, "{names:?}");
    let months = book.worksheet_range(&format!("{year}年帮扶按月")).expect("months");
    let december_cumulative = months.get_value((12, 6)).and_then(|c| c.get_float()).expect("December's running total");
    assert!((december_cumulative - total as f64 / 100.0).abs() < 0.005, "{december_cumulative} vs {total}");
    let coverage = book.worksheet_range("结对覆盖").expect("coverage");
    let villages: f64 =
        (1..coverage.height()).filter_map(|r| coverage.get_value((r as u32, 1)).and_then(|c| c.get_float())).sum();
    assert_eq!(
        villages as i64,
        common::count(app.db(), "organisation", "kind = 'village' AND status = 'verified'").await
    );

    // Villages by how far their help went: one with an agreement in force is 协议执行中 even
    // when an earlier agreement of it was completed (an outside walk saw 石桥, two agreements in
    // force and one of 2015 completed, counted 协议已完成).
    let states = book.worksheet_range("村的帮扶进度").expect("states");
    let row_of = |label: &str| {
        (0..states.height() as u32)
            .find(|r| states.get_value((*r, 0)).is_some_and(|c| *c == label))
            .and_then(|r| states.get_value((r, 1)).and_then(|c| c.get_float()))
            .unwrap_or(-1.0) as i64
    };
    let in_force = common::count(
        app.db(),
        "organisation",
        "kind = 'village' AND status = 'verified' AND id IN (SELECT p.village_id FROM pairing p JOIN agreement a \
         ON a.pairing_id = p.id WHERE a.status = 'active')",
    )
    .await;
    assert!(in_force >= 3, "the demo has villages with agreements in force: {in_force}");
    assert_eq!(row_of("协议执行中"), in_force);

    let one = office.get(&format!("/office/dashboard.xlsx?year={year}&table=top")).await;
    let book =
        calamine::open_workbook_from_rs::<calamine::Xlsx<_>, _>(std::io::Cursor::new(one.bytes.clone())).expect("xlsx");
    assert_eq!(book.sheet_names(), vec!["帮扶企业前十".to_owned()]);
    // Wrong asks are answered, not failed.
    assert_eq!(office.get("/office/dashboard?year=1999").await.status, StatusCode::UNPROCESSABLE_ENTITY);
    // The drive's first year links forward, never to a year before it.
    let first = office.get("/office/dashboard?year=2015").await;
    assert_eq!(first.status, StatusCode::OK);
    assert!(first.body.contains("year=2016") && !first.body.contains("year=2014"), "{}", first.body);
    assert_eq!(office.get("/office/dashboard.xlsx?table=nope").await.status, StatusCode::UNPROCESSABLE_ENTITY);
    // The auditor starts from the country and drills down to a province's cities.
    let mut auditor = Client::new(&app);
    auditor.login("auditor", DEMO_PASSWORD).await;
    let country = auditor.get("/office/dashboard").await;
    assert!(country.body.replace("&#x3D;", "=").contains("region=36\">江西省</a>"), "{}", country.body);
    let province = auditor.get("/office/dashboard?region=36").await;
    assert!(province.body.contains("宜春市"), "{}", province.body);
    // The county office sees only its county.
    let mut county = Client::new(&app);
    county.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    let page = county.get("/office/dashboard").await;
    assert!(page.body.contains("袁州区") && !page.body.contains("万载县"), "{}", page.body);
}

#[tokio::test]
async fn both_parties_are_reminded_once_of_a_milestone_falling_due() {
    let app = TestApp::with_demo().await;
    let now = app.state.clock.now();
    let today = qicun::clock::to_shanghai(now).date_naive();
    // An undone milestone of an agreement in force, due in 5 days; another agreement's
    // milestone due in 20 days (too early), and a done one due tomorrow.
    let active: Vec<entity::agreement::Model> = entity::agreement::Entity::find()
        .filter(entity::agreement::Column::Status.eq("active"))
        .all(app.db())
        .await
        .expect("q");
    assert!(active.len() >= 2, "the demo has agreements in force");
    // The first one whose two sides both have accounts, then the others.
    let mut active = active;
    let mut staffed = None;
    for (i, a) in active.iter().enumerate() {
        let p = entity::pairing::Entity::find_by_id(a.pairing_id).one(app.db()).await.expect("q").expect("p");
        if common::count(app.db(), "user", &format!("organisation_id = {}", p.enterprise_id)).await >= 1
            && common::count(app.db(), "user", &format!("organisation_id = {}", p.village_id)).await >= 1
        {
            staffed = Some(i);
            break;
        }
    }
    active.swap(0, staffed.expect("an agreement in force with accounts on both sides"));
    let milestones_of =
        |a: i32| entity::milestone::Entity::find().filter(entity::milestone::Column::AgreementId.eq(a)).all(app.db());
    // Nothing else of the demo is due in the window: move every undone milestone far out first.
    for m in entity::milestone::Entity::find().all(app.db()).await.expect("q") {
        let mut am: entity::milestone::ActiveModel = m.into();
        am.due_on = Set(today + Duration::days(200));
        am.update(app.db()).await.expect("u");
    }
    let set = |m: entity::milestone::Model, days: i64, done: bool| {
        let mut am: entity::milestone::ActiveModel = m.into();
        am.due_on = Set(today + Duration::days(days));
        am.done_at = Set(done.then_some(now));
        am.update(app.db())
    };
    let first = milestones_of(active[0].id).await.expect("q");
    let second = milestones_of(active[1].id).await.expect("q");
    assert!(first.len() >= 2 && !second.is_empty());
    let due = set(first[0].clone(), 5, false).await.expect("u");
    set(first[1].clone(), 1, true).await.expect("u");
    set(second[0].clone(), 20, false).await.expect("u");
    let pairing = entity::pairing::Entity::find_by_id(active[0].pairing_id).one(app.db()).await.expect("q").expect("p");
    let to_party = |org: i32| {
        format!(
            "title LIKE '%节点「{}」将于%' AND user_id IN (SELECT id FROM \"user\" WHERE organisation_id = {org})",
            due.title
        )
    };
    let users_of = |org: i32| {
        let db = app.db().clone();
        async move { common::count(&db, "user", &format!("organisation_id = {org}")).await }
    };
    assert_eq!(qicun::radar::remind_milestones(app.db(), now).await.expect("remind"), 1, "only the one due");
    assert_eq!(
        common::count(app.db(), "notification", &to_party(pairing.enterprise_id)).await,
        users_of(pairing.enterprise_id).await
    );
    assert_eq!(
        common::count(app.db(), "notification", &to_party(pairing.village_id)).await,
        users_of(pairing.village_id).await
    );
    assert!(users_of(pairing.village_id).await >= 1 && users_of(pairing.enterprise_id).await >= 1);
    // Once: the next rounds (and the daily round) send nothing more.
    assert_eq!(qicun::radar::remind_milestones(app.db(), now + Duration::hours(1)).await.expect("again"), 0);
    qicun::radar::daily(app.db(), now + Duration::days(1)).await.expect("daily");
    assert_eq!(
        common::count(app.db(), "notification", &to_party(pairing.village_id)).await,
        users_of(pairing.village_id).await
    );
    // The village reads it in its inbox with a link to the agreement.
    let login: String = entity::user::Entity::find()
        .filter(entity::user::Column::OrganisationId.eq(pairing.village_id))
        .one(app.db())
        .await
        .expect("q")
        .expect("a village user")
        .login;
    let mut village = Client::new(&app);
    village.login(&login, DEMO_PASSWORD).await;
    let inbox = village.get("/inbox").await;
    assert!(inbox.body.contains(&format!("节点「{}」将于", due.title)), "{}", inbox.body);
    assert!(inbox.body.contains(&format!("/agreements/{}", active[0].id)));
    // The second milestone, when its day comes near, is reminded too.
    let later = now + Duration::days(14);
    assert_eq!(qicun::radar::remind_milestones(app.db(), later).await.expect("later"), 1);
}
