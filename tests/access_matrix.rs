//! The role × route matrix: every route the app serves, tried as every role, on the caller's
//! own rows and on another organisation's, against the access the design allows. A route
//! added to the app without a line here fails `every_route_is_in_the_matrix`.

mod common;

use std::collections::BTreeSet;

use axum::http::{Method, StatusCode};
use common::{Client, TestApp, TestResponse, location};
use entity::{organisation, user};
use qicun::demo::DEMO_PASSWORD;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    Anon,
    Ent,
    EntPending,
    Village,
    CityOffice,
    CountyOffice,
    Admin,
    Security,
    Auditor,
    Unit,
}
use Who::*;

const EVERYONE: &[Who] = &[Anon, Ent, EntPending, Village, CityOffice, CountyOffice, Admin, Security, Auditor, Unit];
const LOGGED_IN: &[Who] = &[Ent, EntPending, Village, CityOffice, CountyOffice, Admin, Security, Auditor, Unit];
const ORG_MEMBERS: &[Who] = &[Ent, EntPending, Village];

fn login_of(who: Who) -> Option<&'static str> {
    match who {
        Anon => None,
        Ent => Some("qiye01"),
        EntPending => Some("qiye20"),
        Village => Some("cun01"),
        CityOffice => Some("yichun-fpb"),
        CountyOffice => Some("yuanzhou-fpb"),
        Admin => Some("admin"),
        Security => Some("security"),
        Auditor => Some("auditor"),
        Unit => Some("danwei01"),
    }
}

struct Case {
    method: Method,
    template: &'static str,
    path: String,
    allowed: &'static [Who],
    why: &'static str,
}

fn case(
    method: Method,
    template: &'static str,
    path: impl Into<String>,
    allowed: &'static [Who],
    why: &'static str,
) -> Case {
    Case { method, template, path: path.into(), allowed, why }
}

/// Whether the request got through to the handler: denials are 403, 404, a redirect to the
/// login page, or (API) 401.
fn got_through(res: &TestResponse, api: bool) -> bool {
    match res.status {
        StatusCode::FORBIDDEN | StatusCode::NOT_FOUND => false,
        StatusCode::UNAUTHORIZED => !api,
        s if s.is_redirection() => !location(res).starts_with("/login"),
        _ => true,
    }
}

/// The identity of a demo login, as the API would see it.
trait PipeUser {
    async fn pipe_user(self, login: Option<&str>) -> Option<qicun::auth::SessionUser>;
}

impl PipeUser for sea_orm::DatabaseConnection {
    async fn pipe_user(self, login: Option<&str>) -> Option<qicun::auth::SessionUser> {
        let u = user::Entity::find().filter(user::Column::Login.eq(login?)).one(&self).await.ok()??;
        let org = match u.organisation_id {
            Some(id) => organisation::Entity::find_by_id(id).one(&self).await.ok()?,
            None => None,
        };
        qicun::auth::SessionUser::new(&u, org.as_ref(), qicun::auth::Via::Token)
    }
}

async fn org_id(app: &TestApp, r: &str) -> i32 {
    organisation::Entity::find()
        .filter(organisation::Column::ExternalRef.eq(r))
        .one(app.db())
        .await
        .expect("query")
        .expect("demo organisation")
        .id
}

async fn listing_id(app: &TestApp, side: &str, r: &str) -> i32 {
    let sql = format!("SELECT id FROM {side} WHERE ref = '{r}'");
    let row = sea_orm::ConnectionTrait::query_one_raw(
        app.db(),
        sea_orm::Statement::from_string(app.db().get_database_backend(), sql),
    )
    .await
    .expect("query")
    .expect("demo listing");
    row.try_get("", "id").expect("id")
}

async fn user_id(app: &TestApp, login: &str) -> i32 {
    user::Entity::find().filter(user::Column::Login.eq(login)).one(app.db()).await.expect("query").expect("user").id
}

/// A drafted campaign of `villages` (its office: the nearest holding them all).
async fn campaign(app: &TestApp, villages: &[&str]) -> i32 {
    let draft = qicun::campaign::Draft {
        name: "矩阵测试行动".into(),
        villages: villages.iter().map(|v| (*v).to_owned()).collect(),
        enterprises: vec!["demo-enterprise-01".into(), "demo-enterprise-02".into()],
        as_of: app.state.clock.today(),
        capacity: 1,
        one_to_one: true,
        per_village: 1,
        max_km: None,
        office: None,
        budgets: Vec::new(),
    };
    let actor = qicun::audit::Actor::system("test");
    qicun::campaign::create(app.db(), &draft, &actor, app.state.clock.now()).await.expect("campaign").id
}

