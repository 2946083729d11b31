//! A village's leadership (村班子): the covering offices record its party secretary, first
//! secretary and work team and their departures (once, on the locked row); the public page
//! shows the names and units in post, never phones; the history stays.

mod common;

use axum::http::StatusCode;
use common::{Client, TestApp, count, location};
use qicun::demo::DEMO_PASSWORD;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

async fn village_of(app: &TestApp, login: &str) -> i32 {
    entity::user::Entity::find()
        .filter(entity::user::Column::Login.eq(login))
        .one(app.db())
        .await
        .expect("q")
        .and_then(|u| u.organisation_id)
        .expect("the login's village")
}

fn section<'a>(body: &'a str, heading: &str) -> &'a str {
    let after = body.split(heading).nth(1).unwrap_or_default();
    after.split("<h2>").next().unwrap_or_default()
}

#[tokio::test]
async fn offices_keep_a_villages_leadership_with_its_history_and_the_public_sees_names_only() {
    let app = TestApp::with_demo().await;
    let village = village_of(&app, "cun01").await;
    let page = format!("/office/villages/{village}/leaders");

    // The public page: names and units in post, no phone.
    let public = Client::new(&app).get(&format!("/organisations/{village}")).await;
    let team = section(&public.body, "<h2>村班子</h2>");
    assert!(team.contains("驻村第一书记") && team.contains("村党组织书记") && team.contains("周建军"), "{team}");
    assert!(!team.contains("袁志远"), "the one who left is history, not shown as in post");
    assert!(!team.chars().collect::<Vec<_>>().windows(11).any(|w| w[0] == '1' && w.iter().all(char::is_ascii_digit)));
    assert!(!team.contains("村班子登记与历史"), "no link for the public");

    let mut office = Client::new(&app);
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    assert!(office.get(&format!("/organisations/{village}")).await.body.contains("村班子登记与历史"));
    let shown = office.get(&page).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(section(&shown.body, "<h2>历史</h2>").contains("袁志远") && shown.body.contains("任期届满"));

    // A wrong form comes back named, what was typed kept; nothing recorded.
    let before = count(app.db(), "village_leader", "1=1").await;
    let bad = office
        .post(&page, &[("role", "first_secretary"), ("name", "张3"), ("unit", ""), ("from_date", "2030-01-01")])
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    for named in ["请填写姓名", "请填写派出单位", "到任日期应在", "value=\"张3\""] {
        assert!(bad.body.contains(named), "{named}");
    }
    // One first secretary at a time: the one in post leaves first.
    let today = app.state.clock.today().to_string();
    let second = office
        .post(&page, &[("role", "first_secretary"), ("name", "王新"), ("unit", "宜春学院"), ("from_date", &today)])
        .await;
    assert_eq!(second.status, StatusCode::CONFLICT);
    assert!(second.body.contains("请先在下方登记其离任") && second.body.contains("value=\"王新\""));
    assert_eq!(count(app.db(), "village_leader", "1=1").await, before);
    // A work team member joins.
    let res = office
        .post(
            &page,
            &[
                ("role", "work_team"),
                ("name", "钟晓兰"),
                ("unit", "宜春市财政局"),
                ("post", "队员"),
                ("from_date", &today),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert!(office.get(location(&res)).await.body.contains("已登记驻村工作队员：钟晓兰"));
    assert!(Client::new(&app).get(&format!("/organisations/{village}")).await.body.contains("钟晓兰"));

    // The first secretary leaves: a wrong form is named; two offices at once end in one outcome.
    let fs = entity::village_leader::Entity::find()
        .filter(entity::village_leader::Column::VillageId.eq(village))
        .filter(entity::village_leader::Column::Role.eq("first_secretary"))
        .filter(entity::village_leader::Column::ToDate.is_null())
        .one(app.db())
        .await
        .expect("q")
        .expect("a first secretary in post");
    let end = format!("/office/leaders/{}/end", fs.id);
    let short = office.post(&end, &[("to_date", &today), ("end_reason", "走")]).await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(short.body.contains("请写明原因") && short.body.contains("value=\"走\""));
    let mut city = Client::new(&app);
    city.login("yichun-fpb", DEMO_PASSWORD).await;
    let first = [("to_date", today.as_str()), ("end_reason", "任期届满")];
    let other = [("to_date", today.as_str()), ("end_reason", "工作调动")];
    let (a, b) = tokio::join!(office.post(&end, &first), city.post(&end, &other));
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::SEE_OTHER, StatusCode::CONFLICT]);
    let loser = if a.status == StatusCode::CONFLICT { &a } else { &b };
    assert!(loser.body.contains("不能再次登记离任"), "{}", loser.body);
    // Now the successor.
    let res = office
        .post(&page, &[("role", "first_secretary"), ("name", "王新"), ("unit", "宜春学院"), ("from_date", &today)])
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let public = Client::new(&app).get(&format!("/organisations/{village}")).await;
    let team = section(&public.body, "<h2>村班子</h2>");
    assert!(team.contains("王新") && team.contains("宜春学院") && !team.contains(&fs.name), "{team}");
    assert!(section(&office.get(&page).await.body, "<h2>历史</h2>").contains(&fs.name));

    // Who else: the auditor reads without forms; others are refused.
    let mut auditor = Client::new(&app);
    auditor.login("auditor", DEMO_PASSWORD).await;
    let read = auditor.get(&page).await;
    assert!(read.status == StatusCode::OK && !read.body.contains("登记新成员"));
    assert!(auditor.get("/audit?entity=village_leader").await.body.contains("登记村班子成员离任"));
    let mut elsewhere = Client::new(&app);
    elsewhere.login("nanchang-fpb", DEMO_PASSWORD).await;
    assert_eq!(elsewhere.get(&page).await.status, StatusCode::NOT_FOUND);
    let mut own = Client::new(&app);
    own.login("cun01", DEMO_PASSWORD).await;
    assert_eq!(own.get(&page).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_first_secretary_gets_an_account_of_the_village_and_works_as_its_staff() {
    let app = TestApp::with_demo().await;
    let village = village_of(&app, "cun01").await;
    let org = entity::organisation::Entity::find_by_id(village).one(app.db()).await.expect("q").expect("village");
    let mut admin = Client::new(&app);
    admin.login("admin", DEMO_PASSWORD).await;
    assert!(admin.get("/admin/users/new").await.body.contains("村委会成员"));
    let before = count(app.db(), "user", "1=1").await;
    for code in ["", "360902", "999999999999"] {
        let res = admin
            .post(
                "/admin/users",
                &[("role", "village"), ("login", "diyi-shuji"), ("display_name", "刘文斌"), ("village", code)],
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{code}");
        assert!(
            res.body.contains("请填写已认证的村的 12 位区划代码") && res.body.contains("diyi-shuji"),
            "{}",
            res.body
        );
    }
    assert_eq!(count(app.db(), "user", "1=1").await, before, "nothing made");
    let res = admin
        .post(
            "/admin/users",
            &[("role", "village"), ("login", "diyi-shuji"), ("display_name", "刘文斌"), ("village", &org.region_code)],
        )
        .await;
    assert_eq!(location(&res), "/admin/users?done=created&created=diyi-shuji");
    assert!(admin.get("/admin/users?q=diyi").await.body.contains(&org.name), "listed with its village");
    let password = common::issue_password(&app, "diyi-shuji").await;
    let mut c = Client::new(&app);
    assert_eq!(location(&c.login("diyi-shuji", &password).await), "/account?first=1");
    let res = c
        .post(
            "/account/password",
            &[("current", &password), ("password", "Di-yi-2026!"), ("password_confirm", "Di-yi-2026!")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let mut secretary = Client::new(&app);
    assert_eq!(location(&secretary.login("diyi-shuji", "Di-yi-2026!").await), "/my");
    // The village's own needs, as its other staff see them.
    let mut staff = Client::new(&app);
    staff.login("cun01", DEMO_PASSWORD).await;
    let theirs = staff.get("/my/needs").await;
    let mine = secretary.get("/my/needs").await;
    assert_eq!(mine.status, StatusCode::OK);
    let title = entity::need::Entity::find()
        .filter(entity::need::Column::OrganisationId.eq(village))
        .one(app.db())
        .await
        .expect("q")
        .expect("the village has needs")
        .title;
    assert!(theirs.body.contains(&title) && mine.body.contains(&title), "{title}");
}
