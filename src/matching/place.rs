//! Where a job (or a course) is and where the village's workers want to work, and their ages,
//! read from the listings' own words: "就近务工" or "不出江西" in a need, "工作地点在浙江宁波" or
//! "五十周岁以下" in an offer. Pure functions; the results are kept in the index with the other
//! facts as small numbers (see [`Place`] and [`Wish`]).

/// Province-level places a job offer may name (provinces, and the cities and regions that
/// recruit most), with the first two digits of their region codes.
const PLACES: &[(&str, u8)] = &[
    ("北京", 11),
    ("天津", 12),
    ("河北", 13),
    ("上海", 31),
    ("江苏", 32),
    ("苏州", 32),
    ("昆山", 32),
    ("无锡", 32),
    ("常州", 32),
    ("南京", 32),
    ("浙江", 33),
    ("宁波", 33),
    ("慈溪", 33),
    ("温州", 33),
    ("杭州", 33),
    ("义乌", 33),
    ("绍兴", 33),
    ("台州", 33),
    ("长三角", 31),
    ("安徽", 34),
    ("合肥", 34),
    ("福建", 35),
    ("厦门", 35),
    ("泉州", 35),
    ("晋江", 35),
    ("福州", 35),
    ("莆田", 35),
    ("江西", 36),
    ("南昌", 36),
    ("山东", 37),
    ("青岛", 37),
    ("河南", 41),
    ("郑州", 41),
    ("湖北", 42),
    ("武汉", 42),
    ("湖南", 43),
    ("长沙", 43),
    ("广东", 44),
    ("珠三角", 44),
    ("深圳", 44),
    ("东莞", 44),
    ("广州", 44),
    ("佛山", 44),
    ("顺德", 44),
    ("惠州", 44),
    ("中山", 44),
    ("珠海", 44),
    ("江门", 44),
    ("广西", 45),
    ("海南", 46),
    ("重庆", 50),
    ("四川", 51),
    ("成都", 51),
];

/// Provinces on the coast (the first two digits of their codes).
const COASTAL: &[u8] = &[12, 13, 21, 31, 32, 33, 35, 37, 44, 45, 46];

/// Words saying the work is done at home or in the village, or near where the workers live
/// (a road works hiring "项目所在乡镇村民").
const AT_HOME: &[&str] = &["在家", "带回家", "居家", "外发加工", "在家门口", "村里设点", "到村"];
const NEAR_THE_WORKERS: &[&str] = &["就近招用", "就近招收", "就近招聘", "就近安排", "所在乡镇", "所在村"];
/// What may follow 就近安排 that is not the work: "就近安排宿舍" is lodging near the works.
const NOT_THE_WORK: &[&str] = &["宿舍", "住宿", "食宿", "住处", "吃住"];

/// Where a job offer's work is, as far as its words say.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Place {
    /// The province named in the text (first two digits of its code), when one is.
    pub province: Option<u8>,
    /// The work is done at home or in the village.
    pub at_home: bool,
}

impl Place {
    /// Reads the offer's `text`. A province named in the text counts only when it is not the
    /// firm's home ("义乌饰品公司在宜春各县设发货点" is work in 宜春): the first place named
    /// after a word for where the work is, else the first named at all.
    pub fn of(text: &str) -> Self {
        let near = |w: &&str| {
            text.match_indices(*w).any(|(i, _)| !NOT_THE_WORK.iter().any(|x| text[i + w.len()..].starts_with(x)))
        };
        let at_home = AT_HOME.iter().any(|w| text.contains(w)) || NEAR_THE_WORKERS.iter().any(near);
        let named = |t: &str| -> Option<(usize, u8)> {
            PLACES.iter().filter_map(|(w, p)| t.find(w).map(|i| (i, *p))).min_by_key(|(i, _)| *i)
        };
        let province = ["工作地点", "厂区在", "地点在", "工作地在"]
            .iter()
            .find_map(|cue| text.find(cue).and_then(|i| named(&text[i..])))
            .or_else(|| named(text))
            .map(|(_, p)| p);
        Self { province, at_home }
    }

    /// As kept in the index: the province in the low byte, 256 for work at home.
    pub fn code(self) -> u64 {
        u64::from(self.province.unwrap_or(0)) | if self.at_home { 256 } else { 0 }
    }

