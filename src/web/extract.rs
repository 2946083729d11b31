//! Request plumbing shared by every handler: the session/token middleware that establishes
//! who is calling, the CSRF-checked form extractor, and the caller's address.

use std::net::SocketAddr;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request, State};
use axum::http::header::{AUTHORIZATION, COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use entity::{api_token, organisation, user};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, JoinType, PaginatorTrait, QueryFilter, QuerySelect,
    QueryTrait,
};
use serde::de::DeserializeOwned;
use subtle::ConstantTimeEq;

use crate::app::AppState;
use crate::auth::guard::Auth;
use crate::auth::session::{self, ANON_CSRF_COOKIE, SESSION_COOKIE};
use crate::auth::{Role, SessionUser, Via, random_hex, sha256_hex};
use crate::error::{AppError, Result};

/// The prefix of every API token, so leaked tokens are easy to recognise.
pub const TOKEN_PREFIX: &str = "qc_";

/// How a user row reaches its organisation (joined in the same query).
fn user_org() -> sea_orm::RelationDef {
    user::Entity::belongs_to(organisation::Entity)
        .from(user::Column::OrganisationId)
        .to(organisation::Column::Id)
        .into()
}

async fn load_user(state: &AppState, user_id: i32, via: Via) -> Result<Option<SessionUser>> {
    let found = user::Entity::find_by_id(user_id)
        .join(JoinType::LeftJoin, user_org())
        .select_also(organisation::Entity)
        .one(&state.db)
        .await?;
    match found {
        Some((u, org)) => session_user(state, &u, org.as_ref(), via).await,
        None => Ok(None),
    }
}

/// What a request knows of its (enabled) user.
async fn session_user(
    state: &AppState,
    u: &user::Model,
    org: Option<&organisation::Model>,
    via: Via,
) -> Result<Option<SessionUser>> {
    if u.disabled {
        return Ok(None);
    }
    let settings = state.security.get(&state.db).await?;
    Ok(SessionUser::new(u, org, via).map(|mut s| {
        s.must_enroll_totp =
            crate::auth::totp::required_for(s.role, settings.totp_required) && u.totp_enabled_at.is_none();
        s.with_password_age(u, settings.password_max_age_days, state.clock.now())
    }))
}

/// A token's row with its user and the user's organisation, as read at a version of the
/// database (see [`crate::cache`]): any committed change — a revocation, a disabled account, a
/// new password, a suspended organisation, each written with its audit event — reads it again.
struct KnownToken {
    token: api_token::Model,
    user: user::Model,
    org: Option<organisation::Model>,
    /// When this node last wrote the token's use (or began to).
    last_used: std::sync::Mutex<Option<DateTime<Utc>>>,
}

/// The token, its user and the user's organisation in one query.
async fn read_token(state: &AppState, hash: &str) -> Result<Option<KnownToken>> {
    let mut q = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(hash))
        .filter(api_token::Column::RevokedAt.is_null())
        .join(
            JoinType::InnerJoin,
            api_token::Entity::belongs_to(user::Entity).from(api_token::Column::UserId).to(user::Column::Id).into(),
        )
        .join(JoinType::LeftJoin, user_org())
        .select_also(user::Entity)
        .into_query();
    crate::db::also_select::<organisation::Entity>(&mut q, "C_");
    let Some(row) = state.db.query_one(&q).await? else { return Ok(None) };
    let token = api_token::Model::from_query_result(&row, "A_")?;
    let mut user = user::Model::from_query_result(&row, "B_")?;
    // Kept in memory: not the secrets, which a token's identity does not need.
    user.password_hash.clear();
    user.totp_secret = None;
    user.totp_recovery = None;
    let org = organisation::Model::from_query_result_optional(&row, "C_")?;
    let last_used = std::sync::Mutex::new(token.last_used_at);
    Ok(Some(KnownToken { token, user, org, last_used }))
}

