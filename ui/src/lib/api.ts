// Typed calls into the Rust side. Every type comes from ./bindings, generated from Rust by ts-rs.
import { Channel, invoke } from "@tauri-apps/api/core";
import type { Os } from "./bindings/Os";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { ReadersReport } from "./bindings/ReadersReport";
import type { Settings } from "./bindings/Settings";
import type { Contacts } from "./bindings/Contacts";
import type { EyeQuestionId } from "./bindings/EyeQuestionId";
import type { Language } from "./bindings/Language";
import type { ProbeReport } from "./bindings/ProbeReport";
import type { CertInfo } from "./bindings/CertInfo";
import type { BackupReport } from "./bindings/BackupReport";
import type { CopyReport } from "./bindings/CopyReport";
import type { Guide } from "./bindings/Guide";
import type { GuideCheck } from "./bindings/GuideCheck";
import type { Headline } from "./bindings/Headline";
import type { GracePeriod } from "./bindings/GracePeriod";
import type { MpkiStatus } from "./bindings/MpkiStatus";
import type { DayTimeline } from "./bindings/DayTimeline";
import type { SupportReport } from "./bindings/SupportReport";
import type { Screen } from "./bindings/Screen";
import type { UsbView } from "./bindings/UsbView";
import type { StoreCertificate } from "./bindings/StoreCertificate";
import type { DeskCheck } from "./bindings/DeskCheck";
import type { DeskCheckStep } from "./bindings/DeskCheckStep";
import type { SettingsView } from "./bindings/SettingsView";
import type { CommandError } from "./bindings/CommandError";
import type { Opened } from "./bindings/Opened";
import type { HistoryView } from "./bindings/HistoryView";
import type { ReportPreview } from "./bindings/ReportPreview";
import type { Advice } from "./bindings/Advice";
import type { FaceReaderMaker } from "./bindings/FaceReaderMaker";
import type { Verdict } from "./bindings/Verdict";

export type { ReadersReport, Settings, ProbeReport, CertInfo, BackupReport, CopyReport, Guide };
export type { Step } from "./bindings/Step";
export type { Holder } from "./bindings/Holder";
export type { ReaderInfo } from "./bindings/ReaderInfo";
export type { ReaderDevice } from "./bindings/ReaderDevice";
export type { CardKind } from "./bindings/CardKind";
export type { DayTimeline, SupportReport, Screen, UsbView, StoreCertificate, DeskCheck, DeskCheckStep };
export type { SettingsView, CommandError, Opened, HistoryView, ReportPreview };
export type { Finding } from "./bindings/Finding";
export type { Lane } from "./bindings/Lane";

/** Why a command did not finish: `kind` is a stable code (no-card, wrong-password, no-space …). */
export type CardTestError = CommandError;

/** Waits for a card on `reader`, then runs the safe read test; ends within `readTestLimitSeconds`
 *  (bindings/errorCodes.ts) whatever the card does. Rejects with a CardTestError. */
export const cardTest = (reader: string) => invoke<ProbeReport>("card_test", { reader });

/** Stops the read test running on `reader` (「中止」): it rejects with `test-cancelled`. */
export const cardTestCancel = (reader: string) => invoke<void>("card_test_cancel", { reader });

export const readersSnapshot = () => invoke<ReadersReport>("readers_snapshot");
/** The OS the app runs on (onshi-core's platform::Os). */
export const platformOs = () => invoke<Os>("platform_os");

/** Whether a guide step's check is met, counting only what was seen since `openedAtMs` (onshi-core decides). */
export const guideCheck = (check: GuideCheck, openedAtMs: number) =>
  invoke<boolean>("guide_check", { check, openedAtMs: Math.floor(openedAtMs) });

/** Calls `handler` with the whole report each time a reader or card comes or goes. */
export const onReadersChanged = (handler: (report: ReadersReport) => void): Promise<UnlistenFn> =>
  listen<ReadersReport>("readers-changed", (event) => handler(event.payload));

/** The readers on USB beside PC/SC, with the findings that join the two views. */
export const readersUsb = () => invoke<UsbView>("readers_usb");

/** 「始業点検」: every check, joined by onshi-core, with what to try first and whom to call. `onStep` is
 *  handed the check under way as each probe answers (areas still waiting have no result yet).
 *  Rejects with a CommandError of kind `internal` only if the check broke inside the app. */
export function deskCheck(onStep: (step: DeskCheckStep) => void) {
  const steps = new Channel<DeskCheckStep>();
  steps.onmessage = onStep;
  return invoke<DeskCheck>("desk_check", { onStep: steps });
}

/** The home screen's first line: the 始業点検's verdict without its read test (onshi-core's headline).
 *  Rejects with a CommandError of kind `internal` only if the look broke inside the app. */