    /// From [`Place::code`].
    pub fn from_code(code: u64) -> Self {
        let p = (code & 0xff) as u8;
        Self { province: (p != 0).then_some(p), at_home: code & 256 != 0 }
    }
}

/// Where the village's workers want to work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wish {
    /// Near home: the township or the county, at most.
    Near,
    /// In the county.
    County,
    /// In the city (prefecture).
    City,
    /// In the province.
    Province,
    /// Away: the coast, another province.
    Away,
    /// Anywhere.
    Anywhere,
}

/// The phrases of each wish, the narrowest first (a need that says both "就近" and "不出江西"
/// wants near first). Negated words come before the words they negate ("不想去外地").
const WISHES: &[(Wish, &[&str])] = &[
    (
        Wish::Near,
        &[
            "就近",
            "家门口",
            "附近",
            "镇上",
            "本镇",
            "乡里",
            "不想跑远",
            "莫跑太远",
            "不跑远",
            "不想去外地",
            "不想南下",
            "不想去南边",
            "不去南边",
            "离家近",
            "离屋近",
            "离家不远",
            "离屋不远",
            "在家",
            "本村",
            "村里做",
            "不出远门",
        ],
    ),
    (Wish::County, &["本县", "县里", "县内", "县城", "在县", "本地"]),
    (Wish::City, &["市里", "市内", "本市", "市区"]),
    (Wish::Province, &["省内", "不出省", "不想出省", "不出江西", "本省", "不去外省", "不想去外省"]),
    (Wish::Anywhere, &["去哪里都行", "哪里都行", "去哪都行", "不限地点", "哪里都可以"]),
    (
        Wish::Away,
        &["沿海", "外省", "广东", "浙江", "福建", "江苏", "去外地", "出省", "去南边", "想南下", "南下打工", "南下进厂"],
    ),
];

/// Words after "在家" (or "在家里") that say where the workers are now, not where they want to
/// work ("在家闲着，想去南边沿海那边打工"), or that make it another word (在家具厂).
const NOT_A_WISH_AFTER: &[&str] =
    &["闲着", "闲在", "闲了", "待着", "待业", "呆着", "歇着", "没事", "没活", "无事", "具", "电"];
/// Work they do at home now, not where they want to work ("不想在家种田").
const AT_HOME_NOW: &[&str] = &["种田", "种地", "务农"];

/// Words a little before "在家" that turn it around: "不想在家种田", "不愿意在家" are not wishes to
/// work at home.
const NOT_A_WISH_BEFORE: &[&str] = &["不想", "不愿", "不要", "不肯", "不能"];

/// Words that make the first wish the only one: no broader place is also taken then.
const ONLY: &[&str] = &["只想", "只能", "只愿"];

/// The last `n` characters of `s`.
fn last_chars(s: &str, n: usize) -> &str {
    let from = s.char_indices().rev().nth(n.saturating_sub(1)).map_or(0, |(i, _)| i);
    &s[from..]
}

impl Wish {
    /// The wish `text` states, if any.
    pub fn of(text: &str) -> Option<Self> {
        let said = |w: &str| {
            if w != "在家" {
                return text.contains(w);
            }
            text.match_indices(w).any(|(i, _)| {
                let after = &text[i + w.len()..];
                let after = after.strip_prefix('里').unwrap_or(after);
                !NOT_A_WISH_AFTER.iter().any(|x| after.starts_with(x))
                    && !AT_HOME_NOW.iter().any(|x| after.starts_with(x))
                    && !NOT_A_WISH_BEFORE.iter().any(|x| last_chars(&text[..i], 4).contains(x))
            })
        };
        WISHES.iter().find(|(_, words)| words.iter().any(|w| said(w))).map(|(wish, _)| *wish)
    }

    /// The broadest place the text also accepts, when it names a wider one beside its first
    /// wish: "想就近務工，最好不出江西" wants work near home but takes any in the province.
    pub fn bound(text: &str) -> Option<Self> {
        let first = Self::of(text)?;
        // "只想在镇上或者县里做，不想去外省": only the first; the rest only says what is turned down.
        if Self::only(text) == Some(first) {
            return None;
        }
        let order = |w: Self| WISHES.iter().position(|(x, _)| *x == w);
        WISHES
            .iter()
            .rev()
            .filter(|(w, _)| matches!(w, Self::County | Self::City | Self::Province))
            .filter(|(w, _)| order(*w) > order(first))
            .find(|(_, words)| words.iter().any(|x| accepted(text, x)))
            .map(|(w, _)| *w)
    }

