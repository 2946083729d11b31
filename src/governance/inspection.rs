//! The annual 稽查 report of a county (issue 15): the year's verified funds by kind and by how
//! the pairing came about, supervision findings and how they were closed, 公示 objections and
//! their outcomes, and the rectifications decided on the county and its enterprises — each
//! counted from the same records as everywhere, as a table to print or download.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use entity::{assessment_outcome, contribution, notice, objection, organisation, pairing, supervision_check};
use sea_orm::sea_query::{Alias, Expr, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::Serialize;

use crate::auth::guard::region_prefix;
use crate::domain::{
    CheckOutcome, CheckRule, ContributionKind, ObjectionStatus, OrgKind, OutcomeKind, PairingSource, SubjectKind,
};
use crate::error::Result;
use crate::money::Money;

/// One line of a section: a label and its figures in words.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Line {
    pub label: String,
    pub figures: Vec<String>,
}

/// One section of the report.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Section {
    pub title: &'static str,
    pub headings: Vec<&'static str>,
    pub lines: Vec<Line>,
}

/// The report of county `county` (12-digit code) for `year`.
pub async fn report<C: ConnectionTrait>(db: &C, county: &str, year: i32, today: NaiveDate) -> Result<Vec<Section>> {
    let prefix = region_prefix(county).to_owned();
    let from = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
    let to = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX);
    let (start, end) =
        (crate::clock::shanghai_midnight(from), crate::clock::shanghai_midnight(to + chrono::Duration::days(1)));
    let backend = db.get_database_backend();

    // Funds: verified records of the year for the county's villages, by kind and by source.
    let stmt = Query::select()
        .column((contribution::Entity, contribution::Column::Kind))
        .column((pairing::Entity, pairing::Column::Source))
        .expr_as(Expr::cust("CAST(COUNT(*) AS BIGINT)"), Alias::new("n"))
        .expr_as(Expr::cust("CAST(COALESCE(SUM(\"contribution\".\"amount_fen\"), 0) AS BIGINT)"), Alias::new("fen"))
        .expr_as(Expr::cust("CAST(COALESCE(SUM(\"contribution\".\"persons\"), 0) AS BIGINT)"), Alias::new("persons"))
        .from(contribution::Entity)
        .apply(|q| crate::cockpit::joined_to_pairing(q, &prefix, from, to))
        .group_by_col((contribution::Entity, contribution::Column::Kind))
        .group_by_col((pairing::Entity, pairing::Column::Source))
        .to_owned();
    let mut by_kind: BTreeMap<String, (i64, i64, i64)> = BTreeMap::new();
    let mut by_source: BTreeMap<String, (i64, i64, i64)> = BTreeMap::new();
    for row in db.query_all_raw(backend.build(&stmt)).await? {
        let kind: String = row.try_get_by_index(0)?;
        let source: String = row.try_get_by_index(1)?;
        let n: i64 = row.try_get("", "n")?;
        let fen: i64 = row.try_get("", "fen")?;
        let persons: i64 = row.try_get("", "persons")?;
        for (map, key) in [(&mut by_kind, kind), (&mut by_source, source)] {
            let e = map.entry(key).or_default();
            e.0 += n;
            e.1 += fen;
            e.2 += persons;
        }
    }
    let fund_lines = |map: &BTreeMap<String, (i64, i64, i64)>, label: &dyn Fn(&str) -> String| -> Vec<Line> {
        let mut lines: Vec<Line> = map
            .iter()
            .map(|(k, (n, fen, persons))| Line {
                label: label(k),
                figures: vec![n.to_string(), Money(*fen).display(), persons.to_string()],
            })
            .collect();
        let (n, fen, persons) = map.values().fold((0, 0, 0), |a, v| (a.0 + v.0, a.1 + v.1, a.2 + v.2));
        lines.push(Line {
            label: "合计".into(),
            figures: vec![n.to_string(), Money(fen).display(), persons.to_string()],
        });
        lines
    };
    let kinds = Section {
        title: "一、已核实帮扶投入（按类型）",
        headings: vec!["类型", "笔数", "金额", "带动人数"],
        lines: fund_lines(&by_kind, &|k| {
            ContributionKind::parse(k).map_or_else(|| k.to_owned(), |c| c.label().to_owned())
        }),
    };
    let sources = Section {
        title: "二、已核实帮扶投入（按结对来源）",
        headings: vec!["结对来源", "笔数", "金额", "带动人数"],
        lines: fund_lines(&by_source, &|k| {
            PairingSource::parse(k).map_or_else(|| k.to_owned(), |s| s.label().to_owned())
        }),
    };

    // Supervision findings raised in the year, by rule and how they were closed.
    let checks = supervision_check::Entity::find()
        .filter(supervision_check::Column::RegionCode.starts_with(&prefix))
        .filter(supervision_check::Column::FoundAt.gte(start))
        .filter(supervision_check::Column::FoundAt.lt(end))
        .all(db)
        .await?;
    let mut lines = Vec::new();
    for rule in CheckRule::ALL {
        let of_rule: Vec<&supervision_check::Model> = checks.iter().filter(|c| c.rule == rule.code()).collect();
        if of_rule.is_empty() {
            continue;
        }
        let closed = |o: CheckOutcome| of_rule.iter().filter(|c| c.outcome.as_deref() == Some(o.code())).count();
        lines.push(Line {
            label: rule.label().into(),
            figures: vec![
                of_rule.len().to_string(),
                closed(CheckOutcome::Cleared).to_string(),
                closed(CheckOutcome::Rectified).to_string(),
                closed(CheckOutcome::Referred).to_string(),
                of_rule.iter().filter(|c| c.closed_at.is_none()).count().to_string(),
            ],
        });
    }
    let findings = Section {
        title: "三、监管线索及处理",
        headings: vec!["线索类型", "发现", "核实无问题", "已整改", "已移交处理", "待处理"],
        lines,
    };

    // 公示 of the county's records opened in the year and their objections.
    let notices = notice::Entity::find()
        .filter(notice::Column::RegionCode.starts_with(&prefix))
        .filter(notice::Column::WindowStart.gte(start))
        .filter(notice::Column::WindowStart.lt(end))
        .all(db)
        .await?;
    let objections = objection::Entity::find()
        .filter(objection::Column::NoticeId.is_in(notices.iter().map(|n| n.id).collect::<Vec<_>>()))
        .all(db)
        .await?;
    let by_status = |s: ObjectionStatus| objections.iter().filter(|o| o.status == s.code()).count().to_string();
    let objected = Section {
        title: "四、公示和异议",
        headings: vec!["公示", "收到异议", "异议成立", "异议不成立", "待处理"],
        lines: vec![Line {
            label: format!("{year} 年开始的公示"),
            figures: vec![
                notices.len().to_string(),
                objections.len().to_string(),
                by_status(ObjectionStatus::Upheld),
                by_status(ObjectionStatus::Dismissed),
                by_status(ObjectionStatus::Open),
            ],
        }],
    };

    // Rectifications of the year on the county and the enterprises registered in it.
    let firms: Vec<String> = organisation::Entity::find()
        .filter(organisation::Column::Kind.eq(OrgKind::Enterprise.code()))
        .filter(organisation::Column::RegionCode.starts_with(&prefix))
        .all(db)
        .await?
        .into_iter()
        .map(|o| o.id.to_string())
        .collect();
    let decided = assessment_outcome::Entity::find()
        .filter(assessment_outcome::Column::Year.eq(year))
        .filter(assessment_outcome::Column::Kind.eq(OutcomeKind::Rectify.code()))
        .filter(assessment_outcome::Column::RevokedAt.is_null())
        .filter(
            sea_orm::Condition::any()
                .add(
                    sea_orm::Condition::all()
                        .add(assessment_outcome::Column::SubjectKind.eq(SubjectKind::County.code()))
                        .add(assessment_outcome::Column::SubjectKey.eq(&prefix[..prefix.len().min(6)])),
                )
                .add(
                    sea_orm::Condition::all()
                        .add(assessment_outcome::Column::SubjectKind.eq(SubjectKind::Enterprise.code()))
                        .add(assessment_outcome::Column::SubjectKey.is_in(firms)),
                ),
        )
        .all(db)
        .await?;
    let rectified = Section {
        title: "五、限期整改",
        headings: vec!["对象", "整改期限", "状态"],
        lines: decided
            .iter()
            .map(|o| Line {
                label: o.subject_name.clone(),
                figures: vec![
                    o.deadline.map(|d| d.to_string()).unwrap_or_default(),
                    match (o.closed_at, o.deadline) {
                        (Some(t), _) => format!("已于 {} 销号", crate::clock::to_shanghai(t).format("%Y-%m-%d")),
                        (None, Some(d)) if d < today => "逾期未销号".into(),
                        _ => "整改中".into(),
                    },
                ],
            })
            .collect(),
    };
    Ok(vec![kinds, sources, findings, objected, rectified])
}
