//! Test harness: a fresh, migrated database per test (in-memory SQLite, or a new PostgreSQL
//! database when `QICUN_TEST_DATABASE_URL` is set) and the real router, called without a socket.

#![allow(dead_code, reason = "each test binary uses a different part of the harness")]

use std::path::PathBuf;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use qicun::{AppState, Config};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use tower::ServiceExt;

/// A running application on its own database.
pub struct TestApp {
    pub state: AppState,
    pub data_dir: tempfile::TempDir,
    /// Drops the test's PostgreSQL database when the app goes.
    pub guard: DbGuard,
}

/// A response with its body read.
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
    /// The body as sent (a download that is not text).
    pub bytes: Vec<u8>,
}

/// Drops the PostgreSQL database a test made when the test is done with it (its connections
/// are closed by force). Nothing to do for SQLite.
pub struct DbGuard {
    name: Option<String>,
}

impl DbGuard {
    /// Nothing to drop.
    pub fn none() -> Self {
        Self { name: None }
    }
}

impl Drop for DbGuard {
    fn drop(&mut self) {
        let Some(name) = self.name.take() else { return };
        let Ok(base) = std::env::var("QICUN_TEST_DATABASE_URL") else { return };
        // Drop runs inside the test's runtime: the drop gets a thread and a runtime of its own.
        let dropped = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
            rt.block_on(async move {
                let admin = qicun::db::connect_with(&base, 1).await.expect("connect to drop the test database");
                let sql = |s: String| Statement::from_string(DbBackend::Postgres, s);
                // A pool still alive in a task of the test (a spawned server, a follower) may
                // reconnect between the forced disconnect and the drop: shut the door first,
                // and try again a few times.
                admin.execute_raw(sql(format!("ALTER DATABASE {name} ALLOW_CONNECTIONS false"))).await.ok();
                let mut last = None;
                for _ in 0..20 {
                    match admin.execute_raw(sql(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))).await {
                        Ok(_) => {
                            last = None;
                            break;
                        }
                        Err(e) => last = Some(e),
                    }
                    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
                }
                if let Some(e) = last {
                    panic!("drop the test database {name}: {e}");
                }
                admin.close().await.ok();
            });
        })
        .join();
        if dropped.is_err() {
            eprintln!("could not drop a test database");
        }
    }
}

/// Whether the tests run on PostgreSQL.
pub fn on_postgres() -> bool {
    std::env::var("QICUN_TEST_DATABASE_URL").is_ok_and(|u| !u.is_empty())
}

/// A fresh empty database URL for one test, and the guard that drops it afterwards.
pub async fn fresh_database() -> (String, DbGuard) {
    match std::env::var("QICUN_TEST_DATABASE_URL") {
        Ok(base) if !base.is_empty() => {
            let admin = qicun::db::connect_with(&base, 1).await.expect("connect to QICUN_TEST_DATABASE_URL");
            let name = format!("qicun_t_{}", uuid::Uuid::new_v4().simple());
            admin
                .execute_raw(Statement::from_string(DbBackend::Postgres, format!("CREATE DATABASE {name}")))
                .await
                .expect("create test database");
            admin.close().await.ok();
            // Replace the database name (the last path segment, before any query string).
            let (head, query) = base.split_once('?').map_or((base.as_str(), None), |(h, q)| (h, Some(q)));
            let root = head.rsplit_once('/').map_or(head, |(r, _)| r);
            let url = match query {
                Some(q) => format!("{root}/{name}?{q}"),
                None => format!("{root}/{name}"),
            };
            (url, DbGuard { name: Some(name) })
        }
        _ => ("sqlite::memory:".to_owned(), DbGuard::none()),
    }
}

/// A fresh migrated database (dropped with it on PostgreSQL); derefs to the connection.
pub struct TestDb {
    pub db: DatabaseConnection,
    pub guard: DbGuard,
}

impl std::ops::Deref for TestDb {
    type Target = DatabaseConnection;
    fn deref(&self) -> &DatabaseConnection {
        &self.db
    }
}

/// A fresh migrated database.
pub async fn fresh_db() -> TestDb {
    let (url, guard) = fresh_database().await;
    let db = qicun::db::connect_with(&url, 4).await.expect("connect to the test database");
    <migration::Migrator as migration::MigratorTrait>::up(&db, None).await.expect("migrate");
    TestDb { db, guard }
}

