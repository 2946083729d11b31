//! The template engine: handlebars in strict mode over templates compiled into the binary, and
//! the one `page` helper every handler renders through.

use std::collections::BTreeMap;

use axum::response::Html;
use handlebars::{Handlebars, handlebars_helper};
use serde::Serialize;

use crate::auth::guard::Auth;
use crate::auth::{Role, SessionUser};
use crate::error::Result;
use crate::money::{Money, group_thousands};

/// Every template, by the name pages render it under.
const TEMPLATES: &[(&str, &str)] = &[
    ("layout", include_str!("../../templates/layout.hbs")),
    ("field", include_str!("../../templates/partials/field.hbs")),
    ("account_search", include_str!("../../templates/partials/account_search.hbs")),
    ("match_card", include_str!("../../templates/partials/match_card.hbs")),
    ("pair_facts", include_str!("../../templates/partials/pair_facts.hbs")),
    ("pager", include_str!("../../templates/partials/pager.hbs")),
    ("archive_body", include_str!("../../templates/partials/archive_body.hbs")),
    ("home", include_str!("../../templates/home.hbs")),
    ("help/index", include_str!("../../templates/help/index.hbs")),
    ("errors/error", include_str!("../../templates/errors/error.hbs")),
    ("auth/login", include_str!("../../templates/auth/login.hbs")),
    ("auth/register", include_str!("../../templates/auth/register.hbs")),
    ("auth/register_enterprise", include_str!("../../templates/auth/register_enterprise.hbs")),
    ("auth/register_village", include_str!("../../templates/auth/register_village.hbs")),
    ("account/show", include_str!("../../templates/account/show.hbs")),
    ("organisations/profile", include_str!("../../templates/organisations/profile.hbs")),
    ("organisations/show", include_str!("../../templates/organisations/show.hbs")),
    ("office/organisations", include_str!("../../templates/office/organisations.hbs")),
    ("campaigns/list", include_str!("../../templates/campaigns/list.hbs")),
    ("office/home", include_str!("../../templates/office/home.hbs")),
    ("office/radar", include_str!("../../templates/office/radar.hbs")),
    ("office/cockpit", include_str!("../../templates/office/cockpit.hbs")),
    ("my/home", include_str!("../../templates/my/home.hbs")),
    ("campaigns/new", include_str!("../../templates/campaigns/new.hbs")),
    ("campaigns/show", include_str!("../../templates/campaigns/show.hbs")),
    ("campaigns/issue", include_str!("../../templates/campaigns/issue.hbs")),
    ("office/confirm", include_str!("../../templates/office/confirm.hbs")),
    ("office/categories", include_str!("../../templates/office/categories.hbs")),
    ("plans/list", include_str!("../../templates/plans/list.hbs")),
    ("plans/show", include_str!("../../templates/plans/show.hbs")),
    ("responsibility/list", include_str!("../../templates/responsibility/list.hbs")),
    ("responsibility/show", include_str!("../../templates/responsibility/show.hbs")),
    ("assessment/formula", include_str!("../../templates/assessment/formula.hbs")),
    ("assessment/list", include_str!("../../templates/assessment/list.hbs")),
    ("assessment/show", include_str!("../../templates/assessment/show.hbs")),
    ("assessment/outcomes", include_str!("../../templates/assessment/outcomes.hbs")),
    ("supervision/list", include_str!("../../templates/supervision/list.hbs")),
    ("agreements/archive", include_str!("../../templates/agreements/archive.hbs")),
    ("agreements/archive_file", include_str!("../../templates/agreements/archive_file.hbs")),
    ("portal/index", include_str!("../../templates/portal/index.hbs")),
    ("portal/story", include_str!("../../templates/portal/story.hbs")),
    ("portal/desk", include_str!("../../templates/portal/desk.hbs")),
    ("register/index", include_str!("../../templates/register/index.hbs")),
    ("register/households", include_str!("../../templates/register/households.hbs")),
    ("leaders/show", include_str!("../../templates/leaders/show.hbs")),
    ("training/list", include_str!("../../templates/training/list.hbs")),
    ("training/show", include_str!("../../templates/training/show.hbs")),
    ("monitoring/list", include_str!("../../templates/monitoring/list.hbs")),
    ("monitoring/show", include_str!("../../templates/monitoring/show.hbs")),
    ("monitoring/notice", include_str!("../../templates/monitoring/notice.hbs")),
    ("cadres/mine", include_str!("../../templates/cadres/mine.hbs")),
    ("cadres/show", include_str!("../../templates/cadres/show.hbs")),
    ("office/team", include_str!("../../templates/office/team.hbs")),
    ("my/worklog", include_str!("../../templates/my/worklog.hbs")),
    ("assets/list", include_str!("../../templates/assets/list.hbs")),
    ("inspection/index", include_str!("../../templates/inspection/index.hbs")),
    ("income/mine", include_str!("../../templates/income/mine.hbs")),
    ("income/office", include_str!("../../templates/income/office.hbs")),
    ("office/import", include_str!("../../templates/office/import.hbs")),
    ("office/lexicon", include_str!("../../templates/office/lexicon.hbs")),
    ("admin/users", include_str!("../../templates/admin/users.hbs")),
    ("admin/new_user", include_str!("../../templates/admin/new_user.hbs")),
    ("admin/calendar", include_str!("../../templates/admin/calendar.hbs")),
    ("admin/programmes", include_str!("../../templates/admin/programmes.hbs")),
    ("programmes/overview", include_str!("../../templates/programmes/overview.hbs")),
    ("programmes/purchase", include_str!("../../templates/programmes/purchase.hbs")),
    ("programmes/retention", include_str!("../../templates/programmes/retention.hbs")),
    ("admin/confirm_disable", include_str!("../../templates/admin/confirm_disable.hbs")),
    ("security/users", include_str!("../../templates/security/users.hbs")),
    ("auth/totp", include_str!("../../templates/auth/totp.hbs")),
    ("account/totp", include_str!("../../templates/account/totp.hbs")),
    ("security/settings", include_str!("../../templates/security/settings.hbs")),
    ("security/scope", include_str!("../../templates/security/scope.hbs")),
    ("audit/list", include_str!("../../templates/audit/list.hbs")),
    ("listings/list", include_str!("../../templates/listings/list.hbs")),
    ("listings/show", include_str!("../../templates/listings/show.hbs")),
    ("listings/form", include_str!("../../templates/listings/form.hbs")),
    ("listings/confirm", include_str!("../../templates/listings/confirm.hbs")),
    ("listings/propose", include_str!("../../templates/listings/propose.hbs")),
    ("pairings/list", include_str!("../../templates/pairings/list.hbs")),
    ("pairings/show", include_str!("../../templates/pairings/show.hbs")),
    ("pairings/confirm", include_str!("../../templates/pairings/confirm.hbs")),
    ("pairings/inbox", include_str!("../../templates/pairings/inbox.hbs")),
    ("agreements/form", include_str!("../../templates/agreements/form.hbs")),
    ("agreements/show", include_str!("../../templates/agreements/show.hbs")),
    ("agreements/list", include_str!("../../templates/agreements/list.hbs")),
    ("agreements/step", include_str!("../../templates/agreements/step.hbs")),
    ("contributions/form", include_str!("../../templates/contributions/form.hbs")),
    ("notices/list", include_str!("../../templates/notices/list.hbs")),
    ("notices/show", include_str!("../../templates/notices/show.hbs")),
    ("notices/objections", include_str!("../../templates/notices/objections.hbs")),
    ("notices/confirm", include_str!("../../templates/notices/confirm.hbs")),
    ("contributions/confirm", include_str!("../../templates/contributions/confirm.hbs")),
];

