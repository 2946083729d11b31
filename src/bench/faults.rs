//! `qicun bench faults`: the crash test and the shutdown test, run against the real binary.
//!
//! Crash test, each run: a fresh database with the demo; the server started; 32 writers create,
//! edit and withdraw offers through the API; after a random moment the server is killed with
//! SIGKILL; it is started again on the same data, catches up, and is stopped; then every write
//! that was acknowledged (a 2xx answer) is looked for in the database, the audit chain is
//! walked, and the search index is compared document by document with the database. Prints
//! runs, acknowledged, lost, index mismatches and server errors by kind; 0 lost, 0 mismatches
//! and no 5xx outside the kill are the goal on both databases.
//!
//! Shutdown test: keep-alive clients send requests in a loop while the server gets SIGTERM;
//! every request written to an open connection must get an answer.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::Utc;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, Statement};
use serde::Serialize;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::sync::Mutex;

use crate::auth::{SessionUser, Via};

/// Which database a run uses.
#[derive(Clone, Debug)]
pub enum Backend {
    /// A SQLite file in the run's folder.
    Sqlite,
    /// A new database made (and dropped) with this URL, which may create databases.
    Postgres(String),
}

/// How the crash test runs.
#[derive(Clone, Debug)]
pub struct CrashConfig {
    pub runs: usize,
    pub writers: usize,
    /// Nodes serving the same database, each with its own index; writers are spread over them
    /// and all are killed together.
    pub nodes: usize,
    /// The kill comes at a random moment in this range after the writers start.
    pub kill_after: (Duration, Duration),
    pub backend: Backend,
    /// The `qicun` binary to run.
    pub binary: PathBuf,
}

/// What one or more runs found.
#[derive(Clone, Debug, Default, Serialize)]
pub struct CrashTotals {
    pub runs: usize,
    pub acknowledged: u64,
    /// Acknowledged writes not found as acknowledged after the restart.
    pub lost: u64,
    /// Index documents that differ from the database after the restart (missing, extra,
    /// different content).
    pub index_mismatches: u64,
    /// Documents the restarted nodes found differing from the database (after the kill) and
    /// rewrote before they reported healthy.
    pub index_repaired: u64,
    /// Runs whose audit chain did not verify.
    pub broken_audit_chains: u64,
    /// Server errors answered while the server was up, by status.
    pub server_errors: BTreeMap<String, u64>,
    /// Requests that got no answer because the server was killed (expected).
    pub cut_by_kill: u64,
    /// Other failures (refused writes other than 5xx, client errors) by kind.
    pub other: BTreeMap<String, u64>,
    /// Examples of what went wrong, for the report.
    pub examples: Vec<String>,
}

impl CrashTotals {
    fn add(&mut self, o: CrashTotals) {
        self.runs += o.runs;
        self.acknowledged += o.acknowledged;
        self.lost += o.lost;
        self.index_mismatches += o.index_mismatches;
        self.index_repaired += o.index_repaired;
        self.broken_audit_chains += o.broken_audit_chains;
        self.cut_by_kill += o.cut_by_kill;
        for (k, v) in o.server_errors {
            *self.server_errors.entry(k).or_default() += v;
        }
        for (k, v) in o.other {
            *self.other.entry(k).or_default() += v;
        }
        self.examples.extend(o.examples.into_iter().take(5));
    }

    /// Whether the goal was met: nothing lost, the index equal to the database, the chain
    /// intact, no server error while the server was up.
    pub fn clean(&self) -> bool {
        self.lost == 0 && self.index_mismatches == 0 && self.broken_audit_chains == 0 && self.server_errors.is_empty()
    }
}

/// A running `qicun serve`.
pub struct Server {
    child: tokio::process::Child,
    pub addr: String,
}

impl Server {
    /// Starts `binary serve` on a free port with `data_dir` and `url` (and its own index
    /// folder `index`, default under the data folder), and waits for it to say where it listens.
    pub async fn start(binary: &Path, data_dir: &Path, url: &str, drain_seconds: u64) -> anyhow::Result<Self> {
        Self::start_node(binary, data_dir, &data_dir.join("index"), url, drain_seconds).await
    }

