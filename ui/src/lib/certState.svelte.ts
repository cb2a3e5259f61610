// The certificate last opened on the 「電子証明書」 screen, for the home screen's summary.
import type { CertInfo } from "./bindings/CertInfo";

export const certState = $state<{ info: CertInfo | null }>({ info: null });
