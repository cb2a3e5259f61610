//! The reader catalog (`src/readers/catalog.toml`, the source that people edit) turned into JSON at build
//! time: every reader listing looks a model up, and parsing the TOML took 0.3–0.5 ms of each `onshi check`
//! (release, measured in-process), where serde_json reads the same data in a fraction of that. The TOML
//! stays the one source; `readers::catalog`'s tests hold the two readings equal.

use std::path::PathBuf;

fn main() {
    let source = "src/readers/catalog.toml";
    println!("cargo:rerun-if-changed={source}");
    let text = std::fs::read_to_string(source).expect("catalog.toml is readable");
    let table: toml::Table = toml::from_str(&text).expect("catalog.toml is valid TOML");
    let json = serde_json::to_string(&table).expect("a TOML table is JSON");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("catalog.json"), json).expect("OUT_DIR is writable");
}
