//! `qicun import ledger`: the ledgers offices keep in Excel — organisations, offers and needs —
//! from JSON, CSV or XLSX. Every record carries a caller-chosen `ref`; offers name their
//! enterprise's ref, needs their village's. Records are upserted by ref, so importing the same
//! file twice changes nothing; a file is checked whole and written in one transaction, so one
//! bad record imports nothing; errors name the sheet or line and the field.

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use chrono::{DateTime, NaiveDate, Utc};
use entity::organisation;
use indicatif::ProgressBar;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use serde::Serialize;
use serde_json::value::RawValue;

use crate::audit::{self, Actor, Event};
use crate::auth::guard::jurisdiction_covers;
use crate::auth::parse_mobile;
use crate::domain::{ListingStatus, OrgKind, OrgStatus};
use crate::listings::{self, Listing, ListingForm, ListingInput, Side};
use crate::outbox;

/// What kind of record a row is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Organisation,
    Offer,
    Need,
}

impl Kind {
    fn parse(s: &str) -> Option<Self> {
        match s.trim().to_lowercase().as_str() {
            "organisation" | "organisations" | "organization" | "organizations" | "机构" | "单位" => {
                Some(Self::Organisation)
            }
            "offer" | "offers" | "帮扶资源" | "资源" => Some(Self::Offer),
            "need" | "needs" | "需求" | "村级需求" => Some(Self::Need),
            _ => None,
        }
    }
}

/// Every column a ledger may have: its key and its Chinese heading (either may head a column;
/// offices' Excel files use the Chinese ones).
pub const HEADINGS: &[(&str, &str)] = &[
    ("record", "记录类型"),
    ("ref", "参考编号"),
    ("kind", "类型"),
    ("name", "名称"),
    ("region_code", "区划代码"),
    ("uscc", "统一社会信用代码"),
    ("industry_code", "行业代码"),
    ("address", "地址"),
    ("contact_name", "联系人"),
    ("contact_phone", "联系电话"),
    ("population", "总人口"),
    ("poor_households", "建档立卡户数"),
    ("poor_population", "建档立卡人口"),
    ("registered_poor", "建档立卡村"),
    ("categories", "村类别"),
    ("main_industries", "主导产业"),
    ("first_secretary", "第一书记"),
    ("first_secretary_phone", "第一书记电话"),
    ("party_secretary", "村党组织书记"),
    ("party_secretary_phone", "村党组织书记电话"),
    ("enterprise_ref", "企业参考编号"),
    ("village_ref", "村参考编号"),
    ("title", "标题"),
    ("body", "内容"),
    ("amount_yuan", "金额（元）"),
    ("quantity", "数量"),
    ("unit", "单位"),
    ("regions", "服务地区"),
    ("urgency", "紧急程度"),
    ("valid_from", "有效期自"),
    ("valid_until", "有效期至"),
    ("status", "状态"),
];

/// The key of a column headed `heading` (a key or its Chinese heading; 金额 without 元 too).
fn column_key(heading: &str) -> Option<&'static str> {
    let h = heading.trim().to_lowercase();
    let plain = h.replace(['（', '）', '(', ')'], "");
    HEADINGS
        .iter()
        .find(|(key, cn)| *key == h || *cn == h || cn.replace(['（', '）'], "") == plain)
        .map(|(key, _)| *key)
        .or(match plain.as_str() {
            "金额" | "金额元" => Some("amount_yuan"),
            "记录" => Some("record"),
            _ => None,
        })
}

/// A column's name in messages: its Chinese heading.
fn heading_of(key: &str) -> &str {
    HEADINGS.iter().find(|(k, _)| *k == key).map_or(key, |(_, cn)| cn)
}

/// The keys of `headers`, or which headings were not recognised.
fn column_keys(headers: impl Iterator<Item = String>, place: &str) -> Result<Vec<String>, LedgerError> {
    let mut keys = Vec::new();
    let mut unknown = Vec::new();
    for h in headers {
        match column_key(&h) {
            Some(k) => keys.push(k.to_owned()),
            None if h.trim().is_empty() => keys.push(String::new()),
            None => {
                unknown.push(format!("「{}」", h.trim()));
                keys.push(String::new());
            }
        }
    }
    if unknown.is_empty() {
        Ok(keys)
    } else {
        Err(LedgerError::Invalid(vec![format!(
            "{place}不认识的表头：{}。请使用模板中的列名（如 参考编号、类型、名称、区划代码），可在导入页面下载模板",
            unknown.join("、")
        )]))
    }
}

/// Where a record is in its file, for messages.
#[derive(Clone, Debug)]
struct Place(String);

/// One record as read: its place and its fields by lowercase column name.
#[derive(Clone, Debug)]
struct Raw {
    kind: Kind,
    place: Place,
    fields: HashMap<String, String>,
}

impl Raw {
    fn get(&self, name: &str) -> &str {
        self.fields.get(name).map_or("", |v| v.trim())
    }
}

/// Everything wrong with a file, each problem with its place and field.
#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    #[error("{}", .0.join("\n"))]
    Invalid(Vec<String>),
    #[error("无法读取文件：{0}")]
    Read(String),
    #[error("数据库错误：{0}")]
    Db(#[from] sea_orm::DbErr),
}

/// What an import did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LedgerSummary {
    pub records: u64,
    pub inserted: u64,
    pub updated: u64,
    pub unchanged: u64,
}

