//! Cadre–household pairing (党员干部结对帮扶): an office pairs a cadre of a help unit or an
//! office with a household of the register, one cadre at a time; the cadre logs visits and
//! measures; the record is read by the village, its offices, auditors and the cadre while
//! paired — nobody else; ending a pairing needs its reason and happens once.

mod common;

use axum::http::StatusCode;
use common::{Client, TestApp, count, location};
use entity::{household, household_pairing, organisation, user};
use qicun::demo::DEMO_PASSWORD;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

async fn user_of(app: &TestApp, login: &str) -> user::Model {
    user::Entity::find().filter(user::Column::Login.eq(login)).one(app.db()).await.expect("q").expect("demo login")
}

async fn cun01_village(app: &TestApp) -> organisation::Model {
    let id = user_of(app, "cun01").await.organisation_id.expect("a village member");
    organisation::Entity::find_by_id(id).one(app.db()).await.expect("q").expect("the village")
}

/// Households of the village on the register with no cadre now.
async fn unpaired(app: &TestApp, village: i32) -> Vec<household::Model> {
    let paired: Vec<i32> = household_pairing::Entity::find()
        .filter(household_pairing::Column::ToDate.is_null())
        .all(app.db())
        .await
        .expect("q")
        .into_iter()
        .map(|p| p.household_id)
        .collect();
    household::Entity::find()
        .filter(household::Column::VillageId.eq(village))
        .filter(household::Column::LeftYear.is_null())
        .order_by_asc(household::Column::Code)
        .all(app.db())
        .await
        .expect("q")
        .into_iter()
        .filter(|h| !paired.contains(&h.id))
        .collect()
}

