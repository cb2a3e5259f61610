// Typed calls into the Rust side. Every type comes from ./bindings, generated from Rust by ts-rs.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { ReadersReport } from "./bindings/ReadersReport";
import type { Settings } from "./bindings/Settings";

export type { ReadersReport, Settings };
export type { ReaderInfo } from "./bindings/ReaderInfo";
export type { CardKind } from "./bindings/CardKind";

export interface SettingsView {
  settings: Settings;
  /** Where a damaged settings file was moved at start-up; shown once. */
  damaged_file_moved_to: string | null;
}

export const readersSnapshot = () => invoke<ReadersReport>("readers_snapshot");

/** Calls `handler` with the whole report each time a reader or card comes or goes. */
export const onReadersChanged = (handler: (report: ReadersReport) => void): Promise<UnlistenFn> =>
  listen<ReadersReport>("readers-changed", (event) => handler(event.payload));

export const settingsGet = () => invoke<SettingsView>("settings_get");
export const settingsSet = (settings: Settings) => invoke<void>("settings_set", { settings });