impl std::fmt::Display for LedgerSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "共 {} 条：新增 {}，更新 {}，未变 {}", self.records, self.inserted, self.updated, self.unchanged)
    }
}

/// The file formats, by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
    Xlsx,
}

impl Format {
    /// From a file name's extension.
    pub fn of(name: &str) -> Option<Self> {
        let lower = name.to_lowercase();
        if lower.ends_with(".json") {
            Some(Self::Json)
        } else if lower.ends_with(".csv") {
            Some(Self::Csv)
        } else if lower.ends_with(".xlsx") {
            Some(Self::Xlsx)
        } else {
            None
        }
    }
}

fn json_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) => items.iter().map(json_text).collect::<Vec<_>>().join(";"),
        other => other.to_string(),
    }
}

/// A JSON ledger's records, each still the text of one object (borrowed from the file): the
/// file is checked as JSON whole, but each record becomes fields only when its turn comes, so
/// a 100 MB ledger is held once rather than also as a tree of values.
fn read_json(bytes: &[u8]) -> Result<Vec<(Kind, Place, &RawValue)>, LedgerError> {
    let whole: &RawValue =
        serde_json::from_slice(bytes).map_err(|e| LedgerError::Read(format!("JSON 格式错误：{e}")))?;
    let top = || {
        LedgerError::Read("JSON 顶层应为对象：{\"organisations\": [...], \"offers\": [...], \"needs\": [...]}".into())
    };
    if !whole.get().trim_start().starts_with('{') {
        return Err(top());
    }
    let obj: std::collections::BTreeMap<String, &RawValue> = serde_json::from_str(whole.get()).map_err(|_| top())?;
    let mut out = Vec::new();
    for (key, list) in obj {
        let kind = Kind::parse(&key)
            .ok_or_else(|| LedgerError::Read(format!("不认识的键「{key}」，应为 organisations、offers 或 needs")))?;
        let items: Vec<&RawValue> =
            serde_json::from_str(list.get()).map_err(|_| LedgerError::Read(format!("「{key}」应为数组")))?;
        out.extend(
            items.into_iter().enumerate().map(|(i, item)| (kind, Place(format!("{key} 第 {} 条", i + 1)), item)),
        );
    }
    Ok(out)
}

/// One JSON record's fields.
fn json_record(kind: Kind, place: Place, item: &RawValue) -> Result<Raw, LedgerError> {
    let map: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(item.get()).map_err(|_| LedgerError::Read(format!("{}应为对象", place.0)))?;
    let fields = map
        .into_iter()
        .map(|(k, v)| (column_key(&k).map_or_else(|| k.to_lowercase(), str::to_owned), json_text(&v)))
        .collect();
    Ok(Raw { kind, place, fields })
}

/// The records of a file, read one at a time.
enum Records<'a> {
    Json(Vec<(Kind, Place, &'a RawValue)>),
    Rows(Vec<Raw>),
}

impl<'a> Records<'a> {
    fn read(bytes: &'a [u8], format: Format) -> Result<Self, LedgerError> {
        Ok(match format {
            Format::Json => Self::Json(read_json(bytes)?),
            Format::Csv => Self::Rows(read_csv(bytes)?),
            Format::Xlsx => Self::Rows(read_xlsx(bytes)?),
        })
    }

    fn len(&self) -> usize {
        match self {
            Self::Json(items) => items.len(),
            Self::Rows(rows) => rows.len(),
        }
    }

    fn each(self) -> Box<dyn Iterator<Item = Result<Raw, LedgerError>> + Send + 'a> {
        match self {
            Self::Json(items) => Box::new(items.into_iter().map(|(kind, place, item)| json_record(kind, place, item))),
            Self::Rows(rows) => Box::new(rows.into_iter().map(Ok)),
        }
    }
}

fn read_csv(bytes: &[u8]) -> Result<Vec<Raw>, LedgerError> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().from_reader(bytes);
    let headers = column_keys(
        reader.headers().map_err(|e| LedgerError::Read(format!("无法读取表头：{e}")))?.iter().map(str::to_owned),
        "",
    )?;
    if !headers.iter().any(|h| h == "record") {
        return Err(LedgerError::Read("CSV 须有「记录类型」列（record：机构、帮扶资源或需求）".into()));
    }
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for result in reader.records() {
        let record = result
            .map_err(|e| LedgerError::Read(format!("第 {} 行：{e}", e.position().map_or(0, csv::Position::line))))?;
        let line = record.position().map_or(0, csv::Position::line);
        let fields: HashMap<String, String> = headers.iter().cloned().zip(record.iter().map(str::to_owned)).collect();
        let place = Place(format!("第 {line} 行"));
        match Kind::parse(fields.get("record").map_or("", String::as_str)) {
            Some(kind) => out.push(Raw { kind, place, fields }),
            None => errors.push(format!("{} 记录类型：应为 机构、帮扶资源 或 需求", place.0)),
        }
    }
    if errors.is_empty() { Ok(out) } else { Err(LedgerError::Invalid(errors)) }
}

pub(crate) fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        // Whole numbers typed into Excel arrive as floats; codes must not gain a ".0".
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => dt.as_datetime().map_or_else(|| dt.to_string(), |t| t.date().to_string()),
        Data::Error(e) => format!("#{e:?}"),
    }
}

