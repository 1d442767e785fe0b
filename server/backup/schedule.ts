// Scheduled backups (ADR 0029): with BACKUP_DIR set, the server writes every conference's encrypted
// backup there every BACKUP_EVERY (default 24h) and keeps the newest BACKUP_KEEP (default 7) per
// conference. BACKUP_PASSPHRASE is then required. Files are 0600, written under a temporary name and
// renamed, so a crash never leaves half a backup under a backup's name.
import { mkdirSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Logger } from "pino";
import { DataFolderError, explainFsError } from "../data-folder.js";
import type { BackupSql } from "./conference.js";
import { BackupError, checkPassphrase, createBackup } from "./index.js";

/** A setting that stops the start with one line (the server prints DataFolderError messages as they are). */
export class BackupSettingError extends DataFolderError {
  override name = "BackupSettingError";
}

export interface BackupSchedule {
  dir: string;
  everyMs: number;
  keep: number;
  passphrase: string;
}

const units: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

export function backupScheduleFromEnv(env: Record<string, string | undefined> = process.env): BackupSchedule | null {
  if (!env.BACKUP_DIR) return null;
  const every = (env.BACKUP_EVERY ?? "24h").trim();
  const m = /^(\d+)\s*([mhd])$/.exec(every);
  if (!m || Number(m[1]) < 1) throw new BackupSettingError(`BACKUP_EVERY must be a number of minutes, hours or days such as 30m, 6h or 1d, got "${every}".`);
  const keep = env.BACKUP_KEEP === undefined || env.BACKUP_KEEP === "" ? 7 : Number(env.BACKUP_KEEP);
  if (!Number.isInteger(keep) || keep < 1) throw new BackupSettingError(`BACKUP_KEEP must be a whole number of at least 1, got "${env.BACKUP_KEEP}".`);
  let passphrase: string;
  try {
    passphrase = checkPassphrase(env.BACKUP_PASSPHRASE);
  } catch (err) {
    throw new BackupSettingError(`BACKUP_DIR is set: ${(err as Error).message.replace(/ \(BACKUP_PASSPHRASE, or typed when asked\)/, " in BACKUP_PASSPHRASE")}`);
  }
  const dir = resolve(env.BACKUP_DIR);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw explainFsError(dir, err, "Backup folder");
  }
  return { dir, everyMs: Number(m[1]) * units[m[2]!]!, keep, passphrase };
}

const backupFile = /^tawafuq-(.+)-(\d{8}T\d{9}Z)\.tqb$/;

/** Deletes the oldest backups of each conference beyond `keep`; leaves every other file alone. */
export function pruneBackups(dir: string, keep: number): string[] {
  const bySlug = new Map<string, string[]>();
  for (const name of readdirSync(dir)) {
    const m = backupFile.exec(name);
    if (m) bySlug.set(m[1]!, [...(bySlug.get(m[1]!) ?? []), name]);
  }
  const removed: string[] = [];
  for (const names of bySlug.values()) {
    for (const name of names.sort().slice(0, Math.max(0, names.length - keep))) {
      unlinkSync(join(dir, name));
      removed.push(name);
    }
  }
  return removed;
}

export interface BackupScheduler {
  /** Backs up every conference now; returns the files written. */
  runNow(): Promise<string[]>;
  /** Stops the timer and waits for a backup under way. */
  stop(): Promise<void>;
}

export function startBackupSchedule(
  sql: BackupSql,
  schedule: BackupSchedule,
  opts: { version: string; log: Pick<Logger, "info" | "error">; firstDelayMs?: number },
): BackupScheduler {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<string[]> | undefined;
  let stopped = false;

  const runNow = () =>
    (running ??= (async () => {
      const written: string[] = [];
      try {
        const conferences = (await sql.query(`SELECT id FROM "Conference" ORDER BY slug`)) as { id: string }[];
        for (const { id } of conferences) {
          const { file, fileName } = await createBackup(sql, { conferenceId: id, passphrase: schedule.passphrase, app: opts.version });
          const path = join(schedule.dir, fileName);
          writeFileSync(`${path}.partial`, file, { mode: 0o600 });
          renameSync(`${path}.partial`, path);
          written.push(path);
        }
        const removed = pruneBackups(schedule.dir, schedule.keep);
        opts.log.info({ written, removed }, "scheduled backup written");
      } catch (err) {
        opts.log.error({ err: err instanceof BackupError ? err.message : err }, "scheduled backup failed");
      } finally {
        running = undefined;
      }
      return written;
    })());

  const plan = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => void runNow().then(() => plan(schedule.everyMs)), delay);
    // Never what keeps the process alive.
    timer.unref();
  };
  // After a restart, the next backup is due one interval after the newest one there is.
  const newest = readdirSync(schedule.dir)
    .filter((n) => backupFile.test(n))
    .map((n) => statSync(join(schedule.dir, n)).mtimeMs)
    .reduce((a, b) => Math.max(a, b), 0);
  const due = newest ? Math.max(0, newest + schedule.everyMs - Date.now()) : 0;
  plan(Math.max(due, opts.firstDelayMs ?? 60_000));

  return {
    runNow,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
