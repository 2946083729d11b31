//! Public pages that belong to no single resource: the home page with the campaign figures,
//! and the health check.

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use serde::Serialize;

use crate::app::AppState;
use crate::error::Result;
use crate::stats;

/// Routes of this module.
pub fn routes() -> Router<AppState> {
    Router::new().route("/", get(home)).route("/healthz", get(healthz))
}

#[derive(Serialize)]
struct HomeView {
    title: &'static str,
    figures: stats::Figures,
    latest_offers: Vec<stats::ListingCard>,
    latest_needs: Vec<stats::ListingCard>,
}

async fn home(State(state): State<AppState>) -> Result<Html<String>> {
    let today = state.clock.today();
    let figures = stats::figures(&state.db, today).await?;
    let latest_offers = stats::latest_offers(&state.db, today, 6).await?;
    let latest_needs = stats::latest_needs(&state.db, today, 6).await?;
    state
        .templates
        .render("home", &HomeView { title: "百企联百村 · 企村帮扶平台", figures, latest_offers, latest_needs })
}

#[derive(Serialize)]
struct Health {
    status: &'static str,
    database: &'static str,
}

async fn healthz(State(state): State<AppState>) -> Response {
    let backend = match state.db.get_database_backend() {
        sea_orm::DbBackend::Postgres => "postgres",
        sea_orm::DbBackend::Sqlite => "sqlite",
        _ => "other",
    };
    match state.db.ping().await {
        Ok(()) => Json(Health { status: "ok", database: backend }).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, Json(Health { status: "unavailable", database: backend })).into_response()
        }
    }
}
