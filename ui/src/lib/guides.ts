// Walking a guide: which step comes next, and the path walked so far (what is saved and resumed).
import type { Guide } from "./bindings/Guide";
import type { Step } from "./bindings/Step";

export const END = "end";

export const stepById = (guide: Guide, id: string): Step | undefined => guide.steps.find((step) => step.id === id);

/** The step after `step` when it has no choices: its `next`, else the following one in the file, else the end. */
export function nextOf(guide: Guide, step: Step): string {
  if (step.next) return step.next;
  const index = guide.steps.findIndex((s) => s.id === step.id);
  return guide.steps[index + 1]?.id ?? END;
}

/** The saved path, cleaned of steps that no longer exist; a fresh start when nothing valid is left. */
export function resumePath(guide: Guide, saved: string[] | undefined): string[] {
  const valid = (saved ?? []).filter((id) => id === END || stepById(guide, id));
  return valid.length > 0 ? valid : [guide.steps[0].id];
}
