//! The domain synonym table, applied at query time: a word in a group also finds the others
//! (滞销 finds 收购; 务工 finds 岗位). Written for this project from the words village cadres
//! and enterprise staff use for the same thing.

/// Groups of interchangeable words (simplified Chinese).
const GROUPS: &[&[&str]] = &[
    &["滞销", "销售", "收购", "销路", "包销", "采购", "买家", "订单", "直采", "找销路"],
    &["务工", "就业", "岗位", "招工", "招聘", "用工", "上班", "工人", "普工"],
    &["农产品", "蔬菜", "水果", "大米", "稻谷", "土特产", "山货", "农副产品"],
    &["培训", "技能", "培训班", "学习", "教学"],
    &["修路", "道路", "公路", "硬化", "通组", "产业路", "拓宽"],
    &["捐赠", "捐资", "资助", "慰问", "助学", "捐建"],
    &["技术", "指导", "技术服务", "技术指导", "防治"],
    &["合作", "共建", "入股", "投资", "代养", "基地"],
    &["冷库", "冷藏", "保鲜", "冷链"],
    &["电商", "网店", "直播", "带货", "网上"],
    &["民宿", "农家乐", "乡村旅游", "旅游"],
    &["中药材", "药材", "黄精", "枳壳", "黄栀子"],
    &["生猪", "养猪", "猪"],
    &["毛竹", "竹材", "竹木", "竹子"],
    &["猕猴桃", "奇异果"],
    &["茶叶", "白茶", "鲜叶", "茶园", "采茶"],
    &["妇女", "留守妇女", "女工"],
];

/// How much a synonym counts against the word itself.
pub const SYNONYM_WEIGHT: f32 = 0.6;

/// The other words of every group `word` belongs to.
pub fn of(word: &str) -> Vec<&'static str> {
    let mut out = Vec::new();
    for group in GROUPS.iter().filter(|g| g.contains(&word)) {
        for w in group.iter().copied() {
            if w != word && !out.contains(&w) {
                out.push(w);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn synonyms_go_both_ways() {
        assert!(super::of("滞销").contains(&"收购"));
        assert!(super::of("收购").contains(&"滞销"));
        assert!(super::of("务工").contains(&"岗位"));
        assert!(super::of("电脑").is_empty());
    }
}
