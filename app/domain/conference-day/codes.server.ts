// Check-in codes (ADR 0053): made, read back and printed the same way by the desk, the badge and the mail.
import { randomBytes } from "node:crypto";

// Crockford's base32 without the letters read as digits (I, L, O, U): 10 characters carry 50 random bits.
const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CODE_LENGTH = 10;

export function newCheckInCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  return Array.from(bytes, (b) => CODE_ALPHABET[b & 31]).join("");
}

/** As typed or scanned: case, spaces and dashes do not matter, and O, I, L read as 0, 1, 1. */
export function normalizeCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
}

/** How a badge prints it: two groups of five. */
export const formatCode = (code: string) => `${code.slice(0, 5)}-${code.slice(5)}`;