handlebars_helper!(yuan: |fen: i64| Money(fen).display());
handlebars_helper!(thousands: |n: u64| group_thousands(n));
handlebars_helper!(eq: |a: Json, b: Json| a == b);

/// The registered templates (cheap to share behind an `Arc`).
pub struct Templates {
    hb: Handlebars<'static>,
    messages: std::sync::Arc<super::i18n::Messages>,
}

/// What the layout needs on every page: who is logged in and the form token.
#[derive(Serialize)]
pub struct PageCtx {
    pub user: Option<SessionUser>,
    pub csrf: String,
    pub is_office: bool,
    pub is_admin: bool,
    pub is_security: bool,
    pub is_auditor: bool,
    /// Sees pairings (every role but the system and security administrators).
    pub sees_pairings: bool,
    pub has_org: bool,
    pub unread: u64,
    /// What the previous action did (see `web::flash`).
    pub flash: Option<String>,
    /// The logged-in user's landing page (the public home for visitors).
    pub home: &'static str,
    /// The pages' language, and the one the page offers to switch to.
    pub lang: &'static str,
    pub switch_to: &'static str,
}

impl PageCtx {
    pub fn new(auth: &Auth) -> Self {
        let role = auth.user.as_ref().map(|u| u.role);
        Self {
            user: auth.user.clone(),
            csrf: auth.csrf.clone(),
            is_office: role == Some(Role::Office),
            is_admin: role == Some(Role::Admin),
            is_security: role == Some(Role::Security),
            is_auditor: role == Some(Role::Auditor),
            sees_pairings: !matches!(role, Some(Role::Admin | Role::Security | Role::HelpUnit)),
            has_org: matches!(role, Some(Role::Enterprise | Role::Village)),
            unread: auth.unread,
            flash: auth.flash.clone(),
            home: role.map_or("/", super::extract::home_of),
            lang: if auth.lang.is_empty() { super::i18n::DEFAULT } else { auth.lang },
            switch_to: super::i18n::other(if auth.lang.is_empty() { super::i18n::DEFAULT } else { auth.lang }).0,
        }
    }
}