impl TestApp {
    /// A new app on a fresh database.
    pub async fn spawn() -> Self {
        let data_dir = tempfile::tempdir().expect("temp dir");
        let mut config = Config::new(data_dir.path());
        // As in the demo: the tests of the second factor turn it on themselves.
        config.totp_required = false;
        config.database_url = Some("unused: the test passes its own connection".into());
        config.index_dir = None;
        let TestDb { db, guard } = fresh_db().await;
        let state = qicun::app::state_with(db, config).await.expect("state");
        Self { state, data_dir, guard }
    }

    /// A new app on a fresh database that several connections share, as in production: a
    /// SQLite file with its pool of 8 (an in-memory database has one connection, which would
    /// hide every race), or a new PostgreSQL database.
    pub async fn spawn_shared() -> Self {
        let data_dir = tempfile::tempdir().expect("temp dir");
        let mut config = Config::new(data_dir.path());
        config.totp_required = false;
        config.index_dir = None;
        let guard = if on_postgres() {
            let (url, guard) = fresh_database().await;
            config.database_url = Some(url);
            guard
        } else {
            DbGuard::none()
        };
        let state = qicun::app::build_state(config).await.expect("state");
        Self { state, data_dir, guard }
    }

    /// The same app with the demo loaded.
    pub async fn with_demo() -> Self {
        let app = Self::spawn().await;
        qicun::demo::load(&app.state.db, app.state.clock.now()).await.expect("demo loads");
        qicun::app::seal_at_rest(&app.state).await.expect("seal");
        app
    }

    /// [`TestApp::spawn_shared`] with the demo loaded and indexed.
    pub async fn shared_with_demo() -> Self {
        let app = Self::spawn_shared().await;
        qicun::demo::load(&app.state.db, app.state.clock.now()).await.expect("demo loads");
        qicun::app::seal_at_rest(&app.state).await.expect("seal");
        app.state.search.catch_up(&app.state.db).await.expect("index the demo");
        app
    }

    pub fn db(&self) -> &DatabaseConnection {
        &self.state.db
    }

    /// Sends one request through the real router.
    pub async fn request(&self, req: Request<Body>) -> TestResponse {
        let response = qicun::router(self.state.clone()).oneshot(req).await.expect("router answers");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.expect("body").to_bytes();
        TestResponse { status, headers, body: String::from_utf8_lossy(&bytes).into_owned(), bytes: bytes.to_vec() }
    }

    /// GET `path` as a browser would.
    pub async fn get(&self, path: &str) -> TestResponse {
        self.request(Request::get(path).header(header::ACCEPT, "text/html").body(Body::empty()).expect("request")).await
    }
}

/// `../shared/data/<name>` if the shared reference data is present beside the project.
/// Tests that need it print that they skipped when it is absent; `.ci/run` refuses to run
/// without it, so CI never skips.
pub fn shared_data(name: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data").join(name);
    if path.exists() {
        Some(path)
    } else {
        eprintln!("skipped: {} not found (the shared reference data is not beside this clone)", path.display());
        None
    }
}

/// Counts rows of `table` matching the SQL condition `cond`.
pub async fn count(db: &DatabaseConnection, table: &str, cond: &str) -> i64 {
    let sql = format!("SELECT CAST(COUNT(*) AS BIGINT) AS n FROM \"{table}\" WHERE {cond}");
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .expect("count query")
        .expect("one row");
    row.try_get::<i64>("", "n").expect("count")
}

/// A browser-like client: keeps cookies and the current CSRF token.
pub struct Client<'a> {
    pub app: &'a TestApp,
    pub cookies: std::collections::BTreeMap<String, String>,
    pub csrf: String,
    /// The address the requests come from (for per-address limits).
    pub ip: std::net::SocketAddr,
}

/// The `_csrf` value in a page's first form.
pub fn csrf_in(body: &str) -> Option<String> {
    let start = body.find("name=\"_csrf\" value=\"")? + "name=\"_csrf\" value=\"".len();
    Some(body[start..].split('"').next()?.to_owned())
}

impl<'a> Client<'a> {
    pub fn new(app: &'a TestApp) -> Self {
        Self { app, cookies: Default::default(), csrf: String::new(), ip: ([127, 0, 0, 1], 40000).into() }
    }

    fn cookie_header(&self) -> String {
        self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ")
    }

