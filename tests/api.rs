//! The JSON API: token authentication, create/list/get/update/publish for offers and needs,
//! JSON errors that name the field, and an OpenAPI document that lists every route.

mod common;

use std::collections::BTreeSet;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use common::{TestApp, TestResponse, count};
use serde_json::{Value, json};

use common::token_for;

async fn call(
    app: &TestApp,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> (TestResponse, Value) {
    let mut req = Request::builder().method(method).uri(path).header("content-type", "application/json");
    if let Some(t) = token {
        req = req.header("authorization", format!("Bearer {t}"));
    }
    let res =
        app.request(req.body(body.map_or_else(Body::empty, |b| Body::from(b.to_string()))).expect("request")).await;
    let json = serde_json::from_str(&res.body).unwrap_or(Value::Null);
    (res, json)
}

#[tokio::test]
async fn a_machine_client_creates_publishes_lists_and_reads_an_offer() {
    let app = TestApp::with_demo().await;
    let token = token_for(&app, "qiye01").await;
    let offer = json!({
        "kind": "employment",
        "title": "招聘包装工 10 名",
        "body": "食品包装车间招工，包吃住，月薪 3500 元起。",
        "quantity": 10,
        "unit": "人",
        "amount_fen": 0,
        "regions": ["360902000000"],
    });
    let (res, created) = call(&app, Method::POST, "/api/v1/offers", Some(&token), Some(offer.clone())).await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    assert_eq!(created["status"], "draft");
    let id = created["id"].as_i64().expect("id");

    let (res, _) = call(&app, Method::GET, &format!("/api/v1/offers/{id}"), Some(&token), None).await;
    assert_eq!(res.status, StatusCode::OK, "the owner reads its draft");
    let other = token_for(&app, "cun01").await;
    let (res, _) = call(&app, Method::GET, &format!("/api/v1/offers/{id}"), Some(&other), None).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND, "a draft is not shown to others");

    let (res, published) = call(&app, Method::POST, &format!("/api/v1/offers/{id}/publish"), Some(&token), None).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(published["status"], "published");
    let (_, list) =
        call(&app, Method::GET, "/api/v1/offers?kind=employment&county=360902000000", Some(&other), None).await;
    assert!(list["items"].as_array().expect("items").iter().any(|i| i["id"] == id), "in the filtered list");
    let (_, list) = call(&app, Method::GET, "/api/v1/offers?kind=donation", Some(&other), None).await;
    assert!(!list["items"].as_array().expect("items").iter().any(|i| i["id"] == id));
    // Words are searched, as on the pages (an outside probe found `q` ignored): the offer is
    // found by a word of its title, and the list is only what matches.
    let (_, all) = call(&app, Method::GET, "/api/v1/offers", Some(&other), None).await;
    let (res, found) =
        call(&app, Method::GET, "/api/v1/offers?q=%E5%8C%85%E8%A3%85%E5%B7%A5", Some(&other), None).await;
    assert_eq!(res.status, StatusCode::OK);
    let items = found["items"].as_array().expect("items");
    assert!(items.iter().any(|i| i["id"] == id), "found by 包装工: {found}");
    assert!(found["total"].as_u64() < all["total"].as_u64(), "a search is narrower than the whole list");

    let mut changed = offer.clone();
    changed["title"] = json!("招聘包装工 12 名");
    let (res, updated) = call(&app, Method::PUT, &format!("/api/v1/offers/{id}"), Some(&token), Some(changed)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(updated["title"], "招聘包装工 12 名");
    let (res, closed) = call(&app, Method::POST, &format!("/api/v1/offers/{id}/close"), Some(&token), None).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(closed["status"], "closed");
    let (res, body) = call(&app, Method::POST, &format!("/api/v1/offers/{id}/publish"), Some(&token), None).await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert!(body["error"].as_str().expect("message").contains("不能发布"));
}

#[tokio::test]
async fn without_a_valid_token_the_api_answers_401_and_other_rows_404() {
    let app = TestApp::with_demo().await;
    for path in ["/api/v1/offers", "/api/v1/needs/1", "/api/v1/organisations", "/api/v1/me"] {
        let (res, body) = call(&app, Method::GET, path, None, None).await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{path}");
        assert!(body["error"].is_string(), "JSON error for {path}");
    }
    let (res, _) = call(&app, Method::GET, "/api/v1/offers", Some("qc_not-a-token"), None).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    let token = token_for(&app, "qiye01").await;
    let (res, _) = call(&app, Method::GET, "/api/v1/offers/999999", Some(&token), None).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    // Another enterprise's offer cannot be changed: 404, and nothing changes.
    let before = count(app.db(), "offer", "title = '改别人的'").await;
    let (res, _) = call(
        &app,
        Method::PUT,
        "/api/v1/offers/13",
        Some(&token),
        Some(json!({"kind": "donation", "title": "改别人的", "body": "这不是我的帮扶资源，不应被修改。", "regions": ["360900000000"]})),
    )
    .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(count(app.db(), "offer", "title = '改别人的'").await, before);
    // A browser's session cookie does not open the API.
    let mut c = common::Client::new(&app);
    c.login("qiye01", qicun::demo::DEMO_PASSWORD).await;
    let res = c.get("/api/v1/me").await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn invalid_json_input_is_answered_field_by_field() {
    let app = TestApp::with_demo().await;
    let token = token_for(&app, "cun01").await;
    let (res, body) = call(
        &app,
        Method::POST,
        "/api/v1/needs",
        Some(&token),
        Some(json!({"kind": "nonsense", "title": "短", "body": "短", "urgency": 7, "quantity": 5})),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: BTreeSet<String> = body["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|f| f["field"].as_str().expect("name").to_owned())
        .collect();
    for f in ["kind", "title", "body", "urgency", "unit"] {
        assert!(fields.contains(f), "{f} named in {body}");
    }
    let (res, body) = call(&app, Method::POST, "/api/v1/needs", Some(&token), Some(json!({"quantity": "many"}))).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Named by its field, in Chinese (it came as the decoder's English under _body).
    assert_eq!(body["fields"][0]["field"], "quantity", "{body}");
    assert!(body["fields"][0]["message"].as_str().expect("message").contains("应为整数"), "{body}");
    let (res, body) = call(&app, Method::POST, "/api/v1/offers", Some(&token), Some(json!({}))).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "a village cannot post offers: {body}");
    assert_eq!(count(app.db(), "need", "title = '短'").await, 0);
}

#[tokio::test]
async fn the_openapi_document_lists_every_api_route() {
    let app = TestApp::spawn().await;
    let (res, doc) = call(&app, Method::GET, "/api/v1/openapi.json", None, None).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(doc["openapi"].as_str().expect("version").starts_with("3."));
    let documented: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .expect("paths")
        .iter()
        .flat_map(|(path, ops)| ops.as_object().expect("ops").keys().map(move |m| (m.to_uppercase(), path.clone())))
        .collect();
    let served: BTreeSet<(String, String)> = qicun::web::route_table()
        .into_iter()
        .filter(|(_, p)| p.starts_with("/api/v1/") && *p != "/api/v1/openapi.json")
        .map(|(m, p)| (m.to_string(), p.to_owned()))
        .collect();
    assert_eq!(documented, served);
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
}

#[tokio::test]
async fn every_operation_documents_every_status_it_can_answer() {
    let app = TestApp::spawn().await;
    let res = app.get("/api/v1/openapi.json").await;
    let doc: serde_json::Value = serde_json::from_str(&res.body).expect("json");
    let paths = doc["paths"].as_object().expect("paths");
    assert!(paths.len() >= 10, "the API is documented");
    let mut checked = 0;
    for (path, item) in paths {
        for (method, op) in item.as_object().expect("item") {
            let responses = op["responses"].as_object().expect("responses");
            let mut expected = vec!["401", "403", "422", "429", "503"];
            if path.contains('{') {
                expected.push("404");
            }
            if method != "get" {
                expected.extend(["409", "413"]);
            }
            for code in expected {
                let r = &responses.get(code).unwrap_or_else(|| panic!("{method} {path} documents {code}"));
                assert_eq!(
                    r["content"]["application/json"]["schema"]["$ref"], "#/components/schemas/ErrorBody",
                    "{method} {path} {code}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 15, "{checked} operations");
}

/// The token's user and organisation come with it (read together); its last use is written at
/// most once a minute, also when many calls arrive together; a disabled account's token fails.
#[tokio::test]
async fn a_token_brings_its_user_and_organisation_and_notes_its_use_once_a_minute() {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let app = TestApp::with_demo().await;
    let token = token_for(&app, "qiye01").await;
    let last_used = || async {
        entity::api_token::Entity::find()
            .one(app.db())
            .await
            .expect("q")
            .expect("the token")
            .last_used_at
            .map(|t| t.timestamp())
    };
    // The clock is the real one moved forward: a call may note a second later than the one read
    // just before it, so a noted time is checked against the clock before and after the call.
    let seconds = || app.state.clock.now().timestamp();
    assert_eq!(last_used().await, None, "not used yet");
    let before = seconds();
    let (res, me) = call(&app, Method::GET, "/api/v1/me", Some(&token), None).await;
    let after = seconds();
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(me["login"], "qiye01");
    let org = entity::organisation::Entity::find_by_id(me["organisation_id"].as_i64().expect("an organisation") as i32)
        .one(app.db())
        .await
        .expect("q")
        .expect("the organisation");
    assert_eq!(me["organisation_name"], org.name.as_str(), "the organisation read with the token");
    let first = last_used().await.expect("the first use is noted");
    assert!(
        (before..=after).contains(&first),
        "the first use is noted when it happens: {first} not in {before}..={after}"
    );

    app.state.clock.advance(chrono::Duration::seconds(30));
    assert_eq!(call(&app, Method::GET, "/api/v1/me", Some(&token), None).await.0.status, StatusCode::OK);
    assert_eq!(last_used().await, Some(first), "not again within the minute");

    app.state.clock.advance(chrono::Duration::seconds(31));
    let one = || call(&app, Method::GET, "/api/v1/offers", Some(&token), None);
    let before = seconds();
    let (a, b, c, d) = tokio::join!(one(), one(), one(), one());
    let after = seconds();
    for (res, _) in [a, b, c, d] {
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    }
    let again = last_used().await.expect("still noted");
    assert!(
        again > first && (before..=after).contains(&again),
        "noted again after the minute: {again} (first {first}, calls {before}..={after})"
    );

    let user = entity::user::Entity::find()
        .filter(entity::user::Column::Login.eq("qiye01"))
        .one(app.db())
        .await
        .expect("q")
        .expect("the user");
    // The system administrator disables the account (its token's row was kept by the calls).
    let admin = common::identity(&app, "admin").await;
    qicun::accounts::set_disabled(app.db(), &admin, user.id, true, app.state.clock.now()).await.expect("disable");
    let (res, body) = call(&app, Method::GET, "/api/v1/me", Some(&token), None).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED, "a disabled account's token no longer works: {body}");
}
