//! オン資アシスタント: builds the app. Each area's commands live in `commands/`, thin over onshi-core.
//! The app is resident: it lives in the notification area (resident.rs), watches over the PC with or
//! without its window (keeper.rs), keeps the connection history (history_log.rs), and starts itself afresh
//! a while after its window closed, to give back what WebKit keeps (relaunch.rs).

mod app_status;
mod commands;
mod history_log;
mod keeper;
mod login_start;
mod notice;
#[cfg(windows)]
mod notice_balloon;
mod picker;
mod readers_watch;
mod relaunch;
mod resident;
mod settings;
mod tray_art;
mod webview_check;

use onshi_core::history::HistoryEventKind;
use tauri::{Manager, RunEvent, WindowEvent};

/// Given to a second start, ends the running app as its 「終了」 does (for scripts and the installer).
pub const QUIT_ARG: &str = "--quit";

/// Starts the app: one instance, plugins, state, the tray, the reader watch, the command handlers.
pub fn run() {
    if let Some(code) = login_start::from_command_line() {
        std::process::exit(code);
    }
    notice::take_app_user_model_id();
    let args: Vec<String> = std::env::args().collect();
    let quit = args.iter().any(|arg| arg == QUIT_ARG);
    let relaunched = onshi_core::relaunch::is_relaunched(&args);
    let into_tray = relaunched || args.iter().any(|arg| arg == login_start::ARG);
    // Plugins connect to D-Bus as the app is built (Linux): inside Tauri's tokio runtime, zbus runs the
    // connection on it rather than on a thread pool of its own that never sleeps for long (Cargo.toml).
    // Left before `run`, where the main thread must not be inside the runtime.
    let runtime = tauri::async_runtime::handle();
    let in_runtime = runtime.inner().enter();
    let app = tauri::Builder::default()
        // First: a second start hands over to the running app, which opens its window, and ends.
        .plugin(tauri_plugin_single_instance::init(|app, args, _cwd| {
            // (A fresh copy that found its predecessor still there only leaves.)
            if args.iter().any(|arg| arg == QUIT_ARG) {
                app.exit(0);
            } else if !onshi_core::relaunch::is_relaunched(&args) {
                resident::open_window(app)
            }
        }))
        .plugin(tauri_plugin_store::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_clipboard_manager::init())
        .manage(commands::cert::CertScreen::default())
        .manage(resident::Landing::default())
        .setup(move |app| {
            if quit {
                // Nothing was running to end.
                app.handle().exit(0);
                return Ok(());
            }
            relaunch::manage(app);
            if let Some(screen) = onshi_core::relaunch::landing(&args) {
                app.state::<resident::Landing>().set(screen);
            }
            let data_dir = app.path().app_data_dir()?;
            settings::open(app)?;
            app.manage(app_status::AppStatus::open(data_dir.clone()));
            app.manage(history_log::HistoryLog::open(&data_dir, relaunched));
            resident::build_tray(app)?;
            if relaunched {
                relaunch::tell_predecessor();
            }
            readers_watch::start(app);
            keeper::start(app.handle());
            keeper::refresh_tray(app.handle());
            // A clicked notification opens the window on the screen it was about.
            let handle = app.handle().clone();
            use tauri_plugin_notification::NotificationExt;
            app.notification()
                .on_action(move |_| resident::open_window(&handle))?;
            if !into_tray {
                resident::open_window(app.handle());
            }
            Ok(())
        })
        // For npm run bench (crates/onshi-bench): the moment the first screen has loaded.
        .on_page_load(|_, payload| {
            if payload.event() == tauri::webview::PageLoadEvent::Finished
                && std::env::var_os("ONSHI_BENCH").is_some()
            {
                println!("first-screen");
            }
        })
        .on_window_event(|window, event| {
            if window.label() == resident::MAIN_WINDOW {
                match event {
                    WindowEvent::CloseRequested { .. } => {
                        tell_once_still_running(window.app_handle())
                    }
                    WindowEvent::Destroyed => {
                        resident::give_back_memory();
                        relaunch::window_closed(window.app_handle());
                    }
                    _ => {}
                }
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::card::card_test,
            commands::cert::backup_copy,
            commands::cert::backup_open,
            commands::cert::backup_verify,
            commands::cert::cert_choose_terminal,
            commands::cert::cert_current,
            commands::cert::cert_from_store,
            commands::cert::cert_open,
            commands::cert::cert_save_reminder,
            commands::desk_check::desk_check,
            commands::guides::guides_list,
            commands::history::history_timeline,
            commands::mpki::mpki_status,
            commands::readers::readers_snapshot,
            commands::readers::readers_usb,
            commands::report::report_copy,
            commands::report::report_preview,
            commands::report::report_save,
            commands::resident::app_landing,
            commands::resident::autostart_get,
            commands::resident::autostart_set,
            commands::settings::settings_get,
            commands::settings::settings_set,
            commands::succession::succession_grace,
            commands::succession::succession_save_reminder,
        ])
        .build(tauri::generate_context!())
        .expect("オン資アシスタントを起動できませんでした (the app could not start)");
    drop(in_runtime);
    app.run(|app, event| match event {
        // The window closed: stay in the tray. Only 「終了」 (an exit with a code) ends the app.
        RunEvent::ExitRequested {
            code: None, api, ..
        } => api.prevent_exit(),
        RunEvent::Exit => {
            resident::remove_tray(app);
            // Handing over to a fresh copy is no end of the watch (relaunch.rs).
            if let Some(log) = app.try_state::<history_log::HistoryLog>() {
                if !relaunch::handing_over(app) {
                    log.note(HistoryEventKind::WatchStopped);
                }
            }
        }
        _ => {}
    });
}

/// The first time the window is closed, a notice says the app goes on in the tray and how to quit.
fn tell_once_still_running(app: &tauri::AppHandle) {
    let Ok(mut current) = settings::load(app) else {
        return;
    };
    if current.tray_notice_shown {
        return;
    }
    current.tray_notice_shown = true;
    let _ = settings::save(app, &current);
    let (title, body) = onshi_core::alerts::still_running();
    keeper::show(app, title.get(current.language), body.get(current.language));
}