    fn absorb(&mut self, res: &TestResponse) {
        for v in res.headers.get_all(header::SET_COOKIE) {
            let v = v.to_str().expect("ascii cookie");
            let pair = v.split(';').next().expect("pair");
            let (name, value) = pair.split_once('=').expect("name=value");
            if v.contains("Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
        if let Some(token) = csrf_in(&res.body) {
            self.csrf = token;
        }
    }

    pub async fn send(&mut self, mut req: Request<Body>) -> TestResponse {
        req.headers_mut().insert(header::COOKIE, self.cookie_header().parse().expect("cookie header"));
        req.extensions_mut().insert(axum::extract::ConnectInfo(self.ip));
        let res = self.app.request(req).await;
        self.absorb(&res);
        res
    }

    pub async fn get(&mut self, path: &str) -> TestResponse {
        self.send(Request::get(path).header(header::ACCEPT, "text/html").body(Body::empty()).expect("request")).await
    }

    /// POSTs a form with the current CSRF token added.
    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> TestResponse {
        let csrf = self.csrf.clone();
        let mut all: Vec<(&str, &str)> = vec![("_csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(path, &all).await
    }

    /// POSTs exactly these fields (no CSRF token added).
    pub async fn post_raw(&mut self, path: &str, fields: &[(&str, &str)]) -> TestResponse {
        let body = serde_urlencoded::to_string(fields).expect("form");
        self.send(
            Request::post(path)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(body))
                .expect("request"),
        )
        .await
    }

    /// POSTs an already encoded form body (the CSRF token put first), e.g. with bytes that are
    /// not UTF-8 once decoded.
    pub async fn post_encoded(&mut self, path: &str, encoded: &str) -> TestResponse {
        let body = format!("_csrf={}&{encoded}", self.csrf);
        self.send(
            Request::post(path)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(body))
                .expect("request"),
        )
        .await
    }

    /// POSTs a multipart form (with the CSRF token) whose `files` fields each carry a small PNG.
    pub async fn post_multipart(&mut self, path: &str, fields: &[(String, String)], files: &[&str]) -> TestResponse {
        let png = photo_png(b"");
        let files: Vec<(&str, &str, &[u8])> = files.iter().map(|f| (*f, "a.png", png.as_slice())).collect();
        self.post_parts(path, fields, &files).await
    }

    /// POSTs a multipart form (with the CSRF token first) carrying one file.
    pub async fn post_file(&mut self, path: &str, field: &str, file_name: &str, bytes: &[u8]) -> TestResponse {
        self.post_parts(path, &[], &[(field, file_name, bytes)]).await
    }

    /// POSTs a multipart form: the CSRF token, `fields`, then `files` (field, file name, bytes).
    pub async fn post_parts(
        &mut self,
        path: &str,
        fields: &[(String, String)],
        files: &[(&str, &str, &[u8])],
    ) -> TestResponse {
        let b = "clientBoundary";
        let mut body =
            format!("--{b}\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n{}\r\n", self.csrf).into_bytes();
        for (k, v) in fields {
            body.extend_from_slice(format!("--{b}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n").as_bytes());
            body.extend_from_slice(v.as_bytes());
            body.extend_from_slice(b"\r\n");
        }
        for (field, file_name, bytes) in files {
            body.extend_from_slice(
                format!("--{b}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{file_name}\"\r\n\r\n")
                    .as_bytes(),
            );
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{b}--\r\n").as_bytes());
        self.send(
            Request::post(path)
                .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={b}"))
                .body(Body::from(body))
                .expect("request"),
        )
        .await
    }

    /// Logs in through the form; returns the response to the POST.
    pub async fn login(&mut self, login: &str, password: &str) -> TestResponse {
        self.get("/login").await;
        let res = self.post("/login", &[("login", login), ("password", password), ("next", "")]).await;
        if res.status == StatusCode::SEE_OTHER {
            // Pick up the session's own CSRF token.
            self.get("/account").await;
        }
        res
    }
}

/// Where a redirect goes.
pub fn location(res: &TestResponse) -> &str {
    res.headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or("")
}

/// A small tmpfs of its own, to fill up or make read-only (needs root and CAP_SYS_ADMIN, as on
/// the CI machine). Unmounted when dropped.
pub struct TinyDisk {
    pub path: PathBuf,
    _dir: tempfile::TempDir,
}

impl TinyDisk {
    /// Mounts a tmpfs of `mb` MiB, or says why not and returns `None`. Under `.ci/run`
    /// (`QICUN_REQUIRE_FAULTS=1`) a missing permission fails the test instead.
    pub fn mount(mb: u32) -> Option<Self> {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("disk");
        std::fs::create_dir_all(&path).expect("mount point");
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={mb}m"), "tmpfs"])
            .arg(&path)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            assert!(
                std::env::var("QICUN_REQUIRE_FAULTS").is_err(),
                "QICUN_REQUIRE_FAULTS is set but a tmpfs cannot be mounted here"
            );
            eprintln!("skipped: cannot mount a tmpfs (needs root) to simulate a full or read-only disk");
            return None;
        }
        Some(Self { path, _dir: dir })
    }

    /// Fills the disk to the last byte.
    pub fn fill(&self) {
        use std::io::Write;
        let mut f = std::fs::File::create(self.path.join("filler")).expect("filler");
        let block = vec![0u8; 64 * 1024];
        while f.write_all(&block).is_ok() {}
        let _ = f.write_all(&[0u8; 512]);
        let _ = f.sync_all();
    }

    /// Frees what [`TinyDisk::fill`] took.
    pub fn free(&self) {
        std::fs::remove_file(self.path.join("filler")).expect("remove filler");
    }

    /// Makes the disk read-only, or writable again.
    pub fn read_only(&self, on: bool) {
        let opt = if on { "remount,ro" } else { "remount,rw" };
        let ok =
            std::process::Command::new("mount").args(["-o", opt]).arg(&self.path).status().is_ok_and(|s| s.success());
        assert!(ok, "mount -o {opt}");
    }
}

impl Drop for TinyDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg("-l").arg(&self.path).status();
    }
}