/// The user of a live token, and whether the token may only read.
async fn token_user(state: &AppState, token: &str, now: DateTime<Utc>) -> Result<Option<(SessionUser, bool)>> {
    let hash = sha256_hex(token);
    // Every API call asks: the row is kept until the next change (an unknown token is not).
    let key = format!("token:{hash}");
    let version = state.pages.version(&state.db, state.search.applied(), state.clock.today()).await.ok();
    let known = match version.and_then(|v| state.rows.get::<KnownToken>(&key, v)) {
        Some(known) => known,
        None => match read_token(state, &hash).await? {
            Some(read) => match version {
                Some(v) => state.rows.put(&key, v, read),
                None => std::sync::Arc::new(read),
            },
            None => return Ok(None),
        },
    };
    let t = &known.token;
    if t.expires_at.is_some_and(|at| at <= now) {
        return Ok(None);
    }
    let user = session_user(state, &known.user, known.org.as_ref(), Via::Token).await?;
    // Written at most once a minute: a write per API call would cost every call a disk sync.
    // This node's calls take turns by the kept row's mark; the update is conditional, so the
    // nodes' calls that arrive together when the minute is up write it once.
    let stale = now - chrono::Duration::minutes(1);
    let due = user.is_some()
        && known.last_used.lock().is_ok_and(|mut at| {
            let due = at.is_none_or(|at| at <= stale);
            if due {
                *at = Some(now);
            }
            due
        });
    if due {
        let touched = api_token::Entity::update_many()
            .col_expr(api_token::Column::LastUsedAt, sea_orm::sea_query::Expr::value(now))
            .filter(api_token::Column::Id.eq(t.id))
            .filter(
                sea_orm::Condition::any()
                    .add(api_token::Column::LastUsedAt.is_null())
                    .add(api_token::Column::LastUsedAt.lte(stale)),
            )
            .exec(&state.db)
            .await;
        // Reading through the API must work while the disk is full or read-only.
        if let Err(e) = touched {
            match crate::db::fault(&e) {
                Some(f) => tracing::warn!(error = %e, fault = ?f, "token use not recorded"),
                None => return Err(e.into()),
            }
        }
    }
    Ok(user.map(|u| (u, t.read_only)))
}

/// Establishes [`Auth`] for the request from an API bearer token (under `/api/` only) or the
/// session cookie, and gives visitors without a session a CSRF cookie for their forms.
pub async fn authenticate(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let (cookie_header, bearer, api) = {
        let header = |name| req.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
        let bearer = header(AUTHORIZATION).and_then(|v| v.strip_prefix("Bearer ").map(str::to_owned));
        (header(COOKIE).unwrap_or_default(), bearer, req.uri().path().starts_with("/api/"))
    };
    // The API is for machine clients with tokens: a browser's cookies are not used there, so
    // no cross-site request can act through the API.
    let cookie_header = if api { String::new() } else { cookie_header };
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    match establish(&state, &cookie_header, bearer.as_deref().filter(|_| api), api, &method).await {
        Ok((mut auth, cookies)) => {
            auth.flash = if api { None } else { super::flash::read(&cookie_header) };
            auth.lang = super::i18n::from_cookies(&cookie_header);
            let auth_lang = auth.lang;
            let had_flash = auth.flash.is_some();
            let logged_in = auth.user.is_some();
            let who = auth.user.as_ref().map_or_else(|| "anonymous".to_owned(), |u| u.login.clone());
            let gate = password_gate(&auth, req.method(), req.uri().path(), api);
            req.extensions_mut().insert(auth);
            // Chinese pages speak as the current programme does (帮扶 and 乡村振兴局 under
            // 万企兴万村, 扶贫 and 扶贫办 under the 2015 drive).
            let lang = match auth_lang {
                super::i18n::DEFAULT => match state.programmes.get(&state.db).await {
                    Ok(d) if d.today_words() => super::i18n::CURRENT_WORDS,
                    _ => auth_lang,
                },
                other => other,
            };
            // Pages rendered for this request read its language (templates and their escaping).
            let mut res = match gate {
                Some(refusal) => refusal,
                None => super::i18n::LANG.scope(lang, next.run(req)).await,
            };
            note_refusal(&state, &res, &who, &path);
            // A handler that starts a session (login) sets the session cookie itself; the
            // clearing of a stale one must not follow and undo it.
            let sets_session = res
                .headers()
                .get_all(SET_COOKIE)
                .iter()
                .any(|v| v.to_str().is_ok_and(|v| v.starts_with(&format!("{SESSION_COOKIE}="))));
            for c in cookies {
                if sets_session && c.starts_with(&format!("{SESSION_COOKIE}=")) {
                    continue;
                }
                if let Ok(v) = HeaderValue::from_str(&c) {
                    res.headers_mut().append(SET_COOKIE, v);
                }
            }
            if had_flash {
                super::flash::clear_after(&mut res);
            }
            security_headers(&mut res, logged_in, state.config.secure_cookies);
            res
        }
        Err(e) => {
            let res = e.into_response();
            if res.status() == StatusCode::UNAUTHORIZED {
                state.refusals.note("token", "anonymous", &path);
            }
            res
        }
    }
}

