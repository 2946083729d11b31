//! Offers and needs through the pages: create → publish → close for both sides, every
//! validation error, publishing only when verified, expiry, lists and their weight.

mod common;

use axum::http::StatusCode;
use chrono::Duration;
use common::{Client, TestApp, count, location};
use qicun::demo::DEMO_PASSWORD;

fn offer_form<'a>(title: &'a str, until: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("kind", "procurement"),
        ("title", title),
        ("body", "常年收购本地富硒大米，按保护价结算，检测合格即签订单。"),
        ("amount_yuan", "12,500.50"),
        ("quantity", "3000"),
        ("unit", "公斤"),
        ("regions", "360902000000"),
        ("regions", "360921000000"),
        ("valid_from", ""),
        ("valid_until", until),
    ]
}

fn id_from(location: &str) -> i32 {
    location.rsplit('/').next().and_then(|s| s.parse().ok()).expect("redirect to the new listing")
}

#[tokio::test]
async fn an_enterprise_creates_publishes_and_closes_an_offer() {
    let app = TestApp::with_demo().await;
    let mut c = Client::new(&app);
    c.login("qiye01", DEMO_PASSWORD).await;
    c.get("/offers/new").await;
    let res = c.post("/offers", &offer_form("收购富硒大米 3 吨", "")).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let id = id_from(location(&res));
    assert_eq!(
        count(app.db(), "offer", &format!("id = {id} AND status = 'draft' AND amount_fen = 1250050")).await,
        1,
        "元 stored as 分"
    );
    assert_eq!(count(app.db(), "offer_region", &format!("offer_id = {id}")).await, 2);
    // A draft is not public.
    assert_eq!(Client::new(&app).get(&format!("/offers/{id}")).await.status, StatusCode::NOT_FOUND);
    assert!(!Client::new(&app).get("/offers").await.body.contains("收购富硒大米 3 吨"));

    let confirm = c.get(&format!("/offers/{id}/confirm/publish")).await;
    assert!(confirm.body.contains("确认发布"));
    assert_eq!(c.post(&format!("/offers/{id}/publish"), &[]).await.status, StatusCode::SEE_OTHER);
    let public = Client::new(&app).get("/offers").await;
    assert!(public.body.contains("收购富硒大米 3 吨"));
    let detail = Client::new(&app).get(&format!("/offers/{id}")).await;
    assert!(detail.body.contains("¥12,500.50") && detail.body.contains("袁州区、奉新县"));
    // Publishing twice is refused and changes nothing.
    assert_eq!(c.post(&format!("/offers/{id}/publish"), &[]).await.status, StatusCode::CONFLICT);

    assert_eq!(c.post(&format!("/offers/{id}/close"), &[]).await.status, StatusCode::SEE_OTHER);
    assert!(!Client::new(&app).get("/offers").await.body.contains("收购富硒大米 3 吨"));
    assert_eq!(c.post(&format!("/offers/{id}/withdraw"), &[]).await.status, StatusCode::CONFLICT, "closed is final");
    let mine = c.get("/my/offers?status=closed").await;
    assert!(mine.body.contains("收购富硒大米 3 吨") && mine.body.contains("已完成"));

    for action in ["offer.create", "offer.publish", "offer.close"] {
        assert_eq!(
            count(app.db(), "audit_event", &format!("action = '{action}' AND entity_id = '{id}'")).await,
            1,
            "{action}"
        );
    }
    assert_eq!(
        count(app.db(), "change", &format!("entity = 'offer' AND entity_id = {id}")).await,
        3,
        "one outbox row per change"
    );
}