    /// [`Server::start`] with the index in `index`: several nodes on one database.
    pub async fn start_node(
        binary: &Path,
        data_dir: &Path,
        index: &Path,
        url: &str,
        drain_seconds: u64,
    ) -> anyhow::Result<Self> {
        Self::start_with(binary, data_dir, index, url, drain_seconds, &[]).await
    }

    /// [`Server::start_node`] with more global options (`extra`, before `serve`).
    pub async fn start_with(
        binary: &Path,
        data_dir: &Path,
        index: &Path,
        url: &str,
        drain_seconds: u64,
        extra: &[&str],
    ) -> anyhow::Result<Self> {
        let mut child = tokio::process::Command::new(binary)
            .args(extra)
            .arg("--data-dir")
            .arg(data_dir)
            .arg("--index-dir")
            .arg(index)
            .args([
                "--database-url",
                url,
                "--drain-seconds",
                &drain_seconds.to_string(),
                "serve",
                "--bind",
                "127.0.0.1:0",
            ])
            .env("RUST_LOG", "error")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .with_context(|| format!("cannot start {}", binary.display()))?;
        let stdout = child.stdout.take().context("no stdout")?;
        let mut lines = BufReader::new(stdout).lines();
        let addr = tokio::time::timeout(Duration::from_secs(60), async {
            while let Some(line) = lines.next_line().await? {
                if let Some(rest) = line.split("http://").nth(1) {
                    return Ok::<_, anyhow::Error>(rest.split_whitespace().next().unwrap_or_default().to_owned());
                }
            }
            anyhow::bail!("the server exited before it listened")
        })
        .await
        .context("the server did not start within 60 s")??;
        // Keep reading so the pipe never fills.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Ok(Self { child, addr })
    }

    /// The process id, while it runs.
    pub fn pid(&self) -> Option<u32> {
        self.child.id()
    }

    /// SIGKILL: the process ends at once, mid-write.
    pub async fn kill(mut self) -> anyhow::Result<()> {
        self.child.kill().await?;
        Ok(())
    }

    /// SIGTERM, then waits for the process to end.
    pub async fn terminate(mut self) -> anyhow::Result<()> {
        self.signal_term()?;
        tokio::time::timeout(Duration::from_secs(60), self.child.wait()).await.context("no exit after SIGTERM")??;
        Ok(())
    }

    /// Sends SIGTERM without waiting.
    pub fn signal_term(&self) -> anyhow::Result<()> {
        let pid = self.child.id().context("the server has exited")?;
        let ok = std::process::Command::new("kill").args(["-TERM", &pid.to_string()]).status()?.success();
        anyhow::ensure!(ok, "kill -TERM {pid} failed");
        Ok(())
    }

    /// Waits for the process to end.
    pub async fn wait(mut self) -> anyhow::Result<()> {
        tokio::time::timeout(Duration::from_secs(60), self.child.wait()).await.context("no exit")??;
        Ok(())
    }

