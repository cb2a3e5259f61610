// What a certificate's dates mean for the person at the desk: a colour, a headline and the one next step.
import type { CertInfo } from "./bindings/CertInfo";
import { backupErrorCodes, certificateErrorCodes, copyErrorCodes, internalErrorCode } from "./bindings/errorCodes";
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

/** The message for a backup check that could not open the file; unknown codes read as a failure, and
 *  the app's own fault (`internal`) as on every screen. */
export function backupErrorKey(kind: unknown): MessageKey {
  if (kind === internalErrorCode) return "common.internal";
  const known = backupErrorCodes.find((code) => code === kind);
  return `backup.error.${known ?? "failed"}`;
}

/** The message for a copy of a backup that did not finish. */
export function copyErrorKey(kind: unknown): MessageKey {
  if (kind === internalErrorCode) return "common.internal";
  const known = copyErrorCodes.find((code) => code === kind);
  return `copy.error.${known ?? "failed"}`;
}

/** The message for a certificate file that could not be opened. */
export function certificateErrorKey(kind: unknown): MessageKey {
  if (kind === internalErrorCode) return "common.internal";
  const known = certificateErrorCodes.find((code) => code === kind);
  return `cert.error.${known ?? "failed"}`;
}
