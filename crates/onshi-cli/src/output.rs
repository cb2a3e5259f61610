//! How every command prints: one JSON document on stdout with --json, messages for people on stderr.

/// Prints `value` as the command's one JSON document.
pub fn print_json(value: &impl serde::Serialize) {
    println!(
        "{}",
        serde_json::to_string_pretty(value).expect("results serialise")
    );
}

/// Reports a failure: `{"error": code, "message": …}` on stdout with --json, and the message on stderr.
pub fn report_error(json: bool, code: &str, message: &str) {
    if json {
        print_json(&serde_json::json!({ "error": code, "message": message }));
    }
    eprintln!("{message}");
}