#[tokio::test]
async fn a_village_publishes_a_need_directly_and_withdraws_it() {
    let app = TestApp::with_demo().await;
    let mut c = Client::new(&app);
    c.login("cun01", DEMO_PASSWORD).await;
    c.get("/needs/new").await;
    let res = c
        .post(
            "/needs",
            &[
                ("kind", "employment"),
                ("title", "留守妇女求就近务工岗位"),
                ("body", "村里有二十多名留守妇女，希望在附近扶贫车间做手工。"),
                ("quantity", "25"),
                ("unit", "人"),
                ("urgency", "3"),
                ("then", "publish"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let id = id_from(location(&res));
    assert_eq!(count(app.db(), "need", &format!("id = {id} AND status = 'published' AND urgency = 3")).await, 1);
    let public = Client::new(&app).get("/needs?kind=employment&county=360902000000").await;
    assert!(public.body.contains("留守妇女求就近务工岗位"), "found by kind and county");
    let other_county = Client::new(&app).get("/needs?county=360921000000").await;
    assert!(!other_county.body.contains("留守妇女求就近务工岗位"));
    assert_eq!(c.post(&format!("/needs/{id}/withdraw"), &[]).await.status, StatusCode::SEE_OTHER);
    assert!(!Client::new(&app).get("/needs").await.body.contains("留守妇女求就近务工岗位"));
    assert_eq!(Client::new(&app).get(&format!("/needs/{id}")).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn every_invalid_field_is_named_and_the_form_keeps_what_was_typed() {
    let app = TestApp::with_demo().await;
    let mut c = Client::new(&app);
    c.login("qiye01", DEMO_PASSWORD).await;
    let blank = c.get("/offers/new").await;
    // The limits are told before anything is sent.
    assert!(blank.body.contains("4–60 个字") && blank.body.contains("不超过 2000 字"), "{}", blank.body);
    assert!(!blank.body.contains("有几处需要修改"), "no summary before sending");
    let before = count(app.db(), "offer", "1 = 1").await;
    let cases: &[(&str, &str, &str)] = &[
        ("kind", "", "请选择帮扶类型"),
        ("title", "收购", "标题至少 4 个字"),
        ("body", "太短了", "至少 10 个字"),
        ("amount_yuan", "12.345", "最多保留两位小数"),
        ("amount_yuan", "一万", "金额只能是数字"),
        ("quantity", "-5", "数量应为"),
        ("quantity", "1.5", "1.5 吨写成 1500 公斤"),
        ("quantity", "1500公斤", "单位填在下一格"),
        ("quantity", "0", "数量应大于 0"),
        ("unit", "元", "钱数请填在“金额”一栏"),
        ("amount_yuan", "99999999999999999999", "金额不能超过 10 亿元"),
        ("unit", "人", "消费帮扶按产品的数量计"),
        ("unit", "", "请同时填写单位"),
        ("valid_from", "2026/13/40", "日期格式应为"),
        ("valid_until", "2020-01-01", "截止日期不能早于开始日期"),
        ("regions", "", "请至少选择一个服务地区"),
        ("regions", "999999999999", "不是已导入的"),
    ];
    for (field, value, message) in cases {
        let mut form: Vec<(&str, &str)> = offer_form("保持原样的标题", "")
            .into_iter()
            .filter(|(k, _)| k != field && !(*field == "regions" && *k == "regions"))
            .collect();
        form.push((field, value));
        let res = c.post("/offers", &form).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}={value}");
        assert!(res.body.contains(message), "{field}={value}: expected «{message}»");
        assert!(res.body.contains("有几处需要修改"), "{field}={value}: a summary at the top");
        // The message sits in the field's own block.
        let block = res.body.rsplit(&format!("name=\"{field}\"")).next().unwrap_or("");
        let block = block.split("class=\"field").next().unwrap_or("");
        assert!(block.contains("class=\"error\""), "{field}: error shown next to the field");
        if *field != "title" {
            assert!(res.body.contains("保持原样的标题"), "{field}: typed title kept");
        }
    }
    let res = c.post("/needs", &[("kind", "employment")]).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "an enterprise cannot post needs");
    let mut v = Client::new(&app);
    v.login("cun01", DEMO_PASSWORD).await;
    v.get("/needs/new").await;
    let res = v
        .post(
            "/needs",
            &[("kind", "employment"), ("title", "标题四字"), ("body", "说明十个字以上的内容"), ("urgency", "9")],
        )
        .await;
    assert!(res.body.contains("紧急程度为"));
    // A job counted in 吨 is a slip, named at the unit.
    let res = v
        .post(
            "/needs",
            &[
                ("kind", "employment"),
                ("title", "留守妇女想就近务工"),
                ("body", "村里有二十个留守妇女想在附近找活干"),
                ("quantity", "20"),
                ("unit", "吨"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("就业岗位按人数计"), "{}", res.body);
    // Needs are public: an identity or bank card number, or a phone typed in full-width digits,
    // is refused at its field with the reason, and nothing is saved.
    let needs_before = count(app.db(), "need", "1 = 1").await;
    for (field, title, body, says) in [
        ("body", "脱贫户想找工作", "脱贫户黄春生（身份证360902196501011234）想在附近找活干", "身份证号"),
        ("body", "脱贫户想找工作", "户主黄春生 银行卡 6217 0000 1234 5678 901，想在附近找活干", "银行卡号"),
        ("body", "脱贫户想找工作", "有意的企业请联系１３９１２３４５６７８，想在附近找活干", "手机号码"),
    ] {
        let res = v
            .post(
                "/needs",
                &[("kind", "employment"), ("title", title), ("body", body), ("quantity", "2"), ("unit", "人")],
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        // The reason sits in the field's own block.
        let block = res.body.rsplit(&format!("name=\"{field}\"")).next().unwrap_or("");
        let block = block.split("class=\"field").next().unwrap_or("");
        assert!(block.contains("class=\"error\"") && block.contains(says), "{body}: {block}");
    }
    assert_eq!(count(app.db(), "need", "1 = 1").await, needs_before, "no need saved");
    assert_eq!(count(app.db(), "offer", "1 = 1").await, before, "nothing saved");
}

/// Two tabs (or two colleagues) edit one listing: an outside probe saw the later save quietly
/// overwrite the earlier one. The later save is now refused with 409, says what the listing is
/// now and how to go on, and keeps the earlier save; the API does the same with `If-Match`.
#[tokio::test]
async fn a_save_on_a_listing_changed_since_the_edit_page_opened_is_refused_not_overwriting() {
    let app = TestApp::with_demo().await;
    let mut a = Client::new(&app);
    a.login("qiye01", DEMO_PASSWORD).await;
    let res = a.post("/offers", &[offer_form("两个标签页改的收购", ""), vec![("then", "publish")]].concat()).await;
    let id = id_from(location(&res));
    let mut b = Client::new(&app);
    b.login("qiye01", DEMO_PASSWORD).await;
    let version_in = |page: &str| {
        let mark = "name=\"version\" value=\"";
        let at = page.find(mark).expect("the edit form carries its version") + mark.len();
        page[at..].split('"').next().unwrap_or("").to_owned()
    };
    let (page_a, page_b) = (a.get(&format!("/offers/{id}/edit")).await, b.get(&format!("/offers/{id}/edit")).await);
    let (va, vb) = (version_in(&page_a.body), version_in(&page_b.body));
    assert_eq!(va, vb);
    app.state.clock.advance(Duration::seconds(5));
    let saved = a
        .post(&format!("/offers/{id}"), &[offer_form("标签页A改过的标题", ""), vec![("version", va.as_str())]].concat())
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let stale = b
        .post(&format!("/offers/{id}"), &[offer_form("标签页B改过的标题", ""), vec![("version", vb.as_str())]].concat())
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.body);
    assert!(stale.body.contains("已被修改并保存") && stale.body.contains("标签页A改过的标题"), "{}", stale.body);
    assert!(stale.body.contains(&format!("href=\"/offers/{id}")) || stale.body.contains("详情页"), "a way on");
    assert_eq!(
        count(app.db(), "offer", &format!("id = {id} AND title = '标签页A改过的标题'")).await,
        1,
        "A's save kept"
    );
    // Opened again, the form saves.
    let page_b = b.get(&format!("/offers/{id}/edit")).await;
    let vb = version_in(&page_b.body);
    let saved = b
        .post(
            &format!("/offers/{id}"),
            &[offer_form("标签页B重新改的标题", ""), vec![("version", vb.as_str())]].concat(),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);

    // The API: the ETag of a GET, sent back as If-Match, guards a PUT the same way.
    let token = common::token_for(&app, "qiye01").await;
    let call = |method: &str, etag: Option<&str>, body: Option<String>| {
        let mut r = axum::http::Request::builder()
            .method(method)
            .uri(format!("/api/v1/offers/{id}"))
            .header("authorization", format!("Bearer {token}"))
            .header("content-type", "application/json");
        if let Some(e) = etag {
            r = r.header("if-match", e);
        }
        r.body(axum::body::Body::from(body.unwrap_or_default())).expect("request")
    };
    let got = app.request(call("GET", None, None)).await;
    assert_eq!(got.status, StatusCode::OK);
    let etag = got.headers.get("etag").and_then(|v| v.to_str().ok()).expect("an ETag").to_owned();
    let body = |title: &str| {
        format!(
            r#"{{"kind":"procurement","title":"{title}","body":"常年收购本地富硒大米，按保护价结算。","quantity":3000,"unit":"公斤","amount_fen":0,"regions":["360902000000"]}}"#
        )
    };
    app.state.clock.advance(Duration::seconds(5));
    assert_eq!(app.request(call("PUT", Some(&etag), Some(body("接口第一次修改的标题")))).await.status, StatusCode::OK);
    let stale = app.request(call("PUT", Some(&etag), Some(body("接口用旧版本修改的标题")))).await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.body);
    assert_eq!(count(app.db(), "offer", &format!("id = {id} AND title = '接口第一次修改的标题'")).await, 1);
}

/// Digits typed on a Chinese keyboard (全角) are digits in every field: an outside walk had
/// "５００" read as a quantity but "８５０００" refused as an amount ("金额只能是数字").
#[tokio::test]
async fn full_width_digits_are_read_as_digits_in_every_field() {
    let app = TestApp::with_demo().await;
    let mut c = Client::new(&app);
    c.login("qiye01", DEMO_PASSWORD).await;
    let form = [
        ("kind", "procurement"),
        ("title", "全角数字写的收购"),
        ("body", "常年收购本地富硒大米，按保护价结算，检测合格即签订单。"),
        ("amount_yuan", "８５０００"),
        ("quantity", "５００"),
        ("unit", "公斤"),
        ("regions", "360902000000"),
    ];
    let res = c.post("/offers", &form).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(
        count(app.db(), "offer", "title = '全角数字写的收购' AND amount_fen = 8500000 AND quantity = 500").await,
        1
    );
}

/// Two of one's own offers with the same title are told apart in the 申请帮扶 list by when each
/// was published (an outside walk met two identical lines there).
#[tokio::test]
async fn own_listings_of_one_title_are_told_apart_when_offering_help() {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let app = TestApp::with_demo().await;
    let mut c = Client::new(&app);
    c.login("qiye01", DEMO_PASSWORD).await;
    for _ in 0..2 {
        let res = c.post("/offers", &[offer_form("同名的富硒米收购", ""), vec![("then", "publish")]].concat()).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
        app.state.clock.advance(Duration::minutes(3));
    }
    let need = entity::need::Entity::find()
        .filter(entity::need::Column::Kind.eq("procurement"))
        .filter(entity::need::Column::Status.eq("published"))
        .all(app.db())
        .await
        .expect("q");
    assert!(!need.is_empty(), "the demo has published procurement needs");
    let mut told_apart = false;
    for n in need {
        let page = c.get(&format!("/needs/{}", n.id)).await;
        let lines: Vec<&str> = page.body.split("<option").filter(|o| o.contains("同名的富硒米收购")).collect();
        if lines.len() == 2 {
            assert_ne!(lines[0].split('>').nth(1), lines[1].split('>').nth(1), "{lines:?}");
            assert!(lines.iter().all(|l| l.contains("发布）")), "{lines:?}");
            told_apart = true;
            break;
        }
    }
    assert!(told_apart, "a need page offered both");
}

#[tokio::test]
async fn an_unverified_enterprise_keeps_drafts_but_cannot_publish() {
    let app = TestApp::with_demo().await;
    let mut c = Client::new(&app);
    c.login("qiye20", DEMO_PASSWORD).await;
    let form = c.get("/offers/new").await;
    assert!(!form.body.contains("直接发布"), "no publish button");
    let res = c.post("/offers", &offer_form("待认证企业的草稿", "")).await;
    let id = id_from(location(&res));
    let res = c.post(&format!("/offers/{id}/publish"), &[]).await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert!(res.body.contains("认证后才能发布"));
    let res = c.post("/offers", &[offer_form("想直接发布的草稿", ""), vec![("then", "publish")]].concat()).await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    // The form comes back with what was typed and the way on (an outside walk lost the form).
    assert!(res.body.contains("认证后才能发布") && res.body.contains("保存草稿"), "{}", res.body);
    assert!(res.body.contains("value=\"想直接发布的草稿\""), "the title kept");
    assert_eq!(count(app.db(), "offer", "title = '想直接发布的草稿'").await, 0, "the whole request changed nothing");
    assert_eq!(count(app.db(), "offer", &format!("id = {id} AND status = 'draft'")).await, 1);
}

#[tokio::test]
async fn listings_past_their_end_date_vanish_from_every_list() {
    let app = TestApp::with_demo().await;
    let mut c = Client::new(&app);
    c.login("qiye01", DEMO_PASSWORD).await;
    let until = (app.state.clock.today() + Duration::days(1)).to_string();
    let res = c.post("/offers", &[offer_form("明天到期的收购", &until), vec![("then", "publish")]].concat()).await;
    let id = id_from(location(&res));
    assert!(Client::new(&app).get("/offers").await.body.contains("明天到期的收购"));
    let live_before = qicun::stats::figures(app.db(), app.state.clock.today()).await.expect("figures").offers;
    app.state.clock.advance(Duration::days(2));
    let anon = Client::new(&app).get("/offers?kind=procurement").await;
    assert!(!anon.body.contains("明天到期的收购"));
    assert_eq!(Client::new(&app).get(&format!("/offers/{id}")).await.status, StatusCode::NOT_FOUND);
    c.login("qiye01", DEMO_PASSWORD).await; // two days later the session has ended
    let mine = c.get("/my/offers").await;
    let card =
        mine.body.split("明天到期的收购").next().and_then(|b| b.rsplit("<li class=\"card\">").next()).unwrap_or("");
    assert!(card.contains("已过期"), "the owner sees it as expired: {card}");
    let figures = qicun::stats::figures(app.db(), app.state.clock.today()).await.expect("figures");
    assert!(figures.offers < live_before, "the home figure drops too");
}

#[tokio::test]
async fn the_office_sees_its_jurisdiction_without_drafts() {
    let app = TestApp::with_demo().await;
    let mut ent = Client::new(&app);
    ent.login("qiye01", DEMO_PASSWORD).await;
    ent.post("/offers", &offer_form("袁州企业的新草稿", "")).await;
    let mut office = Client::new(&app);
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    let page = office.get("/office/listings?side=offer").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("长期收购富硒大米"), "a 袁州 enterprise's offer");
    assert!(!page.body.contains("袁州企业的新草稿"), "drafts excluded");
    assert!(!page.body.contains("收购奉新猕猴桃鲜果"), "a 奉新 offer serving only 奉新 is outside 袁州");
    let needs = office.get("/office/listings?side=need&status=withdrawn").await;
    assert!(!needs.body.contains("class=\"card\""), "no withdrawn need in 袁州");
}

#[tokio::test]
async fn a_list_page_of_twenty_weighs_under_100_kb_with_its_stylesheet() {
    let app = TestApp::with_demo().await;
    let page = Client::new(&app).get("/offers").await;
    assert_eq!(page.body.matches("class=\"card\"").count(), 20, "a full page");
    assert!(page.body.contains("下一页"));
    let css = Client::new(&app).get("/static/app.css").await;
    let weight = page.body.len() + css.body.len();
    assert!(weight <= 100 * 1024, "list page + CSS = {weight} bytes");
    assert!(page.body.contains("name=\"viewport\" content=\"width=device-width"));
    let second = Client::new(&app).get("/offers?page=2").await;
    assert!(second.body.contains("上一页"));
}