export const deskSummary = () => invoke<Headline>("desk_summary");

/** Keeps staff's answer to a question they check by eye (「はい」 = as usual), for today's 始業点検. */
export const eyesAnswer = (question: EyeQuestionId, normal: boolean) =>
  invoke<DeskCheck | null>("eyes_answer", { question, normal });

/** Calls `handler` with the whole USB view each time it changes (a device plugged in or out, PC/SC changed). */
export const onUsbChanged = (handler: (view: UsbView) => void): Promise<UnlistenFn> =>
  listen<UsbView>("usb-changed", (event) => handler(event.payload));


/** Asks for a certificate file and summarises it; null when the dialog was cancelled. */
export const certOpen = () => invoke<Opened<CertInfo> | null>("cert_open");
/** The certificates of the OS store (Windows), each with its role, the one in use first; rejects with
 *  "not-available" elsewhere. */
export const certFromStore = () => invoke<StoreCertificate[]>("cert_from_store");
/** Keeps `thumbprint` as the terminal's certificate (when several qualify) and answers the store again. */
export const certChooseTerminal = (thumbprint: string) => invoke<StoreCertificate[]>("cert_choose_terminal", { thumbprint });
/** Saves the renewal reminders (.ics) of the certificate on screen; the saved path, or null. */
export const certSaveReminder = () => invoke<string | null>("cert_save_reminder");
/** Asks for a backup file; its name, or null. The path stays on the Rust side. */
export const backupOpen = () => invoke<string | null>("backup_open");
/** Checks the picked backup with `password`, which is used once and never stored. */
export const backupVerify = (password: string) => invoke<BackupReport>("backup_verify", { password });
/** Asks for a folder and copies the picked backup there, read back and compared; null if cancelled. */
export const backupCopy = () => invoke<CopyReport | null>("backup_copy");

/** Every guide, in Japanese and English. */
export const guidesList = () => invoke<Guide[]>("guides_list");

/** The last day the old-code certificate may be used; `notAfter` empty means the certificate on screen. */
export const successionGrace = (from: string, notAfter: string | null) =>
  invoke<GracePeriod>("succession_grace", { from, notAfter });
/** Saves the succession reminders (.ics); the saved path, or null. */
export const successionSaveReminder = (lastDay: string) => invoke<string | null>("succession_save_reminder", { lastDay });

/** The installed MPKI client (Windows) against `latest`; rejects with kind "not-available" elsewhere. */
export const mpkiStatus = (latest: string | null) => invoke<MpkiStatus>("mpki_status", { latest });

/** Whom staff call (contacts.toml in the app's folder); rejects with the reason in Japanese. */
export const contactsGet = () => invoke<Contacts>("contacts_get");
/** Saves the contacts; answers them as kept, or rejects with why (a number that cannot be dialled …). */
/** What an amber or red verdict means at the desk and whom to call (onshi-core's desk_check::advice,
 *  with the contacts entered); null when there is nothing to act on. */
export const adviceFor = (verdict: Verdict) => invoke<Advice | null>("advice", { verdict });
/** The face-recognition readers' makers to choose from in 「連絡先」. */
export const faceReaderMakers = () => invoke<FaceReaderMaker[]>("face_reader_makers");
export const contactsSet = (contacts: Contacts) => invoke<Contacts>("contacts_set", { contacts });

export const settingsGet = () => invoke<SettingsView>("settings_get");
export const settingsSet = (settings: Settings) => invoke<void>("settings_set", { settings });

/** The connection history for the timeline: `days` days up to today, oldest first. */
export const historyTimeline = (days: number) => invoke<HistoryView>("history_timeline", { days });

/** The support report, previewed: `text` is exactly what is copied or saved, always in Japanese (for the help desk). */
export const reportPreview = (shown: string | null = null) => invoke<ReportPreview>("report_preview", { shown });
export const reportCopy = (text: string) => invoke<void>("report_copy", { text });
/** Saves the report as .txt where the user chooses; the path shown (home as ~), or null if cancelled. */
export const reportSave = (text: string) => invoke<string | null>("report_save", { text });

/** The screen the last notification was about, once (the window opens there). */
export const appLanding = () => invoke<Screen | null>("app_landing");
/** Tells the UI to show a screen (a notification or the tray opened an existing window). */
export const onOpenScreen = (handler: (screen: Screen) => void): Promise<UnlistenFn> =>
  listen<Screen>("open-screen", (event) => handler(event.payload));

export const autostartGet = () => invoke<boolean>("autostart_get");
/** Turns the login start on or off; answers whether it is on now. */
export const autostartSet = (enabled: boolean) => invoke<boolean>("autostart_set", { enabled });

/** The certificate the PC uses (the Windows store, or the file last opened), if any. */
export const certCurrent = () => invoke<CertInfo | null>("cert_current");