fn read_xlsx(bytes: &[u8]) -> Result<Vec<Raw>, LedgerError> {
    crate::sheet::check_zip(bytes).map_err(LedgerError::Read)?;
    let mut book: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes.to_vec())).map_err(|e| LedgerError::Read(format!("不是有效的 XLSX 文件：{e}")))?;
    let mut out = Vec::new();
    let mut recognised = false;
    for name in book.sheet_names() {
        let Some(kind) = Kind::parse(&name) else { continue };
        recognised = true;
        crate::sheet::check_sheet(&mut book, &name).map_err(LedgerError::Read)?;
        let range = book.worksheet_range(&name).map_err(|e| LedgerError::Read(format!("工作表 {name}：{e}")))?;
        let mut rows = range.rows();
        let Some(header) = rows.next() else { continue };
        let headers = column_keys(header.iter().map(cell_text), &format!("工作表 {name} "))?;
        for (i, row) in rows.enumerate() {
            if row.iter().all(|c| matches!(c, Data::Empty)) {
                continue;
            }
            let fields = headers.iter().cloned().zip(row.iter().map(cell_text)).collect();
            out.push(Raw { kind, place: Place(format!("工作表 {name} 第 {} 行", i + 2)), fields });
        }
    }
    if !recognised {
        return Err(LedgerError::Read(
            "XLSX 中没有名为 organisations、offers 或 needs（机构、帮扶资源、需求）的工作表".into(),
        ));
    }
    Ok(out)
}

/// A validated organisation record.
#[derive(Clone, Debug, PartialEq)]
struct OrgRecord {
    r#ref: String,
    kind: OrgKind,
    name: String,
    region_code: String,
    uscc: Option<String>,
    industry_code: Option<String>,
    address: Option<String>,
    contact_name: Option<String>,
    contact_phone: Option<String>,
    population: Option<i32>,
    poor_households: Option<i32>,
    poor_population: Option<i32>,
    registered_poor: bool,
    /// Stored form (`,code,`); None when the column is empty (the office's filing is kept).
    categories: Option<String>,
    main_industries: Option<String>,
    first_secretary: Option<String>,
    first_secretary_phone: Option<String>,
    party_secretary: Option<String>,
    party_secretary_phone: Option<String>,
}

fn opt(s: &str) -> Option<String> {
    Some(s.trim().to_owned()).filter(|s| !s.is_empty())
}

fn code12(s: &str) -> String {
    let s = s.trim();
    if s.len() == 6 && s.bytes().all(|b| b.is_ascii_digit()) { format!("{s}000000") } else { s.to_owned() }
}

struct Checker<'a> {
    place: &'a Place,
    errors: &'a mut Vec<String>,
}

impl Checker<'_> {
    fn fail(&mut self, field: &str, message: impl std::fmt::Display) {
        self.errors.push(format!("{} {}：{message}", self.place.0, heading_of(field)));
    }

    fn count(&mut self, raw: &Raw, field: &str) -> Option<i32> {
        match raw.get(field) {
            "" => None,
            v => match v.parse::<i32>() {
                Ok(n) if n >= 0 => Some(n),
                _ => {
                    self.fail(field, format!("「{v}」应为非负整数"));
                    None
                }
            },
        }
    }

    fn phone(&mut self, raw: &Raw, field: &str) -> Option<String> {
        match raw.get(field) {
            "" => None,
            v => match parse_mobile(v) {
                Ok(p) => Some(p),
                Err(m) => {
                    self.fail(field, m);
                    None
                }
            },
        }
    }
}

