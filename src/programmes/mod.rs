//! Today's programmes (帮扶项目): the 2015 drive (百企联百村, nationally 万企帮万村) and those that
//! carry it on — 万企兴万村, 东西部协作, 定点帮扶, 消费帮扶, 社会组织帮扶. A deployment declares which
//! it runs and which one is current (the `programmes.enabled` and `programmes.current` settings,
//! on `/admin/programmes`). Agreements and contributions are tagged with the programmes they
//! count for; one verified record appears in the ledger of each (see [`ledgers`]) and once in
//! every total.

pub mod ledgers;
pub mod purchases;
pub mod retention;

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection};

use crate::audit::{self, Actor, Event};
use crate::auth::guard::SessionUser;
use crate::domain::vocabulary;
use crate::error::{AppError, Result};

vocabulary!(
    /// A programme a record may count for.
    Programme {
        Hundred = "bqlbc", "百企联百村（万企帮万村）";
        Revitalise = "wqxwc", "万企兴万村";
        EastWest = "dxxz", "东西部协作";
        Designated = "ddbf", "定点帮扶";
        Consumption = "xfbf", "消费帮扶";
        Social = "shzz", "社会组织帮扶";
    }
);

impl Programme {
    /// Whether the programme runs today (the 2015 drive ended with the poverty campaign in 2020).
    pub fn is_current(self) -> bool {
        self != Self::Hundred
    }

    /// The word for help in the programme's time: 扶贫 for the 2015 drive, 帮扶 today.
    pub fn wording(self) -> &'static str {
        if self.is_current() { "帮扶" } else { "扶贫" }
    }

    /// When it ran, as a reader is told.
    pub fn period(self) -> &'static str {
        match self {
            Self::Hundred => "2015—2020 年，精准扶贫",
            Self::Revitalise => "2021 年起，乡村振兴",
            _ => "常态化精准帮扶",
        }
    }

    /// The programmes stored as `,code,code,` (unknown codes left out), in display order.
    pub fn read(stored: Option<&str>) -> Vec<Self> {
        let codes: Vec<&str> = stored.unwrap_or("").split(',').map(str::trim).collect();
        Self::ALL.iter().copied().filter(|p| codes.contains(&p.code())).collect()
    }

    /// How `list` is stored (None when empty).
    pub fn store(list: &[Self]) -> Option<String> {
        let codes: Vec<&str> = Self::ALL.iter().filter(|p| list.contains(p)).map(|p| p.code()).collect();
        (!codes.is_empty()).then(|| format!(",{},", codes.join(",")))
    }

    /// The words of `list`, joined for a page.
    pub fn words(list: &[Self]) -> String {
        list.iter().map(|p| p.label()).collect::<Vec<_>>().join("、")
    }
}

/// The setting that lists the programmes the deployment runs.
pub const ENABLED: &str = "programmes.enabled";
/// The setting that names the current programme (what untagged records count for).
pub const CURRENT: &str = "programmes.current";

/// What the deployment declared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declared {
    pub enabled: Vec<Programme>,
    pub current: Programme,
}

impl Default for Declared {
    fn default() -> Self {
        Self { enabled: Programme::ALL.to_vec(), current: Programme::Revitalise }
    }
}

impl Declared {
    /// Whether pages speak today's words (帮扶, 乡村振兴局): the current programme is not the
    /// 2015 drive.
    pub fn today_words(&self) -> bool {
        self.current.wording() == "帮扶"
    }

    /// The programmes a record counts for: its own tags, else its agreement's, else the
    /// current programme.
    pub fn effective(&self, own: Option<&str>, agreement: Option<&str>) -> Vec<Programme> {
        let own = Programme::read(own);
        if !own.is_empty() {
            return own;
        }
        let of_agreement = Programme::read(agreement);
        if !of_agreement.is_empty() {
            return of_agreement;
        }
        vec![self.current]
    }

