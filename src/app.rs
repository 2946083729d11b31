//! The application state, the router with its middleware, and serving with graceful shutdown.

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
use crate::db::{PoolOptions, Recycler};
use crate::health::Health;
use crate::ratelimit::RateLimiter;
use crate::search::SearchIndex;
use crate::web::render::Templates;

/// Objections one address may file in an hour.
pub const OBJECTIONS_PER_HOUR: u32 = 5;

/// Registrations one address may submit in an hour (a township office registering its
/// villages fits; a script probing for registered names does not).
pub const REGISTRATIONS_PER_HOUR: u32 = 20;

/// Shared handles every request needs; all cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The database pool (the single source of truth).
    pub db: DatabaseConnection,
    /// Retires the pool's connections after a storage fault.
    pub recycler: Recycler,
    /// Compiled page templates.
    pub templates: Arc<Templates>,
    /// Settings the app was started with.
    pub config: Arc<Config>,
    /// The time source (moved forward by tests).
    pub clock: Clock,
    /// Registration submissions per client address (counted in the database, for every node).
    pub register_limiter: RateLimiter,
    /// Public objections per client address.
    pub objection_limiter: RateLimiter,
    /// The search index of this node (derived from the database).
    pub search: SearchIndex,
    /// Whether this node can do its work, and whether it is stopping.
    pub health: Health,
    /// The security settings in force (kept by the security administrator).
    pub security: crate::auth::settings::SettingsCache,
    /// Refused requests counted since they were last written to the audit trail.
    pub refusals: crate::audit::refusals::Refusals,
    /// Seals personal data and second-factor secrets with the key outside the database.
    pub sealer: crate::crypto::Sealer,
    /// Public figures and lists kept between changes.
    pub cache: Arc<crate::cache::PublicCache>,
    /// Public pages as rendered for visitors who are not logged in (a few thousand at most).
    pub pages: Arc<crate::cache::PublicCache>,
    /// Every API call's token with its user and organisation, kept between changes like the
    /// pages (without the account's secrets).
    pub rows: Arc<crate::cache::PublicCache>,
    /// The listings whose matches the API is asked for, with their organisations, kept between
    /// changes (apart from the tokens, so walking through listings does not push them out).
    pub listings: Arc<crate::cache::PublicCache>,
    /// The live rows the match API shows, kept between changes.
    pub shown: Arc<crate::listings::query::ShownCache>,
    /// The programmes the deployment runs (their current one sets the pages' wording).
    pub programmes: crate::programmes::DeclaredCache,
}

/// Connects, migrates and builds the state with the search index brought up to date first
/// (commands such as `match` that answer from it at once).
pub async fn build_state(config: Config) -> anyhow::Result<AppState> {
    let (db, recycler) = crate::db::open(&config.effective_database_url(), PoolOptions::default()).await?;
    crate::db::migrate(&db).await?;
    crate::evidence::adopt_folder(&db, &config.data_dir.join("evidence")).await?;
    let state = assemble(db, recycler, config)?;
    seal_at_rest(&state).await?;
    state.search.prepare(&state.db).await?;
    Ok(state)
}

/// Connects, migrates, checks that the database takes writes (a read-only file or a full disk
/// stops the start with the reason), and builds the state of a serving node. The search index
/// is not waited for: the follower started by `serve` rebuilds or catches it up in the
/// background, and searches re-check every hit against the database meanwhile.
pub async fn build_serving_state(config: Config) -> anyhow::Result<AppState> {
    let url = config.effective_database_url();
    let (db, recycler) = crate::db::open(&url, PoolOptions::default()).await?;
    crate::db::migrate(&db).await?;
    if let Err(e) = crate::db::probe_write(&db, chrono::Utc::now()).await {
        let why = crate::db::fault(&e).map_or("", crate::db::Fault::message);
        anyhow::bail!(
            "数据库 {} 不能写入：{e}。{why}请检查数据库文件及其所在目录的权限、磁盘空间，以及 PostgreSQL 是否为只读。",
            crate::db::redact(&url)
        );
    }
    crate::evidence::adopt_folder(&db, &config.data_dir.join("evidence")).await?;
    let state = assemble(db, recycler, config)?;
    seal_at_rest(&state).await?;
    Ok(state)
}

/// Builds the state around an already migrated database, with the search index brought up to
/// date (tests, and a second node in tests).
pub async fn state_with(db: DatabaseConnection, config: Config) -> anyhow::Result<AppState> {
    let state = assemble(db, Recycler::default(), config)?;
    seal_at_rest(&state).await?;
    state.search.prepare(&state.db).await?;
    Ok(state)
}

/// Seals personal data stored readable (from before sealing began, or written by the demo
/// loader): objectors' contacts, organisations' and users' phones, households' head names.
pub async fn seal_at_rest(state: &AppState) -> anyhow::Result<()> {
    crate::notices::seal_plain_contacts(&state.db, &state.sealer).await?;
    crate::accounts::seal_plain_phones(&state.db, &state.sealer).await?;
    crate::governance::households::seal_plain_names(&state.db, &state.sealer).await?;
    crate::governance::monitoring::seal_plain_names(&state.db, &state.sealer).await?;
    Ok(())
}

