//! The command line: `serve`, `migrate`, `demo`, `import …`, each with `--help`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use tokio::net::TcpListener;

use crate::config::Config;

/// 企村 qicun — 百企联百村 platform.
#[derive(Debug, Parser)]
#[command(name = "qicun", version, about = "企村：百企联百村 企业与村结对帮扶平台")]
pub struct Cli {
    /// Database URL (`sqlite://…` or `postgres://…`); default: SQLite file qicun.db in --data-dir.
    #[arg(long, env = "DATABASE_URL", global = true)]
    pub database_url: Option<String>,
    /// Directory for the default SQLite file, evidence files and the search index.
    #[arg(long, env = "QICUN_DATA_DIR", default_value = ".", global = true)]
    pub data_dir: PathBuf,
    /// Mark session cookies Secure (set when served over https).
    #[arg(long, env = "QICUN_SECURE_COOKIES", global = true)]
    pub secure_cookies: bool,
    /// Days a 公示 stays open for objections (at least 10).
    #[arg(long, env = "QICUN_NOTICE_DAYS", default_value_t = crate::notices::WINDOW_DAYS, global = true)]
    pub notice_days: i64,
    /// Directory of the search index (default: index/ in --data-dir). One per node.
    #[arg(long, env = "QICUN_INDEX_DIR", global = true)]
    pub index_dir: Option<PathBuf>,
    /// On SIGTERM or Ctrl-C, seconds to keep answering (with `Connection: close`, and /healthz
    /// 503 so a load balancer moves away) before the listener closes.
    #[arg(long, env = "QICUN_DRAIN_SECONDS", default_value_t = 2, global = true)]
    pub drain_seconds: u64,
    /// Reverse proxies (addresses or CIDR ranges, comma-separated) whose X-Forwarded-For gives
    /// the client's address; from anyone else the header is ignored.
    #[arg(long, env = "QICUN_TRUSTED_PROXIES", value_delimiter = ',', global = true)]
    pub trusted_proxy: Vec<String>,
    /// Days after which office, administrator and auditor accounts must change their password
    /// (0: never).
    #[arg(long, env = "QICUN_PASSWORD_MAX_AGE_DAYS", default_value_t = 180, global = true)]
    pub password_max_age_days: i64,
    /// The key that signs audit checkpoints; keep it off the database server if you can
    /// (default: audit.key in the data directory, made on first use).
    #[arg(long, env = "QICUN_AUDIT_KEY_FILE", global = true)]
    pub audit_key_file: Option<PathBuf>,
    /// The key that seals phones and second-factor secrets in the database; every node of one
    /// database needs the same file, and a backup is useless without it (default: data.key in
    /// the data directory, made on first use).
    #[arg(long, env = "QICUN_DATA_KEY_FILE", global = true)]
    pub data_key_file: Option<PathBuf>,
    /// Whether office reviewers and administrators must use a second factor (TOTP) until the
    /// security administrator sets otherwise; `demo` starts with it off.
    /// The deployment's own matching words (same format as the built-in lexicon, see
    /// README); by default `lexicon.tsv` in the data directory when it exists.
    #[arg(long, env = "QICUN_LEXICON", global = true)]
    pub lexicon: Option<PathBuf>,
    #[arg(long, env = "QICUN_TOTP_REQUIRED", default_value_t = true, action = clap::ArgAction::Set, global = true)]
    pub totp_required: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Migrate the database, then serve the web application.
    Serve {
        /// Address to listen on.
        #[arg(long, env = "QICUN_BIND", default_value = "127.0.0.1:8080")]
        bind: SocketAddr,
    },
    /// Bring the database schema up to date and exit.
    Migrate,
    /// Migrate, load the 宜春 demonstration data (once), then serve.
    Demo {
        /// Address to listen on.
        #[arg(long, env = "QICUN_BIND", default_value = "127.0.0.1:8080")]
        bind: SocketAddr,
    },
    /// Import reference data from a file.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Manage staff accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Rebuild the search index from the database.
    Reindex,
    /// Export data for the offices' spreadsheets.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Walk the audit trail's hash chain and name the first broken link (exit code 1 if any).
    VerifyAudit,
    /// Write a consistent copy of the database (evidence files included) with a manifest into
    /// one archive, while the server goes on serving.
    Backup {
        /// The archive to write (.zip).
        #[arg(long)]
        output: PathBuf,
    },
    /// Restore an archive made by `backup` into an empty database (a live one only with
    /// --force, servers stopped), check it against its manifest and the audit chain, and
    /// rebuild the search index.
    Restore {
        /// The archive.
        file: PathBuf,
        /// Replace a database that already holds data.
        #[arg(long)]
        force: bool,
    },
    /// Benchmark search and matching on generated data against SQLite FTS5 (prints figures);
    /// `bench faults` runs the crash and shutdown tests.
    Bench(BenchArgs),
    /// Campaigns (专项行动): draft one, then solve it (many villages paired with many
    /// enterprises at once, coverage first, then the total score).
    #[command(subcommand)]
    Campaign(CampaignCommand),
    /// The yearly assessment (考核) of counties, enterprises and help units by the published
    /// formula, recomputed from the verified ledger: the same figures the pages show.
    Assess {
        /// The year assessed.
        #[arg(long)]
        year: i32,
        /// Count milestones due up to this day (default today, Asia/Shanghai).
        #[arg(long)]
        as_of: Option<chrono::NaiveDate>,
        /// table or json.
        #[arg(long, default_value = "table")]
        format: String,
    },
    /// Evaluate the matcher on a judged collection (nDCG@10, P@5, MRR, recall@20 against BM25).
    Eval {
        /// The collection JSON (see README).
        #[arg(long)]
        collection: PathBuf,
        /// Evaluate as on this date (default: the collection's `as_of`).
        #[arg(long)]
        as_of: Option<chrono::NaiveDate>,
        /// table or json.
        #[arg(long, default_value = "table")]
        format: String,
        /// Learn the weights on the tuning half (coordinate ascent on nDCG@10) and compare
        /// them with the hand-set ones on both halves.
        #[arg(long)]
        learn: bool,
    },
    /// Checks a file of the deployment's own matching words against the built-in lexicon and
    /// prints what it adds (or every problem, by line).
    Lexicon {
        /// The file (tab-separated: term kind category aliases explain).
        file: PathBuf,
    },
    /// Ranked matches: offers for a need, or villages' needs for an offer.
    Match {
        /// The need, by ref or id.
        #[arg(long, conflicts_with = "offer", required_unless_present = "offer")]
        need: Option<String>,
        /// The offer, by ref or id.
        #[arg(long)]
        offer: Option<String>,
        /// How many results.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Evaluate as on this date (YYYY-MM-DD); default today (Asia/Shanghai).
        #[arg(long)]
        as_of: Option<chrono::NaiveDate>,
        /// table or json.
        #[arg(long, default_value = "table")]
        format: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum CampaignCommand {
    /// Drafts a campaign under the nearest office whose jurisdiction holds its villages;
    /// prints its id.
    Create {
        #[arg(long)]
        name: String,
        /// Villages by ref (or id), comma-separated.
        #[arg(long, value_delimiter = ',', required = true)]
        villages: Vec<String>,
        /// Enterprises by ref (or id), comma-separated.
        #[arg(long, value_delimiter = ',', required = true)]
        enterprises: Vec<String>,
        /// The evaluation date (YYYY-MM-DD); default today (Asia/Shanghai).
        #[arg(long)]
        as_of: Option<chrono::NaiveDate>,
        /// How many villages each enterprise takes (一企多村 above 1).
        #[arg(long, default_value_t = 1)]
        capacity: u32,
        /// Each enterprise takes one village (and each village one enterprise).
        #[arg(long)]
        one_to_one: bool,
        /// How many enterprises a village may be paired with (多企一村 above 1).
        #[arg(long, default_value_t = 1)]
        per_village: u32,
        /// No pair farther apart than this many km (where both places are known).
        #[arg(long)]
        max_km: Option<u32>,
        /// What an enterprise can spend on a kind of help: REF:KIND:元 (repeatable), e.g.
        /// demo-enterprise-01:donation:200000.
        #[arg(long = "budget")]
        budgets: Vec<String>,
    },
    /// Sets what an enterprise of the campaign can spend on a kind of help (0 takes it away).
    Budget {
        id: i32,
        #[arg(long)]
        enterprise: String,
        /// employment, procurement, industry, donation, training, technical or infrastructure.
        #[arg(long)]
        kind: String,
        /// In 元.
        #[arg(long)]
        yuan: String,
    },
    /// Keeps a pair whatever the optimiser would choose (next time it solves).
    Lock {
        id: i32,
        #[arg(long)]
        village: String,
        #[arg(long)]
        enterprise: String,
    },
    /// Never proposes a pair in this campaign again, with the office's reason.
    Exclude {
        id: i32,
        #[arg(long)]
        village: String,
        #[arg(long)]
        enterprise: String,
        #[arg(long)]
        reason: String,
        /// The kind of reason: far (距离太远), capacity, product, record, other.
        #[arg(long, default_value = "other")]
        kind: String,
    },
    /// Scores every village–enterprise pair of the campaign, solves it and keeps the proposal.
    Solve {
        id: i32,
        /// table or json.
        #[arg(long, default_value = "table")]
        format: String,
    },
}

#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct BenchArgs {
    #[command(subcommand)]
    pub what: Option<BenchCommand>,
    /// Offers and needs to generate (each).
    #[arg(long, default_value_t = 100_000)]
    pub n: usize,
    /// Match queries to time.
    #[arg(long, default_value_t = 1000)]
    pub queries: usize,
    /// Internal: run only the matching half on the index in this directory.
    #[arg(long, hide = true)]
    pub serve_dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// The real path: import N offers + N needs through the ledger import, reindex from the
    /// database, start the server and drive it over loopback (match API, lists, search, detail,
    /// 公示, home); then the bare index query on the same corpus as the yardstick. Prints figures.
    Serve {
        /// Offers and needs to import (each).
        #[arg(long, default_value_t = 100_000)]
        n: usize,
        /// Organisations (a third enterprises, the rest villages).
        #[arg(long, default_value_t = 3_294)]
        organisations: usize,
        /// Concurrent connections.
        #[arg(long, default_value_t = 32)]
        connections: usize,
        /// Seconds each path is driven (after one second of warm-up).
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        /// sqlite, postgres or both.
        #[arg(long, default_value = "sqlite")]
        database: String,
        /// A PostgreSQL URL whose role may create databases (the run makes and drops one).
        #[arg(long, env = "QICUN_FAULTS_POSTGRES_URL")]
        postgres_url: Option<String>,
    },
    /// The yearly assessment at national scale: a generated country (counties, villages,
    /// enterprises, pairings, agreements, contributions, milestones, ratings, help units, plans,
    /// needs) in a fresh SQLite database, then the assessment timed with peak memory.
    Assessment {
        #[arg(long, default_value_t = 2_800)]
        counties: usize,
        #[arg(long, default_value_t = 130_000)]
        villages: usize,
        #[arg(long, default_value_t = 110_000)]
        enterprises: usize,
        /// Approved pairings (each with an agreement in force and a need).
        #[arg(long, default_value_t = 200_000)]
        pairings: usize,
        /// Verified contributions in the year.
        #[arg(long, default_value_t = 600_000)]
        contributions: usize,
        /// Help units (定点帮扶单位).
        #[arg(long, default_value_t = 5_000)]
        units: usize,
        #[arg(long, default_value_t = 20)]
        villages_per_unit: usize,
    },
    /// The campaign optimiser on generated one-to-one instances: every pair of V villages × E
    /// enterprises scored, then L × L with each village's best K candidates; times, peak memory
    /// and the result against a greedy assignment of the same instance.
    Campaign {
        #[arg(long, default_value_t = 2_000)]
        villages: usize,
        #[arg(long, default_value_t = 2_000)]
        enterprises: usize,
        /// Villages and enterprises of the large instance.
        #[arg(long, default_value_t = 20_000)]
        large: usize,
        /// Candidates per village in the large instance.
        #[arg(long, default_value_t = 50)]
        candidates: usize,
    },
    /// Kill -9 the server under 32 writers and check every acknowledged write, the audit chain
    /// and the search index against the database; then SIGTERM under keep-alive clients and
    /// count requests left unanswered. Prints figures.
    Faults {
        /// Crash runs per database.
        #[arg(long, default_value_t = 20)]
        runs: usize,
        /// Concurrent writers.
        #[arg(long, default_value_t = 32)]
        writers: usize,
        /// Nodes serving one database (each with its own index).
        #[arg(long, default_value_t = 2)]
        nodes: usize,
        /// sqlite, postgres or both.
        #[arg(long, default_value = "both")]
        database: String,
        /// A PostgreSQL URL whose role may create databases (each run makes and drops one).
        #[arg(long, env = "QICUN_FAULTS_POSTGRES_URL")]
        postgres_url: Option<String>,
        /// The kill comes between these many milliseconds after the writers start …
        #[arg(long, default_value_t = 1500)]
        kill_min_ms: u64,
        /// … and these.
        #[arg(long, default_value_t = 4000)]
        kill_max_ms: u64,
        /// Shutdown (SIGTERM) runs.
        #[arg(long, default_value_t = 5)]
        shutdown_runs: usize,
        /// Keep-alive clients in each shutdown run.
        #[arg(long, default_value_t = 32)]
        clients: usize,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// The 万企帮万村 ledger of a year: by county, enterprise–village pairs with verified
    /// contributions, subtotals and total.
    Ledger {
        /// The year (of the contributions' dates).
        #[arg(long)]
        year: i32,
        /// xlsx or csv.
        #[arg(long, default_value = "xlsx")]
        format: String,
        /// Where to write (default: ledger-YEAR.xlsx|csv in the current directory).
        #[arg(long)]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account of an office reviewer, a help unit (定点帮扶单位) or one of the three
    /// administrators (system, security, audit — made only here); prints a one-time password once.
    Add {
        /// office | help_unit | admin | security | auditor
        #[arg(long)]
        role: String,
        /// Login name (letters, digits, _ . -).
        #[arg(long)]
        login: String,
        /// The person's name as shown in the app.
        #[arg(long, default_value = "管理员")]
        name: String,
        /// For office reviewers: the 12-digit region code they review (county or city).
        #[arg(long, default_value = "")]
        jurisdiction: String,
        /// For a help unit: the number of its assignment (帮扶责任, kind 定点帮扶单位).
        #[arg(long, default_value = "")]
        unit: String,
    },
    /// Make an API token for an account and print it once (for scripts and load or API tests run
    /// by whoever operates the server).
    Token {
        /// The account's login name.
        #[arg(long)]
        login: String,
        /// Days the token works: 7, 30, 90 or 365.
        #[arg(long, default_value_t = 7)]
        days: i64,
        /// The token may only read.
        #[arg(long)]
        read_only: bool,
    },
    /// Give any account a new one-time password (how an administrator locked out gets back in);
    /// its sessions and API tokens end. Prints the password once.
    ResetPassword {
        /// The account's login name.
        #[arg(long)]
        login: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Official NBS region codes (CSV: code,name[,level][,parent_code] with 6- or 12-digit codes,
    /// or the national county list with city_name/province_code/province_name).
    Regions {
        /// The CSV file.
        file: PathBuf,
    },
    /// GB/T 4754 industry codes (CSV: code,name[,level],parent).
    Industries {
        /// The CSV file.
        file: PathBuf,
    },
    /// An office ledger of organisations, offers and needs (JSON, CSV or XLSX; see README).
    Ledger {
        /// The .json, .csv or .xlsx file.
        file: PathBuf,
    },
}

impl Cli {
    fn config(&self) -> Config {
        let mut config = Config::new(self.data_dir.clone());
        config.database_url = self.database_url.clone();
        config.secure_cookies = self.secure_cookies;
        config.notice_days = self.notice_days.max(crate::notices::WINDOW_DAYS);
        if let Some(dir) = &self.index_dir {
            config.index_dir = Some(dir.clone());
        }
        config.drain = std::time::Duration::from_secs(self.drain_seconds);
        config.password_max_age_days = self.password_max_age_days.max(0);
        config.audit_key_file = self.audit_key_file.clone();
        config.data_key_file = self.data_key_file.clone();
        config.totp_required = self.totp_required && !matches!(self.command, Command::Demo { .. });
        config.trusted_proxies = self
            .trusted_proxy
            .iter()
            .filter(|p| !p.trim().is_empty())
            .filter_map(|p| {
                let p = p.trim();
                let net = p.parse::<ipnet::IpNet>().or_else(|_| p.parse::<std::net::IpAddr>().map(ipnet::IpNet::from));
                if net.is_err() {
                    eprintln!("忽略无法识别的 --trusted-proxy「{p}」（应为地址或 CIDR，如 10.0.0.0/8）");
                }
                net.ok()
            })
            .collect();
        config
    }
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    init_tracing();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("无法启动运行时：{e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("错误：{e:#}");
            ExitCode::FAILURE
        }
    }
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    // A second initialisation (tests) is harmless.
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).try_init();
}

fn progress_bar(what: &str) -> ProgressBar {
    let bar = ProgressBar::new(0);
    if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({eta})") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(what.to_owned());
    bar
}

/// The deployment's own matching words, put in use before anything matches: `file`, else those
/// saved on the office's page (in the database at `url`, when there is one), else `lexicon.tsv`
/// in the data directory when it exists. A file that does not read stops the program with every
/// problem named by line; words from the page that no longer read (a newer built-in lexicon took
/// one of their words) are left out, and the page says why.
async fn install_lexicon(file: Option<&std::path::Path>, data_dir: &std::path::Path, url: &str) -> anyhow::Result<()> {
    use crate::matching::local;
    let saved = if file.is_some() { None } else { saved_words(url).await };
    let Some((text, from)) = local::source(file, saved, &data_dir.join("lexicon.tsv"))? else { return Ok(()) };
    if let Err(problems) = crate::matching::lexicon::Lexicon::install(&text) {
        // Words saved on the page were checked when saved; a later built-in lexicon may claim
        // one of their words. The service starts with the built-in lexicon, and the page says
        // why; a file is the operator's, who is told at once.
        if from == local::FROM_PAGE {
            tracing::error!(problems = %problems.join("；"), "网页保存的补充词库未能载入，只用内置词库");
            local::note_refused(problems);
            return Ok(());
        }
        anyhow::bail!("补充词库（{from}）有问题：\n{}", problems.join("\n"));
    }
    local::note_source(&from, file.is_some());
    tracing::info!(from = %from, "补充词库已载入");
    Ok(())
}

/// The words saved on the office's page, when the database at `url` exists and has them (a
/// database not made yet, or not reachable, has none: the command itself says so if it needs it).
async fn saved_words(url: &str) -> Option<String> {
    if let Some(path) = url.strip_prefix("sqlite://") {
        let path = path.split('?').next().unwrap_or_default();
        if path.is_empty() || path.contains(":memory:") || !std::path::Path::new(path).is_file() {
            return None;
        }
    } else if url.starts_with("sqlite:") {
        return None;
    }
    let db = crate::db::connect_with(url, 1).await.ok()?;
    let words = crate::matching::local::saved(&db).await.ok().flatten().map(|(t, _)| t);
    db.close().await.ok();
    words
}

/// `qicun lexicon FILE`: what the file adds, or its problems.
fn check_lexicon(file: &std::path::Path) -> anyhow::Result<()> {
    use crate::matching::lexicon::{BUILTIN, Lexicon};
    let text = std::fs::read_to_string(file).with_context(|| format!("无法读取 {}", file.display()))?;
    let base = Lexicon::parse(BUILTIN).map_err(|p| anyhow::anyhow!("内置词库有问题：{}", p.join("；")))?;
    let both = Lexicon::parse_with(BUILTIN, Some(&text))
        .map_err(|p| anyhow::anyhow!("{} 有问题：\n{}", file.display(), p.join("\n")))?;
    let added = &both.entries()[base.entries().len()..];
    println!("补充词库可用：新增 {} 个词条（内置 {} 个）", added.len(), base.entries().len());
    for e in added {
        let also = if e.aliases.is_empty() { String::new() } else { format!("（又称 {}）", e.aliases.join("、")) };
        println!("  {}{} — {}", e.term, also, e.category);
    }
    Ok(())
}

/// Runs one command.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let config = cli.config();
    std::fs::create_dir_all(&config.data_dir)
        .with_context(|| format!("无法创建数据目录 {}", config.data_dir.display()))?;
    let url = config.effective_database_url();
    // Checking a file of local words does not put the current one in use.
    if !matches!(cli.command, Command::Lexicon { .. }) {
        install_lexicon(cli.lexicon.as_deref(), &config.data_dir, &url).await?;
    }
    match cli.command {
        Command::Lexicon { file } => check_lexicon(&file)?,
        Command::Campaign(CampaignCommand::Create {
            name,
            villages,
            enterprises,
            as_of,
            capacity,
            one_to_one,
            per_village,
            max_km,
            budgets,
        }) => {
            let budgets = budgets.iter().map(|b| parse_budget(b)).collect::<anyhow::Result<Vec<_>>>()?;
            let state = crate::app::build_state(config).await?;
            let draft = crate::campaign::Draft {
                name,
                villages,
                enterprises,
                as_of: as_of.unwrap_or_else(|| state.clock.today()),
                capacity,
                one_to_one,
                per_village,
                max_km,
                office: None,
                budgets,
            };
            let actor = crate::audit::Actor::system("cli");
            let c = crate::campaign::create(&state.db, &draft, &actor, state.clock.now()).await.map_err(app_error)?;
            println!("{}", c.id);
        }
        Command::Campaign(CampaignCommand::Budget { id, enterprise, kind, yuan }) => {
            let Some(kind) = crate::domain::ListingKind::parse(&kind) else {
                anyhow::bail!(
                    "--kind 应为 employment、procurement、industry、donation、training、technical 或 infrastructure，而不是「{kind}」"
                );
            };
            let fen = crate::money::Money::parse_yuan(&yuan).map_err(|why| anyhow::anyhow!("--yuan：{why}"))?.0;
            let state = crate::app::build_state(config).await?;
            let actor = crate::audit::Actor::system("cli");
            let amount = (fen > 0).then_some(fen);
            crate::campaign::set_budget(&state.db, id, &enterprise, kind, amount, &actor, state.clock.now())
                .await
                .map_err(app_error)?;
            println!(
                "{}",
                if amount.is_some() {
                    "预算已设定：请重新求解。"
                } else {
                    "预算已取消：请重新求解。"
                }
            );
        }
        Command::Campaign(CampaignCommand::Lock { id, village, enterprise }) => {
            let state = crate::app::build_state(config).await?;
            crate::campaign::mark(
                &state.db,
                id,
                &village,
                &enterprise,
                crate::campaign::Mark::Lock,
                None,
                "",
                &crate::audit::Actor::system("cli"),
                state.clock.now(),
            )
            .await
            .map_err(app_error)?;
            println!("已锁定：下次求解时保留这一结对。");
        }
        Command::Campaign(CampaignCommand::Exclude { id, village, enterprise, reason, kind }) => {
            let Some(kind) = crate::campaign::ReasonKind::parse(&kind) else {
                anyhow::bail!("--kind 应为 far、capacity、product、record 或 other，而不是「{kind}」");
            };
            let state = crate::app::build_state(config).await?;
            let m = crate::campaign::Mark::Exclude;
            let actor = crate::audit::Actor::system("cli");
            crate::campaign::mark(
                &state.db,
                id,
                &village,
                &enterprise,
                m,
                Some(kind),
                &reason,
                &actor,
                state.clock.now(),
            )
            .await
            .map_err(app_error)?;
            println!("已排除：本次专项行动不再推荐这一结对。");
        }
        Command::Campaign(CampaignCommand::Solve { id, format }) => {
            anyhow::ensure!(
                matches!(format.as_str(), "table" | "json"),
                "--format 应为 table 或 json，而不是「{format}」"
            );
            let state = crate::app::build_state(config).await?;
            let actor = crate::audit::Actor::system("cli");
            let p = crate::campaign::solve_campaign(&state.db, &state.search, id, &actor, state.clock.now())
                .await
                .map_err(app_error)?;
            if format == "json" {
                println!("{}", serde_json::to_string_pretty(&crate::campaign::to_json(&p))?);
            } else {
                println!("专项行动 #{id}：{} 对结对，{} 个村未覆盖", p.pairs.len(), p.uncovered.len());
                for x in &p.pairs {
                    println!(
                        "  {}（{}）— {}（{}）  匹配度 {:.0}{}\n      {}",
                        x.village,
                        x.village_ref,
                        x.enterprise,
                        x.enterprise_ref,
                        x.score * 100.0,
                        if x.locked { "  已锁定" } else { "" },
                        x.reason
                    );
                }
                for u in &p.uncovered {
                    println!("  未覆盖：{}（{}）：{}", u.village, u.village_ref, u.reason);
                }
            }
        }
        Command::Match { need, offer, limit, as_of, format } => {
            let state = crate::app::build_state(config).await?;
            let (side, key) = match (need, offer) {
                (Some(n), _) => (crate::listings::Side::Need, n),
                (None, Some(o)) => (crate::listings::Side::Offer, o),
                (None, None) => anyhow::bail!("请用 --need 或 --offer 指定要匹配的信息"),
            };
            let listing = match key.parse::<i32>() {
                Ok(id) => crate::listings::find(&state.db, side, id).await?,
                Err(_) => None,
            };
            let listing = match listing {
                Some(l) => l,
                None => crate::listings::find_by_ref(&state.db, side, &key)
                    .await?
                    .with_context(|| format!("找不到 ref 或 id 为「{key}」的{}", side.label()))?,
            };
            let as_of = as_of.unwrap_or_else(|| state.clock.today());
            let weights = crate::matching::score::Weights::default();
            let matches =
                crate::matching::for_listing(&state.db, &state.search, side, listing.id, as_of, limit, &weights)
                    .await
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
            if format == "json" {
                println!("{}", serde_json::to_string_pretty(&matches)?);
            } else {
                println!("{}「{}」（id {}）的推荐，评估日期 {as_of}：", side.label(), listing.title, listing.id);
                println!("{:>2}  {:>6}  {:>5}  {:<18} {:<}", "#", "id", "score", "ref", "标题 / 机构 / 为什么推荐");
                for (i, m) in matches.iter().enumerate() {
                    println!(
                        "{:>2}  {:>6}  {:>5.3}  {:<18} {}",
                        i + 1,
                        m.id,
                        m.score,
                        m.external_ref.clone().unwrap_or_default(),
                        m.title
                    );
                    let c = &m.components;
                    println!(
                        "                                   {} · {}；text {:.3} kind {:.3} region {:.3} capacity {:.3} poverty {:.3} urgency {:.3} freshness {:.3} record {:.3}",
                        m.organisation,
                        m.reason,
                        c.text,
                        c.kind,
                        c.region,
                        c.capacity,
                        c.poverty,
                        c.urgency,
                        c.freshness,
                        c.record
                    );
                }
                if matches.is_empty() {
                    println!("（没有符合条件的推荐）");
                }
            }
        }
        Command::Eval { collection, as_of, format, learn } => {
            let bytes = std::fs::read(&collection).with_context(|| format!("无法读取 {}", collection.display()))?;
            if learn {
                let l = crate::matching::eval::learn(&bytes, as_of).await?;
                if format == "json" {
                    println!("{}", serde_json::to_string_pretty(&l)?);
                } else {
                    let show = |w: &crate::matching::score::Weights| {
                        format!(
                            "text {:.3} kind {:.3} region {:.3} capacity {:.3} poverty {:.3} urgency {:.3} freshness {:.3} record {:.3}",
                            w.text, w.kind, w.region, w.capacity, w.poverty, w.urgency, w.freshness, w.record
                        )
                    };
                    println!("手设权重：{}", show(&l.hand_set));
                    println!("学得权重：{}", show(&l.learnt));
                    println!("{:<10} {:>10} {:>10}", "nDCG@10", "手设", "学得");
                    println!("{:<10} {:>10.3} {:>10.3}", "tune", l.tune.0, l.tune.1);
                    println!("{:<10} {:>10.3} {:>10.3}", "test", l.test.0, l.test.1);
                }
                return Ok(());
            }
            let r = crate::matching::eval::run(&bytes, as_of).await?;
            if format == "json" {
                println!("{}", serde_json::to_string_pretty(&r)?);
            } else {
                println!("评测：{} 条需求，{} 条帮扶资源，评估日期 {}", r.needs, r.offers, r.as_of);
                let row = |label: &str, n: usize, m: &crate::matching::eval::Metrics| {
                    println!(
                        "{label:<28} {n:>5} {:>9.3} {:>7.3} {:>7.3} {:>11.3}",
                        m.ndcg_at_10, m.precision_at_5, m.mrr, m.recall_at_20
                    );
                };
                println!(
                    "{:<28} {:>5} {:>9} {:>7} {:>7} {:>11}",
                    "需求 → 帮扶资源", "条", "nDCG@10", "P@5", "MRR", "recall@20"
                );
                for g in r.groups.iter().filter(|g| g.judged > 0) {
                    row(&format!("{} matcher", g.name), g.judged, &g.matcher);
                    if let Some(b) = &g.bm25 {
                        row(&format!("{} bm25", g.name), g.judged, b);
                    }
                }
                println!("{:<28} {:>5}", "帮扶资源 → 需求", "条");
                for g in r.reverse.iter().filter(|g| g.judged > 0) {
                    row(&format!("{} matcher", g.name), g.judged, &g.matcher);
                }
                if let Some(all) = r.reverse.first().filter(|g| g.relevant < g.judged) {
                    println!(
                        "（其中 {} 条帮扶资源有用的需求都只是 1 级：它们只计入 nDCG@10，P@5、MRR、recall@20 在其余 {} 条上平均）",
                        all.judged - all.relevant,
                        all.relevant
                    );
                }
                println!(
                    "前 10 名中过期的结果 {}，不服务该村所在地区的结果 {}",
                    r.violations.expired, r.violations.out_of_region
                );
            }
        }
        Command::Bench(BenchArgs {
            what:
                Some(BenchCommand::Faults {
                    runs,
                    writers,
                    nodes,
                    database,
                    postgres_url,
                    kill_min_ms,
                    kill_max_ms,
                    shutdown_runs,
                    clients,
                }),
            ..
        }) => {
            let binary = std::env::current_exe().context("cannot find this program's path")?;
            let mut backends = Vec::new();
            if matches!(database.as_str(), "sqlite" | "both") {
                backends.push(("SQLite", crate::bench::faults::Backend::Sqlite));
            }
            if matches!(database.as_str(), "postgres" | "both") {
                let url = postgres_url
                    .or_else(|| cli.database_url.clone().filter(|u| u.starts_with("postgres")))
                    .context("PostgreSQL runs need --postgres-url (a role that may create databases)")?;
                backends.push(("PostgreSQL", crate::bench::faults::Backend::Postgres(url)));
            }
            anyhow::ensure!(!backends.is_empty(), "--database is sqlite, postgres or both");
            let mut clean = true;
            for (name, backend) in backends {
                let cfg = crate::bench::faults::CrashConfig {
                    runs,
                    writers,
                    nodes,
                    kill_after: (
                        std::time::Duration::from_millis(kill_min_ms),
                        std::time::Duration::from_millis(kill_max_ms.max(kill_min_ms)),
                    ),
                    backend,
                    binary: binary.clone(),
                };
                let started = std::time::Instant::now();
                let t = crate::bench::faults::crash(&cfg).await?;
                println!(
                    "crash test, {name}: {} runs, {nodes} nodes, {} writers, kill -9 at {kill_min_ms}–{kill_max_ms} ms ({:.0} s)",
                    t.runs,
                    writers,
                    started.elapsed().as_secs_f64()
                );
                println!("  acknowledged writes   {}", t.acknowledged);
                println!("  lost                  {}", t.lost);
                println!("  index mismatches      {}", t.index_mismatches);
                println!("  repaired at restart   {}", t.index_repaired);
                println!("  broken audit chains   {}", t.broken_audit_chains);
                println!("  5xx while up          {:?}", t.server_errors);
                println!("  cut by the kill       {}", t.cut_by_kill);
                println!("  other answers         {:?}", t.other);
                for e in &t.examples {
                    println!("  e.g. {e}");
                }
                clean &= t.clean();
            }
            if shutdown_runs > 0 {
                let t = crate::bench::faults::shutdown(
                    &binary,
                    shutdown_runs,
                    clients,
                    std::time::Duration::from_millis(1500),
                )
                .await?;
                println!("shutdown test (SIGTERM, {clients} keep-alive clients): {} runs", t.runs);
                println!("  answered              {}", t.answered);
                println!("  unanswered on keep-alive connections  {}", t.unanswered);
                println!("  new connections reset at the close     {}", t.reset_new);
                println!("  refused after close   {}", t.refused);
                clean &= t.unanswered == 0;
            }
            anyhow::ensure!(clean, "the fault tests found problems (see above)");
        }
        Command::Bench(BenchArgs {
            what: Some(BenchCommand::Serve { n, organisations, connections, seconds, database, postgres_url }),
            ..
        }) => {
            let binary = std::env::current_exe().context("cannot find this program's path")?;
            let mut backends = Vec::new();
            if matches!(database.as_str(), "sqlite" | "both") {
                backends.push(crate::bench::faults::Backend::Sqlite);
            }
            if matches!(database.as_str(), "postgres" | "both") {
                let url = postgres_url
                    .or_else(|| cli.database_url.clone().filter(|u| u.starts_with("postgres")))
                    .context("PostgreSQL runs need --postgres-url (a role that may create databases)")?;
                backends.push(crate::bench::faults::Backend::Postgres(url));
            }
            anyhow::ensure!(!backends.is_empty(), "--database is sqlite, postgres or both");
            for backend in backends {
                let cfg = crate::bench::serve::ServeBench {
                    binary: binary.clone(),
                    backend,
                    n,
                    organisations: organisations.max(3),
                    connections: connections.max(1),
                    seconds: seconds.max(1),
                };
                crate::bench::serve::run(&cfg).await?;
            }
        }
        Command::Bench(BenchArgs {
            what: Some(BenchCommand::Campaign { villages, enterprises, large, candidates }),
            ..
        }) => crate::bench::campaign::run(villages.max(1), enterprises.max(1), large.max(1), candidates.max(1))?,
        Command::Bench(BenchArgs {
            what:
                Some(BenchCommand::Assessment {
                    counties,
                    villages,
                    enterprises,
                    pairings,
                    contributions,
                    units,
                    villages_per_unit,
                }),
            ..
        }) => {
            crate::bench::assessment::run(crate::bench::assessment::Scale {
                counties: counties.max(1),
                villages: villages.max(1),
                enterprises: enterprises.max(1),
                pairings: pairings.max(1),
                contributions,
                units,
                villages_per_unit: villages_per_unit.max(1),
            })
            .await?
        }
        Command::Bench(BenchArgs { serve_dir: Some(dir), n, queries, .. }) => {
            crate::bench::serve_part(&dir, n, queries).await?
        }
        Command::Bench(BenchArgs { n, queries, .. }) => crate::bench::run(n, queries).await?,
        Command::Assess { year, as_of, format } => {
            anyhow::ensure!(
                matches!(format.as_str(), "table" | "json"),
                "--format 应为 table 或 json，而不是「{format}」"
            );
            anyhow::ensure!((2000..=2100).contains(&year), "--year 应为 2000 到 2100 之间的年份");
            let db = crate::db::connect_and_migrate(&url).await?;
            let today = as_of.unwrap_or_else(|| crate::clock::Clock::default().today());
            let all = crate::governance::assessment::compute(&db, year, today).await.map_err(app_error)?;
            if format == "json" {
                println!("{}", serde_json::to_string_pretty(&crate::governance::assessment::to_json(year, &all))?);
            } else {
                print!("{}", crate::governance::assessment::to_table(year, &all));
            }
        }
        Command::Export(ExportCommand::Ledger { year, format, output }) => {
            let db = crate::db::connect_and_migrate(&url).await?;
            let rows = crate::export::rows(&db, year, None, None).await?;
            let (bytes, ext) = match format.as_str() {
                "csv" => (crate::export::to_csv(&rows)?, "csv"),
                "xlsx" => (crate::export::to_xlsx(&rows, &crate::export::ledger_title(year, None))?, "xlsx"),
                other => anyhow::bail!("--format 应为 xlsx 或 csv，而不是「{other}」"),
            };
            let path = output.unwrap_or_else(|| PathBuf::from(format!("ledger-{year}.{ext}")));
            std::fs::write(&path, bytes).with_context(|| format!("无法写入 {}", path.display()))?;
            println!("已导出 {year} 年台账（{} 行）：{}", rows.len(), path.display());
        }
        Command::VerifyAudit => {
            let db = crate::db::connect_and_migrate(&url).await?;
            match crate::audit::verify(&db).await? {
                crate::audit::Verification::Intact { events } => {
                    println!("审计日志完整：{events} 条记录，哈希链无断裂。")
                }
                crate::audit::Verification::Broken { event_id, reason } => {
                    anyhow::bail!("审计日志在第 {event_id} 条记录处断裂：{reason}。该记录或其前一条已被改动或删除。")
                }
            }
            use crate::audit::anchor::{AnchorCheck, AnchorKey, check};
            let files = config.anchor_files();
            let key = AnchorKey::load_or_create(&files.key)?;
            match check(&db, &key, &files.checkpoints).await? {
                AnchorCheck::NoCheckpoint => {
                    println!("本节点还没有检查点（{}）：服务运行后每分钟记录一次。", files.checkpoints.display())
                }
                AnchorCheck::Holds { checkpoints, latest } => {
                    println!("检查点一致：共 {checkpoints} 个，最近一个指向第 {latest} 条记录，记录未被截断。")
                }
                AnchorCheck::Forged { line } => {
                    anyhow::bail!("检查点文件第 {line} 行的签名不符：检查点文件被改动过，或审计密钥不是写入时的那把。")
                }
                AnchorCheck::Missing { event_id, at } => anyhow::bail!(
                    "第 {event_id} 条审计记录（{} 的检查点）已不在或已被改动：最新的审计记录被删除或整段重写过。",
                    crate::clock::to_shanghai(at).format("%Y-%m-%d %H:%M")
                ),
            }
        }
        Command::Backup { output } => {
            let started = std::time::Instant::now();
            let r = crate::backup::backup(&url, &output).await?;
            let m = &r.manifest;
            println!(
                "已备份到 {}（{:.1} MB，{:.1} 秒）：{} 张表，审计日志 {} 条（末条 {}），证明材料 {} 字节，变更序号 {}。",
                output.display(),
                r.bytes as f64 / 1e6,
                started.elapsed().as_secs_f64(),
                m.tables.len(),
                m.audit_events,
                &m.audit_head[..12.min(m.audit_head.len())],
                m.evidence_bytes,
                m.outbox_seq
            );
        }
        Command::Restore { file, force } => {
            let target =
                crate::backup::RestoreTarget { database_url: url.clone(), index_dir: config.index_dir.clone(), force };
            let r = crate::backup::restore(&file, &target).await?;
            // What followed the backup's head was given up on purpose: say so in the checkpoints.
            let files = config.anchor_files();
            let key = crate::audit::anchor::AnchorKey::load_or_create(&files.key)?;
            let db = crate::db::connect_and_migrate(&url).await?;
            crate::audit::anchor::take(&db, &key, &files.checkpoints, chrono::Utc::now(), true).await?;
            println!(
                "已恢复 {} 的备份（{}）：与清单一致，审计日志 {} 条完整，搜索索引已重建（{} 条）。",
                r.manifest.made_at.format("%Y-%m-%d %H:%M:%S UTC"),
                crate::db::redact(&url),
                r.audit_events,
                r.indexed
            );
        }
        Command::Reindex => {
            let db = crate::db::connect_and_migrate(&url).await?;
            // A damaged folder is replaced, not an obstacle; a running server's is refused.
            let (search, _) = crate::search::SearchIndex::open(config.index_dir.as_deref())?;
            let bar = progress_bar("重建搜索索引");
            let n = search.rebuild(&db, &bar).await?;
            // Built from the database just now, with no server writing it (refused above): the
            // next start need not check every document as after a crash.
            search.mark_clean().await;
            println!("搜索索引已重建：{n} 条在线信息。");
        }
        Command::Migrate => {
            crate::db::connect_and_migrate(&url).await?;
            println!("数据库已是最新结构：{}", crate::db::redact(&url));
        }
        Command::Serve { bind } => {
            let state = crate::app::build_serving_state(config).await?;
            serve_on(bind, state).await?;
        }
        Command::Demo { bind } => {
            let state = crate::app::build_serving_state(config).await?;
            let report = crate::demo::load(&state.db, state.clock.now()).await?;
            crate::demo::campaigns(&state.db, &state.search, state.clock.now()).await?;
            crate::app::seal_at_rest(&state).await?;
            println!("{report}");
            serve_on(bind, state).await?;
        }
        Command::Import(what) => {
            // An import waits its turn behind a busy server's writers instead of failing.
            let pool = crate::db::PoolOptions { busy_timeout: crate::db::IMPORT_WAIT, ..Default::default() };
            let (db, _) = crate::db::open(&url, pool).await?;
            crate::db::migrate(&db).await?;
            let now = crate::clock::Clock::default().now();
            let fail = |e: &dyn std::fmt::Display| anyhow::anyhow!("导入失败，未导入任何数据。\n{e}");
            let summary = match what {
                ImportCommand::Regions { file } => {
                    crate::import::regions(&db, &file, now, &progress_bar("导入行政区划"))
                        .await
                        .map_err(|e| fail(&e))?
                        .to_string()
                }
                ImportCommand::Industries { file } => {
                    crate::import::industries(&db, &file, now, &progress_bar("导入行业分类"))
                        .await
                        .map_err(|e| fail(&e))?
                        .to_string()
                }
                ImportCommand::Ledger { file } => {
                    let name = file.display().to_string();
                    let format = crate::ledger::Format::of(&name).context("文件扩展名须为 .json、.csv 或 .xlsx")?;
                    let bytes = std::fs::read(&file).with_context(|| format!("无法读取 {name}"))?;
                    let actor = crate::audit::Actor::system("import-ledger");
                    let sealer = crate::crypto::Sealer::load_or_create(&config.data_key_path())?;
                    crate::ledger::import(&db, &sealer, &bytes, format, None, &actor, now, &progress_bar("导入台账"))
                        .await
                        .map_err(|e| fail(&e))?
                        .to_string()
                }
            };
            println!("导入完成：{summary}");
        }
        Command::User(UserCommand::Add { role, login, name, jurisdiction, unit }) => {
            let db = crate::db::connect_and_migrate(&url).await?;
            let form = crate::accounts::StaffForm {
                role,
                login,
                display_name: name,
                jurisdiction,
                unit,
                village: String::new(),
            };
            let now = crate::clock::Clock::default().now();
            match crate::accounts::create_staff(&db, &form, &crate::audit::Actor::system("cli"), now).await {
                Ok((user, password)) => {
                    println!("已创建账号 {}（{}）。", user.login, user.role);
                    println!("一次性密码：{password}");
                    println!("此密码只显示这一次，首次登录后须修改。");
                }
                Err(crate::error::AppError::Invalid(fields)) => {
                    let lines: Vec<String> = fields.into_iter().map(|(f, m)| format!("--{f}: {m}")).collect();
                    anyhow::bail!("未创建账号：\n{}", lines.join("\n"));
                }
                Err(e) => anyhow::bail!("未创建账号：{e}"),
            }
        }
        Command::User(UserCommand::Token { login, days, read_only }) => {
            use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
            let db = crate::db::connect_and_migrate(&url).await?;
            let now = crate::clock::Clock::default().now();
            let u = entity::user::Entity::find()
                .filter(entity::user::Column::Login.eq(login.trim().to_ascii_lowercase()))
                .one(&db)
                .await?
                .ok_or_else(|| anyhow::anyhow!("没有登录名为「{login}」的账号"))?;
            let org = match u.organisation_id {
                Some(id) => entity::organisation::Entity::find_by_id(id).one(&db).await?,
                None => None,
            };
            let who = crate::auth::SessionUser::new(&u, org.as_ref(), crate::auth::Via::Token)
                .ok_or_else(|| anyhow::anyhow!("账号角色无效"))?;
            match crate::accounts::create_token_with(&db, &who, "命令行", days, read_only, now).await {
                Ok((token, _)) => println!("{token}"),
                Err(e) => anyhow::bail!("未创建令牌：{}", e.public_message()),
            }
        }
        Command::User(UserCommand::ResetPassword { login }) => {
            let db = crate::db::connect_and_migrate(&url).await?;
            let now = crate::clock::Clock::default().now();
            match crate::accounts::reset_password_cli(&db, &login, now).await {
                Ok(password) => {
                    println!("已为 {login} 设置一次性密码：{password}");
                    println!("此密码只显示这一次，登录后须修改；该账号原有的登录和接口令牌已失效。");
                }
                Err(e) => anyhow::bail!("未重置密码：{e}"),
            }
        }
    }
    Ok(())
}

async fn serve_on(bind: SocketAddr, state: crate::AppState) -> anyhow::Result<()> {
    // Every node follows the outbox, so listings changed on another node appear here within
    // about a second; the follower first rebuilds or catches up the index in the background.
    state.search.follow(state.db.clone(), std::time::Duration::from_millis(500));
    // A storage fault is noticed (and recovered from) without anyone asking.
    state.health.monitor(state.db.clone(), state.recycler.clone(), std::time::Duration::from_secs(5));
    // Expired sessions are refused when presented; this only keeps the tables small.
    let (db, clock) = (state.db.clone(), state.clock.clone());
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(600));
        loop {
            tick.tick().await;
            if let Err(e) = crate::auth::session::purge_expired(&db, clock.now()).await {
                tracing::warn!(error = %e, "could not purge expired sessions");
            }
            if let Err(e) = crate::ratelimit::purge(&db, clock.now()).await {
                tracing::warn!(error = %e, "could not purge old attempt counters");
            }
            if let Err(e) = crate::submissions::purge(&db, clock.now()).await {
                tracing::warn!(error = %e, "could not purge old form keys");
            }
            if let Err(e) = crate::notices::erase_old_contacts(&db, clock.now()).await {
                tracing::warn!(error = %e, "could not erase old objection contacts");
            }
            if let Err(e) = crate::governance::households::erase_expired_names(&db, clock.now()).await {
                tracing::warn!(error = %e, "could not erase expired household names");
            }
            if let Err(e) = crate::governance::monitoring::erase_expired(&db, clock.now()).await {
                tracing::warn!(error = %e, "could not erase expired monitoring records");
            }
            // Approved pairings long without an agreement lapse; each office hears once a
            // day what waits on its radar.
            if let Err(e) = crate::radar::daily(&db, clock.now()).await {
                tracing::warn!(error = ?e, "could not run the radar's daily round");
            }
        }
    });
    // Every minute: refused requests as one audit event, and a signed checkpoint of the head.
    let files = state.config.anchor_files();
    let key = crate::audit::anchor::AnchorKey::load_or_create(&files.key)?;
    let (db, clock, refusals) = (state.db.clone(), state.clock.clone(), state.refusals.clone());
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(60));
        loop {
            tick.tick().await;
            if let Err(e) = refusals.flush(&db, clock.now()).await {
                tracing::warn!(error = %e, "could not record refused requests");
            }
            if let Err(e) = crate::audit::anchor::take(&db, &key, &files.checkpoints, clock.now(), false).await {
                tracing::warn!(error = %e, "could not write an audit checkpoint");
            }
        }
    });
    let listener = TcpListener::bind(bind).await.with_context(|| format!("无法监听 {bind}"))?;
    let addr = listener.local_addr()?;
    println!("企村已启动：http://{addr}  （按 Ctrl-C 停止）");
    let (health, drain, search) = (state.health.clone(), state.config.drain, state.search.clone());
    crate::app::serve(listener, crate::app::router(state), health, drain).await?;
    search.mark_clean().await;
    Ok(())
}