    /// The programmes picked on a form (codes), each one the deployment runs; the field is
    /// named in the error.
    pub fn picks(&self, codes: &[String], field: &str) -> Result<Vec<Programme>> {
        let mut out = Vec::new();
        for code in codes.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
            match Programme::parse(code).filter(|p| self.enabled.contains(p)) {
                Some(p) if !out.contains(&p) => out.push(p),
                Some(_) => {}
                None => return Err(AppError::field(field, "请从列出的帮扶项目中选择")),
            }
        }
        Ok(Programme::ALL.iter().copied().filter(|p| out.contains(p)).collect())
    }

    /// The choices of a form: every programme the deployment runs, with whether it is ticked.
    pub fn choices(&self, ticked: &[Programme]) -> Vec<Choice> {
        self.enabled
            .iter()
            .map(|p| Choice { code: p.code(), label: p.label(), period: p.period(), ticked: ticked.contains(p) })
            .collect()
    }
}

/// A programme on a form.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Choice {
    pub code: &'static str,
    pub label: &'static str,
    pub period: &'static str,
    pub ticked: bool,
}

/// The declaration as this node last read it (read again at most every few seconds, and at
/// once after this node saved a new one): pages ask it on every request for their wording.
#[derive(Clone, Default)]
pub struct DeclaredCache {
    cached: std::sync::Arc<std::sync::RwLock<Option<(std::time::Instant, Declared)>>>,
}

impl DeclaredCache {
    /// The declaration in force.
    pub async fn get<C: ConnectionTrait>(&self, db: &C) -> std::result::Result<Declared, sea_orm::DbErr> {
        if let Ok(guard) = self.cached.read()
            && let Some((at, d)) = guard.as_ref()
            && at.elapsed() < std::time::Duration::from_secs(5)
        {
            return Ok(d.clone());
        }
        let d = declared(db).await?;
        if let Ok(mut guard) = self.cached.write() {
            *guard = Some((std::time::Instant::now(), d.clone()));
        }
        Ok(d)
    }

    /// Forgets what was read (this node saved a new declaration).
    pub fn forget(&self) {
        if let Ok(mut guard) = self.cached.write() {
            *guard = None;
        }
    }
}

/// What the deployment declared (every programme, 万企兴万村 current, when nothing was).
pub async fn declared<C: ConnectionTrait>(db: &C) -> std::result::Result<Declared, sea_orm::DbErr> {
    let enabled = Programme::read(crate::db::setting(db, ENABLED).await?.as_deref());
    let current = crate::db::setting(db, CURRENT).await?.as_deref().and_then(Programme::parse);
    let mut d = Declared::default();
    if !enabled.is_empty() {
        d.enabled = enabled;
    }
    if let Some(c) = current.filter(|c| d.enabled.contains(c)) {
        d.current = c;
    } else if !d.enabled.contains(&d.current) {
        d.current = d.enabled.iter().copied().find(|p| p.is_current()).unwrap_or(d.enabled[0]);
    }
    Ok(d)
}

/// The system administrator declares the programmes (codes) and the current one, in one
/// transaction with its audit event.
pub async fn declare(
    db: &DatabaseConnection,
    user: &SessionUser,
    enabled: &[String],
    current: &str,
    now: DateTime<Utc>,
) -> Result<Declared> {
    let mut list = Vec::new();
    for code in enabled.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        let p = Programme::parse(code).ok_or_else(|| AppError::field("enabled", "请从列出的帮扶项目中选择"))?;
        list.push(p);
    }
    let list: Vec<Programme> = Programme::ALL.iter().copied().filter(|p| list.contains(p)).collect();
    if list.is_empty() {
        return Err(AppError::field("enabled", "至少开展一个帮扶项目"));
    }
    let current = Programme::parse(current.trim())
        .ok_or_else(|| AppError::field("current", "请选择当前的帮扶项目（未标注项目的记录计入它）"))?;
    if !list.contains(&current) {
        return Err(AppError::field("current", format!("当前项目「{}」须在开展的项目之中", current.label())));
    }
    let txn = crate::db::write(db).await?;
    let before = declared(&txn).await?;
    crate::db::put_setting(&txn, ENABLED, &Programme::store(&list).unwrap_or_default(), now).await?;
    crate::db::put_setting(&txn, CURRENT, current.code(), now).await?;
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: "programmes.declare",
            entity: "setting",
            entity_id: ENABLED.to_owned(),
            before: Some(serde_json::json!({
                "enabled": Programme::words(&before.enabled), "current": before.current.label()
            })),
            after: Some(serde_json::json!({ "enabled": Programme::words(&list), "current": current.label() })),
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok(Declared { enabled: list, current })
}

