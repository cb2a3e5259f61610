//! onshi-core's integration tests, one program (one link, not one per file): each file of this folder is
//! a module here, and `util.rs` holds what they share. Built for Linux and, by scripts/windows/test.sh,
//! for Windows under Wine, so this root builds for both.

mod util;

mod atr_corpus;
mod input_fuzz;
mod json_schema;

// Linux only: these call the library in-process against the rig's pcscd or on the rig's OpenSSL-made
// fixtures, and the rig is Linux. The Windows build meets the same rig and fixtures through onshi.exe
// under Wine (crates/onshi-cli/tests).
#[cfg(target_os = "linux")]
mod backup_fixtures;
#[cfg(target_os = "linux")]
mod rig_readers;
#[cfg(target_os = "linux")]
mod rig_reliability;

/// Cargo.toml says `autotests = false`: cargo builds only the files named above, so a test file added
/// without its `mod` line would never run. (Linux only: built for Windows, this program runs in the
/// Windows chroot, where the folder it was built from may lie elsewhere.)
#[cfg(target_os = "linux")]
#[test]
fn every_file_of_the_tests_folder_is_a_module_of_this_program() {
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
