//! The HTTP layer: every route of the app, the middleware that establishes the caller, the
//! static assets, and HTML error pages.

pub mod account;
pub mod admin;
pub mod agreements;
pub mod api;
pub mod archive;
pub mod assessment;
pub mod assets;
pub mod audit_pages;
pub mod auth_pages;
pub mod cadres;
pub mod campaigns;
pub mod contributions;
pub mod extract;
pub mod flash;
pub mod i18n;
pub mod income;
pub mod input;
pub mod inspection;
pub mod leaders;
pub mod lexicon;
pub mod listings;
pub mod monitoring;
pub mod notices;
pub mod office;
pub mod organisations;
pub mod pages;
pub mod paging;
pub mod pairings;
pub mod plans;
pub mod portal;
pub mod programmes;
pub mod radar;
pub mod register;
pub mod render;
pub mod responsibility;
pub mod security;
pub mod supervision;
pub mod team;
pub mod training;
pub mod translate;
pub mod two_factor;
pub mod worklog;

use axum::Router;
use axum::extract::{Request, State};
use axum::handler::Handler;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{MethodRouter, get, post};
use serde::Serialize;

use crate::app::AppState;
use crate::auth::Role;
use crate::auth::guard::Auth;
use crate::error::{AppError, ErrorPage};

const APP_CSS: &str = include_str!("../../templates/static/app.css");
const FAVICON: &str = include_str!("../../templates/static/favicon.svg");

/// Builds the router and, from the same calls, the table of every route, so the access
/// matrix test can insist that no route goes untested.
pub struct Routes {
    router: Router<AppState>,
    table: Vec<(Method, &'static str)>,
}

impl Default for Routes {
    fn default() -> Self {
        Self::new()
    }
}

impl Routes {
    pub fn new() -> Self {
        Self { router: Router::new(), table: Vec::new() }
    }

    fn add(
        mut self,
        method: Method,
        path: &'static str,
        route: MethodRouter<AppState>,
        roles: &'static [Role],
    ) -> Self {
        self.table.push((method, path));
        let route = if roles.is_empty() {
            route
        } else {
            // Checked before the handler's extractors run: a caller of the wrong role learns
            // nothing from how the request body is parsed.
            route.route_layer(middleware::from_fn(move |req: Request, next: Next| require_roles(roles, req, next)))
        };
        self.router = self.router.route(path, route);
        self
    }

    /// A GET route open to everyone (handlers may still check rows).
    pub fn get<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, handler: H) -> Self {
        self.add(Method::GET, path, get(handler), &[])
    }

    /// A POST route open to everyone.
    pub fn post<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, handler: H) -> Self {
        self.add(Method::POST, path, post(handler), &[])
    }

    /// A PUT route for logged-in users of `roles`.
    pub fn put_as<H: Handler<T, AppState>, T: 'static>(
        self,
        roles: &'static [Role],
        path: &'static str,
        handler: H,
    ) -> Self {
        self.add(Method::PUT, path, axum::routing::put(handler), roles)
    }

    /// A GET route for logged-in users of `roles`.
    pub fn get_as<H: Handler<T, AppState>, T: 'static>(
        self,
        roles: &'static [Role],
        path: &'static str,
        handler: H,
    ) -> Self {
        self.add(Method::GET, path, get(handler), roles)
    }

    /// A POST route for logged-in users of `roles`.
    pub fn post_as<H: Handler<T, AppState>, T: 'static>(
        self,
        roles: &'static [Role],
        path: &'static str,
        handler: H,
    ) -> Self {
        self.add(Method::POST, path, post(handler), roles)
    }

    /// Adds another module's routes.
    pub fn merge(mut self, other: Routes) -> Self {
        self.table.extend(other.table);
        self.router = self.router.merge(other.router);
        self
    }
}