/// A covering office changes the programmes agreement `id` counts for (none ticked: the
/// current one), in one transaction with its audit event.
pub async fn tag_agreement(
    db: &DatabaseConnection,
    user: &SessionUser,
    id: i32,
    codes: &[String],
    now: DateTime<Utc>,
) -> Result<Vec<Programme>> {
    use entity::{agreement, pairing};
    use sea_orm::{ActiveModelTrait, EntityTrait, QuerySelect, Set};
    let a = agreement::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let p = pairing::Entity::find_by_id(a.pairing_id).one(db).await?.ok_or(AppError::NotFound)?;
    if crate::pairings::party_of(db, user, &p).await? != crate::pairings::Party::Office {
        return Err(AppError::NotFound);
    }
    let d = declared(db).await?;
    let list = d.picks(codes, "programmes")?;
    if list.is_empty() {
        return Err(AppError::field("programmes", "请至少选择一个帮扶项目"));
    }
    let txn = crate::db::write(db).await?;
    let a = agreement::Entity::find_by_id(id).lock_exclusive().one(&txn).await?.ok_or(AppError::NotFound)?;
    let before = d.effective(None, a.programmes.as_deref());
    let mut am: agreement::ActiveModel = a.into();
    am.programmes = Set(Programme::store(&list));
    am.updated_at = Set(now);
    am.update(&txn).await?;
    let after = list;
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: "agreement.programmes",
            entity: "agreement",
            entity_id: id.to_string(),
            before: Some(serde_json::json!({ "programmes": Programme::words(&before) })),
            after: Some(serde_json::json!({ "programmes": Programme::words(&after) })),
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok(after)
}

vocabulary!(
    /// The categories a county is filed under.
    CountyCategory {
        KeyCounty = "key_county", "国家乡村振兴重点帮扶县";
        Lifted = "lifted", "脱贫县";
    }
);

impl CountyCategory {
    /// The categories stored as `,code,code,`, in display order.
    pub fn read(stored: &str) -> Vec<Self> {
        let codes: Vec<&str> = stored.split(',').collect();
        Self::ALL.iter().copied().filter(|c| codes.contains(&c.code())).collect()
    }

    /// How `cats` are stored.
    pub fn store(cats: &[Self]) -> String {
        let codes: Vec<&str> = Self::ALL.iter().filter(|c| cats.contains(c)).map(|c| c.code()).collect();
        format!(",{},", codes.join(","))
    }

    /// The words of `cats`, joined for a page.
    pub fn words(cats: &[Self]) -> String {
        cats.iter().map(|c| c.label()).collect::<Vec<_>>().join("、")
    }
}

/// A line of the county list: its number, the county's 12-digit code and its categories.
pub type CountyLine = (usize, String, Vec<CountyCategory>);

/// The setting that keeps the county list as the administrator wrote it (notes kept).
pub const COUNTIES_TEXT: &str = "counties.text";

/// The most lines the county list may have (every county of the country fits).
const MAX_COUNTY_LINES: usize = 4000;

