//! `qicun demo`: loads a believable 宜春 instance into an empty database, once, in one
//! transaction with its audit event.

mod data;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use entity::{
    agreement, contribution, industry, milestone, need, notice, objection, offer, offer_region, organisation, pairing,
    region,
};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait, Set};

use crate::audit::{self, Actor, Event};
use crate::auth::Role;
use crate::clock::to_shanghai;
use crate::domain::{
    AgreementStatus, ContributionKind, ContributionStatus, ListingStatus, NoticeStatus, ObjectionStatus, OrgKind,
    OrgStatus, PairingSource, PairingStatus,
};
use crate::outbox;

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "Demo2026";

/// Demo accounts: (login, name, role, which organisation).
#[derive(Clone, Copy, Debug)]
enum Home {
    None,
    CityOffice,
    CountyOffice,
    /// 南昌's office: reviews the firms registered there (one of them waits for it).
    OtherCityOffice,
    Enterprise(usize),
    Village(usize),
}

const DEMO_USERS: &[(&str, &str, Role, Home)] = &[
    ("admin", "系统管理员", Role::Admin, Home::None),
    ("security", "安全管理员", Role::Security, Home::None),
    ("auditor", "审计管理员", Role::Auditor, Home::None),
    ("yichun-fpb", "宜春市扶贫办 王审核", Role::Office, Home::CityOffice),
    ("yuanzhou-fpb", "袁州区扶贫办 李审核", Role::Office, Home::CountyOffice),
    ("nanchang-fpb", "南昌市扶贫办 涂审核", Role::Office, Home::OtherCityOffice),
    ("qiye01", "易建华", Role::Enterprise, Home::Enterprise(0)),
    ("qiye04", "邹春燕", Role::Enterprise, Home::Enterprise(3)),
    ("qiye05", "辛国平", Role::Enterprise, Home::Enterprise(4)),
    ("qiye14", "胡振宇", Role::Enterprise, Home::Enterprise(13)),
    ("qiye20", "涂子豪", Role::Enterprise, Home::Enterprise(19)),
    ("cun01", "黄德明", Role::Village, Home::Village(0)),
    ("cun04", "邹国强", Role::Village, Home::Village(3)),
    ("cun07", "龙春生", Role::Village, Home::Village(6)),
    ("cun03", "钟永春", Role::Village, Home::Village(2)),
    ("cun30", "陈火旺", Role::Village, Home::Village(29)),
    // Its agreement waits for it to countersign.
    ("cun12", "刘秀英", Role::Village, Home::Village(11)),
    // The demo's help unit (宜春市财政局): its own villages and assessment.
    ("danwei01", "宜春市财政局 帮扶联络员 严文", Role::HelpUnit, Home::None),
];

/// The demo logins with a note each, for printing.
pub fn logins() -> Vec<(String, String)> {
    DEMO_USERS
        .iter()
        .map(|(login, name, role, home)| {
            let note = match home {
                Home::Enterprise(19) | Home::Village(29) => format!("{}（{}，待审核）", role.label(), name),
                _ => format!("{}（{}）", role.label(), name),
            };
            ((*login).to_owned(), note)
        })
        .collect()
}

/// What `load` did, printed by the command.
#[derive(Debug, Default)]
pub struct DemoReport {
    pub skipped: bool,
    pub villages: usize,
    pub enterprises: usize,
    pub offers: usize,
    pub needs: usize,
    pub pairings: usize,
    pub agreements: usize,
    pub contributions: usize,
}

impl std::fmt::Display for DemoReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.skipped {
            writeln!(f, "数据库中已有机构数据，未重复加载演示数据。")?;
        } else {
            writeln!(
                f,
                "已加载宜春演示数据：村 {} 个，企业 {} 家，帮扶资源 {} 条，村级需求 {} 条，结对 {} 对，协议 {} 份，帮扶记录 {} 笔。",
                self.villages,
                self.enterprises,
                self.offers,
                self.needs,
                self.pairings,
                self.agreements,
                self.contributions
            )?;
        }
        writeln!(f, "演示账号（密码均为 {DEMO_PASSWORD}）：")?;
        for (login, note) in logins() {
            writeln!(f, "  {login:<14} {note}")?;
        }
        Ok(())
    }
}

/// Loads the demo unless the database already has organisations.
pub async fn load(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<DemoReport, DbErr> {
    let txn = crate::db::write(db).await?;
    if organisation::Entity::find().count(&txn).await? > 0 {
        return Ok(DemoReport { skipped: true, ..Default::default() });
    }
    let report = Loader { db: &txn, now, today: to_shanghai(now).date_naive() }.run().await?;
    crate::db::commit(txn).await?;
    Ok(report)
}

struct Loader<'a, C> {
    db: &'a C,
    now: DateTime<Utc>,
    today: NaiveDate,
}

fn phone(seed: usize) -> String {
    // Demo numbers in the 139 0795 range (宜春's area code), not real subscribers.
    format!("1390795{:04}", (seed * 7919) % 10_000)
}

fn county12(code6: &str) -> String {
    format!("{code6}000000")
}

/// A pairing of the demo: enterprise, village, offer, need, status, and what follows approval.
struct DemoPairing {
    enterprise: usize,
    village: usize,
    offer: usize,
    need: usize,
    source: PairingSource,
    status: PairingStatus,
    agreement: Option<AgreementStatus>,
}

const fn p(
    enterprise: usize,
    village: usize,
    offer: usize,
    need: usize,
    source: PairingSource,
    status: PairingStatus,
    agreement: Option<AgreementStatus>,
) -> DemoPairing {
    DemoPairing { enterprise, village, offer, need, source, status, agreement }
}

const PAIRINGS: &[DemoPairing] = &[
    p(0, 0, 0, 0, PairingSource::Matcher, PairingStatus::Approved, Some(AgreementStatus::Active)),
    p(3, 3, 9, 6, PairingSource::Village, PairingStatus::Approved, Some(AgreementStatus::Completed)),
    p(4, 6, 12, 12, PairingSource::Matcher, PairingStatus::Approved, Some(AgreementStatus::Active)),
    p(13, 2, 39, 5, PairingSource::Office, PairingStatus::Approved, Some(AgreementStatus::Active)),
    p(8, 18, 24, 36, PairingSource::Enterprise, PairingStatus::Approved, Some(AgreementStatus::Terminated)),
    // Drafted by the enterprise, waiting for the village to countersign.
    p(15, 11, 45, 22, PairingSource::Campaign, PairingStatus::Approved, Some(AgreementStatus::PendingVillage)),
    p(7, 15, 21, 30, PairingSource::Matcher, PairingStatus::PendingReview, None),
    p(5, 8, 15, 16, PairingSource::Village, PairingStatus::PendingReview, None),
    p(6, 12, 18, 24, PairingSource::Matcher, PairingStatus::AcceptedByEnterprise, None),
    p(9, 21, 27, 42, PairingSource::Matcher, PairingStatus::AcceptedByVillage, None),
    p(10, 25, 30, 50, PairingSource::Matcher, PairingStatus::Proposed, None),
    p(14, 13, 42, 26, PairingSource::Enterprise, PairingStatus::Rejected, None),
    p(2, 1, 6, 3, PairingSource::Matcher, PairingStatus::Declined, None),
    p(17, 1, 51, 2, PairingSource::Enterprise, PairingStatus::Withdrawn, None),
    // Approved 75 days ago and no agreement followed: lapsed after 60 days.
    p(11, 9, 33, 18, PairingSource::Matcher, PairingStatus::Lapsed, None),
];

/// Offers and needs not in the published state: (index, status).
const OFFER_STATES: &[(usize, ListingStatus)] = &[
    (59, ListingStatus::Draft),
    (56, ListingStatus::Expired),
    (44, ListingStatus::Withdrawn),
    (57, ListingStatus::Closed),
];
const NEED_STATES: &[(usize, ListingStatus)] = &[
    (59, ListingStatus::Draft),
    (53, ListingStatus::Expired),
    (47, ListingStatus::Closed),
    (41, ListingStatus::Withdrawn),
];

