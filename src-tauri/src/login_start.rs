//! The login start: the entry that starts the app (into the tray) when the user signs in. The UI turns it
//! on and off through tauri-plugin-autostart; `onshi-assistant --login-start on|off` does the same from an
//! IT vendor's script without opening anything (and needs no WebView2). Both use auto-launch, the crate
//! under the plugin, with the same name and argument: the Run key `HKCU\…\CurrentVersion\Run` on Windows,
//! `~/.config/autostart/オン資アシスタント.desktop` on Linux.

use auto_launch::AutoLaunchBuilder;

/// The entry's name (the Run value, the .desktop file).
pub const NAME: &str = "オン資アシスタント";
/// The argument the entry starts the app with: straight to the tray, no window.
pub const ARG: &str = "--autostart";
const FLAG: &str = "--login-start";

/// Handles `--login-start on|off` if it is on the command line; the exit code when it was.
pub fn from_command_line() -> Option<i32> {
    let args: Vec<String> = std::env::args().collect();
    let value = args.iter().enumerate().find_map(|(i, arg)| {
        arg.strip_prefix(FLAG)
            .and_then(|rest| match rest.strip_prefix('=') {
                Some(value) => Some(value.to_owned()),
                None if rest.is_empty() => args.get(i + 1).cloned(),
                None => None,
            })
    })?;
    let enable = match value.as_str() {
        "on" => true,
        "off" => false,
        _ => {
            eprintln!("{FLAG} には on か off を指定してください。 (give {FLAG} on or off)");
            return Some(2);
        }
    };
    Some(match set(enable) {
        Ok(()) => 0,
        Err(error) => {
            eprintln!("ログイン時の自動起動を設定できませんでした: {error}");
            1
        }
    })
}

fn set(enable: bool) -> Result<(), Box<dyn std::error::Error>> {
    let exe = std::env::current_exe()?;
    let entry = AutoLaunchBuilder::new()
        .set_app_name(NAME)
        .set_app_path(&exe.display().to_string())
        .set_args(&[ARG])
        .build()?;
    if enable {
        entry.enable()?;
    } else if entry.is_enabled()? {
        entry.disable()?;
    }
    Ok(())
}
