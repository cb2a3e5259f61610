// The MPKI client's status as last checked on the 「電子証明書」 screen, for the home screen, and the words of
// its verdict (onshi-core's mpki::status decides the level and code; the screens only word them).
import type { MpkiStatus } from "./bindings/MpkiStatus";
import type { MpkiCode } from "./codes";
import type { MessageKey } from "./i18n";

export const mpkiState = $state<{ status: MpkiStatus | null; unavailable: boolean }>({ status: null, unavailable: false });

export const mpkiWords: Record<MpkiCode, MessageKey> = {
  "mpki-not-installed": "mpki.notInstalled",
  "mpki-outdated": "mpki.outdated",
  "mpki-up-to-date": "mpki.upToDate",
  "mpki-latest-unknown": "mpki.enterLatest",
};
