// Written by onshi-core's tests (error_code.rs); do not edit: the codes each screen words.
export const readTestErrorCodes = ["no-service", "no-card", "card-removed", "card-silent", "test-cancelled", "reader-gone", "no-such-reader", "sam-slot", "card-reset", "reader-link", "failed"] as const;
export const backupErrorCodes = ["wrong-password", "not-pkcs12", "damaged", "unsupported", "too-large", "unreadable", "no-backup", "failed"] as const;
export const copyErrorCodes = ["source-unreadable", "too-large", "destination-missing", "no-space", "mismatch", "no-backup", "failed"] as const;
export const certificateErrorCodes = ["not-a-certificate", "is-a-backup", "too-large", "unreadable", "failed"] as const;
// A command whose background task broke: every screen words it the same way.
export const internalErrorCode = "internal";
// The app's read test: how long it waits for a card, and the most it can take (card/probe.rs).
export const readTestWaitSeconds = 15;
export const readTestLimitSeconds = 25;
