//! The application state, the router with its middleware, and serving with graceful shutdown.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use sea_orm::DatabaseConnection;
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::clock::Clock;
use crate::config::Config;
use crate::ratelimit::RateLimiter;
use crate::search::SearchIndex;

/// Objections one address may file in an hour.
pub const OBJECTIONS_PER_HOUR: u32 = 5;

/// Login attempts one address may make in ten minutes.
pub const LOGIN_ATTEMPTS_PER_WINDOW: u32 = 30;
use crate::web::render::Templates;

/// Shared handles every request needs; all cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The database pool (the single source of truth).
    pub db: DatabaseConnection,
    /// Compiled page templates.
    pub templates: Arc<Templates>,
    /// Settings the app was started with.
    pub config: Arc<Config>,
    /// The time source (moved forward by tests).
    pub clock: Clock,
    /// Login attempts per client address.
    pub login_limiter: RateLimiter,
    /// Public objections per client address.
    pub objection_limiter: RateLimiter,
    /// The search index of this node (derived from the database).
    pub search: SearchIndex,
}

/// Connects, migrates and builds the state.
pub async fn build_state(config: Config) -> anyhow::Result<AppState> {
    let db = crate::db::connect_and_migrate(&config.effective_database_url()).await?;
    state_with(db, config).await
}

/// Builds the state around an already migrated database: opens the search index (rebuilding
/// it when missing or unreadable) and brings it up to date with the outbox.
pub async fn state_with(db: DatabaseConnection, config: Config) -> anyhow::Result<AppState> {
    let (search, fresh) = SearchIndex::open(config.index_dir.as_deref())?;
    if fresh {
        let n = search.rebuild(&db, &indicatif::ProgressBar::hidden()).await?;
        tracing::info!(listings = n, "search index built");
    }
    search.catch_up(&db).await?;
    Ok(AppState {
        search,
        db,
        templates: Arc::new(Templates::new()?),
        config: Arc::new(config),
        clock: Clock::default(),
        login_limiter: RateLimiter::new(LOGIN_ATTEMPTS_PER_WINDOW, chrono::Duration::minutes(10)),
        objection_limiter: RateLimiter::new(OBJECTIONS_PER_HOUR, chrono::Duration::hours(1)),
    })
}

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The whole application: routes plus the middleware every response passes through.
pub fn router(state: AppState) -> Router {
    let csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
               object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    crate::web::routes(state)
        .layer(SetResponseHeaderLayer::if_not_present(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(csp)))
        .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::overriding(header::REFERRER_POLICY, HeaderValue::from_static("same-origin")))
        .layer(SetResponseHeaderLayer::overriding(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, Duration::from_secs(30)))
        .layer(CatchPanicLayer::new())
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &axum::http::Request<_>| {
            let id = req.headers().get(REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("-");
            tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id = %id)
        }))
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
}

/// Serves until Ctrl-C or SIGTERM, letting requests in flight finish.
pub async fn serve(listener: TcpListener, app: Router) -> anyhow::Result<()> {
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::warn!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
