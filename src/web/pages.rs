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

async fn home(State(state): State<AppState>, auth: Auth) -> Result<Response> {
    super::render::for_visitors(&state, &auth, "page:/", async { Ok(home_page(&state, &auth).await?.into_response()) })
        .await
}

async fn home_page(state: &AppState, auth: &Auth) -> Result<Html<String>> {
    let today = state.clock.today();
    // The figures count whole tables: computed once per change, not per view.
    let version = state.pages.version(&state.db, state.search.applied(), today).await?;
    let view = state
        .cache
        .kept("home", version, async {
            Ok::<_, sea_orm::DbErr>(HomeView {
                figures: stats::figures(&state.db, today).await?,
                latest_offers: stats::latest_offers(&state.db, today, 6).await?,
                latest_needs: stats::latest_needs(&state.db, today, 6).await?,
            })
        })
        .await?;
    state.templates.page(auth, "home", "百企联百村 · 企村帮扶平台", &*view)
}

/// Whether this node can serve: the database takes a write, the search index keeps up, the
/// node is not stopping. 503 with the reasons otherwise (a load balancer takes it out).
async fn healthz(State(state): State<AppState>) -> Response {
    let report = state.health.report(&state.db, &state.recycler, &state.search).await;
    let status = if report.is_unavailable() { StatusCode::SERVICE_UNAVAILABLE } else { StatusCode::OK };
    let mut res = (status, Json(report)).into_response();
    res.headers_mut().insert(axum::http::header::CACHE_CONTROL, axum::http::HeaderValue::from_static("no-store"));
    res
}
