//! Office teams (队伍建设): posts and reviewers in post, each reviewer's open work with its age,
//! reassigning work all or nothing and only over what the page showed, and the city's view of
//! every county office.

mod common;

use axum::http::StatusCode;
use common::{Client, TestApp, count, location};
use entity::{organisation, user};
use qicun::demo::DEMO_PASSWORD;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

async fn user_of(app: &TestApp, login: &str) -> user::Model {
    user::Entity::find().filter(user::Column::Login.eq(login)).one(app.db()).await.expect("q").expect("demo login")
}

async fn office_of(app: &TestApp, login: &str) -> organisation::Model {
    let id = user_of(app, login).await.organisation_id.expect("an office member");
    organisation::Entity::find_by_id(id).one(app.db()).await.expect("q").expect("the office")
}

/// The `item` checkbox values on a team page, in order.
fn picks(body: &str) -> Vec<String> {
    body.split("name=\"item\" value=\"").skip(1).filter_map(|r| r.split('"').next()).map(str::to_owned).collect()
}

#[tokio::test]
async fn an_office_sees_its_team_and_backlog_and_reassigns_work_once() {
    let app = TestApp::with_demo().await;
    let county = office_of(&app, "yuanzhou-fpb").await;
    let county_user = user_of(&app, "yuanzhou-fpb").await;
    let city_user = user_of(&app, "yichun-fpb").await;
    let mut office = Client::new(&app);
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    let page = office.get("/office/team").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("队伍建设 · 袁州区扶贫开发办公室"));
    assert!(page.body.contains("3（空缺 2）"), "the demo's posts and vacancy: {}", page.body);
    assert!(page.body.contains(&county_user.display_name) && page.body.contains("负责的待办"));
    let all = picks(&page.body);
    assert!(all.len() >= 2, "the demo leaves open work in 袁州: {all:?}");
    let held_by_me: Vec<&String> = all.iter().filter(|p| p.ends_with(&format!(":{}", county_user.id))).collect();
    assert_eq!(held_by_me.len(), 1, "the demo's reviewer holds the oldest item");

    // Posts: a wrong number is named, a right one saved and shown.
    let bad = office.post("/office/team/posts", &[("office", &county.id.to_string()), ("posts", "三")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("编制数应为 0 到 999 的整数"));
    let ok = office.post("/office/team/posts", &[("office", &county.id.to_string()), ("posts", "5")]).await;
    assert_eq!(location(&ok), format!("/office/team?office={}", county.id));
    let page = office.get(location(&ok)).await;
    assert!(page.body.contains("已登记袁州区扶贫开发办公室的编制 5 人") && page.body.contains("5（空缺 4）"));

    // Nothing chosen, or a reviewer of another city: named, nothing written.
    let free = all.iter().find(|p| p.ends_with(":0")).expect("an item nobody holds").clone();
    let before = count(app.db(), "work_assignment", "1=1").await;
    let r = office
        .post("/office/team/assign", &[("office", &county.id.to_string()), ("to", &county_user.id.to_string())])
        .await;
    assert!(r.body.contains("请勾选要分配的事项"), "{}", r.body);
    let nanchang = user_of(&app, "nanchang-fpb").await;
    let r = office
        .post(
            "/office/team/assign",
            &[("office", &county.id.to_string()), ("item", &free), ("to", &nanchang.id.to_string())],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("请选择本办或下级乡村振兴局在岗的审核人员"), "{}", r.body);
    // Nor a reviewer of the office above (the city's), whom the county's form does not offer.
    let r = office
        .post(
            "/office/team/assign",
            &[("office", &county.id.to_string()), ("item", &free), ("to", &city_user.id.to_string())],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // A garbled office or item is refused, not read as one's own.
    assert_eq!(
        office.post("/office/team/posts", &[("office", "abc"), ("posts", "5")]).await.status,
        StatusCode::NOT_FOUND
    );
    let r = office
        .post("/office/team/assign", &[("office", &county.id.to_string()), ("item", "monitoring:-2:-1"), ("to", "0")])
        .await;
    assert!(r.body.contains("勾选的事项无法识别"));
    assert_eq!(count(app.db(), "work_assignment", "1=1").await, before);

    // The city gives the county's free item to the county reviewer (who is told), then the
    // county's stale page (it still shows nobody holding it) is refused and changes nothing.
    let mut city = Client::new(&app);
    city.login("yichun-fpb", DEMO_PASSWORD).await;
    let city_page = city.get("/office/team").await;
    assert!(
        city_page.body.contains("下级乡村振兴局的队伍和待办")
            && city_page.body.contains(&format!("/office/team?office={}", county.id))
    );
    assert!(!picks(&city_page.body).contains(&free), "the county's work is counted under the county, not again");
    let county_page = city.get(&format!("/office/team?office={}", county.id)).await;
    assert!(picks(&county_page.body).contains(&free), "the city sees the county's work");
    assert!(county_page.body.contains("返回本办的队伍建设"), "a way back to its own team");
    // The city takes another free item itself: the county's table names it as a holder.
    let other_free =
        picks(&county_page.body).into_iter().find(|p| p.ends_with(":0") && *p != free).expect("a second free item");
    let city_user = user_of(&app, "yichun-fpb").await;
    let r = city
        .post(
            "/office/team/assign",
            &[("office", &county.id.to_string()), ("item", &other_free), ("to", &city_user.id.to_string())],
        )
        .await;
    assert!(city.get(location(&r)).await.body.contains("已把 1 项分配给您自己"));
    let county_page = office.get("/office/team").await;
    assert!(
        county_page.body.contains(&format!("{}（宜春市扶贫开发办公室）", city_user.display_name)),
        "every holder of the county's work has a row"
    );
    let r = city
        .post(
            "/office/team/assign",
            &[("office", &county.id.to_string()), ("item", &free), ("to", &county_user.id.to_string())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        count(app.db(), "notification", &format!("user_id = {} AND link = '/office/team?mine=1'", county_user.id))
            .await,
        1
    );
    let (kind, id) = {
        let mut parts = free.split(':');
        (parts.next().unwrap_or_default().to_owned(), parts.next().unwrap_or_default().to_owned())
    };
    let stale =
        office.post("/office/team/assign", &[("office", &county.id.to_string()), ("item", &free), ("to", "0")]).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(stale.body.contains("已由他人重新分配，本次未做任何改动"), "{}", stale.body);
    assert_eq!(
        count(
            app.db(),
            "work_assignment",
            &format!("kind = '{kind}' AND item_id = {id} AND reviewer_id = {}", county_user.id)
        )
        .await,
        1
    );
    // The reviewer's own list, then the work goes back to the office (a fresh page's value).
    let mine = office.get("/office/team?mine=1").await;
    let held = picks(&mine.body);
    assert_eq!(held.len(), 2, "the demo's item and the new one: {held:?}");
    assert!(!held.contains(&other_free));
    assert!(mine.body.contains(&format!("只看{}负责的事项", county_user.display_name)));
    let back: Vec<(&str, &str)> =
        std::iter::once(("office", "")).chain(held.iter().map(|h| ("item", h.as_str()))).chain([("to", "0")]).collect();
    let office_id = county.id.to_string();
    let back: Vec<(&str, &str)> =
        back.into_iter().map(|(k, v)| if k == "office" { (k, office_id.as_str()) } else { (k, v) }).collect();
    let r = office.post("/office/team/assign", &back).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(office.get(location(&r)).await.body.contains("已把 2 项退回本办"));
    assert_eq!(count(app.db(), "work_assignment", &format!("reviewer_id = {}", county_user.id)).await, 0);
    assert_eq!(count(app.db(), "audit_event", "action = 'work.assign'").await, 3);
}

#[tokio::test]
async fn a_team_is_seen_by_its_office_the_offices_above_and_auditors_only() {
    let app = TestApp::with_demo().await;
    let county = office_of(&app, "yuanzhou-fpb").await;
    let path = format!("/office/team?office={}", county.id);
    for (login, expected, acts) in [
        ("yuanzhou-fpb", StatusCode::OK, true),
        ("yichun-fpb", StatusCode::OK, true),
        ("auditor", StatusCode::OK, false),
        ("nanchang-fpb", StatusCode::NOT_FOUND, false),
        ("cun01", StatusCode::FORBIDDEN, false),
        ("danwei01", StatusCode::FORBIDDEN, false),
    ] {
        let mut c = Client::new(&app);
        c.login(login, DEMO_PASSWORD).await;
        let res = c.get(&path).await;
        assert_eq!(res.status, expected, "{login}");
        assert_eq!(res.body.contains("name=\"item\""), acts, "{login} may reassign");
    }
    let mut auditor = Client::new(&app);
    auditor.login("auditor", DEMO_PASSWORD).await;
    let all = auditor.get("/office/team").await;
    assert!(all.body.contains("各乡村振兴局的队伍和待办") && all.body.contains("南昌市扶贫开发办公室"));
}

#[tokio::test]
async fn two_offices_reassigning_one_item_at_once_end_in_one_holder() {
    let app = TestApp::with_demo().await;
    let county = office_of(&app, "yuanzhou-fpb").await;
    let county_user = user_of(&app, "yuanzhou-fpb").await;
    let city_user = user_of(&app, "yichun-fpb").await;
    let mut a = Client::new(&app);
    a.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    let mut b = Client::new(&app);
    b.login("yichun-fpb", DEMO_PASSWORD).await;
    let page = a.get("/office/team").await;
    let free = picks(&page.body).into_iter().find(|p| p.ends_with(":0")).expect("an item nobody holds");
    let office = county.id.to_string();
    let (ta, tb) = (county_user.id.to_string(), city_user.id.to_string());
    let fa = [("office", office.as_str()), ("item", free.as_str()), ("to", ta.as_str())];
    let fb = [("office", office.as_str()), ("item", free.as_str()), ("to", tb.as_str())];
    let (x, y) = tokio::join!(a.post("/office/team/assign", &fa), b.post("/office/team/assign", &fb));
    let statuses = [x.status, y.status];
    // The city's reviewer does not cover work of 袁州 only if the city's jurisdiction does not
    // hold it; it does, so both are valid and exactly one wins.
    assert!(statuses.contains(&StatusCode::SEE_OTHER) && statuses.contains(&StatusCode::CONFLICT), "{statuses:?}");
    let mut parts = free.split(':');
    let (kind, id) = (parts.next().unwrap_or_default(), parts.next().unwrap_or_default());
    assert_eq!(count(app.db(), "work_assignment", &format!("kind = '{kind}' AND item_id = {id}")).await, 1);
}
