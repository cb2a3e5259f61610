//! The app in the notification area: the tray icon with the state in colour and words, the main window
//! made on demand and destroyed on close (the WebView's memory is given back), and the screen to land on
//! after a notification.

use crate::settings;
use onshi_core::alerts::Screen;
use onshi_core::health::Health;
use std::sync::Mutex;
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::{MouseButton, MouseButtonState, TrayIcon, TrayIconBuilder, TrayIconEvent};
use tauri::{App, AppHandle, Emitter, Manager, WebviewWindowBuilder, Wry};

pub const MAIN_WINDOW: &str = "main";
/// Sent to an open window to show a screen (after a notification, or the tray).
pub const OPEN_SCREEN: &str = "open-screen";

/// The screen the next opened window shows first (the one a notification was about).
#[derive(Default)]
pub struct Landing(pub Mutex<Option<Screen>>);

impl Landing {
    pub fn set(&self, screen: Screen) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(screen);
    }

    pub fn peek(&self) -> Option<Screen> {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn take(&self) -> Option<Screen> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).take()
    }
}

/// Shows the main window, making it again if it was closed. Without WebView2 (Windows) it says why it
/// cannot, and the app stays in the tray.
pub fn open_window(app: &AppHandle) {
    if !crate::webview_check::available() {
        crate::webview_check::tell_missing();
        return;
    }
    if let Some(window) = app.get_webview_window(MAIN_WINDOW) {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
        if let Some(screen) = app.state::<Landing>().take() {
            let _ = window.emit(OPEN_SCREEN, screen);
        }
        return;
    }
    let Some(config) = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == MAIN_WINDOW)
        .cloned()
    else {
        return;
    };
    crate::relaunch::window_opened(app);
    // Made on a thread of its own: making a web view inside an event handler can block on Windows.
    let app = app.clone();
    std::thread::spawn(move || {
        match WebviewWindowBuilder::from_config(&app, &config).and_then(|b| b.build()) {
            Ok(window) => {
                let _ = window.set_focus();
            }
            Err(error) => eprintln!("the window could not be made: {error}"),
        }
    });
}

/// The tray and the menu items whose words change.
pub struct Tray {
    icon: TrayIcon,
    open: MenuItem<Wry>,
    lines: [MenuItem<Wry>; 2],
    quit: MenuItem<Wry>,
    /// What the tray shows now, and in which language: a card placed at reception changes nothing here,
    /// and the icon (written to a file on Linux) is only redrawn when the state really changes.
    shown: Mutex<Option<(Health, onshi_core::text::Language)>>,
}

pub fn build_tray(app: &App) -> tauri::Result<()> {
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
        .icon(crate::tray_art::icon(onshi_core::health::Level::Ok))
        .tooltip("オン資アシスタント")
        .menu(&menu)
        .show_menu_on_left_click(false)
        .on_menu_event(|app, event| match event.id().as_ref() {
            "open" => open_window(app),
            "quit" => app.exit(0),
            _ => {}
        })
        .on_tray_icon_event(|tray, event| {
            if let TrayIconEvent::Click {
                button: MouseButton::Left,
                button_state: MouseButtonState::Up,
                ..
            } = event
            {
                open_window(tray.app_handle());
            }
        })
        .build(app)?;
    app.manage(Tray {
        icon,
        open,
        lines,
        quit,
        shown: Mutex::new(None),
    });
    Ok(())
}

/// Puts the state on the tray: the icon's colour, the tooltip and the menu's lines, in the UI language.
pub fn show_health(app: &AppHandle, health: &Health) {
    let Some(tray) = app.try_state::<Tray>() else {
        return;
    };
    let language = settings::language(app);
    let now = Some((health.clone(), language));
    {
        let mut shown = tray.shown.lock().unwrap_or_else(|e| e.into_inner());
        if *shown == now {
            return;
        }
        *shown = now;
    }
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
        .set_text(language.pick("オン資アシスタントを開く", "Open オン資アシスタント"));
    let _ = tray.quit.set_text(language.pick("終了", "Quit"));
}

/// Takes the icon off the tray as the app ends. Our `Tray` keeps a handle to it past Tauri's own clean-up,
/// and on Windows an icon not deleted stays drawn until the pointer passes over it.
pub fn remove_tray(app: &AppHandle) {
    set_tray_visible(app, false);
}

/// Shows or hides the tray icon (hidden while a fresh copy takes over, relaunch.rs).
pub fn set_tray_visible(app: &AppHandle, visible: bool) {
    if let Some(tray) = app.try_state::<Tray>() {
        let _ = tray.icon.set_visible(visible);
    }
}

/// The window is gone: hand the heap it freed back to the system (glibc keeps freed memory for reuse; a
/// resident app that may not open its window again for hours should not).
pub fn give_back_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free heap pages to the kernel; it touches no live allocation.
    unsafe {
        libc::malloc_trim(0);
    }
}
