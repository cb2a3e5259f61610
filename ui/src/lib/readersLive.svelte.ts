// The readers' state for every view: one snapshot at start, then each report the Rust side pushes; the
// USB view beside it the same way.
import { onReadersChanged, onUsbChanged, readersSnapshot, readersUsb, type ReadersReport, type UsbView } from "./api";
import { noteCards } from "./testResults.svelte";

export const live = $state<{ report: ReadersReport | null; usb: UsbView | null }>({ report: null, usb: null });

let started = false;

/** Starts following the readers once for the whole app; later calls do nothing. */
export async function followReaders(): Promise<void> {
  if (started) return;
  started = true;
  // Listen first, then take the snapshot, so no change between the two is lost.
  await onReadersChanged((next) => {
    noteCards(next);
    live.report = next;
  });
  await onUsbChanged((next) => (live.usb = next));
  const [first, usb] = await Promise.all([readersSnapshot(), readersUsb()]);
  if (!live.report) {
    noteCards(first);
    live.report = first;
  }
  live.usb ??= usb;
}
