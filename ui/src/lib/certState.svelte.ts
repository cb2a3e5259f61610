// The certificate last opened on the 「電子証明書」 screen, for the home screen's summary; and a backup file
// picked where a certificate was expected, which the backup check then takes up.
import type { CertInfo } from "./bindings/CertInfo";

export const certState = $state<{ info: CertInfo | null; offeredBackup: string | null }>({
  info: null,
  offeredBackup: null,
});
