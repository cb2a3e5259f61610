// Told when 「連絡先」 is saved, so that the lines showing whom to call are asked again.
export const contactsState = $state({ saved: 0 });
