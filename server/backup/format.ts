// The backup file (ADR 0029): one line of JSON header, then AES-256-GCM ciphertext of the gzipped JSON
// payload, then GCM's 16-byte tag. The key is scrypt(passphrase, salt) with the parameters the header
// names, so a later release reads older files; the header is GCM's additional data, so changing any byte
// of the file (header included) makes decryption fail.
import { createCipheriv, createDecipheriv, randomBytes, scrypt, type ScryptOptions } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";

export const FORMAT = "tawafuq-backup";
export const FORMAT_VERSION = 1;
export const MIN_PASSPHRASE = 12;
/** The page's bound: a passphrase is typed, not pasted from a file. */
export const MAX_PASSPHRASE = 1000;

/** A one-line reason a backup cannot be written or read (CLI and page show it as is). */
export class BackupError extends Error {
  override name = "BackupError";
}

export interface BackupHeader {
  format: typeof FORMAT;
  version: number;
  createdAt: string;
  app: string;
  conference: string;
  kdf: { name: "scrypt"; N: number; r: number; p: number; keyLength: 32; salt: string };
  cipher: { name: "aes-256-gcm"; iv: string };
}

// 2^15 × 8 × 128 bytes = 32 MiB of memory and about 0.1 s per key on a small server.
export const DEFAULT_KDF = { N: 2 ** 15, r: 8, p: 1 };
// What a file may ask for: enough headroom for later releases, not enough to exhaust the machine.
const KDF_LIMITS = { N: 2 ** 20, r: 32, p: 16 };

function deriveKey(passphrase: string, salt: Buffer, kdf: { N: number; r: number; p: number }): Promise<Buffer> {
  const opts: ScryptOptions = { ...kdf, maxmem: 256 * kdf.N * kdf.r + 1024 * 1024 };
  return new Promise((resolve, reject) => scrypt(passphrase.normalize("NFC"), salt, 32, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

export function checkPassphrase(passphrase: string | undefined): string {
  if (!passphrase) throw new BackupError("A backup passphrase is required (BACKUP_PASSPHRASE, or typed when asked).");
  if ([...passphrase].length < MIN_PASSPHRASE) throw new BackupError(`The backup passphrase is shorter than ${MIN_PASSPHRASE} characters.`);
  return passphrase;
}

export async function sealBackup(
  payload: unknown,
  passphrase: string,
  meta: { app: string; conference: string; createdAt?: Date; kdf?: { N: number; r: number; p: number } },
): Promise<Buffer> {
  checkPassphrase(passphrase);
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const kdf = meta.kdf ?? DEFAULT_KDF;
  const header: BackupHeader = {
    format: FORMAT,
    version: FORMAT_VERSION,
    createdAt: (meta.createdAt ?? new Date()).toISOString(),
    app: meta.app,
    conference: meta.conference,
    kdf: { name: "scrypt", ...kdf, keyLength: 32, salt: salt.toString("base64") },
    cipher: { name: "aes-256-gcm", iv: iv.toString("base64") },
  };
  const headerBytes = Buffer.from(JSON.stringify(header), "utf8");
  const key = await deriveKey(passphrase, salt, kdf);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(headerBytes);
  const body = Buffer.concat([cipher.update(gzipSync(Buffer.from(JSON.stringify(payload), "utf8"))), cipher.final()]);
  return Buffer.concat([headerBytes, Buffer.from("\n"), body, cipher.getAuthTag()]);
}

/** The header alone (not yet authenticated: trust it only after openBackup succeeds). */
export function readHeader(file: Buffer): { header: BackupHeader; headerBytes: Buffer; rest: Buffer } {
  const nl = file.indexOf(0x0a);
  const notOurs = () => new BackupError("This is not a Tawafuq backup file, or it is damaged.");
  if (nl < 0 || nl > 4096) throw notOurs();
  const headerBytes = file.subarray(0, nl);
  let header: BackupHeader;
  try {
    header = JSON.parse(headerBytes.toString("utf8")) as BackupHeader;
  } catch {
    throw notOurs();
  }
  if (!header || header.format !== FORMAT) throw notOurs();
  if (header.version !== FORMAT_VERSION) throw new BackupError(`Unknown backup format version ${String(header.version)}: this release reads version ${FORMAT_VERSION}.`);
  const { kdf, cipher } = header;
  const int = (v: unknown, max: number) => Number.isInteger(v) && (v as number) > 0 && (v as number) <= max;
  if (kdf?.name !== "scrypt" || !int(kdf.N, KDF_LIMITS.N) || (kdf.N & (kdf.N - 1)) !== 0 || !int(kdf.r, KDF_LIMITS.r) || !int(kdf.p, KDF_LIMITS.p) || kdf.keyLength !== 32 || typeof kdf.salt !== "string")
    throw notOurs();
  if (cipher?.name !== "aes-256-gcm" || typeof cipher.iv !== "string") throw notOurs();
  return { header, headerBytes, rest: file.subarray(nl + 1) };
}

export async function openBackup<T = unknown>(file: Buffer, passphrase: string): Promise<{ header: BackupHeader; payload: T }> {
  const { header, headerBytes, rest } = readHeader(file);
  if (rest.length < 16) throw new BackupError("Wrong passphrase or damaged file.");
  const key = await deriveKey(passphrase, Buffer.from(header.kdf.salt, "base64"), header.kdf);
  let plain: Buffer;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(header.cipher.iv, "base64"));
    decipher.setAAD(headerBytes);
    decipher.setAuthTag(rest.subarray(rest.length - 16));
    plain = Buffer.concat([decipher.update(rest.subarray(0, rest.length - 16)), decipher.final()]);
  } catch {
    throw new BackupError("Wrong passphrase or damaged file.");
  }
  return { header, payload: JSON.parse(gunzipSync(plain).toString("utf8")) as T };
}
