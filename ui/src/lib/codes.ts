// The verdict codes of each area, as types carved out of the generated `VerdictCode` by their prefix: a
// word map typed `Record<ReadersCode, …>` must name every readers code onshi-core has, so a new code without
// words fails `npm run check:ui` instead of showing another code's words.
import type { VerdictCode } from "./bindings/VerdictCode";

export type ReadersCode = Extract<VerdictCode, `readers-${string}`>;
export type BackupCode = Extract<VerdictCode, `backup-${string}`>;
export type MpkiCode = Extract<VerdictCode, `mpki-${string}`>;

/** Narrows a verdict code to its area's codes (the caller knows which area sent it). */
export function inArea<Code extends VerdictCode>(code: VerdictCode, prefix: string): code is Code {
  return code.startsWith(prefix);
}
