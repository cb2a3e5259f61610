// The read tests of this run, by reader name: the one running (the seconds it may still take) and the last
// result with its time. Kept here, not in a row, so that a result survives a change of screen
// (「カードリーダー診断」, a guide's step) and a test started from the call-out shows in the reader's row too.
import { cardTest, type ProbeReport, type ReadersReport } from "./api";
import { readTestLimitSeconds } from "./bindings/errorCodes";
import type { MessageKey } from "./i18n";
import { testErrorKey } from "./readers";

export type KeptResult = { result: ProbeReport | null; failure: MessageKey | null; at: number };

/** The last result on each reader. */
export const testResults = $state<Record<string, KeptResult>>({});

/** When the card or phone now on each reader arrived (this run's clock); none when the reader is empty. A
 *  result older than its reader's card is about an earlier card. */
export const cardSince = $state<Record<string, number>>({});

/** Follows the readers' reports (readersLive.svelte.ts) to keep `cardSince`. */
export function noteCards(report: ReadersReport): void {
  const now = Date.now();
  for (const reader of report.readers) {
    if (!reader.card) delete cardSince[reader.name];
    else cardSince[reader.name] ??= now;
  }
  for (const name of Object.keys(cardSince)) {
    if (!report.readers.some((reader) => reader.name === name)) delete cardSince[name];
  }
}

/** How late the report of a card's arrival may come after a test on that card ended (the watcher and the
 *  test learn of the card from pcscd at the same moment; no hand swaps a card this fast). */
const REPORT_LAG_MS = 1000;

/** The last result on `name` if it was about the card or phone on it now; else undefined. */
export function resultForCard(name: string): KeptResult | undefined {
  const kept = testResults[name];
  const since = cardSince[name];
  return kept && since !== undefined && kept.at >= since - REPORT_LAG_MS ? kept : undefined;
}

/** The tests in progress: seconds left of the core's hard limit, counted down on screen. */
export const running = $state<Record<string, number>>({});

/** Runs the safe read test on `name` (one at a time per reader) and keeps what it found. Never throws:
 *  a failure is kept as its message key. */
export async function runReadTest(name: string): Promise<void> {
  if (name in running) return;
  running[name] = readTestLimitSeconds;
  const timer = setInterval(() => {
    if (name in running) running[name] = Math.max(0, running[name] - 1);
  }, 1000);
  try {
    const found = await cardTest(name);
    testResults[name] = { result: found, failure: null, at: Date.now() };
  } catch (error) {
    testResults[name] = { result: null, failure: testErrorKey((error as { kind?: unknown })?.kind), at: Date.now() };
  } finally {
    clearInterval(timer);
    delete running[name];
  }
}