/// Reads the county list as the administrator writes it: a line is a county's region code (6
/// or 12 digits) and its categories (words or codes, separated by 、 , or spaces); `#` starts a
/// note. Each wrong line is named; the codes are checked against the region table by [`save_counties`].
pub fn parse_counties(text: &str) -> std::result::Result<Vec<CountyLine>, Vec<String>> {
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() > MAX_COUNTY_LINES {
        return Err(vec![format!("最多 {MAX_COUNTY_LINES} 行（收到 {} 行）", lines.len())]);
    }
    // A word is echoed in a message at most this long (a pasted page is not repeated back).
    let short = |w: &str| -> String {
        let mut t: String = w.chars().take(20).collect();
        if w.chars().count() > 20 {
            t.push('…');
        }
        t
    };
    let mut out: Vec<CountyLine> = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let n = i + 1;
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let mut parts = line.split(|c: char| c.is_whitespace() || matches!(c, '、' | ',' | '，' | ';' | '；'));
        let code = parts.next().unwrap_or("");
        let code = match code.len() {
            6 if code.bytes().all(|b| b.is_ascii_digit()) => format!("{code}000000"),
            12 if code.bytes().all(|b| b.is_ascii_digit()) && code.ends_with("000000") => code.to_owned(),
            _ => {
                errors
                    .push(format!("第 {n} 行：「{}」不是县级区划代码（6 位，或以 000000 结尾的 12 位）", short(code)));
                continue;
            }
        };
        let mut cats = Vec::new();
        let mut bad = false;
        for word in parts.filter(|w| !w.is_empty()) {
            match CountyCategory::ALL.iter().find(|c| c.label() == word || c.code() == word) {
                Some(c) if !cats.contains(c) => cats.push(*c),
                Some(_) => {}
                None => {
                    errors.push(format!("第 {n} 行：「{}」不是县类别（国家乡村振兴重点帮扶县、脱贫县）", short(word)));
                    bad = true;
                }
            }
        }
        if bad {
            continue;
        }
        cats.sort_by_key(|c| CountyCategory::ALL.iter().position(|x| x == c));
        if cats.is_empty() {
            errors.push(format!("第 {n} 行：请在区划代码后写类别，例如：{} 脱贫县", &code[..6]));
        } else if let Some((first, _, _)) = out.iter().find(|(_, c, _)| *c == code) {
            errors.push(format!("第 {n} 行：{} 在第 {first} 行已经写过", &code[..6]));
        } else {
            out.push((n, code, cats));
        }
    }
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

/// The declared counties: region code → categories.
pub async fn counties<C: ConnectionTrait>(
    db: &C,
) -> std::result::Result<std::collections::BTreeMap<String, Vec<CountyCategory>>, sea_orm::DbErr> {
    use sea_orm::EntityTrait;
    Ok(entity::county_category::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|r| {
            let cats = CountyCategory::read(&r.categories);
            (r.region_code, cats)
        })
        .collect())
}

