//! The CLI's integration tests, one program (one link, not one per file): each file of this folder is a
//! module here, and `util.rs` holds what they share.
//!
//! The same program proves two builds: run natively it tests the Linux `onshi`; run by
//! scripts/windows/rig-tests.sh with ONSHI_TEST_WINDOWS_EXE set, the Windows `onshi.exe` under Wine
//! (onshi_rig::under_test). A test that applies to one of them only says so in its name, so that no run
//! counts it as passed where it proved nothing:
//! - `only_linux::` — the Linux build only; rig-tests.sh lists it as skipped.
//! - `only_windows::` — the Windows build only; the Linux run passes `--skip only_windows` (libtest
//!   reports it as filtered out).
//! - `needs_shared::` — reads public files from `../shared/testdata` beside the clone; where that is
//!   absent it prints `skipped: …` (and fails under CI=true).
//!
//! Each of the first two asserts its build as its first line, so run by hand in the wrong one it fails
//! saying why.

// Built on Linux only: the rig is Linux, and the Windows build is driven from here under Wine. Built for
// Windows (scripts/windows/test.sh), this program is empty.
#![cfg(target_os = "linux")]

mod util;

mod args;
mod backup_public_files;
mod card_test;
mod cert;
mod check;
mod closed_pipe;
mod device_slots;
mod history_report;
mod password_input;
mod readers;
mod terminal;
mod usb_view;
mod windows_sources;

// About this program, not about a build of onshi: the Windows run need not repeat it.
mod only_linux {
    /// Cargo.toml says `autotests = false`: cargo builds only the files named above, so a test file
    /// added without its `mod` line would never run.
    #[test]
    fn every_file_of_the_tests_folder_is_a_module_of_this_program() {
        crate::util::assert_testing_linux_build();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_stem().unwrap().to_string_lossy();
            if path.extension().is_some_and(|e| e == "rs") && name != "tests" {
                assert!(
                    include_str!("tests.rs").contains(&format!("\nmod {name};\n")),
                    "tests/{name}.rs is never built: add `mod {name};` to tests/tests.rs"
                );
            }
        }
    }
}