    /// The wish a clause beginning with 只想, 只能 or 只愿 states (not after 不: "不只想在镇上"):
    /// the one place they will work. "地里只能种点水稻" states none.
    fn only(text: &str) -> Option<Self> {
        ONLY.iter().flat_map(|w| text.match_indices(w)).find_map(|(i, _)| {
            if text[..i].ends_with('不') {
                return None;
            }
            let clause = text[i..].split(['，', ',', '。', '；', ';', '！', '？', '\n']).next().unwrap_or("");
            Self::of(clause)
        })
    }

    /// A need's wishes as kept in the index: the first in the low four bits, the broadest it
    /// also accepts ([`Wish::bound`]) above them.
    pub fn codes(text: &str) -> u64 {
        Self::code(Self::of(text)) | Self::code(Self::bound(text)) << 4
    }

    /// From [`Wish::codes`]: the wish and the broadest place also accepted.
    pub fn from_codes(code: u64) -> (Option<Self>, Option<Self>) {
        (Self::from_code(code & 0xf), Self::from_code(code >> 4))
    }

    /// As kept in the index (0: none).
    pub fn code(wish: Option<Self>) -> u64 {
        match wish {
            None => 0,
            Some(Self::Near) => 1,
            Some(Self::County) => 2,
            Some(Self::City) => 3,
            Some(Self::Province) => 4,
            Some(Self::Away) => 5,
            Some(Self::Anywhere) => 6,
        }
    }

    /// The wish in a user's words.
    pub fn words(self) -> &'static str {
        match self {
            Self::Near => "就近务工",
            Self::County => "在本县务工",
            Self::City => "在本市务工",
            Self::Province => "不出省务工",
            Self::Away => "去沿海或外省务工",
            Self::Anywhere => "去哪里都行",
        }
    }

    /// From [`Wish::code`].
    pub fn from_code(code: u64) -> Option<Self> {
        Some(match code {
            1 => Self::Near,
            2 => Self::County,
            3 => Self::City,
            4 => Self::Province,
            5 => Self::Away,
            6 => Self::Anywhere,
            _ => return None,
        })
    }
}

/// How well a job at `place`, offered by a firm at `firm_region`, meets the `wish` of workers of
/// the village at `village`: 1 meets it, 0 goes against it (work in another province for
/// workers who will not leave it). Without a wish, 1.
pub fn wish_fit(wish: Option<Wish>, village: &str, place: Place, firm_region: &str) -> f64 {
    let Some(wish) = wish else { return 1.0 };
    let home_province = village.get(..2).and_then(|p| p.parse::<u8>().ok());
    let province = place.province.or_else(|| firm_region.get(..2).and_then(|p| p.parse().ok()));
    let same =
        |n: usize| place.province.is_none() && village.get(..n).is_some() && village.get(..n) == firm_region.get(..n);
    let in_province = province.is_some() && province == home_province;
    let coastal = province.is_some_and(|p| COASTAL.contains(&p));
    if place.at_home {
        return if wish == Wish::Away { 0.3 } else { 1.0 };
    }
    match wish {
        Wish::Anywhere => 1.0,
        Wish::Near | Wish::County if same(6) => 1.0,
        Wish::Near | Wish::County if same(4) => 0.5,
        Wish::Near | Wish::County if in_province => 0.3,
        Wish::City if same(4) => 1.0,
        Wish::City if in_province => 0.5,
        Wish::Province if in_province => 1.0,
        Wish::Away if !in_province && coastal => 1.0,
        Wish::Away if !in_province => 0.8,
        Wish::Away => 0.3,
        _ => 0.0,
    }
}

/// How well a job meets the wishes a need's `codes` keep ([`Wish::codes`]), with the wish that
/// decides: the first wish, or the broadest place also accepted when the job is there (a little
/// less than near home). None without a wish.
pub fn wishes_fit(codes: u64, village: &str, place: Place, firm_region: &str) -> Option<(Wish, f64)> {
    let (wish, bound) = Wish::from_codes(codes);
    let first = (wish?, wish_fit(wish, village, place, firm_region));
    let wider = bound.map(|b| (b, BOUND_FIT * wish_fit(Some(b), village, place, firm_region)));
    Some(wider.filter(|(_, fit)| *fit > first.1).unwrap_or(first))
}

