// A reader device's name for people: the catalogue's model name (or 「登録されていない機種」) and, when two
// devices of one kind are connected, which one.
import type { ReaderDevice } from "./api";
import { say, t } from "./prefs.svelte";

export const deviceLabel = (device: ReaderDevice): string =>
  ((device.label ? say(device.label) : null) ?? t("reader.unknownModel")) +
  (device.number === null ? "" : t("device.number", { n: String(device.number) }));