/// A real 8 × 8 PNG whose pixels come from `seed`: the same seed gives the same file.
pub fn photo_png(seed: &[u8]) -> Vec<u8> {
    let img = image::RgbImage::from_fn(8, 8, |x, y| {
        let i = (y * 8 + x) as usize;
        let v = if seed.is_empty() { (i * 4) as u8 } else { seed[i % seed.len()].wrapping_add(i as u8) };
        image::Rgb([v, 255 - v, 100])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(img).write_to(&mut out, image::ImageFormat::Png).expect("encode");
    out.into_inner()
}

/// A real JPEG photo with a GPS position in its EXIF, as a phone saves it.
pub fn photo_jpeg_with_gps() -> Vec<u8> {
    let img = image::RgbImage::from_fn(32, 24, |x, y| image::Rgb([(x * 8) as u8, (y * 10) as u8, 90]));
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(img).write_to(&mut out, image::ImageFormat::Jpeg).expect("encode");
    let jpeg = out.into_inner();
    let exif = b"Exif\0\0MM\0*GPSLatitude 28.12N GPSLongitude 114.50E";
    let len = u16::try_from(exif.len() + 2).expect("short").to_be_bytes();
    [&jpeg[..2], &[0xFF, 0xE1], &len[..], exif, &jpeg[2..]].concat()
}

/// Reports a produce contribution under `agreement` with one PNG made from `tail`,
/// as the enterprise's form does (multipart).
pub async fn report_with_png(c: &mut Client<'_>, agreement: i32, description: &str, tail: &[u8]) -> TestResponse {
    let b = "commonBoundary";
    let mut body =
        format!("--{b}\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n{}\r\n", c.csrf).into_bytes();
    for (k, v) in [
        ("kind", "produce"),
        ("product", "富硒大米"),
        ("amount_yuan", "1000"),
        ("quantity", "200"),
        ("unit", "公斤"),
        ("contributed_on", "2026-11-20"),
        ("description", description),
    ] {
        body.extend_from_slice(
            format!("--{b}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes(),
        );
    }
    body.extend_from_slice(
        format!("--{b}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.png\"\r\n\r\n").as_bytes(),
    );
    body.extend_from_slice(&photo_png(tail));
    body.extend_from_slice(format!("\r\n--{b}--\r\n").as_bytes());
    c.send(
        Request::post(format!("/agreements/{agreement}/contributions"))
            .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={b}"))
            .body(Body::from(body))
            .expect("request"),
    )
    .await
}

/// The buyer records the payment of purchase `id` (its whole amount, on `paid_on`) and rates it
/// 4 (消费帮扶 counts a purchase only once it is paid and rated).
pub async fn pay_and_rate(c: &mut Client<'_>, id: i32, paid_yuan: &str, paid_on: &str) -> TestResponse {
    c.get(&format!("/contributions/{id}/purchase")).await;
    c.post(
        &format!("/contributions/{id}/purchase"),
        &[("paid_on", paid_on), ("paid_yuan", paid_yuan), ("rating", "4"), ("rating_comment", "品质良好")],
    )
    .await
}

/// Creates a staff account the way an installation does: the system administrator makes it
/// (and sees no password), the security administrator issues its one-time password, which is
/// returned.
pub async fn new_staff_account(app: &TestApp, role: &str, login: &str, jurisdiction: &str) -> String {
    let mut admin = Client::new(app);
    assert_eq!(admin.login("admin", qicun::demo::DEMO_PASSWORD).await.status, StatusCode::SEE_OTHER);
    admin.get("/admin/users/new").await;
    let created = admin
        .post(
            "/admin/users",
            &[("role", role), ("login", login), ("display_name", "新账号"), ("jurisdiction", jurisdiction)],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let list = admin.get(location(&created)).await;
    assert!(list.body.contains("请安全管理员为其发放一次性密码"), "{}", list.body);
    assert_eq!(shown_secret(&list.body), None, "the administrator sees no password");
    issue_password(app, login).await
}

/// The security administrator issues a one-time password to `login`; returns it.
pub async fn issue_password(app: &TestApp, login: &str) -> String {
    let id = identity(app, login).await.id;
    let mut security = Client::new(app);
    assert_eq!(security.login("security", qicun::demo::DEMO_PASSWORD).await.status, StatusCode::SEE_OTHER);
    security.get("/security/users").await;
    let issued = security.post(&format!("/security/users/{id}/issue"), &[]).await;
    assert_eq!(issued.status, StatusCode::OK, "{}", issued.body);
    shown_secret(&issued.body).unwrap_or_else(|| panic!("one-time password shown: {}", issued.body))
}

/// A new staff account made the way an installation makes one — created by the administrator
/// with a one-time password, which its holder replaces at first login with `password` — and a
/// client logged in as it.
pub async fn staff_client<'a>(
    app: &'a TestApp,
    role: &str,
    login: &str,
    jurisdiction: &str,
    password: &str,
) -> Client<'a> {
    let one_time = new_staff_account(app, role, login, jurisdiction).await;
    let mut c = Client::new(app);
    assert_eq!(location(&c.login(login, &one_time).await), "/account?first=1");
    let res = c
        .post("/account/password", &[("current", &one_time), ("password", password), ("password_confirm", password)])
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "password set: {}", res.body);
    c.get("/account").await;
    c
}

/// The secret a page shows once in `<code class="token">` (a new API token or one-time password).
pub fn shown_secret(body: &str) -> Option<String> {
    body.split("<code class=\"token\">").nth(1).and_then(|s| s.split('<').next()).map(str::to_owned)
}

/// The identity of the user `login`, as a token would carry it.
pub async fn identity(app: &TestApp, login: &str) -> qicun::auth::SessionUser {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let u = entity::user::Entity::find()
        .filter(entity::user::Column::Login.eq(login))
        .one(app.db())
        .await
        .expect("q")
        .expect("user");
    let org = match u.organisation_id {
        Some(id) => entity::organisation::Entity::find_by_id(id).one(app.db()).await.expect("q"),
        None => None,
    };
    qicun::auth::SessionUser::new(&u, org.as_ref(), qicun::auth::Via::Token).expect("identity")
}

/// A new full-access API token of the user `login`.
pub async fn token_for(app: &TestApp, login: &str) -> String {
    let who = identity(app, login).await;
    qicun::accounts::create_token(app.db(), &who, "test", app.state.clock.now()).await.expect("token").0
}

/// Commits `txn` as another node (or a command-line tool) would: with its audit event
/// (`action` on `entity` `id`), but without telling this process, then waits until this
/// process reads the database's version again ([`qicun::cache::VERSION_FOR`]).
pub async fn commit_elsewhere(
    app: &TestApp,
    txn: sea_orm::DatabaseTransaction,
    action: &str,
    entity: &str,
    id: String,
) {
    qicun::audit::record(
        &txn,
        app.state.clock.now(),
        &qicun::audit::Actor::system("test"),
        qicun::audit::Event { action, entity, entity_id: id, before: None, after: None },
    )
    .await
    .expect("audit");
    #[expect(clippy::disallowed_methods, reason = "a commit this process is not told of, like another node's")]
    txn.commit().await.expect("commit");
    tokio::time::sleep(qicun::cache::VERSION_FOR + std::time::Duration::from_millis(50)).await;
}
