// Crypto-shredding of the audit trail (issue 17, ADR 0034). The trail is append-only and hash-chained, so
// an erased person's email or name cannot be removed from the rows that recorded it. Instead such values
// are written sealed (AES-256-GCM) under a random key of their own person — a member account ("user"), a
// force's contact ("contact") or a delegate named in a delegation ("delegate") — kept in "PersonKey".
// Erasure deletes the key: the chain still covers the same ciphertext, which nobody can open any more.
import { createHmac, hkdfSync, randomBytes } from "node:crypto";
import type { Prisma, PrismaClient } from "@prisma/client";
import { openText, sealText } from "./sealing.server";

type Db = PrismaClient | Prisma.TransactionClient;

export type PersonKind = "user" | "contact" | "delegate";
export interface Person {
  kind: PersonKind;
  id: string;
}

/** A personal value inside an audit row's data: whose key seals it ("<kind>:<id>") and the box. */
export interface SealedValue {
  sealedFor: string;
  box: string;
}

const refOf = (p: Person) => `${p.kind}:${p.id}`;

/** Seals `value` under the person's key, made on first use. The ref is the additional data: a box opens only as this person's. */
export async function sealFor(db: Db, person: Person, value: string): Promise<SealedValue> {
  const where = { kind_personId: { kind: person.kind, personId: person.id } };
  let row = await db.personKey.findUnique({ where });
  if (!row) {
    // Two writers at once: the second insert is skipped and both read the one key.
    await db.personKey.createMany({ data: [{ kind: person.kind, personId: person.id, key: new Uint8Array(randomBytes(32)) }], skipDuplicates: true });
    row = await db.personKey.findUniqueOrThrow({ where });
  }
  const ref = refOf(person);
  return { sealedFor: ref, box: sealText(Buffer.from(row.key), value, ref) };
}

/** Erasure's part: the person's key is deleted (in the erasure's transaction); what it sealed stays unreadable. */
export async function forgetPerson(db: Db, person: Person): Promise<void> {
  await db.personKey.deleteMany({ where: { kind: person.kind, personId: person.id } });
}

export function isSealed(v: unknown): v is SealedValue {
  if (!v || typeof v !== "object" || Array.isArray(v)) return false;
  const o = v as Record<string, unknown>;
  return typeof o.sealedFor === "string" && typeof o.box === "string" && Object.keys(o).length === 2;
}

function refsIn(v: unknown, out: Set<string>) {
  if (isSealed(v)) out.add(v.sealedFor);
  else if (Array.isArray(v)) v.forEach((x) => refsIn(x, out));
  else if (v && typeof v === "object") Object.values(v).forEach((x) => refsIn(x, out));
}

/**
 * The values with every sealed value opened while its person's key exists, and replaced by `erased`
 * (the reader's word for it) once the key is gone. One query for all the keys the values name.
 */
export async function openSealed(db: Db, values: unknown[], erased: string): Promise<unknown[]> {
  const refs = new Set<string>();
  values.forEach((v) => refsIn(v, refs));
  if (!refs.size) return values;
  const people = [...refs].map((r) => ({ kind: r.slice(0, r.indexOf(":")), personId: r.slice(r.indexOf(":") + 1) }));
  const keys = new Map((await db.personKey.findMany({ where: { OR: people } })).map((k) => [`${k.kind}:${k.personId}`, Buffer.from(k.key)]));
  const open = (v: unknown): unknown => {
    if (isSealed(v)) {
      const key = keys.get(v.sealedFor);
      if (!key) return erased;
      try {
        return openText(key, v.box, v.sealedFor);
      } catch {
        return erased;
      }
    }
    if (Array.isArray(v)) return v.map(open);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, open(x)]));
    return v;
  };
  return values.map(open);
}

/**
 * An email tried at sign-in that names no account: no person to seal it for, so the trail keeps only a
 * keyed hash (HMAC-SHA256 under a key derived from the session secret). Repeated tries of one address
 * can be told apart from others, and an organizer who knows an address can check it; the address itself
 * is not stored, and a dump of the database alone does not let anyone test guesses.
 */
export function emailDigest(sessionSecret: string, email: string): string {
  const key = Buffer.from(hkdfSync("sha256", sessionSecret, "tawafuq", "audit-email-digest-v1", 32));
  return createHmac("sha256", key).update(email.trim().toLowerCase(), "utf8").digest("hex");
}
