// The guides' live checks: when each step was opened (a check counts only what was seen since then), and
// where a check is met when it is not on the step itself. Whether a check is met is onshi-core's rule
// (guides::proof), asked through the guide_check command.
import type { GuideCheck } from "./bindings/GuideCheck";

/** When each step (guide id / step id) was opened in this run, in ms since the epoch. */
const openedAt = new Map<string, number>();

/** When the step was opened: the first time it is asked for, now. */
export function stepOpenedAt(guide: string, step: string): number {
  const key = `${guide}/${step}`;
  if (!openedAt.has(key)) openedAt.set(key, Date.now());
  return openedAt.get(key)!;
}

/** The step is being opened anew (moving to it, back to it, or restarting): earlier results no longer count. */
export function openStepAfresh(guide: string, step: string) {
  openedAt.delete(`${guide}/${step}`);
}

/** Checks whose proof is a read test: the step itself offers the test on the readers fit for phones. */
export const testedInStep = (name: GuideCheck) => name === "card:my-number" || name === "card:smartphone";

/** The screen where a check is met, if it is not this one. */
export function checkScreen(name: GuideCheck): "readers" | "cert" | null {
  if (name.startsWith("cert:") || name.startsWith("backup:") || name.startsWith("mpki:")) return "cert";
  return null;
}
