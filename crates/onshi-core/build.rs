//! The data files shipped inside the app (the reader catalog, the usual set-up, the OS table, the readers'
//! findings, the guidance, the eye checks, the face readers' makers), each a TOML that people edit with
//! its sources, turned into JSON at build time: `onshi check` reads several of them at each start, and a
//! TOML parse cost 0.1–0.5 ms per file (release, measured in-process) where serde_json reads the same data
//! in a fraction of that. The TOML stays the one source; `embedded`'s tests hold the two readings equal,
//! type by type.

use std::path::{Path, PathBuf};

/// The files, relative to the crate; each becomes `OUT_DIR/<file name>.json` (the names are unique).
const DATA: [&str; 7] = [
    "src/readers/catalog.toml",
    "src/readers/findings.toml",
    "src/terminal/usual_setup.toml",
    "src/os_support.toml",
    "src/desk_guidance.toml",
    "src/desk_check/eye_checks.toml",
    "src/app/face_readers.toml",
];

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for source in DATA {
        println!("cargo:rerun-if-changed={source}");
        let text = std::fs::read_to_string(source).expect("the data file is readable");
        let table: toml::Table =
            toml::from_str(&text).unwrap_or_else(|error| panic!("{source} is valid TOML: {error}"));
        let json = serde_json::to_string(&table).expect("a TOML table is JSON");
        let stem = Path::new(source)
            .file_stem()
            .expect("a file name")
            .to_string_lossy();
        std::fs::write(out.join(format!("{stem}.json")), json).expect("OUT_DIR is writable");
    }
}