/// Whether `text` names the place `word` as one it takes: not right after 不 or 离 ("不想去市里",
/// "离市区三十公里").
fn accepted(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = last_chars(&text[..i], 3);
        !before.contains('不') && !before.contains('离')
    })
}

/// A job only within the broader place a need also accepts, against one that meets its first
/// wish.
const BOUND_FIT: f64 = 0.9;

/// A number written in digits or in Chinese numerals (up to 99) at the start of `s`, with the
/// bytes it takes.
fn number_at(s: &str) -> Option<(u32, usize)> {
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty() {
        return digits.parse().ok().map(|n| (n, digits.len()));
    }
    let value =
        |c: char| "零一二三四五六七八九".chars().position(|d| d == c).map(|v| v as u32).or((c == '两').then_some(2));
    let mut chars = s.char_indices().peekable();
    let mut n = 0u32;
    let mut used = 0usize;
    let mut seen = false;
    while let Some(&(i, c)) = chars.peek() {
        if c == '十' {
            n = if seen { n * 10 } else { 10 };
            seen = true;
        } else if let Some(v) = value(c) {
            n = if seen && n >= 10 && n.is_multiple_of(10) { n + v } else { n * 10 + v };
            seen = true;
        } else {
            break;
        }
        used = i + c.len_utf8();
        chars.next();
    }
    seen.then_some((n, used))
}

/// The oldest age an offer takes ("五十周岁以下", "十八至四十五周岁", "六十岁以内"), if it says.
pub fn max_age(text: &str) -> Option<u32> {
    if text.contains("不限年龄") {
        return None;
    }
    let mut best: Option<u32> = None;
    for (i, _) in text.char_indices() {
        let Some((n, len)) = number_at(&text[i..]) else { continue };
        // Only where a number starts (not inside one already read).
        if i > 0 && number_at(&text[text[..i].char_indices().last().map_or(0, |(j, _)| j)..]).is_some() {
            continue;
        }
        let rest = &text[i + len..];
        let limit = ["周岁以下", "周岁以内", "岁以下", "岁以内", "周岁及以下"].iter().any(|w| rest.starts_with(w))
            || (["周岁", "岁"].iter().any(|w| rest.starts_with(w)) && text[..i].ends_with(RANGE_MARKS));
        if limit && (16..=80).contains(&n) {
            best = Some(best.map_or(n, |b| b.max(n)));
        }
    }
    best
}

/// What joins the two ends of a range of ages (十八至四十五周岁, 18-45岁, 二十五到五十).
const RANGE_MARKS: [char; 7] = ['至', '到', '-', '－', '—', '～', '~'];

/// A range of ages a need gives its workers: the youngest and the oldest ("五六十岁的婆婆": 50
/// and past 60, as 六十多 is; "年龄二十五到五十": 25 and 50; "30-55岁").
pub fn workers_range(text: &str) -> Option<(u32, u32)> {
    let digit = |c: char| "一二三四五六七八九".chars().position(|d| d == c).map(|v| v as u32 + 1);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut best: Option<(u32, u32)> = None;
    let mut keep = |lo: u32, hi: u32| {
        if (16..=80).contains(&hi) && lo < hi && best.is_none_or(|(_, b)| hi > b) {
            best = Some((lo, hi));
        }
    };
    for (k, &(i, c)) in chars.iter().enumerate() {
        // 三四十 / 四五十 / 五六十 + 岁: two tens in a row.
        if let (Some(a), Some(&(_, c2)), Some(&(j, '十'))) = (digit(c), chars.get(k + 1), chars.get(k + 2))
            && digit(c2) == Some(a + 1)
            && a >= 3
            && (k == 0 || digit(chars[k - 1].1).is_none())
        {
            let rest = &text[j + '十'.len_utf8()..];
            if ["岁", "来岁", "多岁", "几岁", "左右"].iter().any(|w| rest.starts_with(w)) {
                keep(a * 10, (a + 1) * 10 + 1);
            }
        }
        // N 到 M (岁): the end an age, the start where a number starts.
        if RANGE_MARKS.contains(&c) && k > 0 {
            let start = text[..i]
                .char_indices()
                .rev()
                .take_while(|(_, d)| d.is_ascii_digit() || "零一二三四五六七八九十两".contains(*d))
                .last()
                .map(|(s, _)| s);
            let Some(start) = start else { continue };
            let Some((lo, lo_len)) = number_at(&text[start..]) else { continue };
            if start + lo_len != i {
                continue;
            }
            let after = &text[i + c.len_utf8()..];
            let Some((hi, len)) = number_at(after) else { continue };
            let unit = ["周岁", "岁"].iter().any(|w| after[len..].starts_with(w));
            let said = text[..start].chars().rev().take(4).collect::<String>();
            if unit || said.contains('龄') || said.contains('纪') {
                keep(lo, hi);
            }
        }
    }
    best
}

