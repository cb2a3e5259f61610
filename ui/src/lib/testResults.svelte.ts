// The last read test on each reader in this run, kept when the screen changes (「カードリーダー診断」, a
// guide's step): what it found and when, so that a result is never shown without its time.
import type { ProbeReport } from "./api";
import type { MessageKey } from "./i18n";

export type KeptResult = { result: ProbeReport | null; failure: MessageKey | null; at: number };

export const testResults = $state<Record<string, KeptResult>>({});
