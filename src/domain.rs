//! The vocabularies of the domain: kinds and statuses as Rust enums, with the codes stored in
//! the database and the Chinese words users see.

/// Declares a closed vocabulary stored as a lowercase code, with a Chinese label.
macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $code:literal, $label:literal;)+ }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant,)+ }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The code stored in the database and used in URLs and the API.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)+ }
            }

            /// The Chinese word shown to users.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }

            /// The vocabulary's name (its messages are `vocab-<name>-<code>`).
            pub const NAME: &'static str = stringify!($name);

            /// Each code and its Chinese word.
            pub fn vocabulary() -> Vec<(&'static str, &'static str, &'static str)> {
                vec![$((stringify!($name), $code, $label),)+]
            }

            /// Reads a stored code.
            pub fn parse(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

pub(crate) use vocabulary;

vocabulary!(
    /// What an organisation is.
    OrgKind { Enterprise = "enterprise", "企业"; Village = "village", "村委会"; Office = "office", "扶贫办"; }
);

vocabulary!(
    /// The categories an office files a village under (a village may be in several).
    VillageCategory {
        Lifted = "lifted", "脱贫村";
        KeySupport = "key_support", "乡村振兴重点帮扶村";
        WeakCollective = "weak_collective", "集体经济薄弱村";
        Relocation = "relocation", "易地搬迁安置点";
    }
);

impl VillageCategory {
    /// The categories stored as `,code,code,` (unknown codes left out), in display order.
    pub fn read(stored: Option<&str>) -> Vec<Self> {
        let codes: Vec<&str> = stored.unwrap_or("").split(',').collect();
        Self::ALL.iter().copied().filter(|c| codes.contains(&c.code())).collect()
    }

    /// How `cats` are stored (None when empty).
    pub fn store(cats: &[Self]) -> Option<String> {
        let codes: Vec<&str> = Self::ALL.iter().filter(|c| cats.contains(c)).map(|c| c.code()).collect();
        (!codes.is_empty()).then(|| format!(",{},", codes.join(",")))
    }

    /// The condition text a stored value must contain to hold this category.
    pub fn pattern(self) -> String {
        format!("%,{},%", self.code())
    }
}

vocabulary!(
    /// Lifecycle of a county's plan (规划).
    PlanStatus {
        Draft = "draft", "草稿";
        Submitted = "submitted", "待市扶贫办审批";
        Returned = "returned", "退回修改";
        Approved = "approved", "已批准";
    }
);

vocabulary!(
    /// What a plan sets yearly targets for; each counted from the verified ledger with the
    /// definitions of the 台账 (objected records excluded).
    PlanIndicator {
        VillagesPaired = "villages_paired", "结对村数（个）";
        IndustryFen = "industry_fen", "产业投入（元）";
        CharityFen = "charity_fen", "公益投入（元）";
        Jobs = "jobs", "安置就业（人）";
        Trainees = "trainees", "技能培训（人）";
        Reached = "reached", "带动贫困人口（人）";
        IncomeAbove = "income_above", "集体经济收入达标村（个）";
    }
);

impl PlanIndicator {
    /// Whether targets and figures are money (in 分, shown in 元).
    pub fn is_money(self) -> bool {
        matches!(self, Self::IndustryFen | Self::CharityFen)
    }
}

vocabulary!(
    /// A place in a village's leadership (村班子).
    LeaderRole {
        PartySecretary = "party_secretary", "村党组织书记";
        FirstSecretary = "first_secretary", "驻村第一书记";
        WorkTeam = "work_team", "驻村工作队员";
    }
);

vocabulary!(
    /// Who is made responsible for a county and its villages (责任机制).
    ResponsibilityKind {
        CityLeader = "city_leader", "市领导挂县联村";
        CountyLeader = "county_leader", "县（处）级领导挂村联组";
        HelpUnit = "help_unit", "定点帮扶单位";
    }
);

vocabulary!(
    /// What is assessed (考核对象).
    SubjectKind {
        County = "county", "县（市、区）";
        Enterprise = "enterprise", "企业";
        Unit = "unit", "定点帮扶单位";
    }
);

vocabulary!(
    /// What an office decides on an assessed unit.
    OutcomeKind {
        Commend = "commend", "通报表彰";
        Reward = "reward", "奖励";
        Criticise = "criticise", "通报批评";
        Admonish = "admonish", "诫勉谈话";
        Rectify = "rectify", "限期整改";
    }
);

impl OutcomeKind {
    /// A commendation or reward (the others are sanctions).
    pub fn is_praise(self) -> bool {
        matches!(self, Self::Commend | Self::Reward)
    }
}

vocabulary!(
    /// A village's rating of the help it received.
    Rating {
        VeryPoor = "1", "很不满意";
        Poor = "2", "不满意";
        Fair = "3", "一般";
        Good = "4", "满意";
        VeryGood = "5", "很满意";
    }
);

vocabulary!(
    /// What the supervision scan looks for (严防假项目、空项目).
    CheckRule {
        IdleAgreement = "idle_agreement", "协议长期没有帮扶记录";
        NoEvidence = "no_evidence", "帮扶记录没有证明材料";
        ReusedEvidence = "reused_evidence", "证明材料与其他项目相同";
        BeyondPlan = "beyond_plan", "核实金额超出协议计划";
        QuickConfirm = "quick_confirm", "确认过快或自报自确";
        BeyondRegister = "beyond_register", "带动人数超过建档立卡人口";
        RoundAmounts = "round_amounts", "企业报告的金额多为整万元";
        IdleAsset = "idle_asset", "经营性资产一年以上没有收益";
    }
);

vocabulary!(
    /// How an office closed a supervision finding.
    CheckOutcome {
        Cleared = "cleared", "核实无问题";
        Rectified = "rectified", "已整改";
        Referred = "referred", "已移交处理";
    }
);

vocabulary!(
    /// Where a village's reported collective income stands.
    IncomeStatus {
        Reported = "reported", "待扶贫办核实";
        Verified = "verified", "已核实";
        Returned = "returned", "退回修改";
    }
);

vocabulary!(
    /// Verification state of an organisation.
    OrgStatus {
        Pending = "pending", "待审核";
        Verified = "verified", "已认证";
        Suspended = "suspended", "已暂停";
        Returned = "returned", "退回修改";
        Rejected = "rejected", "不予认证";
    }
);

vocabulary!(
    /// The kinds of help offered and needed.
    ListingKind {
        Employment = "employment", "就业岗位";
        Procurement = "procurement", "消费帮扶";
        Industry = "industry", "产业合作";
        Donation = "donation", "公益捐赠";
        Training = "training", "技能培训";
        Technical = "technical", "技术指导";
        Infrastructure = "infrastructure", "基础设施";
    }
);

vocabulary!(
    /// Lifecycle of an offer or need.
    ListingStatus {
        Draft = "draft", "草稿";
        Published = "published", "已发布";
        Closed = "closed", "已完成";
        Withdrawn = "withdrawn", "已撤回";
        Expired = "expired", "已过期";
    }
);

vocabulary!(
    /// Who proposed a pairing.
    PairingSource { Matcher = "matcher", "智能推荐"; Enterprise = "enterprise", "企业申请"; Village = "village", "村委会申请"; Office = "office", "扶贫办指派"; Campaign = "campaign", "专项行动"; }
);

vocabulary!(
    /// Lifecycle of a pairing.
    PairingStatus {
        Proposed = "proposed", "待确认";
        AcceptedByEnterprise = "accepted_by_enterprise", "企业已接受";
        AcceptedByVillage = "accepted_by_village", "村委会已接受";
        PendingReview = "pending_review", "待审核";
        Approved = "approved", "已通过";
        Rejected = "rejected", "已驳回";
        Declined = "declined", "已婉拒";
        Withdrawn = "withdrawn", "已撤回";
        Lapsed = "lapsed", "已失效";
    }
);

impl PairingStatus {
    /// Whether the pairing still counts (holds its open key): not declined, withdrawn,
    /// rejected, or lapsed (approved long ago with no agreement).
    pub fn is_open(self) -> bool {
        !matches!(self, Self::Rejected | Self::Declined | Self::Withdrawn | Self::Lapsed)
    }
}

vocabulary!(
    /// Lifecycle of an agreement.
    AgreementStatus {
        PendingVillage = "pending_village", "待村委会会签";
        Returned = "returned", "退回修改";
        PendingFiling = "pending_filing", "待扶贫办备案";
        Active = "active", "执行中";
        Completed = "completed", "已完成";
        Terminated = "terminated", "已终止";
    }
);

vocabulary!(
    /// What a contribution delivers.
    ContributionKind {
        Money = "money", "资金";
        Goods = "goods", "物资";
        Jobs = "jobs", "安置就业";
        Trainees = "trainees", "技能培训/技术指导";
        Produce = "produce", "采购农产品";
    }
);

vocabulary!(
    /// Lifecycle of a contribution.
    ContributionStatus {
        Reported = "reported", "待确认";
        Confirmed = "confirmed", "村已确认";
        Verified = "verified", "已核实";
        Disputed = "disputed", "有异议";
        Corrected = "corrected", "已更正";
        Withdrawn = "withdrawn", "已撤回";
        Rejected = "rejected", "不予认定";
    }
);

vocabulary!(
    /// Lifecycle of a public notice.
    NoticeStatus { Open = "open", "公示中"; Closed = "closed", "公示期满"; Suspended = "suspended", "已暂停"; }
);

vocabulary!(
    /// Handling of an objection.
    ObjectionStatus { Open = "open", "待处理"; Upheld = "upheld", "异议成立"; Dismissed = "dismissed", "异议不成立"; }
);

/// The Chinese label of a stored code of vocabulary `V`, or the code itself when unknown.
pub fn label_of<V>(code: &str, parse: fn(&str) -> Option<V>, label: fn(V) -> &'static str) -> String {
    parse(code).map(label).map_or_else(|| code.to_owned(), str::to_owned)
}

/// Every vocabulary's words (name, code, Chinese word): each has a message `vocab-<name>-<code>`
/// in every language's `vocab.ftl`, by which a page shows the word in its language.
pub fn every_vocabulary() -> Vec<(&'static str, &'static str, &'static str)> {
    use crate::governance::monitoring as m;
    [
        OrgKind::vocabulary(),
        VillageCategory::vocabulary(),
        PlanStatus::vocabulary(),
        PlanIndicator::vocabulary(),
        LeaderRole::vocabulary(),
        ResponsibilityKind::vocabulary(),
        SubjectKind::vocabulary(),
        OutcomeKind::vocabulary(),
        Rating::vocabulary(),
        CheckRule::vocabulary(),
        CheckOutcome::vocabulary(),
        IncomeStatus::vocabulary(),
        OrgStatus::vocabulary(),
        ListingKind::vocabulary(),
        ListingStatus::vocabulary(),
        PairingSource::vocabulary(),
        PairingStatus::vocabulary(),
        AgreementStatus::vocabulary(),
        ContributionKind::vocabulary(),
        ContributionStatus::vocabulary(),
        NoticeStatus::vocabulary(),
        ObjectionStatus::vocabulary(),
        crate::auth::Role::vocabulary(),
        crate::governance::assets::AssetKind::vocabulary(),
        m::Channel::vocabulary(),
        m::Risk::vocabulary(),
        m::Category::vocabulary(),
        m::Measure::vocabulary(),
        m::Stage::vocabulary(),
        crate::governance::team::WorkKind::vocabulary(),
        crate::programmes::Programme::vocabulary(),
        crate::programmes::CountyCategory::vocabulary(),
    ]
    .concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for k in ListingKind::ALL {
            assert_eq!(ListingKind::parse(k.code()), Some(*k));
        }
        assert_eq!(PairingStatus::parse("pending_review").map(PairingStatus::label), Some("待审核"));
        assert_eq!(ListingKind::parse("nonsense"), None);
    }

    #[test]
    fn village_categories_are_stored_so_one_is_found_by_itself() {
        use VillageCategory as C;
        let stored = C::store(&[C::WeakCollective, C::Lifted]).expect("some");
        assert_eq!(stored, ",lifted,weak_collective,");
        assert_eq!(C::read(Some(&stored)), vec![C::Lifted, C::WeakCollective]);
        assert_eq!(C::read(Some(",lifted,bogus,")), vec![C::Lifted]);
        assert_eq!(C::store(&[]), None);
        assert!(stored.contains(&C::Lifted.pattern().replace('%', "")));
        assert!(!stored.contains(&C::KeySupport.pattern().replace('%', "")));
    }
}