impl<C: ConnectionTrait> Loader<'_, C> {
    fn days_ago(&self, days: i64) -> DateTime<Utc> {
        self.now - Duration::days(days)
    }

    async fn run(&self) -> Result<DemoReport, DbErr> {
        self.regions().await?;
        self.industries().await?;
        let offices = self.offices().await?;
        let villages = self.villages().await?;
        let enterprises = self.enterprises().await?;
        let reviewer = self.users(&offices, &enterprises, &villages).await?;
        let offers = self.offers(&enterprises).await?;
        let needs = self.needs(&villages).await?;
        let (pairings, agreements, contributions) =
            self.pairings(&enterprises, &villages, &offers, &needs, reviewer).await?;
        self.plan(&offices[1]).await?;
        self.responsibilities(&offices, &villages).await?;
        self.ratings().await?;
        self.outcomes(&offices[0], &enterprises, reviewer).await?;
        self.stories(&offices, reviewer).await?;
        self.incomes(&villages, reviewer).await?;
        self.register(&villages, reviewer).await?;
        self.leaders(&villages, reviewer).await?;
        self.training(&offices[1], reviewer).await?;
        self.calendar().await?;
        self.monitoring(&villages, &offers, reviewer).await?;
        self.household_pairings(&villages, reviewer).await?;
        self.team(&offices).await?;
        self.worklog(&villages).await?;
        self.assets(&villages, reviewer).await?;
        self.programmes(&enterprises, &villages, reviewer).await?;
        let report = DemoReport {
            skipped: false,
            villages: villages.len(),
            enterprises: enterprises.len(),
            offers: offers.len(),
            needs: needs.len(),
            pairings,
            agreements,
            contributions,
        };
        audit::record(
            self.db,
            self.now,
            &Actor::system("demo"),
            Event {
                action: "demo.load",
                entity: "demo",
                entity_id: "yichun".into(),
                before: None,
                after: Some(serde_json::json!({
                    "villages": report.villages, "enterprises": report.enterprises, "offers": report.offers,
                    "needs": report.needs, "pairings": report.pairings, "agreements": report.agreements,
                    "contributions": report.contributions,
                })),
            },
        )
        .await?;
        Ok(report)
    }

    /// Inserts a region unless the official import already brought it.
    async fn region(&self, code: String, name: &str, level: i16, parent: Option<String>) -> Result<(), DbErr> {
        if region::Entity::find_by_id(code.clone()).one(self.db).await?.is_none() {
            region::ActiveModel {
                code: Set(code),
                name: Set(name.to_owned()),
                level: Set(level),
                parent_code: Set(parent),
            }
            .insert(self.db)
            .await?;
        }
        Ok(())
    }

    async fn regions(&self) -> Result<(), DbErr> {
        self.region("360000000000".into(), "江西省", 1, None).await?;
        self.region("360900000000".into(), "宜春市", 2, Some("360000000000".into())).await?;
        for (code, name) in data::COUNTIES {
            self.region(county12(code), name, 3, Some("360900000000".into())).await?;
        }
        for (code, name, level) in data::OUTSIDE {
            let parent = match level {
                1 => None,
                2 => Some(format!("{:0<12}", &code[..2])),
                _ => Some(format!("{:0<12}", &code[..4])),
            };
            self.region((*code).to_owned(), name, *level, parent).await?;
        }
        for (county, town, name) in data::TOWNSHIPS {
            self.region(format!("{county}{town}000"), name, 4, Some(county12(county))).await?;
        }
        for v in data::VILLAGES {
            let (county, town, _) = data::TOWNSHIPS[v.township];
            self.region(format!("{county}{town}{}", v.code3), v.name, 5, Some(format!("{county}{town}000"))).await?;
        }
        Ok(())
    }

    async fn industries(&self) -> Result<(), DbErr> {
        for (code, name, level, parent) in data::INDUSTRIES {
            if industry::Entity::find_by_id((*code).to_owned()).one(self.db).await?.is_none() {
                industry::ActiveModel {
                    code: Set((*code).to_owned()),
                    name: Set((*name).to_owned()),
                    level: Set(*level),
                    parent_code: Set(parent.map(str::to_owned)),
                }
                .insert(self.db)
                .await?;
            }
        }
        Ok(())
    }

    fn org(
        &self,
        kind: OrgKind,
        name: &str,
        region: String,
        status: OrgStatus,
        days: i64,
    ) -> organisation::ActiveModel {
        let created = self.days_ago(days);
        organisation::ActiveModel {
            kind: Set(kind.code().to_owned()),
            name: Set(name.to_owned()),
            region_code: Set(region),
            status: Set(status.code().to_owned()),
            verified_at: Set((status == OrgStatus::Verified).then(|| created + Duration::days(2))),
            registered_poor: Set(false),
            created_at: Set(created),
            updated_at: Set(created),
            ..Default::default()
        }
    }

    async fn offices(&self) -> Result<Vec<organisation::Model>, DbErr> {
        let mut out = Vec::new();
        for (name, code, seed) in [
            ("宜春市扶贫开发办公室", "360900000000", 1),
            ("袁州区扶贫开发办公室", "360902000000", 2),
            ("南昌市扶贫开发办公室", "360100000000", 3),
        ] {
            let mut o = self.org(OrgKind::Office, name, code.to_owned(), OrgStatus::Verified, 400);
            o.jurisdiction_code = Set(Some(code.to_owned()));
            o.contact_name = Set(Some("值班室".into()));
            o.contact_phone = Set(Some(phone(seed)));
            out.push(o.insert(self.db).await?);
        }
        Ok(out)
    }

    /// 袁州区's plan for 十五五, submitted: the city office has one to approve.
    async fn plan(&self, county_office: &organisation::Model) -> Result<(), DbErr> {
        use crate::domain::{PlanIndicator as I, PlanStatus};
        let p = entity::plan::ActiveModel {
            county_code: Set(county_office.jurisdiction_code.clone().unwrap_or_default()),
            period: Set("十五五".into()),
            start_year: Set(2026),
            end_year: Set(2030),
            status: Set(PlanStatus::Submitted.code().into()),
            office_id: Set(county_office.id),
            submitted_at: Set(Some(self.days_ago(2))),
            created_at: Set(self.days_ago(20)),
            updated_at: Set(self.days_ago(2)),
            ..Default::default()
        }
        .insert(self.db)
        .await?;
        for (i, year) in (2026..=2030).enumerate() {
            let step = i as i64 + 1;
            for (indicator, target) in [
                (I::VillagesPaired, 4 * step),
                (I::IndustryFen, 20_000_000 * step),
                (I::CharityFen, 5_000_000 * step),
                (I::Jobs, 30 * step),
                (I::Trainees, 50 * step),
                (I::Reached, 300 * step),
            ] {
                entity::plan_target::ActiveModel {
                    plan_id: Set(p.id),
                    year: Set(year),
                    indicator: Set(indicator.code().into()),
                    target: Set(target),
                }
                .insert(self.db)
                .await?;
            }
        }
        Ok(())
    }

    /// Who answers for 袁州区 and its villages: a city leader, a county leader (who took over
    /// from one whose post changed — the history), and a help unit.
    async fn responsibilities(
        &self,
        offices: &[organisation::Model],
        villages: &[organisation::Model],
    ) -> Result<(), DbErr> {
        use crate::domain::ResponsibilityKind as K;
        let Some(county) = offices.get(1).and_then(|o| o.jurisdiction_code.clone()) else { return Ok(()) };
        let prefix = &county[..6];
        let local: Vec<i32> = villages
            .iter()
            .filter(|v| v.region_code.starts_with(prefix) && v.status == OrgStatus::Verified.code())
            .map(|v| v.id)
            .collect();
        let day = |days: i64| self.days_ago(days).date_naive();
        // Kind, name, post, recording office, villages (of the county's), since, ended (when, why).
        type Row<'a> = (K, &'a str, &'a str, usize, &'a [usize], i64, Option<(i64, &'a str)>);
        let rows: [Row; 4] = [
            (K::CityLeader, "李卫东", "市委常委、副市长", 0, &[0], 330, None),
            (K::CountyLeader, "王海平", "区人大常委会副主任", 1, &[1, 2], 400, Some((120, "职务调整"))),
            (K::CountyLeader, "周敏", "区委常委、副区长", 1, &[1, 2], 119, None),
            (K::HelpUnit, "宜春市财政局", "市直机关", 0, &[0, 2], 300, None),
        ];
        for (kind, name, post, office, picks, since, ended) in rows {
            let r = entity::responsibility::ActiveModel {
                kind: Set(kind.code().into()),
                name: Set(name.into()),
                post: Set(post.into()),
                county_code: Set(county.clone()),
                from_date: Set(day(since)),
                to_date: Set(ended.map(|(d, _)| day(d))),
                end_reason: Set(ended.map(|(_, why)| why.to_owned())),
                office_id: Set(offices[office].id),
                created_at: Set(self.days_ago(since)),
                updated_at: Set(self.days_ago(ended.map_or(since, |(d, _)| d))),
                ..Default::default()
            }
            .insert(self.db)
            .await?;
            if kind == K::HelpUnit {
                use sea_orm::{ColumnTrait, QueryFilter};
                entity::user::Entity::update_many()
                    .col_expr(entity::user::Column::UnitId, sea_orm::sea_query::Expr::value(r.id))
                    .filter(entity::user::Column::Role.eq(Role::HelpUnit.code()))
                    .exec(self.db)
                    .await?;
            }
            for &i in picks {
                if let Some(&v) = local.get(i) {
                    entity::responsibility_village::ActiveModel { responsibility_id: Set(r.id), village_id: Set(v) }
                        .insert(self.db)
                        .await?;
                }
            }
        }
        Ok(())
    }

    /// The villages' ratings of completed agreements this year (群众满意度); agreements still in
    /// force are left for the villages to rate.
    async fn ratings(&self) -> Result<(), DbErr> {
        use chrono::Datelike;
        use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};
        let year = crate::clock::to_shanghai(self.now).year();
        let done = entity::agreement::Entity::find()
            .filter(entity::agreement::Column::Status.eq(crate::domain::AgreementStatus::Completed.code()))
            .order_by_asc(entity::agreement::Column::Id)
            .all(self.db)
            .await?;
        for (i, a) in done.iter().enumerate() {
            let Some(p) = entity::pairing::Entity::find_by_id(a.pairing_id).one(self.db).await? else { continue };
            let Some(u) = entity::user::Entity::find()
                .filter(entity::user::Column::OrganisationId.eq(p.village_id))
                .order_by_asc(entity::user::Column::Id)
                .one(self.db)
                .await?
            else {
                continue;
            };
            entity::satisfaction::ActiveModel {
                agreement_id: Set(a.id),
                year: Set(year),
                rating: Set(if i % 3 == 2 { 3 } else { 5 - (i % 2) as i16 }),
                comment: Set((i % 2 == 0).then(|| "项目按协议落实，群众受益明显".to_owned())),
                rated_by: Set(u.id),
                rated_at: Set(self.days_ago(3 + i as i64)),
                ..Default::default()
            }
            .insert(self.db)
            .await?;
        }
        Ok(())
    }

    /// Outcomes of this year's assessment decided by the city office: a commendation, and a
    /// rectification still open.
    async fn outcomes(
        &self,
        city: &organisation::Model,
        enterprises: &[organisation::Model],
        reviewer: i32,
    ) -> Result<(), DbErr> {
        use crate::domain::{OutcomeKind, SubjectKind};
        use chrono::Datelike;
        let year = crate::clock::to_shanghai(self.now).year();
        let rows = [
            (0, OutcomeKind::Commend, "带动 3 个村发展富硒产业，帮扶资金按协议足额到位，村民评价满意", None, 6),
            (3, OutcomeKind::Rectify, "两项协议里程碑逾期，帮扶记录报告滞后，请补齐材料并建立台账", Some(20), 4),
        ];
        for (i, kind, reason, deadline, days) in rows {
            let Some(e) = enterprises.get(i) else { continue };
            let saved = entity::assessment_outcome::ActiveModel {
                year: Set(year),
                subject_kind: Set(SubjectKind::Enterprise.code().into()),
                subject_key: Set(e.id.to_string()),
                subject_name: Set(e.name.clone()),
                kind: Set(kind.code().into()),
                reason: Set(reason.into()),
                deadline: Set(deadline.map(|d| (self.now + Duration::days(d)).date_naive())),
                office_id: Set(city.id),
                decided_by: Set(reviewer),
                decided_at: Set(self.days_ago(days)),
                ..Default::default()
            }
            .insert(self.db)
            .await?;
            // On notice from the day of the decision, in the city's jurisdiction.
            let notice = crate::notices::Notice {
                entity: crate::governance::outcomes::NOTICE_ENTITY,
                id: saved.id,
                title: &format!("考核结果公示：{}（{year} 年度）{}", e.name, kind.label()),
                summary: &format!("{}对{}作出「{}」。理由：{reason}", city.name, e.name, kind.label()),
                region_code: city.jurisdiction_code.as_deref().unwrap_or(&city.region_code),
            };
            crate::notices::publish(self.db, notice, self.days_ago(days), crate::notices::WINDOW_DAYS).await?;
            let title = format!("{year} 年度考核：{}「{}」：{reason}", e.name, kind.label());
            let link = format!("/assessment/enterprise/{}?year={year}", e.id);
            crate::pairings::notify(self.db, &[e.id], &title, &link, self.days_ago(days))
                .await
                .map_err(|e| DbErr::Custom(e.to_string()))?;
        }
        Ok(())
    }

    /// A member of organisation `org` (the one who acts for it in the demo's records).
    async fn member(&self, org: i32) -> Result<Option<i32>, DbErr> {
        use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};
        Ok(entity::user::Entity::find()
            .filter(entity::user::Column::OrganisationId.eq(org))
            .order_by_asc(entity::user::Column::Id)
            .one(self.db)
            .await?
            .map(|u| u.id))
    }

    /// A drawn picture of a signed slip (so no file ships) as the evidence of record `c`.
    async fn evidence_of(&self, c: &contribution::Model, name: &str) -> Result<(), DbErr> {
        use sha2::{Digest, Sha256};
        // Each slip differs (its writing and stamp), as two real ones do: the same file on two
        // records is flagged to the office.
        let seed = c.id as u32;
        let img = image::RgbImage::from_fn(240, 160, |x, y| {
            let row = y / 24;
            let ink = 40 + (seed.wrapping_mul(37).wrapping_add(row * 53) % 160);
            let line = y > 20 && y % 24 < 2 && x > 16 && x < ink + 24;
            let (sx, sy) = (150 + (seed % 60) as i32, 100 + (seed / 60 % 40) as i32);
            let stamp = (x as i32 - sx).pow(2) + (y as i32 - sy).pow(2) < 400;
            if stamp {
                image::Rgb([200, 40, 40])
            } else if line {
                image::Rgb([90, 90, 90])
            } else {
                image::Rgb([250, 248, 240])
            }
        });
        let mut out = std::io::Cursor::new(Vec::new());
        image::DynamicImage::ImageRgb8(img)
            .write_to(&mut out, image::ImageFormat::Png)
            .map_err(|e| DbErr::Custom(e.to_string()))?;
        let bytes = out.into_inner();
        let hash = hex::encode(Sha256::digest(&bytes));
        crate::evidence::put(self.db, &hash, &bytes, self.now).await?;
        if let Ok(crate::evidence::PublicCopy::Image(copy)) = crate::evidence::public_copy(&bytes, "image/png") {
            crate::evidence::put(self.db, &crate::evidence::public_key(&hash), &copy, self.now).await?;
        }
        entity::evidence::ActiveModel {
            contribution_id: Set(c.id),
            file_name: Set(name.to_owned()),
            media_type: Set("image/png".to_owned()),
            size_bytes: Set(bytes.len() as i64),
            sha256: Set(hash.clone()),
            storage_key: Set(hash),
            uploaded_by: Set(None),
            created_at: Set(c.reported_at),
            ..Default::default()
        }
        .insert(self.db)
        .await?;
        Ok(())
    }

    /// Two success stories on the portal, one with a photo (drawn here, so no file ships).
    async fn stories(&self, offices: &[organisation::Model], author: i32) -> Result<(), DbErr> {
        let picture = {
            let img = image::RgbImage::from_fn(480, 300, |x, y| {
                let field = y > 170;
                let g = if field { 120 + (x % 40) as u8 } else { 180 };
                image::Rgb([if field { 60 } else { 150 + (y / 3) as u8 }, g, if field { 40 } else { 230 }])
            });
            let mut out = std::io::Cursor::new(Vec::new());
            image::DynamicImage::ImageRgb8(img)
                .write_to(&mut out, image::ImageFormat::Png)
                .map_err(|e| DbErr::Custom(e.to_string()))?;
            out.into_inner()
        };
        let key = "story-demo-1";
        crate::evidence::put(self.db, key, &picture, self.now).await?;
        let rows = [
            (
                0,
                "富硒大米走出大山：一家企业和三个村的三年",
                "宜春赣西富硒农业与袁州区三个村签订订单收购协议，统一品种、统一技术指导、保底价收购。\n三年来，合作社种植面积从 300 亩扩大到 1,200 亩，村集体每年增加收入 8 万元，120 户脱贫户在家门口稳定增收。\n企业负责人说：“好米要有好销路，村里种得放心，我们收得安心。”",
                Some(key),
                12,
            ),
            (
                1,
                "扶贫车间开到村口，留守妇女家门口就业",
                "袁州区引导企业在村里设立来料加工车间，按件计酬、时间灵活，照顾老人孩子两不误。\n目前车间吸纳 46 名留守妇女就业，人均月收入 2,300 元。村委会提供场地，企业负责培训和订单，扶贫办定期核实用工和工资发放记录。",
                None,
                5,
            ),
        ];
        for (office, title, body, photo, days) in rows {
            let Some(o) = offices.get(office) else { continue };
            entity::story::ActiveModel {
                office_id: Set(o.id),
                title: Set(title.into()),
                body: Set(body.into()),
                photo_key: Set(photo.map(str::to_owned)),
                photo_type: Set(photo.map(|_| "image/png".to_owned())),
                created_by: Set(author),
                published_at: Set(self.days_ago(days)),
                ..Default::default()
            }
            .insert(self.db)
            .await?;
        }
        Ok(())
    }

    /// Last year's collective income of two villages: one verified (above the threshold), one
    /// waiting for the office.
    async fn incomes(&self, villages: &[organisation::Model], reviewer: i32) -> Result<(), DbErr> {
        use crate::domain::IncomeStatus;
        use chrono::Datelike;
        let year = crate::clock::to_shanghai(self.now).year() - 1;
        for (i, fen, verified) in [(1, 12_600_000_i64, true), (4, 6_800_000, false)] {
            let Some(v) = villages.get(i) else { continue };
            entity::collective_income::ActiveModel {
                village_id: Set(v.id),
                year: Set(year),
                amount_fen: Set(fen),
                status: Set(if verified { IncomeStatus::Verified } else { IncomeStatus::Reported }.code().into()),
                note: Set(None),
                reported_by: Set(reviewer),
                reported_at: Set(self.days_ago(30)),
                verified_by: Set(verified.then_some(reviewer)),
                verified_at: Set(verified.then(|| self.days_ago(20))),
            }
            .insert(self.db)
            .await?;
        }
        Ok(())
    }

    /// The 建档立卡 register: village-level figures for this year and last for the first six
    /// villages but the third (its office has not imported it yet), and the first village's households one by one (names stored readable here,
    /// sealed when the node starts).
    async fn register(&self, villages: &[organisation::Model], reviewer: i32) -> Result<(), DbErr> {
        use chrono::Datelike;
        let year = crate::clock::to_shanghai(self.now).year();
        for v in villages.iter().take(6).enumerate().filter(|(i, _)| *i != 2).map(|(_, v)| v) {
            for y in [year - 1, year] {
                entity::register_entry::ActiveModel {
                    village_id: Set(v.id),
                    year: Set(y),
                    households: Set(v.poor_households.unwrap_or(0)),
                    persons: Set(v.poor_population.unwrap_or(0)),
                    imported_by: Set(reviewer),
                    imported_at: Set(self.days_ago(40)),
                }
                .insert(self.db)
                .await?;
            }
        }
        let Some(first) = villages.first() else { return Ok(()) };
        for (i, (head, members, registered, lifted, left)) in data::HOUSEHOLDS.iter().enumerate() {
            entity::household::ActiveModel {
                village_id: Set(first.id),
                code: Set(format!("{}{:03}", &first.region_code[6..], i + 1)),
                head_name: Set((*head).to_owned()),
                members: Set(*members),
                registered_year: Set(*registered),
                lifted_year: Set(*lifted),
                left_year: Set(*left),
                imported_by: Set(reviewer),
                imported_at: Set(self.days_ago(40)),
                updated_at: Set(self.days_ago(40)),
                ..Default::default()
            }
            .insert(self.db)
            .await?;
        }
        Ok(())
    }

    /// Each verified village's leadership: its party secretary and first secretary (sent by a
    /// unit, on a two-year term); the first village also has a work team and an earlier first
    /// secretary who left (the history).
    async fn leaders(&self, villages: &[organisation::Model], reviewer: i32) -> Result<(), DbErr> {
        use crate::domain::LeaderRole as R;
        const UNITS: &[&str] =
            &["宜春市财政局", "宜春市农业农村局", "袁州区人民医院", "江西省交通运输厅", "宜春市供电公司"];
        let day = |days: i64| self.days_ago(days).date_naive();
        for (i, (v, d)) in villages.iter().zip(data::VILLAGES).enumerate() {
            if v.status != OrgStatus::Verified.code() {
                continue;
            }
            let since = 200 + (i as i64 % 5) * 60;
            let mut rows = vec![
                (R::PartySecretary, d.party_secretary, "", "", 900 + i as i64, None, None),
                (R::FirstSecretary, d.first_secretary, UNITS[i % UNITS.len()], "", since, Some(730 - since), None),
            ];
            if i == 0 {
                rows.push((R::WorkTeam, "周建军", UNITS[0], "队长", since, None, None));
                rows.push((R::WorkTeam, "易小红", UNITS[0], "队员", since, None, None));
                rows.push((
                    R::FirstSecretary,
                    "袁志远",
                    UNITS[1],
                    "",
                    since + 730,
                    Some(-since),
                    Some((since + 1, "任期届满")),
                ));
            }
            for (role, name, unit, post, from, term, left) in rows {
                let from_date = day(from);
                entity::village_leader::ActiveModel {
                    village_id: Set(v.id),
                    role: Set(role.code().into()),
                    name: Set(name.into()),
                    unit: Set(unit.into()),
                    post: Set(post.into()),
                    from_date: Set(from_date),
                    term_end: Set(term.map(|t: i64| day(-t))),
                    to_date: Set(left.map(|(d, _)| day(d))),
                    end_reason: Set(left.map(|(_, why): (i64, &str)| why.to_owned())),
                    recorded_by: Set(reviewer),
                    created_at: Set(self.days_ago(from)),
                    updated_at: Set(self.days_ago(left.map_or(from, |(d, _)| d))),
                    ..Default::default()
                }
                .insert(self.db)
                .await?;
            }
        }
        Ok(())
    }

    /// Cadre training in 袁州区: a session held last month that the cadres of its villages in
    /// post attended, and one to come.
    async fn training(&self, county_office: &organisation::Model, reviewer: i32) -> Result<(), DbErr> {
        use sea_orm::{ColumnTrait, QueryFilter};
        let Some(county) = county_office.jurisdiction_code.clone() else { return Ok(()) };
        let day = |days: i64| self.days_ago(days).date_naive();
        let sessions = [
            ("村级集体经济发展专题培训", 35, 33, 16, "袁州区委组织部", "袁州区委党校"),
            ("防止返贫动态监测业务培训", -20, -20, 6, "袁州区乡村振兴局", "袁州区政务中心三楼会议室"),
        ];
        for (i, (topic, from, to, hours, trainer, place)) in sessions.into_iter().enumerate() {
            let s = entity::training_session::ActiveModel {
                county_code: Set(county.clone()),
                office_id: Set(county_office.id),
                topic: Set(topic.into()),
                starts_on: Set(day(from)),
                ends_on: Set(day(to)),
                hours: Set(hours),
                trainer: Set(trainer.into()),
                place: Set(place.into()),
                created_by: Set(reviewer),
                created_at: Set(self.days_ago(from.max(0) + 20)),
                attendance_at: Set((i == 0).then(|| self.days_ago(to))),
                ..Default::default()
            }
            .insert(self.db)
            .await?;
            if i > 0 {
                continue;
            }
            let villages: Vec<i32> = organisation::Entity::find()
                .filter(organisation::Column::Kind.eq(OrgKind::Village.code()))
                .filter(organisation::Column::RegionCode.starts_with(&county[..6]))
                .all(self.db)
                .await?
                .into_iter()
                .map(|v| v.id)
                .collect();
            let cadres = entity::village_leader::Entity::find()
                .filter(entity::village_leader::Column::VillageId.is_in(villages))
                .filter(entity::village_leader::Column::ToDate.is_null())
                .all(self.db)
                .await?;
            for l in
                cadres.iter().filter(|l| l.role != crate::domain::LeaderRole::PartySecretary.code() || l.id % 2 == 0)
            {
                entity::training_attendance::ActiveModel {
                    session_id: Set(s.id),
                    leader_id: Set(l.id),
                    village_id: Set(l.village_id),
                }
                .insert(self.db)
                .await?;
            }
        }
        Ok(())
    }

    /// The holiday arrangement: this year's National Day week and next New Year's Day, on the
    /// weekdays they fall (the system administrator enters the official one each year).
    async fn calendar(&self) -> Result<(), DbErr> {
        use chrono::Datelike;
        let year = self.today.year();
        let mut days: Vec<NaiveDate> = (1..=7).filter_map(|d| NaiveDate::from_ymd_opt(year, 10, d)).collect();
        days.extend(NaiveDate::from_ymd_opt(year + 1, 1, 1));
        let text: String = days
            .into_iter()
            .filter(|d| !matches!(d.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun))
            .map(|d| format!("{d} 休\n"))
            .collect();
        crate::db::put_setting(self.db, crate::governance::workdays::SETTING, &text, self.now).await
    }

    /// Relapse monitoring in the first village: a routine check whose home visit is overdue, an
    /// application on notice waiting for the township, a data alert taken in and helped by a
    /// job on the platform, an edge household (not on the register) waiting for its measures,
    /// one cleared and one the review did not take in. Names of the register's households come
    /// from it; the edge household's is stored readable here and sealed when the node starts.
    async fn monitoring(
        &self,
        villages: &[organisation::Model],
        offers: &[offer::Model],
        reviewer: i32,
    ) -> Result<(), DbErr> {
        use crate::governance::monitoring::{Category, Channel, DECIDE_DAYS, MEASURE_DAYS, Measure, Risk, Stage};
        use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};
        let Some(first) = villages.first() else { return Ok(()) };
        let village_user = entity::user::Entity::find()
            .filter(entity::user::Column::OrganisationId.eq(first.id))
            .one(self.db)
            .await?
            .map_or(reviewer, |u| u.id);
        let homes = entity::household::Entity::find()
            .filter(entity::household::Column::VillageId.eq(first.id))
            .order_by_asc(entity::household::Column::Code)
            .all(self.db)
            .await?;
        let job = offers.iter().find(|o| o.kind == "employment").map(|o| o.id);
        let calendar = crate::governance::workdays::load(self.db).await.unwrap_or_default();
        let day = |days: i64| self.today - Duration::days(days);
        // (household index or an edge household, channel, risk, days since the signal, steps
        // as (step, days ago, note, measure), the stage now, category).
        type Step = (&'static str, i64, &'static str, Option<Measure>);
        type Case<'s> = (Option<usize>, Option<(&'s str, i32)>, Channel, Risk, i64, Vec<Step>, Stage, Option<Category>);
        let cases: Vec<Case> = vec![
            (
                Some(0),
                None,
                Channel::VillageCheck,
                Risk::Work,
                10,
                vec![("signal", 10, "村级排查发现：家中主要劳力外出务工的工厂停产，收入中断。", None)],
                Stage::Visit,
                None,
            ),
            (
                Some(1),
                None,
                Channel::Application,
                Risk::Illness,
                12,
                vec![
                    ("signal", 12, "户主本人到村委会申请：家中医疗支出较大。", None),
                    ("visit", 10, "村干部和驻村工作队入户核实，情况属实。", None),
                    ("review", 8, "村民代表会议评议，同意纳入。", None),
                    ("notice", 6, "在村务公开栏张贴。", None),
                ],
                Stage::Township,
                None,
            ),
            (
                Some(2),
                None,
                Channel::DataAlert,
                Risk::Business,
                60,
                vec![
                    ("signal", 60, "部门数据比对：家庭年收入低于监测范围。", None),
                    ("visit", 57, "入户核实：养殖场受市场影响亏损。", None),
                    ("review", 54, "评议同意纳入。", None),
                    ("notice", 52, "张贴公示 5 天，无异议。", None),
                    ("township", 46, "乡镇审核通过。", None),
                    ("county", 45, "县级审定，纳入监测。", None),
                    ("measure", 35, "推荐到本县企业就业，已上岗。", Some(Measure::Employment)),
                ],
                Stage::Watching,
                Some(Category::Unstable),
            ),
            (
                None,
                Some(("罗细妹", 3)),
                Channel::Application,
                Risk::Disaster,
                25,
                vec![
                    ("signal", 25, "暴雨致房屋受损，户主申请。", None),
                    ("visit", 23, "入户核实，房屋局部倒塌。", None),
                    ("review", 21, "评议同意纳入。", None),
                    ("notice", 19, "张贴公示 5 天，无异议。", None),
                    ("township", 13, "乡镇审核通过。", None),
                    ("county", 12, "县级审定，纳入监测。", None),
                ],
                Stage::Measures,
                Some(Category::Sudden),
            ),
            (
                Some(3),
                None,
                Channel::VillageCheck,
                Risk::Schooling,
                200,
                vec![
                    ("signal", 200, "排查发现：两个孩子同时上学，支出增加。", None),
                    ("visit", 197, "入户核实属实。", None),
                    ("review", 195, "评议同意纳入。", None),
                    ("notice", 193, "张贴公示 5 天，无异议。", None),
                    ("township", 187, "乡镇审核通过。", None),
                    ("county", 186, "县级审定，纳入监测。", None),
                    ("measure", 180, "落实教育资助。", Some(Measure::Education)),
                    ("cleared", 20, "子女享受教育资助，家庭收入稳定，风险已消除。", None),
                ],
                Stage::Cleared,
                Some(Category::Edge),
            ),
            (
                Some(4),
                None,
                Channel::Application,
                Risk::Accident,
                30,
                vec![
                    ("signal", 30, "户主申请：家人意外受伤。", None),
                    ("visit", 28, "入户核实：已获保险赔付。", None),
                    ("declined", 26, "评议认为家庭收入稳定，不同意纳入。", None),
                ],
                Stage::Declined,
                None,
            ),
        ];
        for (home, edge, channel, risk, ago, steps, stage, category) in cases {
            let signal = day(ago);
            let register = home.and_then(|i| homes.get(i));
            if home.is_some() && register.is_none() {
                continue;
            }
            let decided = steps.iter().find(|s| s.0 == "county").map(|s| day(s.1));
            let c = entity::monitoring_case::ActiveModel {
                village_id: Set(first.id),
                household_id: Set(register.map(|h| h.id)),
                head_name: Set(edge.map(|(n, _)| n.to_owned()).unwrap_or_default()),
                members: Set(register.map_or_else(|| edge.map_or(1, |e| e.1), |h| h.members)),
                channel: Set(channel.code().into()),
                risk: Set(risk.code().into()),
                signal_on: Set(signal),
                visit_due: Set(calendar.add_working_days(signal, crate::governance::monitoring::VISIT_WORKING_DAYS)),
                decide_due: Set(signal + Duration::days(DECIDE_DAYS)),
                measures_due: Set(decided.map(|d| d + Duration::days(MEASURE_DAYS))),
                stage: Set(stage.code().into()),
                notice_from: Set(steps.iter().find(|s| s.0 == "notice").map(|s| day(s.1))),
                category: Set(category.map(|c| c.code().to_owned())),
                closed_on: Set(stage.closed().then(|| steps.last().map_or(signal, |s| day(s.1)))),
                warned: Set(None),
                filed_by: Set(if channel == Channel::DataAlert { reviewer } else { village_user }),
                created_at: Set(self.days_ago(ago)),
                updated_at: Set(self.days_ago(steps.last().map_or(ago, |s| s.1))),
                ..Default::default()
            }
            .insert(self.db)
            .await?;
            for (step, at, note, measure) in steps {
                let by_office = matches!(step, "township" | "county" | "cleared")
                    || channel == Channel::DataAlert && step == "signal";
                entity::monitoring_step::ActiveModel {
                    case_id: Set(c.id),
                    step: Set(step.into()),
                    done_on: Set(day(at)),
                    note: Set(note.into()),
                    measure: Set(measure.map(|m| m.code().to_owned())),
                    offer_id: Set(if measure == Some(Measure::Employment) { job } else { None }),
                    user_id: Set(if by_office { reviewer } else { village_user }),
                    at: Set(self.days_ago(at)),
                    ..Default::default()
                }
                .insert(self.db)
                .await?;
            }
        }
        Ok(())
    }

    /// Cadres paired with the first village's households: the help unit's liaison with two
    /// (visits and a measure logged), the county office's reviewer with one, and an earlier
    /// pairing that ended (the history).
    async fn household_pairings(&self, villages: &[organisation::Model], reviewer: i32) -> Result<(), DbErr> {
        use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};
        let Some(first) = villages.first() else { return Ok(()) };
        let by_login = |login: &'static str| {
            entity::user::Entity::find().filter(entity::user::Column::Login.eq(login)).one(self.db)
        };
        let (Some(unit), Some(county)) = (by_login("danwei01").await?, by_login("yuanzhou-fpb").await?) else {
            return Ok(());
        };
        let homes = entity::household::Entity::find()
            .filter(entity::household::Column::VillageId.eq(first.id))
            .filter(entity::household::Column::LeftYear.is_null())
            .order_by_asc(entity::household::Column::Code)
            .all(self.db)
            .await?;
        let day = |days: i64| self.today - Duration::days(days);
        type Visit = (i64, &'static str, Option<&'static str>, &'static str);
        const FIRST: &[Visit] = &[
            (100, "visit", None, "入户走访，了解家中务工和收入情况。"),
            (40, "measure", Some("employment"), "联系本县企业，推荐家中劳力就近务工。"),
        ];
        const SECOND: &[Visit] = &[(30, "visit", None, "走访，家中老人身体尚可，春耕已安排。")];
        let ended_pairing = Some((120, "干部岗位调整"));
        let rows = [
            (0, county.id, 400, ended_pairing, &[][..]),
            (0, unit.id, 120, None, FIRST),
            (1, unit.id, 120, None, SECOND),
            (2, county.id, 60, None, &[][..]),
        ];
        for (h, who, since, ended, visits) in rows {
            let Some(home) = homes.get(h) else { continue };
            let p = entity::household_pairing::ActiveModel {
                household_id: Set(home.id),
                village_id: Set(first.id),
                cadre_id: Set(who),
                from_date: Set(day(since)),
                to_date: Set(ended.map(|(d, _)| day(d))),
                end_reason: Set(ended.map(|(_, why)| why.to_owned())),
                created_by: Set(reviewer),
                created_at: Set(self.days_ago(since)),
                updated_at: Set(self.days_ago(ended.map_or(since, |(d, _)| d))),
                ..Default::default()
            }
            .insert(self.db)
            .await?;
            for (ago, kind, measure, note) in visits {
                entity::household_visit::ActiveModel {
                    pairing_id: Set(p.id),
                    visited_on: Set(day(*ago)),
                    kind: Set((*kind).into()),
                    measure: Set(measure.map(str::to_owned)),
                    note: Set((*note).into()),
                    created_at: Set(self.days_ago(*ago)),
                    ..Default::default()
                }
                .insert(self.db)
                .await?;
            }
        }
        Ok(())
    }

    /// Office teams: posts for the city and 袁州 offices (袁州 with a vacancy), and the oldest
    /// open piece of 袁州's work held by its reviewer.
    async fn team(&self, offices: &[organisation::Model]) -> Result<(), DbErr> {
        use sea_orm::{ColumnTrait, QueryFilter};
        let (Some(city), Some(county)) = (offices.first(), offices.get(1)) else { return Ok(()) };
        let reviewer = entity::user::Entity::find()
            .filter(entity::user::Column::OrganisationId.eq(county.id))
            .one(self.db)
            .await?;
        for (office, posts, by) in [(city, 8, reviewer.as_ref()), (county, 3, reviewer.as_ref())] {
            entity::office_staffing::ActiveModel {
                office_id: Set(office.id),
                posts: Set(posts),
                updated_by: Set(by.map_or(1, |u| u.id)),
                updated_at: Set(self.days_ago(60)),
            }
            .insert(self.db)
            .await?;
        }
        let Some(reviewer) = reviewer else { return Ok(()) };
        let prefix = crate::auth::guard::region_prefix(crate::governance::team::jurisdiction_of(county)).to_owned();
        let items =
            crate::governance::team::open_work(self.db, &prefix).await.map_err(|e| DbErr::Custom(e.to_string()))?;
        if let Some(oldest) = items.iter().min_by_key(|i| i.since) {
            entity::work_assignment::ActiveModel {
                kind: Set(oldest.kind.code().to_owned()),
                item_id: Set(oldest.id),
                reviewer_id: Set(reviewer.id),
                assigned_by: Set(reviewer.id),
                assigned_at: Set(self.days_ago(2)),
            }
            .insert(self.db)
            .await?;
        }
        Ok(())
    }

    /// A few entries of the first village's work log, written by its account.
    async fn worklog(&self, villages: &[organisation::Model]) -> Result<(), DbErr> {
        use sea_orm::{ColumnTrait, QueryFilter};
        let Some(first) = villages.first() else { return Ok(()) };
        let Some(author) =
            entity::user::Entity::find().filter(entity::user::Column::OrganisationId.eq(first.id)).one(self.db).await?
        else {
            return Ok(());
        };
        for (ago, body) in [
            (9, "走访 3 户监测户，核实务工收入中断的情况，和户主一起联系县里的就业服务站。"),
            (5, "陪同采购企业看了村里的冬笋和山茶油，约定下周送样。"),
            (2, "召开村民代表会议，评议 1 户防返贫监测申请。"),
        ] {
            entity::village_log::ActiveModel {
                village_id: Set(first.id),
                user_id: Set(author.id),
                day: Set(self.today - Duration::days(ago)),
                body: Set(body.into()),
                created_at: Set(self.days_ago(ago)),
                ..Default::default()
            }
            .insert(self.db)
            .await?;
        }
        Ok(())
    }

    /// Both eras of the drive: the 2015 campaign's agreement of the first firm and village
    /// (百企联百村, completed in 2016, its jobs followed up after six months), and this year's
    /// 万企兴万村 jobs agreement of the second firm with the first village, placed more than six
    /// months ago: the village is due to report who is still in work.
    async fn programmes(
        &self,
        enterprises: &[organisation::Model],
        villages: &[organisation::Model],
        reviewer: i32,
    ) -> Result<(), DbErr> {
        // County categories, for illustration only (not the official list: a deployment enters
        // the list its province publishes).
        for (code, cats) in [("360921000000", ",lifted,"), ("360926000000", ",key_county,lifted,")] {
            if region::Entity::find_by_id(code.to_owned()).one(self.db).await?.is_some() {
                entity::county_category::ActiveModel {
                    region_code: Set(code.to_owned()),
                    categories: Set(cats.to_owned()),
                    updated_at: Set(self.now),
                }
                .insert(self.db)
                .await?;
            }
        }
        let (Some(firm), Some(other), Some(village)) = (enterprises.first(), enterprises.get(1), villages.first())
        else {
            return Ok(());
        };
        let at = |y: i32, m: u32, d: u32| {
            NaiveDate::from_ymd_opt(y, m, d)
                .and_then(|d| d.and_hms_opt(2, 0, 0))
                .map(|t| t.and_utc())
                .unwrap_or(self.now)
        };
        let day = |t: DateTime<Utc>| to_shanghai(t).date_naive();
        let current_start = self.now - Duration::days(230);
        for (firm, title, terms, programmes, approved, money, jobs, months, closed) in [
            (
                firm,
                "百企联百村结对帮扶协议（2015—2016 年）",
                "甲方捐资修建村产业路并吸纳建档立卡贫困户务工，乙方组织贫困户参与，双方接受扶贫办监督。",
                ",bqlbc,",
                at(2015, 10, 17),
                200_000_i64,
                12,
                12,
                true,
            ),
            (
                other,
                "稳岗就业帮扶协议（万企兴万村）",
                "甲方为乙方脱贫劳动力提供稳定岗位并签订劳动合同，乙方组织报名并在满 6 个月时回访。",
                ",wqxwc,",
                current_start,
                0,
                8,
                12,
                false,
            ),
        ] {
            let pairing = pairing::ActiveModel {
                enterprise_id: Set(firm.id),
                village_id: Set(village.id),
                source: Set(PairingSource::Office.code().to_owned()),
                status: Set(PairingStatus::Approved.code().to_owned()),
                enterprise_accepted_at: Set(Some(approved - Duration::days(4))),
                village_accepted_at: Set(Some(approved - Duration::days(3))),
                reviewed_at: Set(Some(approved)),
                reviewed_by: Set(Some(reviewer)),
                review_reason: Set(Some("结对双方意愿明确，同意结对。".to_owned())),
                created_at: Set(approved - Duration::days(7)),
                updated_at: Set(approved),
                open_key: Set(Some(crate::pairings::open_key(firm.id, village.id, None, None))),
                ..Default::default()
            }
            .insert(self.db)
            .await?;
            let starts = day(approved) + Duration::days(10);
            let a = agreement::ActiveModel {
                pairing_id: Set(pairing.id),
                title: Set(title.to_owned()),
                terms: Set(terms.to_owned()),
                planned_money_fen: Set(money * 100),
                planned_goods_fen: Set(0),
                planned_produce_fen: Set(0),
                planned_jobs: Set(jobs),
                planned_trainees: Set(0),
                starts_on: Set(starts),
                ends_on: Set(starts + Duration::days(30 * months) - Duration::days(1)),
                status: Set(if closed { AgreementStatus::Completed } else { AgreementStatus::Active }
                    .code()
                    .to_owned()),
                closed_at: Set(closed.then(|| approved + Duration::days(380))),
                close_reason: Set(closed.then(|| "计划全部完成（经扶贫办核实）".to_owned())),
                countersigned_at: Set(Some(approved + Duration::days(1))),
                filed_at: Set(Some(approved + Duration::days(2))),
                created_at: Set(approved),
                updated_at: Set(approved),
                programmes: Set(Some(programmes.to_owned())),
                ..Default::default()
            }
            .insert(self.db)
            .await?;
            if closed {
                // The firm's completion record (kept beside the search index) changed.
                outbox::record(self.db, self.now, "record", firm.id, "agreement").await?;
            }
            let mut records = vec![(ContributionKind::Jobs, 0_i64, jobs, starts + Duration::days(20))];
            if money > 0 {
                records.insert(0, (ContributionKind::Money, money * 100, 0, starts + Duration::days(45)));
            }
            let (reporter, confirmer) = (self.member(firm.id).await?, self.member(village.id).await?);
            for (kind, amount, persons, on) in records {
                use chrono::Datelike;
                let reported = at(on.year(), on.month(), on.day());
                let jobs_done = closed && kind == ContributionKind::Jobs;
                let c = contribution::ActiveModel {
                    agreement_id: Set(a.id),
                    kind: Set(kind.code().to_owned()),
                    amount_fen: Set(amount),
                    quantity: Set((persons > 0).then_some(i64::from(persons))),
                    unit: Set((persons > 0).then(|| "人".to_owned())),
                    households: Set(if persons > 0 { persons } else { 6 }),
                    // Jobs count the persons placed; money the poor people it reached.
                    persons: Set(if persons > 0 { persons } else { 18 }),
                    contributed_on: Set(on),
                    description: Set(match kind {
                        ContributionKind::Jobs => format!("吸纳 {persons} 名脱贫劳动力进厂务工，签订劳动合同"),
                        _ => "捐资修建村产业路，拨付到村集体账户".to_owned(),
                    }),
                    status: Set(ContributionStatus::Verified.code().to_owned()),
                    reported_at: Set(reported),
                    confirmed_at: Set(Some(reported + Duration::days(2))),
                    verified_at: Set(Some(reported + Duration::days(6))),
                    verified_by: Set(Some(reviewer)),
                    reported_by: Set(reporter),
                    confirmed_by: Set(confirmer),
                    retained_persons: Set(jobs_done.then_some(persons - 2)),
                    retained_reported_at: Set(jobs_done.then(|| reported + Duration::days(190))),
                    retained_verified_at: Set(jobs_done.then(|| reported + Duration::days(196))),
                    ..Default::default()
                }
                .insert(self.db)
                .await?;
                self.evidence_of(&c, "签收单.png").await?;
            }
        }
        Ok(())
    }

    /// Project assets handed over after their projects began: a solar station and a cold store
    /// for the first village (the station has earned this year), and a road for the village whose
    /// project paved it. None is a year old yet, so none is idle.
    async fn assets(&self, villages: &[organisation::Model], reviewer: i32) -> Result<(), DbErr> {
        use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};
        let Some(first) = villages.first() else { return Ok(()) };
        let agreements = entity::agreement::Entity::find()
            .filter(
                entity::agreement::Column::Status
                    .is_in([AgreementStatus::Active.code(), AgreementStatus::Completed.code()]),
            )
            .order_by_asc(entity::agreement::Column::Id)
            .all(self.db)
            .await?;
        let village_of: std::collections::HashMap<i32, i32> =
            entity::pairing::Entity::find().all(self.db).await?.into_iter().map(|p| (p.id, p.village_id)).collect();
        let Some(own) = agreements.iter().find(|a| village_of.get(&a.pairing_id) == Some(&first.id)) else {
            return Ok(());
        };
        let road = agreements.iter().find(|a| a.title.contains("通组公路")).unwrap_or(own);
        use chrono::Datelike;
        let this_year = self.today.year();
        for (agreement, name, kind, yuan, after, income) in [
            (own, "村集体光伏电站（60 千瓦）", "operating", 480_000, 20, Some(8_000)),
            (own, "冷链仓储冷库", "operating", 200_000, 40, None),
            (road, "通组公路硬化 2.3 公里", "public", 650_000, 30, None),
        ] {
            let handed = Ord::min(agreement.starts_on + Duration::days(after), self.today);
            let a = entity::project_asset::ActiveModel {
                agreement_id: Set(agreement.id),
                village_id: Set(village_of.get(&agreement.pairing_id).copied().unwrap_or(first.id)),
                name: Set(name.into()),
                kind: Set(kind.into()),
                value_fen: Set(yuan * 100),
                handed_over_on: Set(handed),
                recorded_by: Set(reviewer),
                created_at: Set(self.now - Duration::days((self.today - handed).num_days())),
                ..Default::default()
            }
            .insert(self.db)
            .await?;
            if let Some(yuan) = income {
                entity::asset_income::ActiveModel {
                    asset_id: Set(a.id),
                    year: Set(this_year),
                    income_fen: Set(yuan * 100),
                    reported_by: Set(reviewer),
                    reported_at: Set(self.now),
                }
                .insert(self.db)
                .await?;
            }
        }
        Ok(())
    }

    /// The demo accounts; returns the city reviewer's id. One argon2 hash serves them all.
    async fn users(
        &self,
        offices: &[organisation::Model],
        enterprises: &[organisation::Model],
        villages: &[organisation::Model],
    ) -> Result<i32, DbErr> {
        let hash = crate::auth::hash_password_async(DEMO_PASSWORD.to_owned())
            .await
            .map_err(|e| DbErr::Custom(e.to_string()))?;
        let mut reviewer = 0;
        for (i, (login, name, role, home)) in DEMO_USERS.iter().enumerate() {
            let org = match home {
                Home::None => None,
                Home::CityOffice => Some(offices[0].id),
                Home::CountyOffice => Some(offices[1].id),
                Home::OtherCityOffice => Some(offices[2].id),
                Home::Enterprise(n) => Some(enterprises[*n].id),
                Home::Village(n) => Some(villages[*n].id),
            };
            let u = entity::user::ActiveModel {
                organisation_id: Set(org),
                role: Set(role.code().to_owned()),
                login: Set((*login).to_owned()),
                display_name: Set((*name).to_owned()),
                phone: Set(Some(phone(500 + i))),
                password_hash: Set(hash.clone()),
                failed_logins: Set(0),
                disabled: Set(false),
                must_change_password: Set(false),
                created_at: Set(self.days_ago(300)),
                password_changed_at: Set(Some(self.days_ago(30))),
                ..Default::default()
            }
            .insert(self.db)
            .await?;
            if matches!(home, Home::CityOffice) {
                reviewer = u.id;
            }
        }
        Ok(reviewer)
    }

    async fn villages(&self) -> Result<Vec<organisation::Model>, DbErr> {
        let mut out = Vec::new();
        for (i, v) in data::VILLAGES.iter().enumerate() {
            let (county, town, town_name) = data::TOWNSHIPS[v.township];
            let status = if i == data::VILLAGES.len() - 1 { OrgStatus::Pending } else { OrgStatus::Verified };
            let mut o = self.org(
                OrgKind::Village,
                &format!("{town_name}{}村民委员会", v.name.trim_end_matches('村')),
                format!("{county}{town}{}", v.code3),
                status,
                300 - i as i64,
            );
            o.population = Set(Some(v.population));
            o.poor_households = Set(Some(v.poor_households));
            o.poor_population = Set(Some(v.poor_population));
            o.registered_poor = Set(v.registered_poor);
            // Filed by the office: the registered-poor villages are 脱贫村 now, every third a key
            // village of the revitalisation drive, every fourth with a weak collective economy.
            {
                use crate::domain::VillageCategory as C;
                let mut cats = Vec::new();
                if v.registered_poor {
                    cats.push(C::Lifted);
                }
                if i % 3 == 0 {
                    cats.push(C::KeySupport);
                }
                if i % 4 == 1 {
                    cats.push(C::WeakCollective);
                }
                o.categories = Set(C::store(&cats));
            }
            o.main_industries = Set(Some(v.industries.to_owned()));
            o.first_secretary = Set(Some(v.first_secretary.to_owned()));
            o.first_secretary_phone = Set(Some(phone(100 + i)));
            o.party_secretary = Set(Some(v.party_secretary.to_owned()));
            o.party_secretary_phone = Set(Some(phone(200 + i)));
            o.contact_name = Set(Some(v.party_secretary.to_owned()));
            o.contact_phone = Set(Some(phone(200 + i)));
            o.lat = Set(Some(v.lat));
            o.lon = Set(Some(v.lon));
            o.external_ref = Set(Some(format!("demo-village-{:02}", i + 1)));
            out.push(o.insert(self.db).await?);
        }
        Ok(out)
    }

    async fn enterprises(&self) -> Result<Vec<organisation::Model>, DbErr> {
        let mut out = Vec::new();
        for (i, e) in data::ENTERPRISES.iter().enumerate() {
            let status = if i == data::ENTERPRISES.len() - 1 { OrgStatus::Pending } else { OrgStatus::Verified };
            let mut o = self.org(OrgKind::Enterprise, e.name, e.region.to_owned(), status, 280 - i as i64);
            o.uscc = Set(crate::uscc::build(&e.region[..6], e.serial));
            o.industry_code = Set(Some(e.industry.to_owned()));
            o.size = Set(Some(e.size.to_owned()));
            o.address = Set(Some(e.address.to_owned()));
            o.contact_name = Set(Some(e.contact.to_owned()));
            o.contact_phone = Set(Some(phone(300 + i)));
            o.external_ref = Set(Some(format!("demo-enterprise-{:02}", i + 1)));
            out.push(o.insert(self.db).await?);
        }
        Ok(out)
    }

    fn status_of(states: &[(usize, ListingStatus)], i: usize) -> ListingStatus {
        states.iter().find(|(j, _)| *j == i).map_or(ListingStatus::Published, |(_, s)| *s)
    }

    /// Validity and publication times for the i-th listing in state `status`.
    fn window(&self, i: usize, status: ListingStatus) -> (NaiveDate, Option<NaiveDate>, Option<DateTime<Utc>>) {
        let age = 5 + (i as i64 * 3) % 90;
        let from = self.today - Duration::days(age);
        let until = if status == ListingStatus::Expired {
            self.today - Duration::days(3)
        } else {
            self.today + Duration::days(60 + (i as i64 * 7) % 240)
        };
        let published = (status != ListingStatus::Draft).then(|| self.days_ago(age));
        (from, Some(until), published)
    }

    async fn offers(&self, enterprises: &[organisation::Model]) -> Result<Vec<offer::Model>, DbErr> {
        let mut out = Vec::new();
        for (i, (owner, kind, title, body, yuan, qty, unit)) in data::OFFERS.iter().enumerate() {
            let ent = &enterprises[*owner];
            // A pending enterprise cannot publish: its offers stay drafts.
            let status = if ent.status == OrgStatus::Pending.code() {
                ListingStatus::Draft
            } else {
                Self::status_of(OFFER_STATES, i)
            };
            let (from, until, published) = self.window(i, status);
            let created = published.unwrap_or_else(|| self.days_ago(2));
            let model = offer::ActiveModel {
                organisation_id: Set(ent.id),
                kind: Set((*kind).to_owned()),
                title: Set((*title).to_owned()),
                body: Set((*body).to_owned()),
                amount_fen: Set(yuan * 100),
                quantity: Set(*qty),
                unit: Set(unit.map(str::to_owned)),
                valid_from: Set(from),
                valid_until: Set(until),
                status: Set(status.code().to_owned()),
                external_ref: Set(Some(format!("demo-offer-{:02}", i + 1))),
                published_at: Set(published),
                created_at: Set(created),
                updated_at: Set(created),
                ..Default::default()
            }
            .insert(self.db)
            .await?;
            // Enterprises in 宜春 serve their own county (every third one the whole city);
            // those from outside serve the whole city.
            let served = if ent.region_code.starts_with("3609") && i % 3 != 2 {
                ent.region_code.clone()
            } else {
                "360900000000".to_owned()
            };
            offer_region::ActiveModel { offer_id: Set(model.id), region_code: Set(served) }.insert(self.db).await?;
            outbox::record(self.db, self.now, "offer", model.id, "upsert").await?;
            out.push(model);
        }
        Ok(out)
    }

    async fn needs(&self, villages: &[organisation::Model]) -> Result<Vec<need::Model>, DbErr> {
        let mut out = Vec::new();
        for (i, (owner, kind, title, body, yuan, qty, unit, urgency)) in data::NEEDS.iter().enumerate() {
            let village = &villages[*owner];
            let status = if village.status == OrgStatus::Pending.code() {
                ListingStatus::Draft
            } else {
                Self::status_of(NEED_STATES, i)
            };
            let (from, until, published) = self.window(i + 1, status);
            let created = published.unwrap_or_else(|| self.days_ago(1));
            let model = need::ActiveModel {
                organisation_id: Set(village.id),
                kind: Set((*kind).to_owned()),
                title: Set((*title).to_owned()),
                body: Set((*body).to_owned()),
                amount_fen: Set(yuan * 100),
                quantity: Set(*qty),
                unit: Set(unit.map(str::to_owned)),
                valid_from: Set(from),
                valid_until: Set(until),
                status: Set(status.code().to_owned()),
                external_ref: Set(Some(format!("demo-need-{:02}", i + 1))),
                published_at: Set(published),
                created_at: Set(created),
                updated_at: Set(created),
                urgency: Set(*urgency),
                ..Default::default()
            }
            .insert(self.db)
            .await?;
            outbox::record(self.db, self.now, "need", model.id, "upsert").await?;
            out.push(model);
        }
        Ok(out)
    }

    async fn pairings(
        &self,
        enterprises: &[organisation::Model],
        villages: &[organisation::Model],
        offers: &[offer::Model],
        needs: &[need::Model],
        reviewer: i32,
    ) -> Result<(usize, usize, usize), DbErr> {
        let (mut agreements, mut contributions) = (0, 0);
        for (i, dp) in PAIRINGS.iter().enumerate() {
            let s = dp.status;
            let created =
                if s == PairingStatus::Lapsed { self.days_ago(80) } else { self.days_ago(120 - i as i64 * 6) };
            // A pairing the enterprise proposed and then withdrew had its yes first.
            let accepted_e = matches!(
                s,
                PairingStatus::AcceptedByEnterprise
                    | PairingStatus::PendingReview
                    | PairingStatus::Approved
                    | PairingStatus::Rejected
                    | PairingStatus::Lapsed
            ) || (s == PairingStatus::Withdrawn && dp.source == PairingSource::Enterprise);
            let accepted_v = matches!(
                s,
                PairingStatus::AcceptedByVillage
                    | PairingStatus::PendingReview
                    | PairingStatus::Approved
                    | PairingStatus::Rejected
                    | PairingStatus::Lapsed
            );
            let reviewed = matches!(s, PairingStatus::Approved | PairingStatus::Rejected | PairingStatus::Lapsed)
                .then(|| created + Duration::days(5));
            let score = (dp.source == PairingSource::Matcher).then_some(0.92 - i as f64 * 0.03);
            let pairing = pairing::ActiveModel {
                enterprise_id: Set(enterprises[dp.enterprise].id),
                village_id: Set(villages[dp.village].id),
                offer_id: Set(Some(offers[dp.offer].id)),
                need_id: Set(Some(needs[dp.need].id)),
                source: Set(dp.source.code().to_owned()),
                score: Set(score),
                components: Set(score.map(
                    |s| serde_json::json!({"text": s * 0.4, "kind": s * 0.25, "region": s * 0.2, "poverty": s * 0.15}),
                )),
                status: Set(s.code().to_owned()),
                enterprise_accepted_at: Set(accepted_e.then(|| created + Duration::days(1))),
                village_accepted_at: Set(accepted_v.then(|| created + Duration::days(2))),
                decline_reason: Set(match s {
                    PairingStatus::Declined => Some("岗位地点离村太远，村民通勤不便。".to_owned()),
                    PairingStatus::Withdrawn => Some("企业已与其他村达成合作，撤回申请。".to_owned()),
                    _ => None,
                }),
                reviewed_at: Set(reviewed),
                reviewed_by: Set(reviewed.map(|_| reviewer)),
                review_reason: Set(match s {
                    PairingStatus::Approved | PairingStatus::Lapsed => {
                        Some("供需匹配，帮扶内容明确，同意结对。".to_owned())
                    }
                    PairingStatus::Rejected => Some("该村已有同类帮扶项目，请调整帮扶内容后重新申报。".to_owned()),
                    _ => None,
                }),
                created_at: Set(created),
                // A lapsed pairing moved last when it lapsed, 60 days after its approval.
                updated_at: Set(match (s, reviewed) {
                    (PairingStatus::Lapsed, Some(r)) => r + Duration::days(60),
                    (_, r) => r.unwrap_or(created),
                }),
                open_key: Set(s.is_open().then(|| {
                    crate::pairings::open_key(
                        enterprises[dp.enterprise].id,
                        villages[dp.village].id,
                        Some(offers[dp.offer].id),
                        Some(needs[dp.need].id),
                    )
                })),
                ..Default::default()
            }
            .insert(self.db)
            .await?;
            if let (Some(status), Some(approved_at)) = (dp.agreement, reviewed) {
                agreements += 1;
                contributions +=
                    self.agreement(&pairing, dp, status, approved_at, &offers[dp.offer], &villages[dp.village]).await?;
            }
        }
        Ok((PAIRINGS.len(), agreements, contributions))
    }

    async fn agreement(
        &self,
        pairing: &pairing::Model,
        dp: &DemoPairing,
        status: AgreementStatus,
        approved_at: DateTime<Utc>,
        offer: &offer::Model,
        village: &organisation::Model,
    ) -> Result<usize, DbErr> {
        let start = to_shanghai(approved_at).date_naive() + Duration::days(3);
        let firm = organisation::Entity::find_by_id(pairing.enterprise_id)
            .one(self.db)
            .await?
            .map(|f| f.name)
            .unwrap_or_default();
        let (mut money, mut produce, mut jobs, mut trainees) = (0, 0, 0, 0);
        let kind = match offer.kind.as_str() {
            "procurement" => {
                produce = offer.amount_fen / 2;
                "produce"
            }
            "employment" => {
                jobs = 20;
                "jobs"
            }
            "training" => {
                trainees = 30;
                "trainees"
            }
            _ => {
                money = offer.amount_fen / 2;
                "money"
            }
        };
        let title = format!("{}结对帮扶协议", offer.title);
        // Today's programmes: every current agreement counts for 万企兴万村; purchases also for
        // 消费帮扶; the Shenzhen firm's for 东西部协作.
        let programmes = match (dp.enterprise, kind) {
            (13, _) => ",wqxwc,dxxz,",
            (_, "produce") => ",wqxwc,xfbf,",
            _ => ",wqxwc,",
        };
        let in_force =
            matches!(status, AgreementStatus::Active | AgreementStatus::Completed | AgreementStatus::Terminated);
        let agreement = agreement::ActiveModel {
            pairing_id: Set(pairing.id),
            title: Set(title.clone()),
            terms: Set(format!(
                "甲方按约定提供「{}」，乙方组织农户参与并如实确认，双方接受扶贫办监督核实，成效按规定公示。",
                offer.title
            )),
            planned_money_fen: Set(money),
            planned_goods_fen: Set(0),
            planned_produce_fen: Set(produce),
            planned_jobs: Set(jobs),
            planned_trainees: Set(trainees),
            starts_on: Set(start),
            ends_on: Set(start + Duration::days(365)),
            status: Set(status.code().to_owned()),
            closed_at: Set(
                matches!(status, AgreementStatus::Completed | AgreementStatus::Terminated).then(|| self.days_ago(3))
            ),
            close_reason: Set(match status {
                AgreementStatus::Completed => Some("计划全部完成，经扶贫办核实。".to_owned()),
                AgreementStatus::Terminated => Some("村里调整产业方向，经双方协商并报扶贫办同意终止。".to_owned()),
                _ => None,
            }),
            countersigned_at: Set(in_force.then(|| approved_at + Duration::days(1))),
            filed_at: Set(in_force.then(|| approved_at + Duration::days(2))),
            created_at: Set(approved_at),
            updated_at: Set(approved_at),
            programmes: Set(Some(programmes.to_owned())),
            ..Default::default()
        }
        .insert(self.db)
        .await?;
        if matches!(status, AgreementStatus::Completed | AgreementStatus::Terminated) {
            outbox::record(self.db, self.now, "record", pairing.enterprise_id, "agreement").await?;
        }
        for (n, (label, months)) in [("首批帮扶落实", 2), ("全年计划完成", 12)].iter().enumerate() {
            milestone::ActiveModel {
                agreement_id: Set(agreement.id),
                title: Set((*label).to_owned()),
                due_on: Set(start + Duration::days(30 * months)),
                planned_amount_fen: Set((money + produce) / if n == 0 { 2 } else { 1 }),
                planned_quantity: Set(Some(i64::from(jobs + trainees) / if n == 0 { 2 } else { 1 })),
                done_at: Set((status == AgreementStatus::Completed || n == 0 && status == AgreementStatus::Active)
                    .then(|| self.days_ago(10))),
                ..Default::default()
            }
            .insert(self.db)
            .await?;
        }
        // Contributions: a completed agreement has its whole plan verified; an active one shows
        // one contribution in each state along the way.
        let states: &[ContributionStatus] = match status {
            AgreementStatus::Completed => &[ContributionStatus::Verified, ContributionStatus::Verified],
            AgreementStatus::Terminated => &[ContributionStatus::Verified],
            // Disputes and their ways out: one open, one withdrawn, one the office upheld, one
            // corrected by a new report that waits for the village.
            AgreementStatus::Active if dp.enterprise == 4 => &[
                ContributionStatus::Reported,
                ContributionStatus::Disputed,
                ContributionStatus::Withdrawn,
                ContributionStatus::Rejected,
                ContributionStatus::Corrected,
                ContributionStatus::Reported,
            ],
            AgreementStatus::Active => {
                &[ContributionStatus::Verified, ContributionStatus::Confirmed, ContributionStatus::Reported]
            }
            // Not in force yet: nothing delivered under it.
            _ => &[],
        };
        let (amount, persons, households) = match kind {
            "jobs" => (0, 10, 10),
            "trainees" => (0, 15, 12),
            _ => ((money + produce) / 2, 0, village.poor_households.unwrap_or(0) / 2),
        };
        let mut corrected: Option<contribution::Model> = None;
        let (reporter, confirmer) = (self.member(pairing.enterprise_id).await?, self.member(village.id).await?);
        for (n, cs) in states.iter().enumerate() {
            let reported = approved_at + Duration::days(20 + 15 * n as i64);
            let was_disputed = matches!(
                cs,
                ContributionStatus::Disputed
                    | ContributionStatus::Withdrawn
                    | ContributionStatus::Rejected
                    | ContributionStatus::Corrected
            );
            let c = contribution::ActiveModel {
                agreement_id: Set(agreement.id),
                kind: Set(kind.to_owned()),
                amount_fen: Set(amount),
                quantity: Set(Some(if persons > 0 { i64::from(persons) } else { offer.quantity.unwrap_or(0) / 4 })),
                unit: Set(Some(if persons > 0 { "人".to_owned() } else { offer.unit.clone().unwrap_or_default() })),
                households: Set(households),
                persons: Set(persons.max(households * 3)),
                contributed_on: Set(to_shanghai(reported).date_naive()),
                description: Set(format!("第 {} 批：{}", n + 1, offer.title)),
                status: Set(cs.code().to_owned()),
                reported_at: Set(reported),
                confirmed_at: Set(matches!(cs, ContributionStatus::Confirmed | ContributionStatus::Verified)
                    .then(|| reported + Duration::days(2))),
                verified_at: Set((*cs == ContributionStatus::Verified).then(|| reported + Duration::days(6))),
                // Who did each step, as the project's archive names them.
                reported_by: Set(reporter),
                confirmed_by: Set(matches!(cs, ContributionStatus::Confirmed | ContributionStatus::Verified)
                    .then_some(confirmer)
                    .flatten()),
                verified_by: Set((*cs == ContributionStatus::Verified).then_some(pairing.reviewed_by).flatten()),
                dispute_reason: Set(was_disputed.then(|| "实际收购数量与上报不符，村里统计只有一半。".to_owned())),
                resolution: Set(match cs {
                    ContributionStatus::Withdrawn => Some("与第 1 批重复上报，撤回。".to_owned()),
                    ContributionStatus::Rejected => {
                        Some("经扶贫办到村核对收购单据，实际数量与村委会统计一致，该记录不予认定。".to_owned())
                    }
                    _ => None,
                }),
                supersedes_id: Set(match (cs, &corrected) {
                    (ContributionStatus::Reported, Some(old)) => Some(old.id),
                    _ => None,
                }),
                ..Default::default()
            };
            // A purchase (消费帮扶) names its product and the market price; a verified one was
            // paid and rated first (the rule of the 832 platform). The first firm's confirmed
            // purchase is paid but rated poor and dear: the office sees it flagged.
            let mut c = c;
            if kind == "produce" {
                let q = offer.quantity.unwrap_or(0) / 4;
                c.product = Set(Some(offer.title.chars().take(20).collect()));
                let unit_price = if q > 0 { amount / q } else { 0 };
                let flagged = dp.enterprise == 0 && *cs == ContributionStatus::Confirmed;
                c.market_price_fen = Set((unit_price > 0).then(|| unit_price * 100 / if flagged { 145 } else { 110 }));
                if matches!(cs, ContributionStatus::Verified) || flagged {
                    let on = to_shanghai(reported).date_naive() + Duration::days(3);
                    c.paid_on = Set(Some(Ord::min(on, self.today)));
                    c.paid_fen = Set(Some(amount));
                    c.rating = Set(Some(if flagged { 2 } else { 5 - (n as i32 % 2) }));
                    c.rating_comment = Set(flagged.then(|| "部分产品受潮，品质不及样品".to_owned()));
                    c.rated_at = Set(Some(reported + Duration::days(4)));
                }
            }
            let c = c.insert(self.db).await?;
            // Every record carries its evidence, as a real report must.
            self.evidence_of(&c, if kind == "produce" { "收购单据.png" } else { "签收单.png" }).await?;
            if let (ContributionStatus::Reported, Some(old)) = (cs, corrected.take()) {
                let mut am: contribution::ActiveModel = old.into();
                am.resolution = Set(Some(format!("已由帮扶记录 #{} 更正", c.id)));
                am.update(self.db).await?;
            }
            if *cs == ContributionStatus::Corrected {
                corrected = Some(c.clone());
            }
            if *cs == ContributionStatus::Verified {
                let kind_label = ContributionKind::parse(&c.kind).map_or("帮扶", ContributionKind::label);
                let title = crate::notices::contribution_title(
                    &firm,
                    &village.name,
                    kind_label,
                    c.amount_fen,
                    c.persons,
                    c.contributed_on,
                );
                let summary = crate::notices::contribution_summary(
                    &firm,
                    &village.name,
                    kind_label,
                    c.amount_fen,
                    c.persons,
                    &c.description,
                );
                let n = crate::notices::Notice {
                    entity: "contribution",
                    id: c.id,
                    title: &title,
                    summary: &summary,
                    region_code: &village.region_code,
                };
                self.notice(n, reported + Duration::days(6), false).await?;
            }
        }
        // A milestone reads 已完成 only when the verified records reach it.
        {
            use sea_orm::{ColumnTrait, QueryFilter};
            let mut verified: Vec<contribution::Model> = contribution::Entity::find()
                .filter(contribution::Column::AgreementId.eq(agreement.id))
                .filter(contribution::Column::Status.eq(ContributionStatus::Verified.code()))
                .all(self.db)
                .await?;
            verified.sort_by_key(|c| c.verified_at);
            for m in
                milestone::Entity::find().filter(milestone::Column::AgreementId.eq(agreement.id)).all(self.db).await?
            {
                // Done when the verification that reached it was made.
                let done = (1..=verified.len()).find_map(|n| {
                    let (money, people) = crate::contributions::reached(&verified[..n]);
                    (money >= m.planned_amount_fen && people >= m.planned_quantity.unwrap_or(0))
                        .then(|| verified[n - 1].verified_at)
                        .flatten()
                });
                if done != m.done_at {
                    let mut am: milestone::ActiveModel = m.into();
                    am.done_at = Set(done);
                    am.update(self.db).await?;
                }
            }
        }
        // The two latest approvals are still within their 公示 window (one with an objection
        // being checked), so the demo shows open notices.
        let opened = if matches!(dp.enterprise, 13 | 15) { self.days_ago(2) } else { approved_at };
        let (title, summary) = (
            crate::notices::pairing_title(&firm, &village.name),
            crate::notices::pairing_summary(&firm, &village.name, "双方意愿明确，帮扶内容切合村里需要。"),
        );
        let n = crate::notices::Notice {
            entity: "pairing",
            id: pairing.id,
            title: &title,
            summary: &summary,
            region_code: &village.region_code,
        };
        let notice = self.notice(n, opened, dp.enterprise == 13).await?;
        if dp.enterprise == 0 {
            objection::ActiveModel {
                notice_id: Set(notice.id),
                body: Set("听说收购价格低于市场价，希望核实。".to_owned()),
                contact_name: Set("张先生".to_owned()),
                contact_phone: Set(phone(900)),
                status: Set(ObjectionStatus::Dismissed.code().to_owned()),
                resolution: Set(Some("经核实，收购价高于当地同期市场均价 0.2 元/公斤，异议不成立。".to_owned())),
                handled_at: Set(Some(approved_at + Duration::days(4))),
                created_at: Set(approved_at + Duration::days(2)),
                ..Default::default()
            }
            .insert(self.db)
            .await?;
        }
        Ok(states.len())
    }

    /// A 公示 that opened at `from` for 10 days; `open_objection` adds a pending objection.
    async fn notice(
        &self,
        n: crate::notices::Notice<'_>,
        from: DateTime<Utc>,
        open_objection: bool,
    ) -> Result<notice::Model, DbErr> {
        let crate::notices::Notice { entity, id, title, summary, region_code: region } = n;
        let end = from + Duration::days(10);
        let n = notice::ActiveModel {
            entity: Set(entity.to_owned()),
            entity_id: Set(id),
            title: Set(title.to_owned()),
            summary: Set(summary.to_owned()),
            region_code: Set(region.to_owned()),
            window_start: Set(from),
            window_end: Set(end),
            status: Set(if end < self.now { NoticeStatus::Closed } else { NoticeStatus::Open }.code().to_owned()),
            created_at: Set(from),
            ..Default::default()
        }
        .insert(self.db)
        .await?;
        if open_objection {
            objection::ActiveModel {
                notice_id: Set(n.id),
                body: Set("道路施工标准偏低，路面宽度不够，请核实。".to_owned()),
                contact_name: Set("李女士".to_owned()),
                contact_phone: Set(phone(901)),
                status: Set(ObjectionStatus::Open.code().to_owned()),
                created_at: Set(self.days_ago(1)),
                ..Default::default()
            }
            .insert(self.db)
            .await?;
        }
        Ok(n)
    }
}