/// Words saying that only some of the workers are of the age that follows ("有几个年纪偏大，
/// 五十出头") or went before ("五十几岁的也有").
const SOME_BEFORE: &[&str] = &["有几个", "有几位", "有的", "有一些", "部分", "少数", "个别", "其中"];
/// What makes those words mean all or most: 所有的, 大部分.
const NOT_SOME: &[&str] = &["所有的", "大部分"];
const SOME_AFTER: &str = "也有";

/// The age of the oldest workers a need mentions ("年纪大了五十多", "五十出头", "六十来岁"), if
/// any: from forty on, where a job's age limit starts to matter. "五十多", "五十出头" and
/// "五十几岁" are past fifty: 51, so a job "五十周岁以下" is not for them.
/// With it, whether only some of the workers are that old.
pub fn workers_age(text: &str) -> Option<(u32, bool)> {
    let mut best: Option<(u32, bool)> = None;
    for (i, _) in text.char_indices() {
        let Some((n, len)) = number_at(&text[i..]) else { continue };
        if i > 0 && number_at(&text[text[..i].char_indices().last().map_or(0, |(j, _)| j)..]).is_some() {
            continue;
        }
        let rest = &text[i + len..];
        // A bare 多 is an age where the phrase ends there ("年纪大了五十多，", "五十多的男劳力"),
        // not before a measure word (四十多分钟, 五十多公里, 二十多人).
        let about_age = ["岁", "出头", "来岁", "多岁", "几岁"].iter().any(|w| rest.starts_with(w))
            || rest.strip_prefix('多').is_some_and(|after| {
                after.is_empty() || after.starts_with(|c: char| "的了，。、；！？,.;!? ".contains(c))
            });
        if about_age && (40..=80).contains(&n) {
            let past = ["多", "出头", "几"].iter().any(|w| rest.starts_with(w));
            let n = if past { n + 1 } else { n };
            let sentence = |t: &str| t.rsplit(['。', '！', '？', '；']).next().unwrap_or_default().to_owned();
            let before: String = {
                let s = sentence(&text[..i]);
                let chars: Vec<char> = s.chars().collect();
                chars[chars.len().saturating_sub(10)..].iter().collect()
            };
            let after: String = rest.chars().take(6).collect();
            let only_some =
                |w: &&str| before.contains(w) && !NOT_SOME.iter().any(|n| n.contains(w) && before.contains(n));
            let some = SOME_BEFORE.iter().any(only_some) || after.contains(SOME_AFTER);
            if best.is_none_or(|(b, _)| n > b) {
                best = Some((n, some));
            }
        }
    }
    // A range: its oldest, some of the workers younger.
    if let Some((_, hi)) = workers_range(text)
        && hi >= 40
        && best.is_none_or(|(b, _)| hi > b)
    {
        best = Some((hi, true));
    }
    best
}

/// Workers' ages as kept in the index: the oldest, 256 more when only some are that old, and
/// the youngest of a range times 65,536 (0: none said).
pub fn age_code(age: Option<(u32, bool)>, youngest: Option<u32>) -> u64 {
    age.map_or(0, |(a, some)| {
        u64::from(a) | if some { 256 } else { 0 } | youngest.map_or(0, |y| u64::from(y.min(255)) << 16)
    })
}