fn all_routes() -> Routes {
    Routes::new()
        .get("/static/app.css", css)
        .get("/favicon.svg", favicon)
        .get("/favicon.ico", favicon)
        .get("/help", help)
        .merge(pages::routes())
        .merge(auth_pages::routes())
        .merge(account::routes())
        .merge(organisations::routes())
        .merge(listings::routes())
        .merge(pairings::routes())
        .merge(agreements::routes())
        .merge(contributions::routes())
        .merge(notices::routes())
        .merge(office::routes())
        .merge(campaigns::routes())
        .merge(radar::routes())
        .merge(plans::routes())
        .merge(responsibility::routes())
        .merge(assessment::routes())
        .merge(archive::routes())
        .merge(portal::routes())
        .merge(register::routes())
        .merge(leaders::routes())
        .merge(training::routes())
        .merge(monitoring::routes())
        .merge(cadres::routes())
        .merge(team::routes())
        .merge(worklog::routes())
        .merge(assets::routes())
        .merge(programmes::routes())
        .merge(lexicon::routes())
        .merge(i18n::routes())
        .merge(inspection::routes())
        .merge(income::routes())
        .merge(supervision::routes())
        .merge(admin::routes())
        .merge(security::routes())
        .merge(two_factor::routes())
        .merge(audit_pages::routes())
        .merge(api::routes())
}

/// Every (method, path) the app serves.
pub fn route_table() -> Vec<(Method, &'static str)> {
    all_routes().table
}

/// All routes, with the state applied.
pub fn routes(state: AppState) -> Router {
    all_routes()
        .router
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::extract::DefaultBodyLimit::max(office::MAX_UPLOAD))
        .layer(middleware::from_fn(input::check))
        .layer(middleware::from_fn_with_state(state.clone(), html_errors))
        .layer(middleware::from_fn_with_state(state.clone(), extract::authenticate))
        .with_state(state)
}

/// Every role: any logged-in user.
pub const ANY_ROLE: &[Role] = Role::ALL;

async fn require_roles(roles: &'static [Role], req: Request, next: Next) -> Response {
    let auth = req.extensions().get::<Auth>().cloned().unwrap_or_default();
    match auth.require(roles) {
        Ok(_) => next.run(req).await,
        Err(e) => e.into_response(),
    }
}

async fn css() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/css; charset=utf-8")),
            (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=86400")),
        ],
        APP_CSS,
    )
}

/// An organisation's name (empty when it is gone).
pub(crate) async fn org_name(state: &AppState, id: i32) -> crate::error::Result<String> {
    use sea_orm::EntityTrait;
    Ok(entity::organisation::Entity::find_by_id(id).one(&state.db).await?.map(|o| o.name).unwrap_or_default())
}

/// The name of the office that reviews a pairing with village `village_id` (the nearest staffed
/// office covering it), or 扶贫办 when none is found: what a flash after proposing names.
pub(crate) async fn reviewing_office(state: &AppState, village_id: i32) -> crate::error::Result<String> {
    use sea_orm::EntityTrait;
    let Some(village) = entity::organisation::Entity::find_by_id(village_id).one(&state.db).await? else {
        return Ok("扶贫办".into());
    };
    let offices = crate::pairings::offices_covering(&state.db, &village.region_code).await?;
    match offices.first() {
        Some(id) if offices.len() == 1 => Ok(org_name(state, *id).await?),
        _ => Ok("扶贫办".into()),
    }
}

/// How to use the site, per role, in plain words.
async fn help(State(state): State<AppState>, auth: Auth) -> crate::error::Result<Response> {
    Ok(state.templates.page(&auth, "help/index", "使用帮助", &render::Empty {})?.into_response())
}

/// The site's icon (browsers also ask for /favicon.ico: an SVG answers both).
async fn favicon() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("image/svg+xml")),
            (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=604800")),
        ],
        FAVICON,
    )
}

async fn not_found() -> AppError {
    AppError::NotFound
}

/// A form's address opened directly (reloaded or bookmarked after the form came back): a page
/// saying so, with the way back, rather than the browser's bare 405.
async fn method_not_allowed() -> Response {
    let status = axum::http::StatusCode::METHOD_NOT_ALLOWED;
    let mut res = status.into_response();
    res.extensions_mut().insert(crate::error::ErrorPage {
        status,
        message: "这个地址用于提交表单，不能直接打开。请回到上一页重新填写，或从菜单重新进入。".into(),
        resend: None,
    });
    res
}

#[derive(Serialize)]
struct ErrorView<'a> {
    status: u16,
    message: &'a str,
    /// The page the user came from on this site (empty when unknown), to go back to it.
    back: String,
    /// Where the user's own start page is.
    home: &'static str,
    /// The page of the thing the failed step was about, and its label (empty when none).
    parent: String,
    parent_label: &'static str,
    /// A stale form to send again with the current token.
    resend: Option<ResendView>,
}

