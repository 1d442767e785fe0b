// Scheduled backups (ADR 0029): the settings, the writer keeping BACKUP_KEEP files per conference, and
// the server refusing to start with BACKUP_DIR but no usable passphrase.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freshDb, type TestDb } from "../helpers/db.js";
import { seedDemo } from "../../prisma/seed.js";
import { backupScheduleFromEnv, pruneBackups, startBackupSchedule } from "../../server/backup/schedule.js";
import { restoreBackup } from "../../server/backup/index.js";
import { startTestServer } from "../helpers/server.js";

const PASS = "scheduled backup passphrase";
const quiet = { info: () => {}, error: (...args: unknown[]) => console.error(...args) };

describe("backup settings", () => {
  let dir: string;
  beforeAll(() => void (dir = mkdtempSync(join(tmpdir(), "tawafuq-backup-env-"))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("are off without BACKUP_DIR, daily and 7 files by default", () => {
    expect(backupScheduleFromEnv({})).toBeNull();
    expect(backupScheduleFromEnv({ BACKUP_DIR: dir, BACKUP_PASSPHRASE: PASS })).toEqual({ dir, everyMs: 86_400_000, keep: 7, passphrase: PASS });
    expect(backupScheduleFromEnv({ BACKUP_DIR: dir, BACKUP_PASSPHRASE: PASS, BACKUP_EVERY: "6h", BACKUP_KEEP: "3" })).toMatchObject({ everyMs: 21_600_000, keep: 3 });
    expect(backupScheduleFromEnv({ BACKUP_DIR: dir, BACKUP_PASSPHRASE: PASS, BACKUP_EVERY: "30m" })).toMatchObject({ everyMs: 1_800_000 });
  });

  it("refuse a missing or short passphrase and odd values, in one line", () => {
    expect(() => backupScheduleFromEnv({ BACKUP_DIR: dir })).toThrow(/^BACKUP_DIR is set: A backup passphrase is required in BACKUP_PASSPHRASE\.$/);
    expect(() => backupScheduleFromEnv({ BACKUP_DIR: dir, BACKUP_PASSPHRASE: "short" })).toThrow(/^BACKUP_DIR is set: The backup passphrase is shorter than 12 characters\.$/);
    expect(() => backupScheduleFromEnv({ BACKUP_DIR: dir, BACKUP_PASSPHRASE: PASS, BACKUP_EVERY: "daily" })).toThrow(/^BACKUP_EVERY must be/);
    expect(() => backupScheduleFromEnv({ BACKUP_DIR: dir, BACKUP_PASSPHRASE: PASS, BACKUP_KEEP: "0" })).toThrow(/^BACKUP_KEEP must be/);
  });
});

describe("the scheduled writer", () => {
  let db: TestDb;
  let dir: string;
  beforeAll(async () => {
    db = await freshDb("pglite");
    await seedDemo(db.prisma);
    dir = mkdtempSync(join(tmpdir(), "tawafuq-backup-dir-"));
  }, 120_000);
  afterAll(async () => {
    await db?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes 0600 files on its timer and keeps the newest N of each conference", async () => {
    writeFileSync(join(dir, "notes.txt"), "not ours");
    const written: string[][] = [];
    const scheduler = startBackupSchedule(db.sql, { dir, everyMs: 150, keep: 2, passphrase: PASS }, { version: "test", log: quiet, firstDelayMs: 0 });
    try {
      // Let the timer run at least four times.
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        const files = readdirSync(dir).filter((n) => n.endsWith(".tqb"));
        written.push(files);
        if (written.filter((f, i) => i === 0 || f.join() !== written[i - 1]!.join()).length >= 5) break;
      }
    } finally {
      await scheduler.stop();
    }
    const files = readdirSync(dir).sort();
    const backups = files.filter((n) => n.endsWith(".tqb"));
    expect(backups).toHaveLength(2);
    expect(files).toContain("notes.txt");
    expect(files.some((n) => n.endsWith(".partial"))).toBe(false);
    for (const name of backups) {
      expect(name).toMatch(/^tawafuq-[\w-]+-\d{8}T\d{9}Z\.tqb$/);
      expect(statSync(join(dir, name)).mode & 0o777).toBe(0o600);
    }
    // More than two were written over time: the oldest were removed.
    expect(new Set(written.flat()).size).toBeGreaterThan(2);
    // The newest restores.
    const target = await freshDb("pglite");
    try {
      await restoreBackup(target.sql, readFileSync(join(dir, backups.at(-1)!)), PASS);
      expect(await target.prisma.conference.count()).toBe(1);
    } finally {
      await target.destroy();
    }
  }, 120_000);

  it("prunes per conference and leaves other files alone", () => {
    const d = mkdtempSync(join(tmpdir(), "tawafuq-prune-"));
    try {
      const names = ["a-1", "a-2", "a-3", "b-1"].map(([slug, , n]) => `tawafuq-${slug}-2026120${n}T000000000Z.tqb`);
      for (const n of [...names, "tawafuq-a-notes.txt"]) writeFileSync(join(d, n), "");
      expect(pruneBackups(d, 1).sort()).toEqual([names[0], names[1]]);
      expect(readdirSync(d).sort()).toEqual([names[2], names[3], "tawafuq-a-notes.txt"].sort());
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});

describe("the server", () => {
  it("refuses to start with BACKUP_DIR but no passphrase, in one line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tawafuq-backup-start-"));
    try {
      const err = await startTestServer({ env: { BACKUP_DIR: join(dir, "backups"), BACKUP_PASSPHRASE: "" } }).then(
        () => null,
        (e: Error) => e,
      );
      expect(err?.message).toMatch(/^server exited early \(1\):\nBACKUP_DIR is set: A backup passphrase is required in BACKUP_PASSPHRASE\.\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