async fn check_org<C: ConnectionTrait>(
    db: &C,
    raw: &Raw,
    errors: &mut Vec<String>,
) -> Result<Option<OrgRecord>, sea_orm::DbErr> {
    let mut c = Checker { place: &raw.place, errors };
    let before = c.errors.len();
    let r#ref = raw.get("ref").to_owned();
    if r#ref.is_empty() || r#ref.chars().count() > 64 {
        c.fail("ref", "每条记录须有参考编号（不超过 64 字）");
    }
    let kind = match raw.get("kind") {
        "enterprise" | "企业" => Some(OrgKind::Enterprise),
        "village" | "村委会" | "村" => Some(OrgKind::Village),
        v => {
            c.fail("kind", format!("「{v}」应为 enterprise（企业）或 village（村委会）"));
            None
        }
    };
    let name = raw.get("name").to_owned();
    if name.is_empty() || name.chars().count() > 100 {
        c.fail("name", "须填写名称（不超过 100 字）");
    }
    let region_code = code12(raw.get("region_code"));
    let region = entity::region::Entity::find_by_id(region_code.clone()).one(db).await?;
    match (&region, kind) {
        (None, _) => c.fail("region_code", format!("「{region_code}」不是已导入的区划代码（请先导入官方区划文件）")),
        (Some(r), Some(OrgKind::Village)) if r.level != 5 => c.fail("region_code", "村委会的区划代码须为村级（12 位）"),
        (Some(r), Some(OrgKind::Enterprise)) if r.level < 2 || r.level > 3 => {
            c.fail("region_code", "企业的区划代码须为市级或县级")
        }
        _ => {}
    }
    let uscc = match (kind, raw.get("uscc")) {
        (Some(OrgKind::Enterprise), "") => {
            c.fail("uscc", "企业须填写统一社会信用代码");
            None
        }
        (_, "") => None,
        (_, v) => match crate::uscc::parse(v) {
            Ok(code) => Some(code),
            Err(e) => {
                c.fail("uscc", e.message());
                None
            }
        },
    };
    let industry_code = opt(raw.get("industry_code"));
    if let Some(code) = &industry_code
        && entity::industry::Entity::find_by_id(code.clone()).one(db).await?.is_none()
    {
        c.fail("industry_code", format!("「{code}」不是已导入的 GB/T 4754 行业代码"));
    }
    let population = c.count(raw, "population");
    let poor_households = c.count(raw, "poor_households");
    let poor_population = c.count(raw, "poor_population");
    if let (Some(p), Some(pp)) = (population, poor_population)
        && pp > p
    {
        c.fail("poor_population", "贫困人口不能多于总人口");
    }
    let registered_poor = match raw.get("registered_poor") {
        "" | "0" | "false" | "否" | "no" => false,
        "1" | "true" | "是" | "yes" => true,
        v => {
            c.fail("registered_poor", format!("「{v}」应为 是 或 否"));
            false
        }
    };
    let categories = {
        use crate::domain::VillageCategory;
        let mut cats = Vec::new();
        for word in raw.get("categories").split(['、', ',', '，', ';', '；', ' ']).filter(|w| !w.is_empty()) {
            match VillageCategory::ALL.iter().find(|c| c.label() == word || c.code() == word) {
                Some(c) => cats.push(*c),
                None => c.fail(
                    "categories",
                    format!("「{word}」不是村类别（脱贫村、乡村振兴重点帮扶村、集体经济薄弱村、易地搬迁安置点）"),
                ),
            }
        }
        VillageCategory::store(&cats)
    };
    let contact_phone = c.phone(raw, "contact_phone");
    let first_secretary_phone = c.phone(raw, "first_secretary_phone");
    let party_secretary_phone = c.phone(raw, "party_secretary_phone");
    if c.errors.len() > before {
        return Ok(None);
    }
    let Some(kind) = kind else { return Ok(None) };
    Ok(Some(OrgRecord {
        r#ref,
        kind,
        name,
        region_code,
        uscc,
        industry_code,
        address: opt(raw.get("address")),
        contact_name: opt(raw.get("contact_name")),
        contact_phone,
        population,
        poor_households,
        poor_population,
        registered_poor,
        categories,
        main_industries: opt(raw.get("main_industries")),
        first_secretary: opt(raw.get("first_secretary")),
        first_secretary_phone,
        party_secretary: opt(raw.get("party_secretary")),
        party_secretary_phone,
    }))
}

/// What the checks across records need of a listing record (the rest is read again when it
/// is written, so a large file's records are not all held at once).
struct ListingKey {
    side: Side,
    r#ref: String,
    owner_ref: String,
}

/// A validated listing record.
struct ListingRecord {
    side: Side,
    r#ref: String,
    owner_ref: String,
    input: ListingInput,
    status: ListingStatus,
}