#[derive(Serialize)]
struct ResendView {
    action: String,
    csrf: String,
    fields: Vec<(String, String)>,
    /// What was typed, for the user to check (not the hidden keys).
    shown: Vec<String>,
}

/// The page of the resource a failed request was about (`/pairings/19/confirm/withdraw` →
/// the pairing), with the words for a link to it.
fn parent_of(path: &str) -> Option<(String, &'static str)> {
    let path = path.split('?').next().unwrap_or("");
    let seg: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let id = |s: &str| !s.is_empty() && s.len() <= 10 && s.bytes().all(|b| b.is_ascii_digit());
    match seg.as_slice() {
        ["office", "organisations", n, _, ..] if id(n) => Some(("/office/organisations".into(), "回到机构审核")),
        ["office", "campaigns", n, _, ..] if id(n) => Some((format!("/office/campaigns/{n}"), "查看该专项行动")),
        ["objections", n, _, ..] if id(n) => Some(("/office/objections".into(), "回到公示异议")),
        ["assessment", "outcomes", n, _, ..] if id(n) => Some(("/assessment/outcomes".into(), "回到考核结果通报")),
        ["office", "responsibilities", n, _, ..] if id(n) => {
            Some((format!("/office/responsibilities/{n}"), "查看这项帮扶责任"))
        }
        ["office", "supervision", n, _, ..] if id(n) => Some(("/office/supervision".into(), "回到监管线索")),
        ["office", "stories", n, _, ..] if id(n) => Some(("/office/stories".into(), "回到宣传稿件")),
        ["cadre", "pairings", n, ..] if id(n) => Some(("/cadre".into(), "回到我结对的户")),
        [kind, n, _, ..] if id(n) => {
            let label = match *kind {
                "pairings" => "查看该结对",
                "agreements" => "查看该协议",
                "offers" => "查看该帮扶资源",
                "needs" => "查看该需求",
                "notices" => "查看该公示",
                "monitoring" => "查看该监测户",
                "contributions" => "查看该帮扶记录",
                _ => return None,
            };
            Some((format!("/{kind}/{n}"), label))
        }
        _ => None,
    }
}

/// The path (with query) of the page `referer` names when it is on this site (`host`).
fn same_site_back(referer: Option<&str>, host: Option<&str>, current: &str) -> String {
    let (Some(referer), Some(host)) = (referer, host) else { return String::new() };
    let Some(rest) = referer.split_once("://").map(|(_, r)| r) else { return String::new() };
    let (authority, path) = rest.find('/').map_or((rest, "/"), |i| (&rest[..i], &rest[i..]));
    if authority != host || path == current || !path.starts_with('/') || path.starts_with("//") {
        return String::new();
    }
    path.chars().take(500).collect()
}