async fn cases(app: &TestApp, ent_token: i32) -> Vec<Case> {
    let county_campaign = campaign(app, &["demo-village-01", "demo-village-02"]).await;
    let city_campaign = campaign(app, &["demo-village-01", "demo-village-07"]).await;
    let ent = org_id(app, "demo-enterprise-01").await;
    let ent_pending = org_id(app, "demo-enterprise-20").await;
    let village_pending = org_id(app, "demo-village-30").await;
    let cun01 = user_id(app, "cun01").await;
    let auditor = user_id(app, "auditor").await;
    let admin = user_id(app, "admin").await;
    let reviewer = user_id(app, "yuanzhou-fpb").await;
    let own_offer = listing_id(app, "offer", "demo-offer-01").await;
    let own_offer_2 = listing_id(app, "offer", "demo-offer-02").await;
    let own_offer_3 = listing_id(app, "offer", "demo-offer-03").await;
    let other_offer = listing_id(app, "offer", "demo-offer-13").await;
    let pending_draft = listing_id(app, "offer", "demo-offer-60").await;
    let own_need = listing_id(app, "need", "demo-need-01").await;
    let own_need_2 = listing_id(app, "need", "demo-need-02").await;
    let other_need = listing_id(app, "need", "demo-need-03").await;
    let other_offer_4 = listing_id(app, "offer", "demo-offer-04").await;
    // The demo's 袁州 plan (submitted, waiting for the city).
    let plan = entity::plan::Entity::find().one(app.db()).await.expect("q").expect("the demo plan").id;
    // The demo's open rectification (on an enterprise of 奉新县: the city's), and an agreement in
    // force of cun01's village for it to rate.
    let rectify = entity::assessment_outcome::Entity::find()
        .filter(entity::assessment_outcome::Column::Kind.eq("rectify"))
        .one(app.db())
        .await
        .expect("q")
        .expect("the demo's rectification")
        .id;
    let cun01_org = entity::user::Entity::find()
        .filter(entity::user::Column::Login.eq("cun01"))
        .one(app.db())
        .await
        .expect("q")
        .and_then(|u| u.organisation_id)
        .expect("cun01's village");
    let mut rateable = None;
    for a in entity::agreement::Entity::find()
        .filter(entity::agreement::Column::Status.eq("active"))
        .all(app.db())
        .await
        .expect("q")
    {
        let p = entity::pairing::Entity::find_by_id(a.pairing_id).one(app.db()).await.expect("q").expect("pairing");
        if p.village_id == cun01_org {
            rateable = Some(a.id);
        }
    }
    let rateable = rateable.expect("an agreement in force of cun01's village");
    // The demo's current 袁州 county leader (周敏).
    let duty = entity::responsibility::Entity::find()
        .filter(entity::responsibility::Column::Name.eq("周敏"))
        .one(app.db())
        .await
        .expect("q")
        .expect("the demo's assignment")
        .id;
    // A member of cun01's village's leadership in post.
    let cun01_leader = entity::village_leader::Entity::find()
        .filter(entity::village_leader::Column::VillageId.eq(cun01_org))
        .filter(entity::village_leader::Column::ToDate.is_null())
        .one(app.db())
        .await
        .expect("q")
        .expect("a leader in post")
        .id;
    // The demo's past training session in 袁州.
    let training = entity::training_session::Entity::find()
        .filter(entity::training_session::Column::AttendanceAt.is_not_null())
        .one(app.db())
        .await
        .expect("q")
        .expect("a session with attendance")
        .id;
    // The demo's household watched for relapse in cun01's village (not on the register).
    let watched = entity::monitoring_case::Entity::find()
        .filter(entity::monitoring_case::Column::VillageId.eq(cun01_org))
        .filter(entity::monitoring_case::Column::Stage.eq("measures"))
        .one(app.db())
        .await
        .expect("q")
        .expect("a case waiting for its measures")
        .id;
    // danwei01's pairing with a household of cun01's village, and a household with no cadre.
    let unit_user = user::Entity::find()
        .filter(user::Column::Login.eq("danwei01"))
        .one(app.db())
        .await
        .expect("q")
        .expect("danwei01");
    let cadre_pairing = entity::household_pairing::Entity::find()
        .filter(entity::household_pairing::Column::CadreId.eq(unit_user.id))
        .filter(entity::household_pairing::Column::ToDate.is_null())
        .one(app.db())
        .await
        .expect("q")
        .expect("the demo's pairing")
        .id;
    let paired: Vec<i32> = entity::household_pairing::Entity::find()
        .filter(entity::household_pairing::Column::ToDate.is_null())
        .all(app.db())
        .await
        .expect("q")
        .into_iter()
        .map(|p| p.household_id)
        .collect();
    let unpaired_household = entity::household::Entity::find()
        .filter(entity::household::Column::VillageId.eq(cun01_org))
        .filter(entity::household::Column::Id.is_not_in(paired))
        .filter(entity::household::Column::LeftYear.is_null())
        .one(app.db())
        .await
        .expect("q")
        .expect("a household with no cadre")
        .id;
    // An operating asset of cun01's village.
    let steady = entity::agreement::Entity::find()
        .filter(entity::agreement::Column::Title.eq("稳岗就业帮扶协议（万企兴万村）"))
        .one(app.db())
        .await
        .expect("q")
        .expect("the demo's jobs agreement")
        .id;
    let placement = entity::contribution::Entity::find()
        .filter(entity::contribution::Column::AgreementId.eq(steady))
        .one(app.db())
        .await
        .expect("q")
        .expect("its placement")
        .id;
    let first_record = entity::contribution::Entity::find()
        .filter(entity::contribution::Column::AgreementId.eq(1))
        .one(app.db())
        .await
        .expect("q")
        .expect("a record of the first agreement")
        .id;
    let cun01_asset = entity::project_asset::Entity::find()
        .filter(entity::project_asset::Column::VillageId.eq(cun01_org))
        .filter(entity::project_asset::Column::Kind.eq("operating"))
        .one(app.db())
        .await
        .expect("q")
        .expect("the demo's asset")
        .id;
    // The demo's help unit (宜春市财政局), whose account is danwei01.
    let unit = entity::responsibility::Entity::find()
        .filter(entity::responsibility::Column::Kind.eq("help_unit"))
        .one(app.db())
        .await
        .expect("q")
        .expect("the demo's help unit")
        .id;
    const ENTERPRISES: &[Who] = &[Ent, EntPending];
    const OFFICES_AND_AUDITOR: &[Who] = &[CityOffice, CountyOffice, Auditor];
    use Method as M;
    vec![
        case(M::GET, "/office/plans", "/office/plans", OFFICES_AND_AUDITOR, "plans: offices and the auditor read"),
        case(
            M::POST,
            "/office/plans",
            "/office/plans",
            &[CityOffice, CountyOffice],
            "offices (the city gets 409, the county 422 here)",
        ),
        case(
            M::GET,
            "/office/plans/{id}",
            format!("/office/plans/{plan}"),
            OFFICES_AND_AUDITOR,
            "a 袁州 plan: both offices and the auditor",
        ),
        case(
            M::POST,
            "/office/plans/{id}",
            format!("/office/plans/{plan}"),
            &[CityOffice, CountyOffice],
            "its county office saves targets; the city is told why not (409)",
        ),
        case(
            M::POST,
            "/office/plans/{id}/{step}",
            format!("/office/plans/{plan}/approve"),
            &[CityOffice, CountyOffice],
            "offices covering it (409 here: not submitted)",
        ),
        case(
            M::GET,
            "/office/responsibilities",
            "/office/responsibilities",
            OFFICES_AND_AUDITOR,
            "responsibility: offices and the auditor read",
        ),
        case(
            M::POST,
            "/office/responsibilities",
            "/office/responsibilities",
            &[CityOffice, CountyOffice],
            "offices record (422 here: the form is empty)",
        ),
        case(
            M::GET,
            "/office/responsibilities/{id}",
            format!("/office/responsibilities/{duty}"),
            OFFICES_AND_AUDITOR,
            "a 袁州 assignment: both offices and the auditor (not another unit's account)",
        ),
        case(
            M::GET,
            "/office/responsibilities/{id}",
            format!("/office/responsibilities/{unit}"),
            OFFICES_AND_AUDITOR,
            "the help unit's assignment: its own account reads it at /unit, not on the office's page",
        ),
        case(M::GET, "/unit", "/unit", &[Unit], "a help unit's own assignment and villages"),
        case(
            M::POST,
            "/office/responsibilities/{id}/end",
            format!("/office/responsibilities/{duty}/end"),
            &[CityOffice, CountyOffice],
            "offices covering it (422 here: no reason)",
        ),
        case(M::GET, "/assessment/formula", "/assessment/formula", EVERYONE, "the published formula"),
        case(M::GET, "/assessment/outcomes", "/assessment/outcomes", EVERYONE, "outcomes on public notice"),
        case(M::GET, "/office/assessment", "/office/assessment", OFFICES_AND_AUDITOR, "ranked results"),
        case(
            M::GET,
            "/my/assessment",
            "/my/assessment",
            &[Ent, EntPending, Unit],
            "an enterprise's or a help unit's own score (a redirect)",
        ),
        case(
            M::GET,
            "/assessment/{kind}/{key}",
            format!("/assessment/unit/{unit}"),
            &[CityOffice, CountyOffice, Auditor, Unit],
            "a help unit's score: the offices covering its county, the auditor and the unit itself",
        ),
        case(
            M::GET,
            "/assessment/{kind}/{key}",
            "/assessment/county/360902",
            OFFICES_AND_AUDITOR,
            "袁州区's score: its offices and the auditor",
        ),
        case(
            M::POST,
            "/assessment/{kind}/{key}/outcomes",
            "/assessment/county/360902/outcomes",
            &[CityOffice, CountyOffice],
            "offices covering it decide (422 here: empty form)",
        ),
        case(
            M::POST,
            "/assessment/outcomes/{id}/close",
            format!("/assessment/outcomes/{rectify}/close"),
            &[CityOffice],
            "the city covers the 奉新 firm; 袁州 does not (422 here: no note)",
        ),
        case(
            M::POST,
            "/assessment/outcomes/{id}/revoke",
            format!("/assessment/outcomes/{rectify}/revoke"),
            &[CityOffice],
            "the city decided it; 袁州 does not cover the 奉新 firm (422 here: no reason)",
        ),
        case(
            M::POST,
            "/agreements/{id}/rating",
            format!("/agreements/{rateable}/rating"),
            &[Village],
            "its village rates (422 here: no rating)",
        ),
        case(M::GET, "/office/supervision", "/office/supervision", OFFICES_AND_AUDITOR, "supervision findings"),
        case(
            M::POST,
            "/office/supervision/scan",
            "/office/supervision/scan",
            &[CityOffice, CountyOffice],
            "offices ask for a scan",
        ),
        case(
            M::POST,
            "/office/supervision/{id}/close",
            "/office/supervision/999999/close",
            &[],
            "no such finding: 404 for everyone (closing is tested in tests/supervision.rs)",
        ),
        case(
            M::GET,
            "/agreements/{id}/archive",
            "/agreements/1/archive",
            &[Ent, Village, CityOffice, CountyOffice, Auditor],
            "the project archive: as the agreement",
        ),
        case(
            M::GET,
            "/agreements/{id}/archive.zip",
            "/agreements/1/archive.zip",
            &[Ent, Village, CityOffice, CountyOffice, Auditor],
            "the project archive's ZIP: as the agreement",
        ),
        case(M::GET, "/portal", "/portal", EVERYONE, "the public portal"),
        case(M::GET, "/stories/{id}", "/stories/1", EVERYONE, "a published story"),
        case(M::GET, "/stories/{id}/photo", "/stories/1/photo", EVERYONE, "its photo (re-encoded)"),
        case(M::GET, "/office/stories", "/office/stories", &[CityOffice, CountyOffice], "the offices' story desk"),
        case(
            M::POST,
            "/office/stories",
            "/office/stories",
            &[CityOffice, CountyOffice],
            "offices publish (422 here: not multipart)",
        ),
        case(
            M::POST,
            "/office/stories/{id}/withdraw",
            "/office/stories/2/withdraw",
            &[CityOffice, CountyOffice],
            "袁州's story: its office and the city above (422 here: no reason)",
        ),
        case(M::GET, "/office/register", "/office/register", OFFICES_AND_AUDITOR, "the 建档立卡 register: not public"),
        case(
            M::POST,
            "/office/register",
            "/office/register",
            &[CityOffice, CountyOffice],
            "offices import (422 here: not multipart)",
        ),
        case(
            M::POST,
            "/office/register/households",
            "/office/register/households",
            &[CityOffice, CountyOffice],
            "offices import households (422 here: not multipart)",
        ),
        case(
            M::GET,
            "/office/register/villages/{id}/households",
            format!("/office/register/villages/{cun01_org}/households"),
            OFFICES_AND_AUDITOR,
            "a village's households: the offices covering it and the auditor, never public",
        ),
        case(
            M::GET,
            "/office/register/villages/{id}/households",
            format!("/office/register/villages/{village_pending}/households"),
            &[CityOffice, Auditor],
            "a village outside 袁州: the city office covering it and the auditor (404 for 袁州's office)",
        ),
        case(M::GET, "/my/households", "/my/households", &[Village], "a village's own households"),
        case(
            M::GET,
            "/office/training",
            "/office/training",
            OFFICES_AND_AUDITOR,
            "cadre training: offices and the auditor",
        ),
        case(
            M::POST,
            "/office/training",
            "/office/training",
            &[CityOffice, CountyOffice],
            "offices record sessions (422 here: empty form)",
        ),
        case(
            M::GET,
            "/office/training/{id}",
            format!("/office/training/{training}"),
            OFFICES_AND_AUDITOR,
            "a 袁州 session: its offices and the auditor",
        ),
        case(
            M::POST,
            "/office/training/{id}/attendance",
            format!("/office/training/{training}/attendance"),
            &[CityOffice, CountyOffice],
            "the offices covering it (409 here: the list changed since the page was read)",
        ),
        case(
            M::GET,
            "/office/villages/{id}/leaders",
            format!("/office/villages/{cun01_org}/leaders"),
            OFFICES_AND_AUDITOR,
            "a 袁州 village's leadership record: its offices and the auditor",
        ),
        case(
            M::POST,
            "/office/villages/{id}/leaders",
            format!("/office/villages/{cun01_org}/leaders"),
            &[CityOffice, CountyOffice],
            "the offices covering it record (422 here: empty form)",
        ),
        case(
            M::POST,
            "/office/leaders/{id}/end",
            format!("/office/leaders/{cun01_leader}/end"),
            &[CityOffice, CountyOffice],
            "the offices covering it (422 here: no reason)",
        ),
        case(
            M::GET,
            "/monitoring",
            "/monitoring",
            &[Village, CityOffice, CountyOffice, Auditor],
            "relapse monitoring: a village its own, offices their jurisdiction, the auditor all",
        ),
        case(
            M::POST,
            "/monitoring",
            "/monitoring",
            &[Village, CityOffice, CountyOffice],
            "filed by a village or an office (422 here: empty form)",
        ),
        case(
            M::GET,
            "/monitoring/{id}",
            format!("/monitoring/{watched}"),
            &[Village, CityOffice, CountyOffice, Auditor],
            "a watched household of cun01's village: the village, its offices, the auditor",
        ),
        case(
            M::POST,
            "/monitoring/{id}/step",
            format!("/monitoring/{watched}/step"),
            &[Village, CityOffice, CountyOffice],
            "the village or its offices (409 here: the form names no stage)",
        ),
        case(
            M::GET,
            "/monitoring/{id}/notice",
            format!("/monitoring/{watched}/notice"),
            &[Village, CityOffice, CountyOffice, Auditor],
            "the village notice to print: as the case",
        ),
        case(
            M::GET,
            "/admin/calendar",
            "/admin/calendar",
            &[Admin, CityOffice, CountyOffice, Auditor],
            "the holiday arrangement: the administrator keeps it, offices and the auditor read it",
        ),
        case(M::POST, "/admin/calendar", "/admin/calendar", &[Admin], "kept by the administrator (an empty one saves)"),
        case(
            M::POST,
            "/office/households/{id}/pair",
            format!("/office/households/{unpaired_household}/pair"),
            &[CityOffice, CountyOffice],
            "offices covering the village pair a cadre (422 here: none chosen)",
        ),
        case(M::GET, "/cadre", "/cadre", &[CityOffice, CountyOffice, Unit], "a cadre's own households"),
        case(
            M::GET,
            "/cadre/pairings/{id}",
            format!("/cadre/pairings/{cadre_pairing}"),
            &[Village, CityOffice, CountyOffice, Auditor, Unit],
            "the village, its offices, the auditor and the paired cadre",
        ),
        case(
            M::POST,
            "/cadre/pairings/{id}/visits",
            format!("/cadre/pairings/{cadre_pairing}/visits"),
            &[Unit],
            "only the paired cadre logs (422 here: empty form)",
        ),
        case(
            M::POST,
            "/cadre/pairings/{id}/end",
            format!("/cadre/pairings/{cadre_pairing}/end"),
            &[CityOffice, CountyOffice],
            "the offices covering the village end it (422 here: no reason)",
        ),
        case(M::GET, "/office/team", "/office/team", OFFICES_AND_AUDITOR, "office teams and backlogs"),
        case(M::GET, "/lang/{code}", "/lang/en", EVERYONE, "anyone switches the language"),
        case(
            M::GET,
            "/admin/programmes",
            "/admin/programmes",
            &[Admin, CityOffice, CountyOffice, Auditor],
            "the deployment's programmes: the administrator declares them, offices and the auditor read",
        ),
        case(
            M::POST,
            "/admin/programmes",
            "/admin/programmes",
            &[Admin],
            "declared by the administrator (422 here: none)",
        ),
        case(
            M::POST,
            "/admin/programmes/counties",
            "/admin/programmes/counties",
            &[Admin],
            "county categories: the administrator (an empty list saves)",
        ),
        case(
            M::GET,
            "/office/lexicon",
            "/office/lexicon",
            &[Admin, CityOffice, CountyOffice, Auditor],
            "the deployment's matching words: offices and the administrator edit, the auditor reads",
        ),
        case(
            M::GET,
            "/office/lexicon/words.xlsx",
            "/office/lexicon/words.xlsx",
            &[Admin, CityOffice, CountyOffice, Auditor],
            "the matching words as a workbook: who reads them",
        ),
        case(
            M::POST,
            "/office/lexicon/check",
            "/office/lexicon/check",
            &[Admin, CityOffice, CountyOffice],
            "checking matching words: offices and the administrator",
        ),
        case(
            M::POST,
            "/office/lexicon",
            "/office/lexicon",
            &[Admin, CityOffice, CountyOffice],
            "saving matching words: offices and the administrator (409 here: no mark of the saved words)",
        ),
        case(
            M::POST,
            "/office/lexicon/upload",
            "/office/lexicon/upload",
            &[Admin, CityOffice, CountyOffice],
            "uploading matching words: offices and the administrator (422 here: no file)",
        ),
        case(
            M::POST,
            "/agreements/{id}/programmes",
            format!("/agreements/{steady}/programmes"),
            &[CityOffice, CountyOffice],
            "the offices covering the village retag an agreement",
        ),
        case(
            M::GET,
            "/contributions/{id}",
            format!("/contributions/{first_record}"),
            &[Ent, Village, CityOffice, CountyOffice, Auditor],
            "a record's address leads to its agreement: who may read the agreement",
        ),
        case(
            M::GET,
            "/contributions/{id}/purchase",
            format!("/contributions/{first_record}/purchase"),
            &[Ent],
            "the buyer records payment and rating (409 here when the record is no purchase)",
        ),
        case(
            M::POST,
            "/contributions/{id}/purchase",
            format!("/contributions/{first_record}/purchase"),
            &[Ent],
            "only the buyer (422 or 409 here)",
        ),
        case(
            M::GET,
            "/contributions/{id}/retention",
            format!("/contributions/{placement}/retention"),
            &[Village],
            "the six-month follow-up of jobs: the village reports it",
        ),
        case(
            M::POST,
            "/contributions/{id}/retention",
            format!("/contributions/{placement}/retention"),
            &[Village],
            "only the village (422 here: empty)",
        ),
        case(
            M::POST,
            "/contributions/{id}/retention/verify",
            format!("/contributions/{placement}/retention/verify"),
            &[CityOffice, CountyOffice],
            "the offices covering the village verify it (409 here: nothing reported)",
        ),
        case(M::GET, "/office/programmes", "/office/programmes", OFFICES_AND_AUDITOR, "each programme's figures"),
        case(
            M::GET,
            "/office/programmes/export",
            "/office/programmes/export?ledger=xiaofei",
            OFFICES_AND_AUDITOR,
            "each programme's ledger to download",
        ),
        case(M::GET, "/my/worklog", "/my/worklog", &[Village], "a village's own work log"),
        case(M::GET, "/office/assets", "/office/assets", OFFICES_AND_AUDITOR, "project assets of the jurisdiction"),
        case(
            M::POST,
            "/office/assets",
            "/office/assets",
            &[CityOffice, CountyOffice],
            "recorded by offices (422 here)",
        ),
        case(M::GET, "/my/assets", "/my/assets", &[Village], "a village's own project assets"),
        case(
            M::POST,
            "/assets/{id}/income",
            format!("/assets/{cun01_asset}/income"),
            &[Village],
            "an operating asset's income: reported by its village (422 here: empty)",
        ),
        case(M::POST, "/my/worklog", "/my/worklog", &[Village], "written by the village (422 here: empty)"),
        case(
            M::GET,
            "/office/villages/{id}/worklog",
            format!("/office/villages/{cun01_org}/worklog"),
            OFFICES_AND_AUDITOR,
            "a 袁州 village's work log: its offices and the auditor",
        ),
        case(
            M::POST,
            "/office/team/posts",
            "/office/team/posts",
            &[CityOffice, CountyOffice],
            "an office records its posts (422 here: empty)",
        ),
        case(
            M::POST,
            "/office/team/assign",
            "/office/team/assign",
            &[CityOffice, CountyOffice],
            "offices reassign work (422 here: nothing chosen)",
        ),
        case(M::GET, "/office/inspection", "/office/inspection", OFFICES_AND_AUDITOR, "the annual 稽查 report"),
        case(M::GET, "/my/income", "/my/income", &[Village], "a village's collective income"),
        case(M::POST, "/my/income", "/my/income", &[Village], "reported by the village (422 here: empty)"),
        case(M::GET, "/office/income", "/office/income", OFFICES_AND_AUDITOR, "offices verify, the auditor reads"),
        case(
            M::POST,
            "/office/income/{village}/{year}/{step}",
            "/office/income/1/2025/verify",
            &[],
            "nothing reported: 404 for everyone (verifying is tested in tests/income.rs)",
        ),
        case(M::GET, "/static/app.css", "/static/app.css", EVERYONE, "public asset"),
        case(M::GET, "/favicon.svg", "/favicon.svg", EVERYONE, "public asset"),
        case(M::GET, "/favicon.ico", "/favicon.ico", EVERYONE, "public asset"),
        case(M::GET, "/help", "/help", EVERYONE, "help for every role"),
        case(M::GET, "/", "/", EVERYONE, "public home"),
        case(M::GET, "/healthz", "/healthz", EVERYONE, "health check"),
        case(M::GET, "/login", "/login", EVERYONE, "login form (logged-in users are sent home)"),
        case(M::POST, "/login", "/login", EVERYONE, "login attempt"),
        case(M::GET, "/register", "/register", EVERYONE, "registration choice"),
        case(M::GET, "/register/enterprise", "/register/enterprise", EVERYONE, "registration form"),
        case(M::POST, "/register/enterprise", "/register/enterprise", EVERYONE, "registration"),
        case(M::GET, "/register/village", "/register/village", EVERYONE, "registration form"),
        case(M::POST, "/register/village", "/register/village", EVERYONE, "registration"),
        case(M::GET, "/account", "/account", LOGGED_IN, "own account"),
        case(M::POST, "/account/password", "/account/password", LOGGED_IN, "own password"),
        case(M::POST, "/account/tokens", "/account/tokens", LOGGED_IN, "own tokens"),
        case(
            M::POST,
            "/account/tokens/{id}/revoke",
            format!("/account/tokens/{ent_token}/revoke"),
            &[Ent],
            "only the token's owner",
        ),
        case(M::GET, "/profile", "/profile", ORG_MEMBERS, "own organisation"),
        case(M::POST, "/profile", "/profile", ORG_MEMBERS, "own organisation"),
        case(
            M::GET,
            "/organisations/{id}",
            format!("/organisations/{ent}"),
            EVERYONE,
            "a verified organisation is public",
        ),
        case(
            M::GET,
            "/organisations/{id}",
            format!("/organisations/{ent_pending}"),
            &[EntPending, Auditor],
            "a pending enterprise registered outside every demo office: itself and the auditor (the office where it is registered reviews it)",
        ),
        case(
            M::GET,
            "/organisations/{id}",
            format!("/organisations/{village_pending}"),
            &[CityOffice, Auditor],
            "a pending village in 高安: not the 袁州 office",
        ),
        case(
            M::GET,
            "/office/organisations",
            "/office/organisations",
            &[CityOffice, CountyOffice, Auditor],
            "review list",
        ),
        case(
            M::GET,
            "/office/organisations/{id}/{action}",
            format!("/office/organisations/{village_pending}/verify"),
            &[CityOffice],
            "only an office covering 高安",
        ),
        case(
            M::GET,
            "/office/organisations/{id}/{action}",
            format!("/office/organisations/{ent}/suspend"),
            &[CityOffice, CountyOffice],
            "an enterprise in 袁州: both offices",
        ),
        case(
            M::POST,
            "/office/organisations/{id}/{action}",
            format!("/office/organisations/{village_pending}/verify"),
            &[CityOffice],
            "only an office covering 高安 verifies",
        ),
        case(M::GET, "/admin/users", "/admin/users", &[Admin], "accounts"),
        case(M::GET, "/admin/users/new", "/admin/users/new", &[Admin], "accounts"),
        case(
            M::GET,
            "/admin/users/{id}/confirm/disable",
            "/admin/users/1/confirm/disable",
            &[Admin],
            "asked before disabling",
        ),
        case(M::POST, "/admin/users", "/admin/users", &[Admin], "accounts"),
        case(
            M::POST,
            "/admin/users/{id}/{action}",
            format!("/admin/users/{cun01}/enable"),
            &[Admin],
            "accounts (here: already enabled, 409)",
        ),
        case(
            M::POST,
            "/admin/users/{id}/{action}",
            format!("/admin/users/{auditor}/disable"),
            &[],
            "nobody disables the auditor on the web",
        ),
        case(M::GET, "/security/users", "/security/users", &[Security], "passwords and lockouts"),
        case(
            M::POST,
            "/security/users/{id}/{action}",
            format!("/security/users/{cun01}/unlock"),
            &[Security],
            "lockouts",
        ),
        case(
            M::POST,
            "/security/users/{id}/{action}",
            format!("/security/users/{admin}/issue"),
            &[],
            "nobody resets an administrator on the web",
        ),
        case(M::GET, "/security/settings", "/security/settings", &[Security], "security settings"),
        case(
            M::GET,
            "/security/users/{id}/scope",
            format!("/security/users/{reviewer}/scope"),
            &[Security],
            "a reviewer's scope",
        ),
        case(
            M::GET,
            "/security/users/{id}/scope",
            format!("/security/users/{cun01}/scope"),
            &[],
            "only reviewers have a scope",
        ),
        case(
            M::POST,
            "/security/users/{id}/scope",
            format!("/security/users/{reviewer}/scope"),
            &[Security],
            "a reviewer's scope (here: none picked, 422)",
        ),
        case(
            M::POST,
            "/security/users/{id}/{action}",
            format!("/security/users/{cun01}/reset_totp"),
            &[Security],
            "a lost phone (here: none set, 409)",
        ),
        case(M::GET, "/login/totp", "/login/totp", LOGGED_IN, "the second factor (anyone not waiting is sent home)"),
        case(M::POST, "/login/totp", "/login/totp", LOGGED_IN, "the second factor (anyone not waiting is sent home)"),
        case(M::GET, "/account/totp", "/account/totp", LOGGED_IN, "own second factor"),
        case(M::POST, "/account/totp", "/account/totp", LOGGED_IN, "own second factor (here: no code, 422)"),
        case(
            M::POST,
            "/security/settings",
            "/security/settings",
            &[Security],
            "security settings (here: invalid, 422)",
        ),
        case(M::GET, "/audit", "/audit", &[Auditor], "audit trail"),
        case(M::GET, "/audit/export", "/audit/export?from=2026-01-01&to=2026-12-31", &[Auditor], "audit archive"),
        case(M::GET, "/api/v1/openapi.json", "/api/v1/openapi.json", EVERYONE, "the API's description is public"),
        case(M::GET, "/api/v1/me", "/api/v1/me", LOGGED_IN, "API identity"),
        case(M::GET, "/api/v1/organisations", "/api/v1/organisations", LOGGED_IN, "API: organisations"),
        case(
            M::GET,
            "/api/v1/organisations/{id}",
            format!("/api/v1/organisations/{ent}"),
            LOGGED_IN,
            "API: a verified organisation",
        ),
        case(
            M::GET,
            "/api/v1/organisations/{id}",
            format!("/api/v1/organisations/{ent_pending}"),
            &[EntPending, Auditor],
            "API: a pending organisation outside every demo office",
        ),
        case(M::GET, "/api/v1/offers", "/api/v1/offers", LOGGED_IN, "API list"),
        case(M::GET, "/api/v1/needs", "/api/v1/needs", LOGGED_IN, "API list"),
        case(M::GET, "/api/v1/offers/{id}", format!("/api/v1/offers/{own_offer}"), LOGGED_IN, "API: a published offer"),
        case(
            M::GET,
            "/api/v1/offers/{id}",
            format!("/api/v1/offers/{pending_draft}"),
            &[EntPending, Auditor],
            "API: a draft",
        ),
        case(M::GET, "/api/v1/needs/{id}", format!("/api/v1/needs/{own_need}"), LOGGED_IN, "API: a published need"),
        case(M::POST, "/api/v1/offers", "/api/v1/offers", ENTERPRISES, "API: create offer"),
        case(M::POST, "/api/v1/needs", "/api/v1/needs", &[Village], "API: create need"),
        case(M::PUT, "/api/v1/offers/{id}", format!("/api/v1/offers/{own_offer}"), &[Ent], "API: owner replaces"),
        case(
            M::PUT,
            "/api/v1/offers/{id}",
            format!("/api/v1/offers/{other_offer}"),
            &[],
            "API: another's offer is 404",
        ),
        case(M::PUT, "/api/v1/needs/{id}", format!("/api/v1/needs/{own_need}"), &[Village], "API: owner replaces"),
        case(
            M::GET,
            "/api/v1/needs/{id}/matches",
            format!("/api/v1/needs/{own_need}/matches"),
            &[Village, CityOffice, CountyOffice, Auditor],
            "API: matches for the owner, covering offices and the auditor",
        ),
        case(
            M::GET,
            "/api/v1/offers/{id}/matches",
            format!("/api/v1/offers/{own_offer}/matches"),
            &[Ent, CityOffice, CountyOffice, Auditor],
            "API: matches for the owner, covering offices and the auditor",
        ),
        case(M::GET, "/offers", "/offers", EVERYONE, "public list"),
        case(M::GET, "/needs", "/needs", EVERYONE, "public list"),
        case(M::GET, "/offers/new", "/offers/new", ENTERPRISES, "enterprises post offers (pending ones as drafts)"),
        case(M::GET, "/needs/new", "/needs/new", &[Village], "villages post needs"),
        case(M::POST, "/offers", "/offers", ENTERPRISES, "create offer"),
        case(M::POST, "/needs", "/needs", &[Village], "create need"),
        case(M::GET, "/offers/{id}", format!("/offers/{own_offer}"), EVERYONE, "a published offer is public"),
        case(
            M::GET,
            "/offers/{id}",
            format!("/offers/{pending_draft}"),
            &[EntPending, Auditor],
            "a draft: its owner and the auditor",
        ),
        case(M::GET, "/needs/{id}", format!("/needs/{own_need}"), EVERYONE, "a published need is public"),
        case(M::GET, "/offers/{id}/edit", format!("/offers/{own_offer}/edit"), &[Ent], "only the owner edits"),
        case(
            M::GET,
            "/offers/{id}/edit",
            format!("/offers/{other_offer}/edit"),
            &[],
            "another enterprise's offer: 404 for all",
        ),
        case(M::GET, "/needs/{id}/edit", format!("/needs/{own_need}/edit"), &[Village], "only the owner edits"),
        case(M::POST, "/offers/{id}", format!("/offers/{own_offer}"), &[Ent], "only the owner saves"),
        case(M::POST, "/needs/{id}", format!("/needs/{own_need}"), &[Village], "only the owner saves"),
        case(M::GET, "/offers/{id}/confirm/{step}", format!("/offers/{own_offer}/confirm/close"), &[Ent], "owner"),
        case(M::GET, "/needs/{id}/confirm/{step}", format!("/needs/{own_need}/confirm/close"), &[Village], "owner"),
        case(M::POST, "/offers/{id}/{step}", format!("/offers/{own_offer_3}/withdraw"), &[Ent], "owner"),
        case(M::POST, "/needs/{id}/{step}", format!("/needs/{own_need_2}/withdraw"), &[Village], "owner"),
        case(M::GET, "/my/offers", "/my/offers", ENTERPRISES, "own list"),
        case(M::GET, "/my/needs", "/my/needs", &[Village], "own list"),
        case(M::GET, "/office/listings", "/office/listings", OFFICES_AND_AUDITOR, "jurisdiction view"),
        case(M::GET, "/office/import", "/office/import", &[CityOffice, CountyOffice], "ledger upload"),
        case(
            M::GET,
            "/office/import/template.xlsx",
            "/office/import/template.xlsx",
            &[CityOffice, CountyOffice],
            "the ledger template",
        ),
        case(
            M::POST,
            "/needs/{id}/help",
            format!("/needs/{other_need}/help"),
            &[Ent, EntPending],
            "enterprises offer help (the pending one gets 409)",
        ),
        case(M::POST, "/offers/{id}/apply", format!("/offers/{other_offer_4}/apply"), &[Village], "villages apply"),
        case(M::GET, "/inbox", "/inbox", LOGGED_IN, "own messages"),
        case(M::POST, "/inbox/read", "/inbox/read", LOGGED_IN, "marks own messages read"),
        case(
            M::GET,
            "/agreements",
            "/agreements",
            &[Ent, EntPending, Village, CityOffice, CountyOffice, Auditor],
            "own agreements",
        ),
        case(
            M::GET,
            "/agreements/{id}",
            "/agreements/1",
            &[Ent, Village, CityOffice, CountyOffice, Auditor],
            "the parties, offices, auditor",
        ),
        case(
            M::POST,
            "/agreements/{id}/close",
            "/agreements/4/close",
            &[CityOffice, CountyOffice],
            "offices covering the village close agreements",
        ),
        case(
            M::GET,
            "/pairings/{id}/agreement/new",
            "/pairings/1/agreement/new",
            &[Ent, CityOffice, CountyOffice],
            "the enterprise or a covering office drafts (here: refused as existing, 409)",
        ),
        case(
            M::POST,
            "/pairings/{id}/agreement",
            "/pairings/1/agreement",
            &[Ent, CityOffice, CountyOffice],
            "drafting",
        ),
        case(
            M::GET,
            "/agreements/{id}/contributions/new",
            "/agreements/1/contributions/new",
            &[Ent],
            "the agreement's enterprise reports",
        ),
        case(
            M::POST,
            "/agreements/{id}/contributions",
            "/agreements/1/contributions",
            &[Ent],
            "the agreement's enterprise reports",
        ),
        case(
            M::GET,
            "/agreements/{id}/confirm/{step}",
            "/agreements/1/confirm/countersign",
            &[Village, CityOffice, CountyOffice],
            "the village countersigns, offices file (409 here: agreement 1 is in force)",
        ),
        case(
            M::POST,
            "/agreements/{id}/act/{step}",
            "/agreements/1/act/countersign",
            &[Village, CityOffice, CountyOffice],
            "the parties who countersign or file may try (409 here)",
        ),
        case(
            M::GET,
            "/agreements/{id}/edit",
            "/agreements/1/edit",
            &[Ent, CityOffice, CountyOffice],
            "the drafters change a draft sent back (409 here)",
        ),
        case(
            M::POST,
            "/agreements/{id}/edit",
            "/agreements/1/edit",
            &[Ent, CityOffice, CountyOffice],
            "the drafters resubmit (the empty form is refused with its errors)",
        ),
        case(
            M::GET,
            "/contributions/{id}/confirm/{step}",
            "/contributions/3/confirm/confirm",
            &[Ent, Village, CityOffice, CountyOffice],
            "the parties open a step's page (the enterprise and offices learn with 409 it is not theirs)",
        ),
        case(
            M::GET,
            "/contributions/{id}/correct",
            "/contributions/3/correct",
            &[Ent],
            "the reporting enterprise corrects a record not yet confirmed",
        ),
        case(
            M::POST,
            "/contributions/{id}/{step}",
            "/contributions/2/verify",
            &[Ent, Village, CityOffice, CountyOffice],
            "parties may try (the village gets 409 here); others 403/404",
        ),
        case(M::GET, "/evidence/{id}", "/evidence/999", &[], "no such file: 404 for everyone"),
        case(M::GET, "/office/ledger", "/office/ledger", &[CityOffice, CountyOffice, Auditor], "ledger download"),
        case(M::GET, "/notices", "/notices", EVERYONE, "公示 is public"),
        case(M::GET, "/notices/{id}", "/notices/1", EVERYONE, "公示 is public"),
        case(
            M::GET,
            "/notices/{id}/evidence/{evidence}",
            "/notices/1/evidence/999",
            &[],
            "no such evidence: 404 for everyone",
        ),
        case(
            M::POST,
            "/notices/{id}/objections",
            "/notices/1/objections",
            EVERYONE,
            "anyone may object (here: refused or invalid)",
        ),
        case(
            M::GET,
            "/office/objections",
            "/office/objections",
            &[CityOffice, CountyOffice, Auditor],
            "objections with contacts",
        ),
        case(
            M::GET,
            "/objections/{id}/confirm/{act}",
            "/objections/2/confirm/dismiss",
            &[CityOffice, CountyOffice],
            "offices covering the notice",
        ),
        case(
            M::POST,
            "/objections/{id}/{act}",
            "/objections/2/dismiss",
            &[CityOffice, CountyOffice],
            "offices covering the notice",
        ),
        case(
            M::GET,
            "/pairings",
            "/pairings",
            &[Ent, EntPending, Village, CityOffice, CountyOffice, Auditor],
            "own pairings",
        ),
        case(
            M::GET,
            "/pairings/{id}",
            "/pairings/1",
            &[Ent, Village, CityOffice, CountyOffice, Auditor],
            "a 袁州 pairing: its two parties, both offices, the auditor",
        ),
        case(
            M::GET,
            "/pairings/{id}",
            "/pairings/8",
            &[CityOffice, Auditor],
            "a 万载 pairing of others: the city office and the auditor",
        ),
        case(
            M::GET,
            "/pairings/{id}/confirm/{act}",
            "/pairings/1/confirm/withdraw",
            &[Ent, Village, CityOffice, CountyOffice],
            "parties and covering offices",
        ),
        case(
            M::POST,
            "/pairings/{id}/{act}",
            "/pairings/8/approve",
            &[CityOffice],
            "only an office covering the village reviews",
        ),
        case(
            M::GET,
            "/offers/{id}/propose",
            format!("/offers/{own_offer}/propose"),
            &[Ent, CityOffice, CountyOffice],
            "the offer's owner or an office covering it sees what it would propose",
        ),
        case(
            M::GET,
            "/needs/{id}/propose",
            format!("/needs/{own_need}/propose"),
            &[Village, CityOffice, CountyOffice],
            "the need's owner or an office covering it sees what it would propose",
        ),
        case(
            M::POST,
            "/offers/{id}/propose",
            format!("/offers/{own_offer}/propose"),
            &[Ent, CityOffice, CountyOffice],
            "the offer's owner or an office covering it proposes",
        ),
        case(
            M::POST,
            "/needs/{id}/propose",
            format!("/needs/{own_need}/propose"),
            &[Village, CityOffice, CountyOffice],
            "the need's owner or an office covering it proposes",
        ),
        case(M::POST, "/office/import", "/office/import", &[CityOffice, CountyOffice], "ledger upload"),
        case(
            M::POST,
            "/api/v1/offers/{id}/{step}",
            format!("/api/v1/offers/{own_offer_2}/withdraw"),
            &[Ent],
            "API: owner",
        ),
        case(
            M::POST,
            "/api/v1/needs/{id}/{step}",
            format!("/api/v1/needs/{own_need_2}/withdraw"),
            &[Village],
            "API: owner",
        ),
        case(
            M::GET,
            "/office/campaigns",
            "/office/campaigns",
            &[CityOffice, CountyOffice, Auditor],
            "campaigns: offices and the auditor",
        ),
        case(M::GET, "/office/campaigns/new", "/office/campaigns/new", &[CityOffice, CountyOffice], "offices draft"),
        case(
            M::POST,
            "/office/campaigns",
            "/office/campaigns",
            &[CityOffice, CountyOffice],
            "offices draft (422 here)",
        ),
        case(
            M::GET,
            "/office/campaigns/{id}",
            format!("/office/campaigns/{county_campaign}"),
            &[CityOffice, CountyOffice, Auditor],
            "a 袁州 campaign: both offices and the auditor",
        ),
        case(
            M::GET,
            "/office/campaigns/{id}",
            format!("/office/campaigns/{city_campaign}"),
            &[CityOffice, Auditor],
            "the city's campaign: not the county office",
        ),
        case(
            M::POST,
            "/office/campaigns/{id}/pairs",
            format!("/office/campaigns/{county_campaign}/pairs"),
            &[CityOffice, CountyOffice],
            "offices covering it mark pairs (422 here)",
        ),
        case(
            M::POST,
            "/office/campaigns/{id}/budget",
            format!("/office/campaigns/{county_campaign}/budget"),
            &[CityOffice, CountyOffice],
            "offices covering it set budgets (422 here: no kind)",
        ),
        case(
            M::POST,
            "/office/campaigns/{id}/solve",
            format!("/office/campaigns/{city_campaign}/solve"),
            &[CityOffice],
            "only offices covering the campaign's office solve",
        ),
        case(
            M::GET,
            "/office/campaigns/{id}/issue",
            format!("/office/campaigns/{county_campaign}/issue"),
            &[CityOffice, CountyOffice],
            "offices covering it see what issuing will do (409 here: not solved)",
        ),
        case(
            M::POST,
            "/office/campaigns/{id}/issue",
            format!("/office/campaigns/{city_campaign}/issue"),
            &[CityOffice],
            "only offices covering the campaign's office issue (409 here: nothing to issue)",
        ),
        case(M::GET, "/office", "/office", &[CityOffice, CountyOffice], "the office's home"),
        case(M::GET, "/office/radar", "/office/radar", &[CityOffice, CountyOffice, Auditor], "the coverage radar"),
        case(M::GET, "/office/dashboard", "/office/dashboard", &[CityOffice, CountyOffice, Auditor], "the cockpit"),
        case(
            M::GET,
            "/office/dashboard.xlsx",
            "/office/dashboard.xlsx",
            &[CityOffice, CountyOffice, Auditor],
            "the cockpit's tables",
        ),
        case(M::GET, "/my", "/my", ORG_MEMBERS, "an organisation's staff home"),
        case(M::POST, "/api/v1/campaigns", "/api/v1/campaigns", &[CityOffice, CountyOffice], "API: offices draft"),
        case(
            M::GET,
            "/api/v1/campaigns/{id}",
            format!("/api/v1/campaigns/{county_campaign}"),
            &[CityOffice, CountyOffice, Auditor],
            "API: offices covering it and the auditor read",
        ),
        case(
            M::POST,
            "/api/v1/campaigns/{id}/solve",
            format!("/api/v1/campaigns/{city_campaign}/solve"),
            &[CityOffice],
            "API: offices covering it solve",
        ),
        case(
            M::POST,
            "/api/v1/campaigns/{id}/issue",
            format!("/api/v1/campaigns/{county_campaign}/issue"),
            &[CityOffice, CountyOffice],
            "API: offices covering it issue (409 here: not solved)",
        ),
        // Last: it ends the sessions.
        case(M::POST, "/logout", "/logout", EVERYONE, "logout"),
    ]
}

