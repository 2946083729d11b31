//! The public pages kept between changes (home, 公示, the public lists) show every change of
//! this node at once and another process's within a quarter of a second, and the long public lists are counted only up to a cap and paged on by keyset without
//! skipping or repeating a listing (issue 11).

mod common;

use std::collections::BTreeSet;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use chrono::Duration;
use common::{Client, TestApp, count};
use entity::{notice, offer, organisation, user};
use qicun::demo::DEMO_PASSWORD;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

/// The offer ids linked from a page, in order.
fn offer_ids(body: &str) -> Vec<i32> {
    body.split("href=\"/offers/").skip(1).filter_map(|rest| rest.split('"').next()?.parse().ok()).collect()
}

/// The next-page link of a list, unescaped.
fn next_link(body: &str) -> Option<String> {
    let at = body.find(">下一页</a>")?;
    let head = &body[..at];
    let start = head.rfind("href=\"")? + 6;
    Some(head[start..].split('"').next()?.replace("&amp;", "&").replace("&#x3D;", "="))
}

/// Publishes an open 公示 titled `title` for the window `start`..`end` the way a change of this
/// node does: with its audit event in one write transaction, committed by the app.
async fn publish_notice(
    app: &TestApp,
    title: &str,
    start: chrono::DateTime<chrono::Utc>,
    end: chrono::DateTime<chrono::Utc>,
) -> notice::Model {
    write_notice(app, title, start, end, true).await
}

/// [`publish_notice`], committed by this node (`here`) or as another process would: the
/// same rows, but this process is not told.
async fn write_notice(
    app: &TestApp,
    title: &str,
    start: chrono::DateTime<chrono::Utc>,
    end: chrono::DateTime<chrono::Utc>,
    here: bool,
) -> notice::Model {
    let now = app.state.clock.now();
    let txn = qicun::db::write(app.db()).await.expect("write");
    let n = notice::ActiveModel {
        entity: Set("pairing".into()),
        entity_id: Set(1),
        title: Set(title.into()),
        summary: Set("测试用".into()),
        region_code: Set("360902000000".into()),
        window_start: Set(start),
        window_end: Set(end),
        status: Set("open".into()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .expect("notice");
    qicun::audit::record(
        &txn,
        now,
        &qicun::audit::Actor::system("test"),
        qicun::audit::Event {
            action: "notice.publish",
            entity: "notice",
            entity_id: n.id.to_string(),
            before: None,
            after: None,
        },
    )
    .await
    .expect("audit");
    if here {
        qicun::db::commit(txn).await.expect("commit");
    } else {
        #[expect(clippy::disallowed_methods, reason = "a commit this process is not told of, like another node's")]
        txn.commit().await.expect("commit");
    }
    n
}

#[tokio::test]
async fn kept_public_pages_show_every_change_at_once() {
    let app = TestApp::with_demo().await;
    let today = app.state.clock.today();
    // The newest live offer of a verified enterprise: first on /offers and on the home page.
    let verified: Vec<i32> = organisation::Entity::find()
        .filter(organisation::Column::Status.eq("verified"))
        .all(app.db())
        .await
        .expect("orgs")
        .into_iter()
        .map(|o| o.id)
        .collect();
    let staff = user::Entity::find().filter(user::Column::Login.eq("qiye01")).one(app.db()).await.expect("q");
    let firm = staff.and_then(|u| u.organisation_id).expect("qiye01 has an enterprise");
    assert!(verified.contains(&firm), "precondition: qiye01's enterprise is verified");
    let mine = offer::Entity::find()
        .filter(offer::Column::Status.eq("published"))
        .filter(offer::Column::OrganisationId.eq(firm))
        .filter(offer::Column::ValidUntil.gte(today))
        .order_by_desc(offer::Column::PublishedAt)
        .order_by_desc(offer::Column::Id)
        .one(app.db())
        .await
        .expect("query")
        .expect("qiye01 has a live offer");
    // Made the newest (before anything is kept), so both pages show it.
    let mut newer: offer::ActiveModel = mine.into();
    newer.published_at = Set(Some(app.state.clock.now()));
    let newest = newer.update(app.db()).await.expect("update");
    let link = format!("href=\"/offers/{}\"", newest.id);
    let (home, list) = (app.get("/").await, app.get("/offers").await);
    assert_eq!((home.status, list.status), (StatusCode::OK, StatusCode::OK));
    assert!(home.body.contains(&link) && list.body.contains(&link), "the newest offer is shown before the change");
    assert!(app.state.cache.len() >= 2, "home and the list were kept");
    // Served again from the cache: the same.
    assert!(app.get("/offers").await.body.contains(&link));

    // Its owner withdraws it through the pages.
    let mut c = Client::new(&app);
    c.login("qiye01", DEMO_PASSWORD).await;
    assert_eq!(c.post(&format!("/offers/{}/withdraw", newest.id), &[]).await.status, StatusCode::SEE_OTHER);
    app.state.search.catch_up(app.db()).await.expect("index follows");

    assert!(!app.get("/offers").await.body.contains(&link), "the list no longer shows the withdrawn offer");
    assert!(!app.get("/").await.body.contains(&link), "nor does the home page");
    let words = newest.title.chars().take(4).collect::<String>();
    let search = app.get(&format!("/offers?q={}", urlencode(&words))).await;
    assert_eq!(search.status, StatusCode::OK);
    assert!(!search.body.contains(&link), "nor a search");

    // A 公示 published by a change (with its audit event, as every change has) is listed at once.
    let notices = app.get("/notices").await;
    assert!(!notices.body.contains("缓存测试公示"));
    let now = app.state.clock.now();
    publish_notice(&app, "缓存测试公示", now + Duration::days(1), now + Duration::days(8)).await;
    assert!(app.get("/notices").await.body.contains("缓存测试公示"), "the new 公示 is listed");

    // Written by another process (another node, a command-line import): listed here within the
    // time a read version is used.
    let other = write_notice(&app, "另一进程的公示", now + Duration::days(1), now + Duration::days(8), false).await;
    assert_eq!(other.status, "open", "precondition: an open 公示 from elsewhere");
    tokio::time::sleep(qicun::cache::VERSION_FOR + std::time::Duration::from_millis(50)).await;
    assert!(app.get("/notices").await.body.contains("另一进程的公示"), "listed once the version is read again");
}

fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("q", s)]).expect("encode").trim_start_matches("q=").to_owned()
}