/// The demo's campaigns (专项行动), made once the demo is loaded and the index has caught up
/// with it: a county pilot left as a draft, and the city's campaign with one pair excluded, one
/// locked, solved. Nothing is made when any campaign exists already.
pub async fn campaigns(
    db: &DatabaseConnection,
    search: &crate::search::SearchIndex,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    use crate::campaign::{Draft, Mark};
    use sea_orm::{ColumnTrait, QueryFilter};
    if entity::campaign::Entity::find().count(db).await? > 0 {
        return Ok(());
    }
    search.catch_up(db).await?;
    let today = to_shanghai(now).date_naive();
    let refs = |prefix: &str, n: usize| (1..=n).map(|i| format!("{prefix}-{i:02}")).collect::<Vec<_>>();
    let err = |e: crate::error::AppError| anyhow::anyhow!("{}", e.public_message());
    let pilot = Draft {
        name: "袁州区2026年村企结对试点".into(),
        villages: refs("demo-village", 3),
        enterprises: ["demo-enterprise-01", "demo-enterprise-02", "demo-enterprise-18"].map(String::from).to_vec(),
        as_of: today,
        capacity: 1,
        one_to_one: true,
        per_village: 1,
        max_km: None,
        office: None,
        // What the first firm can spend on purchases in the pilot.
        budgets: vec![crate::campaign::DraftBudget {
            enterprise: "demo-enterprise-01".into(),
            kind: crate::domain::ListingKind::Procurement,
            amount_fen: 5_000_000,
        }],
    };
    let actor = crate::audit::Actor::system("demo");
    crate::campaign::create(db, &pilot, &actor, now).await.map_err(err)?;
    // Last year's purchase campaign of the city: solved and issued (its pairings wait for
    // both sides' answer).
    let issued = Draft {
        name: "宜春市2025年消费帮扶结对".into(),
        villages: (10..=14).map(|i| format!("demo-village-{i:02}")).collect(),
        enterprises: (6..=10).map(|i| format!("demo-enterprise-{i:02}")).collect(),
        as_of: today,
        capacity: 1,
        one_to_one: true,
        per_village: 1,
        max_km: None,
        office: None,
        budgets: Vec::new(),
    };
    let c = crate::campaign::create(db, &issued, &actor, now).await.map_err(err)?;
    crate::campaign::solve_campaign(db, search, c.id, &actor, now).await.map_err(err)?;
    let u = entity::user::Entity::find()
        .filter(entity::user::Column::Login.eq("yichun-fpb"))
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("demo city office user"))?;
    let org = match u.organisation_id {
        Some(id) => entity::organisation::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    let office = crate::auth::SessionUser::new(&u, org.as_ref(), crate::auth::Via::Session)
        .ok_or_else(|| anyhow::anyhow!("demo city office user"))?;
    crate::campaign::steer::issue(db, &office, c.id, now).await.map_err(err)?;
    let city = Draft {
        name: "宜春市2026年百企联百村专项行动".into(),
        villages: refs("demo-village", 29),
        enterprises: refs("demo-enterprise", 19),
        as_of: today,
        capacity: 2,
        one_to_one: false,
        per_village: 1,
        max_km: None,
        office: None,
        budgets: Vec::new(),
    };
    let c = crate::campaign::create(db, &city, &actor, now).await.map_err(err)?;
    crate::campaign::mark(
        db,
        c.id,
        "demo-village-28",
        "demo-enterprise-12",
        Mark::Exclude,
        Some(crate::campaign::ReasonKind::Product),
        "村里要的是食品加工培训",
        &actor,
        now,
    )
    .await
    .map_err(err)?;
    let (v, e) = ("demo-village-09", "demo-enterprise-05");
    crate::campaign::mark(db, c.id, v, e, Mark::Lock, None, "", &actor, now).await.map_err(err)?;
    crate::campaign::solve_campaign(db, search, c.id, &actor, now).await.map_err(err)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::data;

    #[test]
    fn demo_tables_are_consistent() {
        assert_eq!(data::OFFERS.len(), 60);
        assert_eq!(data::NEEDS.len(), 60);
        assert!(data::OFFERS.iter().all(|o| o.0 < data::ENTERPRISES.len()));
        assert!(data::NEEDS.iter().all(|n| n.0 < data::VILLAGES.len()));
        assert!(data::VILLAGES.iter().all(|v| v.township < data::TOWNSHIPS.len()));
        for e in data::ENTERPRISES {
            let code = crate::uscc::build(&e.region[..6], e.serial).expect("serial is 8 letters or digits");
            assert!(crate::uscc::parse(&code).is_ok());
        }
    }
}
