// What the readers' state means for the person at the desk: one overall verdict and its next action.
import { internalErrorCode, readTestErrorCodes } from "./bindings/errorCodes";
import type { Verdict } from "./bindings/Verdict";
import { inArea, type ReadersCode } from "./codes";
import type { CardKind } from "./bindings/CardKind";
import type { Holder } from "./bindings/Holder";
import type { MessageKey } from "./i18n";
import type { Slot } from "./bindings/Slot";

export type { Level } from "./bindings/Level";
import type { Level } from "./bindings/Level";

/** A verdict in words: its level, a headline and the next step. */
export interface Words {
  level: Level;
  title: MessageKey;
  action: MessageKey;
}

/** The words for the readers' verdict, which onshi-core computes (verdict.rs) and the app sends with the
 *  USB view; the screen decides nothing itself. */
const readersWords: Record<ReadersCode, { title: MessageKey; action: MessageKey }> = {
  // Windows stops its service with the last reader: to staff there it reads as "no reader".
  "readers-service-stopped": { title: "readers.serviceDown.windowsTitle", action: "readers.serviceDown.windows" },
  "readers-service-unavailable": { title: "readers.serviceDown.title", action: "readers.serviceDown.other" },
  "readers-usb-only": { title: "readers.usbOnly.title", action: "readers.usbOnly.action" },
  "readers-usb-only-beside-ready": { title: "readers.usbOnlyBesideReady.title", action: "readers.usbOnly.action" },
  "readers-none": { title: "readers.none.title", action: "readers.none.action" },
  "readers-not-ready": { title: "readers.notReady.title", action: "readers.notReady.action" },
  "readers-ready": { title: "readers.ready.title", action: "readers.ready.action" },
};

/** `onDiagnostics`: shown on 「カードリーダー診断」 itself, where the ready verdict's next step is on the
 *  same screen, just below. */
export function readersVerdict(verdict: Verdict, onDiagnostics = false): Words {
  const code: ReadersCode = inArea<ReadersCode>(verdict.code, "readers-") ? verdict.code : "readers-none";
  const words = readersWords[code];
  if (onDiagnostics && verdict.code === "readers-ready") return { level: verdict.level, ...words, action: "readers.ready.actionHere" };
  return { level: verdict.level, ...words };
}


/** The message that names a slot's role in its device. */
export const slotKey = (slot: Slot): MessageKey => `slot.${slot}`;

/** The message that names a kind of card. */
export const cardKindKey = (kind: CardKind): MessageKey => `card.kind.${kind}`;

/** The message for a read-test result. */
export const holderKey = (holder: Holder): MessageKey => `test.holder.${holder}`;

/** The message for a read test that did not finish; an unknown code reads as a plain failure, and the
 *  app's own fault (`internal`) as on every screen. */
export function testErrorKey(kind: unknown): MessageKey {
  if (kind === internalErrorCode) return "common.internal";
  const known = readTestErrorCodes.find((code) => code === kind);
  return `test.error.${known ?? "failed"}`;
}

/** Whether the read test found a card or phone that the face-recognition reader's system can use. */
export const holderIsMyNumber = (holder: Holder) => holder !== "not-my-number-card";
