// The MPKI client's status as last checked on the 「電子証明書」 screen, for the home screen.
import type { MpkiStatus } from "./bindings/MpkiStatus";

export const mpkiState = $state<{ status: MpkiStatus | null; unavailable: boolean }>({ status: null, unavailable: false });
