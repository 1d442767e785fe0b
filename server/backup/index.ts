// Encrypted backup and restore of one conference (ADR 0029): the CLI, the organizer page and the
// scheduled writer all go through these two functions.
import type { SqlRunner } from "../db/migrate.js";
import { exportConference, restoreConference, type BackupPayload, type BackupSql } from "./conference.js";
import { BackupError, openBackup, sealBackup, type BackupHeader } from "./format.js";

export { BackupError, checkPassphrase, MAX_PASSPHRASE, MIN_PASSPHRASE } from "./format.js";
export { findConference } from "./conference.js";

export async function createBackup(sql: BackupSql, opts: { conferenceId: string; passphrase: string; app: string; createdAt?: Date }) {
  const payload = await exportConference(sql, opts.conferenceId);
  const createdAt = opts.createdAt ?? new Date();
  const file = await sealBackup(payload, opts.passphrase, { app: opts.app, conference: payload.conference.slug, createdAt });
  return { file, slug: payload.conference.slug, fileName: backupFileName(payload.conference.slug, createdAt) };
}

export async function restoreBackup(sql: SqlRunner, file: Buffer, passphrase: string): Promise<{ header: BackupHeader; rows: number }> {
  const { header, payload } = await openBackup<BackupPayload>(file, passphrase);
  if (!payload || !Array.isArray(payload.tables) || !Array.isArray(payload.migrations)) throw new BackupError("This backup's contents are not in the expected shape.");
  const { rows } = await restoreConference(sql, payload);
  return { header, rows };
}

/** tawafuq-<slug>-<UTC timestamp>.tqb: sorts by time within a conference. */
export function backupFileName(slug: string, at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, "").replace(/\.(\d+)Z$/, "$1Z");
  return `tawafuq-${slug.replace(/[^A-Za-z0-9_-]/g, "_")}-${stamp}.tqb`;
}
