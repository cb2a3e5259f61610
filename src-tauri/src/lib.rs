//! オン資アシスタント: builds the app. Each area's commands live in `commands/`, thin over onshi-core.
//! The app is resident: it lives in the notification area (tray.rs) and watches over the PC with or
//! without its window (window.rs). Its decisions — notices, the tray's state, the certificate's looks,
//! the start afresh that gives back what WebKit keeps (relaunch.rs) — are onshi-core's resident state
//! machine, run by resident.rs; it keeps the connection history (history_log.rs).

mod app_status;
mod certificate_in_use;
mod cli_flag;
mod commands;
mod contacts_flag;
mod event_log;
mod history_log;
mod login_start;
mod notice;
#[cfg(windows)]
mod notice_balloon;
mod picker;
mod readers_watch;
mod relaunch;
mod resident;
mod settings;
mod terminal_look;
mod tray;
mod tray_art;
mod webview_check;
mod window;

use onshi_core::app::history::HistoryEventKind;
use onshi_core::app::resident::Event;
use resident::ResidentExt;
use tauri::{Manager, RunEvent, WindowEvent};

/// Given to a second start, ends the running app as its 「終了」 does (for scripts and the installer).
pub const QUIT_ARG: &str = "--quit";

/// Gives Tauri an async runtime with one worker thread instead of its default, one per core (2 to 8 on a
/// reception PC), each a thread the resident keeps all its life with its stack and, on Windows, the
/// per-thread memory of every DLL it has loaded. Nothing here needs more than one: the commands hand their
/// blocking work to the runtime's blocking pool (commands/error.rs), which starts threads as they are
/// needed and ends them when idle, so the workers only carry short tasks (the plugins', zbus's on Linux).
fn one_worker_runtime() -> tauri::async_runtime::RuntimeHandle {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("the async runtime starts");
    tauri::async_runtime::set(runtime.handle().clone());
    // Kept for the life of the process, as Tauri keeps its own: it holds only the handle.
    Box::leak(Box::new(runtime));
    tauri::async_runtime::handle()
}

/// Starts the app: one instance, plugins, state, the tray, the reader watch, the command handlers.
pub fn run() {
    if let Some(code) = login_start::from_command_line() {
        std::process::exit(code);
    }
    if let Some(code) = contacts_flag::from_command_line() {
        std::process::exit(code);
    }
    notice::take_app_user_model_id();
    let args: Vec<String> = std::env::args().collect();
    let quit = args.iter().any(|arg| arg == QUIT_ARG);
    let relaunched = onshi_core::app::relaunch::is_relaunched(&args);
    let into_tray = relaunched || args.iter().any(|arg| arg == login_start::ARG);
    // Plugins connect to D-Bus as the app is built (Linux): inside Tauri's tokio runtime, zbus runs the
    // connection on it rather than on a thread pool of its own that never sleeps for long (Cargo.toml).
    // Left before `run`, where the main thread must not be inside the runtime.
    let runtime = one_worker_runtime();
    let in_runtime = runtime.inner().enter();
    let app = tauri::Builder::default()
        // First: a second start hands over to the running app, which opens its window, and ends.
        .plugin(tauri_plugin_single_instance::init(|app, args, _cwd| {
            // (A fresh copy that found its predecessor still there only leaves.)
            if args.iter().any(|arg| arg == QUIT_ARG) {
                app.exit(0);
            } else if !onshi_core::app::relaunch::is_relaunched(&args) {
                // (Not before the app's own start has made its resident.)
                if let Some(resident) = app.try_state::<resident::ResidentState>() {
                    resident.send(Event::WindowAsked)
                }
            }
        }))
        .plugin(tauri_plugin_store::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_clipboard_manager::init())
        .manage(commands::cert::CertScreen::default())
        .manage(commands::card::ReadTests::default())
        .manage(commands::guides::SeenThisRun::default())
        .manage(commands::desk_check::LastDeskCheck::default())
        .setup(move |app| {
            if quit {
                // Nothing was running to end.
                app.handle().exit(0);
                return Ok(());
            }
            let data_dir = app.path().app_data_dir()?;
            settings::open(app)?;
            app.manage(app_status::AppStatus::open(data_dir.clone()));
            app.manage(history_log::HistoryLog::open(&data_dir, relaunched));
            resident::start(app.handle(), onshi_core::app::relaunch::landing(&args));
            tray::build(app, |app| app.resident().send(Event::WindowAsked))?;
            if relaunched {
                relaunch::tell_predecessor();
            }
            readers_watch::start(app);
            // A clicked notification opens the window on the screen it was about.
            use tauri_plugin_notification::NotificationExt;
            let handle = app.handle().clone();
            app.notification()
                .on_action(move |_| handle.resident().send(Event::WindowAsked))?;
            if !into_tray {
                app.resident().send(Event::WindowAsked);
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
            if window.label() == window::MAIN_WINDOW {
                match event {
                    WindowEvent::CloseRequested { .. } => {
                        // The first close is told that the app stays in the tray (once ever).
                        let told_before = settings::load(window.app_handle())
                            .map_or(true, |s| s.tray_notice_shown);
                        window.resident().send(Event::WindowClosing { told_before });
                    }
                    WindowEvent::Destroyed => {
                        window::give_back_memory();
                        window.resident().send(Event::WindowClosed);
                    }
                    _ => {}
                }
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::card::card_test,
            commands::card::card_test_cancel,
            commands::cert::backup_copy,
            commands::cert::backup_open,
            commands::cert::backup_verify,
            commands::cert::cert_choose_terminal,
            commands::cert::cert_current,
            commands::cert::cert_from_store,
            commands::cert::cert_open,
            commands::cert::cert_save_reminder,
            commands::contacts::contacts_get,
            commands::contacts::advice,
            commands::contacts::face_reader_makers,
            commands::contacts::contacts_set,
            commands::desk_check::desk_check,
            commands::desk_check::desk_summary,
            commands::eyes::eyes_answer,
            commands::guides::guide_check,
            commands::guides::guides_list,
            commands::history::history_timeline,
            commands::mpki::mpki_status,
            commands::settings::platform_os,
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
        .expect("オン資アシスタントを起動できませんでした（the app could not start）");
    drop(in_runtime);
    app.run(|app, event| match event {
        // The window closed: stay in the tray. Only 「終了」 (an exit with a code) ends the app.
        RunEvent::ExitRequested {
            code: None, api, ..
        } => api.prevent_exit(),
        RunEvent::Exit => {
            tray::remove(app);
            // Handing over to a fresh copy is no end of the watch (relaunch.rs).
            let handing_over = app
                .try_state::<resident::ResidentState>()
                .is_some_and(|resident| resident.handing_over());
            if let Some(log) = app.try_state::<history_log::HistoryLog>() {
                if !handing_over {
                    log.note(HistoryEventKind::WatchStopped);
                }
            }
        }
        _ => {}
    });
}
