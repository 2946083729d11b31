//! The JSON API under `/api/v1` (authenticated by API token or session).

use axum::Json;
use axum::extract::State;

use super::Routes;
use crate::app::AppState;
use crate::auth::SessionUser;
use crate::auth::guard::Auth;
use crate::error::Result;

/// Routes of this module.
pub fn routes() -> Routes {
    Routes::new().get_as(super::ANY_ROLE, "/api/v1/me", me)
}

/// Who the caller is.
async fn me(State(_state): State<AppState>, auth: Auth) -> Result<Json<SessionUser>> {
    Ok(Json(auth.user()?.clone()))
}
