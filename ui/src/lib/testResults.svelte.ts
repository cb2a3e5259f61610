// The read tests of this run, by reader name: the one running (the seconds it may still take) and the last
// result with its time. Kept here, not in a row, so that a result survives a change of screen
// (「カードリーダー診断」, a guide's step) and a test started from the call-out shows in the reader's row too.
import { cardTest, type ProbeReport } from "./api";
import { readTestLimitSeconds } from "./bindings/errorCodes";
import type { MessageKey } from "./i18n";
import { testErrorKey } from "./readers";

export type KeptResult = { result: ProbeReport | null; failure: MessageKey | null; at: number };

/** The last result on each reader. */
export const testResults = $state<Record<string, KeptResult>>({});

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
