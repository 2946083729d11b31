//! Units of quantity: one table of families and factors, so that 2 吨 and 3000 斤, 20 个岗位
//! and 20 人, 吨/年 and 吨 are compared in the same measure. A unit not in the table is unknown:
//! it is neither a match nor a mismatch.

/// What a unit measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// Kilograms.
    Mass,
    /// Persons (workers, trainees, jobs).
    People,
    /// Mu (亩).
    Area,
    /// Metres.
    Length,
    /// Cubic metres.
    Volume,
    /// Households.
    Households,
    /// Yuan.
    Money,
}

/// Each unit as written, its family and its size in the family's measure.
const UNITS: &[(&str, Family, f64)] = &[
    ("吨", Family::Mass, 1000.0),
    ("t", Family::Mass, 1000.0),
    ("公斤", Family::Mass, 1.0),
    ("千克", Family::Mass, 1.0),
    ("kg", Family::Mass, 1.0),
    ("斤", Family::Mass, 0.5),
    ("市斤", Family::Mass, 0.5),
    ("担", Family::Mass, 50.0),
    ("克", Family::Mass, 0.001),
    ("人", Family::People, 1.0),
    ("名", Family::People, 1.0),
    ("位", Family::People, 1.0),
    ("个人", Family::People, 1.0),
    ("岗位", Family::People, 1.0),
    ("个岗位", Family::People, 1.0),
    ("个岗", Family::People, 1.0),
    ("岗", Family::People, 1.0),
    ("人次", Family::People, 1.0),
    ("个劳动力", Family::People, 1.0),
    ("劳动力", Family::People, 1.0),
    ("工人", Family::People, 1.0),
    ("学员", Family::People, 1.0),
    ("亩", Family::Area, 1.0),
    ("公顷", Family::Area, 15.0),
    ("平方米", Family::Area, 0.0015),
    ("平米", Family::Area, 0.0015),
    ("米", Family::Length, 1.0),
    ("m", Family::Length, 1.0),
    ("公里", Family::Length, 1000.0),
    ("千米", Family::Length, 1000.0),
    ("km", Family::Length, 1000.0),
    ("立方米", Family::Volume, 1.0),
    ("方", Family::Volume, 1.0),
    ("立方", Family::Volume, 1.0),
    ("户", Family::Households, 1.0),
    ("家", Family::Households, 1.0),
    ("元", Family::Money, 1.0),
];

/// Endings that make a unit a yearly rate; a rate and a total are compared as they are (a buyer
/// of 500 吨/年 can take a harvest of 300 吨).
const PER_YEAR: &[&str] = &["/年", "／年", "每年", "一年", "/a"];

/// A quantity in its family's measure.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Measure {
    pub family: Family,
    pub value: f64,
}

/// Reads `quantity` `unit`; `None` when the unit is not in the table. Counting words that are
/// not in it (台, 套, 头) are still compared when both sides write the same word.
pub fn measure(quantity: i64, unit: &str) -> Option<Measure> {
    let mut u = unit.trim().to_lowercase();
    for end in PER_YEAR {
        if let Some(stripped) = u.strip_suffix(end) {
            u = stripped.trim().to_owned();
            break;
        }
    }
    if let Some(rest) = u.strip_prefix("每年") {
        u = rest.to_owned();
    }
    let (scale, base) = match u.strip_prefix('万') {
        Some(rest) if !rest.is_empty() => (10_000.0, rest),
        _ => (1.0, u.as_str()),
    };
    let &(_, family, factor) = UNITS.iter().find(|(w, _, _)| *w == base)?;
    Some(Measure { family, value: quantity as f64 * factor * scale })
}

/// How `offered` covers `needed`: 1 when it covers it, the covered share otherwise; 0.3 when
/// they measure different things (people against tonnes); 0.5 when either is missing or a unit
/// is unknown — unknown is not a mismatch.
pub fn capacity_fit(offered: Option<(i64, &str)>, needed: Option<(i64, &str)>) -> f64 {
    let (Some((o, ou)), Some((n, nu))) = (offered, needed) else { return 0.5 };
    if n <= 0 {
        return 0.5;
    }
    match (measure(o, ou), measure(n, nu)) {
        (Some(a), Some(b)) if a.family == b.family => (a.value / b.value).clamp(0.0, 1.0),
        (Some(_), Some(_)) => 0.3,
        _ if ou.trim() == nu.trim() && !ou.trim().is_empty() => (o as f64 / n as f64).clamp(0.0, 1.0),
        _ => 0.5,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_of_one_family_compare_in_one_measure() {
        assert_eq!(capacity_fit(Some((2, "吨")), Some((3000, "斤"))), 1.0, "2 吨 = 4000 斤");
        assert_eq!(capacity_fit(Some((1, "吨")), Some((4000, "斤"))), 0.5);
        assert_eq!(capacity_fit(Some((20, "个岗位")), Some((20, "人"))), 1.0);
        assert_eq!(capacity_fit(Some((10, "岗位")), Some((40, "名"))), 0.25);
        assert_eq!(capacity_fit(Some((500, "吨/年")), Some((300, "吨"))), 1.0, "a yearly buyer takes a harvest");
        assert_eq!(capacity_fit(Some((3, "万斤")), Some((10, "吨"))), 1.0, "3 万斤 = 15 吨");
        assert_eq!(capacity_fit(Some((15, "公顷")), Some((300, "亩"))), 0.75);
        assert_eq!(capacity_fit(Some((5, "台")), Some((10, "台"))), 0.5, "the same counting word");
    }

    #[test]
    fn different_families_mismatch_and_unknown_units_do_not() {
        assert_eq!(capacity_fit(Some((50, "人")), Some((100, "公斤"))), 0.3);
        assert_eq!(capacity_fit(Some((5, "台")), Some((10, "套"))), 0.5, "unknown: neither");
        assert_eq!(capacity_fit(None, Some((100, "公斤"))), 0.5);
        assert_eq!(capacity_fit(Some((100, "公斤")), Some((0, "公斤"))), 0.5);
        assert!(measure(3, "筐").is_none());
        assert_eq!(measure(2, " 吨 ").map(|m| m.value), Some(2000.0));
    }
}
