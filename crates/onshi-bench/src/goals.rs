//! Issue 31's goals against the figures of this run, as the first table of BENCHMARKS.md: each goal with
//! the figure that answers it and whether it is met, worked out here so that no hand copies a figure.

/// The figures the goals are about, from one run.
pub struct Figures {
    /// Start to first screen, ours ÷ the bare app (medians).
    pub start: f64,
    /// The open window, ours ÷ the bare app showing our home page: private dirty and PSS.
    pub window_dirty: f64,
    pub window_pss: f64,
    /// The resident app on Linux, the larger of its two starts (afresh and at login), private dirty MiB.
    pub resident_linux_mib: f64,
    /// Under Wine, ours ÷ notepad: the pages written (None if not measured) and all private bytes.
    pub wine_written: Option<f64>,
    pub wine_private: f64,
    /// `onshi check` ÷ its floor, on Linux and under Wine (None if not measured).
    pub check_linux: f64,
    pub check_wine: Option<f64>,
}

/// The table, in Markdown.
pub fn table(f: &Figures) -> String {
    let met = |yes: bool| if yes { "yes" } else { "**no**" };
    let ratio = |value: f64, goal: f64| (format!("{value:.2}×"), met(value <= goal));
    let measured = |value: Option<f64>, goal: f64| match value {
        Some(value) => ratio(value, goal),
        None => ("not measured".to_owned(), "**not shown**"),
    };
    let rows = [
        ("start ≤ 1.05× the bare app", ratio(f.start, 1.05)),
        (
            "window ≤ 1.05× the bare app with our home page (private dirty, PSS)",
            (
                format!("{:.2}× and {:.2}×", f.window_dirty, f.window_pss),
                met(f.window_dirty <= 1.05 && f.window_pss <= 1.05),
            ),
        ),
        (
            "resident on Linux ≤ 20 MB",
            (
                format!("{:.1} MiB", f.resident_linux_mib),
                met(f.resident_linux_mib * 1.048_576 <= 20.0),
            ),
        ),
        (
            "resident under Wine ≤ 2× notepad, the pages it wrote",
            measured(f.wine_written, 2.0),
        ),
        (
            "resident under Wine ≤ 2× notepad, every private page (with those read from files)",
            ratio(f.wine_private, 2.0),
        ),
        (
            "`onshi check` ≤ 1.5× its floor on Linux",
            ratio(f.check_linux, 1.5),
        ),
        (
            "`onshi check` ≤ 1.5× its floor under Wine",
            measured(f.check_wine, 1.5),
        ),
    ];
    let mut table = String::from("| goal (issue 31) | this run | met? |\n| --- | --- | --- |\n");
    for (goal, (figure, verdict)) in rows {
        table.push_str(&format!("| {goal} | {figure} | {verdict} |\n"));
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_goal_is_met_or_not_by_its_own_figure() {
        let figures = Figures {
            start: 1.04,
            window_dirty: 1.03,
            window_pss: 1.06,
            resident_linux_mib: 15.0,
            wine_written: Some(1.95),
            wine_private: 3.46,
            check_linux: 1.54,
            check_wine: None,
        };
        let text = table(&figures);
        assert!(
            text.contains("| start ≤ 1.05× the bare app | 1.04× | yes |"),
            "{text}"
        );
        assert!(text.contains("| 1.03× and 1.06× | **no** |"), "{text}");
        assert!(
            text.contains("| resident on Linux ≤ 20 MB | 15.0 MiB | yes |"),
            "{text}"
        );
        assert!(
            text.contains("the pages it wrote | 1.95× | yes |"),
            "{text}"
        );
        assert!(
            text.contains("read from files) | 3.46× | **no** |"),
            "{text}"
        );
        assert!(text.contains("on Linux | 1.54× | **no** |"), "{text}");
        assert!(
            text.contains("under Wine | not measured | **not shown** |"),
            "{text}"
        );
        // 20 MB is 19.07 MiB.
        let heavy = Figures {
            resident_linux_mib: 19.5,
            ..figures
        };
        assert!(table(&heavy).contains("| 19.5 MiB | **no** |"));
    }
}
