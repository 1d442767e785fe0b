// AES-256-GCM sealing (node:crypto) shared by the second factor (ADR 0026) and the audit trail's person
// keys (ADR 0034): 12-byte random IV, 16-byte tag, then the ciphertext, as base64url. Additional data,
// when given, binds a box to its place (whose value it is), so a box cannot be moved to another person.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

export function sealText(key: Buffer, plain: string, aad?: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  if (aad !== undefined) cipher.setAAD(Buffer.from(aad, "utf8"));
  const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ct]).toString("base64url");
}

/** Throws when the key is wrong or the box was altered. */
export function openText(key: Buffer, box: string, aad?: string): string {
  const raw = Buffer.from(box, "base64url");
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
  if (aad !== undefined) decipher.setAAD(Buffer.from(aad, "utf8"));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}
