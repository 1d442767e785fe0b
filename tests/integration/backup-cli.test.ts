// npm run backup / npm run restore (ADR 0029): the passphrase from the environment only, the embedded
// database's folder lock respected, PGlite → PostgreSQL through the commands.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, statSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { openDatabase } from "../../server/db/client.js";
import { createPgDatabase, backends } from "../helpers/db.js";
import { seedDemo } from "../../prisma/seed.js";
import { storedPaperText } from "../helpers/backup-world.js";

const run = promisify(execFile);
const PASS = "a long enough passphrase";

async function cli(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "server/backup/cli.ts", ...args], {
      env: { ...process.env, DATABASE_URL: "", LOG_LEVEL: "warn", ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("backup and restore commands", () => {
  let root: string;
  let source: string;
  let text: string;
  let paperId: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "tawafuq-backup-cli-"));
    source = join(root, "source");
    const db = await openDatabase({ dataDir: join(source, "db") });
    await seedDemo(db.prisma);
    const paper = await db.prisma.paper.findFirstOrThrow();
    paperId = paper.id;
    text = await storedPaperText(db.prisma, paperId);
    await db.close();
  }, 120_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("refuses a short passphrase, and works without a terminal only with BACKUP_PASSPHRASE", async () => {
    const short = await cli(["backup", "--out", join(root, "x.tqb")], { DATA_DIR: source, BACKUP_PASSPHRASE: "too short" });
    expect(short.code).toBe(1);
    expect(short.stderr.trim()).toBe("The backup passphrase is shorter than 12 characters.");
    const none = await cli(["backup", "--out", join(root, "x.tqb")], { DATA_DIR: source, BACKUP_PASSPHRASE: "" });
    expect(none.code).toBe(1);
    expect(none.stderr.trim()).toMatch(/^Set BACKUP_PASSPHRASE, or run this on a terminal/);
    expect(existsSync(join(root, "x.tqb"))).toBe(false);
  }, 60_000);

  it("respects the folder lock of a running server", async () => {
    const held = await openDatabase({ dataDir: join(source, "db") });
    try {
      const res = await cli(["backup", "--out", join(root, "locked.tqb")], { DATA_DIR: source, BACKUP_PASSPHRASE: PASS });
      expect(res.code).toBe(1);
      expect(res.stderr.trim()).toMatch(/^Data folder .* is in use by process \d+ since .*; stop it first/);
    } finally {
      await held.close();
    }
  }, 60_000);

  it("backs up the embedded database and restores it into PostgreSQL and into a new folder", async () => {
    const out = join(root, "demo.tqb");
    const made = await cli(["backup", "--out", out], { DATA_DIR: source, BACKUP_PASSPHRASE: PASS });
    expect(made.stderr).toBe("");
    expect(made.stdout).toMatch(/^Backed up conference \S+ to .*demo\.tqb/);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    // Never over an existing file.
    const again = await cli(["backup", "--out", out], { DATA_DIR: source, BACKUP_PASSPHRASE: PASS });
    expect(again.stderr.trim()).toMatch(/exists already/);

    const wrong = await cli(["restore", out], { DATA_DIR: join(root, "wrong"), BACKUP_PASSPHRASE: "another passphrase" });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr.trim()).toBe("Wrong passphrase or damaged file.");

    const targets: { env: Record<string, string>; open: () => ReturnType<typeof openDatabase>; drop?: () => Promise<void> }[] = [
      { env: { DATA_DIR: join(root, "restored") }, open: () => openDatabase({ dataDir: join(root, "restored", "db") }) },
    ];
    if (backends.includes("postgresql")) {
      const pg = await createPgDatabase();
      targets.push({ env: { DATA_DIR: join(root, "pg"), DATABASE_URL: pg.url }, open: () => openDatabase({ url: pg.url }), drop: pg.drop });
    }
    for (const target of targets) {
      try {
        const res = await cli(["restore", out], { ...target.env, BACKUP_PASSPHRASE: PASS });
        expect(res.stderr).toBe("");
        expect(res.stdout).toMatch(/^Restored conference \S+ \(\d+ rows\)/);
        const db = await target.open();
        try {
          expect(await db.prisma.user.count()).toBe(6);
          expect(await storedPaperText(db.prisma, paperId)).toBe(text);
        } finally {
          await db.close();
        }
        // Restoring twice is refused: the database is not empty any more.
        const twice = await cli(["restore", out], { ...target.env, BACKUP_PASSPHRASE: PASS });
        expect(twice.code).toBe(1);
        expect(twice.stderr.trim()).toMatch(/^The database is not empty/);
      } finally {
        await target.drop?.();
      }
    }
  }, 180_000);
});
