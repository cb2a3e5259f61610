// The user's display preferences, reactive across the whole UI, and the translation helper that reads them.
import type { Language } from "./bindings/Language";
import type { Text } from "./bindings/Text";
import { translate, type MessageKey } from "./i18n";
import { settingsSet } from "./api";
import { phrased } from "./phrases";

export const prefs = $state({
  language: "ja" as Language,
  largeText: false,
  /** For each guide started, the steps walked (saved with the settings, resumed at the last). */
  guideProgress: {} as Record<string, string[]>,
  /** The MPKI client's latest version as read on the portal; remembered. */
  mpkiLatest: "",
  /** The first-run question about the login start has been answered. */
  autostartAsked: false,
});

/** A message in the UI language, ready to show (Japanese broken by phrase: phrases.ts). */
export const t = (key: MessageKey, params?: Record<string, string>) => shown(translate(prefs.language, key, params));

/** A line that onshi-core gives in both languages, in the UI's language, ready to show. */
export const say = (text: Text) => (prefs.language === "en" ? text.en : phrased(text.ja));

/** The same message as plain text, for where nothing is laid out (the window title, the clipboard). */
export const plain = (key: MessageKey, params?: Record<string, string>) => translate(prefs.language, key, params);

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A YYYY-MM-DD date as the UI language writes it: 2027年1月10日 in Japanese, 10 Jan 2027 in English (as
 *  onshi-core's time::date_en writes the dates inside its messages); another text as it is. */
export const day = (iso: string | null | undefined) => {
  if (!iso) return "";
  const m = /^(\d{4})-(0[1-9]|1[0-2])-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return prefs.language === "ja" ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
};

const shown = (text: string) => (prefs.language === "ja" ? phrased(text) : text);

/** Why the last save failed, for the app to show; null when it worked. */
export const saving = $state({ error: null as string | null });

/** Saves the preferences and the guides' progress through the Rust side's settings store. */
export async function savePrefs(): Promise<void> {
  try {
    await settingsSet({
      language: prefs.language,
      large_text: prefs.largeText,
      guide_progress: $state.snapshot(prefs.guideProgress),
      mpki_latest_known: prefs.mpkiLatest.trim() || null,
      autostart_asked: prefs.autostartAsked,
      // Owned by the Rust side, which keeps its own values.
      tray_notice_shown: false,
      terminal_certificate: null,
    });
    saving.error = null;
  } catch (error) {
    saving.error = String(error);
  }
}