#[derive(Serialize)]
struct Page<'a, T: Serialize> {
    title: &'a str,
    ctx: PageCtx,
    #[serde(flatten)]
    view: &'a T,
}

impl Templates {
    /// Compiles every template; a template error stops start-up rather than a page later.
    pub fn new() -> anyhow::Result<Self> {
        let mut hb = Handlebars::new();
        hb.set_strict_mode(true);
        hb.register_helper("yuan", Box::new(yuan));
        hb.register_helper("thousands", Box::new(thousands));
        hb.register_helper("eq", Box::new(eq));
        let messages = std::sync::Arc::new(super::i18n::Messages::new()?);
        hb.register_helper("t", Box::new(super::i18n::T(messages.clone())));
        hb.register_helper("keep", Box::new(super::i18n::Keep));
        super::i18n::keep_messages(&messages);
        // A word from the data (a status, a kind, a date) in the request's language.
        let words = messages.clone();
        hb.register_escape_fn(move |text: &str| match words.translate_whole(super::i18n::current(), text) {
            Some(translated) => handlebars::html_escape(&translated),
            None => handlebars::html_escape(text),
        });
        for (name, source) in TEMPLATES {
            hb.register_template_string(name, *source).map_err(|e| anyhow::anyhow!("template {name}: {e}"))?;
        }
        Ok(Self { hb, messages })
    }

    /// Renders page `name` titled `title` for the caller in `auth`.
    pub fn page<T: Serialize>(&self, auth: &Auth, name: &str, title: &str, view: &T) -> Result<Html<String>> {
        // A page whose template has a title message in the visitor's language is titled by it.
        let lang = if auth.lang.is_empty() { super::i18n::DEFAULT } else { auth.lang };
        let key = format!("title-{}", name.replace('/', "-"));
        let translated = (lang != super::i18n::DEFAULT && self.messages.has(lang, &key))
            .then(|| self.messages.get(lang, &key))
            .flatten();
        let title = translated.as_deref().unwrap_or(title);
        Ok(Html(self.hb.render(name, &Page { title, ctx: PageCtx::new(auth), view })?))
    }

    /// Renders template `name` on its own (a file to download, not a page of the site).
    pub fn bare<T: Serialize>(&self, name: &str, view: &T) -> Result<String> {
        Ok(self.hb.render(name, view)?)
    }
}

/// Field errors for a form: every field present (empty when fine) so strict templates can
/// test any of them.
pub fn field_errors(fields: &[&str], errors: &[(String, String)]) -> BTreeMap<String, String> {
    let mut map: BTreeMap<String, String> = fields.iter().map(|f| ((*f).to_owned(), String::new())).collect();
    for (field, message) in errors {
        let slot = map.entry(field.clone()).or_default();
        if slot.is_empty() {
            *slot = message.clone();
        }
    }
    map
}

/// An empty view for pages that show only the layout's data.
#[derive(Serialize)]
pub struct Empty {}

/// The page `build` renders, or for a visitor who is not logged in the copy kept since the last
/// change (keyed by `key`, normally the path with its query, and the visitor's language). Only successful pages are kept;
/// logged-in users always get a fresh page (it shows their name, forms and tokens).
pub async fn for_visitors(
    state: &crate::app::AppState,
    auth: &Auth,
    key: &str,
    build: impl std::future::Future<Output = Result<axum::response::Response>>,
) -> Result<axum::response::Response> {
    use crate::cache::{FreshUntil, KeptPage};
    use axum::http::header::CONTENT_TYPE;
    use axum::response::IntoResponse;
    if auth.user.is_some() || auth.flash.is_some() {
        return build.await;
    }
    // A page is kept once per language.
    let key = &format!("{}|{key}", auth.lang);
    let version = state.pages.version(&state.db, state.search.applied(), state.clock.today()).await?;
    let now = state.clock.now();
    if let Some(page) = state.pages.get::<KeptPage>(key, version).filter(|p| p.until.is_none_or(|u| now < u)) {
        let mut res = axum::body::Body::from(page.body.clone()).into_response();
        if let Some(t) = &page.content_type {
            res.headers_mut().insert(CONTENT_TYPE, t.clone());
        }
        return Ok(res);
    }
    let res = build.await?;
    if res.status() != axum::http::StatusCode::OK {
        return Ok(res);
    }
    let until = res.extensions().get::<FreshUntil>().map(|f| f.0);
    let (parts, body) = res.into_parts();
    let body = axum::body::to_bytes(body, 8 << 20)
        .await
        .map_err(|e| crate::error::AppError::Other(anyhow::anyhow!("page body: {e}")))?;
    let content_type = parts.headers.get(CONTENT_TYPE).cloned();
    state.pages.put(key, version, KeptPage { content_type, body: body.clone(), until });
    Ok(axum::response::Response::from_parts(parts, axum::body::Body::from(body)))
}