/// Counts a refused request (403) for the audit trail: a CSRF refusal or any other.
fn note_refusal(state: &AppState, res: &Response, who: &str, path: &str) {
    if res.status() != StatusCode::FORBIDDEN {
        return;
    }
    let csrf = res
        .extensions()
        .get::<crate::error::ErrorPage>()
        .is_some_and(|p| p.message == AppError::Csrf.to_string() || p.resend.is_some());
    state.refusals.note(if csrf { "csrf" } else { "forbidden" }, who, path);
}

/// Routes a user who must still change the password may use: the change form, logout, the
/// stylesheet. Everything else waits for the change.
fn may_pass_gate(method: &Method, path: &str) -> bool {
    matches!(
        (method, path),
        (&Method::GET, "/account" | "/static/app.css" | "/login" | "/healthz")
            | (&Method::POST, "/account/password" | "/logout")
    )
}

/// What waits before anything else, in order: the second factor of this login, a password
/// that must change (a one-time or expired one), a second factor that must be set up. Pages go
/// to the form that clears it; the API answers 403 saying why.
fn password_gate(auth: &Auth, method: &Method, path: &str, api: bool) -> Option<Response> {
    let user = auth.user.as_ref()?;
    let css = (method, path) == (&Method::GET, "/static/app.css");
    if user.second_factor_pending {
        let open = css || matches!(path, "/login/totp") || (method, path) == (&Method::POST, "/logout");
        return (!open).then(|| axum::response::Redirect::to("/login/totp").into_response());
    }
    if user.must_change_password && !may_pass_gate(method, path) {
        if api {
            let why = "须先在网页上修改密码（一次性密码或已过期的密码不能用于其他操作）。";
            return Some(AppError::Refused(why.into()).into_response());
        }
        return Some(axum::response::Redirect::to("/account?first=1").into_response());
    }
    if user.must_enroll_totp && !user.must_change_password {
        let open = css
            || path == "/account/totp"
            || matches!(
                (method, path),
                (&Method::GET, "/account" | "/healthz") | (&Method::POST, "/logout" | "/account/password")
            );
        if open {
            return None;
        }
        if api {
            return Some(AppError::Refused("须先在网页上设置两步验证（手机验证器）。".into()).into_response());
        }
        return Some(axum::response::Redirect::to("/account/totp?first=1").into_response());
    }
    None
}

