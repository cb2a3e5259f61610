// What the app has seen for real in this session, for the guides' live checks.
import type { ReadersReport } from "./bindings/ReadersReport";
import type { GuideCheck } from "./bindings/GuideCheck";

const unreachable = (name: never): boolean => {
  console.error(`unknown guide check ${String(name)}`);
  return false;
};

export const seen = $state({
  /** The read test found a My Number card or a phone's JPKI function. */
  myNumberAnswered: false,
  /** A certificate file was opened and is valid or in its renewal window. */
  certUsable: false,
  backupVerified: false,
  backupCopied: false,
  /** The installed MPKI client was found up to date (Windows only). */
  mpkiUpToDate: false,
});

/** Whether the live check `name` (onshi-core's GuideCheck) is met now. */
export function checkMet(name: GuideCheck, report: ReadersReport | null): boolean {
  const ready = report?.readers.filter((reader) => reader.smartphone_ready) ?? [];
  switch (name) {
    case "reader:smartphone-ready":
      return ready.length > 0;
    case "card:on-ready-reader":
      return ready.some((reader) => reader.card !== null);
    case "card:my-number":
      return seen.myNumberAnswered;
    case "cert:usable":
      return seen.certUsable;
    case "backup:verified":
      return seen.backupVerified;
    case "backup:copied":
      return seen.backupCopied;
    case "mpki:up-to-date":
      return seen.mpkiUpToDate;
    default:
      // svelte-check fails here when onshi-core adds a check this switch does not evaluate.
      return unreachable(name);
  }
}

/** The screen where a check is met, if it is not this one. */
export function checkScreen(name: GuideCheck): "readers" | "cert" | null {
  if (name === "card:my-number") return "readers";
  if (name.startsWith("cert:") || name.startsWith("backup:") || name.startsWith("mpki:")) return "cert";
  return null;
}
