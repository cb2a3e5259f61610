// Written by onshi-core's tests (error_code.rs); do not edit: the codes each screen words.
export const readTestErrorCodes = ["no-service", "no-card", "card-removed", "reader-gone", "no-such-reader", "sam-slot", "failed"] as const;
export const backupErrorCodes = ["wrong-password", "not-pkcs12", "damaged", "unsupported", "too-large", "unreadable", "no-backup", "failed"] as const;
export const copyErrorCodes = ["source-unreadable", "too-large", "destination-missing", "no-space", "mismatch", "no-backup", "failed"] as const;
export const certificateErrorCodes = ["not-a-certificate", "is-a-backup", "too-large", "unreadable", "failed"] as const;
