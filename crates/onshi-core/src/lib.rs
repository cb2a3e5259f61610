//! The domain of オン資アシスタント, shared by the desktop app and the `onshi` command line.
//!
//! Nothing here knows about Tauri, a window or a terminal: functions take plain input and return
//! plain, serialisable results, and every error is a variant a person can act on. A newcomer reads
//! `facts.rs` (what is gathered from the PC), then `desk_check.rs` (how it is judged), then the domain
//! module of the area at hand. The four groups below are layers: a module imports only from its own
//! group or the groups above it, and a test (`layout_tests.rs`) fails on any import circle between
//! modules.

// ── The shared vocabulary, depended on by everything below ─────────────────────────────────────────
/// Where the app keeps its files (the CLI reads them too), and a home folder written `~`.
pub mod app_data;
/// The data files shipped inside the app, parsed once by one reader.
pub(crate) mod embedded;
pub mod error_code;
/// A file a person picks or names, read with its size checked first.
pub mod file_input;
/// A lock left poisoned by a panic elsewhere, taken back.
pub mod lock;
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
/// The terminal around the reader: the オン資 software, the レセコン link, sign-in, the line, the clock.
pub mod terminal;

// ── The resident app's memory and behaviour (the app runs it; the CLI reads its files) ────────
pub mod app;

// ── Gathering and judging the whole PC ────────────────────────────────────────────────────────────
/// `onshi check`: the facts judged for a monitoring tool.
pub mod check;
/// 始業点検: the facts judged area by area, with what to try first and whom to call.
pub mod desk_check;
/// What this PC shows, gathered once per run.
pub mod facts;
/// The support report: the facts in words for a help desk.
pub mod support;

#[cfg(test)]
mod layout_tests;
#[cfg(test)]
mod terminal_replay_tests;