#[tokio::test]
async fn a_cadre_is_paired_logs_visits_and_only_the_right_people_read_them() {
    let app = TestApp::with_demo().await;
    let village = cun01_village(&app).await;
    let unit = user_of(&app, "danwei01").await;
    let mut office = Client::new(&app);
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    let page_path = format!("/office/register/villages/{}/households", village.id);
    let page = office.get(&page_path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("结对干部") && page.body.contains(&unit.display_name), "the demo's pairing is shown");
    assert!(page.body.contains("宜春市财政局"), "help unit cadres are offered with their unit");

    let free = unpaired(&app, village.id).await;
    assert!(free.len() >= 2, "the demo leaves households to pair");
    let h = &free[0];
    // A cadre from outside the village's units and offices is refused, nothing written.
    let outsider = user_of(&app, "nanchang-fpb").await;
    let before = count(app.db(), "household_pairing", "1=1").await;
    let r = office.post(&format!("/office/households/{}/pair", h.id), &[("cadre", &outsider.id.to_string())]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("不在联系本村的帮扶单位或主管乡村振兴局名单中"), "{}", r.body);
    let r = office.post(&format!("/office/households/{}/pair", h.id), &[("cadre", "")]).await;
    assert!(r.body.contains("请选择结对的干部"));
    assert_eq!(count(app.db(), "household_pairing", "1=1").await, before);

    let r = office.post(&format!("/office/households/{}/pair", h.id), &[("cadre", &unit.id.to_string())]).await;
    assert_eq!((r.status, location(&r)), (StatusCode::SEE_OTHER, page_path.as_str()), "{}", r.body);
    assert!(office.get(&page_path).await.body.contains("已安排"), "the page says what happened");
    let p = household_pairing::Entity::find()
        .filter(household_pairing::Column::HouseholdId.eq(h.id))
        .filter(household_pairing::Column::ToDate.is_null())
        .one(app.db())
        .await
        .expect("q")
        .expect("paired");
    assert_eq!(p.cadre_id, unit.id);
    assert_eq!(
        count(app.db(), "notification", &format!("user_id = {} AND link = '/cadre/pairings/{}'", unit.id, p.id)).await,
        1
    );
    assert_eq!(
        count(app.db(), "audit_event", &format!("action = 'household_pairing.create' AND entity_id = '{}'", p.id))
            .await,
        1
    );
    // A second cadre for the same household is refused, naming the one in post.
    let county = user_of(&app, "yuanzhou-fpb").await;
    let r = office.post(&format!("/office/households/{}/pair", h.id), &[("cadre", &county.id.to_string())]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains(&format!("这一户已由{}结对帮扶", unit.display_name)));

    // The cadre sees the household and logs a visit; a bad one is named and kept.
    let mut cadre = Client::new(&app);
    cadre.login("danwei01", DEMO_PASSWORD).await;
    let mine = cadre.get("/cadre").await;
    assert_eq!(mine.status, StatusCode::OK);
    assert!(mine.body.contains(&format!("/cadre/pairings/{}", p.id)));
    let show = cadre.get(&format!("/cadre/pairings/{}", p.id)).await;
    let head = show.body.split("结对帮扶 · ").nth(1).and_then(|r| r.split('<').next()).unwrap_or("").to_owned();
    assert!(!head.is_empty() && mine.body.contains(&head), "the cadre reads the head's name");
    let visit_path = format!("/cadre/pairings/{}/visits", p.id);
    let today = app.state.clock.today().to_string();
    let bad =
        cadre.post(&visit_path, &[("visited_on", &today), ("kind", "measure"), ("note", "电话 13907950000")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("请选择措施类别") && bad.body.contains("请不要写入身份证号、电话或银行卡号"));
    assert!(bad.body.contains("电话 13907950000"), "what was typed is kept");
    let ok = cadre
        .post(
            &visit_path,
            &[
                ("visited_on", &today),
                ("kind", "measure"),
                ("measure", "industry"),
                ("note", "帮助申请产业奖补，购买鸡苗。"),
            ],
        )
        .await;
    assert_eq!((ok.status, location(&ok)), (StatusCode::SEE_OTHER, format!("/cadre/pairings/{}", p.id).as_str()));
    assert!(cadre.get(&format!("/cadre/pairings/{}", p.id)).await.body.contains("帮助申请产业奖补，购买鸡苗。"));
    let twice = cadre
        .post(
            &visit_path,
            &[
                ("visited_on", &today),
                ("kind", "measure"),
                ("measure", "industry"),
                ("note", "帮助申请产业奖补，购买鸡苗。"),
            ],
        )
        .await;
    assert_eq!(twice.status, StatusCode::CONFLICT, "a double submit is kept once");
    assert_eq!(count(app.db(), "household_visit", &format!("pairing_id = {}", p.id)).await, 1);

    // Who reads it.
    let path = format!("/cadre/pairings/{}", p.id);
    for (login, expected) in [
        ("cun01", StatusCode::OK),
        ("yichun-fpb", StatusCode::OK),
        ("auditor", StatusCode::OK),
        ("cun03", StatusCode::NOT_FOUND),
        ("nanchang-fpb", StatusCode::NOT_FOUND),
        ("qiye01", StatusCode::FORBIDDEN),
    ] {
        let mut c = Client::new(&app);
        c.login(login, DEMO_PASSWORD).await;
        let res = c.get(&path).await;
        assert_eq!(res.status, expected, "{login}");
        assert_eq!(res.body.contains("帮助申请产业奖补"), expected == StatusCode::OK, "{login}");
        if expected == StatusCode::OK {
            assert!(!res.body.contains("登记一次走访"), "{login} reads; only the cadre logs");
        }
    }
    assert!(app.get(&path).await.status.is_redirection(), "visitors are sent to sign in");
    let r = office.post(&visit_path, &[("visited_on", &today), ("kind", "visit"), ("note", "扶贫办代为登记。")]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "only the paired cadre logs visits");

    // Ending: a reason is needed; it ends once; the cadre no longer reads the household.
    let end_path = format!("/cadre/pairings/{}/end", p.id);
    let r = office.post(&end_path, &[("reason", "")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("请写明结束结对的原因"));
    let r = office.post(&end_path, &[("reason", "干部工作调动")]).await;
    assert_eq!((r.status, location(&r)), (StatusCode::SEE_OTHER, page_path.as_str()));
    let again = office.post(&end_path, &[("reason", "重复操作")]).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(again.body.contains("这次结对已于") && again.body.contains("干部工作调动"));
    assert!(!cadre.get("/cadre").await.body.contains(&path));
    // A visit sent from a page opened before the end: told on the cadre's list, not a 404.
    let late = cadre.post(&visit_path, &[("visited_on", &today), ("kind", "visit"), ("note", "再次走访。")]).await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert!(
        late.body.contains("我结对的户") && late.body.contains("这次结对已于") && late.body.contains("「再次走访。」"),
        "the cadre's list says why, and what they typed: {}",
        late.body
    );
    let old = cadre.get(&path).await;
    assert_eq!(old.status, StatusCode::CONFLICT, "the old page explains, not a 404");
    assert!(old.body.contains("结束后结对干部不再查看这一户的信息") && !old.body.contains("帮助申请产业奖补"));
    assert_eq!(
        count(app.db(), "notification", &format!("user_id = {} AND title LIKE '%结对已结束%'", unit.id)).await,
        1,
        "and hears of the end"
    );
    // The household can be paired again; the history stays with it.
    let r = office.post(&format!("/office/households/{}/pair", h.id), &[("cadre", &county.id.to_string())]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let newer = household_pairing::Entity::find()
        .filter(household_pairing::Column::HouseholdId.eq(h.id))
        .filter(household_pairing::Column::ToDate.is_null())
        .one(app.db())
        .await
        .expect("q")
        .expect("paired again");
    let page = office.get(&format!("/cadre/pairings/{}", newer.id)).await;
    assert!(page.body.contains("这一户的其他结对") && page.body.contains("干部工作调动"));
}

#[tokio::test]
async fn two_offices_pairing_one_household_at_once_end_in_one_pairing() {
    let app = TestApp::with_demo().await;
    let village = cun01_village(&app).await;
    let h = unpaired(&app, village.id).await.into_iter().next().expect("a household to pair");
    let unit = user_of(&app, "danwei01").await;
    let county = user_of(&app, "yuanzhou-fpb").await;
    let mut a = Client::new(&app);
    a.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    let mut b = Client::new(&app);
    b.login("yichun-fpb", DEMO_PASSWORD).await;
    let path = format!("/office/households/{}/pair", h.id);
    let (ua, ub) = (unit.id.to_string(), county.id.to_string());
    let (fa, fb) = ([("cadre", ua.as_str())], [("cadre", ub.as_str())]);
    let (x, y) = tokio::join!(a.post(&path, &fa), b.post(&path, &fb));
    let statuses = [x.status, y.status];
    assert!(statuses.contains(&StatusCode::SEE_OTHER) && statuses.contains(&StatusCode::CONFLICT), "{statuses:?}");
    let loser = if x.status == StatusCode::CONFLICT { &x } else { &y };
    assert!(loser.body.contains("这一户已由"), "the loser is told who has it");
    assert_eq!(count(app.db(), "household_pairing", &format!("household_id = {} AND to_date IS NULL", h.id)).await, 1);
}
