//! Watching for relapse (防止返贫致贫监测, issue 16). A household at risk of falling (back) into
//! poverty comes to light through one of three channels — its own application (a cadre may file
//! it for the household), the village's routine check, or an office's data alert — and follows
//! the published steps, each with its deadline:
//!
//! 1. home visit (入户核实) by the village, within [`VISIT_WORKING_DAYS`] working days of the signal;
//! 2. the village's democratic review (村民代表评议);
//! 3. the village notice (村内公示) for at least [`NOTICE_DAYS`] days — the printed notice shows
//!    the head's name and the household's size only: never an ID, phone, bank or health detail,
//!    nor the kind of risk;
//! 4. the township's review (乡镇审核), recorded by the county office;
//! 5. the county's decision (县级审定), within [`DECIDE_DAYS`] days of the first signal — taken
//!    into monitoring under a category, or not;
//! 6. help measures (帮扶措施), within [`MEASURE_DAYS`] days of the decision; a measure may be an
//!    offer on the platform (a job, a course, a purchase);
//! 7. leaving monitoring when the risk is cleared (风险消除), with the reason.
//!
//! A step past its deadline is flagged on the case, in the office's work queue (radar) and, once
//! per stage, in the inbox of the village (for its own steps) and of the offices covering it.
//! Each step is one conditional update on the case's stage with its audit event: of two people
//! recording the same step at once, one succeeds and the other is told what was recorded.
//!
//! Private as the household register is: the village, the offices covering it and auditors;
//! never on a public page, in the API or in an export. Audit events name no one.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use entity::{household, monitoring_case, monitoring_step, offer, organisation};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde::{Deserialize, Serialize};

use super::households::{self, ERASED, MAX_MEMBERS};
use crate::accounts::FieldErrors;
use crate::audit::{self, Actor, Event};
use crate::auth::Role;
use crate::auth::guard::SessionUser;
use crate::crypto::Sealer;
use crate::domain::{OrgKind, OrgStatus, vocabulary};
use crate::error::{AppError, Result};

/// Working days after the signal by which the home visit is due.
pub const VISIT_WORKING_DAYS: u32 = 5;
/// Days after the first signal by which the county decides.
pub const DECIDE_DAYS: i64 = 15;
/// The shortest village notice, in days.
pub const NOTICE_DAYS: i64 = 5;
/// Days after the decision by which help measures are assigned.
pub const MEASURE_DAYS: i64 = 15;
/// How far back a first signal may be dated.
const SIGNAL_DAYS_BACK: i64 = 366;

vocabulary!(
    /// How a household at risk came to light.
    Channel {
        Application = "application", "农户自主申报";
        VillageCheck = "village_check", "村级日常排查";
        DataAlert = "data_alert", "部门数据预警";
    }
);

vocabulary!(
    /// The kind of risk (private: it may name an illness).
    Risk {
        Illness = "illness", "因病";
        Disability = "disability", "因残";
        Schooling = "schooling", "因学";
        Disaster = "disaster", "因灾";
        Accident = "accident", "因意外事故";
        Work = "work", "务工就业不稳";
        Business = "business", "产业经营失败";
        Housing = "housing", "住房安全";
        Water = "water", "饮水安全";
        Other = "other", "其他";
    }
);

vocabulary!(
    /// The category the county takes a household in under.
    Category {
        Unstable = "unstable", "脱贫不稳定户";
        Edge = "edge", "边缘易致贫户";
        Sudden = "sudden", "突发严重困难户";
    }
);

vocabulary!(
    /// A help measure's kind.
    Measure {
        Industry = "industry", "产业帮扶";
        Employment = "employment", "就业帮扶";
        Training = "training", "技能培训";
        Consumption = "consumption", "消费帮扶";
        Education = "education", "教育帮扶";
        Health = "health", "健康帮扶";
        Welfare = "welfare", "兜底保障";
        Other = "other", "其他";
    }
);

vocabulary!(
    /// Where a case stands.
    Stage {
        Visit = "visit", "待入户核实";
        Review = "review", "待村民代表评议";
        Notice = "notice", "待村内公示";
        Township = "township", "公示中，待乡镇审核";
        County = "county", "待县级审定";
        Measures = "measures", "待落实帮扶措施";
        Watching = "watching", "监测帮扶中";
        Cleared = "cleared", "风险已消除";
        Declined = "declined", "未纳入监测";
    }
);

impl Stage {
    /// Whether the case is over.
    pub fn closed(self) -> bool {
        matches!(self, Stage::Cleared | Stage::Declined)
    }

    /// Whether the village records this step (else the county office).
    pub fn village_step(self) -> bool {
        matches!(self, Stage::Visit | Stage::Review | Stage::Notice)
    }

    /// The open stages, in order.
    pub const OPEN: &'static [Stage] =
        &[Stage::Visit, Stage::Review, Stage::Notice, Stage::Township, Stage::County, Stage::Measures, Stage::Watching];
}

