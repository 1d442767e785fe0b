// A mail kind's key in the catalogue (ADR 0052). No server imports: the mail pages name kinds in the browser too.

/**
 * "invitation.letter" → "invitationLetter" (app/i18n/areas/mail.ts), so no catalogue key holds the dot
 * i18next reads as nesting.
 */
export const catalogueKeyOf = (kind: string) => kind.replace(/\.(\w)/g, (_m, c: string) => c.toUpperCase());

/** A mail's states in the outbox (MailState), in the order the outbox's filter offers them. */
export const mailStates = ["QUEUED", "SENDING", "SENT", "FAILED", "KEPT"] as const;