fn assemble(db: DatabaseConnection, recycler: Recycler, config: Config) -> anyhow::Result<AppState> {
    let (search, _) = SearchIndex::open(config.index_dir.as_deref())?;
    let security = crate::auth::settings::SettingsCache::new(crate::auth::settings::SecuritySettings {
        password_max_age_days: config.password_max_age_days,
        totp_required: config.totp_required,
    });
    let sealer = crate::crypto::Sealer::load_or_create(&config.data_key_path())?;
    Ok(AppState {
        security,
        sealer,
        search,
        db,
        recycler,
        templates: Arc::new(Templates::new()?),
        config: Arc::new(config),
        clock: Clock::default(),
        register_limiter: RateLimiter::new("register", REGISTRATIONS_PER_HOUR, chrono::Duration::hours(1)),
        objection_limiter: RateLimiter::new("objection", OBJECTIONS_PER_HOUR, chrono::Duration::hours(1)),
        health: Health::default(),
        refusals: Default::default(),
        cache: Default::default(),
        pages: Arc::new(crate::cache::PublicCache::with_capacity(PAGES_KEPT)),
        rows: Arc::new(crate::cache::PublicCache::with_capacity(ROWS_KEPT)),
        listings: Arc::new(crate::cache::PublicCache::with_capacity(LISTINGS_KEPT)),
        shown: Default::default(),
        programmes: Default::default(),
    })
}

/// Public pages kept for visitors at most (≈ 10 KB each).
const PAGES_KEPT: usize = 2048;

/// Tokens kept at most (about a kilobyte each).
const ROWS_KEPT: usize = 8192;
/// Listings kept at most for the match API (a few kilobytes each at most).
const LISTINGS_KEPT: usize = 4096;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The whole application: routes plus the middleware every response passes through.
pub fn router(state: AppState) -> Router {
    let csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
               object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    let health = state.health.clone();
    crate::web::routes(state)
        .layer(axum::middleware::from_fn_with_state(health, close_when_draining))
        .layer(SetResponseHeaderLayer::if_not_present(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(csp)))
        .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::overriding(header::REFERRER_POLICY, HeaderValue::from_static("same-origin")))
        .layer(SetResponseHeaderLayer::overriding(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        // Pages and styles go out gzipped to browsers that ask (a slow phone link gains most).
        .layer(tower_http::compression::CompressionLayer::new().gzip(true))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, Duration::from_secs(30)))
        .layer(CatchPanicLayer::new())
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &axum::http::Request<_>| {
            let id = req.headers().get(REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("-");
            tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id = %id)
        }))
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
}

/// After the listener closes, how long open connections are still answered.
const LINGER: Duration = Duration::from_millis(1000);
/// How long requests in flight may take to finish at the end.
const FINISH: Duration = Duration::from_secs(30);

/// Serves HTTP/1.1 until Ctrl-C or SIGTERM, then stops in three steps so that no request that
/// has reached this node is lost:
/// 1. for `drain`, it goes on accepting and answering, every response with `Connection: close`
///    and `/healthz` with 503, so load balancers and keep-alive clients move away;
/// 2. it closes the listener (new connections are refused, not reset) and for a moment still
///    answers whatever arrives on the connections that are open;
/// 3. it lets the requests in flight finish (up to 30 s) and closes what is idle.
pub async fn serve(listener: TcpListener, app: Router, health: Health, drain: Duration) -> anyhow::Result<()> {
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut signal = std::pin::pin!(shutdown_signal());
    let mut stop_accepting: Option<std::pin::Pin<Box<tokio::time::Sleep>>> = None;
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (stream, addr) = match accepted {
                    Ok(a) => a,
                    Err(e) => {
                        // Out of file descriptors and the like: wait a little, then go on.
                        tracing::warn!(error = %e, "accept failed");
                        tokio::time::sleep(Duration::from_millis(20)).await;
                        continue;
                    }
                };
                serve_connection(&app, &graceful, stream, addr);
            }
            () = &mut signal, if stop_accepting.is_none() => {
                health.start_draining();
                tracing::info!(seconds = drain.as_secs_f64(), "stopping: draining first");
                stop_accepting = Some(Box::pin(tokio::time::sleep(drain)));
            }
            () = async { if let Some(t) = stop_accepting.as_mut() { t.await } }, if stop_accepting.is_some() => break,
        }
    }
    // Connections the kernel has already completed for us are taken in and answered, not
    // reset with the listener.
    for _ in 0..1024 {
        let ready = std::future::poll_fn(|cx| std::task::Poll::Ready(listener.poll_accept(cx))).await;
        match ready {
            std::task::Poll::Ready(Ok((stream, addr))) => serve_connection(&app, &graceful, stream, addr),
            _ => break,
        }
    }
    drop(listener);
    let lingered = std::time::Instant::now();
    while graceful.count() > 0 && lingered.elapsed() < LINGER {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    tracing::info!(open = graceful.count(), "listener closed; finishing requests in flight");
    if tokio::time::timeout(FINISH, graceful.shutdown()).await.is_err() {
        tracing::warn!("requests still running after 30 s were cut off");
    }
    Ok(())
}

/// Serves one HTTP/1.1 connection until it closes or the shutdown asks it to.
fn serve_connection(
    app: &Router,
    graceful: &hyper_util::server::graceful::GracefulShutdown,
    stream: tokio::net::TcpStream,
    addr: std::net::SocketAddr,
) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let svc =
        tower::ServiceExt::map_request(app.clone(), move |mut req: axum::extract::Request<hyper::body::Incoming>| {
            req.extensions_mut().insert(axum::extract::ConnectInfo(addr));
            req
        });
    let conn = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(Duration::from_secs(30))
        .serve_connection(TokioIo::new(stream), hyper_util::service::TowerToHyperService::new(svc));
    let conn = graceful.watch(conn);
    tokio::spawn(async move {
        if let Err(e) = conn.await {
            tracing::debug!(error = %e, "connection ended with an error");
        }
    });
}

/// Closes each connection after its response while the node is draining.
async fn close_when_draining(
    axum::extract::State(health): axum::extract::State<Health>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let mut res = next.run(req).await;
    if health.draining() {
        res.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    res
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
