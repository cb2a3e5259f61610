//! The resident app's memory on Windows as Wine runs it: measured by scripts/windows/bench-resident.sh
//! inside the Windows chroot (there is no Windows here) and handed over in `ONSHI_BENCH_WINE` as
//! `wine-memory ours=PRIVATE,WORKING-SET notepad=PRIVATE,WORKING-SET wine=VERSION` (bytes).

/// One process's figures, in bytes, as GetProcessMemoryInfo reported them under Wine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WineMemory {
    pub private_bytes: u64,
    pub working_set: u64,
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
        let (private, working) = field(name)?.split_once(',')?;
        Some(WineMemory {
            private_bytes: private.parse().ok()?,
            working_set: working.parse().ok()?,
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
    format!(
        "## Resident on Windows, measured under Wine\n\n\
         onshi-assistant.exe (the Windows release build) started as at login (`--autostart`: the tray, the reader\n\
         watch on the rig's PaSoRi, no window and no WebView2), and Wine's own notepad.exe started beside it:\n\
         the floor any program pays under Wine. 10 s after the app's icon was up. Private bytes: the pages only\n\
         the Wine process running the program holds (Private_Clean + Private_Dirty of its smaps_rollup), as\n\
         Wine answers GetProcessMemoryInfo's PrivateUsage for another process with its whole address-space\n\
         reservation (128 TiB); working set: GetProcessMemoryInfo (tests/windows/private-bytes.c).\n\
         **Wine {wine}, not Windows**: Wine maps its own libraries into each process, so the figures say how\n\
         the app compares with a plain program there, not what Task Manager shows on a terminal.\n\n\
         | under Wine | private bytes | working set |\n| --- | --- | --- |\n\
         | onshi-assistant.exe, resident | {ours_private:.1} MiB | {ours_working:.1} MiB |\n\
         | notepad.exe (Wine's) | {notepad_private:.1} MiB | {notepad_working:.1} MiB |\n",
        wine = row.wine_version,
        ours_private = mib(row.ours.private_bytes),
        ours_working = mib(row.ours.working_set),
        notepad_private = mib(row.notepad.private_bytes),
        notepad_working = mib(row.notepad.working_set),
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
        assert!(section(&row).contains("| onshi-assistant.exe, resident | 20.0 MiB | 40.0 MiB |"));
        assert_eq!(
            parse("wine-memory ours=1,2 wine=10"),
            None,
            "no notepad figure"
        );
        assert_eq!(parse("wine-memory ours=x,2 notepad=1,2 wine=10"), None);
    }
}