/// An application error as a command-line error: each field problem on a line of its own,
/// named by its option.
fn app_error(e: crate::error::AppError) -> anyhow::Error {
    match e {
        crate::error::AppError::Invalid(fields) => {
            let lines: Vec<String> = fields.into_iter().map(|(f, m)| format!("--{f}: {m}")).collect();
            anyhow::anyhow!("{}", lines.join("\n"))
        }
        crate::error::AppError::NotFound => anyhow::anyhow!("找不到该专项行动"),
        e => anyhow::anyhow!("{}", e.public_message()),
    }
}

/// `REF:KIND:元` of `campaign create --budget`.
fn parse_budget(text: &str) -> anyhow::Result<crate::campaign::DraftBudget> {
    let mut parts = text.rsplitn(3, ':');
    let (Some(yuan), Some(kind), Some(enterprise)) = (parts.next(), parts.next(), parts.next()) else {
        anyhow::bail!(
            "--budget 应写成 企业:帮扶类型:金额（元），例如 demo-enterprise-01:donation:200000，而不是「{text}」"
        );
    };
    let Some(kind) = crate::domain::ListingKind::parse(kind) else {
        anyhow::bail!("--budget「{text}」：没有「{kind}」这种帮扶类型");
    };
    let amount_fen =
        crate::money::Money::parse_yuan(yuan).map_err(|why| anyhow::anyhow!("--budget「{text}」：{why}"))?.0;
    Ok(crate::campaign::DraftBudget { enterprise: enterprise.to_owned(), kind, amount_fen })
}