#[tokio::test]
async fn every_role_reaches_exactly_the_routes_it_may() {
    let app = TestApp::with_demo().await;
    let mut clients = Vec::new();
    let mut tokens = std::collections::HashMap::new();
    for who in EVERYONE {
        let mut c = Client::new(&app);
        match login_of(*who) {
            Some(login) => {
                assert_eq!(c.login(login, DEMO_PASSWORD).await.status, StatusCode::SEE_OTHER, "{who:?} logs in")
            }
            None => {
                c.get("/login").await;
            }
        }
        if let Some(user) = c.app.state.db.clone().pipe_user(login_of(*who)).await {
            let (token, _) =
                qicun::accounts::create_token(app.db(), &user, "matrix", app.state.clock.now()).await.expect("token");
            tokens.insert(format!("{who:?}"), token);
        }
        clients.push((*who, c));
    }
    let token_owner = clients.iter_mut().find(|(w, _)| *w == Ent).map(|(_, c)| c).expect("enterprise client");
    token_owner.post("/account/tokens", &[("name", "矩阵测试")]).await;
    let token = entity::api_token::Entity::find()
        .filter(entity::api_token::Column::Name.eq("矩阵测试"))
        .one(app.db())
        .await
        .expect("q")
        .expect("token")
        .id;

    let mut failures = Vec::new();
    for case in cases(&app, token).await {
        for (who, client) in clients.iter_mut() {
            let res = if case.path.starts_with("/api/") {
                let mut req = axum::http::Request::builder().method(case.method.clone()).uri(&case.path);
                if let Some(token) = tokens.get(&format!("{who:?}")) {
                    req = req.header("authorization", format!("Bearer {token}"));
                }
                let body =
                    if case.method == Method::GET { axum::body::Body::empty() } else { axum::body::Body::from("{}") };
                app.request(req.header("content-type", "application/json").body(body).expect("request")).await
            } else if case.method == Method::GET {
                client.get(&case.path).await
            } else {
                client.post(&case.path, &[]).await
            };
            if res.status.is_server_error() {
                failures.push(format!("{} {} as {who:?}: server error {}", case.method, case.path, res.status));
                continue;
            }
            let through = got_through(&res, case.path.starts_with("/api/"));
            let expected = case.allowed.contains(who);
            if through != expected {
                failures.push(format!(
                    "{} {} as {who:?}: got {} ({}), expected {} — {}",
                    case.method,
                    case.path,
                    res.status,
                    location(&res),
                    if expected { "allowed" } else { "denied" },
                    case.why
                ));
            }
        }
    }
    assert!(failures.is_empty(), "access matrix violations:\n{}", failures.join("\n"));
}

#[tokio::test]
async fn every_route_is_in_the_matrix() {
    let app = TestApp::with_demo().await;
    let tested: BTreeSet<(String, String)> =
        cases(&app, 1).await.iter().map(|c| (c.method.to_string(), c.template.to_owned())).collect();
    let served: BTreeSet<(String, String)> =
        qicun::web::route_table().into_iter().map(|(m, p)| (m.to_string(), p.to_owned())).collect();
    let untested: Vec<_> = served.difference(&tested).collect();
    let stale: Vec<_> = tested.difference(&served).collect();
    assert!(untested.is_empty(), "routes missing from the access matrix: {untested:?}");
    assert!(stale.is_empty(), "matrix lines for routes that do not exist: {stale:?}");
}
