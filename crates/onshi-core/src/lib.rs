//! The domain of オン資アシスタント, shared by the desktop app and the `onshi` command line.
//!
//! Nothing here knows about Tauri, a window or a terminal: functions take plain input and return
//! plain, serialisable results, and every error is a variant a person can act on. A newcomer reads
//! `facts.rs` (what is gathered from the PC), then `desk_check.rs` (how it is judged), then the domain
//! module of the area at hand. Modules only import downwards: the layers below are in the order they
//! depend on each other, and a test (`layout_tests.rs`) fails on any import circle between modules.

// ── The shared vocabulary, depended on by everything below ─────────────────────────────────────────
pub mod error_code;
/// What only the OS knows: which OS, Windows' own identity, registry, certificate store, services.
pub mod platform;
pub mod text;
pub mod time;
/// Verdict types only (level and code); each rule lives beside the facts it judges.
pub mod verdict;

// ── The domain: what a clinic's terminal is made of ───────────────────────────────────────────────
/// The safe read test of a card or phone (the allow-list of commands) and its verdict.
pub mod card;
/// The terminal's certificate, its expiry and verdict, backups and their copies.
pub mod cert;
/// The guides' steps and the live checks they wait for.
pub mod guides;
/// The MPKI client's version and its verdict.
pub mod mpki;
/// Windows editions' last day of updates.
pub mod os_support;
/// Card readers: PC/SC, the USB view, the catalog, the findings and the readers' verdict.
pub mod readers;
/// The 承継 grace period.
pub mod succession;

// ── Gathering and judging the whole PC ────────────────────────────────────────────────────────────
/// `onshi check`: the facts judged for a monitoring tool.
pub mod check;
/// 始業点検: the facts judged area by area, with what to try first and whom to call.
pub mod desk_check;
/// What this PC shows, gathered once per run.
pub mod facts;
/// The support report: the facts in words for a help desk.
pub mod support;

// ── The resident app's memory and behaviour (used by the app; the CLI only reads them) ─────────────
/// What to notify, at most once a day per cause.
pub mod alerts;
/// Where the app keeps its files, and a home folder written `~`.
pub mod app_data;
/// The tray's one-glance state.
pub mod health;
/// The 30-day connection history and its timeline.
pub mod history;
/// Whether a Windows toast can be shown, else the tray's balloon.
pub mod notice_route;
/// When the resident app starts afresh to give back its window's memory.
pub mod relaunch;
/// The resident app's one state machine: events in, effects out.
pub mod resident;
/// The screens a notice or the tray can open.
pub mod screen;
pub mod settings;
/// What the app noted for itself (`status.json`).
pub mod status;

#[cfg(test)]
mod layout_tests;
