//! The campaign optimiser from the command line: `qicun bench campaign` solves generated
//! instances exactly and prints its figures against a greedy assignment.

#[test]
fn the_campaign_bench_solves_both_instances_and_covers_at_least_what_greedy_covers() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_qicun"))
        .args(["bench", "campaign", "--villages", "40", "--enterprises", "30", "--large", "300", "--candidates", "6"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("40 村 × 30 企业，每对都评分（1200 个候选结对"), "{text}");
    assert!(text.contains("300 村 × 300 企业，每村最好的 6 个候选（1800 个候选结对"), "{text}");
    // 40 villages and 30 enterprises taking one each: 30 covered at most, and the optimiser
    // reaches it.
    assert!(text.contains("覆盖村数 30 / 40"), "{text}");
    assert_eq!(text.matches("求解（最小费用最大流").count(), 2, "{text}");
}