/// The youngest of the workers from [`age_code`], when the need gave a range.
pub fn youngest_from_code(code: u64) -> Option<u32> {
    u32::try_from((code >> 16) & 0xff).ok().filter(|y| *y > 0)
}

/// From [`age_code`].
pub fn age_from_code(code: u64) -> Option<(u32, bool)> {
    let age = u32::try_from(code & 0xff).ok().filter(|a| *a > 0)?;
    Some((age, code & 256 != 0))
}

/// Whether workers of `age` (the oldest, and whether only some are that old) may take a job
/// that takes people up to `max`: 1 yes; 0.3 when they are older (some of them may still be
/// younger); 0.7 when the need says only some of them are.
pub fn age_fit(age: Option<(u32, bool)>, max: Option<u32>) -> f64 {
    age_fit_range(age, None, max)
}

/// [`age_fit`] where the need gave a range of ages: a job none of them is young enough for (the
/// youngest older than its limit) fits as one for older workers, 0.3.
pub fn age_fit_range(age: Option<(u32, bool)>, youngest: Option<u32>, max: Option<u32>) -> f64 {
    if let (Some(y), Some(m)) = (youngest, max)
        && y > m
    {
        return 0.3;
    }
    match (age, max) {
        (Some((a, true)), Some(m)) if a > m => 0.7,
        (Some((a, false)), Some(m)) if a > m => 0.3,
        _ => 1.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_is_placed_where_its_words_say_and_home_work_is_home() {
        assert_eq!(Place::of("工作地点在广东佛山顺德，包食宿").province, Some(44));
        assert_eq!(Place::of("厂区在浙江宁波慈溪，冲压、注塑").province, Some(33));
        assert_eq!(Place::of("宜丰县工业园电子厂招插件、焊锡").province, None);
        let home = Place::of("义乌饰品公司在宜春各县设发货点，村民领取材料在家串珠");
        assert!(home.at_home);
        assert_eq!(Place::from_code(home.code()), home);
        assert_eq!(Place::of("南昌县物流园招快递分拣员").province, Some(36));
        // Hiring where the work is, among the villagers of its township, is work near home.
        assert!(Place::of("在建农村道路项目就近招用项目所在乡镇村民从事辅助劳务").at_home);
        assert!(!Place::of("宜丰工业园竹板加工厂招聘普工").at_home);
        assert!(!Place::of("宁波厂包吃住，就近安排宿舍").at_home);
        assert!(Place::of("铜鼓、靖安景区招保洁员和餐厅服务员，就近安排，六十周岁以下").at_home);
    }

    #[test]
    fn wishes_are_read_narrowest_first_and_negations_are_not_taken_for_wanting_away() {
        assert_eq!(Wish::of("想就近務工，最好不出江西"), Some(Wish::Near));
        assert_eq!(Wish::bound("想就近務工，最好不出江西"), Some(Wish::Province));
        assert_eq!(Wish::bound("想在附近做衣服挣点钱，不想去外地"), None);
        assert_eq!(Wish::bound("不想出省，在省内找个包住的厂"), None);
        // A place named to turn it down, or as a distance, is not one they take.
        assert_eq!(Wish::bound("想就近务工，不想去市里"), None);
        assert_eq!(Wish::bound("离市区三十公里，想就近务工"), None);
        assert_eq!(Wish::from_codes(Wish::codes("想在镇上找事，县里也行")), (Some(Wish::Near), Some(Wish::County)));
        // Only the first wish when it is the only one they want: turning the other provinces
        // down takes no more than the town or the county.
        let only = "只想在镇上或者县里做，不想去外省";
        assert_eq!(Wish::from_codes(Wish::codes(only)), (Some(Wish::Near), None));
        assert_eq!(Wish::bound("只能在县里做，最好不出江西"), None);
        // Not when 只 says something else, or is turned around.
        assert_eq!(Wish::bound("地里只能种点水稻，年轻人想去市里打工，省内也行"), Some(Wish::Province));
        assert_eq!(Wish::bound("想就近务工，县里也行，只在乎工资按时发"), Some(Wish::County));
        assert_eq!(Wish::bound("不只想在镇上找，县城、市里都行"), Some(Wish::City));
        assert_eq!(Wish::of("想在附近做衣服挣点钱，不想去外地"), Some(Wish::Near));
        assert_eq!(Wish::of("不想出省，在省内找个包住的厂"), Some(Wish::Province));
        assert_eq!(Wish::of("想再去沿海的鞋厂或者服装厂"), Some(Wish::Away));
        assert_eq!(Wish::of("想在宜春市里面找活"), Some(Wish::City));
        assert_eq!(Wish::of("过完年想出去打工挣钱，去哪里都行"), Some(Wish::Anywhere));
        assert_eq!(Wish::of("四十多个富余劳动力想找工作"), None);
        // Where they are now is not where they want to work.
        assert_eq!(Wish::of("几个后生伢子在家闲着，想去南边沿海那边打工挣钱"), Some(Wish::Away));
        assert_eq!(Wish::of("年轻人在家待着没事做，想南下进厂"), Some(Wish::Away));
        assert_eq!(Wish::of("妇女要带孩子，只能在家做点手工"), Some(Wish::Near));
        assert_eq!(Wish::of("后生们在家里待着，想去南边打工"), Some(Wish::Away));
        assert_eq!(Wish::of("以前在家具厂做过，想去南边打工"), Some(Wish::Away));
        assert_eq!(Wish::of("刚从河南下工地回来，想找活"), None);
        assert_eq!(Wish::of("年纪大了不想南下，附近有活就行"), Some(Wish::Near));
        // Home is where they are now, or what they turn away from.
        assert_eq!(Wish::of("刚毕业的后生，不想在家种田，想去广东浙江那边进厂"), Some(Wish::Away));
        assert_eq!(Wish::of("在家种田的劳力想农闲时出去做几个月"), None);
        assert_eq!(Wish::of("下午四点前要去接伢崽，离屋近点最好"), Some(Wish::Near));
        assert_eq!(Wish::of("不想在家，想去广东打工"), Some(Wish::Away));
        assert_eq!(Wish::of("不愿意在家闷着，想去广东打工"), Some(Wish::Away));
        assert_eq!(Wish::of("妇女要带孩子，只能在家做点手工"), Some(Wish::Near));
        for w in [Wish::Near, Wish::County, Wish::City, Wish::Province, Wish::Away, Wish::Anywhere] {
            assert_eq!(Wish::from_code(Wish::code(Some(w))), Some(w));
        }
    }

    #[test]
    fn a_wish_is_met_by_a_job_near_enough_and_refused_by_one_too_far() {
        let village = "360924105201";
        let county = Place::default();
        assert_eq!(wish_fit(Some(Wish::Near), village, county, "360924000000"), 1.0);
        assert_eq!(wish_fit(Some(Wish::Near), village, county, "360902000000"), 0.5);
        assert_eq!(wish_fit(Some(Wish::Near), village, Place::of("工作地点在浙江宁波"), "360902000000"), 0.0);
        assert_eq!(wish_fit(Some(Wish::Province), village, Place::of("南昌县物流园"), "360121000000"), 1.0);
        assert_eq!(wish_fit(Some(Wish::Province), village, Place::of("江苏昆山精密机械厂"), "360900000000"), 0.0);
        assert_eq!(wish_fit(Some(Wish::Away), village, Place::of("惠州惠阳鞋厂"), "360900000000"), 1.0);
        assert!(wish_fit(Some(Wish::Away), village, county, "360924000000") < 0.5);
        assert_eq!(wish_fit(Some(Wish::Near), village, Place::of("领取材料在家可做"), "330782000000"), 1.0);
        assert_eq!(wish_fit(None, village, Place::of("工作地点在浙江宁波"), "330200000000"), 1.0);
        // Near home first, anywhere in the province also taken.
        let codes = Wish::codes("想就近務工，最好不出江西");
        assert_eq!(wishes_fit(codes, village, county, "360924000000"), Some((Wish::Near, 1.0)));
        assert_eq!(wishes_fit(codes, village, Place::of("南昌县物流园"), "360121000000"), Some((Wish::Province, 0.9)));
        assert_eq!(
            wishes_fit(codes, village, Place::of("工作地点在浙江宁波"), "330200000000"),
            Some((Wish::Near, 0.0))
        );
        assert_eq!(wishes_fit(0, village, county, "360924000000"), None);
    }

    /// The oldest age a need mentions.
    fn worker_age(text: &str) -> Option<u32> {
        workers_age(text).map(|(age, _)| age)
    }

    #[test]
    fn a_range_of_ages_gives_its_youngest_and_oldest() {
        assert_eq!(workers_range("下市村有二十来个五六十岁的婆婆佬佬"), Some((50, 61)));
        assert_eq!(workers_range("四五十岁的妇女"), Some((40, 51)));
        assert_eq!(workers_range("劳动力四十多个，年龄二十五到五十，不想出省"), Some((25, 50)));
        assert_eq!(workers_range("年龄30-55岁"), Some((30, 55)));
        assert_eq!(workers_range("需要二十到三十吨"), None, "not an age");
        assert_eq!(workers_range("三四十亩茶园"), None, "not an age");
        assert_eq!(workers_range("一二十岁"), None, "too young to read");
        assert_eq!(workers_age("五六十岁的婆婆佬佬"), Some((61, true)));
        let (age, youngest) = (workers_age("五六十岁的婆婆佬佬"), workers_range("五六十岁的婆婆佬佬").map(|r| r.0));
        assert_eq!(youngest_from_code(age_code(age, youngest)), Some(50));
        assert_eq!(age_from_code(age_code(age, youngest)), age);
        // None of them young enough; some of them; all of them.
        assert_eq!(age_fit_range(age, youngest, max_age("限18-45周岁，两班倒")), 0.3);
        assert_eq!(age_fit_range(age, youngest, max_age("60周岁以下，身体健康")), 0.7);
        assert_eq!(age_fit_range(age, youngest, max_age("65周岁以下，日工资150元")), 1.0);
    }

    #[test]
    fn ages_are_read_in_chinese_numerals_and_digits() {
        assert_eq!(max_age("五十周岁以下，满勤有奖"), Some(50));
        assert_eq!(max_age("年龄十八至四十五周岁，月综合收入"), Some(45));
        assert_eq!(max_age("限40周岁以下，视力良好"), Some(40));
        assert_eq!(max_age("六十五岁以内"), Some(65));
        assert_eq!(max_age("按件计酬，不限年龄"), None);
        assert_eq!(max_age("招采茶工八十名"), None);
        assert_eq!(worker_age("有几个年纪偏大，五十出头"), Some(51));
        assert_eq!(worker_age("年纪大了五十多，想在镇上找事"), Some(51));
        assert_eq!(worker_age("五十多岁的男劳力想去城里当保安"), Some(51));
        assert_eq!(worker_age("六十来岁的老人"), Some(60));
        assert_eq!(worker_age("五十几岁的也有"), Some(51));
        assert_eq!(worker_age("五十几个人想找事"), None);
        assert_eq!(worker_age("村里到工业园坐车四十多分钟"), None);
        assert_eq!(worker_age("离县城五十多公里"), None);
        assert_eq!(worker_age("最大的五十岁"), Some(50));
        assert_eq!(age_fit(workers_age("五十多岁的男劳力"), max_age("五十周岁以下")), 0.3);
        // Only some are older: the job may still take most of them.
        assert_eq!(workers_age("四十多个富余劳动力想找工作，有几个年纪偏大，五十出头"), Some((51, true)));
        assert_eq!(workers_age("闲着的劳动力，五十几岁的也有"), Some((51, true)));
        assert_eq!(workers_age("有几个人想找事。年纪大了五十多"), Some((51, false)));
        assert_eq!(workers_age("所有的劳力都五十多了"), Some((51, false)));
        assert_eq!(workers_age("大部分五十多岁"), Some((51, false)));
        assert_eq!(workers_age("有一部分五十多岁"), Some((51, true)));
        assert_eq!(age_fit(workers_age("有几个年纪偏大，五十出头"), max_age("四十五周岁以下")), 0.7);
        for age in [None, Some((51, false)), Some((60, true))] {
            assert_eq!(age_from_code(age_code(age, None)), age);
        }
        assert_eq!(worker_age("二十多人想就近务工"), None);
        assert_eq!(worker_age("四十多个富余劳动力"), None);
        assert_eq!(age_fit(Some((55, false)), Some(45)), 0.3);
        assert_eq!(age_fit(Some((50, false)), Some(50)), 1.0);
        assert_eq!(age_fit(None, Some(45)), 1.0);
    }
}
