// The key that seals sign-in links while they wait in the outbox: derived from the session secret
// (like the second factor's, ADR 0026), so it needs no setting of its own and never sits in the database.
import { hkdfSync } from "node:crypto";

export const mailLinkKey = (sessionSecret: string) => Buffer.from(hkdfSync("sha256", sessionSecret, "tawafuq", "mail-link-v1", 32));
