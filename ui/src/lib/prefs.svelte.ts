// The user's display preferences, reactive across the whole UI, and the translation helper that reads them.
import type { Language } from "./bindings/Language";
import { translate, type MessageKey } from "./i18n";

export const prefs = $state({ language: "ja" as Language, largeText: false });

export const t = (key: MessageKey, params?: Record<string, string>) => translate(prefs.language, key, params);
