// Typed calls into the Rust side. Every type comes from ./bindings, generated from Rust by ts-rs.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { ReadersReport } from "./bindings/ReadersReport";
import type { Settings } from "./bindings/Settings";
import type { ProbeReport } from "./bindings/ProbeReport";

export type { ReadersReport, Settings, ProbeReport };
export type { Holder } from "./bindings/Holder";
export type { ReaderInfo } from "./bindings/ReaderInfo";
export type { CardKind } from "./bindings/CardKind";

export interface SettingsView {
  settings: Settings;
  /** Where a damaged settings file was moved at start-up; shown once. */
  damaged_file_moved_to: string | null;
}

/** Why a read test did not finish: `kind` is a stable code (no-card, card-removed, reader-gone …). */
export interface CardTestError {
  kind: string;
  detail: string;
}

/** Waits up to 15 s for a card on `reader`, then runs the safe read test. Rejects with a CardTestError. */
export const cardTest = (reader: string) => invoke<ProbeReport>("card_test", { reader });

export const readersSnapshot = () => invoke<ReadersReport>("readers_snapshot");

/** Calls `handler` with the whole report each time a reader or card comes or goes. */
export const onReadersChanged = (handler: (report: ReadersReport) => void): Promise<UnlistenFn> =>
  listen<ReadersReport>("readers-changed", (event) => handler(event.payload));

export const settingsGet = () => invoke<SettingsView>("settings_get");
export const settingsSet = (settings: Settings) => invoke<void>("settings_set", { settings });
