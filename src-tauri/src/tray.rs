//! The app's icon in the notification area: the state in colour and words (what it shows is decided in
//! onshi-core's resident), a menu to open the window or quit.

use onshi_core::app::health::Health;
use onshi_core::text::Language;
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::{MouseButton, MouseButtonState, TrayIcon, TrayIconBuilder, TrayIconEvent};
use tauri::{App, AppHandle, Manager, Wry};

/// The tray and the menu items whose words change.
pub struct Tray {
    icon: TrayIcon,
    open: MenuItem<Wry>,
    lines: [MenuItem<Wry>; 2],
    quit: MenuItem<Wry>,
}

/// Builds the tray; `open_asked` runs when staff click the icon or choose 「オン資アシスタントを開く」.
pub fn build(
    app: &App,
    open_asked: impl Fn(&AppHandle) + Send + Sync + 'static,
) -> tauri::Result<()> {
    let open_asked = std::sync::Arc::new(open_asked);
    let from_menu = open_asked.clone();
    let open = MenuItem::with_id(app, "open", "オン資アシスタントを開く", true, None::<&str>)?;
    let lines = [
        MenuItem::with_id(app, "state-readers", "", false, None::<&str>)?,
        MenuItem::with_id(app, "state-certificate", "", false, None::<&str>)?,
    ];
    let quit = MenuItem::with_id(app, "quit", "終了", true, None::<&str>)?;
    let menu = Menu::with_items(
        app,
        &[
            &open,
            &PredefinedMenuItem::separator(app)?,
            &lines[0],
            &lines[1],
            &PredefinedMenuItem::separator(app)?,
            &quit,
        ],
    )?;
    let icon = TrayIconBuilder::with_id("onshi")
        .icon(crate::tray_art::icon(onshi_core::verdict::Level::Ok))
        .tooltip("オン資アシスタント")
        .menu(&menu)
        .show_menu_on_left_click(false)
        .on_menu_event(move |app, event| match event.id().as_ref() {
            "open" => from_menu(app),
            "quit" => app.exit(0),
            _ => {}
        })
        .on_tray_icon_event(move |tray, event| {
            if let TrayIconEvent::Click {
                button: MouseButton::Left,
                button_state: MouseButtonState::Up,
                ..
            } = event
            {
                open_asked(tray.app_handle());
            }
        })
        .build(app)?;
    app.manage(Tray {
        icon,
        open,
        lines,
        quit,
    });
    Ok(())
}

/// Puts the state on the tray: the icon's colour, the tooltip and the menu's lines, in `language`
/// (onshi-core's resident decides when).
pub fn show_health(app: &AppHandle, health: &Health, language: Language) {
    let Some(tray) = app.try_state::<Tray>() else {
        return;
    };
    let lines: Vec<&str> = health.lines.iter().map(|line| line.get(language)).collect();
    let _ = tray
        .icon
        .set_icon(Some(crate::tray_art::icon(health.level)));
    let _ = tray
        .icon
        .set_tooltip(Some(format!("オン資アシスタント\n{}", lines.join("\n"))));
    for (item, line) in tray.lines.iter().zip(&lines) {
        let _ = item.set_text(*line);
    }
    let _ = tray
        .open
        .set_text(language.pick("オン資アシスタントを開く", "Openオン資アシスタント"));
    let _ = tray.quit.set_text(language.pick("終了", "Quit"));
}

/// Takes the icon off the tray as the app ends. Our `Tray` keeps a handle to it past Tauri's own clean-up,
/// and on Windows an icon not deleted stays drawn until the pointer passes over it.
pub fn remove(app: &AppHandle) {
    set_visible(app, false);
}

/// Shows or hides the tray icon (hidden while a fresh copy takes over, relaunch.rs).
pub fn set_visible(app: &AppHandle, visible: bool) {
    if let Some(tray) = app.try_state::<Tray>() {
        let _ = tray.icon.set_visible(visible);
    }
}