    /// Waits until `/healthz` says the node works and its index has caught up (and, after an
    /// unclean stop, has been checked); returns how many documents that check repaired.
    pub async fn wait_caught_up(&self, client: &reqwest::Client) -> anyhow::Result<u64> {
        let started = Instant::now();
        let mut last = serde_json::Value::Null;
        loop {
            if let Ok(res) = client.get(format!("http://{}/healthz", self.addr)).send().await
                && let Ok(v) = res.json::<serde_json::Value>().await
            {
                if v["status"] == "ok" && v["index"]["behind"] == 0 {
                    return Ok(v["index"]["repaired"].as_u64().unwrap_or(0));
                }
                last = v;
            }
            anyhow::ensure!(
                started.elapsed() < Duration::from_secs(wait_secs()),
                "the index did not catch up within {} s; /healthz last said {last}",
                wait_secs()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

/// How long a started node may take to bring its index up to date (QICUN_BENCH_WAIT, seconds;
/// 120 by default).
fn wait_secs() -> u64 {
    std::env::var("QICUN_BENCH_WAIT").ok().and_then(|v| v.parse().ok()).unwrap_or(120)
}

/// A fresh database for one run, and how to drop it.
pub(crate) async fn fresh_database(
    backend: &Backend,
    dir: &Path,
) -> anyhow::Result<(String, Option<(String, String)>)> {
    match backend {
        Backend::Sqlite => Ok((format!("sqlite://{}?mode=rwc", dir.join("qicun.db").display()), None)),
        Backend::Postgres(base) => {
            let name = format!("qicun_f_{}", uuid::Uuid::new_v4().simple());
            let admin = crate::db::connect_with(base, 1).await?;
            admin.execute_raw(Statement::from_string(DbBackend::Postgres, format!("CREATE DATABASE {name}"))).await?;
            admin.close().await?;
            let (head, query) = base.split_once('?').map_or((base.as_str(), None), |(h, q)| (h, Some(q)));
            let root = head.rsplit_once('/').map_or(head, |(r, _)| r);
            let url = match query {
                Some(q) => format!("{root}/{name}?{q}"),
                None => format!("{root}/{name}"),
            };
            Ok((url, Some((base.clone(), name))))
        }
    }
}

pub(crate) async fn drop_database(drop: Option<(String, String)>) -> anyhow::Result<()> {
    if let Some((base, name)) = drop {
        let admin = crate::db::connect_with(&base, 1).await?;
        admin
            .execute_raw(Statement::from_string(
                DbBackend::Postgres,
                format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
            ))
            .await?;
        admin.close().await?;
    }
    Ok(())
}

/// Loads the demo and makes an API token for each verified demo enterprise.
async fn seed(url: &str) -> anyhow::Result<Vec<String>> {
    let db = crate::db::connect_and_migrate(url).await?;
    let now = Utc::now();
    crate::demo::load(&db, now).await?;
    let mut tokens = Vec::new();
    for login in ["qiye01", "qiye04", "qiye05", "qiye14"] {
        tokens.push(demo_token(&db, login, "故障测试").await?);
    }
    db.close().await?;
    Ok(tokens)
}

/// A new API token (named `name`) of the demo user `login`.
pub(crate) async fn demo_token(db: &DatabaseConnection, login: &str, name: &str) -> anyhow::Result<String> {
    let u = entity::user::Entity::find()
        .filter(sea_orm::ColumnTrait::eq(&entity::user::Column::Login, login))
        .one(db)
        .await?
        .with_context(|| format!("demo user {login}"))?;
    let org = match u.organisation_id {
        Some(id) => entity::organisation::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    let who = SessionUser::new(&u, org.as_ref(), Via::Token).context("demo user role")?;
    let (token, _) =
        crate::accounts::create_token(db, &who, name, Utc::now()).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(token)
}

use sea_orm::QueryFilter;

/// What the writers may find, from the answers they got: for each acknowledged offer, the
/// (title, status) it was last acknowledged with, plus the state of any later request that got
/// no answer (cut by the kill: it may or may not have been applied).
type Acked = BTreeMap<i32, Vec<(String, String)>>;

#[derive(Default)]
struct Tally {
    acked: Acked,
    acknowledged: u64,
    server_errors: BTreeMap<String, u64>,
    cut_by_kill: u64,
    other: BTreeMap<String, u64>,
    examples: Vec<String>,
}

fn offer_body(title: &str, publish: bool) -> serde_json::Value {
    serde_json::json!({
        "kind": "procurement",
        "title": title,
        "body": format!("{title}：长期收购本地农产品，价格公道，现款结算，欢迎联系。"),
        "regions": ["360900000000"],
        "publish": publish,
    })
}

/// One writer: creates published offers, edits every third, withdraws every fifth, until
/// `stop`; records what was acknowledged.
async fn writer(
    client: reqwest::Client,
    base: String,
    token: String,
    tag: String,
    stop: Arc<AtomicBool>,
    killed: Arc<AtomicBool>,
    tally: Arc<Mutex<Tally>>,
) {
    let mut n = 0u32;
    let mut mine: Vec<i32> = Vec::new();
    while !stop.load(Ordering::SeqCst) {
        n += 1;
        let (req, expect): (reqwest::RequestBuilder, Option<Expect>) = if n.is_multiple_of(5)
            && let Some(id) = mine.pop()
        {
            (client.post(format!("{base}/api/v1/offers/{id}/withdraw")), Some((Some(id), String::new(), "withdrawn")))
        } else if n.is_multiple_of(3)
            && let Some(id) = mine.last().copied()
        {
            let title = format!("故障测试改{tag}-{n}");
            (
                client.put(format!("{base}/api/v1/offers/{id}")).json(&offer_body(&title, true)),
                Some((Some(id), title, "published")),
            )
        } else {
            let title = format!("故障测试{tag}-{n}");
            (
                client.post(format!("{base}/api/v1/offers")).json(&offer_body(&title, true)),
                Some((None, title, "published")),
            )
        };
        let answer = req.bearer_auth(&token).timeout(Duration::from_secs(30)).send().await;
        let mut t = tally.lock().await;
        // A request on a known offer that gets no answer leaves that offer in doubt: both its
        // last acknowledged state and the requested one are acceptable afterwards.
        let in_doubt = |t: &mut Tally| {
            if let Some((Some(id), title, state)) = &expect {
                let title = if *state == "withdrawn" { current_title(&t.acked, *id) } else { title.clone() };
                t.acked.entry(*id).or_default().push((title, (*state).to_owned()));
            }
        };
        match answer {
            Ok(res) if res.status().is_success() => {
                let status = res.status();
                let body: serde_json::Value = res.json().await.unwrap_or_default();
                let Some(id) = body["id"].as_i64().and_then(|i| i32::try_from(i).ok()) else {
                    *t.other.entry(format!("{status} without an id")).or_default() += 1;
                    continue;
                };
                t.acknowledged += 1;
                if let Some((_, title, state)) = &expect {
                    let title = if *state == "withdrawn" { current_title(&t.acked, id) } else { title.clone() };
                    t.acked.insert(id, vec![(title, (*state).to_owned())]);
                    if *state == "published" && !mine.contains(&id) {
                        mine.push(id);
                    }
                }
            }
            Ok(res) if res.status().is_server_error() => {
                let status = res.status();
                let text = res.text().await.unwrap_or_default();
                in_doubt(&mut t);
                if killed.load(Ordering::SeqCst) {
                    t.cut_by_kill += 1;
                } else {
                    *t.server_errors.entry(status.to_string()).or_default() += 1;
                    if t.examples.len() < 5 {
                        t.examples.push(format!("{status}: {}", text.chars().take(200).collect::<String>()));
                    }
                }
            }
            Ok(res) => {
                let status = res.status();
                let text = res.text().await.unwrap_or_default();
                *t.other.entry(status.to_string()).or_default() += 1;
                if t.examples.len() < 5 {
                    t.examples.push(format!("{status}: {}", text.chars().take(200).collect::<String>()));
                }
            }
            Err(e) => {
                in_doubt(&mut t);
                if killed.load(Ordering::SeqCst) {
                    t.cut_by_kill += 1;
                    drop(t);
                    // The server is gone; stop.
                    return;
                }
                *t.other.entry("connection error while up".into()).or_default() += 1;
                if t.examples.len() < 5 {
                    t.examples.push(format!("{e}"));
                }
            }
        }
    }
}

/// What a request would leave: the offer (unless it makes one), its title and status.
type Expect = (Option<i32>, String, &'static str);

/// The title an offer was last acknowledged with.
fn current_title(acked: &Acked, id: i32) -> String {
    acked.get(&id).and_then(|v| v.first()).map(|(t, _)| t.clone()).unwrap_or_default()
}

/// One crash run.
async fn crash_run(cfg: &CrashConfig, run: usize) -> anyhow::Result<CrashTotals> {
    let dir = tempfile::tempdir()?;
    let (url, to_drop) = fresh_database(&cfg.backend, dir.path()).await?;
    let result = crash_run_on(cfg, run, dir.path(), &url).await;
    drop_database(to_drop).await?;
    result
}

async fn crash_run_on(cfg: &CrashConfig, run: usize, dir: &Path, url: &str) -> anyhow::Result<CrashTotals> {
    let tokens = seed(url).await?;
    let nodes = cfg.nodes.max(1);
    let index_of = |k: usize| dir.join(format!("index-{k}"));
    let client = reqwest::Client::builder().pool_max_idle_per_host(cfg.writers).build()?;
    let mut servers = Vec::new();
    for k in 0..nodes {
        let s = Server::start_node(&cfg.binary, dir, &index_of(k), url, 0).await?;
        s.wait_caught_up(&client).await?;
        servers.push(s);
    }
    let (stop, killed) = (Arc::new(AtomicBool::new(false)), Arc::new(AtomicBool::new(false)));
    let tally = Arc::new(Mutex::new(Tally::default()));
    let mut tasks = Vec::new();
    for w in 0..cfg.writers {
        tasks.push(tokio::spawn(writer(
            client.clone(),
            format!("http://{}", servers[w % nodes].addr),
            tokens[w % tokens.len()].clone(),
            format!("{run}-{w}"),
            stop.clone(),
            killed.clone(),
            tally.clone(),
        )));
    }
    let (lo, hi) = cfg.kill_after;
    let span = hi.saturating_sub(lo).as_millis().max(1) as u64;
    let jitter = u64::from(uuid::Uuid::new_v4().as_u128() as u16) % span;
    tokio::time::sleep(lo + Duration::from_millis(jitter)).await;
    killed.store(true, Ordering::SeqCst);
    for s in servers {
        s.kill().await?;
    }
    stop.store(true, Ordering::SeqCst);
    for t in tasks {
        t.await?;
    }
    // The same data, started again: every node must come up, catch up, and hold every answer.
    let mut repaired = 0;
    for k in 0..nodes {
        let s = Server::start_node(&cfg.binary, dir, &index_of(k), url, 0).await?;
        repaired += s.wait_caught_up(&client).await?;
        s.terminate().await?;
    }
    let tally = std::mem::take(&mut *tally.lock().await);
    let mut out = CrashTotals {
        runs: 1,
        acknowledged: tally.acknowledged,
        server_errors: tally.server_errors,
        cut_by_kill: tally.cut_by_kill,
        other: tally.other,
        examples: tally.examples,
        index_repaired: repaired,
        ..Default::default()
    };
    let db = crate::db::connect(url).await?;
    out.lost = lost(&db, &tally.acked, &mut out.examples).await?;
    if !matches!(crate::audit::verify(&db).await?, crate::audit::Verification::Intact { .. }) {
        out.broken_audit_chains += 1;
    }
    for k in 0..nodes {
        let (index, _) = crate::search::SearchIndex::open(Some(&index_of(k)))?;
        let cmp = index.compare(&db).await?;
        out.index_mismatches += cmp.mismatches() as u64;
        if !cmp.is_equal() {
            out.examples.push(format!(
                "node {k} index: missing {:?} extra {:?} different {:?}",
                cmp.missing.iter().take(5).collect::<Vec<_>>(),
                cmp.extra.iter().take(5).collect::<Vec<_>>(),
                cmp.different.iter().take(5).collect::<Vec<_>>()
            ));
        }
    }
    db.close().await?;
    Ok(out)
}

/// Acknowledged writes not found as acknowledged.
async fn lost(db: &DatabaseConnection, acked: &Acked, examples: &mut Vec<String>) -> anyhow::Result<u64> {
    let mut lost = 0;
    let ids: Vec<i32> = acked.keys().copied().collect();
    let rows: BTreeMap<i32, entity::offer::Model> = {
        let mut m = BTreeMap::new();
        for chunk in ids.chunks(500) {
            for o in entity::offer::Entity::find()
                .filter(sea_orm::ColumnTrait::is_in(&entity::offer::Column::Id, chunk.to_vec()))
                .all(db)
                .await?
            {
                m.insert(o.id, o);
            }
        }
        m
    };
    for (id, states) in acked {
        let ok = rows.get(id).is_some_and(|o| states.iter().any(|(t, s)| &o.title == t && &o.status == s));
        if !ok {
            lost += 1;
            if examples.len() < 10 {
                examples.push(format!(
                    "offer {id}: acknowledged as {states:?}, found {:?}",
                    rows.get(id).map(|o| (&o.status, &o.title))
                ));
            }
        }
    }
    Ok(lost)
}

/// Runs the crash test `cfg.runs` times.
pub async fn crash(cfg: &CrashConfig) -> anyhow::Result<CrashTotals> {
    let mut totals = CrashTotals::default();
    for run in 0..cfg.runs {
        let t = crash_run(cfg, run).await.with_context(|| format!("crash run {run}"))?;
        totals.add(t);
    }
    Ok(totals)
}

/// What the shutdown test found.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ShutdownTotals {
    pub runs: usize,
    /// Requests answered.
    pub answered: u64,
    /// Requests written to a keep-alive connection (one that had answered before) that got no
    /// answer: reset or closed under them. Must be 0.
    pub unanswered: u64,
    /// First requests on a brand-new connection that was reset at the instant the listener
    /// closed (the kernel had completed the handshake; the server had not taken it yet).
    pub reset_new: u64,
    /// Connections refused once the listener closed (not requests lost: never sent).
    pub refused: u64,
}

/// One keep-alive client: requests on one connection until the server closes it after an
/// answer (`Connection: close`), then a new connection, until connecting is refused.
async fn keep_alive_client(addr: String, totals: Arc<Mutex<ShutdownTotals>>) {
    'connections: loop {
        let Ok(mut stream) = tokio::net::TcpStream::connect(&addr).await else {
            totals.lock().await.refused += 1;
            return;
        };
        let mut answered_here = 0u32;
        loop {
            let req = format!("GET /offers HTTP/1.1\r\nHost: {addr}\r\nAccept: text/html\r\n\r\n");
            if stream.write_all(req.as_bytes()).await.is_err() {
                // Not written: the connection was already closed by the server after an
                // answer; that request was never received.
                continue 'connections;
            }
            match read_response(&mut stream).await {
                Some(close) => {
                    totals.lock().await.answered += 1;
                    answered_here += 1;
                    if close {
                        continue 'connections;
                    }
                }
                None => {
                    let mut t = totals.lock().await;
                    if answered_here > 0 {
                        t.unanswered += 1;
                    } else {
                        t.reset_new += 1;
                    }
                    continue 'connections;
                }
            }
        }
    }
}

/// Reads one response; `Some(connection closes)` when complete, `None` when the connection
/// ended (or was reset) first.
async fn read_response(stream: &mut tokio::net::TcpStream) -> Option<bool> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(p) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break p + 4;
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
    let len: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:").map(|v| v.trim().parse().unwrap_or(0)))
        .unwrap_or(0);
    while buf.len() < head_end + len {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    Some(head.contains("connection: close"))
}

/// The shutdown test: `clients` keep-alive clients against a server that gets SIGTERM after
/// `after`; `runs` times on SQLite.
pub async fn shutdown(binary: &Path, runs: usize, clients: usize, after: Duration) -> anyhow::Result<ShutdownTotals> {
    let totals = Arc::new(Mutex::new(ShutdownTotals::default()));
    for _ in 0..runs {
        let dir = tempfile::tempdir()?;
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("qicun.db").display());
        seed(&url).await?;
        let server = Server::start(binary, dir.path(), &url, 1).await?;
        let mut tasks = Vec::new();
        for _ in 0..clients {
            tasks.push(tokio::spawn(keep_alive_client(server.addr.clone(), totals.clone())));
        }
        tokio::time::sleep(after).await;
        server.signal_term()?;
        server.wait().await?;
        for t in tasks {
            t.await?;
        }
        totals.lock().await.runs += 1;
    }
    let t = totals.lock().await.clone();
    Ok(t)
}