impl ListingRecord {
    fn key(&self) -> ListingKey {
        ListingKey { side: self.side, r#ref: self.r#ref.clone(), owner_ref: self.owner_ref.clone() }
    }
}

async fn check_listing<C: ConnectionTrait>(
    db: &C,
    raw: &Raw,
    side: Side,
    today: NaiveDate,
    served: &mut HashMap<String, bool>,
    errors: &mut Vec<String>,
) -> Result<Option<ListingRecord>, sea_orm::DbErr> {
    let mut c = Checker { place: &raw.place, errors };
    let before = c.errors.len();
    let r#ref = raw.get("ref").to_owned();
    if r#ref.is_empty() || r#ref.chars().count() > 64 {
        c.fail("ref", "每条记录须有参考编号（不超过 64 字）");
    }
    let owner_field = if side == Side::Offer { "enterprise_ref" } else { "village_ref" };
    let owner_ref = raw.get(owner_field).to_owned();
    if owner_ref.is_empty() {
        c.fail(owner_field, "须填写所属机构的参考编号");
    }
    let status = match raw.get("status") {
        "" => ListingStatus::Published,
        v => match ListingStatus::parse(v).or_else(|| ListingStatus::ALL.iter().copied().find(|s| s.label() == v)) {
            Some(
                s
                @ (ListingStatus::Draft | ListingStatus::Published | ListingStatus::Closed | ListingStatus::Withdrawn),
            ) => s,
            _ => {
                c.fail("status", format!("「{v}」应为 draft、published、closed 或 withdrawn"));
                ListingStatus::Draft
            }
        },
    };
    let form = ListingForm {
        kind: raw.get("kind").into(),
        title: raw.get("title").into(),
        body: raw.get("body").into(),
        amount_yuan: raw.get("amount_yuan").into(),
        quantity: raw.get("quantity").into(),
        unit: raw.get("unit").into(),
        valid_from: raw.get("valid_from").into(),
        valid_until: raw.get("valid_until").into(),
        urgency: raw.get("urgency").into(),
        regions: raw.get("regions").split([';', '、', ',', '，', ' ']).filter(|s| !s.is_empty()).map(code12).collect(),
        then: String::new(),
        version: String::new(),
        submission: String::new(),
    };
    let input = match form.parse_with(db, side, today, served).await {
        Ok(i) => Some(i),
        Err(crate::error::AppError::Invalid(fields)) => {
            for (f, m) in fields {
                c.fail(&f, m);
            }
            None
        }
        Err(e) => {
            c.fail("_", e);
            None
        }
    };
    if c.errors.len() > before {
        return Ok(None);
    }
    Ok(input.map(|input| ListingRecord { side, r#ref, owner_ref, input, status }))
}

/// Reads and checks `bytes` as `format`, then writes it in one transaction. With `scope`
/// (an office's jurisdiction), every organisation must lie inside it.
#[expect(clippy::too_many_arguments, reason = "each input is distinct and every caller has all of them at hand")]
pub async fn import(
    db: &DatabaseConnection,
    sealer: &crate::crypto::Sealer,
    bytes: &[u8],
    format: Format,
    scope: Option<&str>,
    actor: &Actor,
    now: DateTime<Utc>,
    progress: &ProgressBar,
) -> Result<LedgerSummary, LedgerError> {
    let records = Records::read(bytes, format)?;
    let total = records.len() as u64;
    let today = crate::clock::to_shanghai(now).date_naive();
    let mut errors = Vec::new();
    let mut orgs = Vec::new();
    // Sized once: a list grown by doubling holds its old and new buffers together at each step.
    let mut lists = Vec::with_capacity(records.len());
    let mut seen: HashMap<(u8, String), String> = HashMap::new();
    // Region codes already checked as service areas.
    let mut served: HashMap<String, bool> = HashMap::new();
    for raw in records.each() {
        let raw = &raw?;
        let slot = match raw.kind {
            Kind::Organisation => 0,
            Kind::Offer => 1,
            Kind::Need => 2,
        };
        let r = raw.get("ref").to_owned();
        if !r.is_empty()
            && let Some(first) = seen.insert((slot, r.clone()), raw.place.0.clone())
        {
            errors.push(format!("{} 参考编号：「{r}」与{first}重复", raw.place.0));
        }
        match raw.kind {
            Kind::Organisation => {
                if let Some(o) = check_org(db, raw, &mut errors).await? {
                    if let Some(j) = scope
                        && !jurisdiction_covers(j, &o.region_code)
                    {
                        errors
                            .push(format!("{} region_code：「{}」不在本扶贫办管辖范围内", raw.place.0, o.region_code));
                    }
                    // Refs are public: a record may update only the row that already carries its
                    // ref if that row is of the same kind and inside the importer's jurisdiction.
                    if let Some(existing) = organisation::Entity::find()
                        .filter(organisation::Column::ExternalRef.eq(o.r#ref.clone()))
                        .one(db)
                        .await?
                    {
                        if existing.kind != o.kind.code() {
                            errors.push(format!(
                                "{} 参考编号：「{}」已是一个{}的参考编号，不能改为{}",
                                raw.place.0,
                                o.r#ref,
                                OrgKind::parse(&existing.kind).map_or("其他机构", OrgKind::label),
                                o.kind.label()
                            ));
                        } else if scope.is_some_and(|j| !jurisdiction_covers(j, &existing.region_code)) {
                            errors.push(format!(
                                "{} 参考编号：「{}」已被本扶贫办管辖范围以外的机构使用，不能由本台账修改；请换一个参考编号",
                                raw.place.0, o.r#ref
                            ));
                        }
                    }
                    orgs.push((raw.place.clone(), o));
                }
            }
            Kind::Offer => lists.extend(
                check_listing(db, raw, Side::Offer, today, &mut served, &mut errors)
                    .await?
                    .map(|l| (raw.place.clone(), l.key())),
            ),
            Kind::Need => lists.extend(
                check_listing(db, raw, Side::Need, today, &mut served, &mut errors)
                    .await?
                    .map(|l| (raw.place.clone(), l.key())),
            ),
        }
    }
    // Owners: in the file, or already in the database (inside the scope).
    let in_file: HashMap<&str, (OrgKind, &str)> =
        orgs.iter().map(|(_, o)| (o.r#ref.as_str(), (o.kind, o.region_code.as_str()))).collect();
    let mut owners = Owners::default();
    let existing = Existing::load(db, &lists).await?;
    for (place, l) in &lists {
        let want = l.side.owner_kind();
        let field = heading_of(if l.side == Side::Offer { "enterprise_ref" } else { "village_ref" });
        let found = match in_file.get(l.owner_ref.as_str()) {
            Some((kind, region)) => Some((*kind, (*region).to_owned())),
            None => owners
                .by_ref(db, &l.owner_ref)
                .await?
                .and_then(|o| OrgKind::parse(&o.kind).map(|k| (k, o.region_code.clone()))),
        };
        match found {
            None => errors
                .push(format!("{} {field}：找不到参考编号为「{}」的机构（文件中或已导入的）", place.0, l.owner_ref)),
            Some((kind, _)) if kind != want => {
                errors.push(format!("{} {field}：「{}」不是{}", place.0, l.owner_ref, want.label()))
            }
            Some((_, region)) if scope.is_some_and(|j| !jurisdiction_covers(j, &region)) => {
                errors.push(format!("{} {field}：「{}」不在本扶贫办管辖范围内", place.0, l.owner_ref));
            }
            _ => {}
        }
        // A listing that already carries this ref may be updated only as the listing of the
        // organisation the record names (never moved to another owner).
        if let Some(existing) = existing.get(l.side, &l.r#ref) {
            let owner = owners.by_id(db, existing.organisation_id).await?;
            let same_owner = owner.as_ref().is_some_and(|o| o.external_ref.as_deref() == Some(l.owner_ref.as_str()));
            let in_scope = owner.as_ref().is_some_and(|o| scope.is_none_or(|j| jurisdiction_covers(j, &o.region_code)));
            if !same_owner || !in_scope {
                errors.push(format!(
                    "{} 参考编号：「{}」已是另一机构的{}，不能由本台账改动；请换一个参考编号",
                    place.0,
                    l.r#ref,
                    if l.side == Side::Offer { "帮扶资源" } else { "需求" }
                ));
            }
        }
    }
    drop((existing, seen, in_file, owners));
    if !errors.is_empty() {
        return Err(LedgerError::Invalid(errors));
    }

    progress.set_length(total);
    let mut summary = LedgerSummary { records: total, ..Default::default() };
    let txn = crate::db::write(db).await?;
    let mut org_ids: HashMap<String, i32> = HashMap::new();
    for (_, o) in &orgs {
        let (id, change) = upsert_org(&txn, sealer, o, actor, now).await?;
        org_ids.insert(o.r#ref.clone(), id);
        summary.count(change);
        progress.inc(1);
    }
    // Read again inside the transaction: what is written is decided on what is there now.
    let existing = Existing::load(&txn, &lists).await?;
    drop(lists);
    let mut owners = Owners::default();
    // The listing records are read from the file a second time, a batch at a time; the checks
    // passed above, and their regions are known (`served`), so no record fails or asks again.
    let mut batch: Vec<ListingRecord> = Vec::with_capacity(INSERT_BATCH);
    let mut records = Records::read(bytes, format)?.each();
    loop {
        let next = records.next();
        if let Some(raw) = next.as_ref() {
            let raw = match raw {
                Ok(raw) => raw,
                Err(e) => return Err(LedgerError::Read(e.to_string())),
            };
            let side = match raw.kind {
                Kind::Organisation => continue,
                Kind::Offer => Side::Offer,
                Kind::Need => Side::Need,
            };
            let mut problems = Vec::new();
            match check_listing(&txn, raw, side, today, &mut served, &mut problems).await? {
                Some(l) => batch.push(l),
                None => return Err(LedgerError::Invalid(problems)),
            }
            if batch.len() < INSERT_BATCH {
                continue;
            }
        }
        // Changed records one by one; new ones a few hundred per statement.
        let mut fresh: Vec<(i32, &ListingRecord)> = Vec::new();
        for l in &batch {
            let owner = match org_ids.get(&l.owner_ref) {
                Some(id) => *id,
                None => owners
                    .by_ref(&txn, &l.owner_ref)
                    .await?
                    .map(|o| o.id)
                    .ok_or_else(|| LedgerError::Invalid(vec![format!("找不到机构「{}」", l.owner_ref)]))?,
            };
            match existing.get(l.side, &l.r#ref) {
                Some(e) => summary.count(upsert_listing(&txn, l, Some(e), owner, actor, now).await?),
                None => fresh.push((owner, l)),
            }
        }
        summary.inserted += insert_new(&txn, &fresh, actor, now).await?;
        progress.inc(batch.len() as u64);
        batch.clear();
        if next.is_none() {
            break;
        }
    }
    crate::db::commit(txn).await?;
    progress.finish_and_clear();
    Ok(summary)
}

/// The listings that already carry the refs of a file's records (a query per 500 refs).
struct Existing {
    offers: HashMap<String, Listing>,
    needs: HashMap<String, Listing>,
}

impl Existing {
    async fn load<C: ConnectionTrait>(db: &C, lists: &[(Place, ListingKey)]) -> Result<Self, sea_orm::DbErr> {
        let refs =
            |side| lists.iter().filter(|(_, l)| l.side == side).map(|(_, l)| l.r#ref.as_str()).collect::<Vec<_>>();
        Ok(Self {
            offers: listings::find_many_by_ref(db, Side::Offer, &refs(Side::Offer)).await?,
            needs: listings::find_many_by_ref(db, Side::Need, &refs(Side::Need)).await?,
        })
    }

    fn get(&self, side: Side, r#ref: &str) -> Option<&Listing> {
        match side {
            Side::Offer => self.offers.get(r#ref),
            Side::Need => self.needs.get(r#ref),
        }
    }
}

/// Organisations already in the database, each looked up once per import.
#[derive(Default)]
struct Owners {
    by_ref: HashMap<String, Option<organisation::Model>>,
    by_id: HashMap<i32, Option<organisation::Model>>,
}

impl Owners {
    async fn by_ref<C: ConnectionTrait>(
        &mut self,
        db: &C,
        r: &str,
    ) -> Result<Option<&organisation::Model>, sea_orm::DbErr> {
        if !self.by_ref.contains_key(r) {
            let found = organisation::Entity::find().filter(organisation::Column::ExternalRef.eq(r)).one(db).await?;
            self.by_ref.insert(r.to_owned(), found);
        }
        Ok(self.by_ref.get(r).and_then(Option::as_ref))
    }

    async fn by_id<C: ConnectionTrait>(
        &mut self,
        db: &C,
        id: i32,
    ) -> Result<Option<&organisation::Model>, sea_orm::DbErr> {
        if let std::collections::hash_map::Entry::Vacant(slot) = self.by_id.entry(id) {
            slot.insert(organisation::Entity::find_by_id(id).one(db).await?);
        }
        Ok(self.by_id.get(&id).and_then(Option::as_ref))
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Change {
    Inserted,
    Updated,
    Unchanged,
}

impl LedgerSummary {
    fn count(&mut self, c: Change) {
        match c {
            Change::Inserted => self.inserted += 1,
            Change::Updated => self.updated += 1,
            Change::Unchanged => self.unchanged += 1,
        }
    }
}

/// Writes the record's fields; phones sealed.
fn apply_org(am: &mut organisation::ActiveModel, o: &OrgRecord, sealer: &crate::crypto::Sealer) {
    am.kind = Set(o.kind.code().into());
    am.name = Set(o.name.clone());
    am.region_code = Set(o.region_code.clone());
    am.uscc = Set(o.uscc.clone());
    am.industry_code = Set(o.industry_code.clone());
    am.address = Set(o.address.clone());
    am.contact_name = Set(o.contact_name.clone());
    am.contact_phone = Set(sealer.seal_opt(o.contact_phone.as_deref()));
    am.population = Set(o.population);
    am.poor_households = Set(o.poor_households);
    am.poor_population = Set(o.poor_population);
    am.registered_poor = Set(o.registered_poor);
    if o.categories.is_some() {
        am.categories = Set(o.categories.clone());
    }
    am.main_industries = Set(o.main_industries.clone());
    am.first_secretary = Set(o.first_secretary.clone());
    am.first_secretary_phone = Set(sealer.seal_opt(o.first_secretary_phone.as_deref()));
    am.party_secretary = Set(o.party_secretary.clone());
    am.party_secretary_phone = Set(sealer.seal_opt(o.party_secretary_phone.as_deref()));
}

/// The record a stored organisation would be imported from (phones opened).
fn org_record_of(m: &organisation::Model, r: &str, sealer: &crate::crypto::Sealer) -> Option<OrgRecord> {
    Some(OrgRecord {
        r#ref: r.to_owned(),
        kind: OrgKind::parse(&m.kind)?,
        name: m.name.clone(),
        region_code: m.region_code.clone(),
        uscc: m.uscc.clone(),
        industry_code: m.industry_code.clone(),
        address: m.address.clone(),
        contact_name: m.contact_name.clone(),
        contact_phone: sealer.open_opt(m.contact_phone.as_deref()),
        population: m.population,
        poor_households: m.poor_households,
        poor_population: m.poor_population,
        registered_poor: m.registered_poor,
        categories: m.categories.clone(),
        main_industries: m.main_industries.clone(),
        first_secretary: m.first_secretary.clone(),
        first_secretary_phone: sealer.open_opt(m.first_secretary_phone.as_deref()),
        party_secretary: m.party_secretary.clone(),
        party_secretary_phone: sealer.open_opt(m.party_secretary_phone.as_deref()),
    })
}

/// Inserts or updates one organisation by ref. Imported organisations come from an office's
/// own ledger and so start verified.
async fn upsert_org<C: ConnectionTrait>(
    db: &C,
    sealer: &crate::crypto::Sealer,
    o: &OrgRecord,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<(i32, Change), LedgerError> {
    let existing =
        organisation::Entity::find().filter(organisation::Column::ExternalRef.eq(o.r#ref.clone())).one(db).await?;
    let (saved, change, before) = match existing {
        // An empty 村类别 keeps the office's filing, so it does not count as a change.
        Some(m)
            if org_record_of(&m, &o.r#ref, sealer)
                .map(|mut stored| {
                    if o.categories.is_none() {
                        stored.categories = None;
                    }
                    stored
                })
                .as_ref()
                == Some(o) =>
        {
            return Ok((m.id, Change::Unchanged));
        }
        Some(m) => {
            let before = serde_json::to_value(&m).ok();
            let mut am: organisation::ActiveModel = m.into();
            apply_org(&mut am, o, sealer);
            am.updated_at = Set(now);
            (am.update(db).await?, Change::Updated, before)
        }
        None => {
            let mut am = organisation::ActiveModel {
                external_ref: Set(Some(o.r#ref.clone())),
                status: Set(OrgStatus::Verified.code().into()),
                verified_at: Set(Some(now)),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            };
            apply_org(&mut am, o, sealer);
            (am.insert(db).await?, Change::Inserted, None)
        }
    };
    outbox::record(db, now, "organisation", saved.id, "upsert").await?;
    audit::record(
        db,
        now,
        actor,
        Event {
            action: if change == Change::Inserted { "organisation.import" } else { "organisation.import_update" },
            entity: "organisation",
            entity_id: saved.id.to_string(),
            before,
            after: serde_json::to_value(&saved).ok(),
        },
    )
    .await?;
    Ok((saved.id, change))
}

fn same_listing(l: &Listing, owner: i32, r: &ListingRecord) -> bool {
    l.organisation_id == owner
        && l.status == r.status
        && l.kind == r.input.kind
        && l.title == r.input.title
        && l.body == r.input.body
        && l.amount_fen == r.input.amount.0
        && l.quantity == r.input.quantity
        && l.unit == r.input.unit
        && l.valid_from == r.input.valid_from
        && l.valid_until == r.input.valid_until
        && (l.side == Side::Offer || l.urgency == Some(r.input.urgency))
        && l.regions == r.input.regions
}

async fn upsert_listing<C: ConnectionTrait>(
    db: &C,
    r: &ListingRecord,
    existing: Option<&Listing>,
    owner: i32,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<Change, LedgerError> {
    if existing.is_some_and(|l| same_listing(l, owner, r)) {
        return Ok(Change::Unchanged);
    }
    let id = listings::write(db, r.side, existing.map(|l| l.id), owner, &r.input, r.status, Some(r.r#ref.clone()), now)
        .await?;
    // `write` leaves the publication time of an update alone; set it when first published.
    if existing.is_some_and(|l| l.published_at.is_none()) && r.status != ListingStatus::Draft {
        set_published(db, r.side, id, now).await?;
    }
    let after = listings::find(db, r.side, id).await?;
    outbox::record(db, now, r.side.table(), id, "upsert").await?;
    audit::record(
        db,
        now,
        actor,
        Event {
            action: if existing.is_some() { "listing.import_update" } else { "listing.import" },
            entity: r.side.table(),
            entity_id: id.to_string(),
            before: existing.and_then(|l| serde_json::to_value(l).ok()),
            after: after.as_ref().and_then(|l| serde_json::to_value(l).ok()),
        },
    )
    .await?;
    Ok(if existing.is_some() { Change::Updated } else { Change::Inserted })
}

/// New listings read from a ledger at a time.
const INSERT_BATCH: usize = 500;

/// Inserts new listings (owner, record) with their outbox rows and audit events, a statement
/// per few hundred of each; returns how many.
async fn insert_new<C: ConnectionTrait>(
    db: &C,
    fresh: &[(i32, &ListingRecord)],
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<u64, LedgerError> {
    let mut n = 0;
    for side in [Side::Offer, Side::Need] {
        let items: Vec<(i32, &ListingInput, ListingStatus, String)> = fresh
            .iter()
            .filter(|(_, l)| l.side == side)
            .map(|(owner, l)| (*owner, &l.input, l.status, l.r#ref.clone()))
            .collect();
        if items.is_empty() {
            continue;
        }
        let saved = listings::insert_many(db, side, &items, now).await?;
        let ids: Vec<i32> = saved.iter().map(|l| l.id).collect();
        outbox::record_many(db, now, side.table(), &ids, "upsert").await?;
        let events = saved
            .iter()
            .map(|l| Event {
                action: "listing.import",
                entity: side.table(),
                entity_id: l.id.to_string(),
                before: None,
                after: serde_json::to_value(l).ok(),
            })
            .collect();
        audit::record_many(db, now, actor, events).await?;
        n += saved.len() as u64;
    }
    Ok(n)
}

async fn set_published<C: ConnectionTrait>(
    db: &C,
    side: Side,
    id: i32,
    now: DateTime<Utc>,
) -> Result<(), sea_orm::DbErr> {
    match side {
        Side::Offer => {
            entity::offer::ActiveModel { id: Set(id), published_at: Set(Some(now)), ..Default::default() }
                .update(db)
                .await?;
        }
        Side::Need => {
            entity::need::ActiveModel { id: Set(id), published_at: Set(Some(now)), ..Default::default() }
                .update(db)
                .await?;
        }
    }
    Ok(())
}

/// The columns of each sheet of the ledger template, by key.
const TEMPLATE: &[(&str, &[&str])] = &[
    (
        "机构",
        &[
            "ref",
            "kind",
            "name",
            "region_code",
            "uscc",
            "industry_code",
            "address",
            "contact_name",
            "contact_phone",
            "population",
            "poor_households",
            "poor_population",
            "registered_poor",
            "categories",
            "main_industries",
            "first_secretary",
            "first_secretary_phone",
            "party_secretary",
            "party_secretary_phone",
        ],
    ),
    (
        "帮扶资源",
        &[
            "ref",
            "enterprise_ref",
            "kind",
            "title",
            "body",
            "amount_yuan",
            "quantity",
            "unit",
            "regions",
            "valid_from",
            "valid_until",
            "status",
        ],
    ),
    (
        "需求",
        &[
            "ref",
            "village_ref",
            "kind",
            "title",
            "body",
            "amount_yuan",
            "quantity",
            "unit",
            "urgency",
            "valid_from",
            "valid_until",
            "status",
        ],
    ),
];

/// An empty ledger to fill in Excel: one sheet per record kind headed in Chinese, and a sheet
/// 填写说明 (not imported) saying what goes in each column.
pub fn template_xlsx() -> anyhow::Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    for (name, keys) in TEMPLATE {
        let sheet = book.add_worksheet();
        sheet.set_name(*name)?;
        for (c, key) in keys.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, heading_of(key), &bold)?;
            sheet.set_column_width(
                c as u16,
                if matches!(*key, "name" | "title" | "body" | "address") { 28 } else { 14 },
            )?;
        }
    }
    let help = book.add_worksheet();
    help.set_name("填写说明")?;
    let notes = [
        ("参考编号", "本办台账里每条记录自己的编号，重复导入时据此更新，不会重复"),
        (
            "类型",
            "机构：企业 或 村委会；帮扶资源和需求：就业岗位、消费帮扶、产业合作、公益捐赠、技能培训、技术指导、基础设施",
        ),
        ("区划代码", "12 位统计用区划代码；村委会填本村的代码"),
        ("企业参考编号 / 村参考编号", "帮扶资源、需求所属机构的参考编号（同一文件里或以前导入过的）"),
        ("服务地区", "区划代码，多个用 ; 或 、 分隔"),
        ("金额（元）", "以元为单位，最多两位小数"),
        ("有效期自 / 有效期至", "日期，如 2026-12-31"),
        ("建档立卡村", "是 或 否"),
        ("状态", "可不填（默认已发布）"),
    ];
    help.write_string_with_format(0, 0, "列名", &bold)?;
    help.write_string_with_format(0, 1, "怎么填", &bold)?;
    for (i, (h, how)) in notes.iter().enumerate() {
        help.write_string(i as u32 + 1, 0, *h)?;
        help.write_string(i as u32 + 1, 1, *how)?;
    }
    help.set_column_width(0, 24)?;
    help.set_column_width(1, 90)?;
    Ok(book.save_to_buffer()?)
}
