// Which OS the app runs on, as onshi-core says it (platform::Os, through the `platform_os` command): actions
// that only a Windows terminal can answer (its certificate store, its installed apps) are offered there only.
// Read once before the first screen is drawn (main.ts), so that every screen can use it as a plain value.
import { platformOs } from "./api";
import type { Os } from "./bindings/Os";

export let os: Os = "other";
/** Whether the app runs on Windows (a live binding: set by `loadPlatform` before the app mounts). */
export let onWindows = false;

export async function loadPlatform(): Promise<void> {
  try {
    os = await platformOs();
  } catch (error) {
    // Outside the app (a unit test, a browser preview) there is no command to ask.
    console.warn("platform_os:", error);
  }
  onWindows = os === "windows";
}
