// What the readers' state means for the person at the desk: one overall verdict and its next action.
import type { ReadersReport } from "./bindings/ReadersReport";
import type { CardKind } from "./bindings/CardKind";
import type { Holder } from "./bindings/Holder";
import type { MessageKey } from "./i18n";
import type { Slot } from "./bindings/Slot";

export type Level = "ok" | "warn" | "error";

export interface Verdict {
  level: Level;
  title: MessageKey;
  action: MessageKey;
}

export function readersVerdict(report: ReadersReport, windows: boolean): Verdict {
  if (report.service === "unavailable") {
    return {
      level: "error",
      // Windows stops its service with the last reader: to staff there it reads as "no reader".
      title: windows ? "readers.serviceDown.windowsTitle" : "readers.serviceDown.title",
      action: windows ? "readers.serviceDown.windows" : "readers.serviceDown.other",
    };
  }
  if (report.readers.length === 0) {
    return { level: "warn", title: "readers.none.title", action: "readers.none.action" };
  }
  if (!report.readers.some((reader) => reader.smartphone_ready)) {
    return { level: "warn", title: "readers.notReady.title", action: "readers.notReady.action" };
  }
  return { level: "ok", title: "readers.ready.title", action: "readers.ready.action" };
}

/** Windows stops its smart-card service when no reader is plugged in; the advice differs from Linux. */
export const isWindows = (userAgent: string) => /Windows/i.test(userAgent);

/** The message that names a slot's role in its device. */
export const slotKey = (slot: Slot): MessageKey => `slot.${slot}`;

/** The message that names a kind of card. */
export const cardKindKey = (kind: CardKind): MessageKey => `card.kind.${kind}`;

/** The message for a read-test result. */
export const holderKey = (holder: Holder): MessageKey => `test.holder.${holder}`;

const testErrors = ["no-card", "card-removed", "reader-gone", "no-service", "no-such-reader", "sam-slot", "failed"] as const;

/** The message for a read test that did not finish; an unknown code reads as a plain failure. */
export function testErrorKey(kind: unknown): MessageKey {
  const known = testErrors.find((code) => code === kind);
  return `test.error.${known ?? "failed"}`;
}

/** Whether the read test found a card or phone that the face-recognition reader's system can use. */
export const holderIsMyNumber = (holder: Holder) => holder !== "not-my-number-card";