/// The step a case's record shows, by the stored code.
pub fn step_label(code: &str) -> &'static str {
    match code {
        "signal" => "发现风险",
        "visit" => "入户核实",
        "review" => "村民代表评议",
        "notice" => "村内公示",
        "township" => "乡镇审核",
        "county" => "县级审定",
        "measure" => "落实帮扶措施",
        "cleared" => "风险消除，退出监测",
        "declined" => "不纳入监测",
        _ => "记录",
    }
}

/// A stored value of a monitoring audit event in words (the trail keeps the codes).
pub fn value_label(key: &str, code: &str) -> String {
    let word = match key {
        "stage" => Stage::parse(code).map(Stage::label),
        "channel" => Channel::parse(code).map(Channel::label),
        "category" => Category::parse(code).map(Category::label),
        "measure" => Measure::parse(code).map(Measure::label),
        "step" => Some(step_label(code)),
        _ => None,
    };
    match word {
        Some(w) => w.to_owned(),
        None if key.ends_with("_on") => NaiveDate::parse_from_str(code, "%Y-%m-%d")
            .map_or_else(|_| code.to_owned(), |d| d.format("%Y年%-m月%-d日").to_string()),
        None => code.to_owned(),
    }
}

/// When the current stage is due, if it has a deadline.
pub fn due(c: &monitoring_case::Model) -> Option<NaiveDate> {
    match Stage::parse(&c.stage)? {
        Stage::Visit => Some(c.visit_due),
        Stage::Review | Stage::Notice | Stage::Township | Stage::County => Some(c.decide_due),
        Stage::Measures => c.measures_due,
        _ => None,
    }
}

/// Days the current stage is past its deadline on `today` (0 when not).
pub fn overdue_days(c: &monitoring_case::Model, today: NaiveDate) -> i64 {
    due(c).map_or(0, |d| Ord::max((today - d).num_days(), 0))
}

/// Whether `user` may read the cases of `village`: as its household register.
pub fn may_read(user: &SessionUser, village: &organisation::Model) -> bool {
    households::may_read(user, village)
}

/// Whether `user` may record the current step of a case of `village`: the village's own
/// verified staff for its steps (visit, review, notice), an office covering the village for the
/// township's and county's steps and the clearing; both for help measures.
pub fn may_act(user: &SessionUser, village: &organisation::Model, stage: Stage) -> bool {
    if stage.closed() {
        return false;
    }
    match user.role {
        Role::Office => user.covers(&village.region_code) && !stage.village_step(),
        Role::Village => {
            user.organisation_id == Some(village.id)
                && user.organisation_status == Some(OrgStatus::Verified)
                && (stage.village_step() || matches!(stage, Stage::Measures | Stage::Watching))
        }
        _ => false,
    }
}

/// Whether `text` holds a run of digits as long as a phone, ID card or bank account number.
pub fn has_personal_number(text: &str) -> bool {
    let mut run = 0;
    for c in text.chars() {
        if c.is_ascii_digit() || ('０'..='９').contains(&c) {
            run += 1;
            if run >= 11 {
                return true;
            }
        } else if c != ' ' && c != '-' {
            run = 0;
        }
    }
    crate::auth::contains_mobile(text)
}

/// Checks a note: `min`–300 characters, no number that could be a phone, an ID or a bank
/// account.
fn note_ok(raw: &str, field: &str, what: &str, min: usize, errors: &mut FieldErrors) -> String {
    let t = raw.trim().to_owned();
    let n = t.chars().count();
    if n < min || n > 300 {
        errors.push((field.into(), format!("请填写{what}（{min}–300 字）")));
    } else if has_personal_number(&t) {
        errors.push((field.into(), "请不要写入身份证号、电话或银行卡号".into()));
    }
    t
}

/// What a village or office types to file a household at risk.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FileForm {
    /// The village's 12-digit region code (an office filing).
    pub village: String,
    /// The household's id on the village's register, or empty for one not on it.
    pub household: String,
    pub head_name: String,
    pub members: String,
    pub channel: String,
    pub risk: String,
    pub signal_on: String,
    pub note: String,
}

/// The filing form's fields, in order.
pub const FILE_FIELDS: &[&str] =
    &["village", "household", "head_name", "members", "channel", "risk", "signal_on", "note"];

/// The village a filing is for: the user's own, or (an office) the verified village of the
/// code typed, inside its jurisdiction.
async fn filing_village<C: ConnectionTrait>(
    db: &C,
    user: &SessionUser,
    form: &FileForm,
) -> Result<std::result::Result<organisation::Model, String>> {
    let found = match user.role {
        Role::Village => match user.organisation_id {
            Some(id) => organisation::Entity::find_by_id(id).one(db).await?,
            None => None,
        },
        Role::Office => {
            let code = form.village.trim();
            if code.len() != 12 || !code.chars().all(|c| c.is_ascii_digit()) {
                return Ok(Err("请填写村的 12 位区划代码".into()));
            }
            organisation::Entity::find()
                .filter(organisation::Column::Kind.eq(OrgKind::Village.code()))
                .filter(organisation::Column::RegionCode.eq(code))
                .filter(organisation::Column::Status.eq(OrgStatus::Verified.code()))
                .one(db)
                .await?
        }
        _ => return Err(AppError::Forbidden),
    };
    Ok(match found {
        Some(v) if v.kind == OrgKind::Village.code() && (user.role == Role::Village || user.covers(&v.region_code)) => {
            if user.role == Role::Village && v.status != OrgStatus::Verified.code() {
                return Err(AppError::Forbidden);
            }
            Ok(v)
        }
        Some(v) => Err(format!("{} 不在本办辖区", v.name)),
        None => Err("找不到这个区划代码的已认证村".into()),
    })
}

