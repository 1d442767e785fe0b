// Encrypted conference backups (ADR 0029): PGlite → PostgreSQL and back, every table compared row by
// row; a wrong passphrase, a flipped byte, an unknown version and a non-empty target are refused.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { backends, freshDb, type Backend, type TestDb } from "../helpers/db.js";
import { seedBackupWorld, storedPaperText, tableDump } from "../helpers/backup-world.js";
import { BackupError, createBackup, restoreBackup, backupFileName } from "../../server/backup/index.js";
import { backupTables } from "../../server/backup/conference.js";
import { sealBackup, readHeader } from "../../server/backup/format.js";

const PASS = "correct horse battery staple";
const pairs: [Backend, Backend][] = backends.includes("postgresql") ? [["pglite", "postgresql"], ["postgresql", "pglite"]] : [["pglite", "pglite"]];

// Audit events are compared by content: where the trail is hash-chained (a trigger numbers and chains
// every insert), restored events get the target's ids and a chain of their own.
const comparable = (table: string) => (row: unknown) => {
  if (table !== "AuditEvent") return row;
  const { id: _id, prevHash: _prev, hash: _hash, ...content } = row as Record<string, unknown>;
  return content;
};

async function refusal(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, "expected a refusal").toBeInstanceOf(BackupError);
  return (err as Error).message;
}

describe.each(pairs)("backup on %s, restore on %s", (from, to) => {
  let source: TestDb;
  let world: Awaited<ReturnType<typeof seedBackupWorld>>;
  let file: Buffer;

  beforeAll(async () => {
    source = await freshDb(from);
    world = await seedBackupWorld(source.prisma, source.sql);
    ({ file } = await createBackup(source.sql, { conferenceId: world.conf.id, passphrase: PASS, app: "0.1.0-test" }));
  }, 120_000);
  afterAll(() => source?.destroy());

  it("restores every row of the conference and nothing else, and the paper reads the same", async () => {
    const target = await freshDb(to);
    try {
      const { header, rows } = await restoreBackup(target.sql, file, PASS);
      expect(header).toMatchObject({ format: "tawafuq-backup", version: 1, app: "0.1.0-test", conference: world.conf.slug });
      const before = await tableDump(source.sql, world.conf.id);
      const after = await tableDump(target.sql, world.conf.id);
      for (const t of backupTables) {
        expect(before[t.name]!.length, `${t.name} has rows in the test world`).toBeGreaterThan(0);
        expect(after[t.name]!.map(comparable(t.name)), t.name).toEqual(before[t.name]!.map(comparable(t.name)));
      }
      expect(rows).toBe(Object.values(before).reduce((n, r) => n + r.length, 0));
      // Left out: the other conference, its member, sessions and API tokens.
      expect(await target.prisma.conference.count()).toBe(1);
      expect(await target.prisma.user.count({ where: { id: world.strangerId } })).toBe(0);
      expect(await target.prisma.session.count()).toBe(0);
      expect(await target.prisma.apiToken.count()).toBe(0);
      expect((await target.sql.query(`SELECT 1 FROM "AuditEvent" WHERE "actorId" = $1`, [world.strangerId])).length).toBe(0);
      // Password hashes and second-factor columns came along.
      const organizer = await target.prisma.user.findUniqueOrThrow({ where: { email: "organizer@example.org" }, include: { recoveryCodes: true } });
      expect(organizer.passwordHash).toMatch(/^\$argon2/);
      expect(organizer.totpSecret).toBe("sealed-secret");
      expect(organizer.recoveryCodes).toHaveLength(1);
      // The paper: snapshot + update log give the same text, the new section included.
      expect(await storedPaperText(target.prisma, world.paper.id)).toBe(world.text);
      expect(world.text).toContain("قسم أضيف بعد النسخة");
      // Autoincrement ids continue after the restored ones.
      const maxUpdate = (await target.prisma.paperUpdate.findFirstOrThrow({ orderBy: { id: "desc" } })).id;
      const next = await target.prisma.paperUpdate.create({ data: { paperId: world.paper.id, data: Buffer.from([0, 0]) } });
      expect(next.id).toBeGreaterThan(maxUpdate);
      const [maxAudit] = await target.sql.query(`SELECT max(id)::text AS id FROM "AuditEvent"`);
      const [audit] = await target.sql.query(`INSERT INTO "AuditEvent" (action, "subjectType") VALUES ('x', 'y') RETURNING id::text`);
      expect(BigInt(audit.id)).toBeGreaterThan(BigInt(maxAudit.id));

      // A second restore into the same (now non-empty) database is refused, and changes nothing.
      const count = await target.prisma.user.count();
      expect(await refusal(restoreBackup(target.sql, file, PASS))).toMatch(/^The database is not empty \(table User has rows\)/);
      expect(await target.prisma.user.count()).toBe(count);
    } finally {
      await target.destroy();
    }
  }, 120_000);

  it("refuses a wrong passphrase and a flipped byte anywhere, leaving the database empty", async () => {
    const target = await freshDb(to);
    try {
      expect(await refusal(restoreBackup(target.sql, file, "not the passphrase!"))).toBe("Wrong passphrase or damaged file.");
      const headerLength = file.indexOf(0x0a);
      // In the header (an authenticated field), the ciphertext and the tag.
      const iv = file.indexOf(Buffer.from('"iv":"')) + 8;
      for (const at of [file.indexOf(Buffer.from('"createdAt":"')) + 14, iv, headerLength + 5, Math.floor((headerLength + file.length) / 2), file.length - 1]) {
        const bad = Buffer.from(file);
        bad[at] = bad[at]! ^ 0x01;
        expect(await refusal(restoreBackup(target.sql, bad, PASS)), `byte ${at}`).toMatch(/^Wrong passphrase or damaged file\.$|^This is not a Tawafuq backup file/);
      }
      expect(await refusal(restoreBackup(target.sql, file.subarray(0, file.length - 20), PASS))).toBe("Wrong passphrase or damaged file.");
      expect(await refusal(restoreBackup(target.sql, Buffer.from("PK\x03\x04 not ours"), PASS))).toMatch(/^This is not a Tawafuq backup file/);
      for (const t of backupTables) expect((await target.sql.query(`SELECT count(*)::int AS n FROM "${t.name}"`))[0].n, t.name).toBe(0);
    } finally {
      await target.destroy();
    }
  }, 120_000);
});

