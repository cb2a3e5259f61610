//! The resident app's memory on Windows as Wine runs it: measured by scripts/windows/bench-resident.sh
//! inside the Windows chroot (there is no Windows here) and handed over in `ONSHI_BENCH_WINE` as
//! `wine-memory ours=PRIVATE,WORKING-SET notepad=PRIVATE,WORKING-SET wine=VERSION` (bytes).

/// One process's figures, in bytes, as GetProcessMemoryInfo reported them under Wine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WineMemory {
    pub private_bytes: u64,
    pub working_set: u64,
    /// Of the private bytes, the pages the process wrote (Private_Dirty); the rest were read from files
    /// only this process maps, its own program file above all. None in a line from before it was measured.
    pub written: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WineRow {
    pub ours: WineMemory,
    pub notepad: WineMemory,
    pub wine_version: String,
}

/// Reads the line; None when a part is missing or not a number.
pub fn parse(line: &str) -> Option<WineRow> {
    let field = |name: &str| {
        line.split_whitespace()
            .find_map(|part| part.strip_prefix(name)?.strip_prefix('='))
    };
    let memory = |name: &str| {
        let mut parts = field(name)?.split(',');
        let private = parts.next()?.parse().ok()?;
        let working = parts.next()?.parse().ok()?;
        let written = match parts.next() {
            Some(written) => Some(written.parse().ok()?),
            None => None,
        };
        Some(WineMemory {
            private_bytes: private,
            working_set: working,
            written,
        })
    };
    Some(WineRow {
        ours: memory("ours")?,
        notepad: memory("notepad")?,
        wine_version: field("wine")?.to_owned(),
    })
}

/// The report's section.
pub fn section(row: &WineRow) -> String {
    let mib = |bytes: u64| bytes as f64 / (1024.0 * 1024.0);
    let written = |bytes: Option<u64>| match bytes {
        Some(bytes) => format!("{:.1} MiB", mib(bytes)),
        None => "not measured".to_owned(),
    };
    format!(
        "## Resident on Windows, measured under Wine\n\n\
         onshi-assistant.exe (the Windows release build) started as at login (`--autostart`: the tray, the reader\n\
         watch on the rig's PaSoRi, no window and no WebView2), and Wine's own notepad.exe started beside it:\n\
         the floor any program pays under Wine. 10 s after the app's icon was up. Private bytes: the pages only\n\
         the Wine process running the program holds (Private_Clean + Private_Dirty of its smaps_rollup), as\n\
         Wine answers GetProcessMemoryInfo's PrivateUsage for another process with its whole address-space\n\
         reservation (128 TiB); working set: GetProcessMemoryInfo (tests/windows/private-bytes.c).\n\
         **Wine {wine}, not Windows**: Wine maps its own libraries into each process, so the figures say how\n\
         the app compares with a plain program there, not what Task Manager shows on a terminal.\n\
         Of the private bytes, the pages the process wrote (Private_Dirty: heap, thread stacks, Wine's own\n\
         per-thread memory) and the rest, pages read from files only this process maps, its own program\n\
         above all: Windows counts a program's own code as image pages, not private bytes.\n\n\
         | under Wine | private bytes | of which written | working set |\n| --- | --- | --- | --- |\n\
         | onshi-assistant.exe, resident | {ours_private:.1} MiB | {ours_written} | {ours_working:.1} MiB |\n\
         | notepad.exe (Wine's) | {notepad_private:.1} MiB | {notepad_written} | {notepad_working:.1} MiB |\n\
         | ours ÷ notepad | {private_ratio:.2}× | {written_ratio} | goal: private ≤ 2× |\n",
        private_ratio = row.ours.private_bytes as f64 / row.notepad.private_bytes.max(1) as f64,
        written_ratio = match (row.ours.written, row.notepad.written) {
            (Some(ours), Some(notepad)) => format!("{:.2}×", ours as f64 / notepad.max(1) as f64),
            _ => "not measured".to_owned(),
        },
        wine = row.wine_version,
        ours_private = mib(row.ours.private_bytes),
        ours_working = mib(row.ours.working_set),
        notepad_private = mib(row.notepad.private_bytes),
        notepad_working = mib(row.notepad.working_set),
        ours_written = written(row.ours.written),
        notepad_written = written(row.notepad.written),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_chroot_line() {
        let row =
            parse("wine-memory ours=20971520,41943040 notepad=5242880,10485760 wine=10.0~repack-6")
                .unwrap();
        assert_eq!(row.ours.private_bytes, 20 * 1024 * 1024);
        assert_eq!(row.notepad.working_set, 10 * 1024 * 1024);
        assert_eq!(row.wine_version, "10.0~repack-6");
        assert!(section(&row)
            .contains("| onshi-assistant.exe, resident | 20.0 MiB | not measured | 40.0 MiB |"));
        let split = parse(
            "wine-memory ours=20971520,41943040,10485760 notepad=5242880,10485760,4194304 wine=10",
        )
        .unwrap();
        assert_eq!(split.ours.written, Some(10 * 1024 * 1024));
        assert!(section(&split)
            .contains("| onshi-assistant.exe, resident | 20.0 MiB | 10.0 MiB | 40.0 MiB |"));
        assert!(section(&split).contains("| ours ÷ notepad | 4.00× | 2.50× |"));
        assert_eq!(
            parse("wine-memory ours=1,2 wine=10"),
            None,
            "no notepad figure"
        );
        assert_eq!(parse("wine-memory ours=x,2 notepad=1,2 wine=10"), None);
    }
}
