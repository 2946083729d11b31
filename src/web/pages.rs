//! Public pages that belong to no single resource: the home page with the campaign figures,
//! and the health check.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use serde::Serialize;

use super::Routes;
use crate::app::AppState;
use crate::auth::guard::Auth;
use crate::error::Result;
use crate::stats;

/// Routes of this module.
pub fn routes() -> Routes {
    Routes::new().get("/", home).get("/healthz", healthz)
}

#[derive(Serialize)]
struct HomeView {
    figures: stats::Figures,
    latest_offers: Vec<stats::ListingCard>,
    latest_needs: Vec<stats::ListingCard>,
}

async fn home(State(state): State<AppState>, auth: Auth) -> Result<Html<String>> {
    let today = state.clock.today();
    let figures = stats::figures(&state.db, today).await?;
    let latest_offers = stats::latest_offers(&state.db, today, 6).await?;
    let latest_needs = stats::latest_needs(&state.db, today, 6).await?;
    state.templates.page(&auth, "home", "百企联百村 · 企村帮扶平台", &HomeView { figures, latest_offers, latest_needs })
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
