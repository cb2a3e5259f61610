//! The login start: the entry that starts the app (into the tray) when the user signs in, for this user
//! only — the Run key `HKCU\…\CurrentVersion\Run` on Windows, `~/.config/autostart/オン資アシスタント.desktop`
//! on Linux. Made with auto-launch, the crate under tauri-plugin-autostart, used directly because the
//! plugin writes the machine-wide key (HKLM) whenever it may, which the per-user installer and its
//! uninstaller never touch. The settings' checkbox and `onshi-assistant --login-start on|off` (an IT vendor's
//! script, no window, no WebView2 needed) both come here.

use auto_launch::{AutoLaunch, AutoLaunchBuilder, WindowsEnableMode};

/// The entry's name (the Run value, the .desktop file).
pub const NAME: &str = "オン資アシスタント";
/// The argument the entry starts the app with: straight to the tray, no window.
pub const ARG: &str = "--autostart";
const FLAG: &str = "--login-start";

type Error = Box<dyn std::error::Error + Send + Sync>;

/// The program that starts this app again. An AppImage is started through its own file, not the program
/// unpacked from it (which goes with the AppImage's mount).
pub fn program() -> std::io::Result<std::path::PathBuf> {
    match std::env::var_os("APPIMAGE") {
        Some(appimage) => Ok(appimage.into()),
        None => std::env::current_exe(),
    }
}

fn entry() -> Result<AutoLaunch, Error> {
    let mut path = program()?.display().to_string();
    if cfg!(windows) {
        // Quoted: a user folder with a space must not split the command.
        path = format!("\"{path}\"");
    }
    Ok(AutoLaunchBuilder::new()
        .set_app_name(NAME)
        .set_app_path(&path)
        .set_args(&[ARG])
        .set_windows_enable_mode(WindowsEnableMode::CurrentUser)
        .build()?)
}

pub fn is_enabled() -> Result<bool, Error> {
    Ok(entry()?.is_enabled()?)
}

/// Turns the login start on or off; answers whether it is on afterwards.
pub fn set(enable: bool) -> Result<bool, Error> {
    let entry = entry()?;
    if enable {
        entry.enable()?;
    } else if entry.is_enabled()? {
        entry.disable()?;
    }
    Ok(entry.is_enabled()?)
}

/// Handles `--login-start on|off` if it is on the command line; the exit code when it was.
pub fn from_command_line() -> Option<i32> {
    let args: Vec<String> = std::env::args().collect();
    let value = crate::cli_flag::value(&args, FLAG)??;
    let enable = match value.as_str() {
        "on" => true,
        "off" => false,
        _ => {
            eprintln!("{FLAG}にはonかoffを指定してください。（give {FLAG} on or off）");
            return Some(2);
        }
    };
    Some(match set(enable) {
        Ok(_) => 0,
        Err(error) => {
            eprintln!("ログイン時の自動起動を設定できませんでした：{error}");
            1
        }
    })
}
