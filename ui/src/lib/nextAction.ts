// Where onshi-core's NextAction leads (home's first line, each 始業点検 area): one map for every screen.
import type { NextAction } from "./bindings/NextAction";
import type { MessageKey } from "./i18n";

export type NextView = "readers" | "cert" | "guide" | "desk-check";

/** The view a next step opens, and for a guide its id. */
export const destination: Record<NextAction, { view: NextView; guide?: string }> = {
  "reader-check": { view: "readers" },
  "smartphone-guide": { view: "guide", guide: "smartphone" },
  "certificate-screen": { view: "cert" },
  "renewal-guide": { view: "guide", guide: "renewal" },
  "desk-check": { view: "desk-check" },
};

/** The button's words for a next step. */
export const nextLabel = (next: NextAction): MessageKey => `home.next.${next}`;
