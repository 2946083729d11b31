//! The HTTP layer: every route of the app, the static assets, and HTML error pages.

pub mod pages;
pub mod render;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Serialize;

use crate::app::AppState;
use crate::error::{AppError, ErrorPage};

const APP_CSS: &str = include_str!("../../templates/static/app.css");

/// All routes, with the state applied.
pub fn routes(state: AppState) -> Router {
    Router::new()
        .merge(pages::routes())
        .route("/static/app.css", get(css))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(state.clone(), html_errors))
        .with_state(state)
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

async fn not_found() -> AppError {
    AppError::NotFound
}

#[derive(Serialize)]
struct ErrorView<'a> {
    title: String,
    status: u16,
    message: &'a str,
}

/// Turns error responses of pages (not of `/api/`) into HTML pages in the site's layout.
async fn html_errors(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let response = next.run(req).await;
    if api {
        return response;
    }
    let Some(page) = response.extensions().get::<ErrorPage>().cloned() else {
        return response;
    };
    let title = match page.status {
        StatusCode::NOT_FOUND => "页面不存在".to_owned(),
        StatusCode::FORBIDDEN => "没有权限".to_owned(),
        s if s.is_server_error() => "服务器错误".to_owned(),
        _ => "无法完成操作".to_owned(),
    };
    let view = ErrorView { title, status: page.status.as_u16(), message: &page.message };
    match state.templates.render("errors/error", &view) {
        Ok(html) => (page.status, html).into_response(),
        Err(e) => {
            tracing::error!(error = ?e, "error page failed to render");
            response
        }
    }
}