/// Turns error responses of pages (not of `/api/`) into HTML pages in the site's layout, and
/// sends visitors who must log in to the login page.
async fn html_errors(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let auth = req.extensions().get::<Auth>().cloned().unwrap_or_default();
    let wanted = req.uri().path_and_query().map_or_else(|| "/".to_owned(), ToString::to_string);
    let is_get = req.method() == Method::GET;
    let back = {
        let h = req.headers();
        let referer = h.get(header::REFERER).and_then(|v| v.to_str().ok());
        same_site_back(referer, h.get(header::HOST).and_then(|v| v.to_str().ok()), &wanted)
    };
    let response = next.run(req).await;
    if api {
        return response;
    }
    let Some(page) = response.extensions().get::<ErrorPage>().cloned() else {
        return response;
    };
    if page.status == StatusCode::UNAUTHORIZED {
        let next_page = if is_get { wanted } else { "/".to_owned() };
        let query = serde_urlencoded::to_string([("next", next_page)]).unwrap_or_default();
        return Redirect::to(&format!("/login?{query}")).into_response();
    }
    let title = match page.status {
        StatusCode::NOT_FOUND => "页面不存在",
        StatusCode::FORBIDDEN => "无法完成操作",
        StatusCode::TOO_MANY_REQUESTS => "请稍后再试",
        StatusCode::SERVICE_UNAVAILABLE => "暂时无法完成",
        s if s.is_server_error() => "服务器错误",
        _ => "无法完成操作",
    };
    let home = auth.user.as_ref().map_or("/", |u| extract::home_of(u.role));
    // A refused step links the thing it was about (unless that is where the user came from or
    // the thing itself is what was not found).
    // An office page is no way forward for someone refused it who is neither an office nor
    // the auditor: it would refuse them too.
    let office_reader = auth.user.as_ref().is_some_and(|u| matches!(u.role, Role::Office | Role::Auditor));
    let (parent, parent_label) = parent_of(&wanted)
        .filter(|(p, _)| *p != back && page.status != StatusCode::NOT_FOUND && *p != wanted)
        // A page refused for the role (没有权限) leads nowhere better for a party either: the
        // cadre pages, the monitoring cases and office pages refuse them alike. (A step refused
        // for a reason still links the thing it was about.)
        .filter(|_| office_reader || page.message != AppError::Forbidden.to_string())
        .unwrap_or_default();
    let resend = page.resend.as_ref().filter(|_| !auth.csrf.is_empty()).map(|r| ResendView {
        action: r.action.clone(),
        csrf: auth.csrf.clone(),
        fields: r.fields.clone(),
        shown: r
            .fields
            .iter()
            // What a person wrote (words), not the codes of choices and keys (technical, 2).
            .filter(|(k, v)| !v.is_ascii() && !matches!(k.as_str(), "submission" | "version" | "then" | "next"))
            .map(|(_, v)| v.chars().take(300).collect())
            .collect(),
    });
    let title = if resend.is_some() { "页面已过期" } else { title };
    let view =
        ErrorView { status: page.status.as_u16(), message: &page.message, back, home, parent, parent_label, resend };
    match state.templates.page(&auth, "errors/error", title, &view) {
        Ok(html) => {
            let mut res = (page.status, html).into_response();
            res.extensions_mut().insert(page.clone());
            if let Some(v) = response.headers().get(header::RETRY_AFTER) {
                res.headers_mut().insert(header::RETRY_AFTER, v.clone());
            }
            // Keep cookies the inner response set (e.g. a cleared session).
            for c in response.headers().get_all(header::SET_COOKIE) {
                res.headers_mut().append(header::SET_COOKIE, c.clone());
            }
            res
        }
        Err(e) => {
            tracing::error!(error = ?e, "error page failed to render");
            response
        }
    }
}

#[cfg(test)]
mod tests {
    use super::same_site_back;

    #[test]
    fn an_error_page_links_back_only_to_a_page_of_this_site() {
        let host = Some("qicun.example:8080");
        assert_eq!(
            same_site_back(Some("http://qicun.example:8080/offers/3?x=1"), host, "/offers/3/propose"),
            "/offers/3?x=1"
        );
        assert_eq!(same_site_back(Some("https://evil.example/offers/3"), host, "/x"), "");
        assert_eq!(same_site_back(Some("http://qicun.example:8080//evil.example/"), host, "/x"), "");
        assert_eq!(same_site_back(Some("http://qicun.example:8080/x"), host, "/x"), "", "not the failing page itself");
        assert_eq!(same_site_back(None, host, "/x"), "");
        assert_eq!(same_site_back(Some("/offers"), host, "/x"), "", "not a whole address");
    }

    #[test]
    fn a_refused_step_links_the_thing_it_was_about() {
        use super::parent_of;
        assert_eq!(parent_of("/pairings/19/confirm/withdraw"), Some(("/pairings/19".into(), "查看该结对")));
        assert_eq!(parent_of("/pairings/20/agreement/new?x=1"), Some(("/pairings/20".into(), "查看该结对")));
        assert_eq!(
            parent_of("/office/organisations/16/suspend"),
            Some(("/office/organisations".into(), "回到机构审核"))
        );
        assert_eq!(parent_of("/objections/3/dismiss"), Some(("/office/objections".into(), "回到公示异议")));
        assert_eq!(parent_of("/monitoring/7/notice"), Some(("/monitoring/7".into(), "查看该监测户")));
        assert_eq!(parent_of("/cadre/pairings/3"), Some(("/cadre".into(), "回到我结对的户")));
        assert_eq!(parent_of("/contributions/5/purchase"), Some(("/contributions/5".into(), "查看该帮扶记录")));
        assert_eq!(parent_of("/pairings"), None);
        assert_eq!(parent_of("/pairings/x/confirm"), None);
        assert_eq!(parent_of("/admin/users/3/disable"), None);
    }
}