describe("the file format", () => {
  it("has a readable header with its KDF parameters and refuses unknown versions", async () => {
    const sealed = await sealBackup({ tables: [] }, PASS, { app: "9.9.9", conference: "demo", kdf: { N: 2 ** 10, r: 8, p: 1 } });
    const { header } = readHeader(sealed);
    expect(header).toMatchObject({ format: "tawafuq-backup", version: 1, app: "9.9.9", conference: "demo", kdf: { name: "scrypt", N: 1024, r: 8, p: 1, keyLength: 32 }, cipher: { name: "aes-256-gcm" } });
    const nl = sealed.indexOf(0x0a);
    const v2 = Buffer.concat([Buffer.from(sealed.subarray(0, nl).toString().replace('"version":1', '"version":2')), sealed.subarray(nl)]);
    expect(() => readHeader(v2)).toThrow(/^Unknown backup format version 2: this release reads version 1\.$/);
    // A file asking for an absurd amount of memory is refused before any work.
    const greedy = Buffer.concat([Buffer.from(sealed.subarray(0, nl).toString().replace('"N":1024', `"N":${2 ** 30}`)), sealed.subarray(nl)]);
    expect(() => readHeader(greedy)).toThrow(/not a Tawafuq backup/);
  });

  it("refuses short passphrases", async () => {
    await expect(sealBackup({}, "short", { app: "x", conference: "y" })).rejects.toThrow(/shorter than 12 characters/);
  });

  it("names files by conference and time", () => {
    expect(backupFileName("demo-2026", new Date("2026-12-06T21:05:09.123Z"))).toBe("tawafuq-demo-2026-20261206T210509123Z.tqb");
  });
});