/// Replaces the county list with `text` (checked whole: every wrong line, and every code that
/// is not a county in the region table, named), in one transaction with its audit event.
pub async fn save_counties(
    db: &DatabaseConnection,
    user: &SessionUser,
    text: &str,
    now: DateTime<Utc>,
) -> Result<usize> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let invalid = |e: Vec<String>| AppError::Invalid(e.into_iter().map(|m| ("counties".to_owned(), m)).collect());
    let list = parse_counties(text).map_err(invalid)?;
    let codes: Vec<String> = list.iter().map(|(_, c, _)| c.clone()).collect();
    let known: std::collections::HashSet<String> = entity::region::Entity::find()
        .filter(entity::region::Column::Code.is_in(codes.clone()))
        .filter(entity::region::Column::Level.eq(3))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.code)
        .collect();
    let unknown: Vec<String> = list
        .iter()
        .filter(|(_, c, _)| !known.contains(c))
        .map(|(n, c, _)| {
            format!(
                "第 {n} 行：{} 不是已导入的县级区划（官方区划代码由系统管理员用 qicun import regions 导入）",
                &c[..6]
            )
        })
        .collect();
    if !unknown.is_empty() {
        return Err(invalid(unknown));
    }
    let txn = crate::db::write(db).await?;
    // The list as written, notes kept (what the form shows next time). Written first: its row
    // lock makes a second save at the same moment wait for this one (PostgreSQL), so it then
    // replaces the rows this one wrote instead of colliding with them.
    let written: String = text.lines().map(|l| format!("{}\n", l.trim_end())).collect();
    crate::db::put_setting(&txn, COUNTIES_TEXT, written.trim_end(), now).await?;
    let before = entity::county_category::Entity::delete_many().exec(&txn).await?.rows_affected;
    for (_, code, cats) in &list {
        entity::county_category::Entity::insert(entity::county_category::ActiveModel {
            region_code: sea_orm::Set(code.clone()),
            categories: sea_orm::Set(CountyCategory::store(cats)),
            updated_at: sea_orm::Set(now),
        })
        .exec_without_returning(&txn)
        .await?;
    }
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: "counties.categories",
            entity: "setting",
            entity_id: "county_category".to_owned(),
            before: Some(serde_json::json!({ "counties": before })),
            after: Some(serde_json::json!({ "counties": list.len() })),
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok(list.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_counts_for_its_own_tags_else_its_agreements_else_the_current_programme() {
        let d = Declared::default();
        assert_eq!(d.effective(Some(",xfbf,"), Some(",wqxwc,")), vec![Programme::Consumption]);
        assert_eq!(d.effective(None, Some(",dxxz,wqxwc,")), vec![Programme::Revitalise, Programme::EastWest]);
        assert_eq!(d.effective(Some(""), None), vec![Programme::Revitalise]);
        assert_eq!(Programme::store(&[Programme::Consumption, Programme::Hundred]).as_deref(), Some(",bqlbc,xfbf,"));
        assert_eq!(Programme::read(Some(",bqlbc,nope,xfbf,")), vec![Programme::Hundred, Programme::Consumption]);
        let only = Declared { enabled: vec![Programme::Revitalise], current: Programme::Revitalise };
        assert!(only.picks(&["xfbf".into()], "programmes").is_err(), "a programme the deployment does not run");
        assert_eq!(
            only.picks(&["wqxwc".into(), "wqxwc".into()], "programmes").expect("picks"),
            vec![Programme::Revitalise]
        );
        assert_eq!(Programme::Hundred.wording(), "扶贫");
        assert_eq!(Programme::Consumption.wording(), "帮扶");
    }

    #[test]
    fn the_county_list_names_every_wrong_line() {
        let ok = parse_counties("# 示例\n360926 脱贫县、国家乡村振兴重点帮扶县\n360922000000 lifted\n").expect("reads");
        assert_eq!(
            ok,
            vec![
                (2, "360926000000".to_owned(), vec![CountyCategory::KeyCounty, CountyCategory::Lifted]),
                (3, "360922000000".to_owned(), vec![CountyCategory::Lifted]),
            ]
        );
        let e =
            parse_counties("3609 脱贫县\n360926 贫困县\n360926\n360922 脱贫县\n360922 脱贫县\n").expect_err("refused");
        assert_eq!(e.len(), 4, "{e:?}");
        assert!(e[0].starts_with("第 1 行") && e[1].contains("「贫困县」不是县类别") && e[2].starts_with("第 3 行"));
        assert!(e[3].starts_with("第 5 行") && e[3].contains("在第 4 行已经写过"), "{e:?}");
        let long = format!("360926 {}", "很".repeat(5000));
        let e = parse_counties(&long).expect_err("refused");
        assert!(e[0].chars().count() < 80, "a long word is not echoed whole: {}", e[0].chars().count());
    }
}