#[tokio::test]
async fn long_public_lists_are_counted_to_a_cap_and_paged_on_by_keyset() {
    let app = TestApp::with_demo().await;
    let now = app.state.clock.now();
    let today = app.state.clock.today();
    let org = organisation::Entity::find()
        .filter(organisation::Column::Status.eq("verified"))
        .filter(organisation::Column::Kind.eq("enterprise"))
        .one(app.db())
        .await
        .expect("query")
        .expect("a verified enterprise");
    // 1,030 more live offers, several sharing a publication time (the cursor must break ties).
    let rows: Vec<offer::ActiveModel> = (0..1030)
        .map(|i| offer::ActiveModel {
            organisation_id: Set(org.id),
            kind: Set("procurement".into()),
            title: Set(format!("分页测试收购第{i}批")),
            body: Set("分页测试".into()),
            amount_fen: Set(0),
            valid_from: Set(today - Duration::days(1)),
            valid_until: Set(Some(today + Duration::days(30))),
            status: Set("published".into()),
            published_at: Set(Some(now - Duration::minutes(i / 3))),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .collect();
    for chunk in rows.chunks(200) {
        offer::Entity::insert_many(chunk.to_vec()).exec_without_returning(app.db()).await.expect("insert");
    }
    let live = count(
        app.db(),
        "offer",
        &format!(
            "status = 'published' AND (valid_until IS NULL OR valid_until >= '{today}') AND organisation_id IN \
             (SELECT id FROM organisation WHERE status = 'verified')"
        ),
    )
    .await;
    assert!(live > 1030, "precondition: more live offers than the cap ({live})");

    let first = app.get("/offers").await;
    assert_eq!(first.status, StatusCode::OK);
    assert!(first.body.contains("超过 1000 条"), "the count says more than the cap");
    assert_eq!(offer_ids(&first.body).len(), 20);

    // Every live offer exactly once: the 50 counted pages, then pages by cursor.
    let mut seen = Vec::new();
    for page in 1..=50 {
        let res = app.get(&format!("/offers?page={page}")).await;
        assert_eq!(res.status, StatusCode::OK);
        let ids = offer_ids(&res.body);
        assert_eq!(ids.len(), 20, "page {page} is full");
        seen.extend(ids);
    }
    let last = app.get("/offers?page=50").await;
    let mut next = next_link(&last.body).expect("the 50th page leads on");
    assert!(next.contains("after="), "by cursor: {next}");
    let mut cursor_pages = 0;
    loop {
        let res = app.get(&next).await;
        assert_eq!(res.status, StatusCode::OK, "{next}");
        assert!(
            res.body.contains("更早发布的信息") && res.body.contains("回到第一页"),
            "a cursor page says where it is"
        );
        let ids = offer_ids(&res.body);
        assert!(!ids.is_empty());
        seen.extend(ids);
        cursor_pages += 1;
        match next_link(&res.body) {
            Some(n) => next = n,
            None => break,
        }
        assert!(cursor_pages < 100, "the walk ends");
    }
    assert!(cursor_pages >= 2);
    let unique: BTreeSet<i32> = seen.iter().copied().collect();
    assert_eq!(unique.len(), seen.len(), "no listing shown twice");
    assert_eq!(seen.len() as i64, live, "every live offer shown once");

    // The API says the same: a capped total, and the cursor of what follows.
    let token = common::token_for(&app, "qiye01").await;
    let api = |path: String| {
        Request::get(path)
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::empty())
            .expect("request")
    };
    let res = app.request(api("/api/v1/offers?page=50".into())).await;
    assert_eq!(res.status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&res.body).expect("json");
    assert_eq!((v["total"].as_u64(), v["more"].as_bool()), (Some(1000), Some(true)));
    let after = v["next_after"].as_str().expect("a cursor").to_owned();
    let res = app.request(api(format!("/api/v1/offers?after={after}"))).await;
    let v: serde_json::Value = serde_json::from_str(&res.body).expect("json");
    let ids: Vec<i64> = v["items"].as_array().expect("items").iter().filter_map(|i| i["id"].as_i64()).collect();
    assert_eq!(ids.len(), 20);
    assert_eq!(ids[0] as i32, seen[1000], "the API's next page begins where page 50 ended");
    // A cursor that is not one is ignored (the first page), never an error.
    assert_eq!(app.get("/offers?after=nonsense").await.status, StatusCode::OK);
}

/// The chip shown before the link to notice `id` on the 公示 list.
fn notice_chip(body: &str, id: i32) -> Option<String> {
    let at = body.find(&format!("href=\"/notices/{id}\""))?;
    let head = &body[..at];
    let chip = head.rfind("<span class=\"chip")?;
    let text = &head[chip..];
    let start = text.find('>')? + 1;
    Some(text[start..].split('<').next()?.to_owned())
}

#[tokio::test]
async fn pages_kept_for_visitors_are_never_shown_to_a_user_and_a_closing_window_renews_them() {
    let app = TestApp::with_demo().await;
    // A visitor's copy of the list is kept…
    let visitor = app.get("/offers").await;
    assert_eq!(visitor.status, StatusCode::OK);
    assert!(visitor.body.contains("href=\"/login\""), "a visitor sees the login link");
    assert!(!app.state.pages.is_empty(), "the visitor's page was kept");
    assert_eq!(app.get("/offers").await.body, visitor.body, "and served again as it was");
    // …but a logged-in user gets the page made for them (their name, their menu, their token).
    let mut c = Client::new(&app);
    c.login("qiye01", DEMO_PASSWORD).await;
    let user_page = c.get("/offers").await;
    assert_eq!(user_page.status, StatusCode::OK);
    assert!(user_page.body.contains("易建华") && user_page.body.contains("action=\"/logout\""), "the user's own page");
    assert!(!user_page.body.contains("href=\"/login\""));
    assert!(!visitor.body.contains("易建华"), "the kept page names nobody");
    // A detail page too, and a page that is not found is not kept as if it were one.
    let id = offer_ids(&visitor.body).first().copied().expect("precondition: the list shows offers");
    let kept = app.state.pages.len();
    assert_eq!(app.get(&format!("/offers/{id}")).await.status, StatusCode::OK);
    assert_eq!(app.get("/offers/999999").await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.state.pages.len(), kept + 1, "the found page is kept, the missing one is not");
    assert!(c.get(&format!("/offers/{id}")).await.body.contains("易建华"));

    // A 公示 whose window closes in a minute: the list says 公示中, and once the minute has
    // passed it says 公示期满, though nothing was written in between.
    let now = app.state.clock.now();
    let n = publish_notice(&app, "窗口将满的公示", now - Duration::days(10), now + Duration::seconds(60)).await;
    let before = app.get("/notices").await;
    assert_eq!(notice_chip(&before.body, n.id).as_deref(), Some("公示中"), "open while the window runs");
    assert_eq!(notice_chip(&app.get("/notices").await.body, n.id).as_deref(), Some("公示中"));
    app.state.clock.advance(Duration::seconds(120));
    let after = app.get("/notices").await;
    assert_eq!(notice_chip(&after.body, n.id).as_deref(), Some("公示期满"), "closed once the window has passed");
}
