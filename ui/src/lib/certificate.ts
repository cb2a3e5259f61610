// What a certificate's dates mean for the person at the desk: a colour, a headline and the one next step.
import type { CertInfo } from "./bindings/CertInfo";
import type { MessageKey } from "./i18n";
import type { Level } from "./readers";

export interface CertVerdict {
  level: Level;
  headline: MessageKey;
  action: MessageKey;
}

/** The certificate's verdict in words; its level comes from onshi-core (verdict.rs), as the tray's does. */
export function certVerdict(info: CertInfo): CertVerdict {
  return { level: info.verdict.level, headline: `cert.status.${info.status}`, action: `cert.action.${info.status}` };
}

const backupErrors = ["wrong-password", "not-pkcs12", "damaged", "unsupported", "too-large", "unreadable", "no-backup"] as const;
const copyErrors = ["no-space", "destination-missing", "mismatch", "source-unreadable", "too-large", "no-backup"] as const;

/** The message for a backup check that could not open the file; unknown codes read as a failure. */
export function backupErrorKey(kind: unknown): MessageKey {
  const known = backupErrors.find((code) => code === kind);
  return known ? `backup.error.${known}` : "backup.error.failed";
}

export function copyErrorKey(kind: unknown): MessageKey {
  const known = copyErrors.find((code) => code === kind);
  return known ? `copy.error.${known}` : "copy.error.failed";
}
