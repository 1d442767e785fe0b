// Random secrets and their stored form: only hashes of sessions, links and tokens reach the database.
import { createHash, randomBytes } from "node:crypto";

export const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
/** 256 random bits, URL-safe. */
export const newToken = () => randomBytes(32).toString("base64url");
