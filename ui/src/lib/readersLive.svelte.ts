// The readers' state for every view: one snapshot at start, then each report the Rust side pushes.
import { onReadersChanged, readersSnapshot, type ReadersReport } from "./api";

export const live = $state<{ report: ReadersReport | null }>({ report: null });

let started = false;

/** Starts following the readers once for the whole app; later calls do nothing. */
export async function followReaders(): Promise<void> {
  if (started) return;
  started = true;
  // Listen first, then take the snapshot, so no change between the two is lost.
  await onReadersChanged((next) => (live.report = next));
  const first = await readersSnapshot();
  live.report ??= first;
}