/// Files a household at risk: checked whole (every wrong field named), then the case and its
/// first step in one transaction with the audit event. A household already watched (an open
/// case) is refused with 409 naming that case.
pub async fn file(
    db: &DatabaseConnection,
    sealer: &Sealer,
    user: &SessionUser,
    form: &FileForm,
    now: DateTime<Utc>,
) -> Result<monitoring_case::Model> {
    let today = crate::clock::to_shanghai(now).date_naive();
    let mut errors = FieldErrors::new();
    let village = match filing_village(db, user, form).await? {
        Ok(v) => Some(v),
        Err(why) => {
            errors.push(("village".into(), why));
            None
        }
    };
    let channel = Channel::parse(form.channel.trim());
    match channel {
        None => errors.push(("channel".into(), "请选择风险的发现渠道".into())),
        Some(Channel::DataAlert) if user.role != Role::Office => {
            errors.push(("channel".into(), "部门数据预警由扶贫办登记；村里请选择农户自主申报或村级日常排查".into()));
        }
        _ => {}
    }
    let risk = Risk::parse(form.risk.trim());
    if risk.is_none() {
        errors.push(("risk".into(), "请选择风险类型".into()));
    }
    let signal = crate::listings::parse_date(&form.signal_on, "signal_on", &mut errors);
    match signal {
        None if form.signal_on.trim().is_empty() => {
            errors.push(("signal_on".into(), "请填写发现风险的日期".into()));
        }
        Some(d) if d > today || d < today - Duration::days(SIGNAL_DAYS_BACK) => {
            errors.push(("signal_on".into(), "发现日期应在一年内，且不晚于今天".into()));
        }
        _ => {}
    }
    let note = note_ok(&form.note, "note", "发现的情况", 4, &mut errors);
    // The household: one on the register, or a name and size for one not on it.
    let mut on_register: Option<household::Model> = None;
    let (mut head, mut members) = (String::new(), 0);
    // Typed by hand: the size is asked only when the name is not on the register (below).
    let mut typed_members: Option<Option<i32>> = None;
    if form.household.trim().is_empty() {
        head = form.head_name.trim().to_owned();
        if !households::name_ok(&head) {
            errors.push(("head_name".into(), "请填写户主姓名（2–20 个字，不含数字）".into()));
        }
        typed_members = Some(form.members.trim().parse::<i32>().ok().filter(|n| (1..=MAX_MEMBERS).contains(n)));
    } else if let Some(v) = &village {
        let found = match form.household.trim().parse::<i32>() {
            Ok(id) => household::Entity::find_by_id(id).one(db).await?.filter(|h| h.village_id == v.id),
            Err(_) => None,
        };
        match found {
            Some(h) if h.head_name == ERASED => {
                errors.push((
                    "household".into(),
                    "这户已退出建档立卡多年，信息已按期删除；请按不在名单的农户登记".into(),
                ));
            }
            Some(h) => {
                members = h.members;
                on_register = Some(h);
            }
            None => errors.push(("household".into(), "请在本村的建档立卡名单中选择这一户".into())),
        }
    }
    // A name typed by hand that is on the village's register is that household (an office's
    // form has no list to pick from); two households of that name ask for the list.
    if on_register.is_none()
        && households::name_ok(&head)
        && let Some(v) = &village
    {
        let same: Vec<household::Model> = household::Entity::find()
            .filter(household::Column::VillageId.eq(v.id))
            .filter(household::Column::LeftYear.is_null())
            .all(db)
            .await?
            .into_iter()
            .filter(|h| households::open_name(&h.head_name, sealer) == head)
            .collect();
        match same.len() {
            0 => {}
            1 => {
                members = same[0].members;
                on_register = same.into_iter().next();
            }
            _ => errors.push((
                "head_name".into(),
                format!("本村建档立卡名单中有 {} 户户主叫「{head}」，请由村里在名单中选择是哪一户", same.len()),
            )),
        }
    }
    if on_register.is_none()
        && let Some(typed) = typed_members
    {
        // One already watched by that name is named before its size is asked for.
        if let Some(v) = &village
            && households::name_ok(&head)
        {
            let watched = monitoring_case::Entity::find()
                .filter(monitoring_case::Column::VillageId.eq(v.id))
                .filter(monitoring_case::Column::HouseholdId.is_null())
                .filter(monitoring_case::Column::Stage.is_in(Stage::OPEN.iter().map(|s| s.code())))
                .all(db)
                .await?
                .into_iter()
                .find(|c| households::open_name(&c.head_name, sealer) == head);
            if let Some(c) = watched {
                return Err(AppError::Conflict(already_watched(&c)));
            }
        }
        match typed {
            Some(n) => members = n,
            None => errors
                .push(("members".into(), format!("不在建档立卡名单的农户，家庭人口应为 1 到 {MAX_MEMBERS} 的整数"))),
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let (Some(village), Some(channel), Some(risk), Some(signal)) = (village, channel, risk, signal) else {
        return Err(AppError::field("_form", "表单内容不完整"));
    };
    let calendar = super::workdays::load(db).await?;
    let txn = crate::db::write(db).await?;
    // Under the write lock: is this household watched already (by its register row, or by the
    // name kept for one not on the register)?
    let open_cases = monitoring_case::Entity::find()
        .filter(monitoring_case::Column::VillageId.eq(village.id))
        .filter(monitoring_case::Column::Stage.is_in(Stage::OPEN.iter().map(|s| s.code())))
        .all(&txn)
        .await?;
    let open = open_cases.into_iter().find(|c| match &on_register {
        Some(h) => c.household_id == Some(h.id),
        None => c.household_id.is_none() && households::open_name(&c.head_name, sealer) == head,
    });
    {
        if let Some(c) = open {
            return Err(AppError::Conflict(already_watched(&c)));
        }
    }
    let c = monitoring_case::ActiveModel {
        village_id: Set(village.id),
        household_id: Set(on_register.as_ref().map(|h| h.id)),
        head_name: Set(if on_register.is_some() { String::new() } else { sealer.seal(&head) }),
        members: Set(members),
        channel: Set(channel.code().to_owned()),
        risk: Set(risk.code().to_owned()),
        signal_on: Set(signal),
        visit_due: Set(calendar.add_working_days(signal, VISIT_WORKING_DAYS)),
        decide_due: Set(signal + Duration::days(DECIDE_DAYS)),
        measures_due: Set(None),
        stage: Set(Stage::Visit.code().to_owned()),
        notice_from: Set(None),
        category: Set(None),
        closed_on: Set(None),
        warned: Set(None),
        filed_by: Set(user.id),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    add_step(&txn, c.id, "signal", signal, &note, None, None, user.id, now).await?;
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: "monitoring.file",
            entity: "monitoring_case",
            entity_id: c.id.to_string(),
            before: None,
            after: Some(serde_json::json!({
                "village_id": village.id,
                "channel": channel.code(),
                "on_register": on_register.is_some(),
                "signal_on": signal.to_string(),
            })),
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok(c)
}

/// The refusal of a household watched already, naming its case.
fn already_watched(c: &monitoring_case::Model) -> String {
    format!(
        "这一户已在监测中（第 {} 号监测户，{}），请在该事项中继续办理",
        c.id,
        Stage::parse(&c.stage).map_or("", Stage::label)
    )
}

#[expect(clippy::too_many_arguments, reason = "one row's columns")]
async fn add_step<C: ConnectionTrait>(
    db: &C,
    case: i32,
    step: &str,
    on: NaiveDate,
    note: &str,
    measure: Option<Measure>,
    offer: Option<i32>,
    user: i32,
    now: DateTime<Utc>,
) -> Result<()> {
    monitoring_step::ActiveModel {
        case_id: Set(case),
        step: Set(step.to_owned()),
        done_on: Set(on),
        note: Set(note.to_owned()),
        measure: Set(measure.map(|m| m.code().to_owned())),
        offer_id: Set(offer),
        user_id: Set(user),
        at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// What a user types to record a case's step.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct StepForm {
    /// The stage the user saw (the step is recorded only if the case still stands there).
    pub stage: String,
    /// `measure` or `clear` while watching; empty otherwise.
    pub action: String,
    pub done_on: String,
    pub note: String,
    /// `yes` or `no` for a review, township or county step.
    pub result: String,
    /// `yes`: the office confirms the risk is cleared (leaving monitoring).
    pub confirm: String,
    pub category: String,
    pub measure: String,
    /// An offer on the platform the measure uses (its id), or empty.
    pub offer: String,
}

/// The step form's fields, in order.
pub const STEP_FIELDS: &[&str] = &["done_on", "result", "category", "measure", "offer", "note", "confirm"];

/// What recording a step did, for the page to say.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub step: &'static str,
    pub stage: Stage,
}

/// Records the case's current step (or, while watching, a further measure or the clearing),
/// as one conditional update of its stage with the step row and the audit event. When the
/// case no longer stands where the user saw it, nothing is written and the 409 says where it
/// stands now.
pub async fn step(
    db: &DatabaseConnection,
    user: &SessionUser,
    case_id: i32,
    form: &StepForm,
    now: DateTime<Utc>,
) -> Result<Recorded> {
    let today = crate::clock::to_shanghai(now).date_naive();
    let c = monitoring_case::Entity::find_by_id(case_id).one(db).await?.ok_or(AppError::NotFound)?;
    let village = organisation::Entity::find_by_id(c.village_id).one(db).await?.ok_or(AppError::NotFound)?;
    if !may_read(user, &village) {
        return Err(AppError::NotFound);
    }
    let stage = Stage::parse(&c.stage).ok_or(AppError::NotFound)?;
    if Stage::parse(form.stage.trim()).is_none() {
        return Err(AppError::field("stage", "表单缺少办理步骤，请刷新页面后重新办理"));
    }
    if form.stage.trim() != c.stage {
        return Err(AppError::Conflict(now_stands(&c)));
    }
    if form.action.trim() == "clear" && stage != Stage::Watching {
        return Err(AppError::Conflict(format!(
            "第 {} 号监测户现在是「{}」：落实帮扶措施、进入监测帮扶后才能认定风险消除",
            c.id,
            stage.label()
        )));
    }
    if !may_act(user, &village, stage) {
        return Err(AppError::Forbidden);
    }
    let mut errors = FieldErrors::new();
    let on = crate::listings::parse_date(&form.done_on, "done_on", &mut errors);
    if on.is_none() && form.done_on.trim().is_empty() {
        errors.push(("done_on".into(), "请填写办理日期".into()));
    }
    let last = monitoring_step::Entity::find()
        .filter(monitoring_step::Column::CaseId.eq(c.id))
        .order_by_desc(monitoring_step::Column::DoneOn)
        .one(db)
        .await?
        .map_or(c.signal_on, |s| s.done_on);
    let clearing = stage == Stage::Watching && form.action.trim() == "clear";
    if let Some(d) = on
        && !clearing
        && (d > today || d < last)
    {
        errors.push(("done_on".into(), format!("办理日期应在 {last} 到今天之间")));
    }
    let yes = match form.result.trim() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    };
    let needs_result = matches!(stage, Stage::Review | Stage::Township | Stage::County);
    if needs_result && yes.is_none() {
        errors.push(("result".into(), "请选择结论".into()));
    }
    let measuring = matches!(stage, Stage::Measures) || (stage == Stage::Watching && !clearing);
    if clearing && user.role != Role::Office {
        return Err(AppError::Forbidden);
    }
    // A step that ends the case (a no, the clearing) needs its reason; others a short note.
    let ends = yes == Some(false) || clearing;
    let min = if ends || measuring || stage == Stage::Visit { 4 } else { 0 };
    let what = if ends {
        "理由"
    } else if measuring {
        "措施内容"
    } else {
        "办理情况"
    };
    let note = note_ok(&form.note, "note", what, min, &mut errors);
    let category = if stage == Stage::County && yes == Some(true) {
        let c = Category::parse(form.category.trim());
        if c.is_none() {
            errors.push(("category".into(), "请选择监测对象类型".into()));
        }
        c
    } else {
        None
    };
    let (mut measure, mut offer_id) = (None, None);
    if measuring {
        measure = Measure::parse(form.measure.trim());
        if measure.is_none() {
            errors.push(("measure".into(), "请选择措施类别".into()));
        }
        if !form.offer.trim().is_empty() {
            let found = match form.offer.trim().parse::<i32>() {
                Ok(id) => offer::Entity::find_by_id(id).one(db).await?,
                Err(_) => None,
            };
            match found {
                Some(o) => offer_id = Some(o.id),
                None => errors.push(("offer".into(), "请在列出的岗位、培训或收购信息中选择".into())),
            }
        }
    }
    if clearing {
        if form.confirm.trim() != "yes" {
            errors.push(("confirm".into(), "请勾选确认风险已经消除".into()));
        }
        let first_measure = monitoring_step::Entity::find()
            .filter(monitoring_step::Column::CaseId.eq(c.id))
            .filter(monitoring_step::Column::Step.eq("measure"))
            .order_by_asc(monitoring_step::Column::DoneOn)
            .one(db)
            .await?
            .map(|s| s.done_on);
        // Not before the latest step, and not on the day help began.
        let earliest = Ord::max(last, first_measure.map_or(last, |f| f + Duration::days(1)));
        if let Some(d) = on
            && (d > today || d < earliest)
        {
            errors.push((
                "done_on".into(),
                format!("认定日期应在 {earliest} 到今天之间：风险消除应在帮扶措施落实之后经过监测再认定"),
            ));
        }
    }
    if stage == Stage::Township
        && let (Some(from), Some(d)) = (c.notice_from, on)
        && d < from + Duration::days(NOTICE_DAYS)
    {
        errors.push((
            "done_on".into(),
            format!("村内公示自 {from} 起不少于 {NOTICE_DAYS} 天，{} 起才能审核", from + Duration::days(NOTICE_DAYS)),
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let Some(on) = on else { return Err(AppError::field("done_on", "请填写办理日期")) };
    let (step, next) = match stage {
        Stage::Visit => ("visit", Stage::Review),
        Stage::Review if yes == Some(true) => ("review", Stage::Notice),
        Stage::Notice => ("notice", Stage::Township),
        Stage::Township if yes == Some(true) => ("township", Stage::County),
        Stage::County if yes == Some(true) => ("county", Stage::Measures),
        Stage::Review | Stage::Township | Stage::County => ("declined", Stage::Declined),
        Stage::Measures => ("measure", Stage::Watching),
        Stage::Watching if clearing => ("cleared", Stage::Cleared),
        Stage::Watching => ("measure", Stage::Watching),
        Stage::Cleared | Stage::Declined => return Err(AppError::Conflict(now_stands(&c))),
    };
    let txn = crate::db::write(db).await?;
    let mut update = monitoring_case::Entity::update_many()
        .col_expr(monitoring_case::Column::Stage, Expr::value(next.code()))
        .col_expr(monitoring_case::Column::UpdatedAt, Expr::value(now))
        .filter(monitoring_case::Column::Id.eq(c.id))
        .filter(monitoring_case::Column::Stage.eq(stage.code()));
    if stage == Stage::Notice {
        update = update.col_expr(monitoring_case::Column::NoticeFrom, Expr::value(on));
    }
    if let Some(cat) = category {
        update = update
            .col_expr(monitoring_case::Column::Category, Expr::value(cat.code()))
            .col_expr(monitoring_case::Column::MeasuresDue, Expr::value(on + Duration::days(MEASURE_DAYS)));
    }
    if next.closed() {
        update = update.col_expr(monitoring_case::Column::ClosedOn, Expr::value(on));
    }
    // A measure added while watching leaves the stage as it is: the conditional update still
    // takes the row (and its write lock), so two measures never cross a clearing.
    let done = update.exec(&txn).await?;
    if done.rows_affected != 1 {
        drop(txn);
        let now_c = monitoring_case::Entity::find_by_id(c.id).one(db).await?.ok_or(AppError::NotFound)?;
        return Err(AppError::Conflict(now_stands(&now_c)));
    }
    // Under the write lock, what was read before it is read again: the same measure sent twice
    // (a double click, a page sent again) is kept once, and a clearing still comes after the
    // case's latest step and the day help began.
    let steps_now = monitoring_step::Entity::find().filter(monitoring_step::Column::CaseId.eq(c.id)).all(&txn).await?;
    if measuring
        && steps_now.iter().any(|s| {
            s.step == "measure"
                && s.done_on == on
                && s.note == note
                && s.measure.as_deref() == measure.map(|m| m.code())
        })
    {
        return Err(AppError::Conflict(format!("{on} 的这项措施已经登记过，没有重复登记")));
    }
    if clearing {
        let latest = steps_now.iter().map(|s| s.done_on).max().unwrap_or(c.signal_on);
        let first = steps_now.iter().filter(|s| s.step == "measure").map(|s| s.done_on).min();
        if on < latest || first.is_some_and(|f| on <= f) {
            return Err(AppError::Conflict(format!(
                "第 {} 号监测户刚登记了新的帮扶措施，风险消除应在其后经过监测再认定，本次没有退出监测",
                c.id
            )));
        }
    }
    add_step(&txn, c.id, step, on, &note, measure, offer_id, user.id, now).await?;
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: "monitoring.step",
            entity: "monitoring_case",
            entity_id: c.id.to_string(),
            before: Some(serde_json::json!({ "stage": stage.code() })),
            after: Some(serde_json::json!({
                "stage": next.code(),
                "step": step,
                "done_on": on.to_string(),
                "category": category.map(|c| c.code()),
                "measure": measure.map(|m| m.code()),
                "offer_id": offer_id,
            })),
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok(Recorded { step: step_label(step), stage: next })
}

/// Where a case stands now, for a refusal.
fn now_stands(c: &monitoring_case::Model) -> String {
    let stage = Stage::parse(&c.stage).map_or("", Stage::label);
    format!(
        "这一步已经办理过了（在另一个页面或由他人办理）：第 {} 号监测户现在是「{stage}」（{} 更新）。请看本页的最新记录后再办理。",
        c.id,
        crate::clock::to_shanghai(c.updated_at).format("%Y-%m-%d %H:%M")
    )
}

/// Erases what identifies a household in cases closed more than
/// [`households::RETENTION_YEARS`] full years before `now`'s year: the name kept for a household
/// not on the register, and every step's note (the steps, dates and counts stay). Returns how
/// many cases.
pub async fn erase_expired(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<u64> {
    use chrono::Datelike;
    let year = crate::clock::to_shanghai(now).year() - households::RETENTION_YEARS;
    let Some(before) = NaiveDate::from_ymd_opt(year, 1, 1) else { return Ok(0) };
    let expired = monitoring_case::Entity::find()
        .select_only()
        .column(monitoring_case::Column::Id)
        .filter(monitoring_case::Column::ClosedOn.lt(before))
        .filter(monitoring_case::Column::Warned.ne(ERASED).or(monitoring_case::Column::Warned.is_null()))
        .into_tuple::<i32>()
        .all(db)
        .await?;
    if expired.is_empty() {
        return Ok(0);
    }
    let txn = crate::db::write(db).await?;
    for chunk in expired.chunks(10_000) {
        monitoring_case::Entity::update_many()
            .col_expr(monitoring_case::Column::HeadName, Expr::value(ERASED))
            .col_expr(monitoring_case::Column::Warned, Expr::value(ERASED))
            .filter(monitoring_case::Column::Id.is_in(chunk.to_vec()))
            .filter(monitoring_case::Column::HouseholdId.is_null())
            .exec(&txn)
            .await?;
        monitoring_case::Entity::update_many()
            .col_expr(monitoring_case::Column::Warned, Expr::value(ERASED))
            .filter(monitoring_case::Column::Id.is_in(chunk.to_vec()))
            .exec(&txn)
            .await?;
        monitoring_step::Entity::update_many()
            .col_expr(monitoring_step::Column::Note, Expr::value(ERASED))
            .filter(monitoring_step::Column::CaseId.is_in(chunk.to_vec()))
            .exec(&txn)
            .await?;
    }
    audit::record(
        &txn,
        now,
        &Actor::system("retention"),
        Event {
            action: "monitoring.erased",
            entity: "monitoring_case",
            entity_id: String::new(),
            before: None,
            after: Some(serde_json::json!({ "count": expired.len(), "closed_before": before.to_string() })),
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok(expired.len() as u64)
}

/// Seals head names of households not on the register stored readable (written by the demo
/// loader); run when a node starts. Returns how many.
pub async fn seal_plain_names(db: &DatabaseConnection, sealer: &Sealer) -> Result<u64> {
    let plain: Vec<monitoring_case::Model> = monitoring_case::Entity::find()
        .filter(monitoring_case::Column::HeadName.ne(""))
        .filter(monitoring_case::Column::HeadName.not_like("s1:%"))
        .filter(monitoring_case::Column::HeadName.ne(ERASED))
        .all(db)
        .await?;
    if plain.is_empty() {
        return Ok(0);
    }
    let txn = crate::db::write(db).await?;
    for c in &plain {
        monitoring_case::ActiveModel { id: Set(c.id), head_name: Set(sealer.seal(&c.head_name)), ..Default::default() }
            .update(&txn)
            .await?;
    }
    crate::db::commit(txn).await?;
    Ok(plain.len() as u64)
}

/// The head's name of a case, opened (the register's when the household is on it).
pub fn head_of(c: &monitoring_case::Model, register: Option<&household::Model>, sealer: &Sealer) -> String {
    let sealed = match register {
        Some(h) => &h.head_name,
        None => &c.head_name,
    };
    households::open_name(sealed, sealer)
}

/// Cases of region `prefix` (every region when empty) still going through the steps (before
/// help is being given), the oldest signal first, at most `limit`.
pub async fn in_progress<C: ConnectionTrait>(db: &C, prefix: &str, limit: u64) -> Result<Vec<monitoring_case::Model>> {
    let steps = Stage::OPEN.iter().filter(|s| **s != Stage::Watching).map(|s| s.code());
    let mut q = monitoring_case::Entity::find()
        .filter(monitoring_case::Column::Stage.is_in(steps))
        .order_by_asc(monitoring_case::Column::SignalOn)
        .order_by_asc(monitoring_case::Column::Id)
        .limit(limit);
    if !prefix.is_empty() {
        q = q.filter(monitoring_case::Column::VillageId.in_subquery(crate::radar::villages_in(prefix)));
    }
    Ok(q.all(db).await?)
}

/// Open cases counted by village and stage in region `prefix` (every region when empty).
pub async fn counts<C: ConnectionTrait>(db: &C, prefix: &str) -> Result<BTreeMap<(i32, String), i64>> {
    let mut q = monitoring_case::Entity::find()
        .select_only()
        .column(monitoring_case::Column::VillageId)
        .column(monitoring_case::Column::Stage)
        .expr(Expr::cust("CAST(COUNT(*) AS BIGINT)"))
        .filter(monitoring_case::Column::Stage.is_in(Stage::OPEN.iter().map(|s| s.code())))
        .group_by(monitoring_case::Column::VillageId)
        .group_by(monitoring_case::Column::Stage);
    if !prefix.is_empty() {
        q = q.filter(monitoring_case::Column::VillageId.in_subquery(crate::radar::villages_in(prefix)));
    }
    Ok(q.into_tuple::<(i32, String, i64)>().all(db).await?.into_iter().map(|(v, s, n)| ((v, s), n)).collect())
}

/// The condition "the current step is past its deadline on `today`", in the database (most
/// open cases are being watched and have none, so they are never read).
fn late_on(today: NaiveDate) -> sea_orm::Condition {
    use monitoring_case::Column as C;
    let before_decision = [Stage::Review, Stage::Notice, Stage::Township, Stage::County].map(Stage::code);
    sea_orm::Condition::any()
        .add(C::Stage.eq(Stage::Visit.code()).and(C::VisitDue.lt(today)))
        .add(C::Stage.is_in(before_decision).and(C::DecideDue.lt(today)))
        .add(C::Stage.eq(Stage::Measures.code()).and(C::MeasuresDue.lt(today)))
}

/// Open cases of region `prefix` (every region when empty) whose current step is past its
/// deadline on `today`: how many, and the `limit` most overdue.
pub async fn overdue_in<C: ConnectionTrait>(
    db: &C,
    prefix: &str,
    today: NaiveDate,
    limit: u64,
) -> Result<(u64, Vec<monitoring_case::Model>)> {
    use sea_orm::PaginatorTrait;
    let mut q = monitoring_case::Entity::find().filter(late_on(today));
    if !prefix.is_empty() {
        q = q.filter(monitoring_case::Column::VillageId.in_subquery(crate::radar::villages_in(prefix)));
    }
    let count = q.clone().count(db).await?;
    let mut late: Vec<monitoring_case::Model> = q.all(db).await?;
    late.sort_by_key(|c| (std::cmp::Reverse(overdue_days(c, today)), c.id));
    late.truncate(limit as usize);
    Ok((count, late))
}

/// Sends, once per case and stage, the warning that a step is past its deadline: to the
/// village when the step is its own, and to every office covering the village. Returns how
/// many cases were warned.
pub async fn warn_overdue(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<usize> {
    let today = crate::clock::to_shanghai(now).date_naive();
    let late: Vec<monitoring_case::Model> = monitoring_case::Entity::find()
        .filter(late_on(today))
        .filter(
            monitoring_case::Column::Warned
                .is_null()
                .or(Expr::col(monitoring_case::Column::Warned).ne(Expr::col(monitoring_case::Column::Stage))),
        )
        .all(db)
        .await?;
    if late.is_empty() {
        return Ok(0);
    }
    let offices: Vec<organisation::Model> = organisation::Entity::find()
        .filter(organisation::Column::Kind.eq(OrgKind::Office.code()))
        .filter(organisation::Column::Status.eq(OrgStatus::Verified.code()))
        .all(db)
        .await?;
    let villages: HashMap<i32, organisation::Model> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(late.iter().map(|c| c.village_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|v| (v.id, v))
        .collect();
    let mut n = 0;
    for c in late {
        let (Some(v), Some(stage)) = (villages.get(&c.village_id), Stage::parse(&c.stage)) else { continue };
        let txn = crate::db::write(db).await?;
        // Under the write lock, only if no other node warned and the case has not moved.
        let marked = monitoring_case::Entity::update_many()
            .col_expr(monitoring_case::Column::Warned, Expr::value(stage.code()))
            .filter(monitoring_case::Column::Id.eq(c.id))
            .filter(monitoring_case::Column::Stage.eq(stage.code()))
            .filter(monitoring_case::Column::Warned.is_null().or(monitoring_case::Column::Warned.ne(stage.code())))
            .exec(&txn)
            .await?;
        if marked.rows_affected == 1 {
            let mut to: Vec<i32> = offices
                .iter()
                .filter(|o| crate::auth::guard::jurisdiction_covers(super::team::jurisdiction_of(o), &v.region_code))
                .map(|o| o.id)
                .collect();
            if stage.village_step() {
                to.push(v.id);
            }
            let title = format!(
                "防返贫监测逾期：{} 第 {} 号监测户「{}」应于 {} 前办理",
                v.name,
                c.id,
                stage.label(),
                due(&c).map(|d| d.to_string()).unwrap_or_default()
            );
            crate::pairings::notify(&txn, &to, &title, &format!("/monitoring/{}", c.id), now).await?;
            n += 1;
        }
        crate::db::commit(txn).await?;
    }
    Ok(n)
}

/// Live offers a measure may use: those serving the village's county, newest first (the first
/// page of the public list).
pub async fn offers_for<C: ConnectionTrait>(
    db: &C,
    village: &organisation::Model,
    today: NaiveDate,
) -> Result<Vec<crate::listings::Listing>> {
    let county = format!("{}000000", village.region_code.get(..6).unwrap_or(""));
    let filter = crate::listings::query::Filter { county, valid_now: "1".into(), ..Default::default() };
    Ok(crate::listings::query::page(
        db,
        crate::listings::Side::Offer,
        &crate::listings::query::Scope::Public,
        &filter,
        today,
    )
    .await?
    .items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_that_could_identify_someone_are_refused_in_notes() {
        assert!(has_personal_number("联系 13907950000"));
        assert!(has_personal_number("身份证 36090219800101123X"));
        assert!(has_personal_number("卡号 6222 0212 3456 7890 123"));
        assert!(!has_personal_number("家中 3 人，2026 年 11 月 住院 12 天"));
        assert!(!has_personal_number("收入 12000 元"));
    }

    #[test]
    fn each_stage_has_its_deadline() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("reads");
        let mut c = monitoring_case::Model {
            id: 1,
            village_id: 1,
            household_id: None,
            head_name: String::new(),
            members: 3,
            channel: "application".into(),
            risk: "illness".into(),
            signal_on: d("2026-11-02"),
            visit_due: d("2026-11-09"),
            decide_due: d("2026-11-17"),
            measures_due: None,
            stage: "visit".into(),
            notice_from: None,
            category: None,
            closed_on: None,
            warned: None,
            filed_by: 1,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        };
        assert_eq!(overdue_days(&c, d("2026-11-09")), 0);
        assert_eq!(overdue_days(&c, d("2026-11-12")), 3);
        c.stage = "township".into();
        assert_eq!(overdue_days(&c, d("2026-11-12")), 0);
        assert_eq!(overdue_days(&c, d("2026-11-20")), 3);
        c.stage = "measures".into();
        assert_eq!(overdue_days(&c, d("2026-12-30")), 0, "no deadline until the decision sets one");
        c.stage = "watching".into();
        assert_eq!(due(&c), None);
    }
}
