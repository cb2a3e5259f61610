//! The published JSON Schemas of `onshi check --json` and `onshi report --json` (docs/schema/), made from
//! the Rust types the commands print, so that they cannot drift: this test writes them, and `npm test`
//! fails when the committed copies differ. The CLI's rig tests validate real output against them.

use onshi_core::check::CheckReport;
use onshi_core::support::SupportReport;
use std::path::Path;

fn write(name: &str, schema: schemars::Schema) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/schema");
    std::fs::create_dir_all(&dir).unwrap();
    let text = serde_json::to_string_pretty(&schema).unwrap() + "\n";
    std::fs::write(dir.join(format!("{name}.schema.json")), text).unwrap();
}

#[test]
fn the_published_schemas_are_made_from_the_printed_types() {
    let check = schemars::schema_for!(CheckReport);
    let report = schemars::schema_for!(SupportReport);
    // Every top-level field a monitoring tool reads is required.
    let required = check.get("required").and_then(|r| r.as_array()).unwrap();
    for field in ["level", "complete", "readers", "certificate", "os", "lines"] {
        assert!(required.iter().any(|r| r == field), "{field} required");
    }
    write("onshi-check", check);
    write("onshi-report", report);
}