/// Headers every answer carries: logged-in pages are never stored by a browser or a proxy
/// (they show tokens, phones and other people's records), and with HTTPS cookies the browser
/// is told to use HTTPS only.
fn security_headers(res: &mut Response, logged_in: bool, https: bool) {
    use axum::http::header::{CACHE_CONTROL, STRICT_TRANSPORT_SECURITY};
    let public_asset = res.headers().get(CACHE_CONTROL).is_some_and(|v| v.as_bytes().starts_with(b"public"));
    if !public_asset && (logged_in || res.headers().contains_key(SET_COOKIE)) {
        res.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if https {
        res.headers_mut()
            .insert(STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    }
}

async fn establish(
    state: &AppState,
    cookie_header: &str,
    bearer: Option<&str>,
    api: bool,
    method: &Method,
) -> Result<(Auth, Vec<String>)> {
    let now = state.clock.now();
    let secure = state.config.secure_cookies;
    let mut auth = Auth::default();
    let mut cookies = Vec::new();
    if let Some(token) = bearer {
        // A presented token that does not work is a failed login, not an anonymous visit.
        let (user, read_only) = token_user(state, token.trim(), now).await?.ok_or(AppError::Unauthorized)?;
        if read_only && is_write(method) {
            return Err(AppError::Refused("这个令牌只能读取，不能修改数据。需要写入时请创建完整权限的令牌。".into()));
        }
        auth.user = Some(user);
        return Ok((auth, cookies));
    }
    if let Some(secret) = session::cookie_value(cookie_header, SESSION_COOKIE) {
        match session::find(&state.db, secret, now).await? {
            Some(s) => match load_user(state, s.user_id, Via::Session).await? {
                Some(mut user) => {
                    user.second_factor_pending = s.second_factor_pending;
                    // Reading must work while the disk is full or read-only: a missed touch
                    // only leaves the idle limit where it was.
                    if let Err(e) = session::touch(&state.db, &s, user.role, now).await {
                        match crate::db::fault(&e) {
                            Some(f) => tracing::warn!(error = %e, fault = ?f, "session activity not recorded"),
                            None => return Err(e.into()),
                        }
                    }
                    auth.unread = entity::notification::Entity::find()
                        .filter(entity::notification::Column::UserId.eq(user.id))
                        .filter(entity::notification::Column::ReadAt.is_null())
                        .count(&state.db)
                        .await?;
                    auth.csrf = s.csrf;
                    auth.session_secret = Some(secret.to_owned());
                    auth.user = Some(user);
                }
                None => {
                    session::delete(&state.db, secret).await?;
                    cookies.push(session::clear_cookie(SESSION_COOKIE, secure));
                }
            },
            None => cookies.push(session::clear_cookie(SESSION_COOKIE, secure)),
        }
    }
    if auth.user.is_none() && !api {
        match session::cookie_value(cookie_header, ANON_CSRF_COOKIE) {
            Some(v) if v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()) => auth.csrf = v.to_owned(),
            _ => {
                auth.csrf = random_hex(32);
                cookies.push(session::set_cookie(ANON_CSRF_COOKIE, &auth.csrf, secure));
            }
        }
    }
    Ok((auth, cookies))
}

impl<S: Send + Sync> FromRequestParts<S> for Auth {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self> {
        Ok(parts.extensions.get::<Auth>().cloned().unwrap_or_default())
    }
}

/// A form with nothing in it but its CSRF token (a button that does one thing).
#[derive(serde::Deserialize)]
pub struct NoFields {}

/// A URL-encoded form whose `_csrf` field matched the caller's token; then deserialised.
/// A missing or wrong token is refused with 403 before the handler runs.
pub struct CsrfForm<T>(pub T);

/// A multipart upload as a handler takes it (a request that is not one is refused in words).
pub type Upload = std::result::Result<axum::extract::Multipart, axum::extract::multipart::MultipartRejection>;

/// The file of a page's upload form (`_csrf` first, then the field `file`): its name and bytes,
/// `None` when none was chosen (a chosen file may be empty: see [`empty_file`]). A field after
/// `_csrf` counts only with the caller's token.
pub async fn upload_file(auth: &Auth, mp: Upload) -> Result<Option<(String, Vec<u8>)>> {
    let mut mp = mp.map_err(|_| AppError::field("file", "请通过页面上的表单上传文件（multipart/form-data）"))?;
    let (mut csrf, mut file) = (String::new(), None);
    while let Some(field) = mp.next_field().await.map_err(|e| AppError::field("file", format!("上传失败：{e}")))? {
        let name = field.name().unwrap_or("").to_owned();
        if name != "_csrf" && !csrf_ok(auth, &csrf) {
            return Err(AppError::Csrf);
        }
        match name.as_str() {
            "_csrf" => csrf = field.text().await.unwrap_or_default(),
            "file" => {
                let file_name = field.file_name().unwrap_or("").to_owned();
                let bytes = field.bytes().await.map_err(|_| {
                    AppError::field(
                        "file",
                        "文件过大或上传中断：一次上传合计不超过 10 MB，请少选几份或把照片压缩后再传",
                    )
                })?;
                file = Some((file_name, bytes.to_vec()));
            }
            _ => {}
        }
    }
    if !csrf_ok(auth, &csrf) {
        return Err(AppError::Csrf);
    }
    Ok(file.filter(|(name, b)| !(name.is_empty() && b.is_empty())))
}

/// What to say of a chosen file that holds nothing.
pub fn empty_file(name: &str) -> String {
    format!("文件「{name}」是空的（0 字节）：请选择有内容的文件再上传")
}

/// Whether a request says it comes from a page of this site: its `Origin` (or, without one, its
/// `Referer`) names the host it was sent to.
fn same_site(h: &axum::http::HeaderMap) -> bool {
    let Some(host) = h.get(axum::http::header::HOST).and_then(|v| v.to_str().ok()) else { return false };
    let from = h
        .get(axum::http::header::ORIGIN)
        .or_else(|| h.get(axum::http::header::REFERER))
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    from.split_once("://").is_some_and(|(_, rest)| rest.split('/').next() == Some(host))
}

/// Whether `presented` is the caller's CSRF token (compared in constant time).
pub fn csrf_ok(auth: &Auth, presented: &str) -> bool {
    !auth.csrf.is_empty() && bool::from(presented.as_bytes().ct_eq(auth.csrf.as_bytes()))
}

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for CsrfForm<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self> {
        let auth = req.extensions().get::<Auth>().cloned().unwrap_or_default();
        let action = req.uri().path_and_query().map_or_else(|| "/".to_owned(), ToString::to_string);
        let same_site = same_site(req.headers());
        let bytes =
            Bytes::from_request(req, state).await.map_err(|_| AppError::field("_form", "表单内容过大或无法读取"))?;
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_bytes(&bytes).map_err(|_| AppError::field("_form", "表单格式不正确"))?;
        let presented = pairs.iter().find(|(k, _)| k == "_csrf").map_or("", |(_, v)| v.as_str());
        if !csrf_ok(&auth, presented) {
            tracing::warn!("form refused: missing or wrong CSRF token");
            // A form of this site sent by a signed-in person with an earlier session's token (a
            // window left open across a logout): nothing is done, but what was typed is offered
            // back to send again. A form from elsewhere (a forgery) gets the bare refusal.
            if same_site && !presented.is_empty() && auth.user.as_ref().is_some_and(|u| u.via == Via::Session) {
                let fields = pairs.into_iter().filter(|(k, _)| k != "_csrf").collect();
                return Err(AppError::StaleForm(Box::new(crate::error::Resend { action, fields })));
            }
            return Err(AppError::Csrf);
        }
        // Bytes that are not UTF-8 are decoded as U+FFFD: refused (naming the field), never kept.
        if let Some((k, _)) = pairs.iter().find(|(_, v)| v.contains('\u{FFFD}')) {
            return Err(AppError::field(k, "含有无法识别的字符，请重新输入"));
        }
        let refused = |_| AppError::field("_form", "表单内容不完整或有重复的项，请刷新页面后重新填写");
        // Digits typed on a Chinese keyboard (全角 ０–９) are read as digits in every field.
        let mut pairs = pairs;
        if ascii_digits(&mut pairs) {
            let encoded =
                serde_urlencoded::to_string(&pairs).map_err(|_| AppError::field("_form", "表单格式不正确"))?;
            return serde_html_form::from_str(&encoded).map(CsrfForm).map_err(refused);
        }
        // `serde_html_form` reads repeated keys (checkbox groups) into lists.
        serde_html_form::from_bytes(&bytes).map(CsrfForm).map_err(refused)
    }
}

