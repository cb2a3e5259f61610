// The app manifest lists every command, so that tauri-build generates an allow-/deny- permission for each
// and a command no capability grants cannot be called from the web view at all.
const COMMANDS: &[&str] = &[
    "backup_copy",
    "backup_open",
    "backup_verify",
    "card_test",
    "card_test_cancel",
    "cert_choose_terminal",
    "cert_current",
    "cert_from_store",
    "cert_open",
    "cert_save_reminder",
    "contacts_get",
    "advice",
    "face_reader_makers",
    "contacts_set",
    "desk_check",
    "desk_summary",
    "eyes_answer",
    "guide_check",
    "guides_list",
    "history_timeline",
    "mpki_status",
    "platform_os",
    "readers_snapshot",
    "readers_usb",
    "report_copy",
    "report_preview",
    "report_save",
    "app_landing",
    "autostart_get",
    "autostart_set",
    "settings_get",
    "settings_set",
    "succession_grace",
    "succession_save_reminder",
];

fn main() {
    // The Windows build from mingw-w64 lays its sections out 512 bytes apart in the file. A loader can map
    // such an image only by copying each section into fresh memory: Wine does, and the copy (the app's
    // whole 25 MB of code and data) then counts as the resident app's private memory beside Wine's notepad
    // (BENCHMARKS.md). Page-aligned sections (4096 bytes) are mapped from the file and shared like any
    // program's code, which is how Windows counts an image's pages whatever their alignment.
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("windows")
        && std::env::var("CARGO_CFG_TARGET_ENV").as_deref() == Ok("gnu")
    {
        println!("cargo:rustc-link-arg-bins=-Wl,--file-alignment,4096");
    }
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