/// Turns the full-width digits (０–９, as a Chinese keyboard types them) of every field but
/// passwords into ASCII digits; whether any was turned. An outside walk had "８５０００" refused
/// as an amount while "５００" was read as a quantity.
pub fn ascii_digits(pairs: &mut [(String, String)]) -> bool {
    let mut changed = false;
    for (k, v) in pairs.iter_mut() {
        if k.contains("password") || k == "_csrf" || !v.chars().any(|c| ('０'..='９').contains(&c)) {
            continue;
        }
        *v = crate::text::ascii_digits(v);
        changed = true;
    }
    changed
}

/// The caller's address: the socket's peer, or — when the peer is one of the trusted proxies —
/// the nearest address in `X-Forwarded-For` that is not a trusted proxy (so a client cannot
/// choose its own address by sending the header, and one proxy's clients are told apart).
/// "unknown" when served without a socket, as in tests that call the router directly.
pub fn client_ip(parts: &Parts, trusted: &[ipnet::IpNet]) -> String {
    let Some(peer) = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip()) else {
        return "unknown".to_owned();
    };
    let is_trusted = |ip: &std::net::IpAddr| trusted.iter().any(|n| n.contains(ip));
    if !is_trusted(&peer) {
        return peer.to_string();
    }
    let chain: Vec<std::net::IpAddr> = parts
        .headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|a| a.trim().parse().ok())
        .collect();
    chain.iter().rev().find(|ip| !is_trusted(ip)).or(chain.first()).unwrap_or(&peer).to_string()
}

/// The caller's address, as an extractor (see [`client_ip`]).
pub struct ClientIp(pub String);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        Ok(Self(client_ip(parts, &state.config.trusted_proxies)))
    }
}

/// Whether a method changes state (and so needs a CSRF token when sent with a cookie).
pub fn is_write(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// The role's landing page after login.
pub fn home_of(role: Role) -> &'static str {
    match role {
        Role::Office => "/office",
        Role::Admin => "/admin/users",
        Role::Security => "/security/users",
        Role::Auditor => "/audit",
        Role::Enterprise | Role::Village => "/my",
        Role::HelpUnit => "/unit",
    }
}
